"""Find glossary terms in Chinese text: every term at once, leftmost-longest, non-overlapping.

One Aho-Corasick automaton over the script-folded terms. pyahocorasick's own `iter_long` misses
matches (pyahocorasick issues #133, #185, #224), so the automaton reports every match with `iter`
and the leftmost-longest choice is made here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import ahocorasick

from cipbilingual.glossary.script import fold, fold_table, foldable_pattern
from cipbilingual.models import Term, TermMatch, TermStatus


def _is_word(char: str) -> bool:
    return char.isascii() and char.isalnum()


_LEFT, _RIGHT = 1, 2  # a key starting / ending with a Latin letter or digit


class TermIndex:
    """An immutable matcher over a set of terms. Build once, call `find` many times.

    The automaton stores an int per folded key (pyahocorasick's STORE_INTS): no Python object
    per key for the garbage collector to walk, and hits that sort as plain int tuples."""

    def __init__(self, terms: Iterable[Term]) -> None:
        table = fold_table()
        entries: dict[str, list[Term]] = {}
        for term in terms:
            entries.setdefault(term.source.translate(table), []).append(term)
        self._table = table
        self._foldable = foldable_pattern().search
        self._lengths: list[int] = []
        self._groups: list[list[Term]] = []
        self._single: list[Term | None] = []  # the entry's term when there is just one
        self._edges: list[int] = []
        self._automaton: ahocorasick.Automaton | None = None
        if entries:
            automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
            for index, (key, group) in enumerate(entries.items()):
                group.sort(key=_status_rank)  # stable: glossary order within a status
                self._lengths.append(len(key))
                self._groups.append(group)
                self._single.append(group[0] if len(group) == 1 else None)
                self._edges.append(
                    (_LEFT if _is_word(key[0]) else 0) | (_RIGHT if _is_word(key[-1]) else 0)
                )
                automaton.add_word(key, index)
            automaton.make_automaton()
            self._automaton = automaton

    def find(self, text: str) -> list[TermMatch]:
        """Matches in `text`, in order: at each position the longest term wins, and matches never
        overlap. Spans are offsets into `text` itself (traditional characters included)."""
        automaton = self._automaton
        if automaton is None or not text:
            return []
        folded = text if self._foldable(text) is None else text.translate(self._table)
        raw = list(automaton.iter(folded))
        if not raw:
            return []
        lengths, edges, single = self._lengths, self._edges, self._single
        if len(raw) == 1:  # the common case: no choice to make
            last, index = raw[0]
            end = last + 1
            start = end - lengths[index]
            if edges[index] and self._cuts_a_word(index, folded, start, end):
                return []
            term = single[index] or self._choose(index, text, start, end)
            return [TermMatch(start, end, term)]
        # (start, -length) is unique per hit: two keys of one length at one place are one key.
        hits = sorted([(last + 1 - lengths[i], -lengths[i], i) for last, i in raw])
        out: list[TermMatch] = []
        covered = 0
        for start, negative, index in hits:
            if start < covered:
                continue
            end = start - negative
            if edges[index] and self._cuts_a_word(index, folded, start, end):
                continue
            term = single[index] or self._choose(index, text, start, end)
            out.append(TermMatch(start, end, term))
            covered = end
        return out

    def find_all(self, texts: Sequence[str]) -> list[list[TermMatch]]:
        """`find` for each text."""
        return [self.find(text) for text in texts]

    def _choose(self, index: int, text: str, start: int, end: int) -> Term:
        # Several terms fold to the same key (园区 and 園區, or two senses): prefer the one
        # spelled exactly as in the text, then a preferred one, then glossary order.
        group = self._groups[index]
        spelled = text[start:end]
        return next((term for term in group if term.source == spelled), group[0])

    def _cuts_a_word(self, index: int, text: str, start: int, end: int) -> bool:
        edges = self._edges[index]
        if edges & _LEFT and start > 0 and _is_word(text[start - 1]):
            return True
        return bool(edges & _RIGHT) and end < len(text) and _is_word(text[end])


def _status_rank(term: Term) -> int:
    return _STATUS_RANK[term.status]


_STATUS_RANK = {TermStatus.PREFERRED: 0, TermStatus.ADMITTED: 1, TermStatus.DEPRECATED: 2}


__all__ = ["TermIndex", "fold"]
