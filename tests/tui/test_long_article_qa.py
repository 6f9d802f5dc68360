"""Closing a long article does not wait for its QA: the editor's check of the whole article
runs in a worker that stops between segments once the editor is gone (a 20,000-segment
article's check is a minute; quitting used to wait for all of it)."""

from __future__ import annotations

from typing import Any

import pytest

from cipbilingual.models import State
from cipbilingual.qa import engine
from cipbilingual.workspace import Workspace

from .conftest import make_article, open_editor, wait_for

SEGMENTS = 3000


async def test_quitting_stops_the_article_check(
    build: Any, ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    article = make_article(
        "long",
        "长文",
        [[f"汪泉第{n}句说园区营收3.6亿元。" for n in range(1, 11)] for _ in range(300)],
    )
    for segment in article.segments:
        segment.target, segment.state = "Wang Quan said revenue was 360 million yuan.", State.DRAFT
    ws.article_dir("long").mkdir()
    ws.save(article)
    checked: list[str] = []
    real = engine._unit_issues

    def counted(unit: Any, ctx: Any, glossary: Any) -> Any:
        checked.append(unit.source)
        return real(unit, ctx, glossary)

    monkeypatch.setattr(engine, "_unit_issues", counted)
    app = build("li", slug="long")
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await open_editor(pilot)
        await wait_for(pilot, lambda: len(checked) > 10, "the article's check to start")
        assert not editor.article_checked
        await pilot.press("ctrl+q")
    # The worker's thread has been joined by now (the event loop is closed): it stopped early.
    assert 10 < len(checked) < SEGMENTS // 2, len(checked)


def test_a_check_told_to_stop_raises_between_segments(ws: Workspace) -> None:
    from cipbilingual.qa import CheckContext

    article = ws.load("work-plan")
    asked: list[int] = []

    def stop() -> bool:
        asked.append(1)
        return len(asked) > 2

    with pytest.raises(engine.Stopped):
        engine.check_article(article, CheckContext(), should_stop=stop)
    whole = engine.check_article(article, CheckContext())
    assert engine.check_article(article, CheckContext(), should_stop=lambda: False) == whole
