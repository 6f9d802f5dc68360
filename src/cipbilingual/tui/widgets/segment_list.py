"""The article's segments in document order, grouped by block: state, id, Chinese, English.

A Line API widget: only the rows on screen are rendered, so a 2,000-segment article paints and
moves as fast as a short one.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar, NamedTuple

from rich.segment import Segment as RichSegment
from rich.style import Style
from textual import events
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from cipbilingual.models import Article, BlockKind, Segment, SegmentId
from cipbilingual.tui import keymap
from cipbilingual.tui.i18n import _
from cipbilingual.tui.widgets.text import COMMENT_GLYPH, STATE_GLYPHS, fit

ID_WIDTH = 7
DIVIDER = " │ "


def block_labels() -> dict[BlockKind, str]:
    """The heading of each kind of block, in the UI language, with `{n}` for its number."""
    return {
        BlockKind.TITLE: _("Title"),
        BlockKind.PARAGRAPH: _("Paragraph {n}"),
        BlockKind.HEADING: _("Heading {n}"),
        BlockKind.LIST_ITEM: _("List item {n}"),
        BlockKind.QUOTE: _("Quote {n}"),
        BlockKind.CAPTION: _("Caption {n}"),
    }


def block_label(kind: BlockKind, n: int) -> str:
    return block_labels()[kind].format(n=n)


class Row(NamedTuple):
    """A line of the list: a block heading (segment is None) or a segment. (A named tuple: an
    article of 20,000 segments makes as many rows, and they are made at once.)"""

    label: str = ""
    segment: SegmentId | None = None


class SegmentList(ScrollView, can_focus=True):
    """Rows of segments with a cursor. Posts `Highlighted` when the cursor moves and
    `EditRequested` on Enter."""

    BINDINGS: ClassVar = keymap.bindings("segments")

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "segment-list--cursor",
        "segment-list--heading",
        "segment-list--id",
        "segment-list--divider",
        "segment-list--finding",
        "segment-list--comment",
        "segment-list--empty",
        "segment-list--new",
        "segment-list--draft",
        "segment-list--translated",
        "segment-list--needs_work",
        "segment-list--approved",
    }

    DEFAULT_CSS = """
    SegmentList { height: 1fr; overflow-x: hidden; }
    """

    cursor: reactive[int] = reactive(0, always_update=True, init=False)

    class Highlighted(Message):
        def __init__(self, segment_id: SegmentId) -> None:
            super().__init__()
            self.segment_id = segment_id

    class EditRequested(Message):
        def __init__(self, segment_id: SegmentId) -> None:
            super().__init__()
            self.segment_id = segment_id

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        keymap.localize_bindings(self)
        self._rows: list[Row] = []
        self._segments: dict[SegmentId, Segment] = {}
        self._row_of: dict[SegmentId, int] = {}
        self._flagged: set[SegmentId] = set()
        self._commented: set[SegmentId] = set()
        self._preview: tuple[SegmentId, str] | None = None
        self._empty_text = ""
        # Painted rows by (row, width, under the cursor): scrolling by one row repaints every
        # visible row, and most of them have not changed.
        self._strips: dict[tuple[int, int, bool], Strip] = {}
        self._styles: dict[str, Style] = {}

    # -- data in ----------------------------------------------------------------------------
    def show_article(
        self,
        article: Article,
        visible: set[SegmentId] | None = None,
        flagged: Iterable[SegmentId] = (),
        current: SegmentId | None = None,
        empty_text: str = "",
    ) -> None:
        """Show the article's segments (only `visible` ones when given), grouped by block."""
        rows: list[Row] = []
        number = 0
        labels = block_labels()
        for block, segments in article.by_block():
            shown = segments if visible is None else [s for s in segments if s.id in visible]
            if block.kind is not BlockKind.TITLE:
                number += 1
            if not shown:
                continue
            rows.append(Row(labels[block.kind].format(n=number)))
            rows.extend([Row("", s.id) for s in shown])
        self._rows = rows
        self._segments = {s.id: s for s in article.segments}
        self._row_of = {r.segment: i for i, r in enumerate(rows) if r.segment is not None}
        self._flagged = set(flagged)
        self._empty_text = empty_text
        self._strips.clear()
        self.virtual_size = Size(self.scrollable_content_region.width, len(rows))
        target = self._row_of.get(current) if current is not None else None
        if target is None:
            target = next((i for i, r in enumerate(rows) if r.segment is not None), 0)
        self.set_reactive(SegmentList.cursor, target)
        self.refresh()
        self.call_after_refresh(self._scroll_to_cursor)

    def update_segment(self, segment: Segment) -> None:
        """A segment changed (saved, reloaded): repaint its row."""
        self._segments[segment.id] = segment
        if self._preview and self._preview[0] == segment.id:
            self._preview = None
        self._refresh_segment(segment.id)

    def set_preview(self, segment_id: SegmentId, text: str | None) -> None:
        """Show `text` as the segment's English while it is being typed (None: stop)."""
        old = self._preview
        new = None if text is None else (segment_id, text)
        if new == old or (new is None and (old is None or old[0] != segment_id)):
            return  # nothing shown changes
        self._preview = new
        if old and old[0] != segment_id:
            self._refresh_segment(old[0])
        self._refresh_segment(segment_id)

    def set_flagged(self, flagged: Iterable[SegmentId]) -> None:
        new = set(flagged)
        changed = new ^ self._flagged
        self._flagged = new
        for sid in changed:
            self._refresh_segment(sid)

    def flag(self, segment_id: SegmentId, on: bool) -> None:
        if (segment_id in self._flagged) != on:
            if on:
                self._flagged.add(segment_id)
            else:
                self._flagged.discard(segment_id)
            self._refresh_segment(segment_id)

    @property
    def flagged(self) -> set[SegmentId]:
        return set(self._flagged)

    def set_commented(self, commented: Iterable[SegmentId]) -> None:
        """Mark the segments that have an open comment."""
        new = set(commented)
        changed = new ^ self._commented
        self._commented = new
        for sid in changed:
            self._refresh_segment(sid)

    @property
    def commented(self) -> set[SegmentId]:
        return set(self._commented)

    def visible_ids(self) -> list[SegmentId]:
        return [r.segment for r in self._rows if r.segment is not None]

    @property
    def current(self) -> SegmentId | None:
        if 0 <= self.cursor < len(self._rows):
            return self._rows[self.cursor].segment
        return None

    def select(self, segment_id: SegmentId) -> bool:
        """Put the cursor on the segment without posting Highlighted; False if it is hidden."""
        row = self._row_of.get(segment_id)
        if row is None:
            return False
        self.set_reactive(SegmentList.cursor, row)
        self._after_cursor_move(self._last_cursor)
        return True

    # -- rendering --------------------------------------------------------------------------
    _last_cursor = 0

    def _refresh_segment(self, segment_id: SegmentId) -> None:
        row = self._row_of.get(segment_id)
        if row is not None:
            self._forget(row)
            self.refresh_line(row)

    def _forget(self, row: int) -> None:
        for key in [k for k in self._strips if k[0] == row]:
            del self._strips[key]

    def _style(self, name: str) -> Style:
        style = self._styles.get(name)
        if style is None:
            style = self._styles[name] = self.get_component_rich_style(name)
        return style

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()
        self._strips.clear()

    def render_line(self, y: int) -> Strip:
        row_index = self.scroll_offset.y + y
        width = self.scrollable_content_region.width
        if not self._rows:
            if y == 0 and self._empty_text:
                style = self._style("segment-list--empty")
                return Strip([RichSegment(fit(self._empty_text, width), style)], width)
            return Strip.blank(width, self.rich_style)
        if row_index >= len(self._rows):
            return Strip.blank(width, self.rich_style)
        key = (row_index, width, row_index == self.cursor)
        strip = self._strips.get(key)
        if strip is None:
            strip = self._strips[key] = self._render_row(row_index, width)
        return strip

    def _render_row(self, row_index: int, width: int) -> Strip:
        row = self._rows[row_index]
        base = self.rich_style
        if row.segment is None:
            style = base + self._style("segment-list--heading")
            return Strip([RichSegment(fit(row.label, width), style)], width)
        segment = self._segments[row.segment]
        if row_index == self.cursor:
            cursor = "segment-list--cursor"
            base = base + self._style(cursor)
        return Strip(self._segment_cells(segment, width, base), width)

    def _segment_cells(self, segment: Segment, width: int, base: Style) -> list[RichSegment]:
        state_style = base + self._style(f"segment-list--{segment.state}")
        flag_style = base + self._style("segment-list--finding")
        comment_style = base + self._style("segment-list--comment")
        id_style = base + self._style("segment-list--id")
        divider_style = base + self._style("segment-list--divider")
        target = segment.target
        if self._preview and self._preview[0] == segment.id:
            target = self._preview[1]
        flagged = "⚑" if segment.id in self._flagged else " "
        commented = COMMENT_GLYPH if segment.id in self._commented else " "
        fixed = 3 + 1 + ID_WIDTH + len(DIVIDER)
        room = max(width - fixed, 2)
        left = room // 2
        right = room - left
        return [
            RichSegment(STATE_GLYPHS[segment.state], state_style),
            RichSegment(flagged, flag_style),
            RichSegment(commented, comment_style),
            RichSegment(" ", base),
            RichSegment(fit(str(segment.id), ID_WIDTH), id_style),
            RichSegment(fit(segment.source, left), base),
            RichSegment(DIVIDER, divider_style),
            RichSegment(fit(target, right), base),
        ]

    def on_resize(self, event: events.Resize) -> None:
        self._strips.clear()
        self.virtual_size = Size(self.scrollable_content_region.width, len(self._rows))

    # -- cursor -----------------------------------------------------------------------------
    def watch_cursor(self, old: int, new: int) -> None:
        self._after_cursor_move(old)
        sid = self.current
        if sid is not None:
            self.post_message(self.Highlighted(sid))

    def _after_cursor_move(self, old: int) -> None:
        self.refresh_line(old)
        self.refresh_line(self._last_cursor)
        self.refresh_line(self.cursor)
        self._last_cursor = self.cursor
        self._scroll_to_cursor()

    def _scroll_to_cursor(self) -> None:
        if not self._rows:
            return
        # Keep the block heading in view when the cursor is on its first segment.
        top = (
            self.cursor - 1
            if self.cursor > 0 and self._rows[self.cursor - 1].segment is None
            else self.cursor
        )
        window_top = self.scroll_offset.y
        window_height = max(self.scrollable_content_region.height, 1)
        if window_top <= top and self.cursor < window_top + window_height:
            return
        # Out of view: bring it to the middle, so the next moves do not scroll (and repaint
        # every row) one line at a time.
        self.scroll_to_region(
            Region(0, top, 1, self.cursor - top + 1),
            animate=False,
            force=True,
            immediate=True,
            center=True,
        )

    def _move(self, start: int, step: int) -> None:
        i = start
        while 0 <= i < len(self._rows):
            if self._rows[i].segment is not None:
                self.cursor = i
                return
            i += step

    def action_cursor_down(self) -> None:
        self._move(self.cursor + 1, 1)

    def action_cursor_up(self) -> None:
        self._move(self.cursor - 1, -1)

    def action_page_down(self) -> None:
        self._move(min(self.cursor + max(self.size.height - 1, 1), len(self._rows) - 1), 1)

    def action_page_up(self) -> None:
        self._move(max(self.cursor - max(self.size.height - 1, 1), 0), -1)

    def action_first(self) -> None:
        self._move(0, 1)

    def action_last(self) -> None:
        self._move(len(self._rows) - 1, -1)

    def action_edit(self) -> None:
        sid = self.current
        if sid is not None:
            self.post_message(self.EditRequested(sid))

    def on_click(self, event: events.Click) -> None:
        row = self.scroll_offset.y + event.y
        if 0 <= row < len(self._rows) and self._rows[row].segment is not None:
            self.cursor = row
            if event.chain == 2:
                self.action_edit()
