"""Every binding of the UI, read from the binding table itself, with the person's remapped keys."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import DataTable, Footer, Static

from cipbilingual.tui import keymap
from cipbilingual.tui.i18n import _
from cipbilingual.tui.screens.base import CipScreen


class HelpScreen(CipScreen):
    BINDINGS: ClassVar = keymap.bindings("dialog")

    def compose(self) -> ComposeResult:
        path = keymap.keymap_path()
        yield Static(
            _(
                "Keys. Remap any of them by id in {path}; "
                "the command palette (Ctrl+P) runs every action."
            ).format(path=path),
            id="status",
            markup=False,
        )
        yield DataTable(id="keys", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#keys", DataTable)
        table.add_column(_("Key"), key="key")
        table.add_column(_("Action"), key="action")
        table.add_column(_("What it does"), key="tooltip")
        table.add_column(_("Id"), key="id")
        overrides = self.cip.keymap_overrides
        for sect in keymap.SECTIONS:
            table.add_row(Text(_(sect.title), style="bold"), "", "", "", key=f"section-{sect.name}")
            for key in sect.keys:
                keys = overrides.get(key.id, key.keys)
                shown = ", ".join(
                    self.app.get_key_display(key.binding().with_key(k)) for k in keys.split(",")
                )
                table.add_row(
                    Text(shown),
                    Text(_(key.description)),
                    Text(_(key.tooltip) if key.tooltip else ""),
                    Text(key.id, style="dim"),
                    key=key.id,
                )
        extra = [
            ("ctrl+z", _("Undo"), _("Undo the last change to the English")),
            ("ctrl+y", _("Redo"), _("Redo what was undone")),
        ]
        table.add_row(Text(_("Built in"), style="bold"), "", "", "", key="section-builtin")
        for keys, name, what in extra:
            table.add_row(Text(keys), Text(name), Text(what), Text(""), key=f"builtin-{keys}")
        table.focus()

    def action_close(self) -> None:
        self.dismiss()
