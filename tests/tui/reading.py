"""What a person can read on the screen: the text of a panel as the terminal shows it (from the
composited screen, so whatever covers or cuts a panel counts), scrolled through to its end."""

from __future__ import annotations

import re
from typing import Any

from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget

_SPACE = re.compile(r"\s+")


def screen_strips(app: Any) -> list[Strip]:
    """The screen as it is written to the terminal, one strip per row."""
    # The compositor's strips are what the terminal receives (Textual's screenshots read them).
    return list(app.screen._compositor.render_strips())


async def still_screen(pilot: Any) -> list[Strip]:
    """The screen once it has stopped changing: settled, and the same on two looks in a row
    (what a person reads, not a frame caught while a change is still being painted)."""
    await settle(pilot)
    last = screen_strips(pilot.app)
    for _ in range(10):
        await settle(pilot)
        now = screen_strips(pilot.app)
        if [s.text for s in now] == [s.text for s in last]:
            return now
        last = now
    return last


def screen_text(app: Any, region: Region, strips: list[Strip] | None = None) -> list[str]:
    """The characters shown in `region` of the screen, one string per row. A wide character cut
    by the region's edge is not readable and is not returned."""
    strips = strips if strips is not None else screen_strips(app)
    rows = []
    for y in range(region.y, region.bottom):
        strip = strips[y].crop(region.x, region.right)
        rows.append("".join(segment.text for segment in strip))
    return rows


async def settle(pilot: Any) -> None:
    """Let the screen finish what a change set off: messages, then the layout pass they asked
    for (a scrollbar coming or going), then the repaint; as a terminal would show it once the
    screen is idle (not a frame caught half-way, which a busy machine makes likelier)."""
    screen = pilot.app.screen
    for _ in range(20):
        await pilot.pause(0)
        # What Textual's screen waits on before it calls itself idle (Screen._on_idle).
        if not (
            screen._layout_required
            or screen._scroll_required
            or screen._repaint_required
            or screen._recompose_required
            or screen._dirty_widgets
        ):
            break
    await pilot.pause(0)


async def readable_lines(
    pilot: Any, widget: Widget, strips: list[Strip] | None = None
) -> list[str]:
    """Every line of `widget`'s content a person can bring into view by scrolling, top to bottom.
    `strips`: the settled screen as it is now, when the caller has it."""
    lines: dict[int, str] = {}
    if widget.scroll_offset.y:
        widget.scroll_to(0, 0, animate=False, immediate=True)
        strips = await still_screen(pilot)
    while True:
        region = widget.scrollable_content_region
        top = round(widget.scroll_offset.y)
        for row, text in enumerate(screen_text(pilot.app, region, strips)):
            lines.setdefault(top + row, text)
        if top >= widget.max_scroll_y or region.height == 0:
            break
        below = min(top + region.height, widget.max_scroll_y)
        widget.scroll_to(0, below, animate=False, immediate=True)
        strips = await still_screen(pilot)
    return [lines[i] for i in sorted(lines)]


def unread(lines: list[str], text: str) -> str | None:
    """None when `lines`, read in order, are `text`: each line a contiguous piece of it, the pieces
    consecutive, and nothing but whitespace between them (a wrap may fall on a space or inside a
    word). Otherwise a description of the first difference."""
    pos = 0
    for n, line in enumerate(lines):
        piece = line.strip()
        if not piece:
            continue
        while pos < len(text) and text[pos].isspace():
            pos += 1
        if not text.startswith(piece, pos):
            shown = _SPACE.sub(" ", text[pos : pos + len(piece) + 10])
            return f"line {n} reads {piece!r} where the text goes on {shown!r}"
        pos += len(piece)
    rest = text[pos:].strip()
    if rest:
        return f"never shown: {_SPACE.sub(' ', rest)[:60]!r}"
    return None
