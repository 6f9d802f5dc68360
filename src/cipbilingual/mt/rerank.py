"""Checks on an engine's English that choose among its n-best and flag bad output: numbers that
agree with the source, looping output, Chinese left untranslated."""

from __future__ import annotations

import re
from functools import lru_cache

from cipbilingual.numbers import Quantity, en_quantities, same_figure, zh_quantities

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_CHAR_LOOP = re.compile(r"(\w{3,12}?)\1{2,}|(\w{2})\2{3,}")


def has_cjk(text: str) -> bool:
    """True when `text` holds a Chinese character."""
    return _CJK.search(text) is not None


def cjk_count(text: str) -> int:
    """How many Chinese characters `text` holds (an English draft should hold none)."""
    return len(_CJK.findall(text))


@lru_cache(maxsize=2048)
def _figures(source: str) -> tuple[Quantity, ...]:
    return tuple(zh_quantities(source))


def number_agreement(source: str, target: str) -> float:
    """The share (0..1) of the source's figures that the English carries, as the project's
    number rules see them (3.6亿 = 360 million, 12月9日 = December 9); 1.0 when there are none."""
    wanted = _figures(source)
    if not wanted:
        return 1.0
    have = en_quantities(target)
    return sum(1 for q in wanted if any(same_figure(q, e) for e in have)) / len(wanted)


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
