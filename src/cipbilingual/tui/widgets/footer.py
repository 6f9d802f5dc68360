"""The key bar at the bottom of every screen. Textual's footer lists keys until the line ends and
hides the rest; this one always keeps Quit and Help (and the command palette, which runs every
action) and leaves out the screen's less important keys when the terminal is narrow."""

from __future__ import annotations

from collections.abc import Iterator

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import Binding
from textual.events import Resize
from textual.widget import Widget
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

ESSENTIAL = ("app.quit", "app.help")
COMPACT_BELOW = 100  # columns


class KeyFooter(Footer):
    """A footer that fits its line: essential keys first in line to stay, compact when narrow."""

    def __init__(self) -> None:
        super().__init__()
        self._composed_width = -1

    def _width(self) -> int:
        return self.size.width or self.app.size.width

    def on_resize(self, event: Resize) -> None:
        if event.size.width != self._composed_width and self._bindings_ready:
            self.call_after_refresh(self.recompose)

    def compose(self) -> ComposeResult:
        if not self._bindings_ready:
            return
        width = self._width()
        self._composed_width = width
        compact = width < COMPACT_BELOW
        if compact != self.compact:
            self.compact = compact
        active = self.screen.active_bindings
        shown: list[tuple[Binding, bool, str]] = []
        seen: set[str] = set()
        for _node, binding, enabled, tooltip in active.values():
            if binding.show and binding.action not in seen:
                seen.add(binding.action)
                shown.append((binding, enabled, tooltip))
        palette = active.get(self.app.COMMAND_PALETTE_BINDING)
        room = width - (self._item_width(palette[1], compact) + 2 if palette else 0)
        kept = self._fit(shown, room, compact)
        yield from self._keys(kept, compact)
        if palette is not None and self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE:
            _node, binding, enabled, tooltip = palette
            yield FooterKey(
                binding.key,
                self.app.get_key_display(binding),
                binding.description,
                binding.action,
                classes="-command-palette",
                disabled=not enabled,
                tooltip=binding.tooltip or binding.description,
            )

    def _keys(self, kept: list[tuple[Binding, bool, str]], compact: bool) -> Iterator[Widget]:
        for binding, enabled, tooltip in kept:
            key = FooterKey(
                binding.key,
                self.app.get_key_display(binding),
                binding.description,
                binding.action,
                disabled=not enabled,
                tooltip=tooltip or binding.tooltip,
                classes="-compact" if compact else "",
            )
            # Set before mounting, so no key is restyled after it is on screen.
            key.set_reactive(FooterKey.compact, compact)
            yield key

    def _item_width(self, binding: Binding, compact: bool) -> int:
        key = cell_len(self.app.get_key_display(binding))
        text = cell_len(binding.description)
        # Compact: "key text" and one cell of margin; else " key " and "text ".
        return key + text + (2 if compact else 3)

    def _fit(
        self, shown: list[tuple[Binding, bool, str]], room: int, compact: bool
    ) -> list[tuple[Binding, bool, str]]:
        """Drop keys from the end, essential ones last, until the rest fit in `room` cells."""
        kept = list(shown)
        widths = [self._item_width(b, compact) for b, _e, _t in kept]
        while kept and sum(widths) > room:
            drop = next(
                (i for i in range(len(kept) - 1, -1, -1) if kept[i][0].id not in ESSENTIAL),
                len(kept) - 1,
            )
            del kept[drop], widths[drop]
        return kept
