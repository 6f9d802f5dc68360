"""The editor on a generated 2,000-segment article beside a bare Textual DataTable holding the
same rows, measured the same way in the same run; and the opening of a 20,000-segment article.

- first paint: wall time from building the app to the first painted row of segments;
- next segment: CPU time of one Ctrl+Down (key handling and repaint), median over 200 moves;
- typing: CPU time of one character typed into the English box, median over 200 characters;
  the DataTable's counterpart updates the English cell of its current row per keystroke
  (both once the article's QA, which runs in a worker after the first paint, is done);
- open 20,000: wall time from building the app to the first painted row, on a 20,000-segment
  article, beside a DataTable holding its 20,000 rows.

Keys are sent as the terminal sends them (`App.simulate_key`) and the process's CPU time is
read 40 ms later, once the key is handled and the screen repainted. The `.pilot` figures send
them through `Pilot.press` instead, as this benchmark did first: Pilot also waits on every
widget's message queue, which costs CPU in proportion to the number of widgets (the editor has
some thirty, the bare table two), so they overstate the editor's share.
"""

from __future__ import annotations

import asyncio
import random
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any, ClassVar

from common import Figure

from cipbilingual.models import Article, ArticleMeta, Block, BlockKind, Segment, SegmentId, State
from cipbilingual.workspace import Workspace

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "tests" / "data" / "corpus" / "cip-2019-12-10-work-plan-meeting.zh.txt"
SEGMENTS = 2000
HUGE = 20000
SIZE = (120, 40)


def generate_article(slug: str, segments: int, seed: int = 7) -> Article:
    """A realistic-looking article: sentences of 12–70 Chinese characters drawn from the corpus'
    characters, five to a paragraph; about half translated, some drafted, some approved."""
    rng = random.Random(seed)
    pool = [c for c in CORPUS.read_text(encoding="utf-8") if "\u4e00" <= c <= "\u9fff"]
    words = [
        "the",
        "park",
        "held",
        "a",
        "meeting",
        "on",
        "cooperation",
        "with",
        "Israel",
        "and",
        "high",
        "tech",
        "projects",
    ]
    blocks = [Block(0, BlockKind.TITLE)]
    out: list[Segment] = [Segment(SegmentId(0, 1), "".join(rng.choices(pool, k=20)))]
    block = 0
    while len(out) < segments:
        block += 1
        blocks.append(Block(block, BlockKind.PARAGRAPH))
        for n in range(1, 6):
            if len(out) >= segments:
                break
            source = "".join(rng.choices(pool, k=rng.randint(12, 70))) + "。"
            seg = Segment(SegmentId(block, n), source)
            roll = rng.random()
            if roll < 0.5:
                seg.target = " ".join(rng.choices(words, k=rng.randint(8, 30))).capitalize() + "."
                seg.state = State.TRANSLATED if roll < 0.3 else State.DRAFT
            out.append(seg)
    return Article(ArticleMeta(slug, title="生成的文章", date="2020-01-01"), blocks, out)


def make_workspace(root: Path, article: Article) -> Workspace:
    (root / "articles").mkdir(parents=True)
    (root / "cipbilingual.toml").write_text('[people]\nli = "translator"\n', encoding="utf-8")
    ws = Workspace.open(root)
    ws.article_dir(article.slug).mkdir()
    ws.save(article)
    return ws


async def _cpu_presses(pilot: Any, key: str, count: int) -> list[float]:
    times = []
    for _ in range(count):
        started = time.process_time()
        await pilot.press(key)
        times.append(time.process_time() - started)
    return times


async def _cpu_keys(app: Any, key: str, count: int) -> list[float]:
    """CPU time of each key, sent as a terminal sends it, until it is handled and painted."""
    times = []
    for _ in range(count):
        started = time.process_time()
        app.simulate_key(key)
        await asyncio.sleep(0.04)
        times.append(time.process_time() - started)
    return times


async def measure_editor(
    ws: Workspace, slug: str, moves: int
) -> tuple[float, float, float, float, float]:
    from cipbilingual.tui.app import build_app
    from cipbilingual.tui.screens.editor import EditorScreen
    from cipbilingual.tui.widgets.segment_list import SegmentList

    painted: list[float] = []
    original = SegmentList.render_line

    def spy(self: SegmentList, y: int) -> Any:
        if not painted and self._rows:
            painted.append(time.perf_counter())
        return original(self, y)

    SegmentList.render_line = spy  # type: ignore[method-assign]
    try:
        started = time.perf_counter()
        app = build_app(ws, "li", "en", slug)
        async with app.run_test(size=SIZE) as pilot:
            while not painted:
                await asyncio.sleep(0.002)
            first_paint = painted[0] - started
            screen = app.screen
            assert isinstance(screen, EditorScreen)
            move = typing = move_pilot = typing_pilot = 0.0
            if moves:
                # The article's QA runs in a worker after the first paint; CPU time counts every
                # thread, so the keys are timed once it is done (it is QA's cost, not a key's).
                while not screen.article_checked:
                    await asyncio.sleep(0.05)
                await app.workers.wait_for_complete()
                await pilot.pause(0.3)
                await _cpu_keys(app, "ctrl+down", 5)
                move = statistics.median(await _cpu_keys(app, "ctrl+down", moves))
                typing = statistics.median(await _cpu_keys(app, "a", moves))
                move_pilot = statistics.median(await _cpu_presses(pilot, "ctrl+down", moves))
                typing_pilot = statistics.median(await _cpu_presses(pilot, "a", moves))
            await app.action_quit()
        app.flush_on_exit()
    finally:
        SegmentList.render_line = original  # type: ignore[method-assign]
    return first_paint, move, typing, move_pilot, typing_pilot


async def measure_datatable(
    article: Article, moves: int
) -> tuple[float, float, float, float, float]:
    from textual.app import App, ComposeResult
    from textual.binding import Binding
    from textual.widgets import DataTable

    painted: list[float] = []

    class Table(DataTable[str]):
        def render_line(self, y: int) -> Any:
            if not painted and self.row_count:
                painted.append(time.perf_counter())
            return super().render_line(y)

    class Bare(App[None]):
        BINDINGS: ClassVar = [Binding("a", "type_a")]

        def compose(self) -> ComposeResult:
            yield Table(cursor_type="row")

        def on_mount(self) -> None:
            table = self.query_one(Table)
            for name in ("state", "id", "Chinese", "English"):
                table.add_column(name, key=name)
            for seg in article.segments:
                table.add_row(str(seg.state), str(seg.id), seg.source, seg.target, key=str(seg.id))
            table.focus()

        def action_type_a(self) -> None:
            table = self.query_one(Table)
            key = str(article.segments[table.cursor_row].id)
            table.update_cell(key, "English", table.get_cell(key, "English") + "a")

    started = time.perf_counter()
    app = Bare()
    async with app.run_test(size=SIZE) as pilot:
        while not painted:
            await asyncio.sleep(0.002)
        first_paint = painted[0] - started
        if moves == 0:
            return first_paint, 0, 0, 0, 0
        await pilot.pause(0.3)
        await _cpu_keys(app, "down", 5)
        move = statistics.median(await _cpu_keys(app, "down", moves))
        typing = statistics.median(await _cpu_keys(app, "a", moves))
        move_pilot = statistics.median(await _cpu_presses(pilot, "down", moves))
        typing_pilot = statistics.median(await _cpu_presses(pilot, "a", moves))
    return first_paint, move, typing, move_pilot, typing_pilot


async def measure_open(ws: Workspace, slug: str) -> float:
    """Wall time from building the app to the first painted row of the article's segments."""
    first_paint, *_rest = await measure_editor(ws, slug, 0)
    return first_paint


def run(quick: bool) -> list[Figure]:
    moves = 20 if quick else 200
    article = generate_article("generated", 500 if quick else SEGMENTS)
    segments = 5_000 if quick else HUGE  # the target is for 20,000: --quick checks the way
    huge = generate_article("huge", segments, seed=11)
    with tempfile.TemporaryDirectory(prefix="cipbilingual-bench-tui-") as tmp:
        ws = make_workspace(Path(tmp) / "ws", article)
        paint, move, typing, move_p, typing_p = asyncio.run(measure_editor(ws, "generated", moves))
        big = make_workspace(Path(tmp) / "big", huge)
        asyncio.run(measure_open(big, "huge"))  # the catalog in the page cache, as on any open
        opened = statistics.median(
            asyncio.run(measure_open(big, "huge")) for _ in range(1 if quick else 3)
        )
    t_paint, t_move, t_typing, t_move_p, t_typing_p = asyncio.run(measure_datatable(article, moves))
    t_open, *_rest = asyncio.run(measure_datatable(huge, 0))
    label = f"generated {len(article.segments)}-segment article, {SIZE[0]}x{SIZE[1]}"
    return [
        Figure(
            "tui.first_paint",
            paint,
            "s",
            "bare DataTable, same rows",
            t_paint,
            "s",
            t_paint / paint,
            "≤ 0.5 s",
            note=f"{label}: build the app to the first painted row of segments",
        ),
        Figure(
            "tui.next_segment",
            move * 1000,
            "ms CPU",
            "DataTable cursor down",
            t_move * 1000,
            "ms CPU",
            t_move / move,
            "≤ 10 ms",
            note=f"{label}: Ctrl+Down as the terminal sends it, median of {moves}",
        ),
        Figure(
            "tui.typing",
            typing * 1000,
            "ms CPU",
            "DataTable update_cell per key",
            t_typing * 1000,
            "ms CPU",
            t_typing / typing,
            "≤ 10 ms",
            note=f"{label}: one character into the English box, median of {moves}",
        ),
        Figure(
            "tui.open_20000",
            opened,
            "s",
            f"bare DataTable, {segments:,} rows",
            t_open,
            "s",
            t_open / opened,
            "≤ 1 s",
            note=f"generated {segments:,}-segment article: build the app to the first painted row",
        ),
        Figure(
            "tui.next_segment.pilot",
            move_p * 1000,
            "ms CPU",
            "DataTable cursor down",
            t_move_p * 1000,
            "ms CPU",
            t_move_p / move_p,
            note="the same through Pilot.press (counts Pilot's own per-widget work)",
        ),
        Figure(
            "tui.typing.pilot",
            typing_p * 1000,
            "ms CPU",
            "DataTable update_cell per key",
            t_typing_p * 1000,
            "ms CPU",
            t_typing_p / typing_p,
            note="the same through Pilot.press",
        ),
    ]
