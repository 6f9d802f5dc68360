"""The current segment's Chinese with glossary terms highlighted; the house English of a term
shows on hover and when the term is chosen with the keyboard (←/→ when focused)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from cipbilingual.models import Term, TermMatch
from cipbilingual.tui.i18n import _


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


class SourceView(Widget, can_focus=True):
    """Shows one Chinese sentence. Posts `TermChosen` when Enter is pressed on a term."""

    BINDINGS: ClassVar = [
        Binding("right", "term(1)", show=False),
        Binding("left", "term(-1)", show=False),
        Binding("enter", "choose", show=False),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "source-view--term",
        "source-view--chosen",
        "source-view--hint",
    }

    DEFAULT_CSS = """
    SourceView { height: auto; }
    """

    chosen: reactive[int] = reactive(-1)

    class TermChosen(Message):
        def __init__(self, term: Term) -> None:
            super().__init__()
            self.term = term

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._source = ""
        self._matches: list[TermMatch] = []

    def show(self, source: str, matches: Sequence[TermMatch]) -> None:
        self._source = source
        self._matches = sorted(matches, key=lambda m: m.start)
        self.tooltip = None
        self.set_reactive(SourceView.chosen, -1)
        self.refresh(layout=True)

    @property
    def matches(self) -> list[TermMatch]:
        return list(self._matches)

    def render(self) -> Text:
        text = Text(self._source)
        term_style = self.get_component_rich_style("source-view--term")
        chosen_style = self.get_component_rich_style("source-view--chosen")
        for i, match in enumerate(self._matches):
            style = chosen_style if i == self.chosen else term_style
            text.stylize(style + Style(meta={"term": i}), match.start, match.end)
        if 0 <= self.chosen < len(self._matches):
            text.append("\n")
            text.append(
                term_hint(self._matches[self.chosen].term),
                self.get_component_rich_style("source-view--hint"),
            )
        return text

    def action_term(self, step: int) -> None:
        if self._matches:
            self.chosen = (self.chosen + step) % len(self._matches) if self.chosen >= 0 else 0

    def action_choose(self) -> None:
        if 0 <= self.chosen < len(self._matches):
            self.post_message(self.TermChosen(self._matches[self.chosen].term))

    def watch_chosen(self) -> None:
        self.refresh(layout=True)

    def on_blur(self) -> None:
        self.chosen = -1

    def on_mouse_move(self, event: events.MouseMove) -> None:
        index = event.style.meta.get("term") if event.style else None
        if isinstance(index, int) and 0 <= index < len(self._matches):
            self.tooltip = term_hint(self._matches[index].term)
        else:
            self.tooltip = None
