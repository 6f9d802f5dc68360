"""Add or edit a glossary term."""

from __future__ import annotations

from dataclasses import replace

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Checkbox, Input, Label

from cipbilingual.models import Term
from cipbilingual.tui.dialogs.base import Dialog
from cipbilingual.tui.i18n import _


class TermDialog(Dialog[Term]):
    """Dismisses with the term as entered (Chinese and English required), or None."""

    def __init__(self, term: Term | None = None) -> None:
        super().__init__()
        self._term = term

    def compose(self) -> ComposeResult:
        term = self._term or Term("", "")
        title = _("Edit a term") if self._term else _("Add a term")
        with Vertical(id="dialog"):
            yield Label(title, classes="dialog-title")
            yield Label(_("Chinese"))
            yield Input(term.source, id="source")
            yield Label(_("House English"))
            yield Input(term.target, id="target")
            yield Label(_("Abbreviation"))
            yield Input(term.abbreviation, id="abbreviation")
            yield Label(_("Forbidden variants (comma-separated)"))
            yield Input(", ".join(term.forbidden), id="forbidden")
            yield Label(_("Usage note"))
            yield Input(term.note, id="note")
            yield Checkbox(
                _("Full form first, abbreviation in brackets"), term.full_form_first, id="full"
            )
            yield Label("", id="problem", classes="dialog-problem")
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("Save"), variant="primary", id="ok")
                yield Button(_("Cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#source", Input).focus()

    def _value(self, name: str) -> str:
        return " ".join(self.query_one(f"#{name}", Input).value.split())

    @on(Input.Submitted)
    @on(Button.Pressed, "#ok")
    def submit(self) -> None:
        source, target = self._value("source"), self._value("target")
        if not source or not target:
            self.query_one("#problem", Label).update(
                _("A term needs its Chinese and its house English.")
            )
            return
        forbidden = tuple(v.strip() for v in self._value("forbidden").split(",") if v.strip())
        base = self._term or Term(source, target)
        self.dismiss(
            replace(
                base,
                source=source,
                target=target,
                abbreviation=self._value("abbreviation"),
                forbidden=forbidden,
                note=self._value("note"),
                full_form_first=self.query_one("#full", Checkbox).value,
            )
        )

    @on(Button.Pressed, "#cancel")
    def cancel(self) -> None:
        self.dismiss(None)
