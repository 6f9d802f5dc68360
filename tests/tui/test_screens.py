"""The articles and review screens, and drafting with MT, through Pilot."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input, Select

from cipbilingual.models import Origin, State
from cipbilingual.mt.base import Draft, DraftRequest
from cipbilingual.tui.dialogs.choice import ChoiceDialog
from cipbilingual.tui.dialogs.files import ExportDialog
from cipbilingual.tui.dialogs.reject import RejectDialog
from cipbilingual.tui.screens.articles import ArticlesScreen
from cipbilingual.tui.screens.base import CipHost
from cipbilingual.tui.screens.editor import EditorScreen
from cipbilingual.tui.screens.review import ReviewScreen
from cipbilingual.workspace import Workspace

from .conftest import dialog_ready, open_editor, settle, wait_for


def test_the_app_is_what_screens_expect_of_it(build: Any) -> None:
    assert isinstance(build("li"), CipHost)


async def test_articles_screen_lists_and_opens(build: Any) -> None:
    app = build("li")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, ArticlesScreen)
        await wait_for(pilot, lambda: screen.settled, "the articles")
        assert [r.slug for r in screen.rows] == ["approved-one", "work-plan"]
        assert screen.rows[0].last_editor == "wang"
        await pilot.press("down", "enter")
        editor = await open_editor(pilot)
        assert editor.slug == "work-plan"
        await pilot.press("f2")
        assert isinstance(app.screen, ArticlesScreen)


async def test_export_from_the_articles_screen(build: Any, ws: Workspace) -> None:
    app = build("li")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: app.screen.settled, "the articles")
        await pilot.press("e")
        assert isinstance(app.screen, ExportDialog)
        await pilot.press("enter")  # md to approved-one.en.md
        await wait_for(pilot, lambda: (ws.root / "approved-one.en.md").exists(), "the export")
        assert "The park is in Changzhou." in (ws.root / "approved-one.en.md").read_text("utf-8")
        await pilot.press("down", "e", "enter")  # not publishable: an error, nothing written
        await pilot.pause(0.3)
        assert not (ws.root / "work-plan.en.md").exists()
        assert any("not publishable" in n.message for n in app._notifications)
        # The proof of the unfinished article is for review: every segment, written.
        await pilot.press("e")
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        dialog.query_one("#format", Select).value = "proof"
        await pilot.pause(0.1)
        assert dialog.query_one("#dest", Input).value == "work-plan.en.proof.html"
        await pilot.press("enter")
        proof = ws.root / "work-plan.en.proof.html"
        await wait_for(pilot, proof.exists, "the proof")
        assert proof.read_text("utf-8").count('<tr class="segment') == 6


async def test_review_queue_approve_and_reject_in_one_key(build: Any, ws: Workspace) -> None:
    with ws.edit("work-plan") as article:
        for sid, english in (("t.s1", "Park holds meeting"), ("p1.s1", "The CIP held a meeting.")):
            seg = article.segment(sid)
            seg.target, seg.state, seg.translator = english, State.TRANSLATED, "li"
    app = build("wang")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f3")
        review = app.screen
        assert isinstance(review, ReviewScreen)
        await wait_for(pilot, lambda: len(review._items) == 2, "the queue")
        await pilot.press("a")
        await wait_for(pilot, lambda: len(review._items) == 1, "the approval")
        await pilot.press("r")
        await dialog_ready(pilot, RejectDialog)
        await pilot.press(*"Say work-plan meeting", "enter")
        await wait_for(pilot, lambda: not review._items, "the rejection")
    article = ws.load("work-plan")
    assert article.segment("t.s1").state is State.APPROVED
    assert article.segment("t.s1").approval.by == "wang"  # type: ignore[union-attr]
    assert (article.segment("p1.s1").state, article.segment("p1.s1").reason) == (
        State.NEEDS_WORK,
        "Say work-plan meeting",
    )


async def test_translators_see_the_queue_but_cannot_decide(build: Any, ws: Workspace) -> None:
    with ws.edit("work-plan") as article:
        article.segment("t.s1").target, article.segment("t.s1").state = "Title", State.TRANSLATED
    app = build("li")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f3")
        await wait_for(pilot, lambda: app.screen.current_item(), "the queue")
        assert app.screen.check_action("approve", ()) is None
        await pilot.press("a", "r")
        await pilot.pause(0.2)
        assert isinstance(app.screen, ReviewScreen)
    assert ws.load("work-plan").segment("t.s1").state is State.TRANSLATED


class SlowEngine:
    """An engine (mt.base.Engine) that takes a little time per segment, so a drafting run can
    be watched and stopped half-way."""

    name = "slow"

    def describe(self) -> str:
        return "slow test engine"

    def translate(
        self, requests: Sequence[DraftRequest], progress: Callable[[int], None] | None = None
    ) -> list[Draft | None]:
        out: list[Draft | None] = []
        for request in requests:
            time.sleep(0.02)
            out.append(Draft(f"[slow] {request.source}", Origin("slow", "test")))
            if progress:
                progress(1)
        return out


async def test_draft_the_article_with_the_tm_engine(build: Any, ws: Workspace) -> None:
    app = build("li", slug="work-plan")
    async with app.run_test(size=(120, 40)) as pilot:
        editor: EditorScreen = await open_editor(pilot)
        await pilot.press(*"My title")  # typed while the engine drafts: kept
        await pilot.press("alt+m")
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("enter")  # the workspace's engine, "tm"
        await wait_for(pilot, lambda: editor._draft_worker is None, "the draft")
        p3s2 = editor.article.segment("p3.s2").id
        await wait_for(pilot, lambda: editor.segment(p3s2).state is State.DRAFT, "the reload")
        assert editor.target.text == "My title"
        await pilot.press("enter")
        await settle(pilot)
    article = ws.load("work-plan")
    drafted = article.segment("p3.s2")
    assert (drafted.target, drafted.state) == (
        "Total investment reached 360 million yuan.",
        State.DRAFT,
    )
    assert drafted.origin is not None and drafted.origin.engine == "tm"
    assert article.segment("t.s1").target == "My title"  # the person's English won
    assert article.segment("p2.s1").state is State.NEW  # no exact match: left new


async def test_drafting_can_be_stopped_and_the_ui_stays_responsive(
    build: Any, ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cipbilingual.mt import registry
    from cipbilingual.workflow.drafting import BATCH

    from .conftest import make_article

    long = make_article("long", "长文", [[f"第{n}句话。" for n in range(1, 4)] for _ in range(100)])
    ws.article_dir("long").mkdir()
    ws.save(long)
    monkeypatch.setattr(registry, "engine_for", lambda name, settings, root: SlowEngine())
    app = build("li", slug="long")
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await open_editor(pilot)
        editor.start_draft("slow")
        progress = editor.query_one("#draft-progress")
        await wait_for(pilot, lambda: (progress.progress or 0) > 0, "the first segments")
        await pilot.press("ctrl+down")  # the UI answers while the engine works
        assert str(editor.current) == "p1.s1"
        assert editor.check_action("cancel_draft", ()) is True
        await pilot.press("alt+x")
        await wait_for(pilot, lambda: editor._draft_worker is None, "the stop")
        assert any("stopped" in n.message for n in app._notifications)
    segments = ws.load("long").segments
    drafted = [s for s in segments if s.state is State.DRAFT]
    # The batch under way is saved whole and nothing after it: one batch, or on a busy machine
    # whose keys arrive late a few, never a part of one, and never the whole article.
    assert drafted and len(drafted) % BATCH == 0 and len(drafted) <= len(segments) // 2
    assert all(s.state is State.NEW for s in segments[len(drafted) :])
    assert all(s.target.startswith("[slow]") for s in drafted)


async def test_glossary_browse_search_add_and_edit(build: Any, ws: Workspace) -> None:
    from cipbilingual.models import Term
    from cipbilingual.tui.dialogs.term import TermDialog
    from cipbilingual.tui.screens.glossary import GlossaryScreen
    from cipbilingual.workflow.glossary import add_term, load_glossary

    add_term(ws, Term("高新区", "High-tech Zone", forbidden=("Hi-tech Zone",), case_sensitive=True))
    add_term(ws, Term("外商独资企业", "wholly foreign-owned enterprise", abbreviation="WOFE"))
    app = build("li")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f4")
        screen = app.screen
        assert isinstance(screen, GlossaryScreen)
        await wait_for(pilot, lambda: len(screen._shown) == 2, "the terms")
        await pilot.press(*"WOFE")  # the search box has the focus from the start
        await wait_for(pilot, lambda: len(screen._shown) == 1, "the search")
        await pilot.press("enter", "enter")  # leave the search, edit the one term shown
        assert isinstance(app.screen, TermDialog)
        app.screen.query_one("#note").value = "Plural WOFEs."
        await pilot.press("enter")
        await wait_for(pilot, lambda: load_glossary(ws).get("外商独资企业").note, "the edit")
        await pilot.press("n")
        assert isinstance(app.screen, TermDialog)
        app.screen.query_one("#source").value = "创新园"
        await pilot.press("tab", *"Innovation Park", "enter")
        await wait_for(
            pilot, lambda: "创新园" in [t.source for t in load_glossary(ws).terms], "the new term"
        )
    glossary = load_glossary(ws)
    assert glossary.get("外商独资企业").note == "Plural WOFEs."
    assert glossary.get("外商独资企业").abbreviation == "WOFE"
    assert glossary.get("创新园").target == "Innovation Park"
    assert len(glossary) == 3


async def test_import_a_file_then_draft_it_from_the_articles_screen(
    build: Any, ws: Workspace
) -> None:
    from cipbilingual.tui.dialogs.files import ImportDialog

    corpus = Path(__file__).resolve().parents[1] / "data" / "corpus"
    app = build("li")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        await wait_for(pilot, lambda: screen.settled and len(screen.rows) == 2, "the articles")
        await pilot.press("i")
        assert isinstance(app.screen, ImportDialog)
        app.screen.query_one("#file").value = str(
            corpus / "cip-2019-12-10-work-plan-meeting.zh.txt"
        )
        app.screen.query_one("#slug").value = "meeting"
        await pilot.press("enter")
        await wait_for(
            pilot, lambda: screen.settled and len(screen.rows) == 3, "the imported article"
        )
        assert "meeting" in ws.slugs()
        await pilot.press("home")
        for _ in range(3):
            if screen.selected_slug() == "meeting":
                break
            await pilot.press("down")
        assert screen.selected_slug() == "meeting"
        await pilot.press("d")
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("enter")  # the workspace's engine: tm
        editor = await open_editor(pilot)
        assert editor.slug == "meeting"
        await wait_for(pilot, lambda: editor._draft_worker is None, "the draft")
    assert len(ws.load("meeting").segments) > 5  # segmented on import
