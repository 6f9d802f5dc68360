"""How a term's English is recognised in a translation: patterns for the house English, its
abbreviation, accepted variants, forbidden variants and the full form with its abbreviation.

Rules (docs/glossary.md): whitespace runs and dash or apostrophe variants are equivalent; the last
word may take a plural ending (and the head of "X of Y"); a possessive 's follows any form; a
country or region stands for its adjective too (Israel: Israeli, China: Chinese); a leading "the"
is optional; a case-sensitive form may still start
with a capital at the start of a sentence; abbreviations are always case-sensitive; forbidden
variants are matched ignoring case unless they differ from an accepted form only in case.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

import ahocorasick

from cipbilingual.models import Term

DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2212"
APOSTROPHES = "'\u2018\u2019"
_SIBILANT = re.compile(r"(?:s|x|z|ch|sh)$", re.IGNORECASE)
_CONSONANT_Y = re.compile(r"[^aeiou]y$", re.IGNORECASE)


_ONE_DASH_AND_APOSTROPHE = str.maketrans(
    dict.fromkeys(DASHES, "-") | dict.fromkeys(APOSTROPHES, "'")
)


def prefilter_key(text: str) -> str:
    """Lower case, one kind of dash and apostrophe, single spaces: what the English-side
    automaton is built from and scans (positions are not kept, only presence)."""
    return " ".join(text.lower().translate(_ONE_DASH_AND_APOSTROPHE).split())


def form_pattern(form: str, *, case_sensitive: bool, plural: bool = True) -> str:
    """A regular expression (source text) matching `form` as a whole phrase, per the rules above."""
    body = form.strip()
    optional_the = ""
    if body.lower().startswith("the ") and len(body) > 4:
        optional_the = r"(?:[Tt]he\s+)?" if case_sensitive else r"(?:the\s+)?"
        body = body[4:].lstrip()
    stem, ending = body, ""
    if plural and body[-1:].isalpha():
        if _CONSONANT_Y.search(body) and body[-1] == "y":
            stem, ending = body[:-1], "(?:y|ies)"
        elif _SIBILANT.search(body):
            ending = "(?:es)?"
        else:
            ending = "(?:s|es)?"
    parts: list[str] = []
    pending_space = False
    for index, char in enumerate(stem):
        if char.isspace():
            pending_space = True
            continue
        if pending_space:
            parts.append(r"\s+")
            pending_space = False
        if char in DASHES:
            parts.append(f"[{re.escape(DASHES)}]")
        elif char in APOSTROPHES:
            parts.append(f"[{APOSTROPHES}]")
        elif index == 0 and case_sensitive and not optional_the and char.islower():
            # Sentence-initial capital: "smart manufacturing" may open a sentence.
            parts.append(f"[{char}{char.upper()}]")
        else:
            parts.append(re.escape(char))
    core = optional_the + "".join(parts) + ending
    if not case_sensitive:
        core = f"(?i:{core})"
    left = r"(?<!\w)" if body[:1].isalnum() or optional_the else ""
    right = r"(?!\w)" if (body[-1:].isalnum() or ending) else ""
    return left + core + right


# A place name and its adjective (also the noun for its people): "Israeli technologies" mentions
# Israel, "Chinese enterprises" China. Only a term whose whole English is the place takes these.
DEMONYMS = {
    "israel": "Israeli",
    "china": "Chinese",
    "japan": "Japanese",
    "germany": "German",
    "france": "French",
    "britain": "British",
    "the united kingdom": "British",
    "the uk": "British",
    "the united states": "American",
    "the us": "American",
    "america": "American",
    "italy": "Italian",
    "russia": "Russian",
    "korea": "Korean",
    "south korea": "South Korean",
    "india": "Indian",
    "singapore": "Singaporean",
    "europe": "European",
    "asia": "Asian",
    "africa": "African",
    "canada": "Canadian",
    "australia": "Australian",
    "switzerland": "Swiss",
    "the netherlands": "Dutch",
    "spain": "Spanish",
    "sweden": "Swedish",
    "jiangsu": "Jiangsu",
    "taiwan": "Taiwanese",
    "hong kong": "Hong Kong",
}


def inflected_forms(form: str) -> list[str]:
    """Forms that stand for `form` beyond its plural: the adjective of a place (Israel: Israeli)
    and "Xs of Y" for "X of Y". Patterns come from form_pattern like the form itself."""
    out = []
    adjective = DEMONYMS.get(" ".join(form.split()).casefold())
    if adjective and adjective.casefold() != form.casefold():
        out.append(adjective)
    head, sep, tail = form.partition(" of ")
    if sep and head[-1:].isalpha() and not head.casefold().endswith("s"):
        plural = head[:-1] + "ies" if _CONSONANT_Y.search(head) else head + "s"
        out.append(f"{plural} of {tail}")
    return out


@dataclass(frozen=True)
class TermForms:
    """Compiled English patterns of one term."""

    term: Term

    @cached_property
    def accepted(self) -> re.Pattern[str]:
        """House English, accepted variants, and the abbreviation: any of them counts as present."""
        t = self.term
        forms = [t.target, *t.variants]
        forms += [extra for form in forms for extra in inflected_forms(form)]
        alternatives = [form_pattern(f, case_sensitive=t.case_sensitive) for f in forms]
        if t.abbreviation:
            alternatives.append(form_pattern(t.abbreviation, case_sensitive=True))
        return re.compile("|".join(f"(?:{a})" for a in alternatives))

    @cached_property
    def forbidden(self) -> re.Pattern[str] | None:
        """Any forbidden variant, or None when the term has none."""
        t = self.term
        if not t.forbidden:
            return None
        allowed = {f.casefold() for f in (t.target, t.abbreviation, *t.variants) if f}
        alternatives = [
            form_pattern(f, case_sensitive=f.casefold() in allowed)
            for f in sorted(t.forbidden, key=len, reverse=True)
        ]
        return re.compile("|".join(f"(?:{a})" for a in alternatives))

    @cached_property
    def mention(self) -> re.Pattern[str]:
        """A mention for the first-mention rule: group `both` is "Full Form (ABBR)" (or a forbidden
        variant in the brackets, which the forbidden check reports), `full` the full form alone,
        `abbr` the abbreviation alone."""
        t = self.term
        full = form_pattern(t.target, case_sensitive=t.case_sensitive)
        in_brackets = [form_pattern(t.abbreviation, case_sensitive=True)]
        in_brackets += [form_pattern(f, case_sensitive=False) for f in t.forbidden]
        quote = "[\"'\u201c\u201d\u2018\u2019]?"
        bracket = rf"\s*[(\uff08]\s*{quote}(?:{'|'.join(in_brackets)}){quote}\s*[)\uff09]"
        abbr = form_pattern(t.abbreviation, case_sensitive=True)
        return re.compile(rf"(?P<both>{full}{bracket})|(?P<full>{full})|(?P<abbr>{abbr})")

    def spans_of_accepted(self, text: str) -> list[tuple[int, int]]:
        return [m.span() for m in self.accepted.finditer(text)]


def _candidate_key(form: str) -> str:
    key = prefilter_key(form)
    if key.startswith("the ") and len(key) > 4:
        key = key[4:]
    if _CONSONANT_Y.search(key):
        key = key[:-1]  # "company" must also find "companies"
    return key


class EnglishIndex:
    """Which terms an English text may concern, found in one pass: terms whose forbidden variants
    occur, and full-form-first terms whose full form or abbreviation occurs. A cheap superset;
    the terms' own patterns decide."""

    def __init__(self, terms: Iterable[Term]) -> None:
        keys: dict[str, list[tuple[bool, Term]]] = {}
        for term in terms:
            for bad in term.forbidden:
                keys.setdefault(_candidate_key(bad), []).append((True, term))
            if term.full_form_first and term.abbreviation:
                for form in (term.target, term.abbreviation):
                    keys.setdefault(_candidate_key(form), []).append((False, term))
        self._automaton: ahocorasick.Automaton | None = None
        if keys:
            automaton = ahocorasick.Automaton()
            for key, values in keys.items():
                if key:
                    automaton.add_word(key, values)
            automaton.make_automaton()
            self._automaton = automaton

    def candidates(self, text: str) -> tuple[list[Term], list[Term]]:
        """(terms with a forbidden variant possibly in `text`, full-form-first terms possibly
        mentioned in `text`), each in first-seen order without repeats."""
        forbidden: dict[tuple[str, str], Term] = {}
        mentioned: dict[tuple[str, str], Term] = {}
        if self._automaton is None or not text:
            return [], []
        for _, values in self._automaton.iter(prefilter_key(text)):
            for is_forbidden, term in values:
                bucket = forbidden if is_forbidden else mentioned
                bucket.setdefault((term.source, term.sense), term)
        return list(forbidden.values()), list(mentioned.values())
