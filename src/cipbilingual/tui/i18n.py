"""The UI's language: gettext catalogs shipped in the package, and Babel formatting of dates and
numbers. One process shows one UI language at a time; `build_app` chooses it."""

from __future__ import annotations

import functools
import gettext
from collections.abc import Mapping
from datetime import date, datetime
from pathlib import Path

from babel import Locale
from babel.dates import format_date as _babel_format_date
from babel.numbers import format_decimal

from cipbilingual.errors import UsageError

DOMAIN = "cipbilingual"
LOCALES_DIR = Path(__file__).resolve().parent.parent / "locales"
LANGUAGES: tuple[str, ...] = ("en", "zh_CN")

_active: gettext.NullTranslations = gettext.NullTranslations()
_language = "en"


def resolve_language(option: str | None, env: Mapping[str, str] | None = None) -> str:
    """`--lang` if given, else the environment's locale (see cipbilingual.messages)."""
    from cipbilingual.messages import resolve_language as resolve

    return resolve(option, env)


def set_language(language: str) -> None:
    """Make `language` (en or zh_CN) the one every `_()` call answers in."""
    global _active, _language
    if language not in LANGUAGES:
        raise UsageError(f"'{language}' is not a UI language", hint="use en or zh_CN")
    _language = language
    _active = gettext.translation(
        DOMAIN, localedir=LOCALES_DIR, languages=[language], fallback=True
    )


def language() -> str:
    return _language


def locale() -> Locale:
    return _locale(_language)


@functools.lru_cache(maxsize=8)
def _locale(language: str) -> Locale:
    return Locale.parse(language)


def _(message: str) -> str:
    """The message in the UI language."""
    return _active.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _active.ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark a message for extraction; it is translated later, where it is shown."""
    return message


def format_date(iso: str) -> str:
    """An ISO 8601 date or time as a medium date in the UI language; the text itself when it is
    not a date."""
    text = iso.strip()
    if not text:
        return ""
    try:
        parsed: date = datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        try:
            parsed = date.fromisoformat(text[:10])
        except ValueError:
            return text
    return _babel_format_date(parsed, format="medium", locale=locale())


def format_count(n: int | float) -> str:
    if isinstance(n, int) and -1000 < n < 1000:
        return _small_count(n, _language)  # most counts: formatted once per language
    return format_decimal(n, locale=locale())


@functools.lru_cache(maxsize=4096)
def _small_count(n: int, language: str) -> str:
    return format_decimal(n, locale=_locale(language))
