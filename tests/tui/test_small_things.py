"""The smaller things a new user ran into: F1's ids, the glossary's first key, the reject
dialog's title, same-day articles in the review queue, re-importing a revised source from the
UI, messages without CLI flags, the progress bar's direction, the approve key for translators,
the "with findings" filter, and the engine picker saying which engine is ready."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cipbilingual.models import State
from cipbilingual.tui import keymap
from cipbilingual.tui.dialogs.choice import ChoiceDialog
from cipbilingual.tui.dialogs.files import ImportDialog
from cipbilingual.tui.dialogs.reject import RejectDialog
from cipbilingual.tui.dialogs.term import TermDialog
from cipbilingual.tui.screens.glossary import GlossaryScreen
from cipbilingual.tui.screens.help import HelpScreen
from cipbilingual.tui.screens.review import ReviewScreen
from cipbilingual.tui.widgets.text import state_bar
from cipbilingual.workspace import Workspace

from .conftest import make_article, open_editor, settle, wait_for
from .reading import screen_text, unread
from .reading import settle as settle_screen

CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus"


def _screen(app: Any) -> str:
    return "\n".join(screen_text(app, app.screen.region))


async def test_help_shows_every_binding_id_whole_at_80x24(build: Any) -> None:
    app = build("li")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        table = app.screen.query_one("#keys")
        for binding_id in keymap.all_keys():
            table.move_cursor(row=table.get_row_index(binding_id))
            await settle_screen(pilot)
            assert binding_id in _screen(app), binding_id


async def test_typing_in_the_glossary_searches(build: Any) -> None:
    app = build("li")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f4")
        screen = app.screen
        assert isinstance(screen, GlossaryScreen)
        await pilot.press(*"news")
        assert not isinstance(app.screen, TermDialog)  # "n" did not mean "add a term"
        assert screen.query_one("#term-search").value == "news"


async def test_the_reject_dialog_title_is_read_whole(build: Any, ws: Workspace) -> None:
    slug = "2019-12-10-zhong-yi-chang-zhou-chuang-xin-yuan-zhao-kai-gong-zuo-hui-yi"
    app = build("wang")
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(RejectDialog(f"{slug} p1.s1", "The CIP held a meeting."))
        await settle_screen(pilot)
        title = app.screen.query_one(".dialog-title")
        lines = screen_text(app, title.content_region)
        assert unread(lines, f"Send {slug} p1.s1 back to the translator") is None


async def test_same_day_articles_differ_in_the_review_queue(build: Any, ws: Workspace) -> None:
    for slug in ("2019-12-10-zhong-yi-chang-zhou-yi", "2019-12-10-zhong-yi-chang-zhou-er"):
        article = make_article(slug, "会议", [["园区举行会议。"]])
        seg = article.segments[1]
        seg.target, seg.state, seg.translator = "The park met.", State.TRANSLATED, "li"
        ws.article_dir(slug).mkdir()
        ws.save(article)
    app = build("wang")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f3")
        assert isinstance(app.screen, ReviewScreen)
        await wait_for(pilot, lambda: len(app.screen._items) == 2, "the queue")
        table = app.screen.query_one("#queue")
        cells = [str(table.get_row_at(n)[0]) for n in range(2)]
        assert {cell[-2:] for cell in cells} == {"yi", "er"}  # where the two slugs differ


async def test_a_revised_source_is_imported_from_the_ui(
    build: Any, ws: Workspace, tmp_path: Path
) -> None:
    source = tmp_path / "meeting.txt"
    source.write_text(
        (CORPUS / "cip-2019-12-10-work-plan-meeting.zh.txt").read_text("utf-8"), "utf-8"
    )
    app = build("li")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        await wait_for(pilot, lambda: screen.settled, "the articles")

        async def import_(update: bool) -> None:
            await pilot.press("i")
            assert isinstance(app.screen, ImportDialog)
            app.screen.query_one("#file").value = str(source)
            app.screen.query_one("#slug").value = "meeting"
            app.screen.query_one("#update").value = update
            await pilot.press("enter")

        await import_(False)
        await wait_for(pilot, lambda: "meeting" in ws.slugs(), "the import")
        with ws.edit("meeting") as article:
            article.segments[1].target = "On the morning of December 9, the park met."
            article.segments[1].state = State.TRANSLATED
        app.clear_notifications()
        await import_(False)  # again, not as a revision: refused, in the dialog's words
        await wait_for(pilot, lambda: app._notifications, "the refusal")
        message = " ".join(n.message for n in app._notifications)
        assert "already exists" in message and "Update an existing article" in message
        assert "--" not in message
        source.write_text(source.read_text("utf-8").replace("研讨会", "座谈会"), "utf-8")
        app.clear_notifications()
        await import_(True)
        await wait_for(
            pilot, lambda: any("Updated" in n.message for n in app._notifications), "the update"
        )
    kept = ws.load("meeting").segments[1]
    assert kept.target == "On the morning of December 9, the park met."


async def test_an_export_refusal_names_the_checkbox(build: Any) -> None:
    app = build("li")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        await wait_for(pilot, lambda: screen.settled, "the articles")
        screen.article_list.select("work-plan")
        await pilot.press("e", "enter")
        await wait_for(pilot, lambda: app._notifications, "the refusal")
        message = " ".join(n.message for n in app._notifications)
        assert "not publishable" in message and "Allow a partial export" in message
        assert "--allow-partial" not in message


def test_the_progress_bar_fills_from_the_left() -> None:
    bar = state_bar({State.NEW: 3, State.APPROVED: 1}, 4, {})
    assert bar.plain == "█░░░"


async def test_a_translator_pressing_approve_is_told_why_nothing_happens(build: Any) -> None:
    app = build("li", slug="work-plan")
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await open_editor(pilot)
        await pilot.press("alt+a")
        await pilot.pause(0.1)
        assert any("only an editor" in n.message for n in app._notifications)
        assert str(editor.current) == "t.s1"  # nothing moved, nothing approved


async def test_the_filter_shows_segments_with_findings(build: Any, ws: Workspace) -> None:
    with ws.edit("work-plan") as article:
        seg = article.segment("p2.s1")
        seg.target, seg.state = "与会人员 discussed the plan.", State.TRANSLATED  # Chinese left
    app = build("li", slug="work-plan")
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await open_editor(pilot)
        await wait_for(pilot, lambda: editor.article_checked, "the article's QA")
        editor.set_filter(findings=True)
        await settle(pilot)
        assert [str(s) for s in editor.segments_view.visible_ids()] == ["p2.s1"]
        assert str(editor.current) == "p2.s1"


async def test_the_engine_picker_says_which_engine_is_ready(build: Any) -> None:
    app = build("li", slug="work-plan")
    async with app.run_test(size=(120, 40)) as pilot:
        await open_editor(pilot)
        await pilot.press("alt+m")
        await wait_for(pilot, lambda: isinstance(app.screen, ChoiceDialog), "the picker")
        options = app.screen.query_one("#choices")
        labels = {
            options.get_option_at_index(n).id: str(options.get_option_at_index(n).prompt)
            for n in range(options.option_count)
        }
        assert labels["tm"] == "tm — ready"
        assert labels["argos"].startswith("argos — not ready: ")  # no model on this machine
        assert labels["libretranslate"].startswith("libretranslate — not ready: ")
        assert options.get_option_at_index(options.highlighted or 0).id == "tm"
        await pilot.press("escape")
