"""Top-N fuzzy search over many Chinese sentences: a character-count prefilter in front of
rapidfuzz that returns exactly what a full `fuzz.ratio` scan would, at a fraction of the cost.

The score is rapidfuzz's `fuzz.ratio`, 200·LCS/(len a + len b). The number of characters two
strings share (as multisets) bounds their LCS from above, so a candidate whose shared count
cannot reach the threshold is never scored, and candidates are scored best bound first, stopping
once no remaining bound can beat the N-th score found. Design notes: docs/tm.md.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
from rapidfuzz import fuzz

# A token is (code point, occurrence number within the sentence), so counting shared tokens
# counts shared characters as a multiset. Occurrences beyond this cap share the last token,
# which can only matter for sentences repeating one character more than 255 times.
_OCC_BITS = 8
_OCC_CAP = (1 << _OCC_BITS) - 1
# The bound and rapidfuzz's score are the same fraction computed two ways; a tie must not be
# lost to the last bit of a float.
_EPS = 1e-9


def _tokens_of(text: str) -> list[int]:
    seen: dict[str, int] = {}
    out: list[int] = []
    for char in text:
        occ = seen.get(char, 0)
        seen[char] = occ + 1
        out.append((ord(char) << _OCC_BITS) | min(occ, _OCC_CAP))
    return out


class FuzzyIndex:
    """An immutable index over `keys` (normalised sources). `search` returns positions into
    `keys` with their scores."""

    def __init__(self, keys: Sequence[str]) -> None:
        self.keys: list[str] = list(keys)
        n = len(self.keys)
        self.lengths: npt.NDArray[np.int32] = np.fromiter(
            (len(k) for k in self.keys), dtype=np.int32, count=n
        )
        self.masked: npt.NDArray[np.bool_] = np.zeros(n, dtype=np.bool_)
        self._build(n)

    def _build(self, n: int) -> None:
        # Vectorised, two sorts of int64 keys: (code point, key position) groups give each
        # character its occurrence number, then (token, key position) gives the CSR table
        # token -> ascending key positions. The second sort runs on nearly sorted data.
        total = int(self.lengths.sum())
        self.vocab: npt.NDArray[np.int64] = np.zeros(0, dtype=np.int64)
        self.offsets: npt.NDArray[np.int64] = np.zeros(1, dtype=np.int64)
        self.postings: npt.NDArray[np.int32] = np.zeros(0, dtype=np.int32)
        if total == 0:
            return
        chars = np.frombuffer("".join(self.keys).encode("utf-32-le"), dtype=np.uint32)
        owner = np.repeat(np.arange(n, dtype=np.int64), self.lengths)
        pairs = np.sort((chars.astype(np.int64) << 32) | owner)
        step = np.arange(total, dtype=np.int64)
        starts = np.ones(total, dtype=np.bool_)
        starts[1:] = pairs[1:] != pairs[:-1]
        occ = np.minimum(step - np.maximum.accumulate(np.where(starts, step, 0)), _OCC_CAP)
        tokens = ((pairs >> 32) << _OCC_BITS) | occ
        keyed = np.sort((tokens << 32) | (pairs & 0xFFFFFFFF), kind="stable")
        tokens = keyed >> 32
        first = np.concatenate(([0], np.flatnonzero(tokens[1:] != tokens[:-1]) + 1))
        self.vocab = tokens[first]
        self.offsets = np.append(first, total).astype(np.int64)
        self.postings = (keyed & 0xFFFFFFFF).astype(np.int32)

    def __len__(self) -> int:
        return len(self.keys)

    def mask(self, positions: Sequence[int], *, hidden: bool = True) -> None:
        """Hide these positions from later searches (no unit holds the key any more), or show
        them again (`hidden=False`)."""
        self.masked[np.asarray(positions, dtype=np.int64)] = hidden

    def candidates(
        self, query: str, min_score: float
    ) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float64]]:
        """Positions whose shared-character bound reaches `min_score`, with those bounds, best
        bound first."""
        empty = (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float64))
        if not query or not len(self.vocab):
            return empty
        qtokens = np.unique(np.asarray(_tokens_of(query), dtype=np.int64))
        idx = np.searchsorted(self.vocab, qtokens)
        inside = idx < len(self.vocab)
        idx, qtokens = idx[inside], qtokens[inside]
        idx = idx[self.vocab[idx] == qtokens]
        if not len(idx):
            return empty
        n, lq = len(self.keys), len(query)
        sizes = self.offsets[idx + 1] - self.offsets[idx]
        # Characters in most sentences (，。的) cost most to count and select least. Count the
        # others and assume every sentence holds the frequent ones: still an upper bound. Only
        # when the frequent ones alone could reach the threshold are they counted too.
        frequent = sizes > n // 8
        assumed = int(frequent.sum())
        if 200.0 * assumed / (lq + 1) >= min_score - _EPS:
            frequent[:] = False
            assumed = 0
        lists = [
            self.postings[self.offsets[i] : self.offsets[i + 1]] for i in idx[~frequent].tolist()
        ]
        if not lists:
            return empty
        counts = np.bincount(np.concatenate(lists), minlength=n)
        # The least shared count any sentence (of length ≥ 1) needs; a cheap integer filter
        # before any float work, on hits only.
        need = max(1, math.ceil((min_score - _EPS) * (lq + 1) / 200.0) - assumed)
        hit = np.flatnonzero(counts >= need)
        bound = 200.0 * (counts[hit] + assumed) / (lq + self.lengths[hit])
        keep = (bound >= min_score - _EPS) & ~self.masked[hit]
        hit, bound = hit[keep], np.minimum(bound[keep], 100.0)
        order = np.argsort(-bound, kind="stable")
        return hit[order].astype(np.int64), bound[order]

    def search(self, query: str, min_score: float, limit: int) -> list[tuple[int, float]]:
        """The best `limit` positions scoring at least `min_score`, as (position, score), best
        first, ties in index order: the same answer as scoring every key with `fuzz.ratio`."""
        if limit <= 0:
            return []
        positions, bounds = self.candidates(query, min_score)
        heap: list[tuple[float, int]] = []  # (score, -position); the worst kept is on top
        cutoff = float(min_score)
        keys = self.keys
        for pos, bound in zip(positions.tolist(), bounds.tolist(), strict=True):
            if len(heap) >= limit and bound + _EPS < cutoff:
                break  # sorted by bound: nothing further can enter the top N
            # a hair below the cutoff: a tie with the N-th score must still be scored
            score = fuzz.ratio(query, keys[pos], score_cutoff=max(cutoff - _EPS, 0.0))
            if score == 0.0 or score < min_score - _EPS:
                continue
            item = (score, -pos)
            if len(heap) < limit:
                heapq.heappush(heap, item)
            elif item > heap[0]:
                heapq.heapreplace(heap, item)
            if len(heap) >= limit:
                cutoff = heap[0][0]
        return [(-neg, score) for score, neg in sorted(heap, reverse=True)]
