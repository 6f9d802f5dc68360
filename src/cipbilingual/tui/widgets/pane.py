"""A scrollable pane that shows one piece of Content. Changing what it shows repaints the pane
alone: unlike a Static, it never asks the whole screen for a new layout, which keeps moving from
segment to segment within a frame."""

from __future__ import annotations

from textual import events
from textual.content import Content
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.visual import Visual
from textual.widget import Widget

from cipbilingual.tui.i18n import _


def overflow_note(widget: Widget) -> str:
    """The sign that a panel holds more than it shows: "▼ 3 more" when lines are out of view
    below, "▲ 2 above" when only lines above are; "" when everything is in view."""
    height = widget.scrollable_content_region.height
    top = round(widget.scroll_offset.y)
    below = widget.virtual_size.height - top - height
    if height <= 0:
        return ""
    if below > 0:
        return _("▼ {n} more").format(n=below)
    if top > 0:
        return _("▲ {n} above").format(n=top)
    return ""


def set_virtual_size_quietly(widget: Widget, size: Size) -> None:
    """Give a line-API widget a new scrollable size. Textual's `virtual_size` asks the whole
    screen for a new layout; that is only needed when the vertical scrollbar appears or goes,
    so otherwise the scrollbars are updated in place."""
    if size == widget.virtual_size:
        return
    viewport = widget.scrollable_content_region.height
    wants_bar = size.height > viewport
    if wants_bar != widget.show_vertical_scrollbar or widget.styles.overflow_y != "auto":
        widget.virtual_size = size
        return
    widget.set_reactive(Widget.virtual_size, size)
    widget._scroll_update(size)
    widget.refresh()


class ContentPane(ScrollView):
    """Shows `Content`, wrapped to the pane's width, scrolled when it is taller than the pane;
    its border's subtitle then says how many lines are out of view."""

    DEFAULT_CSS = """
    ContentPane { overflow-x: hidden; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._content = Content("")
        self._strips: list[Strip] = []

    def show_content(self, content: Content) -> None:
        """Show `content` from the top."""
        self._content = content
        self._wrap()
        self.scroll_to(0, 0, animate=False, immediate=True)
        self.refresh()

    def _wrap(self) -> None:
        """Wrap to the width the text will have: the pane's, less the vertical scrollbar when
        the text is taller than the pane (wrapped wider, its last column would be covered)."""
        region = self.content_region
        width, height = region.width, region.height
        overflow = self.styles.overflow_y
        bar = self.styles.scrollbar_size_vertical
        strips = self._strips_at(width - bar if overflow == "scroll" else width)
        if overflow == "auto" and len(strips) > height:
            strips = self._strips_at(width - bar)
        self._strips = strips
        set_virtual_size_quietly(self, Size(max(width, 0), len(strips)))
        self._show_overflow()

    def _show_overflow(self) -> None:
        note = overflow_note(self)
        if note != (self.border_subtitle or ""):
            self.border_subtitle = note

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self._show_overflow()

    @property
    def line_count(self) -> int:
        """How many lines the content takes at the pane's width."""
        return len(self._strips)

    def _strips_at(self, width: int) -> list[Strip]:
        if width <= 0:
            return []
        return Visual.to_strips(self, self._content, width, None, self.visual_style)

    def on_resize(self, event: events.Resize) -> None:
        self._wrap()
        self.refresh()

    def render_line(self, y: int) -> Strip:
        index = self.scroll_offset.y + y
        width = self.scrollable_content_region.width
        if 0 <= index < len(self._strips):
            return self._strips[index].extend_cell_length(width, self.rich_style).crop(0, width)
        return Strip.blank(width, self.rich_style)
