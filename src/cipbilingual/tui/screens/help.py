"""Every binding of the UI, read from the binding table itself, with the person's remapped keys."""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import DataTable, Static

from cipbilingual.tui import keymap
from cipbilingual.tui.i18n import _
from cipbilingual.tui.screens.base import CipScreen
from cipbilingual.tui.widgets.footer import KeyFooter


class HelpScreen(CipScreen):
    """Columns: the keys, the action, its id (whole: it is what keymap.toml needs) and what it
    does, wrapped; they are laid out again when the terminal changes size."""

    BINDINGS: ClassVar = keymap.bindings("dialog")

    def compose(self) -> ComposeResult:
        path = keymap.keymap_path()
        yield Static(
            _(
                "Keys. Remap any of them by id in {path}; "
                "the command palette (Ctrl+P) runs every action."
            ).format(path=path),
            id="help-intro",
            markup=False,
        )
        yield DataTable(id="keys", cursor_type="row", zebra_stripes=True)
        yield KeyFooter()

    def on_mount(self) -> None:
        self._fill()
        self.query_one("#keys", DataTable).focus()

    def on_resize(self) -> None:
        self._fill()

    def _rows(self) -> list[tuple[str, str, str, str, str]]:
        """(row key, keys, action, id, what it does); a row without keys is a section heading."""
        overrides = self.cip.keymap_overrides
        rows: list[tuple[str, str, str, str, str]] = []
        for sect in keymap.SECTIONS:
            rows.append((f"section-{sect.name}", "", _(sect.title), "", ""))
            for key in sect.keys:
                keys = overrides.get(key.id, key.keys)
                shown = ", ".join(
                    self.app.get_key_display(key.binding().with_key(k)) for k in keys.split(",")
                )
                tooltip = _(key.tooltip) if key.tooltip else ""
                rows.append((key.id, shown, _(key.description), key.id, tooltip))
        rows.append(("section-builtin", "", _("Built in"), "", ""))
        for keys, name, what in (
            ("ctrl+z", _("Undo"), _("Undo the last change to the English")),
            ("ctrl+y", _("Redo"), _("Redo what was undone")),
        ):
            rows.append((f"builtin-{keys}", keys, name, "", what))
        return rows

    def _fill(self) -> None:
        table = self.query_one("#keys", DataTable)
        keep = table.cursor_row
        table.clear(columns=True)
        rows = self._rows()
        headings = (_("Key"), _("Action"), _("Id"), _("What it does"))
        widths = [
            max(cell_len(headings[0]), *(cell_len(r[1]) for r in rows)),
            max(cell_len(headings[1]), *(cell_len(r[2]) for r in rows)),
            max(cell_len(headings[2]), *(cell_len(r[3]) for r in rows)),
        ]
        # Each column has a cell of padding on each side; what a key does takes the rest, wrapped.
        room = self.size.width - sum(widths) - 2 * len(headings) - 2
        widths.append(max(room, 16))
        for heading, width in zip(headings, widths, strict=True):
            table.add_column(heading, width=width)
        for row_key, keys, action, binding_id, what in rows:
            if not keys:  # a section: its name in the widest short column, so it is read whole
                table.add_row("", Text(action, style="bold"), "", "", key=row_key)
                continue
            table.add_row(
                Text(keys),
                Text(action),
                Text(binding_id, style="dim"),
                Text(what),
                key=row_key,
                height=None,
            )
        table.move_cursor(row=min(max(keep, 0), len(rows) - 1))

    def action_close(self) -> None:
        self.dismiss()
