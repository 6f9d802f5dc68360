"""What the English checks leave alone: the house's words (the glossary's English and the
workspace's list), abbreviations, names in the pinyin of the article's Chinese, and web
addresses, e-mail addresses and clock times, which are not prose."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cipbilingual.glossary import Glossary

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
# A token as the checks see it: letters and digits joined by & . ' ’ - / (R&D, U.S., Xi'an).
_TOKEN = re.compile(r"[A-Za-z0-9]+(?:[&.'’\-/][A-Za-z0-9]+)*\.?")
# Labels and local parts are bounded (as DNS and e-mail bound them) so that a long run of
# letters costs linear time, not quadratic backtracking.
_NOT_PROSE = re.compile(
    r"(?:https?://|www\.)[^\s\"“”'<>()]+[^\s\"“”'<>().,;:!?]"
    r"|(?<![\w.%+-])[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63})+"
    r"|(?<![@\w.-])[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63})*"
    r"\.(?:com|cn|net|org|gov|edu|il|io)\b(?:/\S*)?"
    r"|\b\d{1,2}(?:[:.]\d{2})?\s?(?:[ap]\.m\.|[AP]M\b)"
)
# Names are at most four characters (欧阳, 常州, 张家港市); a reading longer than this is no name.
_NAME_CHARS = 4
_MAX_READINGS = 8


@dataclass(frozen=True)
class HouseWords:
    """The words a workspace's English may use that no dictionary has, in lower case."""

    words: frozenset[str]

    @classmethod
    def of(cls, glossary: Glossary | None, extra: Iterable[str] = ()) -> HouseWords:
        """Every word of the glossary's English (terms, accepted variants, abbreviations) and
        of `extra` (the workspace's `[qa.spelling] words`)."""
        texts: list[str] = list(extra)
        for term in glossary or ():
            texts.extend((term.target, term.abbreviation, *term.variants))
        found = {w.lower().strip("'’") for text in texts for w in _WORD.findall(text)}
        return cls(frozenset(w for w in found if w))

    def knows(self, word: str) -> bool:
        return _plain(word) in self.words or _plain(_singular(word)) in self.words

    def sorted(self) -> tuple[str, ...]:
        return tuple(sorted(self.words))


def is_abbreviation(token: str) -> bool:
    """CIP, WOFEs, R&D, S&T, U.S., COVID-19, 5G: capitals (and digits), at most a plural s."""
    core = re.sub(r"(?:'s|’s|s)$", "", token.rstrip("."))
    letters = [c for c in core if c.isalpha()]
    if not letters or any(c.islower() for c in letters):
        return False
    return len(letters) >= 2 or any(c.isdigit() for c in core)


def token_at(text: str, start: int, end: int) -> str:
    """The whole token around [start, end) (Harper splits R&D and U.S. into pieces)."""
    for match in _TOKEN.finditer(text):
        if match.start() <= start and end <= match.end():
            return match.group()
    return text[start:end]


def not_prose(text: str) -> list[tuple[int, int]]:
    """Spans of web and e-mail addresses and clock times (3 p.m.)."""
    return [m.span() for m in _NOT_PROSE.finditer(text)]


class PinyinNames:
    """The pinyin of a Chinese text, to tell whether an English word spells one to four
    consecutive characters of it (Changzhou for 常州, Guoqiang for 国强, every reading of each
    character, ü as u or v)."""

    def __init__(self, source: str) -> None:
        self._chars: list[tuple[str, ...]] = []  # readings of each character, runs apart
        self._at: dict[str, list[int]] = {}  # where each reading is
        # Each word's answer, once: a word tries every place its first syllable stands, and a
        # long article names the same person in every paragraph (quadratic without it).
        self._spelt: dict[str, bool] = {}
        for run in _HAN.findall(source):
            for char in run:
                readings = _readings(char)
                for reading in readings:
                    self._at.setdefault(reading, []).append(len(self._chars))
                self._chars.append(readings)
            self._chars.append(())  # no name runs across punctuation

    def spells(self, word: str) -> bool:
        """Whether capitalised `word` is the pinyin of some characters here."""
        if not word[:1].isupper():
            return False
        known = self._spelt.get(word)
        if known is None:
            letters = _plain(word).replace("-", "")
            known = self._spelt[word] = letters.isalpha() and self._match(letters)
        return known

    def _match(self, letters: str) -> bool:
        for size in range(1, min(6, len(letters)) + 1):
            for position in self._at.get(letters[:size], ()):
                if self._rest(letters[size:], position + 1, 1):
                    return True
        return False

    def _rest(self, letters: str, position: int, used: int) -> bool:
        if not letters:
            return True
        if used == _NAME_CHARS or position >= len(self._chars):
            return False
        return any(
            letters.startswith(reading)
            and self._rest(letters[len(reading) :], position + 1, used + 1)
            for reading in self._chars[position]
        )


@lru_cache(maxsize=64)
def pinyin_names(source: str) -> PinyinNames:
    """`PinyinNames` of `source`, kept for the last few articles."""
    return PinyinNames(source)


@lru_cache(maxsize=8192)
def _readings(char: str) -> tuple[str, ...]:
    """Every reading of a character in pypinyin's table (tones folded), at most eight."""
    from pypinyin.pinyin_dict import pinyin_dict

    found = pinyin_dict.get(ord(char), "")
    folded = [_fold(r) for r in found.split(",") if r]
    # ü is written u or v: lü gives lu and lv
    with_v = [r.replace("u", "v") for r in folded if "u" in r and r[:1] in "ln"]
    return tuple(dict.fromkeys(folded + with_v))[:_MAX_READINGS]


@lru_cache(maxsize=1)
def _syllables() -> frozenset[str]:
    """Every pinyin syllable, without tones (from pypinyin's character readings)."""
    from pypinyin.pinyin_dict import pinyin_dict

    found = {_fold(r) for readings in pinyin_dict.values() for r in readings.split(",")}
    return frozenset(s for s in found if s.isalpha() and s not in _NOT_SYLLABLES)


_NOT_SYLLABLES = frozenset(("m", "n", "ng", "hm", "hng", "r", "o", "ei", "yo", "lo"))


@lru_cache(maxsize=8192)
def looks_like_pinyin(word: str) -> bool:
    """A capitalised word made of pinyin syllables (Qing, Shifeng, Xi'an): a Chinese name,
    which the `names` check judges against the Chinese, not the dictionary."""
    if len(word) < 2 or not word[:1].isupper() or (not word[1:].islower() and "'" not in word):
        return False
    letters = _plain(word).replace("-", "")
    syllables = _syllables()
    ends = {0}
    for end in range(1, len(letters) + 1):
        if any(
            start in ends and letters[start:end] in syllables
            for start in range(max(0, end - 6), end)
        ):
            ends.add(end)
    return len(letters) in ends


def _plain(word: str) -> str:
    folded = unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode()
    return re.sub(r"(?:'s|’s)$", "", folded).replace("'", "").replace("’", "").lower()


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") else word


def _fold(reading: str) -> str:
    reading = reading.replace("ü", "v")
    return unicodedata.normalize("NFKD", reading).encode("ascii", "ignore").decode().lower()
