"""Approving a segment with a QA error from the UI: the editor is shown the errors and asked for
the reason of an override; without one the segment stays unapproved (its English kept)."""

from __future__ import annotations

from typing import Any

from textual.widgets import Input

from cipbilingual.models import State
from cipbilingual.tui.dialogs.override import OverrideDialog
from cipbilingual.workspace import Workspace

from .conftest import open_editor, settle, wait_for

WRONG = "This year the park brought in 63 Israeli projects."  # the Chinese says 36


async def _to_p3_s1(pilot: Any, editor: Any) -> None:
    for _ in range(4):
        await pilot.press("ctrl+down")
    assert str(editor.current) == "p3.s1"


async def test_cancelled_override_keeps_the_english_unapproved(build: Any, ws: Workspace) -> None:
    app = build("wang", slug="work-plan")
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await open_editor(pilot)
        await _to_p3_s1(pilot, editor)
        editor.target.replace_text(WRONG)
        await pilot.press("alt+a")
        await wait_for(pilot, lambda: isinstance(app.screen, OverrideDialog), "the dialog")
        dialog = app.screen
        assert "numbers" in str(dialog.query_one("#errors").render())
        await pilot.press("enter")  # no reason: refused inside the dialog
        assert isinstance(app.screen, OverrideDialog)
        assert "needs a reason" in str(dialog.query_one("#problem").render())
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("ctrl+q")
    assert app.flush_on_exit() == []
    seg = ws.load("work-plan").segment("p3.s1")
    assert (seg.target, seg.state, seg.approval) == (WRONG, State.TRANSLATED, None)


async def test_override_with_a_reason_approves_and_records_it(build: Any, ws: Workspace) -> None:
    app = build("wang", slug="work-plan")
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await open_editor(pilot)
        await _to_p3_s1(pilot, editor)
        editor.target.replace_text(WRONG)
        await pilot.press("alt+a")
        await wait_for(pilot, lambda: isinstance(app.screen, OverrideDialog), "the dialog")
        app.screen.query_one("#reason", Input).value = "The park corrected the figure to 63"
        await pilot.press("enter")
        await wait_for(
            pilot,
            lambda: ws.load("work-plan").segment("p3.s1").state is State.APPROVED,
            "the approval",
        )
        await settle(pilot)
        await pilot.press("ctrl+q")
    seg = ws.load("work-plan").segment("p3.s1")
    assert seg.target == WRONG and seg.approval is not None
    assert seg.approval.by == "wang" and seg.approval.override is not None
    assert seg.approval.override.checks == ("numbers",)
    assert seg.approval.override.reason == "The park corrected the figure to 63"


async def test_review_queue_asks_for_the_override(build: Any, ws: Workspace) -> None:
    from cipbilingual.workflow.articles import translate_segment

    translate_segment(ws, "work-plan", "p3.s1", WRONG, "li")
    app = build("wang")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: app.screen.rows, "the articles")
        await pilot.press("f3")
        await wait_for(pilot, lambda: getattr(app.screen, "_items", None), "the review queue")
        await pilot.press("a")
        await wait_for(pilot, lambda: isinstance(app.screen, OverrideDialog), "the dialog")
        app.screen.query_one("#reason", Input).value = "Confirmed with the reporter"
        await pilot.press("enter")
        await wait_for(
            pilot,
            lambda: ws.load("work-plan").segment("p3.s1").state is State.APPROVED,
            "the approval",
        )
    seg = ws.load("work-plan").segment("p3.s1")
    assert seg.approval is not None and seg.approval.override is not None
    assert seg.approval.override.reason == "Confirmed with the reporter"


async def test_known_errors_ask_before_moving_on(build: Any, ws: Workspace) -> None:
    app = build("wang", slug="work-plan")
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await open_editor(pilot)
        await _to_p3_s1(pilot, editor)
        editor.target.replace_text(WRONG)
        sid = editor.current
        await wait_for(pilot, lambda: editor._checked_text.get(sid) == WRONG, "the checks")
        await pilot.press("alt+a")
        assert isinstance(app.screen, OverrideDialog)  # at once: no save was tried
        assert str(editor.current) == "p3.s1"
        app.screen.query_one("#reason", Input).value = "Checked with the park"
        await pilot.press("enter")
        await wait_for(pilot, lambda: str(editor.current) == "p3.s2", "the next segment")
        await settle(pilot)
        await pilot.press("ctrl+q")
    seg = ws.load("work-plan").segment("p3.s1")
    assert seg.state is State.APPROVED and seg.approval is not None
    assert seg.approval.override is not None
    assert seg.approval.override.reason == "Checked with the park"
