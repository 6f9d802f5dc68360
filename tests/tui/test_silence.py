"""Silencing a QA finding from the UI (Alt+S in the editor, S in the review queue): the reason
dialog refuses what `cipbilingual silence` refuses, the panel, the catalog, `qa --json` and the
history agree, the silence can be taken back, and a change to the English brings the finding
back."""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
from typing import Any

from cipbilingual.cli import main
from cipbilingual.models import SegmentId, Severity, State
from cipbilingual.tui.dialogs.choice import ChoiceDialog
from cipbilingual.tui.dialogs.note import NoteDialog
from cipbilingual.tui.widgets.findings import FindingsView
from cipbilingual.tui.widgets.history import HistoryView
from cipbilingual.workflow.history import segment_log
from cipbilingual.workspace import Workspace

from .conftest import dialog_ready, open_editor, settle, wait_for

SPACED = "The meeting was chaired by the  director of the park's management committee."
DOUBLED = "Participants discussed the the work plan for  2020."


def translate(ws: Workspace) -> None:
    """p2.s1 with a double space (a warning); p2.s2 with a double space and a doubled word (an
    error), both translated by li."""
    with ws.edit("work-plan") as article:
        for sid, english in (("p2.s1", SPACED), ("p2.s2", DOUBLED)):
            seg = article.segment(sid)
            seg.target, seg.state, seg.translator = english, State.TRANSLATED, "li"


def qa_json(ws: Workspace, segment: str) -> list[dict[str, Any]]:
    """What `cipbilingual qa work-plan --json` prints about `segment` (run in-process; the UI
    under test holds the terminal, so its output is caught here)."""
    out, err = io.StringIO(), io.StringIO()
    with (
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
        contextlib.suppress(SystemExit),
    ):
        main(["--workspace", str(ws.root), "qa", "work-plan", "--json"])
    return [f for f in json.loads(out.getvalue()) if f["segment"] == segment]


def catalog_digest(ws: Workspace) -> str:
    return hashlib.sha256(ws.catalog_path("work-plan").read_bytes()).hexdigest()


async def editor_at(pilot: Any, segment: str) -> Any:
    pilot.app.open_article("work-plan", focus=SegmentId.parse(segment))
    editor = await open_editor(pilot)
    assert str(editor.current) == segment
    await wait_for(pilot, lambda: editor.article_checked, "the article's findings")
    await wait_for(pilot, lambda: panel(editor).findings, "the findings panel")
    return editor


def panel(editor: Any) -> FindingsView:
    return editor.query_one("#findings", FindingsView)


def by_check(editor: Any) -> dict[str, Any]:
    return {f.check: f for f in panel(editor).findings}


def problem(dialog: Any) -> str:
    return str(dialog.query_one("#problem").render())


async def test_silence_a_warning_with_a_reason_then_take_it_back(build: Any, ws: Workspace) -> None:
    translate(ws)
    app = build("li")
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await editor_at(pilot, "p2.s1")
        assert list(by_check(editor)) == ["whitespace"]
        assert SegmentId.parse("p2.s1") in editor.segments_view.flagged
        before = catalog_digest(ws)

        await pilot.press("alt+s")  # one finding: the reason is asked at once
        dialog = await dialog_ready(pilot, NoteDialog)
        await pilot.press("enter")
        assert "needs a reason" in problem(dialog)
        reason = dialog.query_one("#note")
        for bad, says in (
            ("spaces\x1b[2J are fine", "U+001B"),
            ("fine\u2028really", "U+2028"),
            ("x" * 2001, "over the limit of 2,000"),
            ("   ", "needs a reason"),
        ):
            reason.value = bad
            await pilot.press("enter")
            assert app.screen is dialog and says in problem(dialog), problem(dialog)
        assert catalog_digest(ws) == before  # nothing written
        assert not [r for r in segment_log(ws, "work-plan", "p2.s1").records if r.act == "silence"]

        reason.value = ""
        await pilot.press(*"the CMS collapses spaces", "enter")
        await wait_for(
            pilot, lambda: by_check(editor)["whitespace"].silenced is not None, "the silence"
        )
        silence = by_check(editor)["whitespace"].silenced
        assert (silence.by, silence.reason) == ("li", "the CMS collapses spaces")
        assert SegmentId.parse("p2.s1") not in editor.segments_view.flagged
        assert any("Silenced “whitespace” on p2.s1" in n.message for n in app._notifications)

        # The catalog, `qa --json` and the history agree.
        seg = ws.load("work-plan").segment("p2.s1")
        assert [(s.check, s.by, s.reason) for s in seg.silences] == [
            ("whitespace", "li", "the CMS collapses spaces")
        ]
        assert seg.target == SPACED and seg.state is State.TRANSLATED
        found = qa_json(ws, "p2.s1")
        assert [(f["check"], f["silenced"], f["silence"]["reason"]) for f in found] == [
            ("whitespace", True, "the CMS collapses spaces")
        ]
        records = [r for r in segment_log(ws, "work-plan", "p2.s1").records if r.act == "silence"]
        assert [(r.by, r.reason) for r in records] == [
            ("li", "whitespace: the CMS collapses spaces")
        ]
        await pilot.press("alt+h")  # the History view shows it
        view = editor.query_one("#history", HistoryView)
        await wait_for(
            pilot, lambda: any(v.record.act == "silence" for v in view._versions), "the history"
        )
        await pilot.press("escape")

        # The same key on the silenced finding takes the silence back.
        await pilot.press("alt+s")
        await wait_for(
            pilot, lambda: by_check(editor)["whitespace"].silenced is None, "the finding back"
        )
        assert SegmentId.parse("p2.s1") in editor.segments_view.flagged
        assert ws.load("work-plan").segment("p2.s1").silences == []
        assert [f["silenced"] for f in qa_json(ws, "p2.s1")] == [False]
        records = [r for r in segment_log(ws, "work-plan", "p2.s1").records if r.act == "silence"]
        assert records[-1].reason == "whitespace: silence taken back"
        await pilot.press("ctrl+q")


async def test_pick_among_findings_errors_take_an_editor(build: Any, ws: Workspace) -> None:
    translate(ws)
    async with build("li").run_test(size=(120, 40)) as pilot:
        editor = await editor_at(pilot, "p2.s2")
        assert by_check(editor)["doubled-words"].severity is Severity.ERROR
        before = catalog_digest(ws)
        await pilot.press("alt+s")
        picker = await dialog_ready(pilot, ChoiceDialog)
        options = picker.query_one("#choices")
        labels = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        # What a translator may not do comes last, and says so.
        assert "whitespace" in labels[0] and "doubled-words" in labels[1]
        assert labels[1].endswith("editors only")
        await pilot.press("down", "enter")
        await wait_for(
            pilot,
            lambda: any(
                "only an editor may silence an error" in n.message for n in pilot.app._notifications
            ),
            "the refusal",
        )
        assert not isinstance(pilot.app.screen, NoteDialog)
        assert catalog_digest(ws) == before
        await pilot.press("escape", "s")  # plain S in the segment list
        await dialog_ready(pilot, ChoiceDialog)
        await pilot.press("enter")  # the warning, highlighted first
        await dialog_ready(pilot, NoteDialog)
        await pilot.press(*"house style allows it", "enter")
        await wait_for(
            pilot, lambda: by_check(editor)["whitespace"].silenced is not None, "the silence"
        )
        assert by_check(editor)["doubled-words"].silenced is None
        await pilot.press("ctrl+q")
    assert [s.check for s in ws.load("work-plan").segment("p2.s2").silences] == ["whitespace"]


async def test_an_editor_silences_an_error_and_a_change_to_the_english_brings_it_back(
    build: Any, ws: Workspace
) -> None:
    translate(ws)
    async with build("wang").run_test(size=(120, 40)) as pilot:
        editor = await editor_at(pilot, "p2.s2")
        await pilot.press("alt+s")
        picker = await dialog_ready(pilot, ChoiceDialog)
        options = picker.query_one("#choices")
        first = str(options.get_option_at_index(0).prompt)
        assert "doubled-words" in first and "editors only" not in first  # errors first
        await pilot.press("enter")
        await dialog_ready(pilot, NoteDialog)
        await pilot.press(*"a quotation, as spoken", "enter")
        await wait_for(
            pilot, lambda: by_check(editor)["doubled-words"].silenced is not None, "the silence"
        )
        assert SegmentId.parse("p2.s2") in editor.segments_view.flagged  # the warning is open
        # A change to the English: the finding is back in the panel as the editor types...
        editor.target.focus()
        await pilot.press("end", "!")
        await wait_for(
            pilot, lambda: by_check(editor)["doubled-words"].silenced is None, "the finding back"
        )
        await pilot.press("ctrl+q")
    # ... and once saved, the silence given on the old English is gone from the catalog.
    seg = ws.load("work-plan").segment("p2.s2")
    assert seg.target == DOUBLED + "!" and seg.silences == []


async def test_typed_english_is_saved_before_it_is_silenced(build: Any, ws: Workspace) -> None:
    translate(ws)
    async with build("li").run_test(size=(120, 40)) as pilot:
        editor = await editor_at(pilot, "p2.s1")
        editor.target.focus()
        await pilot.press("end", *" Yes.")
        typed = SPACED + " Yes."
        await wait_for(
            pilot, lambda: editor._checked_text.get(editor.current) == typed, "the check"
        )
        await pilot.press("alt+s")
        await dialog_ready(pilot, NoteDialog)
        await pilot.press(*"fine", "enter")
        await wait_for(
            pilot, lambda: by_check(editor)["whitespace"].silenced is not None, "the silence"
        )
        await settle(pilot)
        await pilot.press("ctrl+q")
    seg = ws.load("work-plan").segment("p2.s1")
    assert seg.target == typed and seg.silence_for("whitespace") is not None


async def test_silence_from_the_review_queue(build: Any, ws: Workspace) -> None:
    translate(ws)
    async with build("wang").run_test(size=(120, 40)) as pilot:
        await pilot.press("f3")
        screen = pilot.app.screen
        await wait_for(pilot, lambda: screen.current_item(), "the queue")
        item = screen.current_item()
        assert str(item.segment.id) == "p2.s1" and item.findings
        await pilot.press("s")
        await dialog_ready(pilot, NoteDialog)
        await pilot.press(*"the CMS collapses spaces", "enter")

        def silenced() -> bool:
            now = screen.current_item()
            return now is not None and all(f.silenced is not None for f in now.findings)

        await wait_for(pilot, silenced, "the queue read again")
        await pilot.press("ctrl+q")
    assert [s.by for s in ws.load("work-plan").segment("p2.s1").silences] == ["wang"]
