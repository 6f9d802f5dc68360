"""Find glossary terms in Chinese text: every term at once, leftmost-longest, non-overlapping.

One Aho-Corasick automaton over the script-folded terms. pyahocorasick's own `iter_long` misses
matches (pyahocorasick issues #133, #185, #224), so the automaton reports every match with `iter`
and the leftmost-longest choice is made here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import ahocorasick

from cipbilingual.glossary.script import fold, fold_table
from cipbilingual.models import Term, TermMatch, TermStatus


def _is_word(char: str) -> bool:
    return char.isascii() and char.isalnum()


class _Entry:
    """What the automaton stores per folded key: the terms spelled that way, and whether the key
    starts or ends with a Latin letter or digit (then a match must not cut a Latin word)."""

    __slots__ = ("left_word", "length", "right_word", "terms")

    def __init__(self, key: str, terms: list[Term]) -> None:
        self.length = len(key)
        self.terms = terms
        self.left_word = _is_word(key[0])
        self.right_word = _is_word(key[-1])


class TermIndex:
    """An immutable matcher over a set of terms. Build once, call `find` many times."""

    def __init__(self, terms: Iterable[Term]) -> None:
        table = fold_table()
        entries: dict[str, list[Term]] = {}
        for term in terms:
            entries.setdefault(term.source.translate(table), []).append(term)
        self._table = table
        self._automaton: ahocorasick.Automaton | None = None
        if entries:
            automaton = ahocorasick.Automaton()
            for key, group in entries.items():
                group.sort(key=_status_rank)  # stable: glossary order within a status
                automaton.add_word(key, _Entry(key, group))
            automaton.make_automaton()
            self._automaton = automaton

    def find(self, text: str) -> list[TermMatch]:
        """Matches in `text`, in order: at each position the longest term wins, and matches never
        overlap. Spans are offsets into `text` itself (traditional characters included)."""
        automaton = self._automaton
        if automaton is None or not text:
            return []
        folded = text.translate(self._table)
        hits = [
            (end + 1 - entry.length, -entry.length, entry) for end, entry in automaton.iter(folded)
        ]
        if not hits:
            return []
        if len(hits) > 1:
            hits.sort(key=_hit_order)
        out: list[TermMatch] = []
        covered = 0
        for start, negative, entry in hits:
            if start < covered:
                continue
            end = start - negative
            if entry.left_word and start > 0 and _is_word(folded[start - 1]):
                continue
            if entry.right_word and end < len(folded) and _is_word(folded[end]):
                continue
            out.append(TermMatch(start, end, _choose(entry.terms, text[start:end])))
            covered = end
        return out

    def find_all(self, texts: Sequence[str]) -> list[list[TermMatch]]:
        """`find` for each text."""
        return [self.find(text) for text in texts]


def _status_rank(term: Term) -> int:
    return _STATUS_RANK[term.status]


_STATUS_RANK = {TermStatus.PREFERRED: 0, TermStatus.ADMITTED: 1, TermStatus.DEPRECATED: 2}


def _hit_order(hit: tuple[int, int, _Entry]) -> tuple[int, int]:
    return hit[0], hit[1]


def _choose(terms: list[Term], spelled: str) -> Term:
    # Several terms fold to the same key (园区 and 園區, or two senses): prefer the one spelled
    # exactly as in the text, then the first in glossary order.
    if len(terms) == 1:
        return terms[0]
    for term in terms:
        if term.source == spelled:
            return term
    return terms[0]


__all__ = ["TermIndex", "fold"]
