"""A small, reviewed set of screenshots of the main screens (pytest-textual-snapshot).

Update after a deliberate change with `pytest tests/tui/test_snapshots.py --snapshot-update`,
and look at the report before committing the new SVGs.
"""

from __future__ import annotations

from typing import Any

from cipbilingual.models import State
from cipbilingual.workspace import Workspace

from .conftest import open_editor, wait_for


def _editor_at(segment: str) -> Any:
    async def run_before(pilot: Any) -> None:
        editor = await open_editor(pilot)
        editor.target.cursor_blink = False
        while str(editor.current) != segment:
            await pilot.press("ctrl+down")
        suggestions = editor.query_one("#suggestions")
        await pilot.pause(0.3)
        await wait_for(pilot, lambda: not suggestions._pending, "the TM lookup")
        await pilot.pause(0.2)

    return run_before


def test_articles_80x24(build: Any, snap_compare: Any) -> None:
    async def run_before(pilot: Any) -> None:
        await wait_for(pilot, lambda: pilot.app.screen.settled, "the articles")
        await pilot.pause(0.3)

    assert snap_compare(build("li"), terminal_size=(80, 24), run_before=run_before)


def test_editor_80x24(build: Any, snap_compare: Any) -> None:
    app = build("li", slug="work-plan")
    assert snap_compare(app, terminal_size=(80, 24), run_before=_editor_at("p1.s1"))


def test_editor_chinese_ui_120x40(build: Any, snap_compare: Any) -> None:
    app = build("li", "zh_CN", slug="work-plan")
    assert snap_compare(app, terminal_size=(120, 40), run_before=_editor_at("p3.s2"))


def test_editor_light_theme_200x60(build: Any, snap_compare: Any) -> None:
    app = build("wang", slug="work-plan")
    app.theme = "textual-light"
    assert snap_compare(app, terminal_size=(200, 60), run_before=_editor_at("p1.s1"))


def test_review_queue_120x40(build: Any, ws: Workspace, snap_compare: Any) -> None:
    with ws.edit("work-plan") as article:
        seg = article.segment("p1.s1")
        seg.target, seg.state, seg.translator = (
            "The CIP held a working meeting on Monday.",
            State.TRANSLATED,
            "li",
        )

    async def run_before(pilot: Any) -> None:
        await pilot.press("f3")
        await wait_for(pilot, lambda: pilot.app.screen.current_item(), "the queue")
        await pilot.pause(0.3)

    assert snap_compare(build("wang"), terminal_size=(120, 40), run_before=run_before)
