"""Stable segment identity: a segment keeps its id for life.

A re-import pairs the old sentences with the new ones (same Chinese first, then similar Chinese,
both in document order) and the new article keeps the ids of the pairs; a sentence with no pair
gets a fresh id that no segment of the article has ever had. See docs/po-format.md.
"""

from __future__ import annotations

import copy
import difflib
import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field

from cipbilingual.models import Article, Origin, Segment, SegmentId, State

# Two versions of a sentence are "the same sentence, edited" at this character similarity
# (0-100, rapidfuzz's ratio, as difflib's ratio × 100).
FUZZY_THRESHOLD = 50.0
# Above this many (old × new) pairs in one unmatched stretch, the in-order fuzzy pairing looks
# only at nearby candidates instead of every pair (a rewritten 50,000-sentence archive).
_FULL_ALIGNMENT_LIMIT = 1_000_000
_WINDOW = 40


@dataclass
class Pairing:
    """Which old sentence each new sentence continues: indices into the two lists."""

    exact: dict[int, int] = field(default_factory=dict)  # new -> old, same Chinese
    fuzzy: dict[int, int] = field(default_factory=dict)  # new -> old, edited Chinese


def pair_sentences(
    old: Sequence[str], new: Sequence[str], threshold: float = FUZZY_THRESHOLD
) -> Pairing:
    """Pair old and new sentences: identical ones in order (the longest common subsequence),
    then identical ones that moved, then, between the in-order anchors, similar ones in order
    (at least `threshold` percent alike, the best total similarity)."""
    pairing = Pairing()
    matcher = difflib.SequenceMatcher(None, list(old), list(new), autojunk=False)
    anchors: list[tuple[int, int]] = []
    for i, j, size in matcher.get_matching_blocks():
        for k in range(size):
            pairing.exact[j + k] = i + k
            anchors.append((i + k, j + k))
    used_old = set(pairing.exact.values())
    # Moved sentences: the same Chinese elsewhere, first come first served.
    waiting: dict[str, list[int]] = {}
    for i, text in enumerate(old):
        if i not in used_old:
            waiting.setdefault(text, []).append(i)
    for j, text in enumerate(new):
        if j not in pairing.exact and waiting.get(text):
            i = waiting[text].pop(0)
            pairing.exact[j] = i
            used_old.add(i)
    # Edited sentences: between consecutive in-order anchors, in order.
    bounds = [(-1, -1), *anchors, (len(old), len(new))]
    for (i0, j0), (i1, j1) in itertools.pairwise(bounds):
        olds = [i for i in range(i0 + 1, i1) if i not in used_old]
        news = [j for j in range(j0 + 1, j1) if j not in pairing.exact]
        if olds and news:
            for i, j in _align(old, new, olds, news, threshold):
                pairing.fuzzy[j] = i
    return pairing


def _align(
    old: Sequence[str], new: Sequence[str], olds: list[int], news: list[int], threshold: float
) -> list[tuple[int, int]]:
    """An order-keeping pairing of olds with news maximising the summed similarity."""
    from rapidfuzz import fuzz

    if len(olds) * len(news) > _FULL_ALIGNMENT_LIMIT:
        return _align_windowed(old, new, olds, news, threshold)
    from rapidfuzz.process import cdist

    scores = cdist([old[i] for i in olds], [new[j] for j in news], scorer=fuzz.ratio)
    rows, cols = len(olds), len(news)
    best = [[0.0] * (cols + 1) for _ in range(rows + 1)]
    for r in range(1, rows + 1):
        row, above, score_row = best[r], best[r - 1], scores[r - 1]
        for c in range(1, cols + 1):
            value = max(above[c], row[c - 1])
            score = float(score_row[c - 1])
            if score >= threshold and above[c - 1] + score > value:
                value = above[c - 1] + score
            row[c] = value
    pairs: list[tuple[int, int]] = []
    r, c = rows, cols
    while r and c:
        score = float(scores[r - 1][c - 1])
        if score >= threshold and best[r][c] == best[r - 1][c - 1] + score:
            pairs.append((olds[r - 1], news[c - 1]))
            r, c = r - 1, c - 1
        elif best[r][c] == best[r - 1][c]:
            r -= 1
        else:
            c -= 1
    pairs.reverse()
    return pairs


def _align_windowed(
    old: Sequence[str], new: Sequence[str], olds: list[int], news: list[int], threshold: float
) -> list[tuple[int, int]]:
    from rapidfuzz import fuzz

    pairs: list[tuple[int, int]] = []
    start = 0
    for j in news:
        best, best_score = -1, threshold
        for k in range(start, min(start + _WINDOW, len(olds))):
            score = fuzz.ratio(old[olds[k]], new[j])
            if score >= best_score and (best < 0 or score > best_score):
                best, best_score = k, score
        if best >= 0:
            pairs.append((olds[best], j))
            start = best + 1
    return pairs


@dataclass
class Reimport:
    """What a re-import did to the article's segments, by id."""

    unchanged: list[str] = field(default_factory=list)  # same Chinese: kept as it was
    changed: list[str] = field(default_factory=list)  # edited Chinese: English now a draft
    added: list[str] = field(default_factory=list)  # fresh ids of new sentences
    restored: list[str] = field(default_factory=list)  # retired segments whose sentence is back
    removed: list[Segment] = field(default_factory=list)  # segments whose sentence is gone


def reimport(old: Article, fresh: Article) -> tuple[Article, Reimport]:
    """The freshly segmented article carrying the old one's work and ids.

    A sentence found again keeps its segment as it was: id, English, state, history and approval
    line, byte for byte (the approval is never re-signed). An edited sentence keeps its id; its
    English becomes a draft with the old Chinese recorded. A sentence that comes back after
    being removed gets its retired segment back. Every other new sentence gets a fresh id
    (`fresh_ids`). Removed sentences' English stays as retired entries and their ids are never
    given again."""
    result = Reimport()
    pairing = pair_sentences([s.source for s in old.segments], [s.source for s in fresh.segments])
    retired = list(old.retired)
    live_old_ids = {s.id for s in old.segments}
    segments: list[Segment] = []
    unpaired: list[int] = []
    for j, new in enumerate(fresh.segments):
        if j in pairing.exact:
            seg = copy.deepcopy(old.segments[pairing.exact[j]])
            result.unchanged.append(str(seg.id))
        elif j in pairing.fuzzy:
            seg = _edited(old.segments[pairing.fuzzy[j]], new.source)
            result.changed.append(str(seg.id))
        else:
            back = next(
                (
                    r
                    for r in retired
                    if r.source == new.source and r.target and r.id not in live_old_ids
                ),
                None,
            )
            if back is not None:
                retired.remove(back)
                seg = copy.deepcopy(back)
                result.restored.append(str(seg.id))
            else:
                seg = Segment(new.id, new.source)
                unpaired.append(j)
        seg.block = new.block
        segments.append(seg)
    waiting = set(unpaired)
    kept = {seg.id for j, seg in enumerate(segments) if j not in waiting}
    result.removed = [copy.deepcopy(s) for s in old.segments if s.id not in kept]
    retired_ids = (old.meta.retired_ids | {s.id for s in result.removed}) - kept
    meta = copy.deepcopy(fresh.meta)
    meta.retired_ids = retired_ids
    meta.extra_header = list(old.meta.extra_header)
    meta.header_order = list(old.meta.header_order)
    used = {s.id for s in old.segments} | {s.id for s in old.retired} | retired_ids | kept
    for j, sid in zip(unpaired, fresh_ids(segments, unpaired, used), strict=True):
        segments[j].id = sid
        result.added.append(str(sid))
    for seg in result.removed:
        if seg.target:
            retired.append(seg)
    merged = Article(meta, list(fresh.blocks), segments, list(old.notices), retired)
    return merged, result


def _edited(old: Segment, source: str) -> Segment:
    """The old segment under its edited Chinese: same id, English carried as a draft."""
    seg = Segment(old.id, source, comments=list(old.comments))
    if not old.target:
        return seg
    seg.target = old.target
    seg.state = State.DRAFT
    seg.origin = Origin("reimport", f"was {old.state}")
    seg.machine_draft = old.machine_draft
    seg.previous_source = old.source
    seg.translator, seg.translated_at = old.translator, old.translated_at
    if old.conflict is not None:
        seg.state, seg.reason, seg.conflict = State.NEEDS_WORK, old.reason, old.conflict
    return seg


def fresh_ids(
    segments: Sequence[Segment], positions: Sequence[int], used: set[SegmentId]
) -> list[SegmentId]:
    """New ids for `segments[p]` for each p in `positions` (document order). A sentence joins
    the id series of its block (`p3.s5` beside p3.s1 … p3.s4; the title's is `t`); a block with
    no kept segment starts a new series after every block number ever used. No id in `used`
    (live, retired, or ever given) is returned, nor any twice."""
    taken = set(used)
    series: dict[int, int] = {0: 0}  # block position -> block number of its ids
    wanted = set(positions)
    for p, seg in enumerate(segments):
        if p not in wanted and seg.block not in series and seg.id.block != 0:
            series[seg.block] = seg.id.block
    next_block = max((sid.block for sid in taken), default=0) + 1
    last: dict[int, int] = {}
    for sid in taken:
        last[sid.block] = max(last.get(sid.block, 0), sid.sentence)
    out: list[SegmentId] = []
    for p in positions:
        position = segments[p].block
        if position not in series:
            series[position] = next_block
            next_block += 1
        number = series[position]
        last[number] = last.get(number, 0) + 1
        sid = SegmentId(number, last[number])
        taken.add(sid)
        out.append(sid)
    return out
