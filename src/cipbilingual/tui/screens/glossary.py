"""The house glossary: browse, search, add and edit terms."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.widgets import DataTable, Input

from cipbilingual.models import Term
from cipbilingual.tui import keymap
from cipbilingual.tui.dialogs.term import TermDialog
from cipbilingual.tui.i18n import _, format_count
from cipbilingual.tui.screens.base import CipScreen, Debounce
from cipbilingual.tui.widgets.footer import KeyFooter
from cipbilingual.tui.widgets.status import StatusLine
from cipbilingual.tui.widgets.text import fit


def term_matches(term: Term, needle: str) -> bool:
    folded = needle.casefold()
    return any(
        folded in field.casefold()
        for field in (term.source, term.target, term.abbreviation, term.note, *term.forbidden)
    )


class GlossaryScreen(CipScreen):
    BINDINGS: ClassVar = keymap.bindings("glossary")

    def __init__(self) -> None:
        super().__init__()
        self._terms: list[Term] = []
        self._shown: list[Term] = []
        self._search_timer = Debounce(self, 0.15, self._fill)

    def compose(self) -> ComposeResult:
        yield StatusLine(id="status")
        yield Input(
            placeholder=_("Search Chinese, English, abbreviation or note…"), id="term-search"
        )
        yield DataTable(id="terms", cursor_type="row", zebra_stripes=True)
        yield KeyFooter()

    def on_mount(self) -> None:
        # Focus starts in the search box: typing a word searches (in the table, N adds a term).
        self.query_one("#term-search", Input).focus()
        self.action_refresh()

    def action_refresh(self) -> None:
        services = self.services
        self.run_blocking(services.terms, self._loaded, group="terms", exclusive=True)

    def _loaded(self, terms: list[Term]) -> None:
        self._terms = sorted(terms, key=lambda t: (t.source, t.sense))
        self._fill()

    def on_resize(self) -> None:
        self._fill()

    def _fill(self) -> None:
        self._search_timer.cancel()
        needle = self.query_one("#term-search", Input).value.strip()
        self._shown = [t for t in self._terms if not needle or term_matches(t, needle)]
        table = self.query_one("#terms", DataTable)
        keep = table.cursor_row
        table.clear(columns=True)
        width = max(self.size.width - 30, 30)
        table.add_column(_("Chinese"), key="source", width=width // 3)
        table.add_column(_("House English"), key="target", width=width - width // 3)
        table.add_column(_("Abbreviation"), key="abbreviation", width=12)
        table.add_column(_("Forbidden"), key="forbidden", width=12)
        for n, term in enumerate(self._shown):
            table.add_row(
                Text(fit(term.source, width // 3)),
                Text(fit(term.target, width - width // 3)),
                Text(term.abbreviation),
                Text(", ".join(term.forbidden)),
                key=str(n),
            )
        if self._shown:
            table.move_cursor(row=min(max(keep, 0), len(self._shown) - 1))
        status = _("{shown} of {total} terms").format(
            shown=format_count(len(self._shown)), total=format_count(len(self._terms))
        )
        self.query_one("#status", StatusLine).show(str(self.services.ws.glossary_path), status)

    @on(Input.Changed, "#term-search")
    def search_changed(self) -> None:
        self._search_timer.poke()

    @on(Input.Submitted, "#term-search")
    def search_submitted(self) -> None:
        self._fill()
        self.query_one("#terms", DataTable).focus()

    def action_search(self) -> None:
        self.query_one("#term-search", Input).focus()

    def current_term(self) -> Term | None:
        if not self._shown:
            return None
        row = self.query_one("#terms", DataTable).cursor_row
        return self._shown[min(max(row, 0), len(self._shown) - 1)]

    @on(DataTable.RowSelected)
    def row_selected(self) -> None:
        self.action_edit()

    def action_add(self) -> None:
        self._open(None)

    def action_edit(self) -> None:
        term = self.current_term()
        if term is not None:
            self._open(term)

    def _open(self, old: Term | None) -> None:
        services = self.services

        def saved(term: Term | None) -> None:
            if term is None:
                return
            self.run_blocking(
                lambda: services.save_term(term, old),
                lambda _result: self._saved(term),
                group="save-term",
            )

        self.app.push_screen(TermDialog(old), saved)

    def _saved(self, term: Term) -> None:
        self.notify(_("Saved {source} → {target}.").format(source=term.source, target=term.target))
        self.action_refresh()
