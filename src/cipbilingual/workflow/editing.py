"""Saving one segment from an interactive editor: unconfirmed edits, confirm, approve, with
conflict detection against what the editor last saw on disk, and merging a reloaded article."""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from cipbilingual import limits
from cipbilingual.errors import ConflictError, Refusal, UsageError
from cipbilingual.history import recording
from cipbilingual.models import Act, Article, HistoryRecord, Origin, Segment, SegmentId, State
from cipbilingual.text import check_text
from cipbilingual.workflow.articles import apply_translation, reject
from cipbilingual.workflow.common import now_iso
from cipbilingual.workflow.gate import QAErrors, grant_approvals
from cipbilingual.workflow.people import require_editor, require_person
from cipbilingual.workspace import Workspace


class EditConflict(ConflictError):
    """Someone else changed the segment's English since the editor loaded it; nothing was saved.
    `theirs` is the segment as it is on disk now."""

    def __init__(self, theirs: Segment) -> None:
        super().__init__(
            f"{theirs.id} was changed by someone else",
            hint="keep your text or take theirs",
        )
        self.theirs = theirs


class Step(StrEnum):
    """What the editor asks for when it hands over a segment's text."""

    SAVE = "save"  # keep the text; do not confirm it
    CONFIRM = "confirm"  # the translator confirms it: translated
    APPROVE = "approve"  # an editor approves it (after saving their own change, if any)


@dataclass(frozen=True)
class SegmentEdit:
    """One segment's text as the editor holds it, and the English it was based on."""

    slug: str
    segment_id: SegmentId
    text: str
    base: str  # the segment's English on disk when the editor last loaded or saved it
    origin: Origin | None = None  # set when the text came from an inserted MT/TM suggestion
    force: bool = False  # the person chose to keep their text over a conflicting change
    reverts: HistoryRecord | None = None  # the history version whose English this puts back


@dataclass(frozen=True)
class Saved:
    """What a save did: the segment as stored, and the whole article as it now is on disk."""

    segment: Segment
    article: Article
    changed: bool


class ApprovalRefused(QAErrors):
    """Approving from an editor was refused for QA errors (no override reason). The English
    the person typed was saved all the same (as translated); `saved` says what is on disk."""

    def __init__(self, refusal: QAErrors, saved: Saved) -> None:
        super().__init__(
            refusal.message, refusal.findings, hint=refusal.hint, details=refusal.details
        )
        self.saved = saved


def record_edit(segment: Segment, text: str, person: str, origin: Origin | None = None) -> bool:
    """The rule for text typed but not confirmed. A new or draft segment stays unconfirmed
    (draft; new again when emptied); a translated or approved one is a human translation
    (translated: editing voids an approval); a segment sent back keeps its reason until it is
    confirmed. Returns whether anything changed."""
    if text == segment.target and (origin is None or origin == segment.origin):
        return False
    if segment.state in (State.TRANSLATED, State.APPROVED) and text.strip():
        apply_translation(segment, text, person)
    else:
        segment.target = text
        segment.translator = person
        segment.translated_at = now_iso()
        segment.approval = None
        segment.post_edit = None
        segment.drop_stale_silences()
        if segment.state is not State.NEEDS_WORK:
            segment.state = State.DRAFT if text.strip() else State.NEW
    if origin is not None:
        segment.origin = origin
    return True


def save_segment(
    ws: Workspace,
    edit: SegmentEdit,
    person: str,
    step: Step = Step.SAVE,
    reason: str = "",
    *,
    override: str | None = None,
) -> Saved:
    """Apply one editor's change to one segment under the article lock, leaving every other
    segment as it is on disk; each act is recorded in the history. Approving follows the
    publish gate (`gate.grant_approvals`): a segment with QA errors needs an `override` reason,
    one sent back and unchanged since a `reason`, and it is signed when the workspace signs.
    Raises EditConflict (someone else changed this segment's English since `edit.base`, and
    `force` is off), UsageError (confirming empty text, an empty override), ReasonRequired,
    PermissionRefused (approving as a translator), ApprovalRefused (QA errors: the English is
    saved, not approved), SigningError, InputError (a control character, over the length
    limit), NotFoundError."""
    role_check = require_editor if step is Step.APPROVE else require_person
    role_check(ws.settings, person)
    check_text(edit.text, f"the English of {edit.segment_id}", limit=limits.SEGMENT_CHARS)
    if step is not Step.SAVE and not edit.text.strip():
        raise UsageError(f"{edit.segment_id} has no English to {step}")
    text = edit.text.strip() if step is not Step.SAVE else edit.text
    with ws.lock(edit.slug):
        article = ws.load(edit.slug)
        segment = article.segment(edit.segment_id)
        if (
            not edit.force
            and segment.target != edit.base
            and segment.target.strip() != text.strip()
        ):
            raise EditConflict(copy.deepcopy(segment))
        before = copy.deepcopy(segment)
        if step is Step.SAVE:
            with recording(article, Act.EDIT, segment, person):
                record_edit(segment, text, person, edit.origin)
        else:
            settled = segment.state is State.APPROVED and segment.approval_is_valid()
            unconfirmed = segment.state in (State.NEW, State.DRAFT)
            details = {}
            if edit.reverts is not None and step is Step.CONFIRM:
                details = {"ref": edit.reverts.id, "reason": revert_reason(edit.reverts)}
            with recording(article, Act.TRANSLATE, segment, person, **details):
                if (
                    text != segment.target
                    or (step is Step.CONFIRM and not settled)
                    or (step is Step.APPROVE and unconfirmed)  # approving a draft confirms it
                ):
                    apply_translation(segment, text, person)
                if edit.origin is not None:
                    segment.origin = edit.origin
            if step is Step.APPROVE and not (
                segment.state is State.APPROVED and segment.approval_is_valid()
            ):
                try:
                    grant_approvals(ws, article, [segment], person, override, reason=reason)
                except QAErrors as refusal:
                    # The approval is refused, not the person's English: that is kept.
                    if segment != before:
                        ws.save(article)
                    saved = Saved(copy.deepcopy(segment), article, segment != before)
                    raise ApprovalRefused(refusal, saved) from None
        changed = segment != before
        if changed:
            # An unchanged article is not rewritten, so other editors are not made to reload.
            ws.save(article)
    return Saved(copy.deepcopy(segment), article, changed)


def revert_reason(version: HistoryRecord) -> str:
    """What a revert records as its reason: whose English, from when, came back."""
    return f"revert to the English of {version.act} by {version.by or 'nobody'}, {version.at}"


def reject_with_reason(ws: Workspace, edit: SegmentEdit, reason: str, person: str) -> Saved:
    """An editor sends the segment back with a reason (needs work), saving the text they see.
    Raises PermissionRefused, UsageError (empty reason), InputError (a control character, over
    the length limit), Refusal (no English), EditConflict."""
    require_editor(ws.settings, person)
    why = " ".join(check_text(reason, "the reason", limit=limits.REASON_CHARS).split())
    if not why:
        raise UsageError("a rejection needs a reason")
    if not edit.text.strip():
        raise Refusal(f"{edit.segment_id} has no English yet; there is nothing to send back")
    with ws.edit(edit.slug) as article:
        segment = article.segment(edit.segment_id)
        if not edit.force and segment.target != edit.base and segment.target != edit.text:
            raise EditConflict(copy.deepcopy(segment))
        if segment.target != edit.text:
            with recording(article, Act.TRANSLATE, segment, person):
                apply_translation(segment, edit.text, person)
        with recording(article, Act.REJECT, segment, person, reason=why):
            reject(segment, why, person)
    return Saved(copy.deepcopy(segment), article, True)


@dataclass
class Reload:
    """What changed between the article an editor holds and the one now on disk."""

    article: Article
    changed: list[SegmentId] = field(default_factory=list)  # other segments updated from disk
    conflict: Segment | None = None  # the open segment changed on disk under an unsaved edit
    refresh_open: bool = False  # the open segment changed on disk and the editor may show it
    structure_changed: bool = False  # segments added or removed (a re-import)


def merge_reload(
    held: Article, fresh: Article, open_id: SegmentId | None, unsaved: str | None, base: str
) -> Reload:
    """Compare the held article with the one on disk. Every other segment takes the disk version;
    the open segment takes it too unless the person has an unsaved edit, in which case a change
    on disk to its English is a conflict to resolve (never a silent overwrite)."""
    held_by_id = {s.id: s for s in held.segments}
    report = Reload(fresh)
    report.structure_changed = [s.id for s in held.segments] != [s.id for s in fresh.segments]
    for seg in fresh.segments:
        old = held_by_id.get(seg.id)
        if old is not None and old == seg:
            continue
        if seg.id == open_id:
            if unsaved is not None and seg.target != base and seg.target != unsaved:
                report.conflict = copy.deepcopy(seg)
            elif unsaved is None:
                report.refresh_open = True
            continue
        report.changed.append(seg.id)
    return report


def segments_in_state(article: Article, states: Sequence[State]) -> list[Segment]:
    """The article's segments in any of `states`, in document order."""
    wanted = set(states)
    return [s for s in article.segments if s.state in wanted]
