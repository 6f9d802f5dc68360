"""The prefilter never changes the answer: same top N as a full rapidfuzz scan."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz, process

from cipbilingual.tm.fuzzy import FuzzyIndex

# A small alphabet makes near-misses, repeats and ties common.
_TEXT = st.text(
    alphabet="中以常州创新园区的。，12", min_size=1, max_size=14
)  # keys are never empty


def _full_scan(keys: list[str], query: str, cutoff: float, limit: int) -> list[tuple[int, float]]:
    found = process.extract(query, keys, scorer=fuzz.ratio, score_cutoff=cutoff, limit=None)
    found = [f for f in found if f[1] > 0]
    found.sort(key=lambda f: (-f[1], f[2]))
    return [(index, score) for _, score, index in found[:limit]]


@settings(max_examples=300, deadline=None)
@given(
    keys=st.lists(_TEXT, min_size=0, max_size=40),
    query=_TEXT,
    cutoff=st.sampled_from([0.5, 30, 50, 70, 90, 100]),
    limit=st.integers(min_value=1, max_value=6),
)
def test_same_answer_as_a_full_scan(keys: list[str], query: str, cutoff: float, limit: int) -> None:
    index = FuzzyIndex(keys)
    assert index.search(query, cutoff, limit) == _full_scan(keys, query, cutoff, limit)


def test_masked_positions_are_skipped_and_can_come_back() -> None:
    index = FuzzyIndex(["中以常州创新园", "中以常州创新园区", "无关的句子"])
    assert [p for p, _ in index.search("中以常州创新园", 70, 5)] == [0, 1]
    index.mask([0])
    assert [p for p, _ in index.search("中以常州创新园", 70, 5)] == [1]
    index.mask([0], hidden=False)
    assert [p for p, _ in index.search("中以常州创新园", 70, 5)] == [0, 1]


def test_empty_index_and_empty_query() -> None:
    assert FuzzyIndex([]).search("中", 70, 5) == []
    assert FuzzyIndex(["", "中"]).search("", 0.5, 5) == []
