"""Every hostile input in the corpus, through the CLI: the documented exit code, one line on
stderr, no traceback, nothing written inside or outside the workspace (see harness.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.hostile.cases import CASES
from tests.hostile.harness import Case, Zygote, run_case


def test_the_corpus_is_large_and_unambiguous() -> None:
    ids = [case.id for case in CASES]
    assert len(ids) == len(set(ids))
    assert len(CASES) >= 80


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_hostile_input_is_refused_cleanly(
    case: Case, cli_zygote: Zygote, hostile_template: Path, tmp_path: Path
) -> None:
    outcome = run_case(cli_zygote, case, hostile_template, tmp_path / "case")
    assert outcome.problems() == [], outcome.err
