"""A clash a git merge kept in a segment, settled in the editor: keep mine, take theirs, edit."""

from __future__ import annotations

import copy
from typing import Any

from textual.widgets import Static

from cipbilingual.merge import conflicted
from cipbilingual.models import SegmentId, State
from cipbilingual.tui.widgets.suggestions import SuggestionsView
from cipbilingual.workspace import Workspace
from tests.tui.conftest import open_editor, settle, wait_for

SID = SegmentId(2, 1)


def keep_a_clash(ws: Workspace) -> None:
    """What the merge driver leaves when li and wang translated p2.s1 differently."""
    with ws.edit("work-plan") as article:
        index = next(i for i, s in enumerate(article.segments) if s.id == SID)
        mine = copy.deepcopy(article.segments[index])
        mine.target, mine.state, mine.translator = (
            "Mine: the director chaired.",
            State.TRANSLATED,
            "li",
        )
        theirs = copy.deepcopy(mine)
        theirs.target, theirs.translator = "Theirs: chaired by the director.", "wang"
        article.segments[index] = conflicted(mine, theirs, "both sides changed the English")


async def open_clash(pilot: Any) -> Any:
    editor = await open_editor(pilot)
    editor.show_segment(SID)
    await pilot.pause()
    return editor


def bar_text(editor: Any) -> str:
    bar = editor.query_one("#conflict", Static)
    assert bar.has_class("-shown")
    return str(bar.render())


async def test_the_bar_shows_both_sides_and_alt_k_keeps_mine(build: Any, ws: Workspace) -> None:
    keep_a_clash(ws)
    app = build("wang", slug="work-plan")
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await open_clash(pilot)
        assert "Merge conflict: Alt+K keeps mine" in bar_text(editor)
        assert editor.target.text == "Mine: the director chaired."
        suggestions = editor.query_one("#suggestions", SuggestionsView)
        first = suggestions.items[0]
        assert (first.kind, first.text) == ("merge", "Theirs: chaired by the director.")
        await pilot.press("alt+a")  # approving is refused while the clash stands
        await pilot.pause()
        assert ws.load("work-plan").segment(SID).conflict is not None
        await pilot.press("alt+k")
        await wait_for(pilot, lambda: ws.load("work-plan").segment(SID).conflict is None, "mine")
        await settle(pilot)
        stored = ws.load("work-plan").segment(SID)
        assert (stored.target, stored.state) == ("Mine: the director chaired.", State.TRANSLATED)
        assert editor.target.text == stored.target
        assert not editor.query_one("#conflict", Static).has_class("-shown")


async def test_alt_t_takes_theirs(build: Any, ws: Workspace) -> None:
    keep_a_clash(ws)
    app = build("li", slug="work-plan")
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await open_clash(pilot)
        await pilot.press("alt+t")
        await wait_for(pilot, lambda: editor.target.text.startswith("Theirs"), "theirs")
        await settle(pilot)
    stored = ws.load("work-plan").segment(SID)
    assert stored.target == "Theirs: chaired by the director." and stored.conflict is None
    assert stored.translator == "wang"


async def test_editing_and_confirming_writes_a_third_english(build: Any, ws: Workspace) -> None:
    keep_a_clash(ws)
    app = build("li", slug="work-plan")
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await open_clash(pilot)
        editor.target.replace_text("The director of the Park chaired the meeting.")
        editor.target.focus()
        await pilot.press("enter")
        await settle(pilot)
    stored = ws.load("work-plan").segment(SID)
    assert stored.target == "The director of the Park chaired the meeting."
    assert (stored.state, stored.conflict) == (State.TRANSLATED, None)


async def test_their_english_is_suggestion_1_to_start_an_edit_from(
    build: Any, ws: Workspace
) -> None:
    keep_a_clash(ws)
    app = build("li", slug="work-plan")
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await open_clash(pilot)
        assert editor.target.region.height >= 3  # the bar leaves the English its room
        editor.target.focus()
        await pilot.press("ctrl+g")
        assert editor.target.text == "Theirs: chaired by the director."
        await pilot.press("end", *" Thanks.", "enter")
        await settle(pilot)
    stored = ws.load("work-plan").segment(SID)
    assert stored.target == "Theirs: chaired by the director. Thanks."
    assert (stored.state, stored.translator, stored.conflict) == (State.TRANSLATED, "li", None)


async def test_the_clash_bar_in_chinese(build: Any, ws: Workspace) -> None:
    keep_a_clash(ws)
    app = build("li", lang="zh_CN", slug="work-plan")
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await open_clash(pilot)
        assert "合并冲突" in bar_text(editor)
