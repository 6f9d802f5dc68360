"""Cut a segment too long for an engine into parts at clause punctuation, never inside a term."""

from __future__ import annotations

import itertools
from collections.abc import Callable

from cipbilingual.mt.protect import Protected

CLAUSE_ENDS = frozenset("，；：、,;:。！？!?…")


def split_long(protected: Protected, measure: Callable[[str], int], limit: int) -> list[Protected]:
    """Parts of `protected`, each measuring at most `limit` (pieces, characters: whatever
    `measure` counts), cut after clause punctuation where possible, else near the middle; a term
    is never cut. A part that cannot be cut further is returned as it is."""
    if measure(protected.text) <= limit:
        return [protected]
    text = protected.text
    cuts = [
        i + 1 for i, ch in enumerate(text) if ch in CLAUSE_ENDS and not protected.inside_slot(i + 1)
    ]
    bounds = [0, *cuts, len(text)]
    clauses = [(a, b) for a, b in itertools.pairwise(bounds) if b > a]
    parts: list[tuple[int, int]] = []
    start, size = clauses[0][0], 0
    for a, b in clauses:
        cost = measure(text[a:b])
        if size and size + cost > limit:
            parts.append((start, a))
            start, size = a, 0
        size += cost
    parts.append((start, len(text)))
    out: list[Protected] = []
    for a, b in parts:
        out.extend(_halve(protected, a, b, measure, limit))
    return [p for p in out if p.text]


def _halve(
    protected: Protected, start: int, end: int, measure: Callable[[str], int], limit: int
) -> list[Protected]:
    part = protected.part(start, end)
    if measure(part.text) <= limit or end - start < 2:
        return [part]
    middle = (start + end) // 2
    # The nearest place to the middle that is not inside a term, preferring a space.
    candidates = [pos for pos in range(start + 1, end) if not protected.inside_slot(pos)]
    if not candidates:
        return [part]
    spaces = [pos for pos in candidates if protected.text[pos - 1].isspace()]
    near = spaces and min(abs(p - middle) for p in spaces) < (end - start) // 4
    pool = spaces if near else candidates
    cut = min(pool, key=lambda pos: abs(pos - middle))
    return [
        *_halve(protected, start, cut, measure, limit),
        *_halve(protected, cut, end, measure, limit),
    ]
