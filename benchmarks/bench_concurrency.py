"""Concurrent work meeting again: merging two branches' catalogs and re-importing by segment id,
on a large article (generated from the corpus).

- concurrency.merge: the three-way merge git's driver runs (read three catalogs, merge per
  segment, write), on an article where each side changed 5 % of the segments, beside
  `git merge-file` (git's own line merge, which knows nothing of segments) on the same files.
- concurrency.merge.driver: the whole driver process as git starts it, beside `git merge-file`'s
  process.
- concurrency.merge.reimport: a re-import's pairing and fresh ids (identity.reimport) of an
  edited revision (3 % of sentences edited, 2 % inserted, 2 % deleted), beside difflib's
  SequenceMatcher on the same two lists of sentences, the first step the pairing builds on.
"""

from __future__ import annotations

import copy
import difflib
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from bench_store import generate_article
from common import Figure, median_time

from cipbilingual.identity import reimport
from cipbilingual.models import Article, Segment, SegmentId, State
from cipbilingual.store import dumps_article
from cipbilingual.workflow.git import merge_catalog_texts


def _sides(base: Article, seed: int) -> tuple[Article, Article]:
    rng = random.Random(seed)
    mine, theirs = copy.deepcopy(base), copy.deepcopy(base)
    order = list(range(len(base.segments)))
    rng.shuffle(order)
    share = len(order) // 20
    for i in order[:share]:
        seg = mine.segments[i]
        seg.target, seg.state, seg.approval = f"Mine {i}.", State.TRANSLATED, None
    for i in order[share : 2 * share]:
        seg = theirs.segments[i]
        seg.target, seg.state, seg.approval = f"Theirs {i}.", State.TRANSLATED, None
    return mine, theirs


def _revision(article: Article, seed: int) -> Article:
    rng = random.Random(seed)
    fresh: list[Segment] = []
    for seg in article.segments:
        roll = rng.random()
        if roll < 0.02:
            continue  # deleted
        source = seg.source
        if roll < 0.05:
            source = source[:-1] + "，有所修改。"  # edited
        fresh.append(Segment(SegmentId(seg.block, len(fresh) + 1), source, block=seg.block))
        if rng.random() < 0.02:
            fresh.append(Segment(SegmentId(seg.block, len(fresh) + 1), f"新增的第{len(fresh)}句。"))
            fresh[-1].block = seg.block
    return Article(copy.deepcopy(article.meta), list(article.blocks), fresh)


def run(quick: bool) -> list[Figure]:
    count = 3_000 if quick else 20_000
    repeat = 3 if quick else 5
    base = generate_article(count)
    mine, theirs = _sides(base, 11)
    texts = [dumps_article(a) for a in (base, mine, theirs)]
    path = f"articles/{base.slug}/en.po"
    figures: list[Figure] = []
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        files = [root / n for n in ("base.po", "mine.po", "theirs.po")]
        for file, text in zip(files, texts, strict=True):
            file.write_text(text, encoding="utf-8")

        merged, report = merge_catalog_texts(*texts, path)
        assert report.clean and merged.count("Mine ") and merged.count("Theirs ")
        ours = median_time(lambda: merge_catalog_texts(*texts, path), repeat)
        git = shutil.which("git") or "git"

        def line_merge() -> None:
            subprocess.run(
                [git, "merge-file", "-p", *map(str, (files[1], files[0], files[2]))],
                stdout=subprocess.DEVNULL,
                check=False,
            )

        anchor = median_time(line_merge, repeat)
        note = f"{count} segments, 5 % changed on each side"
        figures.append(
            Figure(
                "concurrency.merge",
                ours,
                "s",
                "git merge-file",
                anchor,
                "s",
                anchor / ours,
                note=note,
            )
        )

        def driver() -> None:
            work = root / "work.po"
            shutil.copy(files[1], work)
            subprocess.run(
                [sys.executable, "-m", "cipbilingual", "git", "merge-driver",
                 str(files[0]), str(work), str(files[2]), path],
                check=True,
            )  # fmt: skip

        whole = median_time(driver, repeat)
        figures.append(
            Figure(
                "concurrency.merge.driver",
                whole,
                "s",
                "git merge-file process",
                anchor,
                "s",
                anchor / whole,
                note="whole process as git starts it",
            )
        )

    fresh = _revision(base, 5)
    old_sources = [s.source for s in base.segments]
    new_sources = [s.source for s in fresh.segments]
    merged_article, done = reimport(base, fresh)
    assert len(merged_article.segments) == len(fresh.segments) and done.changed
    ours = median_time(lambda: reimport(base, fresh), repeat)
    anchor = median_time(
        lambda: difflib.SequenceMatcher(
            None, old_sources, new_sources, autojunk=False
        ).get_opcodes(),
        repeat,
    )
    figures.append(
        Figure(
            "concurrency.merge.reimport",
            ours,
            "s",
            "difflib SequenceMatcher",
            anchor,
            "s",
            anchor / ours,
            note=f"{count} segments; {len(done.changed)} edited, {len(done.added)} new, "
            f"{len(done.removed)} removed",
        )
    )
    return figures
