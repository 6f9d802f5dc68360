"""The English of the current segment: a text area with undo/redo in which Enter confirms."""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.geometry import Size
from textual.widgets import TextArea
from textual.widgets.text_area import Document

from cipbilingual.tui import keymap
from cipbilingual.tui.widgets.pane import overflow_note, set_virtual_size_quietly


class TargetEditor(TextArea):
    """A soft-wrapping text area for one sentence; a segment's English has no line breaks, so
    Enter is free to confirm the segment (the `target.confirm` binding)."""

    BINDINGS: ClassVar = keymap.bindings("target")

    _state_label = ""  # a class default: TextArea's constructor already scrolls

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(
            "",
            id=id,
            classes=classes,
            soft_wrap=True,
            show_line_numbers=False,
            tab_behavior="focus",
        )
        keymap.localize_bindings(self)
        self.loading_text = False

    def show_state(self, label: str) -> None:
        """What the border's subtitle says about the segment (its state, who, why)."""
        self._state_label = label
        self._show_subtitle()

    def _show_subtitle(self) -> None:
        # The sign of more text comes first, where the eye looks for it, then the state.
        subtitle = " · ".join(x for x in (overflow_note(self), self._state_label) if x)
        if subtitle != (self.border_subtitle or ""):
            self.border_subtitle = subtitle

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self._show_subtitle()

    async def _on_key(self, event: events.Key) -> None:
        # A terminal sends Alt+A as "alt+a" *with* the character "a", which TextArea would type.
        # Keys with a modifier are never text here: TextArea's handler is skipped and the key
        # bubbles on to the screen's bindings. (Textual calls each class's handler itself.)
        if event.key.startswith(("alt+", "ctrl+")):
            event.prevent_default()

    def _refresh_size(self) -> None:
        # TextArea's own version sets `virtual_size`, which lays out the whole screen on every
        # segment change and every wrapped line; the size of this box never depends on it.
        set_virtual_size_quietly(self, Size(0, self.wrapped_document.height))
        self._refresh_scrollbars()
        self._show_subtitle()

    def replace_text(self, text: str) -> None:
        """Show another segment's English: a fresh undo history, no Changed handling."""
        self.loading_text = True
        try:
            self.load_text(text)
        finally:
            self.loading_text = False
        if text:  # an empty box already has its cursor at the end
            self.move_cursor(self.document.end)

    def insert_text(self, text: str) -> None:
        """Insert at the cursor as one undoable edit (replacing a selection)."""
        self.replace(text, *self.selection)

    def replace_span(self, start: int, end: int, text: str) -> None:
        """Replace characters [start, end) of the English as one undoable edit, the cursor
        after the new text."""
        document = self.document
        assert isinstance(document, Document)
        begin = document.get_location_from_index(start)
        result = self.replace(text, begin, document.get_location_from_index(end))
        self.move_cursor(result.end_location)

    def set_text_undoably(self, text: str) -> None:
        """Replace the whole English as one undoable edit."""
        self.replace(text, self.document.start, self.document.end)
        self.move_cursor(self.document.end)
