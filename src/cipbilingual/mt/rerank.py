"""Checks on an engine's English that choose among its n-best and flag bad output: numbers that
agree with the source, looping output, Chinese left untranslated."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_SOURCE_NUMBER = re.compile(r"(\d+(?:[.,]\d+)*)\s*(万|亿|千|百万|月)?")
_TARGET_NUMBER = re.compile(
    r"(\d+(?:[.,]\d+)*)\s*(thousand|million|billion|trillion|k\b|m\b|bn\b)?", re.IGNORECASE
)
_SCALE_ZH = {"千": 1e3, "万": 1e4, "百万": 1e6, "亿": 1e8}
_SCALE_EN = {
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "m": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "trillion": 1e12,
}
_CHAR_LOOP = re.compile(r"(\w{3,12}?)\1{2,}|(\w{2})\2{3,}")
_MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)


def has_cjk(text: str) -> bool:
    """True when `text` holds a Chinese character."""
    return _CJK.search(text) is not None


def cjk_count(text: str) -> int:
    """How many Chinese characters `text` holds (an English draft should hold none)."""
    return len(_CJK.findall(text))


def _value(digits: str) -> float | None:
    digits = digits.replace(",", "")
    try:
        return float(digits)
    except ValueError:
        return None


@lru_cache(maxsize=1024)
def _wanted(source: str) -> tuple[tuple[frozenset[float], str], ...]:
    """The source's numbers: the values an English rendering may have, or a month's name."""
    wanted: list[tuple[frozenset[float], str]] = []
    for m in _SOURCE_NUMBER.finditer(unicodedata.normalize("NFKC", source)):
        value = _value(m.group(1))
        if value is None:
            continue
        unit = m.group(2) or ""
        month = ""
        if unit in _SCALE_ZH:
            value = round(value * _SCALE_ZH[unit], 6)
        elif unit == "月" and value.is_integer() and 1 <= value <= 12:
            month = _MONTHS[int(value) - 1]
        wanted.append((frozenset({value}), month))
    return tuple(wanted)


def number_agreement(source: str, target: str) -> float:
    """The share (0..1) of the source's numbers that the English carries, accepting scaled forms:
    3.6亿 as 360 million or 360,000,000; 12月 as December. 1.0 when the source has none."""
    wanted = _wanted(source)
    if not wanted:
        return 1.0
    tgt = unicodedata.normalize("NFKC", target)
    lower = tgt.lower()
    have: set[float] = set()
    for m in _TARGET_NUMBER.finditer(tgt):
        value = _value(m.group(1))
        if value is None:
            continue
        scale = (m.group(2) or "").lower()
        have.add(round(value * _SCALE_EN[scale], 6) if scale in _SCALE_EN else value)
    hits = sum(1 for values, month in wanted if values & have or (month and month in lower))
    return hits / len(wanted)


def find_loop(text: str) -> str:
    """The phrase an engine got stuck on ("the city of the city of the city of"), or ''. Flags a
    phrase of one to six words said three times in a row, a piece of a word stuck four times
    ("techtechtech"), or a long output of few distinct words."""
    if len(text) < 9:  # too short to hold any loop below
        return ""
    for m in _CHAR_LOOP.finditer(text):
        unit = m.group(1) or m.group(2)
        if any(ch.isalpha() for ch in unit):
            return unit
    words = [w.strip(".,;:!?\"'()").lower() for w in text.split()]
    words = [w for w in words if w]
    if len(words) < 3 or len(set(words)) == len(words):  # a loop repeats some word
        return ""
    for n in range(1, 7):
        for i in range(len(words) - 3 * n + 1):
            phrase = words[i : i + n]
            if phrase == words[i + n : i + 2 * n] == words[i + 2 * n : i + 3 * n]:
                return " ".join(phrase)
    if len(words) >= 20 and len(set(words)) / len(words) < 0.3:
        return " ".join(sorted(set(words), key=words.index)[:6])
    return ""
