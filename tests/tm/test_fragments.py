"""Fragment matches: coverage of the query by verbatim passages of at least N characters."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cipbilingual.models import State
from cipbilingual.tm import MatchKind, TranslationMemory
from cipbilingual.tm.fragments import FragmentIndex
from tests.tm.helpers import make_article

_TEXT = st.text(alphabet="中以常州创新园区，。", min_size=1, max_size=24)


def _coverage(query: str, key: str, n: int) -> float:
    covered = [False] * len(query)
    for j in range(len(query) - n + 1):
        if query[j : j + n] in key:
            covered[j : j + n] = [True] * n
    return 100.0 * sum(covered) / len(query)


@settings(max_examples=200, deadline=None)
@given(keys=st.lists(_TEXT, max_size=20), query=_TEXT, n=st.integers(2, 5))
def test_coverage_is_what_the_definition_says(keys: list[str], query: str, n: int) -> None:
    index = FragmentIndex(keys, gram=n)
    expected = sorted(
        ((i, c) for i, k in enumerate(keys) if (c := _coverage(query, k, n)) > 0 and c >= 30),
        key=lambda item: (-item[1], item[0]),
    )
    assert index.search(query, 30, 1000) == expected[:1000]


def test_a_condensed_sentence_finds_the_long_one_it_came_from() -> None:
    long = (
        "他强调，要全力以赴承接好国家使命，积极对接科技部和省科技厅；要协调支持园区建设，"
        "各相关部门要落实主体责任，统筹考虑中以常州创新园发展需求，认真研究制定2020年中以"
        "合作重点工作计划，用好用足现有资源，为中以常州创新园提供有力支撑。"
    )
    tm = TranslationMemory()
    tm.add_article(
        make_article(
            "visit", [("标题。", "Title", State.APPROVED), (long, "Long English.", State.APPROVED)]
        )
    )
    query = (
        "各相关部门要落实主体责任，统筹考虑园区发展需求，用好用足现有资源，"
        "为中以常州创新园提供有力支撑。"
    )
    [match] = tm.lookup(query)
    assert match.kind is MatchKind.FRAGMENT and match.target == "Long English."
    assert 70 <= match.score <= 99
    assert match.numbers == ()  # 2020 is only in the stored sentence: nothing stale to copy
    # a figure of the query the stored sentence lacks is named
    [with_number] = tm.lookup(
        "各相关部门要落实主体责任，统筹考虑园区发展需求，用好用足现有资源，为2021年中以常州创新园提供有力支撑。"
    )
    assert [(n.query, n.match) for n in with_number.numbers] == [("2021年", "")]


def test_fragments_only_fill_places_real_matches_leave() -> None:
    tm = TranslationMemory()
    rows = [("标题。", "Title", State.APPROVED)] + [
        (f"中以常州创新园负责人汇报了园区运行情况第{i}次。", f"Report {i}", State.APPROVED)
        for i in range(8)
    ]
    tm.add_article(make_article("a", rows))
    matches = tm.lookup("中以常州创新园负责人汇报了园区运行情况第9次。", limit=3)
    assert [m.kind for m in matches] == [MatchKind.FUZZY] * 3
