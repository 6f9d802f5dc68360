"""Glossary terms in the Chinese, suggestions to insert, and QA findings updated as you type."""

from __future__ import annotations

from typing import Any

import pytest

from cipbilingual.models import Severity, Term
from cipbilingual.workspace import Workspace

from .conftest import open_editor, settle, wait_for

CIP = Term("中以常州创新园", "China-Israel Changzhou Innovation Park", abbreviation="CIP")
MEETING = Term("工作会议", "work meeting")


@pytest.fixture
def glossary(ws: Workspace) -> None:
    from cipbilingual.workflow.glossary import add_term

    add_term(ws, CIP)
    add_term(ws, MEETING)


async def test_terms_are_highlighted_chosen_and_inserted(
    build: Any, ws: Workspace, glossary: None
) -> None:
    app = build("li", slug="work-plan")
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await open_editor(pilot)
        await pilot.press("ctrl+down")
        source = editor.query_one("#source")
        assert [m.term for m in source.matches] == [CIP, MEETING]
        suggestions = editor.query_one("#suggestions").items
        assert [s.kind for s in suggestions] == ["mt", "term", "term"]
        editor.target.replace_text("The ")
        await pilot.press("alt+2")  # the first term's house English
        assert editor.target.text == "The China-Israel Changzhou Innovation Park"
        source.focus()
        await pilot.press("right", "right")
        assert "工作会议 → work meeting" in "".join(
            seg.text for y in range(3) for seg in source.render_line(y)
        )
        await pilot.press("enter")
        assert editor.target.text.endswith("Parkwork meeting")
        assert app.focused is editor.target
        await pilot.press("enter")
        await settle(pilot)
    assert ws.load("work-plan").segment("p1.s1").target.endswith("Parkwork meeting")


async def test_findings_follow_the_typing(build: Any, ws: Workspace) -> None:
    app = build("li", slug="work-plan")
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await open_editor(pilot)
        findings = editor.query_one("#findings")
        editor.target.insert_text("Park holds a meeting")
        await pilot.press(*" 创新园")
        await wait_for(pilot, lambda: findings.findings, "the findings")
        assert findings.findings[0].check == "chinese-left"
        assert findings.findings[0].severity is Severity.ERROR
        assert editor.current in editor.segments_view.flagged
        await pilot.press("ctrl+down", "alt+f")  # back to the one segment with findings
        assert str(editor.current) == "t.s1"
        for _ in range(4):
            await pilot.press("backspace")
        await wait_for(pilot, lambda: not findings.findings, "the findings to clear")
        assert editor.current not in editor.segments_view.flagged


async def test_a_click_on_a_suggestion_inserts_it(build: Any, ws: Workspace) -> None:
    app = build("li", slug="work-plan")
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await open_editor(pilot)
        await pilot.press("ctrl+down")
        editor.target.replace_text("")
        await pilot.click("#suggestions", offset=(2, 1))
        assert editor.target.text == "The CIP held a work meeting."
        await pilot.press("escape", "ctrl+up")
        editor.target.replace_text("")
        await pilot.press("escape", "down", "1")  # in the segment list, a plain digit
        assert editor.target.text == "The CIP held a work meeting."


async def test_a_silenced_finding_is_shown_muted_and_flags_nothing(
    build: Any, ws: Workspace
) -> None:
    from cipbilingual.models import State
    from cipbilingual.tui.widgets.findings import render_findings
    from cipbilingual.workflow.qa import silence_finding

    with ws.edit("work-plan") as article:
        seg = article.segment("p1.s1")
        seg.target = "The China-Israel Changzhou Innovation Park held a work meeting in 2019."
        seg.state = State.TRANSLATED
    silence_finding(ws, "work-plan", "p1.s1", "numbers-added", "the year is known", "wang")
    app = build("li", lang="zh_CN", slug="work-plan")
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await open_editor(pilot)
        await pilot.press("ctrl+down")
        assert str(editor.current) == "p1.s1"
        findings = editor.query_one("#findings")
        await wait_for(pilot, lambda: findings.findings, "the findings")
        [finding] = findings.findings
        assert finding.check == "numbers-added"
        assert finding.silenced is not None and finding.silenced.by == "wang"
        assert finding.message == "英文中的 2019 中文里没有"
        assert editor.current not in editor.segments_view.flagged
        assert "已由 wang 静默：the year is known" in render_findings(findings.findings).plain
        # Typing changes the English: the finding is back and flags the segment.
        editor.target.insert_text(" ")
        await pilot.press("backspace", "backspace", "1")
        await wait_for(
            pilot, lambda: findings.findings and not findings.findings[0].silenced, "it back"
        )
        assert editor.current in editor.segments_view.flagged
