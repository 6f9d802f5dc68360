"""History in the UI, through Pilot: every act in the editor writes a record, the history panel
shows the versions and reverts, comments reach the person they address, approving a sent-back
unchanged segment asks why, the articles list names the last act, F7 reports."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cipbilingual.models import State
from cipbilingual.tui.dialogs.choice import ChoiceDialog
from cipbilingual.tui.dialogs.note import NoteDialog
from cipbilingual.tui.dialogs.reject import RejectDialog
from cipbilingual.tui.screens.articles import ArticlesScreen
from cipbilingual.tui.screens.report import ReportScreen
from cipbilingual.tui.screens.review import ReviewScreen
from cipbilingual.tui.widgets.history import HistoryView
from cipbilingual.tui.widgets.text import COMMENT_GLYPH
from cipbilingual.workspace import Workspace

from .conftest import dialog_ready, open_editor, settle, wait_for
from .reading import screen_text


def acts(ws: Workspace, slug: str, segment: str | None = None) -> list[tuple[str, str]]:
    return [
        (r.act, r.by) for r in ws.history(slug).records if segment is None or r.segment == segment
    ]


async def test_every_editor_act_writes_a_record(build: Any, ws: Workspace) -> None:
    app = build("li", slug="work-plan")
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await open_editor(pilot)
        await pilot.press("alt+m")  # draft with the workspace's engine (tm): p3.s2
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("enter")
        await wait_for(pilot, lambda: editor._draft_worker is None, "the draft")
        await pilot.press(*"Park")  # t.s1: typed, saved when leaving: an unconfirmed edit
        await pilot.press("ctrl+down")
        await settle(pilot)
        await pilot.press("ctrl+up", *" meets", "enter")  # confirmed: translated
        await settle(pilot)
        await pilot.press("f5", "down", "enter")  # now wang, an editor
        await pilot.press("ctrl+up", "alt+a")  # approve t.s1
        await settle(pilot)
        await pilot.press("alt+r")  # p1.s1 (the machine draft) goes back
        await dialog_ready(pilot, RejectDialog)
        await pilot.press(*"Name the park in full", "enter")
        await settle(pilot)
        await pilot.press("alt+o")
        await dialog_ready(pilot, NoteDialog)
        await pilot.press(*"@li see the style guide", "enter")
        await wait_for(pilot, lambda: acts(ws, "work-plan", "p1.s1")[-1][0] == "comment", "note")
        await pilot.press("ctrl+q")
    assert acts(ws, "work-plan") == [
        ("draft", "li"),
        ("edit", "li"),
        ("translate", "li"),
        ("approve", "wang"),
        ("reject", "wang"),
        ("comment", "wang"),
    ]
    records = ws.history("work-plan").records
    assert records[0].segment == "p3.s2" and records[0].origin.startswith("tm 100")
    assert (records[1].before, records[1].after) == ("", "Park")
    assert (records[2].before, records[2].after, records[2].state) == (
        "Park", "Park meets", "translated",
    )  # fmt: skip
    assert records[4].reason == "Name the park in full" and records[4].was == "draft"
    assert records[5].to == ("li",) and records[5].text == "@li see the style guide"
    rejected = ws.load("work-plan").segment("p1.s1")
    assert rejected.rejection is not None and rejected.rejection.by == "wang"


async def test_history_panel_shows_versions_and_reverts(build: Any, ws: Workspace) -> None:
    from cipbilingual.workflow.articles import translate_segment

    translate_segment(ws, "work-plan", "t.s1", "Park meeting held", "li")
    translate_segment(ws, "work-plan", "t.s1", "Innovation Park holds work meeting", "li")
    app = build("wang", slug="work-plan")
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await open_editor(pilot)
        assert str(editor.current) == "t.s1"
        await pilot.press("alt+h")
        view = editor.query_one("#history", HistoryView)
        await wait_for(pilot, lambda: view.option_count == 2, "the history")
        assert app.focused is view
        newest = str(view.get_option_at_index(0).prompt)
        assert "li · translated" in newest and "the English now" in newest
        assert "Innovation" in newest and "holds work meeting" in newest
        await pilot.press("down", "r")  # back to the first version
        await settle(pilot)
        await wait_for(pilot, lambda: view.option_count == 3, "the reverted history")
        assert editor.target.text == "Park meeting held"
        await pilot.press("escape")
        assert app.focused is editor.target
        assert not editor.query_one("#side").has_class("-history")
    seg = ws.load("work-plan").segment("t.s1")
    assert (seg.target, seg.state, seg.translator) == (
        "Park meeting held", State.TRANSLATED, "wang",
    )  # fmt: skip
    last = ws.history("work-plan").records[-1]
    first = ws.history("work-plan").records[0]
    assert (last.act, last.by, last.ref) == ("translate", "wang", first.id)
    assert last.reason.startswith("revert to the English of translate by li")


async def test_comments_show_on_the_segment_reach_the_queue_and_resolve(
    build: Any, ws: Workspace
) -> None:
    from cipbilingual.workflow.history import add_comment

    add_comment(ws, "work-plan", "p2.s1", "@li 2020 or 2021?", "wang")
    app = build("li", slug="work-plan")
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await open_editor(pilot)
        await wait_for(pilot, lambda: editor.segments_view.commented, "the comment marker")
        assert [str(s) for s in editor.segments_view.commented] == ["p2.s1"]
        editor.show_segment(editor.article.segment("p2.s1").id)
        await pilot.pause()
        bar = editor.query_one("#comments")
        assert bar.has_class("-shown")
        assert f"{COMMENT_GLYPH} wang → li: @li 2020 or 2021?" in str(bar.render())
        await pilot.press("f3")
        review = app.screen
        assert isinstance(review, ReviewScreen)
        await wait_for(pilot, lambda: review._items, "the queue")
        assert [(i.segment.id.__str__(), i.comment is not None) for i in review._items] == [
            ("p2.s1", True)
        ]
        await pilot.press("x")
        await wait_for(pilot, lambda: not review._items, "the resolution")
    resolved = ws.history("work-plan").records[-1]
    assert (resolved.act, resolved.by) == ("resolve", "li")
    # wang's queue never had it: it was addressed to li.
    from cipbilingual.workflow.history import review_queue

    assert review_queue(ws, "wang")[0] == []


async def test_approving_a_sent_back_unchanged_segment_asks_why(build: Any, ws: Workspace) -> None:
    from cipbilingual.workflow.articles import reject_segment

    reject_segment(ws, "work-plan", "p1.s1", "Check the date", "wang")
    app = build("wang", slug="work-plan")
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await open_editor(pilot)
        editor.show_segment(editor.article.segment("p1.s1").id)
        await pilot.pause()
        assert "sent back by wang" in str(editor.target.border_subtitle)
        await pilot.press("alt+a")
        await dialog_ready(pilot, NoteDialog)
        await pilot.press("enter")  # no reason: asked again
        assert isinstance(app.screen, NoteDialog)
        await pilot.press(*"The date is right", "enter")
        await settle(pilot)
        await pilot.press("ctrl+q")
    seg = ws.load("work-plan").segment("p1.s1")
    assert seg.state is State.APPROVED
    last = ws.history("work-plan").records[-1]
    assert (last.act, last.by, last.reason) == ("approve", "wang", "The date is right")


async def test_articles_list_names_the_last_act(build: Any, ws: Workspace) -> None:
    from cipbilingual.workflow.articles import reject_segment

    reject_segment(ws, "approved-one", "p1.s1", "Say Changzhou City", "wang")
    app = build("li")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, ArticlesScreen)
        await wait_for(pilot, lambda: screen.settled, "the articles")
        row = screen.rows[0]
        assert (row.slug, row.last_editor, row.last_act) == ("approved-one", "wang", "reject")
        listing = screen.article_list
        assert any("wang · sent back" in line for line in screen_text(app, listing.region))


async def test_report_screen(build: Any, ws: Workspace, tmp_path: Path) -> None:
    from cipbilingual.workflow.articles import approve_segments, translate_segment

    translate_segment(ws, "work-plan", "p1.s1", "The CIP held a work meeting.", "li")
    approve_segments(ws, "work-plan", ["p1.s1"], "wang")
    app = build("wang")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f7")
        screen = app.screen
        assert isinstance(screen, ReportScreen)
        await wait_for(pilot, lambda: screen.report is not None, "the report")
        assert screen.report is not None
        people = {p.person: p for p in screen.report.people}
        assert people["li"].unedited == 1 and people["li"].median_distance == 0.0
        assert len(people["wang"].approved) == 1
        table = screen.query_one("#report-table")
        assert table.row_count == 2
        await pilot.press("slash", *"2999-01-01", "enter")
        await wait_for(pilot, lambda: screen.report and not screen.report.people, "no work")
