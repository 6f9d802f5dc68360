"""The test corpus's glossary seed as Terms, a longest-first matcher and a sentence splitter, so
the MT tests can draft the sample articles without the glossary and segmenter modules."""

from __future__ import annotations

import re
from pathlib import Path

from cipbilingual.models import Term, TermMatch
from cipbilingual.mt.base import DraftRequest

CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus"
ARTICLES = (
    CORPUS / "cip-2019-11-24-wang-quan-visit.zh.txt",
    CORPUS / "cip-2019-12-10-work-plan-meeting.zh.txt",
)


def seed_terms() -> list[Term]:
    terms = []
    lines = (CORPUS / "glossary-seed.tsv").read_text(encoding="utf-8").splitlines()[1:]
    for line in lines:
        zh, en, abbr, note = ([*line.split("\t"), "", "", "", ""])[:4]
        if not zh or not en:
            continue
        forbidden = ("WFOE",) if abbr == "WOFE" else ()
        terms.append(
            Term(
                zh,
                en,
                abbreviation=abbr,
                note=note,
                forbidden=forbidden,
                full_form_first=abbr == "CIP",
            )
        )
    return terms


def match_terms(text: str, terms: list[Term]) -> tuple[TermMatch, ...]:
    """Longest-first, non-overlapping, left to right."""
    by_length = sorted(terms, key=lambda t: -len(t.source))
    out: list[TermMatch] = []
    i = 0
    while i < len(text):
        for term in by_length:
            if text.startswith(term.source, i):
                out.append(TermMatch(i, i + len(term.source), term))
                i += len(term.source)
                break
        else:
            i += 1
    return tuple(out)


def sentences(text: str) -> list[str]:
    out = []
    for line in text.splitlines():
        out += [s.strip() for s in re.findall(r"[^。！？]+[。！？”]*", line) if s.strip()]
    return out


def article_requests(path: Path, terms: list[Term] | None = None) -> list[DraftRequest]:
    terms = seed_terms() if terms is None else terms
    found = sentences(path.read_text(encoding="utf-8"))
    return [
        DraftRequest(f"p{i}.s1", s, terms=match_terms(s, terms)) for i, s in enumerate(found, 1)
    ]
