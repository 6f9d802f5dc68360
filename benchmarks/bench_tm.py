"""Translation memory: index build from a TMX file, top-5 fuzzy lookup, and the update after
one article changes, each beside its anchor measured in the same run on the same data."""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from common import Figure, median_time
from lxml import etree
from rapidfuzz import fuzz, process
from tm_data import Generator

from cipbilingual.models import State
from cipbilingual.tm import OriginKind, TMUnit, TranslationMemory, UnitOrigin, normalize
from cipbilingual.tm.fragments import FragmentIndex
from cipbilingual.tm.fuzzy import FuzzyIndex
from cipbilingual.tm.tmx import read_tmx, write_tmx


def run(quick: bool) -> list[Figure]:
    size, n_queries = (10_000, 50) if quick else (100_000, 200)
    gen = Generator(seed=11)
    pairs = gen.pairs(size)
    with tempfile.TemporaryDirectory(prefix="cip-bench-tm-") as tmp:
        folder = Path(tmp)
        tmx = folder / "memory.tmx"
        write_tmx(
            tmx,
            (
                TMUnit(zh, en, State.APPROVED, UnitOrigin(OriginKind.TMX, "memory.tmx", str(i)))
                for i, (zh, en) in enumerate(pairs)
            ),
        )
        figures = [_build(folder, tmx, size)]
        with TranslationMemory(folder / "tm.sqlite") as memory:
            memory.warm()
            figures.append(_lookup(memory, gen, n_queries))
            figures.append(_update(memory, gen))
    return figures


def _build(folder: Path, tmx: Path, size: int) -> Figure:
    def parse_only() -> None:
        for _ in etree.iterparse(str(tmx), events=("end",), tag="tu"):
            pass

    def build() -> None:
        db = folder / "tm.sqlite"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        with TranslationMemory(db) as memory:
            memory.replace_store(OriginKind.TMX, tmx.name, read_tmx(tmx))
            memory.warm()

    anchor = median_time(parse_only, repeat=3)
    ours = median_time(build, repeat=3)
    return Figure(
        "tm.build",
        ours,
        "s",
        "lxml iterparse of the same TMX, nothing kept",
        anchor,
        "s",
        anchor / ours,
        note=f"index build, {size:,} units (TMX -> SQLite + both in-memory indexes)",
    )


def _lookup(memory: TranslationMemory, gen: Generator, n_queries: int) -> Figure:
    keys = [r[0] for r in memory._db.execute("SELECT DISTINCT key FROM units ORDER BY key")]
    index = FuzzyIndex(keys)
    queries = [normalize(q) for q in gen.queries(keys, n_queries)]
    ours: list[float] = []
    bare: list[float] = []
    agree = 0
    for query in queries:
        started = time.perf_counter()
        memory.lookup(query, min_score=70, limit=5)
        ours.append(time.perf_counter() - started)
        started = time.perf_counter()
        full = process.extract(query, keys, scorer=fuzz.ratio, score_cutoff=70, limit=5)
        bare.append(time.perf_counter() - started)
        agree += index.search(query, 70, 5) == [(i, s) for _, s, i in full]
    mine, anchor = statistics.median(ours) * 1e3, statistics.median(bare) * 1e3
    return Figure(
        "tm",
        mine,
        "ms",
        f"bare rapidfuzz process.extract over the same {len(keys):,} sources",
        anchor,
        "ms",
        anchor / mine,
        target="≤ 10 ms",
        note=f"top-5 fuzzy lookup ≥70, median of {n_queries}; same top 5 as a full scan: "
        f"{agree}/{n_queries}",
    )


def _update(memory: TranslationMemory, gen: Generator) -> Figure:
    # An editor approves one more sentence of an article: re-index that article, look up again.
    rows = [
        TMUnit(
            gen.sentence(),
            gen.english(),
            State.APPROVED,
            UnitOrigin(OriginKind.ARTICLE, "a", f"p{i}.s1"),
        )
        for i in range(1, 40)
    ]
    probe = rows[0].source

    def update() -> None:
        rows.append(
            TMUnit(
                gen.sentence(),
                gen.english(),
                State.APPROVED,
                UnitOrigin(OriginKind.ARTICLE, "a", "p99.s1"),
            )
        )
        memory.replace_store(OriginKind.ARTICLE, "a", rows)
        memory.lookup(probe)

    def rebuild() -> None:
        keys = [r[0] for r in memory._db.execute("SELECT DISTINCT key FROM units ORDER BY key")]
        FuzzyIndex(keys)
        FragmentIndex(keys)

    memory.replace_store(OriginKind.ARTICLE, "a", rows)
    memory.lookup(probe)
    ours = median_time(update, repeat=5)
    anchor = median_time(rebuild, repeat=3)
    return Figure(
        "tm.update",
        ours * 1e3,
        "ms",
        "rebuilding both in-memory indexes from scratch",
        anchor * 1e3,
        "ms",
        anchor / ours,
        note="re-index one 40-segment article + next lookup",
    )
