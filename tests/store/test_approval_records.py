"""An approval's QA override and SSH signature are comment lines that survive a save, GNU msgcat
and a hand edit that voids the approval."""

from __future__ import annotations

from pathlib import Path

from cipbilingual.models import (
    Approval,
    Article,
    ArticleMeta,
    Block,
    BlockKind,
    Override,
    Segment,
    SegmentId,
    State,
    approval_digest,
)
from cipbilingual.store import dumps_article, loads_article
from tests.store.conftest import Msgcat

PATH = Path("articles/records/en.po")
SIGNATURE = "U1NIU0lHAAAAAQAAADMAAAALc3NoLWVkMjU1MTkAAAAg" + "A" * 120 + "=="


def article() -> Article:
    sid = SegmentId(1, 1)
    source, target = "园区新增项目17个。", "The park added 71 projects."
    seg = Segment(
        sid,
        source,
        target,
        State.APPROVED,
        translator="li",
        translated_at="2026-11-25T09:00:00Z",
        approval=Approval(
            "wang",
            "2026-11-25T10:00:00Z",
            approval_digest(sid, source, target),
            Override(("numbers", "glossary-forbidden"), "The park's own notice says 71 \\ odd"),
            SIGNATURE,
        ),
    )
    blocks = [Block(0, BlockKind.TITLE), Block(1, BlockKind.PARAGRAPH)]
    return Article(ArticleMeta("records"), blocks, [Segment(SegmentId(0, 1), "标题"), seg])


def test_override_and_signature_lines(msgcat: Msgcat) -> None:
    text = dumps_article(article())
    assert "# override: numbers,glossary-forbidden The park's own notice says 71 \\\\ odd\n" in text
    assert f"# signature: {SIGNATURE}\n" in text
    assert msgcat(text) == text
    assert loads_article(msgcat(text), PATH) == article()


def test_a_void_approval_takes_its_override_and_signature_with_it() -> None:
    text = dumps_article(article()).replace("71 projects", "17 projects")
    loaded = loads_article(text, PATH)
    seg = loaded.segments[1]
    assert (seg.state, seg.approval) == (State.TRANSLATED, None)
    [void] = loaded.void_approvals
    assert (str(void.segment), void.by) == ("p1.s1", "wang")
    assert void.reason == "the text changed since it was approved"
    again = dumps_article(loaded)
    assert "# override:" not in again and "# signature:" not in again


def test_stray_records_without_an_approval_are_kept_as_notes() -> None:
    seg = Segment(SegmentId(0, 1), "标题", "Title", State.TRANSLATED)
    seg.comments = []
    base = Article(ArticleMeta("records"), [Block(0, BlockKind.TITLE)], [seg])
    text = dumps_article(base).replace(
        "# state: translated", "# state: translated\n# override: numbers why"
    )
    loaded = loads_article(text, PATH)
    assert loaded.segments[0].comments == ["override: numbers why"]
    assert "# \\override: numbers why" in dumps_article(loaded)


def test_a_kept_merge_clash_keeps_each_sides_override_and_signature(msgcat: Msgcat) -> None:
    import copy

    from cipbilingual.models import SegmentConflict

    base = article()
    seg = base.segments[1]
    mine = copy.deepcopy(seg)
    theirs = copy.deepcopy(seg)
    theirs.target, theirs.state, theirs.approval = (
        "The park added 17 projects.",
        State.TRANSLATED,
        None,
    )
    seg.state, seg.approval = State.NEEDS_WORK, None
    seg.conflict = SegmentConflict(mine, theirs, "both sides changed the English")
    text = dumps_article(base)
    assert msgcat(text) == text
    loaded = loads_article(text, PATH).segments[1]
    assert loaded.conflict is not None
    kept = loaded.conflict.mine.approval
    assert kept is not None and kept.signature == SIGNATURE
    assert kept.override == Override(("numbers", "glossary-forbidden"), seg_reason())


def seg_reason() -> str:
    approval = article().segments[1].approval
    assert approval is not None and approval.override is not None
    return approval.override.reason
