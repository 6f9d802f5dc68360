"""The English checks (spelling, grammar, house style): how fast, what they catch, how quiet they
stay, each beside Harper used bare (harper-py's `Linter` with its default rules).

1. `spell.1k`: seconds per 1,000 segments for the English checks as QA runs them (an article of
   16 segments at a time, Harper once per article with the house's words and rule set, the
   project's grammar rules, house words and pinyin names filtered out, house style), against
   the bare checker linting the same segments one by one; each timed round on segments
   neither has seen (Harper answers text it linted before from memory).
2. `spell.slips`: of tests/data/qa/slips.jsonl's 100 published sentences with one typical slip
   each (60 typos, 40 grammar slips), how many QA catches (a finding the clean sentence does not
   have), against bare Harper (a lint the clean sentence does not have).
3. `spell.suggest`: of the typos Harper flags, how often the suggestion QA offers (and its fix
   applies) is the intended word, against Harper's first suggestion.
4. `spell.published`: findings on published English (the labelled set's 53 clean pairs and the
   corpus article), against bare Harper's lints on the same English: 0 is the target.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path

from common import Figure

from cipbilingual.glossary import Glossary
from cipbilingual.models import Article, ArticleMeta, Block, BlockKind, Segment, SegmentId, State
from cipbilingual.qa import CheckContext, check_pair, spelling, style
from cipbilingual.qa.base import Unit
from cipbilingual.store import load_terms

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "tests" / "data"
GLOSSARY = REPO / "locales" / "en" / "LC_MESSAGES" / "glossary.po"
ENGLISH = frozenset(spelling.NAMES | style.NAMES)
ARTICLE = 16  # segments per article, as in the qa benchmark
SAYERS = ("Chen Ming", "Li Jing", "Wang Qiang", "Zhang Lei", "Liu Yong", "Zhou Tao")


def _rows(name: str) -> list[dict[str, str]]:
    path = DATA / "qa" / name
    return [json.loads(line) for line in path.open(encoding="utf-8")]


def _segments(count: int, batch: int = 0) -> list[Unit]:
    """`count` distinct pairs: published sentences and slipped ones, each made unique by a
    reporting clause, as an archive of news segments would be; each `batch` is new text, so
    that no checker answers from a cache of what it saw."""
    pairs = [(r["zh"], r["en"]) for r in _rows("labelled.jsonl") if r["expect"] is None]
    pairs += [(r["zh"], r["slipped"]) for r in _rows("slips.jsonl")]
    units = []
    for i in range(count):
        zh, en = pairs[i % len(pairs)]
        sayer = SAYERS[i % len(SAYERS)]
        said = f"{sayer} said on day {i} of week {batch}"
        units.append(Unit(zh, f"{en.rstrip('.')}, {said}."))
    return units


def _article(units: list[Unit]) -> Article:
    segments = [
        Segment(SegmentId(1, i + 1), u.source, u.target, State.TRANSLATED)
        for i, u in enumerate(units)
    ]
    return Article(ArticleMeta("bench"), [Block(1, BlockKind.PARAGRAPH)], segments)


def _lints(linter: object, text: str) -> set[tuple[str, str]]:
    """Bare Harper's lints, less the sentence-length one (its text is the whole sentence, so
    any slip would change it)."""
    found = linter.lint(text, language="plaintext")  # type: ignore[attr-defined]
    return {(x.problem_text, x.message) for x in found if x.lint_kind != "Readability"}


def _time(check: Callable[[list[Unit]], object], count: int, repeat: int) -> float:
    """The best of `repeat` runs of `check`, each over `count` segments it has not seen."""
    best = float("inf")
    for batch in range(repeat):
        units = _segments(count, batch + 1)
        started = time.perf_counter()
        check(units)
        best = min(best, time.perf_counter() - started)
    return best


def run(quick: bool) -> list[Figure]:
    from harper import Linter

    house = Glossary(load_terms(GLOSSARY))
    ctx = CheckContext(glossary=house)
    bare = Linter()
    count = 300 if quick else 1000
    # Warm both: dictionaries and linters are built once per process.
    for unit in _segments(20):
        list(spelling.check(unit, ctx))
        list(style.check(unit, ctx))
        bare.lint(unit.target, language="plaintext")

    def ours(units: list[Unit]) -> None:
        # As `qa` runs them: an article (16 segments here) at a time, Harper once per article.
        for start in range(0, len(units), ARTICLE):
            article = _article(units[start : start + ARTICLE])
            spelling.prepare_article(article, ctx)
            for segment in article.segments:
                unit = Unit(segment.source, segment.target, segment, article)
                list(spelling.check(unit, ctx))
                list(style.check(unit, ctx))

    def harper_bare(units: list[Unit]) -> None:
        for unit in units:
            bare.lint(unit.target, language="plaintext")

    repeat = 2 if quick else 3
    per_k = 1000 / count
    mine = _time(ours, count, repeat) * per_k
    theirs = _time(harper_bare, count, repeat) * per_k
    figures = [
        Figure(
            "spell.1k",
            mine,
            "s",
            "bare Harper",
            theirs,
            "s",
            theirs / mine,
            note=f"seconds per 1,000 segments, {count} distinct news segments",
        )
    ]

    # What the checks catch, and what bare Harper would.
    slips = _rows("slips.jsonl")
    caught = bare_caught = 0
    for row in slips:
        before = {(f.check, f.message) for f in check_pair(row["zh"], row["clean"], ctx)}
        after = {(f.check, f.message) for f in check_pair(row["zh"], row["slipped"], ctx)}
        caught += bool(after - before)
        bare_caught += bool(_lints(bare, row["slipped"]) - _lints(bare, row["clean"]))
    figures.append(
        Figure(
            "spell.slips",
            caught,
            "of 100",
            "bare Harper",
            bare_caught,
            "of 100",
            caught / max(bare_caught, 1),
            target="≥ 95",
            note="typical typos and grammar slips caught, tests/data/qa/slips.jsonl",
        )
    )

    # How good the one-key fix of a misspelling is.
    right = harper_right = flagged = 0
    for row in slips:
        if row["kind"] != "typo":
            continue
        old, new = row["slip"].split(" \u2192 ")
        found = [f for f in check_pair(row["zh"], row["slipped"], ctx) if f.check == "spelling"]
        for finding in found:
            if finding.fix is None or finding.fix.old not in new:
                continue
            wanted = next(
                (w for w in old.split() if w.lower()[:2] == finding.fix.old.lower()[:2]), None
            )
            lints = [
                x
                for x in bare.lint(row["slipped"], language="plaintext")
                if x.problem_text == finding.fix.old
            ]
            first = (
                lints[0].suggestions[0].replacement_text if lints and lints[0].suggestions else ""
            )
            flagged += 1
            right += finding.fix.new == (wanted or "").rstrip(".")
            harper_right += first == (wanted or "").rstrip(".")
    figures.append(
        Figure(
            "spell.suggest",
            right / max(flagged, 1),
            "top-1",
            "Harper's first suggestion",
            harper_right / max(flagged, 1),
            "top-1",
            right / max(harper_right, 1),
            note=f"{flagged} misspellings of the slips set: the fix is the intended word",
        )
    )

    # Published English: quiet.
    published = [(r["zh"], r["en"]) for r in _rows("labelled.jsonl") if r["expect"] is None]
    corpus = DATA / "corpus"
    zh = (corpus / "cip-2019-11-24-wang-quan-visit.zh.txt").read_text(encoding="utf-8")
    english = (corpus / "cip-2019-11-24-wang-quan-visit.en.txt").read_text(encoding="utf-8")
    published += [(zh, p.strip()) for p in english.split("\n\n") if p.strip()]
    ours_found = sum(
        1 for zh_text, en in published for f in check_pair(zh_text, en, ctx) if f.check in ENGLISH
    )
    bare_found = sum(len(bare.lint(en, language="plaintext")) for _, en in published)
    figures.append(
        Figure(
            "spell.published",
            ours_found,
            "findings",
            "bare Harper",
            bare_found,
            "lints",
            (bare_found + 1) / (ours_found + 1),
            target="0",
            note=f"{len(published)} published paragraphs and sentences (corpus, labelled set)",
        )
    )
    return figures
