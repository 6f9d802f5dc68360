"""Character diffs and number differences shown beside fuzzy matches."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from cipbilingual.tm.diff import char_diff, render_diff
from cipbilingual.tm.model import DiffOp
from cipbilingual.tm.quantities import number_differences


def test_diff_marks_what_changed() -> None:
    chunks = char_diff("园区累计运营以色列企业17家。", "园区累计运营以色列外商独资企业90家。")
    assert render_diff(chunks) == "园区累计运营以色列{+外商独资+}企业[-17-]{+90+}家。"
    assert [c.op for c in chunks] == [
        DiffOp.EQUAL, DiffOp.INSERT, DiffOp.EQUAL, DiffOp.REPLACE, DiffOp.EQUAL,
    ]  # fmt: skip


@given(st.text(max_size=20), st.text(max_size=20))
def test_diff_rebuilds_both_sides(old: str, new: str) -> None:
    chunks = char_diff(old, new)
    assert "".join(c.old for c in chunks) == old
    assert "".join(c.new for c in chunks) == new


def test_numbers_that_differ() -> None:
    pairs = [(d.query, d.match) for d in number_differences("企业达17家", "企业达10家")]
    assert pairs == [("17", "10")]
    money = number_differences("总投资3.6亿元，增长12%", "总投资2.8亿元，增长12%")
    assert [(d.query, d.match) for d in money] == [("3.6亿", "2.8亿")]
    assert str(money[0]) == "3.6亿 vs 2.8亿"


def test_same_numbers_in_another_width_are_no_difference() -> None:
    assert number_differences("12月9日，90家", "12月9日，９０家") == ()


def test_a_number_only_on_one_side() -> None:
    pairs = [(d.query, d.match) for d in number_differences("2020年计划", "计划")]
    assert pairs == [("2020年", "")]
