"""The history: `log` of one segment in an article with 10,000 history records, and the review
queue across 3,000 articles, each beside the time to read the raw files; and what the history
costs a save (target: at most 10% slower than the same save without history).

Articles are generated from the corpus (Chinese news sentences, English targets, every state);
histories hold every kind of record, with comments addressed to the person whose queue is read.
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench_store import generate_article
from common import Figure, median_time

from cipbilingual.history import new_id
from cipbilingual.models import Act, Article, HistoryRecord, State
from cipbilingual.store import dumps_article
from cipbilingual.store.history import encode_record
from cipbilingual.workflow.articles import translate_segment
from cipbilingual.workflow.history import review_queue, segment_log
from cipbilingual.workspace import Workspace

CONFIG = '[people]\nli = "translator"\nwang = "editor"\n'
ACTS = [Act.DRAFT, Act.EDIT, Act.TRANSLATE, Act.REJECT, Act.TRANSLATE, Act.APPROVE, Act.COMMENT]


def _history(article: Article, records: int, rng: random.Random) -> bytes:
    """`records` plausible records over the article's segments, in time order."""
    lines = []
    segments = article.segments
    for n in range(records):
        seg = rng.choice(segments)
        act = ACTS[n % len(ACTS)]
        day, hour, minute, second = 1 + (n // 8000) % 28, (n // 400) % 24, (n // 60) % 60, n % 60
        at = f"2026-11-{day:02d}T{hour:02d}:{minute:02d}:{second:02d}Z"
        lines.append(
            encode_record(
                HistoryRecord(
                    act=str(act),
                    segment=str(seg.id),
                    by="wang" if act in (Act.REJECT, Act.APPROVE, Act.COMMENT) else "li",
                    at=at,
                    before=seg.machine_draft,
                    after=seg.target,
                    was=str(State.DRAFT),
                    state=str(seg.state),
                    origin="argos 0.87 translate-zh_en-1.9" if act is Act.DRAFT else "",
                    reason="Use the house term" if act is Act.REJECT else "",
                    text="@li check the figure" if act is Act.COMMENT else "",
                    to=("li",) if act is Act.COMMENT else (),
                    id=new_id(),
                )
            )
        )
    return b"".join(lines)


def _workspace(root: Path, articles: int, segments: int, records: int) -> Workspace:
    """`articles` articles written straight to disk (no fsync: this is set-up, not measured)."""
    rng = random.Random(11)
    root.mkdir(parents=True)
    (root / "cipbilingual.toml").write_text(CONFIG, encoding="utf-8")
    for i in range(articles):
        slug = f"a{i:05d}"
        article = generate_article(segments, seed=i)
        article.meta.slug = slug
        folder = root / "articles" / slug
        folder.mkdir(parents=True)
        (folder / "en.po").write_text(dumps_article(article), encoding="utf-8")
        (folder / "history.jsonl").write_bytes(_history(article, records, rng))
    return Workspace.open(root)


def _read_raw(ws: Workspace, slugs: list[str]) -> None:
    for slug in slugs:
        ws.catalog_path(slug).read_bytes()
        ws.history_path(slug).read_bytes()


class _NoHistory(Workspace):
    """The same workspace with the history left out of every save: the anchor."""

    def save(self, article: Article) -> None:
        article.pending.clear()
        super().save(article)


def run(quick: bool) -> list[Figure]:
    articles = 300 if quick else 3000
    repeat = 3 if quick else 5
    figures: list[Figure] = []
    with tempfile.TemporaryDirectory(prefix="cipbilingual-bench-") as tmp:
        # -- log of one segment among 10,000 records --------------------------------------
        big = _workspace(Path(tmp) / "big", 1, 120, 10_000)
        sid = str(big.load("a00000").segments[7].id)
        found = segment_log(big, "a00000", sid)
        assert found.records and all(r.segment == sid for r in found.records)
        ours = median_time(lambda: segment_log(big, "a00000", sid), repeat * 3)
        raw = median_time(lambda: _read_raw(big, ["a00000"]), repeat * 3)
        figures.append(
            Figure(
                "history.log",
                ours,
                "s",
                "read en.po + history.jsonl",
                raw,
                "s",
                raw / ours,
                note=f"one segment ({len(found.records)} records) of 10,000, 120-segment article",
            )
        )
        whole = median_time(lambda: segment_log(big, "a00000"), repeat)
        figures.append(
            Figure(
                "history.log_article",
                whole,
                "s",
                "read en.po + history.jsonl",
                raw,
                "s",
                raw / whole,
                note="every one of the 10,000 records",
            )
        )

        # -- the review queue across many articles ------------------------------------------
        print(f"  (writing {articles} articles)", file=sys.stderr)
        many = _workspace(Path(tmp) / "many", articles, 30, 40)
        slugs = many.slugs()
        items, _ = review_queue(many, "li")
        assert any(i.comment is not None for i in items) and any(i.comment is None for i in items)
        ours = median_time(lambda: review_queue(many, "li"), repeat)
        raw = median_time(lambda: _read_raw(many, slugs), repeat)
        figures.append(
            Figure(
                "history.queue",
                ours,
                "s",
                "read every en.po + history.jsonl",
                raw,
                "s",
                raw / ours,
                note=f"{articles} articles of 30 segments and 40 records, {len(items)} items",
            )
        )

        bare = median_time(lambda: review_queue(many, ""), repeat)
        figures.append(
            Figure(
                "history.queue_comments",
                ours,
                "s",
                "the same queue without reading comments",
                bare,
                "s",
                bare / ours,
                note="what finding the comments addressed to one person adds to the queue",
            )
        )

        # -- what the history costs a save --------------------------------------------------
        save_ws = _workspace(Path(tmp) / "save", 1, 60, 2000)
        plain = _NoHistory(save_ws.root, save_ws.settings)
        seg = str(save_ws.load("a00000").segments[3].id)
        texts = iter(range(10**9))

        def act(ws: Workspace) -> None:
            translate_segment(ws, "a00000", seg, f"English number {next(texts)}.", "li")

        for _ in range(3):  # warm both paths
            act(save_ws)
            act(plain)
        # Alternating the two, so a busy moment on a shared machine hits both alike; the
        # ratio is the median of the pairs' ratios, which such moments hardly move.
        rounds = 60 if quick else 200
        timed: dict[str, list[float]] = {"with": [], "without": []}
        for _ in range(rounds):
            for name, ws in (("with", save_ws), ("without", plain)):
                started = time.perf_counter()
                act(ws)
                timed[name].append(time.perf_counter() - started)
        pairs = [w / o for w, o in zip(timed["with"], timed["without"], strict=True)]
        figures.append(
            Figure(
                "history.save",
                statistics.median(timed["with"]),
                "s",
                "the same save without history",
                statistics.median(timed["without"]),
                "s",
                1 / statistics.median(pairs),
                target="≥ 0.91 (history adds at most 10%)",
                note="translate one segment of a 60-segment article: lock, load, save (fsync), "
                f"append; ratio: median of {rounds} alternating pairs",
            )
        )
    return figures
