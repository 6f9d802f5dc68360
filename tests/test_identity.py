"""Stable segment identity: pairing old and new sentences, fresh ids, what a re-import keeps."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cipbilingual.identity import fresh_ids, pair_sentences, reimport
from cipbilingual.models import (
    Approval,
    Article,
    ArticleMeta,
    Block,
    BlockKind,
    Segment,
    SegmentId,
    State,
    approval_digest,
)


def test_exact_pairs_in_order_then_moved() -> None:
    old = ["甲。", "乙。", "丙。", "丁。"]
    new = ["丁。", "甲。", "乙。", "丙。"]
    pairing = pair_sentences(old, new)
    assert pairing.exact == {0: 3, 1: 0, 2: 1, 3: 2}
    assert pairing.fuzzy == {}


def test_fuzzy_pairs_only_between_anchors_and_in_order() -> None:
    old = ["园区今年新增项目17个。", "会议在常州召开。", "汪泉出席会议并讲话。"]
    new = ["园区今年新增项目18个。", "会议在常州召开。", "汪泉出席了会议并作讲话。", "全新的一句。"]
    pairing = pair_sentences(old, new)
    assert pairing.exact == {1: 1}
    assert pairing.fuzzy == {0: 0, 2: 2}


def test_fuzzy_prefers_the_best_total_not_the_first_candidate() -> None:
    old = ["中以常州创新园召开工作会议。", "中以常州创新园召开年度工作计划会议。"]
    new = ["中以常州创新园召开2020年度工作计划会议。"]
    assert pair_sentences(old, new).fuzzy == {0: 1}


def test_unlike_sentences_are_not_paired() -> None:
    assert pair_sentences(["园区体制机制逐步完善。"], ["天气晴朗。"]).fuzzy == {}


@settings(max_examples=60, deadline=None)
@given(
    old=st.lists(
        st.sampled_from(["甲乙丙。", "甲乙丁。", "戊己。", "庚辛壬癸。", "子丑。"]), max_size=8
    ),
    new=st.lists(
        st.sampled_from(["甲乙丙。", "甲乙戊。", "戊己。", "庚辛壬。", "寅卯。"]), max_size=8
    ),
)
def test_pairing_is_one_to_one_and_fuzzy_keeps_order(old: list[str], new: list[str]) -> None:
    pairing = pair_sentences(old, new)
    pairs = {**pairing.exact, **pairing.fuzzy}
    assert len(set(pairs.values())) == len(pairs)
    assert all(old[i] == new[j] for j, i in pairing.exact.items())
    fuzzy = sorted(pairing.fuzzy.items())
    assert [i for _, i in fuzzy] == sorted(i for _, i in fuzzy)


def _segment(sid: str, source: str, block: int, target: str = "", approve: bool = False) -> Segment:
    seg = Segment(SegmentId.parse(sid), source, target, block=block)
    if target:
        seg.state = State.TRANSLATED
    if approve:
        seg.state = State.APPROVED
        seg.approval = Approval(
            "wang", "2026-11-25T10:00:00Z", approval_digest(seg.id, source, target)
        )
    return seg


def _article(segments: list[Segment], blocks: int) -> Article:
    kinds = [Block(i, BlockKind.TITLE if i == 0 else BlockKind.PARAGRAPH) for i in range(blocks)]
    return Article(ArticleMeta("a"), kinds, segments)


def _fresh(*paragraphs: list[str]) -> Article:
    segments = [
        Segment(SegmentId(b, n), text)
        for b, texts in enumerate(paragraphs)
        for n, text in enumerate(texts, start=1)
    ]
    return _article(segments, len(paragraphs))


def test_reimport_keeps_ids_and_never_reuses_a_retired_one() -> None:
    old = _article(
        [
            _segment("t.s1", "标题。", 0, "Title.", approve=True),
            _segment("p1.s1", "第一句。", 1, "First.", approve=True),
            _segment("p1.s2", "第二句。", 1),  # never translated
            _segment("p1.s3", "第三句话很长。", 1, "Third.", approve=True),
            _segment("p2.s1", "另一段。", 2, "Another."),
        ],
        3,
    )
    fresh = _fresh(
        ["标题。"], ["第一句。", "插入的句子。", "第三句话很长啊。"], ["新的一段。"], ["另一段。"]
    )
    merged, done = reimport(old, fresh)
    ids = [str(s.id) for s in merged.segments]
    # p1.s2 left (no English): its id is retired all the same, so the inserted sentence is p1.s4.
    assert ids == ["t.s1", "p1.s1", "p1.s4", "p1.s3", "p3.s1", "p2.s1"]
    assert [s.block for s in merged.segments] == [0, 1, 1, 1, 2, 3]
    assert done.added == ["p1.s4", "p3.s1"]
    assert done.changed == ["p1.s3"]
    assert [str(s.id) for s in done.removed] == ["p1.s2"]
    assert merged.meta.retired_ids == {SegmentId(1, 2)}
    kept = merged.segment("p1.s1")
    assert kept == old.segment("p1.s1") and kept.approval_is_valid()
    edited = merged.segment("p1.s3")
    assert (edited.state, edited.target, edited.previous_source) == (
        State.DRAFT,
        "Third.",
        "第三句话很长。",
    )
    assert edited.approval is None


def test_a_sentence_that_comes_back_gets_its_retired_segment_back() -> None:
    old = _article(
        [
            _segment("p1.s1", "第一句。", 1, "First.", approve=True),
            _segment("p1.s2", "第二句。", 1, "Second.", approve=True),
        ],
        2,
    )
    without, done = reimport(old, _fresh([], ["第一句。"]))
    assert [str(s.id) for s in done.removed] == ["p1.s2"]
    assert [str(s.id) for s in without.retired] == ["p1.s2"]
    back, done = reimport(without, _fresh([], ["第一句。", "第二句。"]))
    assert done.restored == ["p1.s2"] and done.added == []
    restored = back.segment("p1.s2")
    assert restored.state is State.APPROVED and restored.approval_is_valid()
    assert back.retired == [] and back.meta.retired_ids == set()


def test_fresh_ids_follow_the_block_series_and_skip_everything_used() -> None:
    segments = [
        _segment("t.s1", "标题。", 0),
        _segment("t.s9", "新标题句。", 0),
        _segment("p4.s1", "旧。", 1),
        _segment("p9.s9", "新。", 1),
        _segment("p9.s9", "新段。", 2),
    ]
    used = {SegmentId(0, 1), SegmentId(4, 1), SegmentId(4, 2), SegmentId(6, 1)}
    assert [str(s) for s in fresh_ids(segments, [1, 3, 4], used)] == ["t.s2", "p4.s3", "p7.s1"]


def test_a_huge_unmatched_stretch_pairs_nearby_sentences_in_order(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import cipbilingual.identity as identity

    monkeypatch.setattr(identity, "_FULL_ALIGNMENT_LIMIT", 4)
    old = ["园区今年新增项目17个。", "会议在常州召开。", "汪泉出席会议并讲话。"]
    new = ["园区今年新增项目18个。", "会议在常州市召开。", "全新的一句。", "汪泉出席了会议并讲话。"]
    assert pair_sentences(old, new).fuzzy == {0: 0, 1: 1, 3: 2}
