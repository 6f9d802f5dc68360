"""The editor through Pilot: what a translator and an editor do, asserted on what is on disk."""

from __future__ import annotations

from typing import Any

from cipbilingual.models import Role, State
from cipbilingual.tui.dialogs.reject import RejectDialog
from cipbilingual.tui.dialogs.user import UserDialog
from cipbilingual.tui.screens.editor import AUTOSAVE_DELAY, EditorScreen
from cipbilingual.workspace import Workspace

from .conftest import dialog_ready, open_editor, settle, wait_for


async def test_type_and_confirm_saves_translated_and_moves_on(build: Any, ws: Workspace) -> None:
    app = build("li", "en", "work-plan")
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await open_editor(pilot)
        assert str(editor.current) == "t.s1"
        await pilot.press(*"Innovation Park meets")
        await pilot.press("enter")
        assert str(editor.current) == "p1.s1"
        await settle(pilot)
        seg = ws.load("work-plan").segment("t.s1")
        assert (seg.target, seg.state, seg.translator) == (
            "Innovation Park meets",
            State.TRANSLATED,
            "li",
        )
        await pilot.press("ctrl+q")
    assert ws.load("work-plan").segment("p1.s1").state is State.DRAFT  # only what was confirmed


async def test_an_edit_is_saved_when_typing_stops_and_when_leaving(
    build: Any, ws: Workspace
) -> None:
    app = build("li")
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await open_editor(pilot, "work-plan")
        await pilot.press(*"Park")
        await pilot.pause(AUTOSAVE_DELAY + 0.3)
        await settle(pilot)
        seg = ws.load("work-plan").segment("t.s1")
        assert (seg.target, seg.state) == ("Park", State.DRAFT)  # saved, not confirmed
        await pilot.press(*" news", "ctrl+down")
        assert str(editor.current) == "p1.s1"
        await settle(pilot)
        assert ws.load("work-plan").segment("t.s1").target == "Park news"


async def test_quit_right_after_typing_loses_nothing(build: Any, ws: Workspace) -> None:
    app = build("li", slug="work-plan")
    async with app.run_test(size=(120, 40)) as pilot:
        await open_editor(pilot)
        await pilot.press(*"Quick")
        await pilot.press("ctrl+q")
        await pilot.pause(0.2)
    assert app.flush_on_exit() == []
    assert ws.load("work-plan").segment("t.s1").target == "Quick"


async def test_a_crash_still_saves_the_pending_edit(build: Any, ws: Workspace) -> None:
    app = build("li", slug="work-plan")
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await open_editor(pilot)
        editor.target.insert_text("Half a sentence")
        app.exit(return_code=1)  # no quit action: the UI just stops, as after an exception
    assert app.flush_on_exit() == []
    assert ws.load("work-plan").segment("t.s1").target == "Half a sentence"


async def test_insert_the_mt_draft_edit_it_and_confirm(build: Any, ws: Workspace) -> None:
    app = build("li", slug="work-plan")
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await open_editor(pilot)
        await pilot.press("ctrl+down")
        assert str(editor.current) == "p1.s1"
        editor.target.replace_text("")
        await pilot.press("alt+1")
        assert editor.target.text == "The CIP held a work meeting."
        await pilot.press("backspace", *" on Monday.")
        await pilot.press("ctrl+z")  # undo what was typed
        assert editor.target.text == "The CIP held a work meeting"
        await pilot.press(*" on Tuesday.", "enter")
        await settle(pilot)
    seg = ws.load("work-plan").segment("p1.s1")
    assert seg.target == "The CIP held a work meeting on Tuesday."
    assert seg.state is State.TRANSLATED
    assert seg.origin is not None and seg.origin.engine == "argos"
    assert seg.machine_draft == "The CIP held a work meeting."


async def test_copy_source_and_next_new(build: Any, ws: Workspace) -> None:
    app = build("li", slug="work-plan")
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await open_editor(pilot)
        await pilot.press("alt+n")
        assert str(editor.current) == "p2.s1"  # p1.s1 is a draft, not new
        await pilot.press("alt+c")
        assert editor.target.text == "会议由园区管委会主任主持。"
        await pilot.press("alt+d")
        assert str(editor.current) == "p1.s1"  # wraps round to the only draft


async def test_translator_cannot_approve(build: Any, ws: Workspace) -> None:
    app = build("li", slug="work-plan")
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await open_editor(pilot)
        await pilot.press("ctrl+down")
        assert editor.check_action("approve_next", ()) is None  # shown disabled
        await pilot.press("alt+a")
        await pilot.press("escape", "a")  # from the segment list too
        await settle(pilot)
        assert str(editor.current) == "p1.s1"
    assert ws.load("work-plan").segment("p1.s1").state is State.DRAFT


async def test_switch_user_then_approve_and_reject(build: Any, ws: Workspace) -> None:
    app = build("li", slug="work-plan")
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await open_editor(pilot)
        await pilot.press(*"Innovation Park meets", "enter")
        await pilot.press("f5")
        assert isinstance(app.screen, UserDialog)
        await pilot.press("down", "enter")  # people are listed by name: li, wang
        assert app.user == "wang" and app.role is Role.EDITOR
        assert editor.check_action("approve_next", ()) is True
        await pilot.press("ctrl+up")
        assert str(editor.current) == "t.s1"
        await pilot.press("alt+a")
        assert str(editor.current) == "p1.s1"
        await pilot.press("alt+r")
        await dialog_ready(pilot, RejectDialog)
        await pilot.press("enter")  # an empty reason is refused
        await dialog_ready(pilot, RejectDialog)
        await pilot.press(*"CIP is spelt out first", "enter")
        await settle(pilot)
        await pilot.press("ctrl+q")
    article = ws.load("work-plan")
    title = article.segment("t.s1")
    assert title.state is State.APPROVED and title.approval_is_valid()
    assert title.approval is not None and title.approval.by == "wang" and title.translator == "li"
    sent_back = article.segment("p1.s1")
    assert (sent_back.state, sent_back.reason) == (State.NEEDS_WORK, "CIP is spelt out first")
    assert sent_back.target == "The CIP held a work meeting."


async def test_filter_by_state_and_search_by_text(build: Any, ws: Workspace) -> None:
    app = build("li", slug="work-plan")
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await open_editor(pilot)
        editor.set_filter(state=State.DRAFT)
        await pilot.pause()
        assert [str(s) for s in editor.segments_view.visible_ids()] == ["p1.s1"]
        assert str(editor.current) == "p1.s1"
        editor.set_filter()
        await pilot.press("ctrl+f", *"36")
        await pilot.pause(0.3)
        assert [str(s) for s in editor.segments_view.visible_ids()] == ["p3.s1"]
        await pilot.press("enter")  # back to the English box, on the one match
        assert str(editor.current) == "p3.s1" and app.focused is editor.target
        await pilot.press(*"36 Israeli projects came this year.", "enter")
        await settle(pilot)
    assert ws.load("work-plan").segment("p3.s1").state is State.TRANSLATED


async def test_segment_list_keys(build: Any, ws: Workspace) -> None:
    app = build("li", slug="work-plan")
    async with app.run_test(size=(80, 24)) as pilot:
        editor = await open_editor(pilot)
        await pilot.press("escape")
        assert app.focused is editor.segments_view
        await pilot.press("down", "down", "end")
        assert str(editor.current) == "p3.s2"
        await pilot.press("home", "j")
        assert str(editor.current) == "p1.s1"
        await pilot.press("enter")
        assert app.focused is editor.target


async def test_external_change_to_another_segment_is_reloaded(build: Any, ws: Workspace) -> None:
    app = build("li", slug="work-plan")
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await open_editor(pilot)
        await pilot.press(*"My title")
        with ws.edit("work-plan") as article:  # someone else, e.g. the CLI
            article.segment("p2.s1").target = "The meeting was chaired by the director."
            article.segment("p2.s1").state = State.TRANSLATED
        await wait_for(
            pilot, lambda: editor.segment(editor.article.segment("p2.s1").id).target, "reload"
        )
        assert editor.target.text == "My title"  # the unsaved edit is kept
        await pilot.press("enter")
        await settle(pilot)
    article = ws.load("work-plan")
    assert article.segment("t.s1").target == "My title"
    assert article.segment("p2.s1").target == "The meeting was chaired by the director."


async def test_external_change_to_the_open_segment_is_a_conflict(build: Any, ws: Workspace) -> None:
    app = build("li", slug="work-plan")
    async with app.run_test(size=(120, 40)) as pilot:
        editor: EditorScreen = await open_editor(pilot)
        await pilot.press(*"Mine")
        with ws.edit("work-plan") as article:
            article.segment("t.s1").target = "Theirs"
            article.segment("t.s1").translator = "wang"
        await wait_for(pilot, editor.has_conflict, "the conflict")
        await pilot.press("enter")  # refused until settled
        assert str(editor.current) == "t.s1"
        assert ws.load("work-plan").segment("t.s1").target == "Theirs"
        await pilot.press("alt+k")  # keep mine
        await settle(pilot)
        assert ws.load("work-plan").segment("t.s1").target == "Mine"
        assert not editor.has_conflict()


async def test_conflict_settled_by_taking_theirs(build: Any, ws: Workspace) -> None:
    app = build("li", slug="work-plan")
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await open_editor(pilot)
        await pilot.press(*"Mine")
        with ws.edit("work-plan") as article:
            article.segment("t.s1").target = "Theirs"
        await wait_for(pilot, editor.has_conflict, "the conflict")
        await pilot.press("alt+t")
        assert editor.target.text == "Theirs"
        await pilot.press("ctrl+q")
    assert ws.load("work-plan").segment("t.s1").target == "Theirs"


async def test_quitting_with_a_conflict_asks_first(build: Any, ws: Workspace) -> None:
    from cipbilingual.tui.dialogs.choice import ChoiceDialog

    app = build("li", slug="work-plan")
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await open_editor(pilot)
        await pilot.press(*"Mine")
        with ws.edit("work-plan") as article:
            article.segment("t.s1").target = "Theirs"
        await wait_for(pilot, editor.has_conflict, "the conflict")
        await pilot.press("ctrl+q")
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("enter")  # the first choice: keep my text and quit
        await pilot.pause(0.3)
    assert app.flush_on_exit() == []
    assert ws.load("work-plan").segment("t.s1").target == "Mine"


async def test_alt_keys_as_a_terminal_sends_them_are_not_typed(build: Any, ws: Workspace) -> None:
    """A terminal sends Alt+A as the key "alt+a" with the character "a" (Pilot sends none)."""
    from textual import events

    app = build("wang", slug="work-plan")
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await open_editor(pilot)
        await pilot.press("ctrl+down")
        app.post_message(events.Key("alt+a", "a"))
        await pilot.pause(0.1)
        assert str(editor.current) == "p2.s1"  # approved and moved on; nothing typed
        await pilot.press("ctrl+up")
        assert editor.target.text == "The CIP held a work meeting."
        editor.target.replace_text("")
        await pilot.press("ctrl+g")  # the first suggestion, in any terminal
        assert editor.target.text == "The CIP held a work meeting."
        await settle(pilot)
    assert ws.load("work-plan").segment("p1.s1").state is State.APPROVED
