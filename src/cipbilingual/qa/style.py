"""House style of the English, each with the fix that settles it: percentages (12.5% or 12.5
percent), renminbi amounts (360 million yuan or RMB 360 million), dates (November 21: the
month in full, no ordinal, month or day first) and numerals (one to nine in words, 10 and up in
figures, as news style has it). Settings: `[qa.style-*]` in cipbilingual.toml."""

from __future__ import annotations

import re
from collections.abc import Iterator

from cipbilingual.messages import N_
from cipbilingual.models import Fix
from cipbilingual.numbers import EN_TENS, EN_UNITS
from cipbilingual.qa.base import CheckContext, Issue, Unit

NAMES = frozenset(("style-percent", "style-currency", "style-dates", "style-numerals"))

PERCENT = N_("house style writes percentages as \u201c{suggestion}\u201d, not \u201c{text}\u201d")
CURRENCY = N_("house style writes renminbi as \u201c{suggestion}\u201d, not \u201c{text}\u201d")
DATE = N_("house style writes dates as \u201c{suggestion}\u201d, not \u201c{text}\u201d")
IN_WORDS = N_(
    "house style spells out numbers below {limit}: \u201c{suggestion}\u201d, not \u201c{text}\u201d"
)
IN_FIGURES = N_(
    "house style writes {limit} and above in figures: "
    "\u201c{suggestion}\u201d, not \u201c{text}\u201d"
)

_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE = r"(?:\s(?:thousand|million|billion|trillion))?"

# -- percentages ------------------------------------------------------------------------------

_PERCENT_WORD = re.compile(rf"(?<![\d.,])(?P<n>{_NUMBER})[\s\u00a0]?(?:percent|per cent|pct)\b")
_PERCENT_SIGN = re.compile(rf"(?<![\d.,])(?P<n>{_NUMBER})[\s\u00a0]?%")


def _percent(text: str, form: str) -> Iterator[Issue]:
    pattern = _PERCENT_WORD if form == "%" else _PERCENT_SIGN
    for match in pattern.finditer(text):
        number = match.group("n")
        new = f"{number}%" if form == "%" else f"{number} percent"
        yield _issue("style-percent", PERCENT, match, new)


# -- renminbi ---------------------------------------------------------------------------------

_AMOUNT = rf"(?P<n>{_NUMBER}){_SCALE}"
_RMB_BEFORE = re.compile(rf"\b(?:RMB|CNY|Rmb)[\s\u00a0]?(?P<amount>{_AMOUNT})(?:\s(?:yuan|RMB))?\b")
_RMB_AFTER = re.compile(rf"(?<![\d.,])(?P<amount>{_AMOUNT})\s(?:RMB|CNY|renminbi|Renminbi|Yuan)\b")
_YUAN_AFTER = re.compile(
    rf"(?<![\d.,])(?P<amount>{_AMOUNT})\s(?:yuan|CNY|renminbi|Renminbi|Yuan)\b"
)
_CNY_BEFORE = re.compile(rf"\bCNY[\s\u00a0]?(?P<amount>{_AMOUNT})\b")


def _currency(text: str, form: str) -> Iterator[Issue]:
    # yuan: RMB 360 million, 360 million RMB → 360 million yuan; RMB: the other way round.
    patterns = (_RMB_BEFORE, _RMB_AFTER) if form == "yuan" else (_YUAN_AFTER, _CNY_BEFORE)
    for pattern in patterns:
        for match in pattern.finditer(text):
            amount = match.group("amount")
            new = f"{amount} yuan" if form == "yuan" else f"RMB {amount}"
            if match.group() != new:
                yield _issue("style-currency", CURRENCY, match, new)


# -- dates ------------------------------------------------------------------------------------

_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_SHORT = {
    "Jan": "January",
    "Feb": "February",
    "Mar": "March",
    "Apr": "April",
    "Jun": "June",
    "Jul": "July",
    "Aug": "August",
    "Sep": "September",
    "Sept": "September",
    "Oct": "October",
    "Nov": "November",
    "Dec": "December",
}
_MONTH = "|".join([*_MONTHS, *(rf"{s}\." for s in _SHORT), *_SHORT])
_ORDINAL = r"(?:st|nd|rd|th)"
_MONTH_DAY = re.compile(
    rf"\b(?P<month>{_MONTH})\s(?:the\s)?(?P<day>[1-9]|[12]\d|3[01])(?P<ord>{_ORDINAL})?\b"
    rf"(?P<year>,?\s[12]\d{{3}}\b)?"
)
_DAY_MONTH = re.compile(
    rf"(?:\bthe\s)?\b(?P<day>[1-9]|[12]\d|3[01])(?P<ord>{_ORDINAL})?\s(?:of\s)?"
    rf"(?P<month>{_MONTH})(?![a-z])(?P<year>,?\s[12]\d{{3}}\b)?"
)
# 28 to 29 November: the first day of a range is not a date of its own to reorder.
_RANGE_BEFORE = re.compile(r"\d{1,2}(?:st|nd|rd|th)?\s?(?:to|-|–|and)\s?$")
_RANGE_AFTER = re.compile(r"\s?(?:to|-|–)\s?\d")


def _dates(text: str, order: str) -> Iterator[Issue]:
    spans: list[tuple[int, int]] = []
    for pattern, month_first in ((_MONTH_DAY, True), (_DAY_MONTH, False)):
        for match in pattern.finditer(text):
            if any(s < match.end() and match.start() < e for s, e in spans):
                continue
            if not month_first and _RANGE_BEFORE.search(text[: match.start()]):
                continue
            spans.append(match.span())
            month_text = match.group("month")
            month = _SHORT.get(month_text.rstrip("."), month_text)
            day = match.group("day")
            year = (match.group("year") or "").lstrip(", ").strip()
            if order == "month-day":
                new = f"{month} {day}" + (f", {year}" if year else "")
            else:
                new = f"{day} {month}" + (f" {year}" if year else "")
            reorder = month_first != (order == "month-day")
            if reorder and _RANGE_AFTER.match(text, match.end()):
                continue  # November 28 to 29 cannot become 28 November to 29
            if match.group() != new:
                yield _issue("style-dates", DATE, match, new)


# -- numerals ---------------------------------------------------------------------------------

_WORDS = EN_UNITS
_TENS = EN_TENS
_ORDINALS = [
    "zeroth",
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
]
_WORD_VALUE = {w: i for i, w in enumerate(_WORDS)} | {w: 20 + 10 * i for i, w in enumerate(_TENS)}
_DIGIT = re.compile(
    r"(?<![\w.,$¥€£#/:+\-–])(?P<n>\d{1,2})(?P<ord>st|nd|rd|th)?(?![\w%°]|[.,:/\-–]\d)"
)
_NUMBER_WORD = re.compile(
    rf"\b(?P<w>(?:{'|'.join(_TENS)})(?:-(?:{'|'.join(_WORDS[1:10])}))?|{'|'.join(_WORDS)})\b(?!-)",
    re.IGNORECASE,
)
# Figures that stay figures whatever their size: what follows them is a unit or a scale.
_UNIT_AFTER = re.compile(
    r"\s?(?:%|percent|per cent|percentage|million|billion|trillion|thousand|hundred|[ap]\.m\."
    r"|o'clock|km|kilomet|met(?:er|re)s?\b|m\b|cm|mm|kg|kilogram|grams?\b|g\b|tons?\b|tonnes?\b"
    r"|mu\b|hectares?|ha\b|square|cubic|degrees?|°|yuan|dollars?|US\b|euros?|shekels?|RMB|pounds?"
    r"|years? old|points?\b|mph|kph|GB|MB|TB|G\b|nm\b|MW|kW|GW)",
    re.IGNORECASE,
)
# ... or what comes before says it is a date, a label, a score or money.
_LABEL_BEFORE = re.compile(
    rf"(?:\b(?:{_MONTH})|No\.?|Nos\.?|number|[Pp]hase|[Pp]age|[Aa]rticle|[Ss]ection|[Cc]hapter"
    r"|[Rr]oom|[Gg]ate|[Ll]ine|[Ll]evel|[Gg]rade|[Vv]ersion|[Tt]op|aged?|ages|scored?|\$|US\$|RMB"
    r"|€|£|¥|#)\s?$"
)
_ANY_WORD = "|".join(_WORDS + _TENS)
_GUESS_AFTER = re.compile(rf"\s(?:or|to)\s(?:{_ANY_WORD})\b", re.IGNORECASE)
_GUESS_BEFORE = re.compile(rf"\b(?:{_ANY_WORD})\s(?:or|to)\s$", re.IGNORECASE)
_SENTENCE_START = re.compile(r"(?:^|[.!?]\s+|[\n“\"]\s*)$")


def _numerals(text: str, limit: int) -> Iterator[Issue]:
    counted = [m for m in _DIGIT.finditer(text) if not _exempt(text, m)]
    # A count of 10 or more in the same sentence keeps its neighbours in figures too
    # ("17 projects, 10 enterprises and 4 cooperation projects"), as copy editors do.
    if any(int(m.group("n")) >= limit and not m.group("ord") for m in counted):
        counted = [m for m in counted if m.group("ord")]
    for match in counted:
        value = int(match.group("n"))
        if value == 0 or value >= limit or (value >= len(_ORDINALS) and match.group("ord")):
            continue
        words = _ORDINALS[value] if match.group("ord") else _say(value)
        if _SENTENCE_START.search(text[: match.start()]):
            words = words[:1].upper() + words[1:]
        yield _issue("style-numerals", IN_WORDS, match, words, {"limit": str(limit)})
    for match in _NUMBER_WORD.finditer(text):
        word = match.group("w")
        spelt = _value(word)
        if spelt is None or spelt < limit or not word.islower():
            continue
        if _SENTENCE_START.search(text[: match.start()]) or _UNIT_AFTER.match(text, match.end()):
            continue
        if _GUESS_AFTER.match(text, match.end()) or _GUESS_BEFORE.search(text[: match.start()]):
            continue  # ten or eleven, as a rough guess, stays in words
        yield _issue("style-numerals", IN_FIGURES, match, str(spelt), {"limit": str(limit)})


def _exempt(text: str, match: re.Match[str]) -> bool:
    before, after = text[: match.start()], text[match.end() :]
    if _UNIT_AFTER.match(after) or _LABEL_BEFORE.search(before):
        return True
    if re.match(r"\s?(?:to|-|–|or)\s?\d", after) or re.search(r"\d\s?(?:to|-|–|or)\s?$", before):
        return True  # a range or choice of figures: 3-5, 3 to 15
    if before.endswith("(") and after.startswith(")"):
        return True  # a list marker: (2)
    # A label after a capitalised word inside the sentence: Phase 2, Building 3, Team 4.
    previous = re.search(r"([A-Z][\w'’-]*)\s$", before)
    return previous is not None and not _SENTENCE_START.search(before[: previous.start()])


def _say(value: int) -> str:
    if value < 20:
        return _WORDS[value]
    tens, ones = divmod(value, 10)
    return _TENS[tens - 2] + (f"-{_WORDS[ones]}" if ones else "")


def _value(word: str) -> int | None:
    parts = word.lower().split("-")
    if len(parts) == 1:
        return _WORD_VALUE.get(parts[0])
    tens, ones = _WORD_VALUE.get(parts[0]), _WORD_VALUE.get(parts[1])
    return None if tens is None or ones is None else tens + ones


# -- running them -----------------------------------------------------------------------------


def check(unit: Unit, ctx: CheckContext) -> Iterator[Issue]:
    text = unit.target
    if ctx.enabled("style-percent"):
        yield from _percent(text, ctx.choice("style-percent", "form"))
    if ctx.enabled("style-currency"):
        yield from _currency(text, ctx.choice("style-currency", "form"))
    if ctx.enabled("style-dates"):
        yield from _dates(text, ctx.choice("style-dates", "order"))
    if ctx.enabled("style-numerals"):
        limit = int(ctx.number("style-numerals", "spell_out_below"))
        if limit > 1:
            yield from _numerals(text, min(limit, 100))


def _issue(
    check: str,
    message: str,
    match: re.Match[str],
    new: str,
    extra: dict[str, str] | None = None,
) -> Issue:
    old = match.group()
    fix = Fix(match.start(), match.end(), old, new)
    return Issue(check, message, {"text": old, "suggestion": new, **(extra or {})}, fix=fix)
