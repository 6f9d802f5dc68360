"""The dynamic-programming search: the cheapest monotone chain of links (1–1, 1–2, 2–1, 1–0, 0–1,
2–2) through two sequences, inside a band around the diagonal that widens until the best path
stays clear of its edges."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from cipbilingual.align.scoring import LINK_KINDS

CostFn = Callable[[int, int, int, int], float]
"""cost(i0, i1, j0, j1) of linking source items [i0, i1) with target items [j0, j1)."""

_INF = math.inf
MIN_BAND = 12  # half-width of the first band, in items


@dataclass(frozen=True)
class Step:
    """One link of the chosen path: source items [i0, i1), target items [j0, j1)."""

    i0: int
    i1: int
    j0: int
    j1: int
    cost: float


def search(
    n: int,
    m: int,
    cost: CostFn,
    *,
    allowed: Callable[[int, int], bool] | None = None,
    kinds: Sequence[tuple[int, int]] = LINK_KINDS,
) -> list[Step]:
    """The cheapest path from (0, 0) to (n, m). `allowed(i0, i1)` may forbid a source group
    (e.g. one that would cross a paragraph boundary); 1–0 and 0–1 links are always allowed, so
    a path always exists."""
    if n == 0 and m == 0:
        return []
    band = MIN_BAND
    while True:
        steps, touched = _search_band(n, m, cost, allowed, kinds, band)
        if not touched or band >= max(n, m):
            return steps
        band *= 2


def _search_band(
    n: int,
    m: int,
    cost: CostFn,
    allowed: Callable[[int, int], bool] | None,
    kinds: Sequence[tuple[int, int]],
    band: int,
) -> tuple[list[Step], bool]:
    """The band holds, for row i, the columns within `band` of the diagonal i·m/n."""
    slope = m / n if n else 0.0
    lows: list[int] = []
    highs: list[int] = []
    for i in range(n + 1):
        centre = round(i * slope) if n else 0
        lo = max(0, centre - band)
        hi = min(m, centre + band)
        if i == n:
            hi = m
        if i == 0:
            lo = 0
        lows.append(lo)
        highs.append(hi)
    if n == 0:
        lows, highs = [0], [m]
    # Rows must overlap enough that every cell can be reached from the row above.
    for i in range(1, n + 1):
        lows[i] = min(lows[i], highs[i - 1])
    table: list[list[float]] = []
    back: list[list[tuple[int, int, float]]] = []
    for i in range(n + 1):
        lo, hi = lows[i], highs[i]
        row = [_INF] * (hi - lo + 1)
        moves: list[tuple[int, int, float]] = [(0, 0, 0.0)] * (hi - lo + 1)
        for j in range(lo, hi + 1):
            if i == 0 and j == 0:
                row[0] = 0.0
                continue
            best = _INF
            best_move = (0, 0, 0.0)
            for a, b in kinds:
                pi, pj = i - a, j - b
                if pi < 0 or pj < 0:
                    continue
                if pi == i:
                    prev_row, plo, phi = row, lo, hi
                else:
                    prev_row, plo, phi = table[pi], lows[pi], highs[pi]
                if pj < plo or pj > phi:
                    continue
                before = prev_row[pj - plo]
                if before == _INF:
                    continue
                if a and b and allowed is not None and a > 1 and not allowed(pi, i):
                    continue
                step = cost(pi, i, pj, j)
                total = before + step
                if total < best:
                    best = total
                    best_move = (a, b, step)
            row[j - lo] = best
            moves[j - lo] = best_move
        table.append(row)
        back.append(moves)
    steps: list[Step] = []
    i, j = n, m
    touched = False
    while i > 0 or j > 0:
        a, b, step = back[i][j - lows[i]]
        if (a, b) == (0, 0):
            raise RuntimeError("alignment search found no path")  # cannot happen: 1–0/0–1
        if (lows[i] > 0 and j - lows[i] < 2) or (highs[i] < m and highs[i] - j < 2):
            touched = True
        steps.append(Step(i - a, i, j - b, j, step))
        i, j = i - a, j - b
    steps.reverse()
    return steps, touched
