"""QA: what it catches, and how fast, beside translate-toolkit's `pofilter` and beside reading.

1. The labelled set (tests/data/qa/labelled.jsonl, 105 pairs, half with one real error): segment
   precision and recall of our checks (with the sample workspace's glossary) and of pofilter's
   default checks on the same pairs written as a PO file.
2. 9,500 segments in one article catalog, near the 10,000-sentence limit (pairs drawn from the
   labelled set's clean half and the sample article, each made unique by a reporting clause with
   a name): `cipbilingual qa SLUG`
   against `pofilter` on the same file, each a whole process. Articles are made as `import`
   makes them, their Chinese source kept beside the catalog: qa compares the two.
3. `qa --all` on a workspace of 3,000 such articles (300 with --quick) against one process
   reading every catalog (`Workspace.load`); target at most 2x. Twice: the first run checks
   every article in parallel processes (`qa.all.first`), the second finds nothing changed and
   answers from the findings cache (`qa.all`); a third after 1% of the articles changed
   (`qa.all.changed`).
4. What decides the first run, per segment in one fresh process, in CPU time (the other load on
   a shared machine left out): what a worker does (`check_articles` in one process, uncached:
   read, compare with the source, check) beside reading alone (`Workspace.load`), and the
   dictionaries' loading. A cold `qa --all` on N cores costs at least load + segments x qa / N.
"""

from __future__ import annotations

import json
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import polib
from common import Figure

from cipbilingual.glossary import Glossary
from cipbilingual.importers import read_document
from cipbilingual.models import Article, State
from cipbilingual.qa import CheckContext, check_pair
from cipbilingual.store import load_article, load_terms, save_article
from cipbilingual.workflow.common import build_article
from cipbilingual.workspace import Workspace

REPO = Path(__file__).resolve().parent.parent
LABELLED = REPO / "tests" / "data" / "qa" / "labelled.jsonl"
SAMPLE = REPO / "articles" / "2019-11-24-wang-quan-zai-zhong-yi-chang-zhou" / "en.po"
GLOSSARY = REPO / "locales" / "en" / "LC_MESSAGES" / "glossary.po"
POFILTER = Path(sys.executable).with_name("pofilter")

SURNAMES = [
    ("王", "Wang"), ("李", "Li"), ("张", "Zhang"), ("刘", "Liu"), ("陈", "Chen"), ("杨", "Yang"),
    ("黄", "Huang"), ("赵", "Zhao"), ("吴", "Wu"), ("周", "Zhou"), ("徐", "Xu"), ("孙", "Sun"),
    ("朱", "Zhu"), ("胡", "Hu"), ("郭", "Guo"), ("何", "He"), ("高", "Gao"), ("罗", "Luo"),
    ("郑", "Zheng"), ("梁", "Liang"), ("谢", "Xie"), ("宋", "Song"), ("唐", "Tang"), ("韩", "Han"),
]  # fmt: skip
GIVEN = [
    ("明", "Ming"), ("静", "Jing"), ("强", "Qiang"), ("军", "Jun"), ("磊", "Lei"), ("勇", "Yong"),
    ("杰", "Jie"), ("涛", "Tao"), ("超", "Chao"), ("霞", "Xia"), ("鹏", "Peng"), ("辉", "Hui"),
    ("斌", "Bin"), ("浩", "Hao"), ("凯", "Kai"), ("健", "Jian"), ("帆", "Fan"), ("博", "Bo"),
    ("晨", "Chen"), ("敏", "Min"), ("芳", "Fang"), ("婷", "Ting"), ("颖", "Ying"), ("玲", "Ling"),
]  # fmt: skip


def _labelled() -> list[dict[str, object]]:
    return [json.loads(line) for line in LABELLED.read_text(encoding="utf-8").splitlines()]


def _score(flagged: set[int], rows: list[dict[str, object]]) -> tuple[float, float]:
    errors = {i for i, r in enumerate(rows) if r["expect"] is not None}
    tp = len(flagged & errors)
    precision = tp / len(flagged) if flagged else 0.0
    return precision, tp / len(errors)


def _pofilter_flags(po: Path, work: Path) -> set[str]:
    out = work / "pofilter-out.po"
    subprocess.run(
        [str(POFILTER), "--progress=none", "--errorlevel=none", str(po), str(out)],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    if not out.exists():
        return set()
    return {e.msgctxt or "" for e in polib.pofile(str(out))}


def _pairs_po(rows: list[dict[str, object]], path: Path) -> None:
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "en"}
    for i, row in enumerate(rows):
        po.append(polib.POEntry(msgctxt=str(i), msgid=str(row["zh"]), msgstr=str(row["en"])))
    po.save(str(path))


def _pool() -> list[tuple[str, str]]:
    pool = [(str(r["zh"]), str(r["en"])) for r in _labelled() if r["expect"] is None]
    sample = load_article(SAMPLE)
    pool += [(s.source, s.target) for s in sample.segments if s.id.block > 0]
    return pool


def _unique_pair(rng: random.Random, pool: list[tuple[str, str]]) -> tuple[str, str]:
    """A clean pair made unique (so no cache helps) by a reporting clause naming a person."""
    zh, en = rng.choice(pool)
    (s_zh, s_en), (g_zh, g_en) = rng.choice(SURNAMES), rng.choice(GIVEN)
    return f"据{s_zh}{g_zh}介绍，{zh}", f"According to {s_en} {g_en}, {en[0].lower()}{en[1:]}"


def _article(ws: Workspace, slug: str, pairs: list[tuple[str, str]]) -> Article:
    """The article as `import` makes it, its source kept beside the catalog (qa compares the
    two), each paragraph's sentence translated."""
    folder = ws.article_dir(slug)
    folder.mkdir(parents=True, exist_ok=True)
    source = folder / "source.zh.txt"
    paragraphs = "\n\n".join(zh for zh, _ in pairs)
    source.write_text(
        f"园区动态\n发布时间：2019-12-10 10:00:00\n\n{paragraphs}\n", encoding="utf-8"
    )
    doc, data = read_document(source)
    article = build_article(slug, doc, data, source.name, ws)
    english = ["Park news", *(en for _, en in pairs)]
    for segment in article.segments:
        if segment.id.sentence == 1:  # each pair is one sentence (a rare second stays new)
            segment.target = english[segment.block]
            segment.state = State.TRANSLATED
            segment.translator = "li"
    return article


BIG = 9_500  # pairs in the long catalog


def _workspace(root: Path, articles: int, segments: int, seed: int) -> Path:
    rng = random.Random(seed)
    pool = _pool()
    shutil.copy2(REPO / "cipbilingual.toml", root / "cipbilingual.toml")
    shutil.copytree(REPO / "locales", root / "locales")
    ws = Workspace.open(root)
    for n in range(articles):
        slug = f"2019-12-10-article-{n:05d}"
        pairs = [_unique_pair(rng, pool) for _ in range(segments)]
        save_article(_article(ws, slug, pairs), ws.catalog_path(slug))
    return root


def _wall(cmd: list[str]) -> float:
    """Wall seconds of a whole process; it must answer (exit 0, or 1 for "findings")."""
    return _timed(cmd)[0]


def _timed(cmd: list[str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the process and the workers it waited for)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        raise RuntimeError(f"{cmd[:4]}… exited {done.returncode}: {done.stderr.decode()[-500:]}")
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return wall, cpu


_PER_SEGMENT = """
import json, sys, time
from pathlib import Path
from cipbilingual.qa.engine import prepare
from cipbilingual.workflow.qa import check_articles, qa_context
from cipbilingual.workspace import Workspace
ws = Workspace.open(Path(sys.argv[1]))
started = time.process_time()
articles = [ws.load(slug) for slug in ws.slugs()]
read = time.process_time()
prepare(qa_context(ws))
loaded = time.process_time()
check_articles(ws, jobs=1, cache=False)
checked = time.process_time()
segments = sum(len(a.segments) for a in articles)
print(json.dumps([(read - started) / segments, loaded - read, (checked - loaded) / segments]))
"""


def _per_segment(root: Path) -> tuple[float, float, float]:
    """(reading s/segment, loading the dictionaries s, qa s/segment), CPU time; qa is what one
    worker of `qa --all` does per segment: read, compare with the source, check."""
    done = subprocess.run(
        [sys.executable, "-c", _PER_SEGMENT, str(root)], capture_output=True, check=True, text=True
    )
    read, load, check = json.loads(done.stdout)
    return float(read), float(load), float(check)


def run(quick: bool) -> list[Figure]:
    figures: list[Figure] = []
    rows = _labelled()
    ctx = CheckContext(glossary=Glossary(load_terms(GLOSSARY)))
    ours = {
        i
        for i, r in enumerate(rows)
        if check_pair(str(r["zh"]), str(r["en"]), ctx, date=str(r["date"]))
    }
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        _pairs_po(rows, work / "labelled.po")
        theirs = {int(c) for c in _pofilter_flags(work / "labelled.po", work) if c.isdigit()}
        p_ours, r_ours = _score(ours, rows)
        p_theirs, r_theirs = _score(theirs, rows)
        note = f"{len(rows)} labelled pairs, segment level"
        figures += [
            Figure(
                "qa.precision", p_ours, "", "pofilter", p_theirs, "", p_ours / p_theirs, note=note
            ),
            Figure("qa.recall", r_ours, "", "pofilter", r_theirs, "", r_ours / r_theirs, note=note),
        ]

        # One catalog near the 10,000 sentences an article may have, whole processes (a pair is
        # one sentence or, rarely, two, beside the title).
        big = work / "big"
        big.mkdir()
        pairs = 1_000 if quick else BIG
        _workspace(big, 1, pairs, seed=1)
        [slug] = [p.name for p in (big / "articles").iterdir()]
        catalog = big / "articles" / slug / "en.po"
        cli = [sys.executable, "-m", "cipbilingual", "--workspace", str(big)]
        ours_10k = _wall([*cli, "qa", slug, "--json"])
        theirs_10k = _wall([str(POFILTER), "--progress=none", str(catalog), str(work / "f.po")])
        figures.append(
            Figure(
                "qa.10k",
                ours_10k,
                "s",
                "pofilter",
                theirs_10k,
                "s",
                theirs_10k / ours_10k,
                note=f"{pairs:,} pairs, one catalog, whole process each",
            )
        )

        # qa --all over an archive, in processes, against reading every catalog.
        count = 100 if quick else 3000
        archive = work / "archive"
        archive.mkdir()
        _workspace(archive, count, 15, seed=2)
        read = (
            "import sys; from pathlib import Path; from cipbilingual.workspace import Workspace;"
            "ws = Workspace.open(Path(sys.argv[1])); [ws.load(s) for s in ws.slugs()]"
        )
        _wall([sys.executable, "-c", read, str(archive)])  # warm the page cache
        reading, reading_cpu = _timed([sys.executable, "-c", read, str(archive)])
        qa_all = [sys.executable, "-m", "cipbilingual", "--workspace", str(archive), "qa", "--all"]
        first, first_cpu = _timed(qa_all)
        again = _wall(qa_all)
        rng = random.Random(3)
        pool = _pool()
        ws = Workspace.open(archive)
        for n in rng.sample(range(count), max(1, count // 100)):
            slug = f"2019-12-10-article-{n:05d}"
            pairs = [_unique_pair(rng, pool) for _ in range(15)]
            save_article(_article(ws, slug, pairs), ws.catalog_path(slug))
        changed = _wall(qa_all)
        read_s, load_s, check_s = _per_segment(archive)
        what = f"{count} articles × 16 segments"
        target = "qa --all ≤ 2× reading, ratio ≥ 1"
        for name, seconds, how in (
            (
                "qa.all.first",
                first,
                f"first run: every article checked, 2 processes, {first_cpu:.1f} s of CPU "
                f"(reading: {reading_cpu:.1f} s)",
            ),
            ("qa.all", again, "nothing changed: findings from the cache"),
            ("qa.all.changed", changed, "1% of the articles changed since"),
        ):
            figures.append(
                Figure(
                    name,
                    seconds,
                    "s",
                    "reading every catalog",
                    reading,
                    "s",
                    2 * reading / seconds,
                    target=target,
                    note=f"{what}; {how}",
                )
            )
        segments = count * 16
        floor = load_s + segments * check_s / 2
        figures.append(
            Figure(
                "qa.segment",
                1000 * check_s,
                "ms",
                "reading a segment",
                1000 * read_s,
                "ms",
                read_s / check_s,
                note=(
                    f"CPU time in one process: what a worker of qa --all does per segment (read, "
                    f"compare with the source, check) beside reading alone; the dictionaries load "
                    f"in {load_s:.2f} s; so a cold qa --all on 2 free cores takes ≥ {floor:.1f} s "
                    f"against 2× reading's {2 * segments * read_s:.1f} s (CPU)"
                ),
            )
        )
    return figures
