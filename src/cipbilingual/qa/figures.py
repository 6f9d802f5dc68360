"""Figures that must survive translation: numbers, percentages, dates and times (with 上午/下午,
weekdays and 去年/今年 read against the article's date), currencies, web and e-mail addresses."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from cipbilingual.messages import N_
from cipbilingual.numbers import (
    DATE,
    DAY,
    MONTH,
    NUMBER,
    ORDINAL,
    PERCENT,
    TIME,
    YEAR,
    Quantity,
    en_quantities,
    figure_problems,
)
from cipbilingual.qa.base import CheckContext, Issue, Unit

NAMES = frozenset(("numbers", "numbers-added", "dates", "percent", "currency", "urls"))

_CHECK_OF_KIND = {
    NUMBER: "numbers",
    ORDINAL: "numbers",
    PERCENT: "percent",
    YEAR: "dates",
    MONTH: "dates",
    DAY: "dates",
    DATE: "dates",
    TIME: "dates",
}

MISSING = N_("{figure} not found in English")
MISSING_HAS = N_("{figure} not found in English; the English has {other}")
ADDED = N_("{figure} in the English is not in the Chinese")


def check(unit: Unit, ctx: CheckContext) -> Iterator[Issue]:
    source, target = unit.source, unit.target
    relative = _relative_years(source)
    expected_years = _expected_years(relative, unit.date)
    months_so_far = _months_so_far(source, target)
    for problem in figure_problems(source, target):
        missing = problem.missing
        if missing is not None and missing.kind == MONTH and missing.value in months_so_far:
            continue  # 1-9月 as "the first nine months"
        if problem.missing is not None:
            name = _CHECK_OF_KIND[problem.missing.kind]
            figure = problem.missing.describe()
            if problem.added is not None:
                other = problem.added.describe()
                yield Issue(name, MISSING_HAS, {"figure": figure, "other": other})
            else:
                yield Issue(name, MISSING, {"figure": figure})
            continue
        added = problem.added
        assert added is not None
        if _is_year(added) and relative:
            continue  # judged below against 去年/今年 and the article's date
        yield Issue("numbers-added", ADDED, {"figure": added.describe()})
    yield from _relative_year_issues(relative, expected_years, target)
    yield from _part_of_day(source, target)
    yield from _weekdays(source, target)
    yield from _currencies(source, target)
    yield from _addresses(source, target)


_ZH_MONTH_SPAN = re.compile(r"(?:1|一)\s*[-—–~～至到]\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*月")
_EN_MONTHS_COUNT = re.compile(r"\b([\w-]+)\s+months\b", re.I)


def _months_so_far(source: str, target: str) -> set[int]:
    """January and month N of a 1-N月 span the English gives as "the first N months"."""
    found: set[int] = set()
    for match in _ZH_MONTH_SPAN.finditer(source):
        last = next((q.value for q in en_quantities(match.group(1))), None)
        if last is None:
            from cipbilingual.numbers import zh_quantities

            last = next((q.value for q in zh_quantities(match.group(1) + "个")), None)
        if last is None:
            continue
        for said in _EN_MONTHS_COUNT.finditer(target):
            if any(q.value == last for q in en_quantities(said.group(1))):
                found |= {1, int(last)}
    return found


# -- 去年, 今年 ------------------------------------------------------------------------------------

_ZH_RELATIVE = {"前年": -2, "去年": -1, "今年": 0, "明年": 1, "后年": 2, "後年": 2}
_ZH_RELATIVE_RE = re.compile("|".join(_ZH_RELATIVE))
_EN_RELATIVE = (
    (re.compile(r"\bthe year before last\b", re.I), -2),
    (re.compile(r"\b(?:last|previous|past) year\b|\ba year (?:ago|earlier)\b", re.I), -1),
    (
        re.compile(
            r"\b(?:this|the current|the same) year\b|\bso far\b|\byear[- ]to[- ]date\b", re.I
        ),
        0,
    ),
    (re.compile(r"\b(?:next|the coming|the following) year\b", re.I), 1),
)
RELATIVE_WRONG = N_("{word} is {year} (the article is dated {date}); the English has {other}")
RELATIVE_WRONG_WORDS = N_("{word} is {meaning}; the English says {other}")
_MEANING = {
    -2: "the year before last",
    -1: "last year",
    0: "this year",
    1: "next year",
    2: "in two years",
}


def _relative_years(source: str) -> dict[str, int]:
    found: dict[str, int] = {}
    for match in _ZH_RELATIVE_RE.finditer(source):
        word = match.group()
        # 今年以来 and 一年前 are fine; 去年同期 ("the same period last year") is still last year.
        found.setdefault(word, _ZH_RELATIVE[word])
    return found


def _expected_years(relative: dict[str, int], date: str) -> dict[str, int]:
    match = re.match(r"(\d{4})", date)
    if match is None:
        return {}
    year = int(match.group(1))
    return {word: year + offset for word, offset in relative.items()}


def _is_year(quantity: Quantity) -> bool:
    return quantity.kind in (NUMBER, YEAR) and 1900 <= quantity.value <= 2100


def _relative_year_issues(
    relative: dict[str, int], expected: dict[str, int], target: str
) -> Iterator[Issue]:
    if not relative:
        return
    years = [q for q in en_quantities(target) if _is_year(q) and q.value == int(q.value)]
    said = {offset for pattern, offset in _EN_RELATIVE if pattern.search(target)}
    for word, offset in relative.items():
        want = expected.get(word)
        if offset in said or (want is not None and any(q.value == want for q in years)):
            continue
        if want is not None and years:
            other = ", ".join(q.text for q in years)
            yield Issue(
                "dates",
                RELATIVE_WRONG,
                {"word": word, "year": str(want), "date": _day(expected, word), "other": other},
            )
        elif said:
            other = ", ".join(_MEANING[o] for o in sorted(said))
            yield Issue(
                "dates",
                RELATIVE_WRONG_WORDS,
                {"word": word, "meaning": _MEANING[offset], "other": other},
            )


def _day(expected: dict[str, int], word: str) -> str:
    offset = _ZH_RELATIVE[word]
    return str(expected[word] - offset)


# -- 上午, 下午 ------------------------------------------------------------------------------------

_PARTS_ZH = (
    ("凌晨", "dawn"),
    ("清晨", "morning"),
    ("早上", "morning"),
    ("早晨", "morning"),
    ("上午", "morning"),
    ("中午", "noon"),
    ("下午", "afternoon"),
    ("傍晚", "evening"),
    ("晚上", "evening"),
    ("晚间", "evening"),
    ("当晚", "evening"),
    ("深夜", "night"),
)
_PARTS_EN = {
    "morning": re.compile(r"\bmornings?\b|(?<![A-Za-z])a\.?m\b\.?|\bforenoon\b", re.I),
    "afternoon": re.compile(r"\bafternoons?\b|(?<![A-Za-z])p\.?m\b\.?", re.I),
    "noon": re.compile(r"\bnoon\b|\bmidday\b|\blunchtime\b", re.I),
    "evening": re.compile(
        r"\bevenings?\b|\bnights?\b|\btonight\b|(?<![A-Za-z])p\.?m\b\.?|\bdusk\b", re.I
    ),
    "dawn": re.compile(
        r"\bdawn\b|\bearly (?:hours|morning)\b|(?<![A-Za-z])a\.?m\b\.?|\bnight\b", re.I
    ),
    "night": re.compile(
        r"\bnight\b|\bmidnight\b|\bevening\b|(?<![A-Za-z])p\.?m\b\.?|(?<![A-Za-z])a\.?m\b\.?", re.I
    ),
}
# Which English part of day contradicts which Chinese one (the morning is not the afternoon).
_CONTRADICTS = {
    "morning": ("afternoon", "evening"),
    "afternoon": ("morning",),
    "noon": ("evening",),
    "evening": ("morning",),
    "dawn": ("afternoon",),
    "night": ("afternoon",),
}
PART_WRONG = N_("{word} is the {part}; the English says {other}")


def _part_of_day(source: str, target: str) -> Iterator[Issue]:
    for word, part in _PARTS_ZH:
        if word not in source or _PARTS_EN[part].search(target):
            continue
        for other in _CONTRADICTS[part]:
            found = _PARTS_EN[other].search(target)
            if found is not None:
                params = {"word": word, "part": part, "other": found.group()}
                yield Issue("dates", PART_WRONG, params)
                break


# -- 星期四 ----------------------------------------------------------------------------------------

_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_ZH_WEEKDAY = re.compile(
    r"(?:星期|礼拜|禮拜|(?<![一二三四五六七八九十两\d])周)([一二三四五六日天])(?![次个])"
)
_ZH_WEEKDAY_INDEX = {c: i for i, c in enumerate("一二三四五六日")} | {"天": 6}
_EN_WEEKDAY = re.compile(
    r"\b(Mon|Tues?|Wed|Thu(?:rs)?|Fri|Sat|Sun)(?:day|nesday|urday|\.)?(?:s)?\b"
)
WEEKDAY_MISSING = N_("{word} ({weekday}) not found in English")
WEEKDAY_WRONG = N_("{word} is {weekday}; the English says {other}")


def _weekdays(source: str, target: str) -> Iterator[Issue]:
    chinese = list(_ZH_WEEKDAY.finditer(source))
    if not chinese:
        return  # only a weekday of the Chinese can be missing or wrong
    said: dict[int, str] = {}
    for match in _EN_WEEKDAY.finditer(target):
        index = _weekday_index(match.group(1))
        said.setdefault(index, match.group())
    for match in chinese:
        index = _ZH_WEEKDAY_INDEX[match.group(1)]
        if index in said:
            continue
        name = _WEEKDAY_NAMES[index]
        if said:
            other = ", ".join(said.values())
            yield Issue(
                "dates", WEEKDAY_WRONG, {"word": match.group(), "weekday": name, "other": other}
            )
        else:
            yield Issue("dates", WEEKDAY_MISSING, {"word": match.group(), "weekday": name})


def _weekday_index(stem: str) -> int:
    return next(i for i, name in enumerate(_WEEKDAY_NAMES) if name.startswith(stem[:3]))


# -- 元, 美元 --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Currency:
    code: str
    name: str  # how the message names it
    english: re.Pattern[str]


_DOLLAR = r"(?<![A-Za-z])\$|\bdollars?\b|(?<![A-Za-z])USD(?![A-Za-z])"
_CURRENCIES = {
    "CNY": _Currency(
        "CNY",
        "yuan / RMB",
        re.compile(
            r"\byuan\b|(?<![A-Za-z])RMB(?![A-Za-z])|\brenminbi\b|(?<![A-Za-z])CNY(?![A-Za-z])|¥|￥",
            re.I,
        ),
    ),
    "USD": _Currency("USD", "US dollars", re.compile(_DOLLAR + r"|\bUS\$", re.I)),
    "EUR": _Currency(
        "EUR", "euros", re.compile(r"\beuros?\b|€|(?<![A-Za-z])EUR(?![A-Za-z])", re.I)
    ),
    "HKD": _Currency(
        "HKD",
        "Hong Kong dollars",
        re.compile(_DOLLAR + r"|\bHK\$|(?<![A-Za-z])HKD(?![A-Za-z])", re.I),
    ),
    "JPY": _Currency("JPY", "yen", re.compile(r"\byen\b|¥|￥|(?<![A-Za-z])JPY(?![A-Za-z])", re.I)),
    "GBP": _Currency(
        "GBP",
        "pounds",
        re.compile(r"\bpounds?\b|£|(?<![A-Za-z])GBP(?![A-Za-z])|\bsterling\b", re.I),
    ),
    "ILS": _Currency(
        "ILS",
        "shekels",
        re.compile(
            r"\b(?:new )?shekels?\b|(?<![A-Za-z])NIS(?![A-Za-z])|(?<![A-Za-z])ILS(?![A-Za-z])|₪",
            re.I,
        ),
    ),
    "KRW": _Currency("KRW", "won", re.compile(r"\d\S*\s+won\b|(?<![A-Za-z])KRW(?![A-Za-z])|₩")),
    "AUD": _Currency(
        "AUD",
        "Australian dollars",
        re.compile(_DOLLAR + r"|\bA\$|(?<![A-Za-z])AUD(?![A-Za-z])", re.I),
    ),
    "CAD": _Currency(
        "CAD",
        "Canadian dollars",
        re.compile(_DOLLAR + r"|\bC\$|(?<![A-Za-z])CAD(?![A-Za-z])", re.I),
    ),
    "RUB": _Currency(
        "RUB", "roubles", re.compile(r"\br[ou]u?bles?\b|(?<![A-Za-z])RUB(?![A-Za-z])|₽", re.I)
    ),
    "TWD": _Currency(
        "TWD",
        "New Taiwan dollars",
        re.compile(_DOLLAR + r"|\bNT\$|(?<![A-Za-z])TWD(?![A-Za-z])", re.I),
    ),
}
# Longest first, so 美元 is not read as 元.
_ZH_CURRENCY = (
    ("新台币", "TWD"),
    ("新谢克尔", "ILS"),
    ("谢克尔", "ILS"),
    ("人民币", "CNY"),
    ("美元", "USD"),
    ("欧元", "EUR"),
    ("港元", "HKD"),
    ("港币", "HKD"),
    ("日元", "JPY"),
    ("英镑", "GBP"),
    ("韩元", "KRW"),
    ("澳元", "AUD"),
    ("加元", "CAD"),
    ("卢布", "RUB"),
    ("元", "CNY"),
)
_ZH_CURRENCY_RE = re.compile("|".join(w for w, _ in _ZH_CURRENCY))
_ZH_CURRENCY_CODE = dict(_ZH_CURRENCY)
# An amount just before the currency word: 3.6亿元, 5000万美元, 200余万元, 十亿元.
_AMOUNT_BEFORE = re.compile(
    r"[\d０-９〇零一二两三四五六七八九十百千万亿萬億]\s*[多余]?\s*[百千万亿萬億]*\s*$"
)
_AMOUNT_AFTER = re.compile(r"^\s*[\d０-９]")
CURRENCY_WRONG = N_("{amount} is in {currency}; the English has {other}")
CURRENCY_MISSING = N_("the currency of {amount} ({currency}) is not in the English")


# A character every currency word above has: a sentence without any has no currency (a test
# holds the words to it).
_CURRENCY_MARKS = "元币尔镑布"


def _currencies(source: str, target: str) -> Iterator[Issue]:
    if not any(mark in source for mark in _CURRENCY_MARKS):
        return
    wanted: dict[str, str] = {}
    for match in _ZH_CURRENCY_RE.finditer(source):
        before = source[max(0, match.start() - 12) : match.start()]
        after = source[match.end() : match.end() + 3]
        word = match.group()
        amount = re.search(
            r"[\d０-９][\d０-９.,]*\s*[多余]?\s*[百千万亿萬億]*\s*$|[〇零一二两三四五六七八九十百千]*[万亿萬億]+\s*$",
            before,
        )
        # 三元 alone is as often "ternary" as "3 yuan": an amount needs a digit or 万/亿.
        if _AMOUNT_BEFORE.search(before) and amount is not None:
            wanted.setdefault(_ZH_CURRENCY_CODE[word], amount.group().strip() + word)
        elif word == "人民币" and _AMOUNT_AFTER.match(after):
            wanted.setdefault("CNY", word + after.strip())
    if not wanted:
        return
    present = {code for code, cur in _CURRENCIES.items() if cur.english.search(target)}
    for code, written in wanted.items():
        if code in present:
            continue
        others = sorted(present - {code})
        currency = _CURRENCIES[code].name
        if others:
            other = ", ".join(_CURRENCIES[o].name for o in others)
            params = {"amount": written, "currency": currency, "other": other}
            yield Issue("currency", CURRENCY_WRONG, params)
        else:
            yield Issue("currency", CURRENCY_MISSING, {"amount": written, "currency": currency})


# -- www, @ ----------------------------------------------------------------------------------------

_EMAIL = r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"
_URL = r"(?:https?://|www\.)[^\s，。；、）)」】\"“”'<>]+"
_DOMAIN = (
    r"(?<![@\w.-])[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*"
    r"\.(?:com|cn|net|org|gov|edu|il|io|info|biz)(?:\.cn|\.il)?(?:/[^\s，。；、）)」】\"“”'<>]*)?"
    r"(?![\w@-])"
)
_ADDRESS = re.compile(f"{_EMAIL}|{_URL}|{_DOMAIN}")
ADDRESS_CHANGED = N_("{address} is not in the English unchanged")


def addresses(text: str) -> list[str]:
    """Web and e-mail addresses in a text, without trailing punctuation."""
    normal = unicodedata.normalize("NFKC", text)
    if "." not in normal and "://" not in normal:
        return []  # every address has a dot, but http://localhost
    return [m.group().rstrip(".,;:!?)") for m in _ADDRESS.finditer(normal)]


def _addresses(source: str, target: str) -> Iterable[Issue]:
    english = unicodedata.normalize("NFKC", target).casefold()
    seen = set()
    for address in addresses(source):
        key = address.casefold()
        if key in seen:
            continue
        seen.add(key)
        if not _contains_address(english, key):
            yield Issue("urls", ADDRESS_CHANGED, {"address": address})


def _contains_address(english: str, address: str) -> bool:
    start = english.find(address)
    while start >= 0:
        end = start + len(address)
        # Not a longer address (www.cipcz.cn inside www.cipcz.cn.example.com is a different one).
        tail = english[end : end + 2]
        if not re.match(r"[\w@-]|\.\w", tail):
            return True
        start = english.find(address, start + 1)
    return False
