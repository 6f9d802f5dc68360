"""Glossary checks on the English side, per segment and per article in document order.

glossary-forbidden (error): a forbidden variant anywhere in the English.
glossary-first-mention: the first mention of a full-form-first term in the body is not
"Full Form (ABBR)" (error when it is the bare abbreviation, warning when the bracket is missing).
glossary-missing (warning): a preferred term is in the Chinese but neither its house English, an
accepted variant nor its abbreviation is in the English.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from cipbilingual.glossary.model import Glossary, TermKey, describe
from cipbilingual.messages import N_, render
from cipbilingual.models import (
    Article,
    Finding,
    Segment,
    SegmentId,
    Severity,
    Term,
    TermMatch,
    TermStatus,
)

FORBIDDEN = "glossary-forbidden"
FIRST_MENTION = "glossary-first-mention"
MISSING = "glossary-missing"
CHECKS = (FORBIDDEN, FIRST_MENTION, MISSING)


@dataclass(frozen=True)
class GlossaryIssue:
    """A glossary finding before it is put in words: an English template and its fields."""

    check: str
    severity: Severity
    message: str  # template, marked with N_
    params: Mapping[str, str] = field(default_factory=dict)

    def text(self, language: str = "en") -> str:
        return render(self.message, self.params, language)


@dataclass(frozen=True)
class _ForbiddenHit:
    start: int
    term: Term
    text: str


def _inside(span: tuple[int, int], spans: Iterable[tuple[int, int]]) -> bool:
    return any(start <= span[0] and span[1] <= end for start, end in spans)


def _house(term: Term) -> str:
    forms = [term.target, *([term.abbreviation] if term.abbreviation else [])]
    return " / ".join(f"'{f}'" for f in forms)


def _key(term: Term) -> TermKey:
    return term.source, term.sense


class _Checker:
    """Checks one article's segments in document order, remembering first mentions."""

    def __init__(self, glossary: Glossary) -> None:
        self.glossary = glossary
        self.introduced: set[TermKey] = set()

    def check(
        self,
        source: str,
        target: str,
        matches: list[TermMatch],
        *,
        first_mention: bool,
        title: bool,
    ) -> list[GlossaryIssue]:
        if not target.strip():
            return []  # nothing translated yet: nothing to check
        glossary = self.glossary
        matched: dict[TermKey, list[Term]] = {}
        for match in matches:
            senses = glossary.senses(match.term.source) or [match.term]
            matched.setdefault(_key(match.term), senses)
        forbidden_terms, mentioned = glossary.english_candidates(target)
        accepted: dict[TermKey, list[tuple[int, int]]] = {}

        def accepted_spans(term: Term) -> list[tuple[int, int]]:
            # Where the term's accepted English stands: asked for each sense of the Chinese's
            # terms below and for forbidden candidates, found once.
            key = _key(term)
            if key not in accepted:
                accepted[key] = glossary.forms(term).spans_of_accepted(target)
            return accepted[key]

        hits: list[_ForbiddenHit] = []
        if forbidden_terms:
            # Accepted English of the terms in this segment's Chinese: a forbidden variant inside
            # it is part of a correct rendering (e.g. another term's house English), not a fault.
            protected = [
                span
                for senses in matched.values()
                for sense in senses
                for span in accepted_spans(sense)
            ]
        for term in forbidden_terms:
            forms = glossary.forms(term)
            pattern = forms.forbidden
            if pattern is None:
                continue
            own = accepted_spans(term)
            for found in pattern.finditer(target):
                if _inside(found.span(), own) or _inside(found.span(), protected):
                    continue
                hits.append(_ForbiddenHit(found.start(), term, found.group()))
        hits.sort(key=lambda h: h.start)
        issues = [
            GlossaryIssue(
                FORBIDDEN,
                Severity.ERROR,
                N_("'{found}' is not house style for {term}: write {house}"),
                {"found": h.text, "term": describe(h.term), "house": _house(h.term)},
            )
            for h in hits
        ]

        if first_mention:
            issues += self._first_mentions(target, matched, mentioned, title=title)

        for senses in matched.values():
            if not any(s.status is TermStatus.PREFERRED for s in senses):
                continue  # admitted and deprecated entries are shown, not required
            if any(
                accepted[_key(s)]
                if _key(s) in accepted
                else glossary.forms(s).accepted.search(target)
                for s in senses
            ):
                continue
            targets = [s.target.casefold() for s in senses]
            if any(
                h.term.source == senses[0].source
                or any(h.term.target.casefold() in t for t in targets)
                for h in hits
            ):
                continue  # a forbidden variant stands in for the house English: reported above
            wanted = " or ".join(_house(s) for s in senses)
            issues.append(
                GlossaryIssue(
                    MISSING,
                    Severity.WARNING,
                    N_("{term} is in the Chinese but not {house} in the English"),
                    {"term": senses[0].source, "house": wanted},
                )
            )
        return issues

    def _first_mentions(
        self,
        target: str,
        matched: dict[TermKey, list[Term]],
        mentioned: list[Term],
        *,
        title: bool,
    ) -> list[GlossaryIssue]:
        candidates: dict[TermKey, Term] = {}
        for term in [s for senses in matched.values() for s in senses] + mentioned:
            if term.full_form_first and term.abbreviation:
                candidates.setdefault(_key(term), term)
        issues: list[GlossaryIssue] = []
        for key, term in candidates.items():
            if key in self.introduced:
                continue
            found = self.glossary.forms(term).mention.search(target)
            if found is None or title:
                # Headlines may abbreviate: the rule starts with the body.
                continue
            self.introduced.add(key)
            params = {
                "abbreviation": term.abbreviation,
                "term": term.target,
                "full": f"'{term.target} ({term.abbreviation})'",
            }
            if found.group("abbr") is not None:
                issues.append(
                    GlossaryIssue(
                        FIRST_MENTION,
                        Severity.ERROR,
                        N_("first mention of '{abbreviation}' must be the full form: {full}"),
                        params,
                    )
                )
            elif found.group("full") is not None:
                issues.append(
                    GlossaryIssue(
                        FIRST_MENTION,
                        Severity.WARNING,
                        N_("first mention of '{term}' should introduce the abbreviation: {full}"),
                        params,
                    )
                )
        return issues


def check_article(article: Article, glossary: Glossary, language: str = "en") -> list[Finding]:
    """Glossary findings for an article, segments in document order; the first-mention rule
    runs across the article's body (the title is exempt). Messages in `language`."""
    return [
        Finding(article.slug, str(segment.id), i.check, i.severity, i.text(language))
        for segment, issues in article_issues(article, glossary)
        for i in issues
    ]


def article_issues(
    article: Article, glossary: Glossary, upto: SegmentId | None = None
) -> list[tuple[Segment, list[GlossaryIssue]]]:
    """Each segment (in document order, up to and including `upto` when given) with its
    glossary issues."""
    checker = _Checker(glossary)
    out: list[tuple[Segment, list[GlossaryIssue]]] = []
    for segment in article.segments:  # document order (ids keep their numbers, not their place)
        out.append((segment, _issues(checker, segment, glossary.find(segment.source))))
        if segment.id == upto:
            break
    return out


def pair_issues(glossary: Glossary, source: str, target: str) -> list[GlossaryIssue]:
    """Glossary issues of one sentence pair on its own (no first-mention rule)."""
    checker = _Checker(glossary)
    return checker.check(source, target, glossary.find(source), first_mention=False, title=False)


def check_segment(
    glossary: Glossary,
    source: str,
    target: str,
    *,
    slug: str = "",
    segment: SegmentId | str = "",
    matches: list[TermMatch] | None = None,
    language: str = "en",
) -> list[Finding]:
    """Glossary findings for one sentence pair on its own (forbidden variants and missing house
    English; the first-mention rule needs the whole article, see check_article)."""
    checker = _Checker(glossary)
    found = glossary.find(source) if matches is None else matches
    issues = checker.check(source, target, found, first_mention=False, title=False)
    return [Finding(slug, str(segment), i.check, i.severity, i.text(language)) for i in issues]


def _issues(checker: _Checker, segment: Segment, matches: list[TermMatch]) -> list[GlossaryIssue]:
    return checker.check(
        segment.source,
        segment.target,
        matches,
        first_mention=True,
        title=segment.block == 0,
    )


def segment_hits(article: Article, glossary: Glossary) -> dict[str, list[TermMatch]]:
    """Glossary matches per segment id (e.g. "p1.s2"), for segments with at least one match."""
    hits: dict[str, list[TermMatch]] = {}
    for segment in article.segments:
        found = glossary.find(segment.source)
        if found:
            hits[str(segment.id)] = found
    return hits
