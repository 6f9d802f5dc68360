"""The article list: painted from the summary cache, stale rows filled in the background,
search, sort, End, and a slug column that tells identical titles apart."""

from __future__ import annotations

from typing import Any

from cipbilingual.models import State
from cipbilingual.tui.screens.articles import ArticlesScreen
from cipbilingual.workflow.summaries import workspace_summaries
from cipbilingual.workspace import Workspace

from .conftest import make_article, wait_for
from .reading import screen_text


def _add(ws: Workspace, slug: str, title: str, date: str) -> None:
    article = make_article(slug, title, [["园区举行会议。"]])
    article.meta.date = date
    ws.article_dir(slug).mkdir()
    ws.save(article)


async def _articles(pilot: Any) -> ArticlesScreen:
    screen = pilot.app.screen
    assert isinstance(screen, ArticlesScreen)
    await wait_for(pilot, lambda: screen.settled, "the articles")
    return screen


def _lines(pilot: Any) -> list[str]:
    listing = pilot.app.screen.article_list
    return screen_text(pilot.app, listing.scrollable_content_region)


async def test_rows_come_from_the_cache_and_stale_ones_are_filled_in(
    build: Any, ws: Workspace
) -> None:
    workspace_summaries(ws)  # the cache, as the last status left it
    with ws.edit("work-plan") as article:  # then someone translated a segment
        seg = article.segment("p2.s1")
        seg.target, seg.state, seg.translator = "The meeting was chaired.", State.TRANSLATED, "li"
    app = build("li")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = pilot.app.screen
        await wait_for(pilot, lambda: screen.rows and screen.rows[0].segments, "the first paint")
        screen = await _articles(pilot)
        row = next(r for r in screen.rows if r.slug == "work-plan")
        assert row.states[State.TRANSLATED] == 1 and row.last_editor == "li"
        assert all(r.qa_errors is not None for r in screen.rows)
        text = "\n".join(_lines(pilot))
        assert "1/7" not in text and "0/6" in text  # approved of all: nothing approved yet
        assert "li · translated" in text and "wang · approved" in text


async def test_search_sort_and_end(build: Any, ws: Workspace) -> None:
    for n in range(30):
        _add(ws, f"2020-01-{n + 1:02d}-news-{n}", f"新闻{n:02d}", f"2020-01-{n + 1:02d}")
    app = build("li")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _articles(pilot)
        assert len(screen.rows) == 32
        await pilot.press("end")
        assert screen.selected_slug() == "2020-01-30-news-29"  # oldest first: End is the newest
        assert any("新闻29" in line for line in _lines(pilot))
        await pilot.press("home")
        assert screen.selected_slug() == screen.rows[0].slug
        await pilot.press("S")  # newest first
        assert screen.rows[0].slug == "2020-01-30-news-29"
        await pilot.press("s")  # by title
        titles = [r.title for r in screen.rows]
        assert titles == sorted(titles, key=str.casefold)
        await pilot.press("slash")
        await pilot.press(*"新闻1")
        await wait_for(pilot, lambda: len(screen.rows) == 10, "the search")
        assert all("新闻1" in r.title for r in screen.rows)
        await pilot.press("enter")  # to the list
        await pilot.press("enter")  # opens the article under the cursor
        await wait_for(pilot, lambda: not isinstance(app.screen, ArticlesScreen), "the editor")


async def test_identical_titles_are_told_apart_by_slug(build: Any, ws: Workspace) -> None:
    _add(ws, "2019-12-10-same-title", "创新园召开工作会议", "2019-12-10")
    _add(ws, "2019-12-10-same-title-2", "创新园召开工作会议", "2019-12-10")
    app = build("li")
    async with app.run_test(size=(80, 24)) as pilot:
        await _articles(pilot)
        # The fixture's work-plan has that title too: three rows, three slugs to tell them apart.
        lines = [line for line in _lines(pilot) if "创新园召开工作会议" in line]
        assert len(lines) == 3
        assert sum("same-title-2" in line for line in lines) == 1
        assert sum("same-title " in line for line in lines) == 1
        assert sum("work-plan" in line for line in lines) == 1
