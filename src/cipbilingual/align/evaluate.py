"""Strict and lax precision, recall and F1 of links against a gold alignment.

Strict: a link counts when the gold has exactly the same link. Lax: when it shares at least one
sentence on each side with some gold link. Links with an empty side (a sentence with no
counterpart) are left out of both counts, as in the usual sentence-alignment evaluations.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

Pair = tuple[tuple[int, ...], tuple[int, ...]]


@dataclass(frozen=True)
class Scores:
    strict_precision: float
    strict_recall: float
    lax_precision: float
    lax_recall: float

    @property
    def strict_f1(self) -> float:
        return _f1(self.strict_precision, self.strict_recall)

    @property
    def lax_f1(self) -> float:
        return _f1(self.lax_precision, self.lax_recall)


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _pairs(links: Iterable[Pair]) -> list[Pair]:
    return [(tuple(z), tuple(e)) for z, e in links if z and e]


def _counts(test: Sequence[Pair], gold: Sequence[Pair]) -> tuple[int, int, int]:
    """(strict hits, lax hits, links) of `test` judged against `gold`."""
    exact = set(gold)
    strict = lax = 0
    for z, e in test:
        if (z, e) in exact:
            strict += 1
            lax += 1
        elif any(not set(z).isdisjoint(gz) and not set(e).isdisjoint(ge) for gz, ge in gold):
            lax += 1
    return strict, lax, len(test)


def score(test: Iterable[Pair], gold: Iterable[Pair]) -> Scores:
    """Scores of one document's links; see `score_many` for several."""
    return score_many([test], [gold])


def score_many(tests: Sequence[Iterable[Pair]], golds: Sequence[Iterable[Pair]]) -> Scores:
    """Scores summed over documents (micro-averaged), `tests[k]` against `golds[k]`."""
    ps = pl = pn = rs = rl = rn = 0
    for test_links, gold_links in zip(tests, golds, strict=True):
        test, gold = _pairs(test_links), _pairs(gold_links)
        s, lx, n = _counts(test, gold)
        ps, pl, pn = ps + s, pl + lx, pn + n
        s, lx, n = _counts(gold, test)
        rs, rl, rn = rs + s, rl + lx, rn + n
    return Scores(
        ps / pn if pn else 0.0,
        rs / rn if rn else 0.0,
        pl / pn if pn else 0.0,
        rl / rn if rn else 0.0,
    )
