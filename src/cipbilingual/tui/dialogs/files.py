"""Ask for a file to import, and for where and how to export an article."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Checkbox, Input, Label, Select

from cipbilingual.tui.dialogs.base import Dialog
from cipbilingual.tui.i18n import _


@dataclass(frozen=True)
class ImportRequest:
    file: Path
    slug: str | None
    update: bool = False  # a revised source of an existing article: its translations are kept


@dataclass(frozen=True)
class ExportRequest:
    fmt: str
    dest: Path
    allow_partial: bool
    bilingual: bool


class ImportDialog(Dialog[ImportRequest]):
    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(_("Import a Chinese article"), classes="dialog-title")
            yield Label(_("File (txt, md or html)"))
            yield Input(placeholder="~/articles/news.html", id="file")
            yield Label(_("Slug (leave empty to derive it from the date and title)"))
            yield Input(id="slug")
            # Short enough for an 80-column terminal: a checkbox's label does not wrap.
            yield Checkbox(_("Update an existing article (revised source)"), id="update")
            yield Label("", id="problem", classes="dialog-problem")
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("Import"), variant="primary", id="ok")
                yield Button(_("Cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#file", Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#ok")
    def submit(self) -> None:
        file = self.query_one("#file", Input).value.strip()
        if not file:
            self.query_one("#problem", Label).update(_("Name the file to import."))
            return
        slug = self.query_one("#slug", Input).value.strip() or None
        update = self.query_one("#update", Checkbox).value
        self.dismiss(ImportRequest(Path(file), slug, update))

    @on(Button.Pressed, "#cancel")
    def cancel(self) -> None:
        self.dismiss(None)


# A file name's ending per format, where it is not the format's name.
_SUFFIXES = {"proof": "proof.html"}


def _suffix(fmt: str) -> str:
    return _SUFFIXES.get(fmt, fmt)


class ExportDialog(Dialog[ExportRequest]):
    def __init__(self, slug: str, formats: Sequence[str]) -> None:
        super().__init__()
        self._slug = slug
        self._formats = list(formats)

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(_("Export {slug}").format(slug=self._slug), classes="dialog-title")
            first = "md" if "md" in self._formats else self._formats[0]
            choices = [(f, f) for f in self._formats]
            yield Select(choices, value=first, allow_blank=False, id="format")
            yield Label(_("Write to (relative to the workspace)"))
            yield Input(value=f"{self._slug}.en.{_suffix(first)}", id="dest")
            yield Checkbox(_("Allow a partial export (only approved segments)"), id="partial")
            yield Checkbox(_("Bilingual (Chinese and English)"), id="bilingual")
            yield Label("", id="problem", classes="dialog-problem")
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("Export"), variant="primary", id="ok")
                yield Button(_("Cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#dest", Input).focus()

    @on(Select.Changed, "#format")
    def format_changed(self, event: Select.Changed) -> None:
        dest = self.query_one("#dest", Input)
        stem = dest.value
        for ending in sorted((f".{_suffix(f)}" for f in self._formats), key=len, reverse=True):
            if stem.endswith(ending):
                stem = stem[: -len(ending)]
                break
        else:
            stem = stem.rsplit(".", 1)[0] if "." in stem else stem
        dest.value = f"{stem}.{_suffix(str(event.value))}"

    @on(Input.Submitted)
    @on(Button.Pressed, "#ok")
    def submit(self) -> None:
        dest = self.query_one("#dest", Input).value.strip()
        if not dest:
            self.query_one("#problem", Label).update(_("Name the file to write."))
            return
        fmt = self.query_one("#format", Select).value
        self.dismiss(
            ExportRequest(
                str(fmt),
                Path(dest),
                self.query_one("#partial", Checkbox).value,
                self.query_one("#bilingual", Checkbox).value,
            )
        )

    @on(Button.Pressed, "#cancel")
    def cancel(self) -> None:
        self.dismiss(None)
