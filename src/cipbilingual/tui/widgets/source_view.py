"""The current segment's Chinese with glossary terms highlighted; the house English of a term
shows on hover and when the term is chosen with the keyboard (←/→ when focused)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content, Span
from textual.message import Message
from textual.reactive import reactive
from textual.style import Style

from cipbilingual.models import Term, TermMatch
from cipbilingual.tui.i18n import _
from cipbilingual.tui.widgets.pane import ContentPane


def term_hint(term: Term) -> str:
    """`创新园 → Innovation Park (CIP)`, with the usage note when there is one."""
    english = term.target
    if term.abbreviation and term.abbreviation not in english:
        english = f"{english} ({term.abbreviation})"
    hint = f"{term.source} → {english}"
    if term.forbidden:
        hint += " · " + _("not: {variants}").format(variants=", ".join(term.forbidden))
    if term.note:
        hint += f" · {term.note}"
    return hint


class SourceView(ContentPane, can_focus=True):
    """Shows one Chinese sentence. Posts `TermChosen` when Enter is pressed on a term."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("right", "term(1)", show=False),
        Binding("left", "term(-1)", show=False),
        Binding("enter", "choose", show=False),
    ]

    chosen: reactive[int] = reactive(-1, init=False)

    class TermChosen(Message):
        def __init__(self, term: Term) -> None:
            super().__init__()
            self.term = term

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        # Terms carry hover metadata, not links: skip Textual's per-segment link styling.
        self.auto_links = False
        self._source = ""
        self._matches: list[TermMatch] = []

    def show(self, source: str, matches: Sequence[TermMatch]) -> None:
        self._source = source
        self._matches = sorted(matches, key=lambda m: m.start)
        self.tooltip = None
        self.set_reactive(SourceView.chosen, -1)
        self.show_content(self._render_source())

    @property
    def matches(self) -> list[TermMatch]:
        return list(self._matches)

    def _render_source(self) -> Content:
        spans = []
        for i, match in enumerate(self._matches):
            look = "$success bold reverse" if i == self.chosen else "$success underline"
            spans.append(Span(match.start, match.end, look))
            spans.append(Span(match.start, match.end, Style.from_meta({"term": i})))
        content = Content(self._source, spans)
        if 0 <= self.chosen < len(self._matches):
            hint = term_hint(self._matches[self.chosen].term)
            content = content + Content("\n") + Content.styled(hint, "$text-muted")
        return content

    def action_term(self, step: int) -> None:
        if self._matches:
            self.chosen = (self.chosen + step) % len(self._matches) if self.chosen >= 0 else 0

    def action_choose(self) -> None:
        if 0 <= self.chosen < len(self._matches):
            self.post_message(self.TermChosen(self._matches[self.chosen].term))

    def watch_chosen(self) -> None:
        self.show_content(self._render_source())

    def on_blur(self) -> None:
        self.chosen = -1

    def on_mouse_move(self, event: events.MouseMove) -> None:
        index = event.style.meta.get("term") if event.style else None
        if isinstance(index, int) and 0 <= index < len(self._matches):
            self.tooltip = term_hint(self._matches[index].term)
        else:
            self.tooltip = None
