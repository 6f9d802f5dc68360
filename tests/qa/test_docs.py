"""The README's QA table lists every check of the registry, with its default severity."""

from __future__ import annotations

import re
from pathlib import Path

from cipbilingual.qa import CHECKS

README = Path(__file__).resolve().parents[2] / "README.md"


def test_the_readme_lists_every_check_with_its_default_severity() -> None:
    text = README.read_text(encoding="utf-8")
    section = text[text.index("## Quality checks") : text.index("## The catalog format")]
    rows = dict(re.findall(r"^\| `([a-z-]+)` \| (error|warning) \|", section, re.MULTILINE))
    assert rows == {c.name: str(c.severity) for c in CHECKS}
