"""The line at the top of every screen: what is shown on the left, who is acting on the right.

When the terminal is narrow the left part is cut, never the right one: the acting person and the
article's progress stay readable at any width."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from cipbilingual.tui.widgets.text import ELLIPSIS, cut_left, cut_right

GAP = "  "


class StatusLine(Widget):
    """`left` is cut with an ellipsis to leave room for `right`; `right` is cut (from its own left)
    only when it alone is wider than the line."""

    DEFAULT_CSS = """
    StatusLine { height: 1; }
    """

    left: reactive[str] = reactive("", layout=False)
    right: reactive[str] = reactive("", layout=False)

    def show(self, left: str, right: str = "") -> None:
        self.left, self.right = left, right

    def render(self) -> Text:
        width = self.content_region.width
        right = self.right
        if cell_len(right) > width:
            return Text(cut_left(right, width))
        room = width - cell_len(right) - (cell_len(GAP) if right else 0)
        left = self.left if cell_len(self.left) <= room else cut_right(self.left, room)
        if room <= cell_len(ELLIPSIS):
            left = ""
        pad = max(width - cell_len(left) - cell_len(right), 0)
        return Text(left + " " * pad + right, no_wrap=True, overflow="crop")

    @property
    def text(self) -> str:
        """Both parts, whole (for tests and the command palette)."""
        return f"{self.left}{GAP}{self.right}" if self.right else self.left
