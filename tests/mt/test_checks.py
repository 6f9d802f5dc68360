"""Number agreement, loop detection, left-over Chinese, and cutting over-long segments."""

from __future__ import annotations

from cipbilingual.models import Term, TermMatch
from cipbilingual.mt.protect import protect
from cipbilingual.mt.rerank import cjk_count, find_loop, number_agreement
from cipbilingual.mt.split import split_long


def test_numbers_agree_across_scales_and_months() -> None:
    assert number_agreement("投资3.6亿元", "an investment of 360 million yuan") == 1.0
    assert number_agreement("投资3.6亿元", "an investment of 360,000,000 yuan") == 1.0
    assert number_agreement("投资3.6亿元", "an investment of 3.6 billion yuan") == 0.0
    assert number_agreement("12月9日上午", "on the morning of December 9") == 1.0
    assert number_agreement("达90家，增长１５％", "reached 90, up 15%") == 1.0
    assert number_agreement("达90家", "reached many") == 0.0
    assert number_agreement("没有数字", "no numbers") == 1.0


def test_loops_are_found_and_normal_english_is_not() -> None:
    assert find_loop("the city of the city of the city of the city") == "the city of"
    assert find_loop("Park Park Park") == "park"
    assert find_loop("He said that the park is what the park needs.") == ""
    assert find_loop(" ".join(["a", "b", "c", "d"] * 8)) != ""


def test_chinese_left_in_english_is_counted() -> None:
    assert cjk_count("the 创新 park") == 2
    assert cjk_count("the park, “quoted”.") == 0


def test_long_segment_is_cut_at_clauses_and_never_inside_a_term() -> None:
    term = Term("中以常州创新园", "China-Israel Changzhou Innovation Park")
    source = "，".join(["中以常州创新园召开会议"] * 60) + "。"
    matches = []
    start = 0
    while (found := source.find(term.source, start)) >= 0:
        matches.append(TermMatch(found, found + len(term.source), term))
        start = found + 1
    protected, _ = protect(source, matches)
    parts = split_long(protected, len, 200)
    assert len(parts) > 1
    assert all(len(p.text) <= 200 for p in parts)
    assert sum(len(p.slots) for p in parts) == 60
    for part in parts:
        for slot in part.slots:
            assert part.text[slot.start : slot.end] == slot.english
    assert parts[0].text.endswith("，")


def test_a_clause_without_punctuation_is_halved() -> None:
    protected, _ = protect("会" * 3000, [])
    parts = split_long(protected, len, 250)
    assert all(len(p.text) <= 250 for p in parts)
    assert "".join(p.text for p in parts) == "会" * 3000


def test_short_text_is_one_part() -> None:
    protected, _ = protect("短句。", [])
    assert split_long(protected, len, 10) == [protected]
