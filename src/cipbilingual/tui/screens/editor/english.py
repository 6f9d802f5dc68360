"""The English box and the conflict bar: typing, saving (on leaving a segment, a second after
typing stops, on quit) and settling a clash with a change made on disk."""

from __future__ import annotations

from textual import on
from textual.widgets import Static, TextArea

from cipbilingual.errors import CipError
from cipbilingual.models import Segment
from cipbilingual.tui.dialogs.override import OverrideDialog
from cipbilingual.tui.i18n import _
from cipbilingual.tui.messages import SaveFailed, SegmentSaved
from cipbilingual.tui.screens.base import error_text
from cipbilingual.tui.screens.editor.base import EditorBase, post_from_thread
from cipbilingual.workflow.editing import ApprovalRefused, EditConflict, SegmentEdit, Step


class EnglishPart(EditorBase):
    """Keeps the English of the current segment and saves it through the save queue."""

    # -- typing -------------------------------------------------------------------------------
    def _is_dirty(self) -> bool:
        sid = self.current
        return sid is not None and self._ledger.is_dirty(sid, self.target.text)

    @on(TextArea.Changed, "#target")
    def target_changed(self) -> None:
        sid = self.current
        if sid is None:
            return
        if not self._typed and self.target.text == self._shown_text:
            return  # the segment's English as it was put in the box: nothing was typed
        self._typed = True
        dirty = self._is_dirty()
        self.segments_view.set_preview(sid, self.target.text if dirty else None)
        if dirty:
            self._autosave.poke()
        self._qa_timer.poke()

    def _autosave_now(self) -> None:
        self._save_current(Step.SAVE)

    # -- saving -------------------------------------------------------------------------------
    def pending_edit(self, *, include_conflicted: bool = False) -> SegmentEdit | None:
        """The current segment's unsaved English, if there is any (and, unless asked, no
        conflict holds it)."""
        sid = self.current
        if sid is None or not self._is_dirty():
            return None
        if self._conflict is not None and not include_conflicted:
            return None
        return SegmentEdit(self.slug, sid, self.target.text, self._ledger.base(sid), self._inserted)

    def has_conflict(self) -> bool:
        return self._conflict is not None

    def save_now(self) -> None:
        """Queue a save of the current segment's English if it was edited."""
        self._save_current(Step.SAVE)

    def _save_current(
        self, step: Step, *, force: bool = False, reason: str = "", override: str | None = None
    ) -> bool:
        sid = self.current
        if sid is None or self.article is None:
            return False
        if self._conflict is not None and not force:
            return False
        text = self.target.text
        if step is Step.SAVE and not self._is_dirty():
            return False
        self._autosave.cancel()
        base = self._conflict.target if force and self._conflict else self._ledger.base(sid)
        edit = SegmentEdit(self.slug, sid, text, base, self._inserted, force=force)
        self.submit(edit, step, reason, override)
        return True

    def submit(
        self, edit: SegmentEdit, step: Step, reason: str = "", override: str | None = None
    ) -> None:
        """Queue a save; its outcome comes back as SegmentSaved or SaveFailed. With a `reason`,
        an approval records it (a segment sent back and unchanged needs one), and any other
        step sends the segment back with it; `override` approves despite QA errors."""
        sid = edit.segment_id
        self._ledger.sent(sid, edit.text.strip() if step is not Step.SAVE else edit.text)
        services, person = self.services, self.cip.user

        def job() -> None:
            try:
                if step is Step.APPROVE:
                    saved = services.save(edit, person, step, reason, override)
                elif reason:
                    saved = services.reject(edit, reason, person)
                else:
                    saved = services.save(edit, person, step)
                stamp = services.stamp(edit.slug)
                # Known at once, so the disk watcher does not take our own save for someone
                # else's (a plain assignment; the UI thread only reads it).
                self._stamp = stamp
            except CipError as exc:
                post_from_thread(self, SaveFailed(edit, step, exc))
                return
            post_from_thread(self, SegmentSaved(edit, step, saved, stamp))

        services.saves.submit(job)

    def on_segment_saved(self, message: SegmentSaved) -> None:
        sid = message.edit.segment_id
        self._ledger.landed(sid)
        if message.stamp is not None:
            self._stamp = message.stamp
        if self.article is None:
            return
        if self.services.saves.busy():
            self._replace_segment(message.saved.segment)
        else:
            self._merge_from_disk(message.saved.article, notify=False)
        if sid == self.current:
            self._update_segment_title(self.segment(sid))
            self._show_merge_clash(self.segment(sid))
            if not self._is_dirty():
                self.segments_view.set_preview(sid, None)
            if message.saved.changed:
                self._load_history()
        saved = message.saved.segment
        if saved.approval is not None and saved.approval.override is not None:
            self._start_article_qa()  # the override now silences its errors: unflag them
        self._update_status()

    def on_save_failed(self, message: SaveFailed) -> None:
        sid = message.edit.segment_id
        self._ledger.landed(sid)
        error = message.error
        if isinstance(error, ApprovalRefused):
            self._approval_refused(message.edit, error)
            return
        if isinstance(error, EditConflict):
            self._ledger.seen(sid, error.theirs.target)
            if sid != self.current:
                # The person moved on; bring them back to the segment their text belongs to.
                self.show_segment(sid, save=False)
            if self.target.text != message.edit.text:
                self.target.replace_text(message.edit.text)
                self.segments_view.set_preview(sid, message.edit.text)
            self._set_conflict(error.theirs)
            return
        if self.article is not None:
            self._ledger.seen(sid, self.segment(sid).target)
        if sid != self.current:
            self.show_segment(sid, save=False)
            self.target.replace_text(message.edit.text)
            self.segments_view.set_preview(sid, message.edit.text)
        self.notify(error_text(error), severity="error", timeout=8)

    def _approval_refused(self, edit: SegmentEdit, refusal: ApprovalRefused) -> None:
        """QA errors stopped an approval (the English itself was saved): show them and ask the
        editor for the reason of an override, or leave the segment unapproved."""
        saved = refusal.saved.segment
        sid = saved.id
        self._ledger.seen(sid, saved.target)
        if self.article is not None:
            self._replace_segment(saved)
            if sid == self.current:
                self._update_segment_title(saved)
            self._update_status()

        def decided(reason: str | None) -> None:
            if not reason:
                self.notify(
                    _("{id} is not approved: it has QA errors.").format(id=sid),
                    severity="warning",
                )
                return
            again = SegmentEdit(edit.slug, sid, saved.target, saved.target, edit.origin)
            self.submit(again, Step.APPROVE, override=reason)

        label = str(sid)
        self.app.push_screen(OverrideDialog(label, saved.target, refusal.findings), decided)

    # -- conflicts ----------------------------------------------------------------------------
    def _set_conflict(self, theirs: Segment) -> None:
        self._conflict = theirs
        self._autosave.cancel()
        who = theirs.translator or _("someone else")
        bar = self.query_one("#conflict", Static)
        bar.update(
            _(
                "{who} changed this segment on disk: “{text}”. "
                "Alt+K keeps your text, Alt+T takes theirs."
            ).format(who=who, text=theirs.target or _("(empty)"))
        )
        bar.add_class("-shown")
        self.refresh_bindings()
        self.notify(
            _("This segment was changed on disk while you were editing it."), severity="warning"
        )

    def _clear_conflict(self) -> None:
        if self._conflict is None:
            return
        self._conflict = None
        self.query_one("#conflict", Static).remove_class("-shown")
        self.refresh_bindings()
        if self.current is not None and self.article is not None:
            self._show_merge_clash(self.segment(self.current))

    def action_keep_mine(self) -> None:
        if self._conflict is None:
            self._settle_merge("mine")
            return
        self._save_current(Step.SAVE, force=True)
        self._clear_conflict()

    def action_take_theirs(self) -> None:
        theirs = self._conflict
        if theirs is None:
            self._settle_merge("theirs")
            return
        if self.article is None:
            return
        self._clear_conflict()
        self._replace_segment(theirs)
        self._ledger.settle(theirs.id, theirs.target)
        self.target.replace_text(theirs.target)
        self.segments_view.set_preview(theirs.id, None)
        self._update_segment_title(theirs)

    def _blocked_by_conflict(self) -> bool:
        if self._conflict is None:
            return False
        self.notify(
            _("Settle the conflict first: Alt+K keeps your text, Alt+T takes theirs."),
            severity="warning",
        )
        return True
