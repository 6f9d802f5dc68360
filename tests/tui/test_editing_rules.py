"""workflow.editing: the rules for saving one segment from an editor, without the UI."""

from __future__ import annotations

import copy

import pytest

from cipbilingual.errors import PermissionRefused, Refusal, UsageError
from cipbilingual.models import Origin, Segment, SegmentId, State
from cipbilingual.workflow.editing import (
    EditConflict,
    SegmentEdit,
    Step,
    merge_reload,
    record_edit,
    reject_with_reason,
    save_segment,
)
from cipbilingual.workspace import Workspace

SID = SegmentId(0, 1)


def test_typing_into_a_new_segment_makes_an_unconfirmed_draft() -> None:
    seg = Segment(SID, "标题")
    assert record_edit(seg, "Title", "li")
    assert (seg.state, seg.target, seg.translator) == (State.DRAFT, "Title", "li")
    assert record_edit(seg, "", "li") and seg.state is State.NEW
    assert not record_edit(seg, "", "li")


def test_editing_an_approved_segment_takes_it_back_to_translated() -> None:
    seg = Segment(SID, "标题", "Title", State.TRANSLATED)
    from cipbilingual.workflow.articles import approve

    approve(seg, "wang")
    record_edit(seg, "Headline", "li")
    assert seg.state is State.TRANSLATED and seg.approval is None


def test_a_segment_sent_back_keeps_its_reason_until_confirmed(ws: Workspace) -> None:
    with ws.edit("work-plan") as article:
        seg = article.segment("p1.s1")
        seg.state, seg.reason = State.NEEDS_WORK, "spell CIP out"
    edit = SegmentEdit(
        "work-plan", SegmentId(1, 1), "The China-Israel park met.", "The CIP held a work meeting."
    )
    saved = save_segment(ws, edit, "li", Step.SAVE)
    assert (saved.segment.state, saved.segment.reason) == (State.NEEDS_WORK, "spell CIP out")
    edit2 = SegmentEdit(
        "work-plan", SegmentId(1, 1), "The China-Israel park met.", saved.segment.target
    )
    confirmed = save_segment(ws, edit2, "li", Step.CONFIRM)
    assert (confirmed.segment.state, confirmed.segment.reason) == (State.TRANSLATED, "")


def test_save_refuses_to_overwrite_someone_elses_change(ws: Workspace) -> None:
    with ws.edit("work-plan") as article:
        article.segment("t.s1").target = "Theirs"
    edit = SegmentEdit("work-plan", SID, "Mine", base="")
    before = ws.catalog_path("work-plan").read_bytes()
    with pytest.raises(EditConflict) as caught:
        save_segment(ws, edit, "li", Step.CONFIRM)
    assert caught.value.theirs.target == "Theirs"
    assert ws.catalog_path("work-plan").read_bytes() == before  # nothing written
    forced = save_segment(
        ws, SegmentEdit("work-plan", SID, "Mine", "", force=True), "li", Step.CONFIRM
    )
    assert forced.segment.target == "Mine"


def test_save_changes_only_its_own_segment(ws: Workspace) -> None:
    held = ws.load("work-plan")
    with ws.edit("work-plan") as article:  # someone else, meanwhile
        article.segment("p3.s2").target = "Total investment reached 360 million yuan."
    saved = save_segment(ws, SegmentEdit("work-plan", SID, "Title", ""), "li", Step.CONFIRM)
    assert saved.article.segment("p3.s2").target.startswith("Total investment")
    report = merge_reload(held, saved.article, SID, None, "")
    assert [str(s) for s in report.changed] == ["p3.s2"] and report.refresh_open


def test_an_unchanged_article_is_not_rewritten(ws: Workspace) -> None:
    path = ws.catalog_path("work-plan")
    stamp = path.stat().st_mtime_ns
    saved = save_segment(ws, SegmentEdit("work-plan", SID, "", ""), "li", Step.SAVE)
    assert not saved.changed and path.stat().st_mtime_ns == stamp


def test_roles_and_empty_text(ws: Workspace) -> None:
    edit = SegmentEdit(
        "work-plan", SegmentId(1, 1), "The CIP held a work meeting.", "The CIP held a work meeting."
    )
    with pytest.raises(PermissionRefused):
        save_segment(ws, edit, "li", Step.APPROVE)
    with pytest.raises(UsageError):
        save_segment(ws, SegmentEdit("work-plan", SID, "  ", ""), "li", Step.CONFIRM)
    with pytest.raises(Refusal):
        reject_with_reason(ws, SegmentEdit("work-plan", SID, "", ""), "why", "wang")
    with pytest.raises(UsageError):
        reject_with_reason(ws, edit, "  ", "wang")
    approved = save_segment(ws, edit, "wang", Step.APPROVE)
    assert approved.segment.state is State.APPROVED and approved.segment.approval_is_valid()
    again = save_segment(ws, edit, "wang", Step.CONFIRM)  # confirming unchanged text keeps it
    assert again.segment.state is State.APPROVED and not again.changed


def test_an_inserted_suggestion_records_its_origin(ws: Workspace) -> None:
    origin = Origin("tm", "approved-one t.s1", 87.0)
    edit = SegmentEdit("work-plan", SID, "China-Israel Innovation Park", "", origin)
    saved = save_segment(ws, edit, "li", Step.CONFIRM)
    assert saved.segment.origin == origin and saved.segment.state is State.TRANSLATED


def test_merge_reload_marks_a_conflict_only_under_an_unsaved_edit(ws: Workspace) -> None:
    held = ws.load("work-plan")
    fresh = copy.deepcopy(held)
    fresh.segment("t.s1").target = "Theirs"
    assert merge_reload(held, fresh, SID, "Mine", "").conflict is not None
    assert merge_reload(held, fresh, SID, "Theirs", "").conflict is None  # the same text
    assert merge_reload(held, fresh, SID, None, "").refresh_open
    fresh.segments.pop()
    assert merge_reload(held, fresh, SID, None, "").structure_changed


def test_approving_a_draft_records_the_editor_as_its_translator(ws: Workspace) -> None:
    draft = "The CIP held a work meeting."
    saved = save_segment(
        ws, SegmentEdit("work-plan", SegmentId(1, 1), draft, draft), "wang", Step.APPROVE
    )
    assert (saved.segment.state, saved.segment.translator) == (State.APPROVED, "wang")
    assert saved.segment.approval is not None and saved.segment.approval.by == "wang"


def test_queued_saves_of_one_segment_chain_their_bases() -> None:
    from cipbilingual.tui.ledger import SaveLedger

    ledger = SaveLedger()
    ledger.seen(SID, "")
    assert not ledger.is_dirty(SID, "")
    ledger.sent(SID, "Pa")  # base ""
    assert ledger.base(SID) == "Pa"  # the next save expects the first one to have landed
    ledger.sent(SID, "Park")
    ledger.seen(SID, "Pa")  # a reload between the two saves does not move the base back
    assert ledger.base(SID) == "Park"
    ledger.landed(SID)
    ledger.landed(SID)
    ledger.seen(SID, "Park!")  # someone else's change, read once nothing is on its way
    assert ledger.base(SID) == "Park!" and ledger.is_dirty(SID, "Park")
