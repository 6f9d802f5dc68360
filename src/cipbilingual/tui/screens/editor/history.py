"""The segment's history panel and its comments: who did what and when, word diffs between
versions, reverting to an earlier English, commenting and resolving comments."""

from __future__ import annotations

from textual.widgets import Static

from cipbilingual.errors import CipError
from cipbilingual.history import open_comments, story
from cipbilingual.models import HistoryRecord, SegmentId, State
from cipbilingual.tui.dialogs.note import comment_dialog
from cipbilingual.tui.i18n import _
from cipbilingual.tui.screens.editor.base import EditorBase
from cipbilingual.tui.widgets.history import HistoryView
from cipbilingual.tui.widgets.text import COMMENT_GLYPH
from cipbilingual.workflow.editing import SegmentEdit, Step
from cipbilingual.workflow.history import SegmentLog


class HistoryPart(EditorBase):
    """Shows the current segment's history beside it (Alt+H) and its open comments above the
    English; every change is made through the services and read back from disk."""

    @property
    def history_view(self) -> HistoryView:
        return self.query_one("#history", HistoryView)

    @property
    def history_shown(self) -> bool:
        return self.query_one("#side").has_class("-history")

    # -- comments ---------------------------------------------------------------------------
    def _load_comments(self) -> None:
        services, slug = self.services, self.slug

        def read() -> tuple[dict[SegmentId, list[HistoryRecord]], object]:
            return services.open_comments(slug), services.history_stamp(slug)

        self.run_blocking(
            read, self._comments_loaded, group="comments", exclusive=True, on_error=self._unread
        )

    def _comments_loaded(self, result: tuple[dict[SegmentId, list[HistoryRecord]], object]) -> None:
        self._comments, self._history_stamp = result
        self.segments_view.set_commented(sid for sid, items in self._comments.items() if items)
        self._show_comments()

    def _unread(self, error: CipError) -> None:
        # The history is not the source of truth: say so once, and keep working.
        self.notify(error.message, severity="warning", timeout=8)

    def _show_comments(self) -> None:
        bar = self.query_one("#comments", Static)
        items = self._comments.get(self.current) if self.current is not None else None
        if not items:
            bar.remove_class("-shown")
            return
        lines = []
        for c in items[-2:]:
            to = " → " + ", ".join(c.to) if c.to else ""
            lines.append(f"{COMMENT_GLYPH} {c.by}{to}: {c.text}")
        hint = _("Alt+H shows the history; X there resolves a comment.")
        if len(items) > 2:
            hint = _("{n} open comments.").format(n=len(items)) + " " + hint
        bar.update("\n".join([*lines, hint]))
        bar.add_class("-shown")

    def _watch_history(self) -> None:
        """Comments others add change only the history file: reload when it changes."""
        if self.article is None:
            return
        services, slug, known = self.services, self.slug, self._history_stamp

        def changed() -> bool:
            return services.history_stamp(slug) != known

        def done(is_changed: bool) -> None:
            if is_changed:
                self._load_comments()
                self._load_history()

        self.run_blocking(changed, done, group="history-watch", exclusive=True)

    def action_comment(self) -> None:
        sid = self.current
        if sid is None:
            return
        services, slug, person = self.services, self.slug, self.cip.user
        segment = self.segment(sid)

        def written(text: str | None) -> None:
            if not text:
                return
            self.run_blocking(
                lambda: services.comment(slug, sid, text, person),
                lambda record: self._noted(_("Comment added to {id}.").format(id=sid)),
                group="comment",
            )

        self.app.push_screen(comment_dialog(str(sid), segment.target or segment.source), written)

    def _noted(self, message: str) -> None:
        self.notify(message)
        self._load_comments()
        self._load_history()

    # -- the history panel -----------------------------------------------------------------
    def action_history(self) -> None:
        side = self.query_one("#side")
        if self.history_shown:
            side.remove_class("-history")
            self.target.focus()
            return
        side.add_class("-history")
        self.history_view.show([], set(), "", empty=_("Reading the history…"))
        self._load_history()
        self.history_view.focus()

    def _load_history(self) -> None:
        sid = self.current
        if sid is None or not self.history_shown:
            return
        services, slug = self.services, self.slug
        self.run_blocking(
            lambda: services.history(slug, sid),
            lambda log: self._history_loaded(sid, log),
            group="history",
            exclusive=True,
            on_error=self._unread,
        )

    def _history_loaded(self, sid: SegmentId, log: SegmentLog) -> None:
        if sid != self.current or self.article is None:
            return
        open_ids = {c.id for c in open_comments(log.records)}
        self.history_view.show(story(log.records), open_ids, self.segment(sid).target)
        for notice in log.notices:
            self.notify(notice, severity="warning", timeout=8)

    def on_history_view_closed(self, message: HistoryView.Closed) -> None:
        self.action_history()

    def on_history_view_resolve_requested(self, message: HistoryView.ResolveRequested) -> None:
        sid = self.current
        if sid is None:
            return
        services, slug, person = self.services, self.slug, self.cip.user
        comment_id = message.comment.id
        self.run_blocking(
            lambda: services.resolve(slug, sid, comment_id, person),
            lambda record: self._noted(_("Comment resolved.")),
            group="comment",
        )

    def on_history_view_revert_requested(self, message: HistoryView.RevertRequested) -> None:
        """Put an earlier English back: a translation by the acting person, recorded as a
        revert. Whatever was typed and not saved is saved first, so it stays in the history."""
        sid = self.current
        if sid is None or self._blocked_by_conflict():
            return
        version = message.version
        english = version.after.strip()
        if english == self.target.text.strip() and self.segment(sid).state is State.TRANSLATED:
            self.notify(_("The English is already that of this version."))
            return
        self._save_current(Step.SAVE)
        edit = SegmentEdit(self.slug, sid, english, self._ledger.base(sid), reverts=version)
        self.submit(edit, Step.CONFIRM)
        self.target.set_text_undoably(english)
        segment = self.segment(sid)
        self._update_segment_title(segment)
        self.notify(
            _("Reverted {id} to the English of {when}.").format(
                id=sid, when=version.at[:16].replace("T", " ")
            )
        )
