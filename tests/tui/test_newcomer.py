"""The README's promise, on a copy of the repository's sample workspace, in both UI languages:
open the second article, insert a TM match, edit it, confirm; switch to the editor, approve;
quit; the catalog holds exactly that."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from cipbilingual.models import State
from cipbilingual.tui.app import build_app
from cipbilingual.tui.dialogs.user import UserDialog
from cipbilingual.tui.screens.articles import ArticlesScreen
from cipbilingual.workspace import Workspace

from ..cli.conftest import copy_sample_workspace
from .conftest import open_editor, settle, wait_for


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
async def test_newcomer(tmp_path: Path, lang: str) -> None:
    ws = Workspace.open(copy_sample_workspace(tmp_path / "sample"))
    first, second = ws.slugs()
    before = ws.load(second)
    app = build_app(ws, "li", lang)
    async with app.run_test(size=(120, 40)) as pilot:
        articles = app.screen
        assert isinstance(articles, ArticlesScreen)
        await wait_for(
            pilot, lambda: articles.settled and len(articles.rows) == 2, "the sample articles"
        )
        await pilot.press("down", "enter")
        editor = await open_editor(pilot)
        assert editor.slug == second
        suggestions = editor.query_one("#suggestions")
        for _ in range(len(before.segments)):
            await wait_for(pilot, lambda: not suggestions._pending, "the TM lookup")
            tm = [n for n, s in enumerate(suggestions.items, start=1) if s.kind == "tm"]
            if tm:
                break
            await pilot.press("ctrl+down")
        else:
            pytest.fail("no segment of the second sample article has a TM match")
        sid = editor.current
        match = suggestions.items[tm[0] - 1]
        editor.target.replace_text("")
        await pilot.press(f"alt+{tm[0]}")
        assert editor.target.text == match.text
        # The match is another article's: it lacks this sentence's 2020, which QA would stop.
        await pilot.press("end", *" (edited for 2020)", "enter")
        await pilot.press("f5")
        assert isinstance(app.screen, UserDialog)
        await pilot.press("down", "enter")
        assert app.user == "wang"
        await pilot.press("ctrl+up")
        assert editor.current == sid
        await pilot.press("alt+a")
        await settle(pilot)
        await pilot.press("ctrl+q")
    assert app.flush_on_exit() == []
    after = ws.load(second)
    segment = after.segment(sid)
    assert segment.target == match.text + " (edited for 2020)"
    assert segment.state is State.APPROVED and segment.approval_is_valid()
    assert segment.translator == "li" and segment.approval is not None
    assert segment.approval.by == "wang"
    assert segment.origin is not None and segment.origin.engine == "tm"
    expected = copy.deepcopy(before)
    expected.segments = [segment if s.id == sid else s for s in expected.segments]
    assert after.segments == expected.segments  # nothing else changed
    assert ws.load(first).complete
