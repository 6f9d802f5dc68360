"""A long article costs QA in proportion to its length: what the checks derive from the whole
article is derived once, not once per segment (a 10,000-segment article that names one person
in every sentence took 218 s, now 5 s: `python benchmarks/run.py tui` opens one of 20,000)."""

from __future__ import annotations

from typing import Any

import pytest

from cipbilingual.models import State
from cipbilingual.qa import CheckContext, housewords, spelling
from cipbilingual.qa.engine import check_article
from tests.tui.conftest import make_article


def test_each_word_is_matched_against_the_pinyin_once(monkeypatch: pytest.MonkeyPatch) -> None:
    names = housewords.PinyinNames("汪泉说。" * 500)
    calls: list[str] = []
    real = housewords.PinyinNames._match

    def counted(self: Any, letters: str) -> bool:
        calls.append(letters)
        return real(self, letters)

    monkeypatch.setattr(housewords.PinyinNames, "_match", counted)
    assert all(names.spells("Wang") and names.spells("Quan") for _ in range(300))
    assert not names.spells("Wangx")
    assert calls == ["wang", "quan", "wangx"]


def test_the_article_s_chinese_is_joined_once_per_article() -> None:
    article = make_article(
        "long", "长文", [[f"汪泉第{n}句。" for n in range(1, 6)] for _ in range(40)]
    )
    for segment in article.segments:
        segment.target, segment.state = "Wang Quan spoke.", State.TRANSLATED
    ctx = CheckContext()
    seen: set[int] = set()
    real = spelling._sources

    def spy(unit: Any, context: CheckContext) -> str:
        joined = real(unit, context)
        seen.add(id(joined))
        return joined

    import unittest.mock

    with unittest.mock.patch.object(spelling, "_sources", spy):
        findings = check_article(article, ctx)
    assert len(seen) == 1
    assert not [f for f in findings if f.check == "spelling"]  # Wang Quan is the Chinese's name
