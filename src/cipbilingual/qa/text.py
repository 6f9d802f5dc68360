"""Checks on the shape of the English: empty or copied, Chinese left, punctuation, spacing,
doubled words, looping output, length."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from cipbilingual.messages import N_
from cipbilingual.qa.base import HAN, CheckContext, Issue, Unit

GATE = frozenset(("empty", "identical"))
NAMES = frozenset(
    (
        "chinese-left",
        "cjk-punctuation",
        "unbalanced",
        "whitespace",
        "doubled-words",
        "repetition",
        "length",
    )
)

_CJK_PUNCT = re.compile(r"[，。！？；：、（）《》「」『』【】]")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
# Opening and closing marks in the English, and the Chinese marks that stand for them.
_PAIRS = (("(", ")", "(（", ")）"), ("[", "]", "[【", "]】"), ("“", "”", "“", "”"))
# "had had" and "that that" are grammatical English.
_ALLOWED_DOUBLES = frozenset(("had", "that"))
_DOUBLED = re.compile(r"\b([A-Za-z]+)[ \t]+(\1)\b", re.IGNORECASE)
_SPACE_BEFORE = re.compile(r"\w\s+[,;:!?]|\w\s+\.(?!\.|\d)")
_SPACE_THEN_MARK = re.compile(r"\s[,;:!?.]")  # what every match of the above has: a quick no
# The two characters whose lower case is an English letter (İ, the Kelvin sign): kept out of words.
_LOWER_TO_ASCII = str.maketrans({"\u0130": " ", "\u212a": " "})


def gate(unit: Unit, ctx: CheckContext) -> Iterator[Issue]:
    """English with no words, or the Chinese pasted as the English: nothing else is worth saying."""
    target = unit.target
    if not any(ch.isalnum() for ch in target):
        yield Issue("empty", N_("the English has no words"))
        return
    if target.isascii() or not HAN.search(unit.source):
        return  # NFKC keeps ASCII English ASCII and a Chinese character Chinese: never equal
    normal = unicodedata.normalize("NFKC", target).split()
    if normal == unicodedata.normalize("NFKC", unit.source).split():
        yield Issue("identical", N_("the English is the Chinese, copied"))


def check(unit: Unit, ctx: CheckContext) -> Iterator[Issue]:
    target = unit.target
    han = HAN.findall(target)
    if han:
        yield Issue(
            "chinese-left", N_("Chinese left in the English: {text}"), {"text": "".join(han[:10])}
        )
    punct = _CJK_PUNCT.findall(target)
    if punct:
        yield Issue(
            "cjk-punctuation",
            N_("full-width punctuation in the English: {marks}"),
            {"marks": " ".join(sorted(set(punct)))},
        )
    yield from _unbalanced(unit.source, target)
    if "  " in target.strip():
        yield Issue("whitespace", N_("double space in the English"))
    if _SPACE_THEN_MARK.search(target) and _SPACE_BEFORE.search(target):
        yield Issue("whitespace", N_("space before punctuation in the English"))
    looping = _repetition(target)
    if looping:
        yield Issue("repetition", N_("the English repeats itself (looping output?)"))
    else:
        yield from _doubled(target)
    yield from _length(unit, ctx)


def _unbalanced(source: str, target: str) -> Iterator[Issue]:
    for opening, closing, zh_open, zh_close in _PAIRS:
        english = target.count(opening) - target.count(closing)
        chinese = sum(source.count(c) for c in zh_open) - sum(source.count(c) for c in zh_close)
        # A quotation that runs over several sentences leaves each segment open in both
        # languages alike: only an imbalance the Chinese does not have is a finding.
        if english and english != chinese:
            yield Issue(
                "unbalanced",
                N_("unbalanced {marks} in the English"),
                {"marks": opening + closing},
            )
    if (
        target.count('"') % 2
        and (source.count('"') + source.count("“") + source.count("”")) % 2 == 0
    ):
        yield Issue("unbalanced", N_("unbalanced {marks} in the English"), {"marks": '"'})


def _repetition(target: str) -> bool:
    """Looping output, a known failure of NMT: the same word 4 times, or a 2–4-word phrase 3
    times, in a row."""
    words = _WORD.findall(target.translate(_LOWER_TO_ASCII).lower())
    for size in (1, 2, 3, 4):
        run = 1
        for i in range(size, len(words) - size + 1, size):
            if words[i] == words[i - size] and words[i : i + size] == words[i - size : i]:
                run += 1
                if run >= (4 if size == 1 else 3):
                    return True
            else:
                run = 1
    return False


def _doubled(target: str) -> Iterator[Issue]:
    seen = set()
    for match in _DOUBLED.finditer(target):
        word = match.group(1).lower()
        if word in _ALLOWED_DOUBLES or word in seen:
            continue
        if match.group(1)[0].isupper() and match.group(2)[0].isupper():
            continue  # a name: Chen Chen, Li Li
        seen.add(word)
        yield Issue(
            "doubled-words", N_("doubled word: \u201c{words}\u201d"), {"words": match.group()}
        )


def _length(unit: Unit, ctx: CheckContext) -> Iterator[Issue]:
    chinese = len(HAN.findall(unit.source))
    if chinese < ctx.number("length", "min_chinese"):
        return  # short titles and names vary too much to judge
    ratio = len(unit.target) / chinese
    params = {"ratio": f"{ratio:.1f}"}
    if ratio > ctx.number("length", "max_ratio"):
        yield Issue("length", N_("the English is {ratio}× the Chinese: too long?"), params)
    elif ratio < ctx.number("length", "min_ratio"):
        yield Issue("length", N_("the English is {ratio}× the Chinese: too short?"), params)
