"""Three-way merges of catalogs by meaning: an article per segment id, the glossary per entry.

What git's merge driver runs (workflow/git.py). A segment changed on one side only takes that
side; changed on both sides, its English and its review state merge separately, and a real
clash keeps both versions in the segment for a person to choose (`Segment.conflict`). Every
approval is re-checked afterwards. See docs/git.md.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from cipbilingual.models import (
    Article,
    Origin,
    Segment,
    SegmentConflict,
    SegmentId,
    Silence,
    State,
    Term,
    TermConflict,
)

CONFLICT_REASON = "merge conflict: both sides changed this segment; keep mine, take theirs or edit"
_T = TypeVar("_T")


@dataclass
class MergeReport:
    """What a merge did, for the person who ran `git merge`."""

    conflicts: list[str] = field(default_factory=list)  # ids (or terms) kept with both sides
    notes: list[str] = field(default_factory=list)  # one line each: what was decided and why

    @property
    def clean(self) -> bool:
        return not self.conflicts


# -- articles ---------------------------------------------------------------------------------


def _structure(article: Article) -> tuple[object, ...]:
    meta = article.meta
    return (
        meta.title,
        meta.date,
        meta.source_file,
        meta.source_format,
        meta.source_encoding,
        meta.source_hash,
        tuple(sorted(meta.front_matter.items())),
        tuple(article.blocks),
        tuple((seg.id, seg.block) for seg in article.segments),
    )


# A segment's fields in three groups that merge separately: its English (and who wrote it),
# its review (state, approval, reason), its free notes.
_TEXT = ("target", "origin", "machine_draft", "translator", "translated_at", "previous_source")
_REVIEW = ("state", "approval", "reason", "conflict")


def _group(seg: Segment | None, names: Sequence[str]) -> tuple[object, ...] | None:
    return None if seg is None else tuple(getattr(seg, n) for n in names)


def _pick3(base: _T | None, mine: _T, theirs: _T) -> tuple[_T, bool]:
    """The three-way choice for one value: (value, clashed)."""
    if mine == theirs or theirs == base:
        return mine, False
    if mine == base:
        return theirs, False
    return mine, True


def merge_articles(
    base: Article | None, mine: Article, theirs: Article
) -> tuple[Article, MergeReport]:
    """Merge two versions of an article that share `base` (None when both sides created it).

    Whose structure (source, blocks, segment order) wins: the side that re-imported, or mine
    when both did the same. When both re-imported different sources, mine is kept, theirs' new
    sentences become retired entries and the merge reports a conflict."""
    report = MergeReport()
    structure_base = _structure(base) if base is not None else None
    s_mine, s_theirs = _structure(mine), _structure(theirs)
    layout = mine
    if s_mine != s_theirs:
        if s_mine == structure_base:
            layout = theirs
        elif s_theirs != structure_base:
            report.conflicts.append("(article)")
            report.notes.append(
                "both sides re-imported the article from different sources; mine is kept: "
                "re-import the right source with 'cipbilingual import FILE --slug "
                f"{mine.slug} --update', then 'git add' the catalog"
            )
    other = theirs if layout is mine else mine
    base_live = {s.id: s for s in base.segments} if base is not None else {}
    mine_live = {s.id: s for s in mine.segments}
    theirs_live = {s.id: s for s in theirs.segments}
    segments: list[Segment] = []
    for placed in layout.segments:
        sid = placed.id
        m, t, b = mine_live.get(sid), theirs_live.get(sid), base_live.get(sid)
        # A segment only one side has is a new sentence of its re-import: taken as it is.
        # (Copies are shallow: the merge replaces fields, it never changes one in place.)
        seg = copy.copy(placed) if m is None or t is None else _merge_segment(b, m, t, report)
        seg.block = placed.block
        if seg.conflict is not None:
            seg.conflict = copy.deepcopy(seg.conflict)
            for side in (seg.conflict.mine, seg.conflict.theirs):
                if side is not None:
                    side.block = placed.block
        segments.append(seg)
    live = {s.id for s in segments}
    retired = _merge_retired(mine, theirs, live)
    # Segments the other side still has but the layout retired: keep edits as retired entries.
    other_base = base_live if base is not None else {}
    for seg in other.segments:
        if seg.id in live:
            continue
        before = other_base.get(seg.id)
        if before is not None and before == seg:
            continue
        if seg.target:
            # The edited English replaces the retired entry the other side made of the sentence.
            retired = [r for r in retired if (r.id, r.source) != (seg.id, seg.source)]
            gone = copy.deepcopy(seg)
            gone.conflict = None
            retired.append(gone)
        if before is not None:
            report.notes.append(
                f"{seg.id}: changed on one side, its sentence removed on the other; "
                "its English is kept as a retired entry"
            )
        else:
            report.notes.append(
                f"{seg.id}: a sentence only the other re-import had; kept as a retired entry"
            )
    meta = copy.deepcopy(layout.meta)
    meta.retired_ids = (
        mine.meta.retired_ids | theirs.meta.retired_ids | {s.id for s in other.segments}
    ) - live
    if base is not None:
        meta.retired_ids |= {s.id for s in base.segments} - live
    meta.extra_header = merge_fields(
        base.meta.extra_header if base is not None else None,
        mine.meta.extra_header,
        theirs.meta.extra_header,
    )
    meta.header_order = list(mine.meta.header_order)
    merged = Article(meta, list(layout.blocks), segments, [], retired)
    recheck_approvals(merged, report)
    return merged, report


def _merge_retired(mine: Article, theirs: Article, live: set[SegmentId]) -> list[Segment]:
    out: list[Segment] = []
    keys: set[tuple[SegmentId, str]] = set()
    for seg in [*mine.retired, *theirs.retired]:
        key = (seg.id, seg.source)
        if key not in keys:
            keys.add(key)
            out.append(copy.deepcopy(seg))
    return out


def merge_fields(
    base: list[tuple[str, str]] | None,
    mine: list[tuple[str, str]],
    theirs: list[tuple[str, str]],
) -> list[tuple[str, str]]:
    """Other tools' header fields, per field; on a clash (two PO-Revision-Dates) mine wins."""
    b, m, t = dict(base or []), dict(mine), dict(theirs)
    out: list[tuple[str, str]] = []
    for key in [*m, *(k for k in t if k not in m)]:
        value, _ = _pick3(b.get(key), m.get(key), t.get(key))
        if value is not None:
            out.append((key, value))
    return out


def _merge_segment(b: Segment | None, m: Segment, t: Segment, report: MergeReport) -> Segment:
    sid = m.id
    if _same(m, t):
        return copy.copy(m)
    if m.source != t.source:
        return _merge_changed_source(b, m, t, report)
    base_text, base_review = _group(b, _TEXT), _group(b, _REVIEW)
    text_m, text_t = _group(m, _TEXT), _group(t, _TEXT)
    text, text_clash = _pick3(base_text, text_m, text_t)
    if text_clash and m.target == t.target:
        # The same English on both sides: not a clash; the later writer's record stands.
        text, text_clash = (text_t if t.translated_at > m.translated_at else text_m), False
    review, review_clash = _pick3(base_review, _group(m, _REVIEW), _group(t, _REVIEW))
    silences = merge_silences(b.silences if b else [], m.silences, t.silences)
    if text_clash or review_clash:
        report.conflicts.append(str(sid))
        what = "the English" if text_clash else "the review (approved, sent back)"
        note = f"both sides changed {what}"
        report.notes.append(f"{sid}: {note}; both kept for a person to choose")
        clash = conflicted(m, t, note)
        # Each side keeps its own in the clash; those given on the English shown hold now.
        clash.silences = silences
        return clash
    seg = copy.copy(m)
    for name, value in zip(_TEXT, text or (), strict=True):
        setattr(seg, name, value)
    for name, value in zip(_REVIEW, review or (), strict=True):
        setattr(seg, name, value)
    seg.comments = merge_notes(b.comments if b else [], m.comments, t.comments)
    seg.silences = silences
    return seg


def merge_silences(
    base: list[Silence], mine: list[Silence], theirs: list[Silence]
) -> list[Silence]:
    """Silences per check (a segment holds one per check): given, changed or taken back on one
    side takes that side; given differently on both, the newer decision stands."""
    b = {s.check: s for s in base}
    m = {s.check: s for s in mine}
    t = {s.check: s for s in theirs}
    out: list[Silence] = []
    for check in [*m, *(c for c in t if c not in m)]:
        value, clash = _pick3(b.get(check), m.get(check), t.get(check))
        if clash:
            sides = [s for s in (m.get(check), t.get(check)) if s is not None]
            value = max(sides, key=lambda s: s.at)
        if value is not None:
            out.append(value)
    return out


def _same(a: Segment, b: Segment) -> bool:
    if a.block == b.block:
        return a == b
    return dataclasses.replace(a, block=0) == dataclasses.replace(b, block=0)


def merge_notes(base: list[str], mine: list[str], theirs: list[str]) -> list[str]:
    if theirs == base:
        return list(mine)
    if mine == base:
        return list(theirs)
    removed = [n for n in base if n not in mine or n not in theirs]
    out = [n for n in mine if n not in removed]
    out += [n for n in theirs if n not in out and n not in removed]
    return out


def _merge_changed_source(
    b: Segment | None, m: Segment, t: Segment, report: MergeReport
) -> Segment:
    """One side re-imported (new Chinese), the other worked on the English."""
    sid = m.id
    if b is None or (m.source != b.source and t.source != b.source):
        report.conflicts.append(str(sid))
        note = "both sides changed the Chinese differently"
        report.notes.append(f"{sid}: {note}; both kept for a person to choose")
        return conflicted(m, t, note)
    reimported, edited = (t, m) if m.source == b.source else (m, t)
    if edited.target == b.target:
        return copy.deepcopy(reimported)
    seg = copy.deepcopy(reimported)
    seg.target = edited.target
    seg.translator, seg.translated_at = edited.translator, edited.translated_at
    seg.approval, seg.reason, seg.conflict = None, "", None
    seg.previous_source = b.source
    if seg.target:
        seg.state = State.DRAFT
        seg.origin = Origin("reimport", "English written for the previous Chinese (merge)")
    else:
        seg.state = State.NEW
    report.notes.append(
        f"{sid}: the Chinese changed on one side and the English on the other: the new "
        "English is a draft to check against the new Chinese (the old one is kept as #| msgid)"
    )
    return seg


def conflicted(mine: Segment, theirs: Segment | None, note: str) -> Segment:
    """The segment while a clash waits for a person: mine's text, needs_work, both sides kept."""
    seg = copy.deepcopy(mine)
    seg.conflict = SegmentConflict(copy.deepcopy(mine), copy.deepcopy(theirs), note)
    seg.conflict.mine.conflict = None
    if seg.conflict.theirs is not None:
        seg.conflict.theirs.conflict = None
    seg.state = State.NEEDS_WORK if seg.target else State.NEW
    if not seg.target and theirs is not None and theirs.target:
        # Mine has no English: show theirs so the entry is not read as untranslated.
        seg.target, seg.state = theirs.target, State.NEEDS_WORK
    seg.approval = None
    seg.reason = CONFLICT_REASON
    return seg


def recheck_approvals(article: Article, report: MergeReport) -> None:
    """Void every approval that no longer signs its segment's id, Chinese and English."""
    for seg in article.segments:
        if seg.state is State.APPROVED and not seg.approval_is_valid():
            seg.state, seg.approval = State.TRANSLATED, None
            report.notes.append(f"{seg.id}: approval void after the merge (the text changed)")
        elif seg.state is not State.APPROVED and seg.approval is not None:
            seg.approval = None


def resolve(segment: Segment, choice: str) -> None:
    """Settle a kept clash with `choice` "mine" or "theirs": the segment becomes that side as
    it was (an approval stays only if it still signs the text). Theirs may be a retirement, in
    which case the caller retires the segment. Raises ValueError for another choice."""
    clash = segment.conflict
    if clash is None:
        return
    if choice not in ("mine", "theirs"):
        raise ValueError(choice)
    side = clash.mine if choice == "mine" else clash.theirs
    if side is None:
        raise ValueError("theirs retired the segment")
    block = segment.block
    for f in dataclasses.fields(Segment):
        if f.name not in ("id", "block"):
            setattr(segment, f.name, copy.deepcopy(getattr(side, f.name)))
    segment.block = block
    segment.conflict = None
    if segment.state is State.APPROVED and not segment.approval_is_valid():
        segment.state, segment.approval = State.TRANSLATED, None


# -- the glossary -----------------------------------------------------------------------------


def merge_terms(
    base: Sequence[Term] | None, mine: Sequence[Term], theirs: Sequence[Term]
) -> tuple[list[Term], MergeReport]:
    """Merge two versions of the glossary per entry (Chinese term, sense). An entry added,
    changed or removed on one side takes that side; two different changes to one entry keep
    mine with theirs recorded (`Term.conflict`) for a person to choose."""
    report = MergeReport()

    def key(term: Term) -> tuple[str, str]:
        return (term.source, term.sense)

    b = {key(t): t for t in base or ()}
    m = {key(t): t for t in mine}
    t = {key(x): x for x in theirs}
    out: list[Term] = []
    for k in [*m, *(k for k in t if k not in m)]:
        value, clash = _pick3(b.get(k), m.get(k), t.get(k))
        if not clash:
            if value is not None:
                out.append(value)
            continue
        label = k[0] + (f" ({k[1]})" if k[1] else "")
        report.conflicts.append(label)
        mine_term, theirs_term = m.get(k), t.get(k)
        if mine_term is None:
            # Mine removed it, theirs changed it: keep theirs' entry, mark that mine removed it.
            assert theirs_term is not None
            report.notes.append(f"{label}: removed on my side, changed on theirs; kept theirs")
            out.append(
                dataclasses.replace(theirs_term, conflict=TermConflict(None, "mine removed it"))
            )
            continue
        note = "theirs removed it" if theirs_term is None else "both sides changed it"
        report.notes.append(f"{label}: {note}; mine kept, theirs recorded for a person to choose")
        out.append(dataclasses.replace(mine_term, conflict=TermConflict(theirs_term, note)))
    return out, report


def resolve_term(term: Term, choice: str) -> Term | None:
    """The entry after choosing "mine" or "theirs" (None: the chosen side removed it)."""
    clash = term.conflict
    if clash is None:
        return term
    if choice not in ("mine", "theirs"):
        raise ValueError(choice)
    removed_here = clash.note == "mine removed it"
    if choice == "theirs":
        if removed_here:
            return dataclasses.replace(term, conflict=None)
        return None if clash.theirs is None else dataclasses.replace(clash.theirs, conflict=None)
    return None if removed_here else dataclasses.replace(term, conflict=None)
