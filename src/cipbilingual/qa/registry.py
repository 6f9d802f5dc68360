"""Every QA check by name: its default severity, its one-line summary and its tunable parameters.

A declarative table with no heavy imports, so that `cipbilingual.toml` can be validated against
it and the README's list can be checked against it. Implementations live in the sibling modules
and are tied to these names by `cipbilingual.qa.engine`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType

from cipbilingual.messages import N_
from cipbilingual.models import Severity

ParamValue = bool | int | float | str | tuple[str, ...]


class Scope(StrEnum):
    SEGMENT = "segment"  # judges one pair on its own
    ARTICLE = "article"  # judges segments in document order (e.g. the first-mention rule)


@dataclass(frozen=True)
class Param:
    """A tunable threshold or choice: its default (whose type the setting must have), what it
    means, and for a choice the values it may take."""

    default: ParamValue
    help: str
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class CheckSpec:
    """One check as users see it: a name, a default severity, a summary, its parameters.

    `headline` says whether the check judges the title: English headlines are written rather
    than translated (names, figures of speech and clauses are left out on purpose).
    """

    name: str
    severity: Severity
    summary: str
    params: Mapping[str, Param] = field(default_factory=lambda: MappingProxyType({}))
    scope: Scope = Scope.SEGMENT
    headline: bool = True


def _params(**params: Param) -> Mapping[str, Param]:
    return MappingProxyType(params)


E, W = Severity.ERROR, Severity.WARNING

CHECKS: tuple[CheckSpec, ...] = (
    CheckSpec("empty", E, N_("the English has no words")),
    CheckSpec("identical", E, N_("the English is the Chinese, copied")),
    CheckSpec(
        "numbers", E, N_("a figure of the Chinese is missing or changed (3.6亿 is 360 million)")
    ),
    CheckSpec("numbers-added", W, N_("a figure in digits that the Chinese does not have")),
    CheckSpec(
        "dates",
        E,
        N_("a date, year, weekday, time or part of day (上午, 下午, 去年) is missing or changed"),
    ),
    CheckSpec("percent", E, N_("a percentage is missing or changed")),
    CheckSpec("currency", E, N_("an amount's currency is missing or wrong (元 is yuan / RMB)")),
    CheckSpec("urls", E, N_("a web address or e-mail address is not carried over unchanged")),
    CheckSpec(
        "names",
        E,
        N_("a personal name's pinyin is not in the English (warning when it is only absent)"),
        headline=False,
    ),
    CheckSpec(
        "omission",
        W,
        N_("a clause of the Chinese has no counterpart in the English (CC-CEDICT glosses)"),
        params=_params(
            min_words=Param(4, "content words a clause needs before it is judged"),
            max_covered=Param(0.0, "share of a clause's words found in the English at most"),
        ),
        headline=False,
    ),
    CheckSpec("chinese-left", E, N_("Chinese characters left in the English")),
    CheckSpec("cjk-punctuation", W, N_("full-width punctuation (，。：) in the English")),
    CheckSpec("unbalanced", W, N_("brackets or quotation marks that are not closed")),
    CheckSpec("whitespace", W, N_("a double space, or a space before punctuation")),
    CheckSpec("doubled-words", E, N_("a word written twice in a row (\u201cto to\u201d)")),
    CheckSpec("repetition", E, N_("looping output: a word or phrase repeated many times")),
    CheckSpec(
        "length",
        W,
        N_("the English is unusually long or short for the Chinese"),
        params=_params(
            # English characters per Chinese character: the 0.1st and 99.9th percentiles of
            # 7,379 published zh->en news pairs (WMT18-20, median 4.0); see docs/qa.md.
            min_ratio=Param(1.6, "English characters per Chinese character, at least"),
            max_ratio=Param(9.3, "English characters per Chinese character, at most"),
            min_chinese=Param(12, "Chinese characters a segment needs before it is judged"),
        ),
        headline=False,
    ),
    CheckSpec("glossary-forbidden", E, N_("a variant the house glossary forbids (WFOE for WOFE)")),
    CheckSpec(
        "glossary-first-mention",
        E,
        N_(
            "the first mention is not \u201cFull Form (ABBR)\u201d "
            "(warning when only the (ABBR) is missing)"
        ),
        scope=Scope.ARTICLE,
    ),
    CheckSpec(
        "glossary-missing",
        W,
        N_("a glossary term of the Chinese without its house English"),
        headline=False,
    ),
    CheckSpec("mt-unedited", W, N_("confirmed or approved exactly as the machine drafted it")),
    # The English on its own: spelling, grammar and house style (docs/qa.md, "The English").
    CheckSpec(
        "spelling",
        W,
        N_("a word the dictionary does not know (house words, names and abbreviations excepted)"),
        params=_params(
            words=Param((), "house words never flagged, beside the glossary's English"),
        ),
    ),
    CheckSpec(
        "grammar",
        W,
        N_("a grammar slip: a/an, agreement, verb form, its/it's, than/then, capitals …"),
        headline=False,
    ),
    CheckSpec(
        "style-spelling",
        W,
        N_("British spelling in an American house (Centre for Center), or the other way round"),
        params=_params(
            dialect=Param("american", "the house's spelling", ("american", "british")),
        ),
    ),
    CheckSpec(
        "style-percent",
        W,
        N_("a percentage not written the house's way (12.5 percent or 12.5%)"),
        params=_params(form=Param("%", "how percentages are written", ("%", "percent"))),
    ),
    CheckSpec(
        "style-currency",
        W,
        N_("an amount in renminbi not written the house's way (360 million yuan or RMB)"),
        params=_params(form=Param("yuan", "how renminbi amounts are written", ("yuan", "RMB"))),
    ),
    CheckSpec(
        "style-dates",
        W,
        N_("a date not written the house's way (November 21: the month in full, no ordinal)"),
        params=_params(
            order=Param("month-day", "November 21 or 21 November", ("month-day", "day-month")),
        ),
    ),
    CheckSpec(
        "style-numerals",
        W,
        N_("one to nine in words, 10 and above in figures"),
        params=_params(
            spell_out_below=Param(10, "numbers below this are written in words"),
        ),
        headline=False,
    ),
    CheckSpec(
        "style-serial-comma",
        W,
        N_("the serial comma (\u201ca, b, and c\u201d) used or left out against house style"),
        params=_params(serial=Param(False, "whether the house writes the serial comma")),
    ),
)

BY_NAME: Mapping[str, CheckSpec] = MappingProxyType({c.name: c for c in CHECKS})


def spec(name: str) -> CheckSpec:
    """The check called `name`; raises KeyError."""
    return BY_NAME[name]
