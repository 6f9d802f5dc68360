"""Glossary protection through machine translation: matched terms go into the engine's input as
their house English and come out as the house English, or are placed with a finding naming them.
Pure text work, shared by every engine; the design is in docs/mt.md."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from cipbilingual.models import Term, TermMatch

WordAlignment = Sequence[int | None]
"""For each whitespace-separated word of an engine's output, the character offset in the engine's
input that it was translated from (None where unknown)."""

_TRAILING = re.compile(r"[\s.,;:!?)\]\"'”’」』》]*$")
_HYPHENS = r"\-‐‑–—"  # for use inside a regex character class


def rendering(term: Term) -> str:
    """The English that house style wants for this mention of `term`."""
    if term.full_form_first and term.abbreviation:
        return f"{term.target} ({term.abbreviation})"
    return term.target


def accepted_forms(term: Term) -> tuple[tuple[str, str], ...]:
    """(form found in an engine's output, what it becomes), longest first. A first mention that
    must read "Full Form (ABBR)" accepts the bare full form and gets the bracket added; a later
    mention of a term with an abbreviation may keep the abbreviation."""
    english = rendering(term)
    forms = [(english, english)]
    if term.full_form_first and term.abbreviation:
        forms.append((term.target, english))
    elif term.abbreviation and term.abbreviation != term.target:
        forms.append((term.abbreviation, term.abbreviation))
    return tuple(forms)


@dataclass(frozen=True)
class Slot:
    """A protected term in the engine's input: where its English stands there, and the match."""

    start: int
    end: int
    match: TermMatch
    english: str

    @property
    def term(self) -> Term:
        return self.match.term


@dataclass(frozen=True)
class _Group:
    english: str
    slots: tuple[Slot, ...]
    forms: tuple[tuple[re.Pattern[str], str], ...]  # pattern, what a hit becomes
    forbidden: tuple[re.Pattern[str], ...]


@dataclass(frozen=True)
class Protected:
    """What an engine gets: the source with each term's house English in place of its Chinese."""

    text: str
    slots: tuple[Slot, ...] = ()

    def part(self, start: int, end: int) -> Protected:
        """The text between `start` and `end`, trimmed, with the slots inside it."""
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and self.text[end - 1].isspace():
            end -= 1
        slots = tuple(
            Slot(s.start - start, s.end - start, s.match, s.english)
            for s in self.slots
            if s.start >= start and s.end <= end
        )
        return Protected(self.text[start:end], slots)

    def inside_slot(self, pos: int) -> bool:
        """True when a cut at `pos` would split a term."""
        return any(s.start < pos < s.end for s in self.slots)

    @cached_property
    def groups(self) -> tuple[_Group, ...]:
        """The slots grouped by term, longest English first ("Wujin National High-tech Zone" is
        claimed before "High-tech Zone"), with the patterns that find them in English."""
        by_term: dict[tuple[str, Term], list[Slot]] = {}
        for slot in self.slots:
            by_term.setdefault((slot.english, slot.term), []).append(slot)
        return tuple(
            _Group(
                english,
                tuple(slots),
                tuple((_pattern(f, term.case_sensitive), r) for f, r in accepted_forms(term)),
                tuple(_forbidden_pattern(v) for v in term.forbidden if v.strip()),
            )
            for (english, term), slots in sorted(by_term.items(), key=lambda kv: -len(kv[0][0]))
        )


def protect(source: str, matches: Sequence[TermMatch]) -> tuple[Protected, list[TermMatch]]:
    """Replace each matched term in `source` by its house English. Returns the protected text and
    the matches that could not be used (a span outside the source, or overlapping a longer one)."""
    usable: list[TermMatch] = []
    rejected: list[TermMatch] = []
    for match in sorted(matches, key=lambda m: (m.start, -(m.end - m.start))):
        out_of_range = not (0 <= match.start < match.end <= len(source))
        overlapping = bool(usable) and match.start < usable[-1].end
        if out_of_range or overlapping or not match.term.target.strip():
            rejected.append(match)
        else:
            usable.append(match)
    out: list[str] = []
    length = 0
    slots: list[Slot] = []
    cursor = 0
    for match in usable:
        before = source[cursor : match.start]
        out.append(before)
        length += len(before)
        english = rendering(match.term)
        # Spaces around the English: NMT systems copy a Latin-script name more reliably when it
        # stands as its own word, and the spaces are removed again with the Chinese.
        if length and not (out[-1] or " ")[-1:].isspace():
            out.append(" ")
            length += 1
        slots.append(Slot(length, length + len(english), match, english))
        out.append(english)
        length += len(english)
        if match.end < len(source) and not source[match.end].isspace():
            out.append(" ")
            length += 1
        cursor = match.end
    out.append(source[cursor:])
    return Protected("".join(out), tuple(slots)), rejected


@lru_cache(maxsize=4096)
def _pattern(form: str, case_sensitive: bool) -> re.Pattern[str]:
    """A regex for `form` that tolerates what engines do to names: case, spaces, hyphens."""
    tokens = re.findall(rf"\w+|[^\w\s{_HYPHENS}]", form)
    sep = rf"[\s{_HYPHENS}]*"
    body = sep.join(re.escape(t) for t in tokens) if tokens else re.escape(form)
    return re.compile(rf"(?<!\w){body}(?!\w)", 0 if case_sensitive else re.IGNORECASE)


def _forbidden_pattern(variant: str) -> re.Pattern[str]:
    # An all-capitals variant (WFOE) is an acronym: match it as written.
    return _pattern(variant, variant.upper() == variant)


@dataclass
class Restoration:
    """An engine output with every term in house English, and what had to be done for it."""

    text: str
    found: int  # slots whose term the engine produced (possibly re-cased or re-hyphenated)
    fixed: list[Slot] = field(default_factory=list)  # produced as a forbidden variant, replaced
    placed: list[Slot] = field(default_factory=list)  # lost by the engine, placed by us
    by_alignment: bool = False  # placement used the engine's alignment, not a position guess


@dataclass
class _Edit:
    start: int
    end: int
    text: str


def _overlaps(start: int, end: int, taken: Sequence[tuple[int, int]]) -> bool:
    return any(start < t_end and t_start < end for t_start, t_end in taken)


def count_kept(text: str, protected: Protected) -> tuple[int, int]:
    """(terms the engine produced, terms it produced as a forbidden variant) in `text`: what
    `restore` would find, without placing anything; cheap enough to rank many candidates."""
    if not protected.slots:
        return 0, 0
    taken: list[tuple[int, int]] = []
    found = fixed = 0
    for group in protected.groups:
        hits: list[tuple[int, int, bool]] = []
        for pattern, _ in group.forms:
            for m in pattern.finditer(text):
                hits.append((m.start(), m.end(), False))
        for pattern in group.forbidden:
            for m in pattern.finditer(text):
                hits.append((m.start(), m.end(), True))
        if not hits:
            continue
        hits.sort()
        kept: list[bool] = []
        for start, end, forbidden in hits:
            if not _overlaps(start, end, taken):
                taken.append((start, end))
                kept.append(forbidden)
        used = kept[: len(group.slots)]
        fixed += sum(used)
        found += len(used) - sum(used)
    return found, fixed


def restore(
    text: str,
    protected: Protected,
    alignment: Callable[[], WordAlignment | None] | None = None,
    *,
    repair: bool = True,
) -> Restoration:
    """Bring every protected term of `protected` into `text` (an engine's output for it) in house
    English. With `repair=False` only counts what the engine got right (for re-ranking)."""
    if not protected.slots:
        return Restoration(text, 0)
    edits: list[_Edit] = []
    taken: list[tuple[int, int]] = []
    missing: list[Slot] = []
    fixed: list[Slot] = []
    found = 0
    aligned_cache: list[WordAlignment | None] = []

    def get_alignment() -> WordAlignment | None:
        if not aligned_cache:
            aligned_cache.append(alignment() if alignment is not None else None)
        return aligned_cache[0]

    for group in protected.groups:
        hits: list[tuple[int, int, str, bool]] = []  # start, end, replacement, was forbidden
        for pattern, replacement in group.forms:
            for m in pattern.finditer(text):
                if not _overlaps(m.start(), m.end(), taken) and not _overlaps(
                    m.start(), m.end(), [(h[0], h[1]) for h in hits]
                ):
                    hits.append((m.start(), m.end(), replacement, False))
        for pattern in group.forbidden:
            for m in pattern.finditer(text):
                if not _overlaps(m.start(), m.end(), taken) and not _overlaps(
                    m.start(), m.end(), [(h[0], h[1]) for h in hits]
                ):
                    hits.append((m.start(), m.end(), group.english, True))
        hits.sort()
        for start, end, replacement, _ in hits:
            taken.append((start, end))
            if repair:
                edits.append(_Edit(start, end, replacement))
        assigned = _assign(hits, group.slots, text, protected, get_alignment)
        for slot, hit in zip(group.slots, assigned, strict=True):
            if hit is None:
                missing.append(slot)
            elif hit[3]:
                fixed.append(slot)
            else:
                found += 1
    if not repair:
        return Restoration(text, found, fixed, missing)
    by_alignment = False
    if missing:
        align = get_alignment()
        by_alignment = align is not None and len(align) == len(_word_spans(text))
        for slot in sorted(missing, key=lambda s: s.start):
            edits.append(_placement(text, protected, slot, align, taken))
    return Restoration(_apply(text, edits), found, fixed, missing, by_alignment)


def _assign(
    hits: Sequence[tuple[int, int, str, bool]],
    slots: Sequence[Slot],
    text: str,
    protected: Protected,
    get_alignment: Callable[[], WordAlignment | None],
) -> list[tuple[int, int, str, bool] | None]:
    """Which output occurrence stands for which slot of the same term: by alignment where some are
    missing and the engine gave one, else in order."""
    if len(hits) >= len(slots) or not hits:
        return [hits[i] if i < len(hits) else None for i in range(len(slots))]
    align = get_alignment()
    if align is None:
        return [hits[i] if i < len(hits) else None for i in range(len(slots))]
    words = _word_spans(text)
    result: list[tuple[int, int, str, bool] | None] = [None] * len(slots)
    for hit in hits:
        src = _aligned_source(words, align, hit[0])
        free = [i for i, r in enumerate(result) if r is None]
        best = min(free, key=lambda i: abs((src if src is not None else 0) - slots[i].start))
        result[best] = hit
    return result


def _word_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"\S+", text)]


def _aligned_source(words: Sequence[tuple[int, int]], align: WordAlignment, pos: int) -> int | None:
    for i, (start, end) in enumerate(words):
        if start <= pos < end and i < len(align):
            return align[i]
    return None


def _placement(
    text: str,
    protected: Protected,
    slot: Slot,
    align: WordAlignment | None,
    taken: list[tuple[int, int]],
) -> _Edit:
    """Where a lost term goes: over the words aligned to it, else before the first word aligned
    after it, else at the relative position it had in the source."""
    words = _word_spans(text)
    free = [i for i, (s, e) in enumerate(words) if not _overlaps(s, e, taken)]
    if align is not None and len(align) == len(words):
        inside = [i for i in free if align[i] is not None and slot.start <= align[i] < slot.end]  # type: ignore[operator]
        if inside:
            run = [inside[0]]
            for i in inside[1:]:
                if i != run[-1] + 1:
                    break
                run.append(i)
            start, end = words[run[0]][0], words[run[-1]][1]
            # Keep punctuation glued to the replaced words: "(", "," and the like.
            word = text[start:end]
            lead = len(word) - len(word.lstrip("\"'“‘(["))
            trail = _TRAILING.search(word)
            cut = trail.start() if trail and trail.start() > lead else len(word)
            taken.append((start, end))
            return _Edit(start + lead, start + cut, slot.english)
        after = [i for i in free if align[i] is not None and align[i] >= slot.end]  # type: ignore[operator]
        if after:
            pos = words[after[0]][0]
            taken.append((pos, pos))
            return _Edit(pos, pos, slot.english)
    elif words and protected.text:
        index = round(len(words) * slot.start / len(protected.text))
        if index < len(words):
            pos = words[index][0]
            while _overlaps(pos, pos + 1, taken) and index + 1 < len(words):
                index += 1
                pos = words[index][0]
            if not _overlaps(pos, pos + 1, taken):
                taken.append((pos, pos))
                return _Edit(pos, pos, slot.english)
    tail = _TRAILING.search(text)
    pos = tail.start() if tail else len(text)
    return _Edit(pos, pos, slot.english)


def _apply(text: str, edits: list[_Edit]) -> str:
    for edit in sorted(edits, key=lambda e: (e.start, e.end), reverse=True):
        replacement = edit.text
        if edit.start == edit.end:  # an insertion: keep it a word of its own
            if edit.start > 0 and not text[edit.start - 1].isspace():
                replacement = " " + replacement
            if edit.start < len(text) and text[edit.start].isalnum():
                replacement = replacement + " "
        text = text[: edit.start] + replacement + text[edit.end :]
    return re.sub(r"[ \t]{2,}", " ", text).strip()
