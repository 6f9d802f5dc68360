"""Omission: a clause of the Chinese whose content words find no English counterpart.

Each content word (jieba: nouns, verbs, adjectives, idioms; not names, figures or function
words; not glossary terms, which the glossary checks judge) counts as covered when any stem of
its CC-CEDICT glosses, or its pinyin, is in the English. A clause (between ，；：。 and brackets)
with at least `min_words` content words of which at most `max_covered` are covered is a gap.
It is a warning, never an error by default: dictionary glosses miss free translations.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from cipbilingual.messages import N_
from cipbilingual.qa.base import CheckContext, Issue, Unit, glossary_spans
from cipbilingual.qa.lexicon import NEW, Lexicon, Token, english_stems, lexicon

NAMES = frozenset(("omission",))

_CLAUSE_BREAK = re.compile(r"[，,；;：:。！？!?（）()“”\"「」『』]")
_NOT_LETTER = re.compile(r"[^a-z]")
# jieba's tags of words that carry content; names (nr*) belong to the names check, figures (m)
# and measure words (q) to the figure checks.
_CONTENT = ("n", "v", "a", "i", "l", "j", "vn", "an", "nz", "nt", "ns", "s", "b", "z", "t", NEW)
_NOT_CONTENT = ("nr", "m", "q", "mq")
# Verbs of saying and framing that translators legitimately fold away ("据悉" → "It is
# reported", "表示" → "said"), and words too general to be a clause's content.
_LIGHT = frozenset(
    str.split(
        "表示 指出 强调 认为 介绍 据悉 据了解 据介绍 进行 开展 实现 加以 予以 有关 "
        "相关 方面 工作 情况 问题 进一步 不断 积极 全面 充分 大力 切实 着力 努力 "
        "继续 目前 当前 今后 同时 此外 其中 一批 一系列 各类 各项 各级 各种 有效 "
        "重要 主要 一定 具有 成为 作为 通过 根据 按照 围绕"
    )
)

GAP = N_("no English for \u201c{clause}\u201d ({share} percent of the content words have none)")


@dataclass(frozen=True)
class Coverage:
    """How much of the Chinese the English accounts for, by content word."""

    words: int
    covered: int

    @property
    def share_missing(self) -> float:
        return 0.0 if not self.words else 1 - self.covered / self.words


def check(unit: Unit, ctx: CheckContext) -> Iterator[Issue]:
    lex: Lexicon = ctx.resource("lexicon", lexicon)
    min_words = ctx.number("omission", "min_words")
    max_covered = ctx.number("omission", "max_covered")
    term_at = _term_at(glossary_spans(unit, ctx), len(unit.source))
    stems = unit.derived("english-stems", lambda: english_stems(unit.target))
    squashed: str | None = None
    clauses: list[tuple[int, int, list[bool]]] = []
    current: list[bool] = []
    start = 0
    total = covered_total = 0
    for token in lex.tokens(unit.source):
        if not token.han:  # Chinese words hold no clause break
            if _CLAUSE_BREAK.search(token.word):
                clauses.append((start, token.start, current))
                current, start = [], token.end
            continue
        glosses = _content_glosses(lex, token.word, token.flag)
        if glosses is None or (term_at and term_at[token.start] == term_at[token.end - 1] > 0):
            continue  # not a content word, or inside a glossary term
        if glosses & stems:
            found = True
        else:
            if squashed is None:
                squashed = _NOT_LETTER.sub("", unit.target.lower())
            found = _pinyin(token.word) in squashed
        current.append(found)
        total += 1
        covered_total += found
    clauses.append((start, len(unit.source), current))
    share = round(100 * (1 - covered_total / total)) if total else 0
    for begin, end, marks in clauses:
        if len(marks) >= min_words and sum(marks) <= max_covered * len(marks):
            clause = unit.source[begin:end].strip()
            yield Issue("omission", GAP, {"clause": clause, "share": str(share)})


def _term_at(spans: list[tuple[int, int]], length: int) -> list[int]:
    """For each character of the Chinese, the number of the glossary term it belongs to (from
    1; 0 outside any). Terms never overlap, so a word lies inside one when its first and last
    characters belong to the same. [] without terms."""
    if not spans:
        return []
    term_at = [0] * length
    for number, (begin, end) in enumerate(spans, start=1):
        term_at[begin:end] = [number] * (end - begin)
    return term_at


def coverage(unit: Unit, ctx: CheckContext) -> Coverage:
    """The share of the Chinese content words the English accounts for (for reports)."""
    lex: Lexicon = ctx.resource("lexicon", lexicon)
    stems = english_stems(unit.target)
    squashed = _NOT_LETTER.sub("", unit.target.lower())
    marks = [
        found
        for token in lex.tokens(unit.source)
        if _is_content(token) and (found := _covered(lex, token.word, stems, squashed)) is not None
    ]
    return Coverage(len(marks), sum(marks))


def _is_content(token: Token) -> bool:
    if len(token.word) < 2 or not token.han or token.word in _LIGHT:
        return False
    flag = token.flag
    if flag.startswith(_NOT_CONTENT):
        return False
    return flag in _CONTENT or flag[:1] in ("n", "v", "a")


@lru_cache(maxsize=65536)
def _content_glosses(lex: Lexicon, word: str, flag: str) -> frozenset[str] | None:
    """The glosses of a content word by which the English may account for it; None for a word
    that is not content or that the dictionary cannot tell about."""
    if not _is_content(Token(word, flag, 0, len(word), True)):
        return None
    return lex.glosses(word) or lex.part_glosses(word) or None


def _covered(lex: Lexicon, word: str, stems: frozenset[str], squashed: str) -> bool | None:
    """Whether the English has the word; None when the dictionary cannot tell."""
    glosses = lex.glosses(word) or lex.part_glosses(word)
    if not glosses:
        return None
    if glosses & stems:
        return True
    return _pinyin(word) in squashed


@lru_cache(maxsize=16384)
def _pinyin(word: str) -> str:
    from pypinyin import Style, lazy_pinyin

    return "".join(lazy_pinyin(word, style=Style.NORMAL, errors="ignore")).replace("ü", "u")
