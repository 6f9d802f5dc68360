"""A workspace of 3,000 articles (a few years of the office's news, copied from the sample
workspace's two articles): the article list's first paint and `status --json`, warm (summary
cache in place) and right after one article changed, each beside an anchor measured in the same
run.

- list first paint: wall time from building the app to the first painted article row, through
  Pilot at 120x40; anchor: a bare Textual DataTable holding the same 3,000 rows;
- status --json: the whole process, median of several runs; anchor: a process that does
  `os.scandir` of articles/ and one `stat` per catalog, the least any status must do;
- after one catalog changed: the same figures with one article edited before each run, beside
  the warm figure (target: within 1.2x of it);
- cold: `status --json` with no summary cache (every article read and put through the publish
  gate), for the record.
"""

from __future__ import annotations

import asyncio
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from common import Figure

from cipbilingual.models import State
from cipbilingual.workspace import Workspace

REPO = Path(__file__).resolve().parent.parent
ARTICLES = 3000
SIZE = (120, 40)
CONFIG = (REPO / "cipbilingual.toml").read_text(encoding="utf-8")
ANCHOR = (
    "import os, sys\n"
    "base = sys.argv[1]\n"
    "for entry in os.scandir(base):\n"
    "    try:\n"
    "        os.stat(os.path.join(entry.path, 'en.po'))\n"
    "    except OSError:\n"
    "        pass\n"
)


def build_archive(root: Path, articles: int = ARTICLES) -> Workspace:
    """`articles` article folders copied from the sample workspace's two articles (catalog, kept
    source, history): nine in ten like the first (translated, approved, publishable), one in ten
    like the second (just imported), under slugs of consecutive days over a few years."""
    (root / "articles").mkdir(parents=True)
    (root / "cipbilingual.toml").write_text(CONFIG, encoding="utf-8")
    glossary = REPO / "locales"
    shutil.copytree(glossary, root / "locales")
    ws = Workspace.open(root)
    samples = sorted(p for p in (REPO / "articles").iterdir() if (p / "en.po").is_file())
    published, fresh = samples[0], samples[1]
    rng = random.Random(3)
    day = 0
    for n in range(articles):
        day += rng.choice((0, 1, 1, 2))
        slug = f"{2017 + day // 365}-{1 + day % 365 // 31:02d}-{1 + day % 31:02d}-news-{n:04d}"
        shutil.copytree(fresh if n % 10 == 9 else published, ws.articles_dir / slug)
    return ws


def touch_one(ws: Workspace, n: int) -> None:
    """Someone retranslates one segment of one article (through the use case the CLI and the
    UI call: the catalog and the history change), a moment before the measured run: its writes
    are on disk, so only the run itself is timed."""
    from cipbilingual.workflow.articles import translate_segment

    slugs = ws.slugs()
    slug = slugs[n * 37 % len(slugs)]
    segment = ws.load(slug).segments[-1]
    translate_segment(ws, slug, str(segment.id), f"{segment.target} (edit {n})", "li")
    os.sync()


def _run(cmd: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


async def _list_paint(ws: Workspace) -> float:
    from cipbilingual.tui.app import build_app
    from cipbilingual.tui.widgets.article_list import ArticleList

    painted: list[float] = []
    original = ArticleList.render_line

    def spy(self: ArticleList, y: int) -> Any:
        if not painted and y >= 1 and self.rows:
            painted.append(time.perf_counter())
        return original(self, y)

    ArticleList.render_line = spy  # type: ignore[method-assign]
    try:
        started = time.perf_counter()
        app = build_app(ws, "li", "en")
        async with app.run_test(size=SIZE) as pilot:
            while not painted:
                await asyncio.sleep(0.002)
            await pilot.pause(0.05)
            for worker in list(app.workers):
                worker.cancel()
        app.flush_on_exit()
    finally:
        ArticleList.render_line = original  # type: ignore[method-assign]
    return painted[0] - started


async def _table_paint(rows: list[tuple[str, ...]]) -> float:
    from textual.app import App, ComposeResult
    from textual.widgets import DataTable

    painted: list[float] = []

    class Table(DataTable[str]):
        def render_line(self, y: int) -> Any:
            if not painted and self.row_count:
                painted.append(time.perf_counter())
            return super().render_line(y)

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Table(cursor_type="row", zebra_stripes=True)

        def on_mount(self) -> None:
            table = self.query_one(Table)
            for name in ("Title", "Slug", "Date", "Progress", "QA errors", "Last act"):
                table.add_column(name, key=name)
            for row in rows:
                table.add_row(*row)

    started = time.perf_counter()
    app = Bare()
    async with app.run_test(size=SIZE):
        while not painted:
            await asyncio.sleep(0.002)
    return painted[0] - started


def _rows(ws: Workspace) -> list[tuple[str, ...]]:
    from cipbilingual.workflow.summaries import workspace_summaries

    return [
        (
            s.title,
            s.slug,
            s.date,
            f"{s.states.get(State.APPROVED, 0)}/{s.segments}",
            str(s.qa_errors or 0),
            f"{s.last_editor} {s.last_act}",
        )
        for s in workspace_summaries(ws)
    ]


def run(quick: bool) -> list[Figure]:
    repeat = 2 if quick else 7
    articles = 200 if quick else ARTICLES  # the targets are for 3,000: --quick only checks the way
    with tempfile.TemporaryDirectory(prefix="cipbilingual-bench-archive-") as tmp:
        ws = build_archive(Path(tmp) / "ws", articles)
        status = [sys.executable, "-m", "cipbilingual", "--workspace", str(ws.root)]
        status += ["status", "--json"]
        anchor = [sys.executable, "-c", ANCHOR, str(ws.articles_dir)]

        cold = _run(status)  # no cache yet: every catalog is parsed, and the cache written
        scan = statistics.median(_run(anchor) for _ in range(repeat))
        # Warm and after-one-change runs alternate, so that a busy machine weighs on both alike.
        warm_runs, changed_runs = [], []
        for n in range(repeat):
            warm_runs.append(_run(status))
            touch_one(ws, n)
            changed_runs.append(_run(status))
        warm, after = statistics.median(warm_runs), statistics.median(changed_runs)

        # The list: counted QA errors are part of a warm cache (the UI counts them once).
        from cipbilingual.workflow.summaries import count_errors, workspace_summaries

        count_errors(ws, workspace_summaries(ws))
        rows = _rows(ws)
        asyncio.run(_table_paint(rows))  # warm-up: the first run in a process imports Textual
        asyncio.run(_list_paint(ws))
        table = statistics.median(asyncio.run(_table_paint(rows)) for _ in range(repeat))
        paints, repaints = [], []
        for n in range(repeat):
            paints.append(asyncio.run(_list_paint(ws)))
            touch_one(ws, 100 + n)
            repaints.append(asyncio.run(_list_paint(ws)))
        paint, paint_after = statistics.median(paints), statistics.median(repaints)
    label = f"{articles} articles"
    return [
        Figure(
            "archive.list_first_paint",
            paint,
            "s",
            "bare DataTable, same rows",
            table,
            "s",
            table / paint,
            "≤ 0.5 s",
            note=f"{label}, {SIZE[0]}x{SIZE[1]}: build the app to the first painted article row",
        ),
        Figure(
            "archive.list_after_one_change",
            paint_after,
            "s",
            "warm first paint",
            paint,
            "s",
            paint / paint_after,
            "≤ 1.2× the warm figure (ratio ≥ 0.83)",
            note=f"{label}: one catalog edited before each run",
        ),
        Figure(
            "archive.status_json",
            warm,
            "s",
            "os.scandir + stat of the catalogs",
            scan,
            "s",
            scan / warm,
            "≤ 0.3 s",
            note=f"{label}: whole process, summary cache warm",
        ),
        Figure(
            "archive.status_after_one_change",
            after,
            "s",
            "warm status --json",
            warm,
            "s",
            warm / after,
            "≤ 1.2× the warm figure (ratio ≥ 0.83)",
            note=f"{label}: one catalog edited before each run",
        ),
        Figure(
            "archive.status_cold",
            cold,
            "s",
            "warm status --json",
            warm,
            "s",
            warm / cold,
            note=f"{label}: no summary cache, every catalog parsed once",
        ),
    ]
