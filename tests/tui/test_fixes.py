"""The findings panel's fixes: a finding that knows its fix is marked ✎ and Alt+E makes the
change, as one undoable edit, which is then checked and saved like any other."""

from __future__ import annotations

from typing import Any

from cipbilingual.tui.widgets.findings import FindingsView, in_order, render_findings
from cipbilingual.workspace import Workspace

from .conftest import open_editor, settle, wait_for

TYPO = "This year the Park brought in 36 Israeli projets, up 12.5 percent."
FIXED = "This year the Park brought in 36 Israeli projects, up 12.5%."


async def _to_p3_s1(pilot: Any, editor: Any) -> None:
    for _ in range(4):
        await pilot.press("ctrl+down")
    assert str(editor.current) == "p3.s1"


def _checks(editor: Any) -> list[str]:
    return [f.check for f in editor.query_one("#findings", FindingsView).findings]


async def test_alt_e_applies_each_fix_in_turn(build: Any, ws: Workspace) -> None:
    app = build("li", slug="work-plan")
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await open_editor(pilot)
        await _to_p3_s1(pilot, editor)
        editor.target.set_text_undoably(TYPO)
        await wait_for(pilot, lambda: "spelling" in _checks(editor), "the spelling finding")
        assert {"spelling", "style-percent"} <= set(_checks(editor))
        panel = editor.query_one("#findings", FindingsView)
        *shown, hint = render_findings(panel.findings).plain.splitlines()
        assert [line.endswith("✎") for line in shown] == [
            f.fix is not None for f in in_order(panel.findings)
        ]
        assert any(line.endswith("✎") for line in shown) and "Alt+E" in hint
        await pilot.press("alt+e")
        await wait_for(pilot, lambda: "spelling" not in _checks(editor), "the checks again")
        await pilot.press("alt+e")
        assert editor.target.text == FIXED
        await wait_for(
            pilot,
            lambda: not {"spelling", "style-percent"} & set(_checks(editor)),
            "the English checked again",
        )
        await pilot.press("ctrl+z")  # one undo takes back one fix
        assert editor.target.text == FIXED.replace("12.5%", "12.5 percent")
        await pilot.press("ctrl+y")
        assert editor.target.text == FIXED
        await settle(pilot)
        await pilot.press("ctrl+q")
    assert app.flush_on_exit() == []
    assert ws.load("work-plan").segment("p3.s1").target == FIXED


async def test_alt_e_without_a_fix_says_so(build: Any, ws: Workspace) -> None:
    app = build("li", slug="work-plan")
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await open_editor(pilot)
        await _to_p3_s1(pilot, editor)
        editor.target.set_text_undoably("This year the Park brought in 63 Israeli projects.")
        await wait_for(pilot, lambda: "numbers" in _checks(editor), "the numbers finding")
        before = editor.target.text
        await pilot.press("alt+e")
        await settle(pilot)
        assert editor.target.text == before
        notes = [str(n.message) for n in app._notifications]
        assert any("no" in n.lower() and "fix" in n.lower() for n in notes), notes
        await pilot.press("ctrl+q")
