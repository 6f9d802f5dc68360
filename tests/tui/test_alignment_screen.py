"""The link-fixing screen: reached from the article list, one key per fix, the workspace changed
exactly as the workflow says; review puts the weakest aligned links first."""

from __future__ import annotations

from typing import Any

from cipbilingual.tui.screens.alignment import AlignmentScreen
from cipbilingual.tui.screens.articles import ArticlesScreen
from cipbilingual.tui.screens.editor import EditorScreen
from cipbilingual.tui.screens.review import ReviewScreen
from cipbilingual.workflow.align import align_files, import_alignment, link_views
from cipbilingual.workspace import Workspace
from tests.align.gold import GOLD_DIR, load_gold
from tests.tui.conftest import wait_for

NEWS = load_gold(GOLD_DIR / "news-wang-quan-visit.json")
SLUG = "aligned-release"


def _aligned(ws: Workspace) -> None:
    import_alignment(ws, align_files(NEWS.zh_file, NEWS.en_file, ws=ws), "li", SLUG)


def _links(ws: Workspace) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return [(v.zh, v.en) for v in link_views(ws, SLUG)]


async def _open_links(pilot: Any) -> AlignmentScreen:
    app = pilot.app
    await wait_for(pilot, lambda: isinstance(app.screen, ArticlesScreen) and app.screen.rows)
    rows = [row.slug for row in app.screen.rows]
    for _ in range(rows.index(SLUG)):
        await pilot.press("down")
    await pilot.press("l")
    await wait_for(pilot, lambda: isinstance(app.screen, AlignmentScreen), "the links screen")
    screen = app.screen
    await wait_for(pilot, lambda: screen._views, "the links")
    return screen


async def test_split_and_merge_a_link_with_one_key_each(build: Any, ws: Workspace) -> None:
    _aligned(ws)
    app = build("wang")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _open_links(pilot)
        assert len(screen._views) == len(NEWS.links)
        await pilot.press("down")  # link 2: zh 1+2 <-> en 1
        await pilot.press("s")
        await wait_for(pilot, lambda: len(screen._views) == len(NEWS.links) + 1, "the split")
        assert _links(ws)[1:3] == [((1,), (1,)), ((2,), ())]
        await pilot.press("m")
        await wait_for(pilot, lambda: len(screen._views) == len(NEWS.links), "the merge")
        assert _links(ws) == NEWS.links


async def test_move_english_down_and_up(build: Any, ws: Workspace) -> None:
    _aligned(ws)
    app = build("li")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _open_links(pilot)
        await pilot.press("down", "d")
        await wait_for(pilot, lambda: screen._views[1].en == (), "the move down")
        assert _links(ws)[2] == ((3,), (1, 2))
        await pilot.press("u")
        await wait_for(pilot, lambda: screen._views[1].en == (1,), "the move up")
        assert _links(ws) == NEWS.links


async def test_a_refused_fix_says_why_and_changes_nothing(build: Any, ws: Workspace) -> None:
    _aligned(ws)
    app = build("li")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _open_links(pilot)
        await pilot.press("down", "down", "s")  # link 3 is one sentence on each side
        await wait_for(pilot, lambda: app._notifications, "the message")
        messages = [n.message for n in app._notifications]
        assert any("cannot be split" in m for m in messages)
        assert screen is app.screen
    assert _links(ws) == NEWS.links


async def test_an_article_that_was_not_aligned_has_no_links_screen(build: Any) -> None:
    app = build("li")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, ArticlesScreen) and app.screen.rows)
        await pilot.press("l")
        await wait_for(pilot, lambda: app._notifications, "the message")
        assert any("not made by aligning" in n.message for n in app._notifications)
        assert isinstance(app.screen, ArticlesScreen)


async def test_enter_opens_the_links_segment(build: Any, ws: Workspace) -> None:
    _aligned(ws)
    app = build("li")
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_links(pilot)
        await pilot.press("down", "down", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, EditorScreen), "the editor")
        editor = app.screen
        await wait_for(pilot, lambda: editor.article is not None and editor.current, "the load")
        assert str(editor.current) == "p1.s2"


async def test_review_shows_the_weakest_aligned_link_first(build: Any, ws: Workspace) -> None:
    _aligned(ws)
    weakest = min(
        (s for s in ws.load(SLUG).segments if s.origin), key=lambda s: s.origin.score or 0
    )
    app = build("wang")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f3")
        await wait_for(pilot, lambda: isinstance(app.screen, ReviewScreen) and app.screen._items)
        items = [i for i in app.screen._items if i.slug == SLUG]
        assert items[0].segment.id == weakest.id
        scores = [i.segment.origin.score for i in items if i.segment.origin]
        assert scores == sorted(scores)
