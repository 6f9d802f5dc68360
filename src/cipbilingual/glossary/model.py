"""The glossary as a collection: terms in file order, unique by (Chinese term, sense), validated
and normalised on the way in, with a match index built on first use."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from cipbilingual import limits
from cipbilingual.errors import ConflictError, InputError, NotFoundError
from cipbilingual.glossary.english import EnglishIndex, TermForms
from cipbilingual.glossary.matching import TermIndex
from cipbilingual.models import Term, TermMatch, TermStatus
from cipbilingual.text import check_text, shown

TermKey = tuple[str, str]  # (Chinese term, sense)

_FOUND_KEPT = 512  # sentences whose terms a glossary remembers

SEPARATOR = "|"  # joins forbidden variants and variants in one TSV/CSV cell; not allowed inside one


def _line(text: str) -> str:
    return " ".join(text.split())


def _values(values: Iterable[str], what: str, source: str) -> tuple[str, ...]:
    out: list[str] = []
    for value in values:
        clean = _line(value)
        if not clean:
            continue
        if SEPARATOR in clean:
            raise InputError(f"{source}: {what} '{clean}' contains '{SEPARATOR}'")
        if clean not in out:
            out.append(clean)
    return tuple(out)


def _check_fields(term: Term) -> None:
    """Every field passes the one text rule and its length limit. The Chinese term must be one
    line; in the other fields tabs and line breaks are allowed here and tidied away after."""
    name = shown(_line(term.source), 40) or "a term"
    fields = [
        (term.source, "the Chinese term", limits.TERM_CHARS),
        (term.target, "the English", limits.TERM_CHARS),
        (term.sense, "the sense", limits.TERM_CHARS),
        (term.abbreviation, "the abbreviation", limits.TERM_CHARS),
        (term.note, "the note", limits.NOTE_CHARS),
        *((value, "a forbidden variant", limits.TERM_CHARS) for value in term.forbidden),
        *((value, "a variant", limits.TERM_CHARS) for value in term.variants),
    ]
    for value, what, limit in fields:
        check_text(value, f"{name}: {what}", line=what == "the Chinese term", limit=limit)


def normalise_term(term: Term) -> Term:
    """The term with whitespace tidied and its fields checked; raises InputError naming the
    term when it is unusable (empty, no English, contradictory rules, a control character, a
    field over its length limit)."""
    _check_fields(term)
    source = _line(term.source)
    if not source:
        raise InputError("empty Chinese term", hint="every glossary entry needs a Chinese term")
    target = _line(term.target)
    if not target:
        raise InputError(f"{source}: no English given")
    abbreviation = _line(term.abbreviation)
    variants = tuple(v for v in _values(term.variants, "variant", source) if v != target)
    forbidden = _values(term.forbidden, "forbidden variant", source)
    accepted = [target, *variants, *([abbreviation] if abbreviation else [])]
    for bad in forbidden:
        if bad in accepted:
            raise InputError(f"{source}: '{bad}' is both accepted and forbidden")
        if not term.case_sensitive and bad.casefold() in {a.casefold() for a in accepted}:
            raise InputError(
                f"{source}: forbidden '{bad}' differs from an accepted form only in case",
                hint="make the term case-sensitive (--case-sensitive) to forbid a spelling",
            )
    if term.full_form_first and not abbreviation:
        raise InputError(f"{source}: 'full form first' needs an abbreviation")
    try:
        status = TermStatus(term.status)
    except ValueError:
        raise InputError(
            f"{source}: status must be preferred, admitted or deprecated, not '{term.status}'"
        ) from None
    note_lines = (_line(line) for line in term.note.splitlines())
    return dataclasses.replace(
        term,
        status=status,
        source=source,
        target=target,
        sense=_line(term.sense),
        abbreviation=abbreviation,
        note="\n".join(line for line in note_lines if line),
        forbidden=forbidden,
        variants=variants,
    )


def _keeping_tool_comments(new: Term, old: Term | None) -> Term:
    """A replacement that brings no comments of other tools keeps the old entry's (as
    Poedit keeps an entry's comments when its English changes)."""
    if old is None or new.tool_comments or not old.tool_comments:
        return new
    return dataclasses.replace(new, tool_comments=old.tool_comments)


def _check_room(count: int) -> None:
    if count > limits.GLOSSARY_TERMS:
        raise InputError(
            f"the glossary would hold {count:,} terms, over the limit of {limits.GLOSSARY_TERMS:,}",
            hint="a house glossary that large slows every check; split off what is not house style",
        )


def describe(term: Term) -> str:
    """`中文` or `中文 [sense]`, as messages name a term."""
    return _name(term.source, term.sense)


def _name(source: str, sense: str) -> str:
    return f"{source} [{sense}]" if sense else source


@dataclass
class MergeReport:
    """What an import did: terms added, changed (with --replace), and already present."""

    added: list[Term] = field(default_factory=list)
    replaced: list[Term] = field(default_factory=list)
    unchanged: list[Term] = field(default_factory=list)


class Glossary:
    """The house glossary. Iterates in file order; `find` matches Chinese text."""

    def __init__(self, terms: Iterable[Term] = ()) -> None:
        """Raises InputError for an unusable term, ConflictError for a (term, sense) given twice
        with different English."""
        self._terms: dict[TermKey, Term] = {}
        self._index: TermIndex | None = None
        self._found: dict[str, tuple[TermMatch, ...]] = {}
        self._by_source: dict[str, list[Term]] | None = None
        self._forms: dict[TermKey, TermForms] = {}
        self._english: EnglishIndex | None = None
        for term in terms:
            self.add(term)

    # -- the collection -----------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._terms)

    def __iter__(self) -> Iterator[Term]:
        return iter(list(self._terms.values()))

    def __contains__(self, key: object) -> bool:
        return key in self._terms

    @property
    def terms(self) -> list[Term]:
        return list(self._terms.values())

    def get(self, source: str, sense: str = "") -> Term:
        """The entry for (source, sense); raises NotFoundError."""
        key = (_line(source), _line(sense))
        if key not in self._terms:
            raise NotFoundError(
                f"'{shown(_name(*key))}' is not in the glossary",
                hint="'cipbilingual glossary list' shows the terms",
            )
        return self._terms[key]

    def senses(self, source: str) -> list[Term]:
        """Every entry for this Chinese term (one per sense), in glossary order."""
        if self._by_source is None:
            by_source: dict[str, list[Term]] = {}
            for term in self._terms.values():
                by_source.setdefault(term.source, []).append(term)
            self._by_source = by_source
        return list(self._by_source.get(source, []))

    def add(self, term: Term, *, replace: bool = False) -> Term:
        """Add (or with `replace`, overwrite) an entry; returns the stored, normalised term.
        Adding an identical entry again changes nothing. Raises InputError, ConflictError."""
        clean = normalise_term(term)
        key = (clean.source, clean.sense)
        old = self._terms.get(key)
        clean = _keeping_tool_comments(clean, old)
        if old is not None and old != clean and not replace:
            raise ConflictError(
                f"'{describe(clean)}' is already in the glossary as '{old.target}'",
                hint="give the new entry a sense (--sense) or replace the old one (--replace)",
            )
        if old is None:
            _check_room(len(self._terms) + 1)
        if old != clean:
            self._terms[key] = clean
            self._changed()
        return clean

    def remove(self, source: str, sense: str | None = None) -> list[Term]:
        """Remove the entry for (source, sense), or every sense when `sense` is None; returns
        what was removed. Raises NotFoundError."""
        source = _line(source)
        if sense is None:
            keys = [k for k in self._terms if k[0] == source]
        else:
            keys = [k for k in self._terms if k == (source, _line(sense))]
        if not keys:
            self.get(source, sense or "")  # raises NotFoundError with the usual message
        removed = [self._terms.pop(k) for k in keys]
        self._changed()
        return removed

    def merge(self, incoming: Iterable[Term], *, replace: bool = False) -> MergeReport:
        """Add many terms at once, all or nothing: on any error the glossary is unchanged.
        Raises InputError, ConflictError."""
        report = MergeReport()
        staged = dict(self._terms)
        for term in incoming:
            clean = normalise_term(term)
            key = (clean.source, clean.sense)
            old = staged.get(key)
            clean = _keeping_tool_comments(clean, old)
            if old is None:
                report.added.append(clean)
            elif old == clean:
                report.unchanged.append(clean)
                continue
            elif replace:
                report.replaced.append(clean)
            else:
                raise ConflictError(
                    f"'{describe(clean)}' is already in the glossary as '{old.target}', "
                    f"not '{clean.target}'",
                    hint="give one of them a sense, or import with --replace",
                )
            staged[key] = clean
        _check_room(len(staged))
        self._terms = staged
        self._changed()
        return report

    # -- matching -----------------------------------------------------------------------
    def find(self, text: str) -> list[TermMatch]:
        """Terms in a Chinese text, leftmost-longest and non-overlapping (see TermIndex.find)."""
        # The same sentence is asked again at once (QA: the glossary checks, then the names and
        # omission checks): the last few hundred answers are kept.
        found = self._found.get(text)
        if found is None:
            if self._index is None:
                self._index = TermIndex(self._terms.values())
            found = tuple(self._index.find(text))
            if len(self._found) >= _FOUND_KEPT:
                self._found.clear()
            self._found[text] = found
        return list(found)

    def forms(self, term: Term) -> TermForms:
        """The compiled English patterns of a term (cached)."""
        key = (term.source, term.sense)
        forms = self._forms.get(key)
        if forms is None or forms.term != term:
            forms = TermForms(term)
            self._forms[key] = forms
        return forms

    def english_candidates(self, text: str) -> tuple[list[Term], list[Term]]:
        """Terms an English text may concern (see EnglishIndex.candidates)."""
        if self._english is None:
            self._english = EnglishIndex(self._terms.values())
        return self._english.candidates(text)

    def _changed(self) -> None:
        self._index = None
        self._found = {}
        self._by_source = None
        self._english = None
