"""Fragment matches: stored sentences that contain long verbatim passages of the query, scored
by how much of the query those passages cover. They help where a news item condenses clauses
of a longer earlier sentence, which no whole-sentence score can see.

A passage is any run of at least `N` characters found in both (N = 8 by default, longer than an
institution's name alone); coverage is the share of the query's characters inside such runs.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

GRAM = 8
_BASE = np.uint64(1_000_003)


def _grams(chars: npt.NDArray[np.uint64], n: int) -> npt.NDArray[np.uint64]:
    """A 64-bit polynomial hash of every n-character window (wrapping arithmetic)."""
    count = len(chars) - n + 1
    out = np.zeros(max(count, 0), dtype=np.uint64)
    if count <= 0:
        return out
    with np.errstate(over="ignore"):
        for j in range(n):
            out = out * _BASE + chars[j : j + count]
    return out


def _code_points(text: str) -> npt.NDArray[np.uint64]:
    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)


class FragmentIndex:
    """An immutable index of every `gram`-character window of `keys`."""

    def __init__(self, keys: Sequence[str], gram: int = GRAM) -> None:
        self.gram = gram
        self.keys = list(keys)
        self.masked: npt.NDArray[np.bool_] = np.zeros(len(self.keys), dtype=np.bool_)
        lengths = np.fromiter((len(k) for k in self.keys), dtype=np.int64, count=len(self.keys))
        self.vocab: npt.NDArray[np.uint64] = np.zeros(0, dtype=np.uint64)
        self.offsets: npt.NDArray[np.int64] = np.zeros(1, dtype=np.int64)
        self.postings: npt.NDArray[np.int32] = np.zeros(0, dtype=np.int32)
        total = int(lengths.sum())
        if total < gram:
            return
        chars = _code_points("".join(self.keys))
        owner = np.repeat(np.arange(len(self.keys), dtype=np.int64), lengths)
        hashes = _grams(chars, gram)
        inside = owner[: len(hashes)] == owner[gram - 1 :]  # the window stays in one key
        hashes, owner = hashes[inside], owner[: len(inside)][inside]
        if not len(hashes):
            return  # every key is shorter than a window
        # one posting per (window, key), sorted by window then key
        order = np.lexsort((owner, hashes))
        hashes, owner = hashes[order], owner[order]
        keep = np.ones(len(hashes), dtype=np.bool_)
        keep[1:] = (hashes[1:] != hashes[:-1]) | (owner[1:] != owner[:-1])
        hashes, owner = hashes[keep], owner[keep]
        first = np.concatenate(([0], np.flatnonzero(hashes[1:] != hashes[:-1]) + 1))
        self.vocab = hashes[first]
        self.offsets = np.append(first, len(hashes)).astype(np.int64)
        self.postings = owner.astype(np.int32)

    def mask(self, positions: Sequence[int], *, hidden: bool = True) -> None:
        """Hide positions from later searches, or show them again."""
        self.masked[np.asarray(positions, dtype=np.int64)] = hidden

    def search(
        self, query: str, min_coverage: float, limit: int, skip: frozenset[int] = frozenset()
    ) -> list[tuple[int, float]]:
        """Keys sharing passages of at least `gram` characters with `query` that cover at least
        `min_coverage` percent of it, as (position, coverage), best first, ties in index order."""
        n = self.gram
        if len(query) < n or not len(self.vocab) or limit <= 0:
            return []
        hashes = _grams(_code_points(query), n)
        idx = np.searchsorted(self.vocab, hashes)
        idx[idx >= len(self.vocab)] = 0
        found = np.flatnonzero(self.vocab[idx] == hashes)
        if not len(found):
            return []
        starts = self.offsets[idx[found]]
        ends = self.offsets[idx[found] + 1]
        owners = np.concatenate([self.postings[a:b] for a, b in zip(starts, ends, strict=True)])
        where = np.repeat(found, ends - starts)  # query position of each posting
        units, slot = np.unique(owners, return_inverse=True)
        # mark [pos, pos + n) per (unit, pos) through a difference array, then count covered
        width = len(query) + 1
        size = len(units) * width
        flat = slot * width + where
        marks = np.bincount(flat, minlength=size) - np.bincount(flat + n, minlength=size)
        marks = marks.reshape(len(units), width)
        covered = (np.cumsum(marks, axis=1)[:, : len(query)] > 0).sum(axis=1)
        coverage = 100.0 * covered / len(query)
        keep = (coverage >= min_coverage) & ~self.masked[units]
        if skip:
            keep &= ~np.isin(units, np.fromiter(skip, dtype=np.int64, count=len(skip)))
        units, coverage = units[keep], coverage[keep]
        order = np.lexsort((units, -coverage))[:limit]
        return [(int(units[i]), float(coverage[i])) for i in order]
