"""A clash a git merge kept in a segment: the bar shows both sides; Alt+K keeps mine, Alt+T
takes theirs, and editing then confirming (Enter) writes a third English."""

from __future__ import annotations

from textual.message import Message
from textual.widgets import Static

from cipbilingual.errors import CipError
from cipbilingual.models import Segment
from cipbilingual.tui.i18n import _
from cipbilingual.tui.screens.base import error_text
from cipbilingual.tui.screens.editor.base import EditorBase, post_from_thread


class MergeSettled(Message):
    """A merge clash was settled on disk; `segment` is the segment as it now is."""

    def __init__(self, segment: Segment | None, error: CipError | None = None) -> None:
        super().__init__()
        self.segment = segment
        self.error = error


class MergePart(EditorBase):
    """Shows and settles the merge clash of the current segment."""

    def merge_clash(self) -> Segment | None:
        """The current segment when it holds a clash kept by a git merge."""
        if self.current is None or self.article is None:
            return None
        segment = self.segment(self.current)
        return segment if segment.conflict is not None else None

    def _show_merge_clash(self, segment: Segment) -> None:
        bar = self.query_one("#conflict", Static)
        clash = segment.conflict
        if clash is None:
            if not bar.has_class("-merge"):
                return  # no clash shown before either: nothing to redraw (nor the key bar)
            bar.remove_class("-merge")
            if self._conflict is None:
                bar.remove_class("-shown")
            self.refresh_bindings()
            return
        # Short, so the English box keeps its room at 80×24; their English is suggestion 1.
        bar.update(
            _(
                "Merge conflict: Alt+K keeps mine (below), Alt+T takes theirs (suggestion 1), "
                "or edit and confirm with Enter."
            )
        )
        bar.add_class("-shown", "-merge")
        self.refresh_bindings()

    def _settle_merge(self, choice: str) -> None:
        segment = self.merge_clash()
        if segment is None:
            return
        services, person, slug, sid = self.services, self.cip.user, self.slug, segment.id

        def job() -> None:
            try:
                settled = services.choose(slug, sid, choice, person)
                self._stamp = services.stamp(slug)
            except CipError as exc:
                post_from_thread(self, MergeSettled(None, exc))
                return
            post_from_thread(self, MergeSettled(settled))

        services.saves.submit(job)

    def on_merge_settled(self, message: MergeSettled) -> None:
        if message.error is not None or message.segment is None:
            self.notify(error_text(message.error or CipError("?")), severity="error", timeout=8)
            return
        segment = message.segment
        self._replace_segment(segment)
        self._ledger.settle(segment.id, segment.target)
        if segment.id == self.current:
            self.target.replace_text(segment.target)
            self.segments_view.set_preview(segment.id, None)
            self._update_segment_title(segment)
            self._show_merge_clash(segment)
        self._update_status()
        self.notify(_("Merge conflict settled."))
