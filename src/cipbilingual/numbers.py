"""Numbers, percentages and dates in Chinese and English text, and whether a translation keeps them.

Pure functions for TM number warnings, MT re-ranking and QA; rules in docs/segmentation.md.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from difflib import SequenceMatcher

NUMBER = "number"
PERCENT = "percent"
ORDINAL = "ordinal"
YEAR = "year"
MONTH = "month"
DAY = "day"
DATE = "date"  # a month and a day: value = month * 100 + day
TIME = "time"  # a clock time: value = hour * 100 + minute


@dataclass(frozen=True)
class Quantity:
    """A figure found in a text: its value, what kind of figure it is, and where it stands.

    `kind` is one of number, percent (value in percent), ordinal, year, month, day,
    date (month * 100 + day) and time (hour * 100 + minute).
    """

    value: Decimal
    kind: str
    text: str
    start: int
    end: int

    def describe(self) -> str:
        """The figure as written, with its value where that is not obvious: 3.6亿 (360,000,000)."""
        if self.kind in (YEAR, TIME):
            return self.text
        canonical = _canonical(self.kind, self.value)
        plain = self.text.translate(_HALFWIDTH).replace(",", "")
        if plain in (canonical.replace(",", ""), canonical.replace(",", "") + "%"):
            return self.text
        return f"{self.text} ({canonical})"


# -- shared pieces ---------------------------------------------------------------------------------


def _words(text: str) -> list[str]:
    return text.split()


_HALFWIDTH = str.maketrans("０１２３４５６７８９．％﹪：", "0123456789.%%:")
_NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_ISO_DATE = r"(?P<iso>(?<![\d.])\d{4}(?P<sep>[-./])\d{1,2}(?P=sep)\d{1,2}(?![\d.]))"
_TIME = r"(?P<time>(?<![\d:])\d{1,2}:\d{2}(?::\d{2})?(?![\d:]))"
_VERSION = r"(?P<skip>(?<![\d.])\d+(?:\.\d+){2,})"
_MONTH_NAMES = _words(
    "January February March April May June July August September October November December"
)


def _decimal(text: str) -> Decimal:
    return _clean(Decimal(text.replace(",", "")))


def _clean(value: Decimal) -> Decimal:
    """An integral value without exponent or trailing zeros, so that equal figures look equal."""
    if value == value.to_integral_value():
        return Decimal(int(value))
    return value.normalize()


def _canonical(kind: str, value: Decimal) -> str:
    if kind == PERCENT:
        return f"{value:f}%"
    if kind in (DATE, MONTH, DAY, TIME):
        number = int(value)
        if kind == DATE:
            return f"{_MONTH_NAMES[number // 100 - 1]} {number % 100}"
        if kind == MONTH:
            return _MONTH_NAMES[number - 1]
        if kind == DAY:
            return f"day {number}"
        return f"{number // 100:02d}:{number % 100:02d}"
    if kind == ORDINAL:
        suffix = (
            "th"
            if 10 <= int(value) % 100 <= 20
            else {1: "st", 2: "nd", 3: "rd"}.get(int(value) % 10, "th")
        )
        return f"{value}{suffix}"
    if kind == YEAR:
        return str(value)
    return f"{value:,f}"


def _iso_and_time(match: re.Match[str], text: str) -> Iterator[Quantity]:
    """2019-11-24 (a year and a date) in either language; 16:36:14 in Chinese."""
    if match.group("iso"):
        start = match.start("iso")
        parts = re.split(r"[-./]", match.group("iso"))
        year, month, day = (int(p) for p in parts)
        if 1 <= month <= 12 and 1 <= day <= 31:
            yield Quantity(Decimal(year), YEAR, text[start : start + 4], start, start + 4)
            yield Quantity(
                Decimal(month * 100 + day),
                DATE,
                text[start + 5 : match.end()],
                start + 5,
                match.end(),
            )
    elif match.group("time"):
        hour, minute = (int(p) for p in match.group("time").split(":")[:2])
        if hour < 24 and minute < 60:
            yield _quantity(text, match, "time", Decimal(hour * 100 + minute), TIME)


def _quantity(text: str, match: re.Match[str], group: str, value: Decimal, kind: str) -> Quantity:
    start, end = match.span(group)
    return Quantity(_clean(value), kind, text[start:end], start, end)


# -- Chinese ---------------------------------------------------------------------------------------

_CN_DIGIT_VALUES = {
    "〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4,
    "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}  # fmt: skip
_CN_UNIT_VALUES = {"十": 10, "百": 100, "千": 1000}
_CN_BIG_VALUES = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}
_CN_DIGITS = "".join(_CN_DIGIT_VALUES)
_CN_ALL = _CN_DIGITS + "".join(_CN_UNIT_VALUES) + "".join(_CN_BIG_VALUES)
_CN_BIG = "".join(_CN_BIG_VALUES)
# Measure words after which a lone Chinese digit (三个, 两家, 五年) is a count. 一 alone is never
# taken (一个 is "a", 一行 "his party", 一批 "a number of"), nor are words like 三农 or 十分.
_MEASURES = frozenset(
    "个家项名位次条种件所座栋台辆架艘支届期轮岁周天年人篇部场亩吨户套张本份类款层间片块只头颗股例起倍元"
)
_MEASURE_PAIRS = ("小时", "分钟", "公里", "公斤", "平方", "立方", "千米", "千克")
# Chinese expressions with a numeral that are not figures.
_ZH_IDIOMS = ("第一时间", "第二天")
# 千 right before these is a unit prefix (千米 km, 千瓦 kW), not a multiplier.
_SI_AFTER_QIAN = frozenset("米克瓦伏帕焦卡")

_CN_SMALL = "一二三四五六七八九十"  # months and days
_ZH_YEAR = r"(?:\d{4}|[〇零一二三四五六七八九]{4})\s*年"
_ZH_MONTH = rf"(?:\d{{1,2}}|[{_CN_SMALL}]{{1,3}})\s*月"
_ZH_DAY = rf"(?:\d{{1,2}}|[{_CN_SMALL}]{{1,3}})\s*[日号號]"
# 2019年, 2019年11月, 2019年11月21日, 11月, 11月21日, 21日 (a day alone only in Arabic digits:
# 一日 is as often "one day" as "the 1st").
_ZH_DATE = (
    rf"(?P<zdate>(?<![\d.])(?:{_ZH_YEAR}(?:\s*{_ZH_MONTH}(?:\s*{_ZH_DAY})?)?"
    rf"|{_ZH_MONTH}(?:\s*{_ZH_DAY})?|\d{{1,2}}\s*[日号號]))"
)
_ZH_DATE_PARTS = re.compile(
    r"(?:(?P<y>[\d〇零一二三四五六七八九]{4})\s*年)?\s*"
    r"(?:(?P<m>[\d一二三四五六七八九十]{1,3})\s*月)?\s*"
    r"(?:(?P<d>[\d一二三四五六七八九十]{1,3})\s*[日号號])?"
)
# Every alternative starts at a digit, 第 or a Chinese numeral: the lookahead lets the scan skip
# all other characters at once instead of trying each alternative there.
_ZH_PATTERN = re.compile(
    rf"(?=[\d第{_CN_ALL}])(?:"
    + "|".join(
        (
            _ISO_DATE,
            _TIME,
            _VERSION,
            rf"(?P<zrange>(?<![\d.])(?:\d{{1,2}}|[{_CN_SMALL}]{{1,3}})\s*[-—–~～至到]\s*"
            rf"(?:\d{{1,2}}|[{_CN_SMALL}]{{1,3}})\s*[月日号號](?!\s*\d))",
            _ZH_DATE,
            rf"(?P<ztime>(?<![\d.])(?:\d{{1,2}}|[{_CN_SMALL}]{{1,3}})\s*[时時点點]\s*"
            rf"(?:\d{{1,2}}|[{_CN_SMALL}]{{1,3}})\s*分)",
            rf"(?P<pcn>百分之(?:{_NUM}|[{_CN_ALL}]+(?:点[{_CN_DIGITS}]+)?))",
            rf"(?P<pct>(?<![\d.]){_NUM}\s*(?:%|‰|个百分点|百分点))",
            rf"(?P<ord>第\s*(?:{_NUM}|[{_CN_ALL}]+))",
            r"(?P<decade>(?<![\d.])\d{2,4}(?:\s*[、,，和至到-]\s*\d{2,4})*\s*年代)",
            rf"(?P<arabic>(?<![\d.]){_NUM}(?:[多余])?(?:\s*(?P<mult>[百千{_CN_BIG}]+))?)",
            rf"(?P<cn>[{_CN_ALL}]+(?:点[{_CN_DIGITS}]+[{_CN_BIG}]*)?)",
        )
    )
    + ")"
)


def zh_quantities(text: str) -> list[Quantity]:
    """Figures in Chinese text, in order: Arabic and Chinese numerals with 万/亿 multipliers,
    percentages, ordinals (第三), years, months, days, dates and clock times. Never raises.

    Chinese numerals are taken only where they are unmistakably figures (十七, 两千, 三个); the
    countless words that merely contain one (一行, 进一步, 十分) are left alone.
    """
    normal = text.translate(_HALFWIDTH)
    found: list[Quantity] = []
    for match in _ZH_PATTERN.finditer(normal):
        kind = match.lastgroup
        if kind in ("iso", "time"):
            found.extend(_iso_and_time(match, text))
        elif kind == "zrange":
            found.extend(_zh_range(match, text))
        elif kind == "ztime":
            parts = re.findall(rf"\d+|[{_CN_SMALL}]+", match.group("ztime"))
            hour, minute = (_small(p) or 0 for p in parts[:2])
            if hour < 24 and minute < 60:
                found.append(_quantity(text, match, "ztime", Decimal(hour * 100 + minute), TIME))
        elif kind == "zdate":
            dates = list(_zh_date(match, text))
            found.extend(dates)
            digits = re.match(r"\d+", match.group("zdate"))
            if not dates and digits is not None:  # 99号公路: a number, not a day
                a = match.start("zdate")
                b = a + len(digits.group())
                found.append(Quantity(_decimal(digits.group()), NUMBER, text[a:b], a, b))
        elif kind == "pcn":
            value = _zh_number(match.group("pcn")[3:])
            if value is not None:
                found.append(_quantity(text, match, "pcn", value, PERCENT))
        elif kind == "pct":
            found.append(_zh_percent(match, text))
        elif kind == "ord":
            quantity = _zh_ordinal(match, text, normal)
            if quantity is not None:
                found.append(quantity)
        elif kind == "arabic":
            found.append(_zh_arabic(match, text, normal))
        elif kind == "decade":
            continue  # 90年代 is "the 1990s": no figure to compare
        elif kind == "cn":
            quantity = _zh_numeral(match, text, normal)
            if quantity is not None:
                found.append(quantity)
    return found


def _zh_date(match: re.Match[str], text: str) -> Iterator[Quantity]:
    start, end = match.span("zdate")
    parts = _ZH_DATE_PARTS.fullmatch(match.group("zdate").translate(_HALFWIDTH))
    if parts is None:  # pragma: no cover - the pattern above only matches what this parses
        return
    year, month, day = (_small(parts.group(g)) for g in "ymd")
    if parts.group("y") and year is not None:
        year_end = start + match.group("zdate").index("年") + 1
        yield Quantity(Decimal(year), YEAR, text[start:year_end], start, year_end)
        start = year_end
        while start < end and text[start].isspace():
            start += 1
    if month is not None and day is not None and 1 <= month <= 12 and 1 <= day <= 31:
        yield Quantity(Decimal(month * 100 + day), DATE, text[start:end], start, end)
    elif parts.group("m") and month is not None and 1 <= month <= 12:
        month_end = start + text[start:end].index("月") + 1
        yield Quantity(Decimal(month), MONTH, text[start:month_end], start, month_end)
    elif not parts.group("m") and parts.group("d") and day is not None and 1 <= day <= 31:
        yield Quantity(Decimal(day), DAY, text[start:end], start, end)


def _zh_range(match: re.Match[str], text: str) -> Iterator[Quantity]:
    """1-11月, 1至11月: two months (January to November); 21-23日: two days."""
    body = match.group("zrange").translate(_HALFWIDTH)
    first, second = re.split(r"\s*[-—–~～至到]\s*", body[:-1].rstrip(), maxsplit=1)
    kind, top = (MONTH, 12) if body.endswith("月") else (DAY, 31)
    start = match.start("zrange")
    second_start = start + body.index(second, len(first))
    for part, where, stop in (
        (first, start, start + len(first)),
        (second, second_start, match.end("zrange")),
    ):
        value = _small(part)
        if value is not None and 1 <= value <= top:
            yield Quantity(Decimal(value), kind, text[where:stop], where, stop)


def _small(part: str | None) -> int | None:
    """A year, month or day written in Arabic digits, in Chinese numerals or digit by digit."""
    if not part:
        return None
    if part.isdigit():
        return int(part)
    if len(part) == 4 and all(c in _CN_DIGIT_VALUES for c in part):
        return int("".join(str(_CN_DIGIT_VALUES[c]) for c in part))
    return _cn_integer(part)


def _zh_percent(match: re.Match[str], text: str) -> Quantity:
    body = match.group("pct")
    number = re.match(_NUM, body)
    assert number is not None
    value = _decimal(number.group())
    if body.endswith("‰"):
        value /= 10
    return _quantity(text, match, "pct", value, PERCENT)


def _zh_ordinal(match: re.Match[str], text: str, normal: str) -> Quantity | None:
    start = match.start("ord")
    if normal.startswith(_ZH_IDIOMS, start):
        return None
    body = match.group("ord")[1:].strip()
    value = _decimal(body) if body[0].isdigit() else _zh_number(body)
    if value is None:
        return None
    return _quantity(text, match, "ord", value, ORDINAL)


def _zh_arabic(match: re.Match[str], text: str, normal: str) -> Quantity:
    number = re.match(_NUM, match.group("arabic"))
    assert number is not None
    multipliers = match.group("mult") or ""
    end = match.end("arabic")
    if multipliers.endswith("千") and normal[end : end + 1] in _SI_AFTER_QIAN:
        multipliers = multipliers[:-1]  # 5千米 is 5 km, 100万千瓦 is a million kW
        end -= 1
    if not multipliers:
        end = match.start("arabic") + len(number.group())
    value = _decimal(number.group())
    for char in multipliers:
        value *= _CN_BIG_VALUES.get(char) or _CN_UNIT_VALUES[char]
    start = match.start("arabic")
    return Quantity(_clean(value), NUMBER, text[start:end], start, end)


def _zh_numeral(match: re.Match[str], text: str, normal: str) -> Quantity | None:
    body = match.group("cn")
    start, end = match.span("cn")
    if body[0] not in _CN_DIGIT_VALUES and body[0] != "十":
        return None  # 万一, 千万, 百姓: a multiplier first is a word, not a figure
    if normal[start - 1 : start] in ("数", "几"):
        return None  # 数十个, 几十个: "dozens", not ten
    if re.search(f"[{_CN_DIGITS[2:]}]{{2}}", body.split("点")[0]):
        return None  # 三四个, 十三五, 二〇一九 outside a date: ranges, names, digit strings
    has_unit = any(c in _CN_UNIT_VALUES or c in _CN_BIG_VALUES for c in body) or "点" in body
    if not has_unit or body == "十":
        after = normal[end : end + 2]
        counted = after[:1] in _MEASURES or after.startswith(_MEASURE_PAIRS)
        if body == "一" or not counted:
            return None
    value = _zh_number(body)
    if value is None:
        return None
    return Quantity(value, NUMBER, text[start:end], start, end)


def _zh_number(body: str) -> Decimal | None:
    """十二点五 -> 12.5, 三点六亿 -> 360000000, 12.5 -> 12.5; None when it is not a number."""
    body = body.strip()
    if not body:
        return None
    if body[0].isdigit():
        try:
            return _decimal(body)
        except InvalidOperation:
            return None
    if "点" not in body:
        integer = _cn_integer(body)
        return None if integer is None else Decimal(integer)
    whole, rest = body.split("点", 1)
    digits = "".join(str(_CN_DIGIT_VALUES[c]) for c in rest if c in _CN_DIGITS)
    multipliers = rest[len(digits) :]
    integer = _cn_integer(whole)
    if integer is None or not digits:
        return None
    value = Decimal(f"{integer}.{digits}")
    for char in multipliers:
        value *= _CN_BIG_VALUES[char]
    return _clean(value)


def _cn_integer(body: str) -> int | None:
    """一百二十三 -> 123, 两千 -> 2000, 十七 -> 17, 三亿五千万 -> 350000000."""
    total = section = 0
    digit: int | None = None
    for char in body:
        if char in _CN_DIGIT_VALUES:
            digit = _CN_DIGIT_VALUES[char]
        elif char in _CN_UNIT_VALUES:
            section += (1 if digit is None else digit) * _CN_UNIT_VALUES[char]
            digit = None
        elif char in _CN_BIG_VALUES:
            big = _CN_BIG_VALUES[char]
            section += digit or 0
            if big > 10**4:
                total = (total + section) * big
            else:
                total += section * big
            section, digit = 0, None
        else:
            return None
    return total + section + (digit or 0)


# -- English ---------------------------------------------------------------------------------------

# The English number words, zero to nineteen and the tens (style and grammar read them too).
EN_UNITS = _words(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen "
    "fourteen fifteen sixteen seventeen eighteen nineteen"
)
EN_TENS = _words("twenty thirty forty fifty sixty seventy eighty ninety")
_EN_ORDINAL_UNITS = _words(
    "zeroth first second third fourth fifth sixth seventh eighth ninth tenth eleventh "
    "twelfth thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth "
    "nineteenth"
)
_EN_ORDINAL_TENS = _words(
    "twentieth thirtieth fortieth fiftieth sixtieth seventieth eightieth ninetieth"
)
_EN_SCALES = {
    "hundred": 100,
    "thousand": 10**3,
    "million": 10**6,
    "billion": 10**9,
    "trillion": 10**12,
}
_EN_SHORT_SCALES = {"bn": 10**9, "mn": 10**6, **_EN_SCALES}

_EN_CARDINALS: dict[str, int] = {w: i for i, w in enumerate(EN_UNITS)}
_EN_CARDINALS.update({w: 20 + 10 * i for i, w in enumerate(EN_TENS)})
_EN_ORDINALS: dict[str, int] = {w: i for i, w in enumerate(_EN_ORDINAL_UNITS)}
_EN_ORDINALS.update({w: 20 + 10 * i for i, w in enumerate(_EN_ORDINAL_TENS)})
_EN_ORDINALS.update({"hundredth": 100, "thousandth": 10**3, "millionth": 10**6})
# Words that stand for two where Chinese says 两 or 双 (two governments, bi-national projects).
_EN_TWO = ("both", "bilateral", "bi-national", "binational", "twice", "double", "dual", "twin")
_EN_MONTHS = {name.lower(): i for i, name in enumerate(_MONTH_NAMES, start=1)}
_EN_MONTHS.update({name[:3].lower(): i for i, name in enumerate(_MONTH_NAMES, start=1)})
_EN_MONTHS["sept"] = 9
# "May" is a month only next to a day or a year, or after one of these words.
_MAY_BEFORE = frozenset(
    _words("in since until till by early late mid of last next this from to through during")
    + _words("before after")
)

_CARDINAL_ALTERNATION = "|".join(sorted([*_EN_CARDINALS, *_EN_SCALES], key=len, reverse=True))
_ORDINAL_ALTERNATION = "|".join(sorted(_EN_ORDINALS, key=len, reverse=True))
_WORD_SEP = r"(?:\s+and\s+|[\s-]+)"
# Cardinals and scales, ending in an ordinal or not ("twenty-first"); an ordinal ends a run, so
# "the first seven months" is 1st and 7, not 8.
_WORD_RUN = (
    rf"(?:(?:{_CARDINAL_ALTERNATION})(?:{_WORD_SEP}(?:{_CARDINAL_ALTERNATION}))*"
    rf"(?:{_WORD_SEP}(?:{_ORDINAL_ALTERNATION}))?|(?:{_ORDINAL_ALTERNATION}))"
)
_MONTH_FULL = "|".join(_MONTH_NAMES)
_MONTH_ANY = _MONTH_FULL + "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
_MONTH_WORD = re.compile(rf"\b(?:{_MONTH_ANY})\b")
_EN_PERCENT = r"\s*(?:%|(?i:per\s?cent\b|percentage\s+points?\b|percent\b))"
_EN_DIGIT_ALTERNATIVES = (
    _ISO_DATE,
    r"(?P<clock>(?<![\d:])\d{1,2}:\d{2}(?::\d{2})?(?![\d:])(?:\s*(?i:([ap])\.?m\b\.?))?"
    r"|(?<![\d.])\d{1,2}\.\d{2}\s*(?i:[ap]\.?m\b\.?))",
    _VERSION,
    rf"(?P<dm>(?<![\d.])\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTH_ANY})\b)",
    r"(?P<endecade>(?<![\d.])(?:\d{4}|['’]\d{2})s\b)",
    rf"(?P<pctrange>(?<![\d.]){_NUM}\s*[-–—]\s*{_NUM}{_EN_PERCENT})",
    rf"(?P<pct>(?<![\d.]){_NUM}{_EN_PERCENT})",
    rf"(?P<scaled>(?<![\d.]){_NUM}\s*(?i:(?:{'|'.join(_EN_SHORT_SCALES)})\b))",
    r"(?P<ordnum>(?<![\d.])\d+(?:st|nd|rd|th)\b)",
    rf"(?P<num>(?<![\d.]){_NUM})",
)
_EN_WORD_ALTERNATIVES = (
    rf"(?P<md>(?:{_MONTH_ANY})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?![\d,]\d))",
    rf"(?P<mon>(?:{_MONTH_FULL})\b)",
    rf"(?P<two>(?i:{'|'.join(_EN_TWO)})\b)",
    rf"(?P<spelled>(?P<words>(?i:{_WORD_RUN})\b)(?P<wpct>{_EN_PERCENT})?)",
)
# The letters a figure in words can start with: a month (capitalised) or, in any case, a number
# word or a word for two.
_EN_WORD_STARTS = "".join(
    sorted(
        {month[0] for month in _MONTH_ANY.split("|")}
        | {
            case(word[0])
            for word in (*_EN_CARDINALS, *_EN_SCALES, *_EN_ORDINALS, *_EN_TWO)
            for case in (str.lower, str.upper)
        }
    )
)
# Figures start at a digit or at the start of a word; the lookaheads skip every other position
# (and every word that starts with a letter no figure starts with).
_EN_PATTERN = re.compile(
    r"(?=\d)(?:"
    + "|".join(_EN_DIGIT_ALTERNATIVES)
    + rf")|\b(?=[{_EN_WORD_STARTS}])(?:"
    + "|".join(_EN_WORD_ALTERNATIVES)
    + ")"
)
_DECADES_OR_DOZENS = re.compile(r"[\s-]+(decades?|dozens?)\b", re.IGNORECASE)


def en_quantities(text: str) -> list[Quantity]:
    """Figures in English text, in order: 17, 1,200, 3.6 million, seventeen, 12.5% / per cent,
    21st, the third, November 21, 21 November, April, 2019-11-24, 4:30 p.m. Never raises."""
    found: list[Quantity] = []
    for match in _EN_PATTERN.finditer(text):
        kind = match.lastgroup
        if kind == "iso":
            found.extend(_iso_and_time(match, text))
        elif kind == "clock":
            quantity = _en_clock(match, text)
            if quantity is not None:
                found.append(quantity)

        elif kind in ("md", "dm"):
            quantity = _en_date(match, text, kind)
            if quantity is not None:
                found.append(quantity)
        elif kind == "mon":
            quantity = _en_month(match, text)
            if quantity is not None:
                found.append(quantity)
        elif kind == "pct":
            number = re.match(_NUM, match.group("pct"))
            assert number is not None
            found.append(_quantity(text, match, "pct", _decimal(number.group()), PERCENT))
        elif kind == "endecade":
            continue  # the 1990s: a decade, compared with nothing
        elif kind == "pctrange":
            start = match.start("pctrange")
            for number in re.finditer(_NUM, match.group("pctrange")):
                a, b = start + number.start(), start + number.end()
                found.append(Quantity(_decimal(number.group()), PERCENT, text[a:b], a, b))
        elif kind == "scaled":
            number = re.match(_NUM, match.group("scaled"))
            assert number is not None
            scale = _EN_SHORT_SCALES[match.group("scaled")[number.end() :].strip().lower()]
            value = _decimal(number.group()) * scale
            found.append(_quantity(text, match, "scaled", value, NUMBER))
        elif kind == "ordnum":
            value = Decimal(match.group("ordnum")[:-2])
            found.append(_quantity(text, match, "ordnum", value, ORDINAL))
        elif kind == "num":
            found.append(_quantity(text, match, "num", _decimal(match.group("num")), NUMBER))
        elif kind == "two":
            found.append(_quantity(text, match, "two", Decimal(2), NUMBER))
        elif kind == "spelled":
            quantity = _en_words(match, text)
            if quantity is not None:
                found.append(quantity)
    for i, quantity in enumerate(found):
        # "two decades" is 20 (二十年), "three dozen" 36
        after = _DECADES_OR_DOZENS.match(text, quantity.end)
        if after is not None and quantity.kind == NUMBER:
            factor = 10 if after.group(1).lower().startswith("decade") else 12
            found[i] = dataclasses.replace(quantity, value=quantity.value * factor)
    return found


def _en_clock(match: re.Match[str], text: str) -> Quantity | None:
    body = match.group("clock")
    hour, minute = (int(p) for p in re.findall(r"\d+", body)[:2])
    meridiem = re.search(r"([ap])\.?m\b", body, re.IGNORECASE)
    half = meridiem.group(1).lower() if meridiem else ""
    if half == "p" and hour < 12:
        hour += 12
    elif half == "a" and hour == 12:
        hour = 0
    if hour >= 24 or minute >= 60:
        return None
    return _quantity(text, match, "clock", Decimal(hour * 100 + minute), TIME)


def _en_date(match: re.Match[str], text: str, group: str) -> Quantity | None:
    body = match.group(group)
    month_word = _MONTH_WORD.search(body)
    day = re.search(r"\d{1,2}", body)
    if month_word is None or day is None or not 1 <= int(day.group()) <= 31:
        return None
    month = _EN_MONTHS[month_word.group().lower()]
    return _quantity(text, match, group, Decimal(month * 100 + int(day.group())), DATE)


def _en_month(match: re.Match[str], text: str) -> Quantity | None:
    word = match.group("mon")
    if word == "May":
        before = re.search(r"([A-Za-z]+)[\s-]+\Z", text[max(0, match.start() - 20) : match.start()])
        after = re.match(r"\s+\d{4}\b", text[match.end() :])
        if not (after or (before and before.group(1).lower() in _MAY_BEFORE)):
            return None
    return _quantity(text, match, "mon", Decimal(_EN_MONTHS[word.lower()]), MONTH)


# The letters that match an ASCII letter when case is ignored (the pattern matched "twenty ſeven")
_ASCII_CASE = str.maketrans("\u0130\u0131\u017f\u212a", "iisk")


def _en_words(match: re.Match[str], text: str) -> Quantity | None:
    """seventeen, three hundred and sixty million, twenty-first; None for a lone 'hundred'."""
    written = match.group("words").translate(_ASCII_CASE).lower()
    words = [w for w in re.findall(r"[a-z]+", written) if w != "and"]
    total = current = 0
    ordinal = False
    for word in words:
        amount = _EN_CARDINALS.get(word)
        if amount is None and word in _EN_ORDINALS:
            amount, ordinal = _EN_ORDINALS[word], True
        if amount is None:
            amount = _EN_SCALES[word]
        if amount < 100:
            current += amount
        elif amount == 100:
            current = max(current, 1) * 100
        else:
            total += max(current, 1) * amount
            current = 0
    if words[0] in _EN_SCALES:
        return None  # "hundred", "million" alone: hundreds of, millions of
    value = Decimal(total + current)
    if match.group("wpct"):
        return _quantity(text, match, "spelled", value, PERCENT)
    return _quantity(text, match, "spelled", value, ORDINAL if ordinal else NUMBER)


# -- comparison ------------------------------------------------------------------------------------

_COUNTS = frozenset((NUMBER, YEAR, ORDINAL, DAY))


def same_figure(a: Quantity, b: Quantity) -> bool:
    """Whether two figures (of either language) can be the same: 3.6亿 and 360 million, 11月21日
    and November 21, 21日 and the 21st, 2019年 and 2019, 十七 and seventeen."""
    if a.kind in _COUNTS and b.kind in _COUNTS:
        return a.value == b.value
    if a.kind == b.kind == TIME:
        return abs(a.value - b.value) in (0, 1200)  # 3点05分 is 3:05 p.m. as well as 15:05
    if a.kind == b.kind:
        return a.value == b.value
    pair = {a.kind, b.kind}
    date = a if a.kind == DATE else b
    other = b if date is a else a
    if pair == {DATE, MONTH}:
        return int(date.value) // 100 == other.value
    if pair == {DATE, DAY} or (date.kind == DATE and other.kind in (ORDINAL, NUMBER)):
        return int(date.value) % 100 == other.value
    return False


FAMILIES = {
    NUMBER: "count",
    ORDINAL: "count",
    PERCENT: "percent",
    YEAR: "date",
    MONTH: "date",
    DAY: "date",
    DATE: "date",
    TIME: "date",
}


@dataclass(frozen=True)
class FigureProblem:
    """A figure of the Chinese the English lacks (`missing`, with the English figure that most
    likely stands for it, if any) or a figure in digits only the English has (`added`)."""

    missing: Quantity | None
    added: Quantity | None

    def message(self) -> str:
        if self.missing is not None and self.added is not None:
            return (
                f"{self.missing.describe()} not found in English; "
                f"the English has {self.added.describe()}"
            )
        if self.missing is not None:
            return f"{self.missing.describe()} not found in English"
        assert self.added is not None
        return f"{self.added.describe()} in the English is not in the Chinese"


def figure_problems(source: str, target: str) -> list[FigureProblem]:
    """Figures of the Chinese source missing from the English target, and figures written in
    digits in the English that the Chinese does not have; [] when they agree.

    A figure counts as present when any figure of the other side is the same (same_figure), so a
    figure repeated in the Chinese needs to appear only once in the English. A missing figure is
    paired with an added one that shares its significant digits (3.6亿 and 3.6 million) or,
    failing that, with the next added figure of the same family (a date for a date, a percentage
    for a percentage): most likely the same figure, mistyped.
    """
    return _problems(zh_quantities(source), en_quantities(target))


def _problems(chinese: list[Quantity], english: list[Quantity]) -> list[FigureProblem]:
    # 2:13:38 is a race time as often as a clock: its parts may stand for 2小时13分38秒.
    parts = [
        Quantity(_decimal(m.group()), NUMBER, m.group(), e.start + m.start(), e.start + m.end())
        for e in english
        if e.kind == TIME and e.text.count(":") == 2
        for m in re.finditer(r"\d+", e.text)
    ]
    matchable = english + parts
    missing = _unique(q for q in chinese if not any(same_figure(q, e) for e in matchable))
    extra = _unique(
        e
        for e in english
        if any(c.isdigit() for c in e.text)
        and not any(same_figure(q, e) for q in chinese)
        and not any(
            e.start <= part.start < e.end and any(same_figure(q, part) for q in chinese)
            for part in parts
        )
    )
    problems = []
    for quantity in missing:
        lookalike = next((e for e in extra if _same_digits(quantity, e)), None)
        if lookalike is None:
            lookalike = next((e for e in extra if _same_family(quantity, e)), None)
        if lookalike is not None:
            extra.remove(lookalike)
        problems.append(FigureProblem(quantity, lookalike))
    problems.extend(FigureProblem(None, e) for e in extra)
    return problems


def _same_family(chinese: Quantity, english: Quantity) -> bool:
    if chinese.kind == YEAR and english.kind == NUMBER:
        return english.value == int(english.value) and 1900 <= english.value <= 2100
    return FAMILIES.get(chinese.kind) == FAMILIES.get(english.kind)


def compare_quantities(source: str, target: str) -> list[str]:
    """figure_problems as one-line messages; [] when the figures agree."""
    return [problem.message() for problem in figure_problems(source, target)]


def quantities_differ(a_zh: str, b_zh: str) -> list[tuple[str, str]]:
    """Figures that differ between two Chinese sentences, as (as in a, as in b) pairs, in order:
    ("17", "10"), ("3.6亿", "2.8亿"); a figure only one sentence has pairs with "". [] if none."""
    first = zh_quantities(a_zh)
    second = zh_quantities(b_zh)
    keys_a = [(q.kind, q.value) for q in first]
    keys_b = [(q.kind, q.value) for q in second]
    pairs: list[tuple[str, str]] = []
    matcher = SequenceMatcher(None, keys_a, keys_b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        left = [q.text for q in first[i1:i2]]
        right = [q.text for q in second[j1:j2]]
        for k in range(max(len(left), len(right))):
            pairs.append((left[k] if k < len(left) else "", right[k] if k < len(right) else ""))
    return pairs


def _unique(quantities: Iterator[Quantity] | Sequence[Quantity]) -> list[Quantity]:
    seen: set[tuple[str, Decimal]] = set()
    out = []
    for quantity in quantities:
        key = (quantity.kind, quantity.value)
        if key not in seen:
            seen.add(key)
            out.append(quantity)
    return out


def _same_digits(a: Quantity, b: Quantity) -> bool:
    """3.6亿 and 3.6 million share their significant digits: likely one figure, wrongly scaled."""
    if a.kind not in _COUNTS or b.kind not in _COUNTS or not a.value or not b.value:
        return False
    return _significant(a.value) == _significant(b.value)


def _significant(value: Decimal) -> str:
    return str(value.normalize().as_tuple().digits)
