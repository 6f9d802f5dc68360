"""The Chinese and the suggestions panels: glossary terms in the source, the MT draft, TM
matches and terms to insert."""

from __future__ import annotations

from cipbilingual.errors import CipError
from cipbilingual.glossary import Glossary
from cipbilingual.models import Article, Segment, SegmentId
from cipbilingual.tui.i18n import _
from cipbilingual.tui.messages import SuggestionsReady
from cipbilingual.tui.screens.base import error_text
from cipbilingual.tui.screens.editor.base import EditorBase
from cipbilingual.tui.services import Suggestion
from cipbilingual.tui.widgets.source_view import SourceView
from cipbilingual.tui.widgets.suggestions import SuggestionsView


class AssistPart(EditorBase):
    """Shows the current segment's source and suggestions, and inserts them."""

    def _glossary_loaded(self, glossary: Glossary | None) -> None:
        self._glossary = glossary
        if self.current is not None and self.article is not None:
            self._show_source_and_suggestions(self.segment(self.current))

    def _show_source_and_suggestions(self, segment: Segment) -> None:
        matches = self._glossary.find(segment.source) if self._glossary else []
        self.query_one("#source", SourceView).show(segment.source, matches)
        local = [*self._local_suggestions(segment), *self._term_suggestions()]
        services = self.services
        suggestions = self.query_one("#suggestions", SuggestionsView)
        suggestions.show(local, pending_tm=services.has_tm)
        if services.has_tm:
            # Looked up once the cursor rests: running through segments costs no lookups.
            self._tm_timer.poke()

    def _look_up_tm(self) -> None:
        if self.article is None or self.current is None:
            return
        services = self.services
        # Segments are replaced, never changed in place, so a new list is a stable snapshot.
        snapshot = Article(self.article.meta, self.article.blocks, list(self.article.segments))
        sid = self.current
        self.run_blocking(
            lambda: services.tm_suggestions(snapshot, sid),
            lambda items: self.post_message(SuggestionsReady(sid, items)),
            group="tm",
            exclusive=True,
            on_error=lambda error: self._tm_failed(sid, error),
        )

    def _local_suggestions(self, segment: Segment) -> list[Suggestion]:
        out: list[Suggestion] = []
        clash = segment.conflict
        if clash is not None and clash.theirs is not None and clash.theirs.target:
            # Their English in full, to read beside mine and to start an edit from.
            out.append(Suggestion("merge", clash.theirs.target, clash.theirs.translator))
        machine = self.services.machine_suggestion(segment)
        if machine is not None:
            out.append(machine)
        return out

    def _term_suggestions(self) -> list[Suggestion]:
        matches = self.query_one("#source", SourceView).matches
        return self.services.term_suggestions(matches)

    def on_suggestions_ready(self, message: SuggestionsReady) -> None:
        if message.segment_id != self.current:
            return
        segment = self.segment(message.segment_id)
        items = [*self._local_suggestions(segment), *message.items, *self._term_suggestions()]
        self.query_one("#suggestions", SuggestionsView).show(items)

    def _tm_failed(self, sid: SegmentId, error: CipError) -> None:
        self.on_suggestions_ready(SuggestionsReady(sid, []))
        self.notify(error_text(error), severity="warning")

    # -- inserting ----------------------------------------------------------------------------
    def action_insert_suggestion(self, n: int) -> None:
        items = self.query_one("#suggestions", SuggestionsView).items
        if not 1 <= n <= len(items):
            self.notify(_("There is no suggestion {n}.").format(n=n), severity="warning")
            return
        item = items[n - 1]
        if item.kind == "term":
            self.target.insert_text(item.text)
        else:
            self.target.set_text_undoably(item.text)
            self._inserted = item.origin
        self.target.focus()

    def on_source_view_term_chosen(self, message: SourceView.TermChosen) -> None:
        self.target.insert_text(message.term.target)
        self.target.focus()

    def action_copy_source(self) -> None:
        if self.current is None:
            return
        self.target.set_text_undoably(self.segment(self.current).source)
        self.target.focus()
