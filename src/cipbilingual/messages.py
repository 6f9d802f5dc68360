"""Core messages in the reader's language (en, zh_CN) from the package's gettext catalogs.

QA checks speak in English templates marked with `N_` (`"{figure} not found in English"`); a
finding's message is the template translated and filled in. The catalogs are the UI's
(`locales/*/LC_MESSAGES/cipbilingual.mo`), so one `scripts/ui_catalogs.py` run covers both.
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

DOMAIN = "cipbilingual"
LOCALES_DIR = Path(__file__).resolve().parent / "locales"
LANGUAGES = ("en", "zh_CN")
_ENV_ORDER = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def resolve_language(option: str | None, env: Mapping[str, str] | None = None) -> str:
    """`--lang` if given, else the first locale variable set in the environment (as gettext reads
    them): any Chinese locale gives zh_CN, anything else English. Raises UsageError on an
    unknown `--lang`."""
    if option:
        if option not in LANGUAGES:
            from cipbilingual.errors import UsageError

            raise UsageError(f"'{option}' is not a UI language", hint="use en or zh_CN")
        return option
    environ = os.environ if env is None else env
    for var in _ENV_ORDER:
        value = environ.get(var, "")
        if not value:
            continue
        code = value.split(":")[0].split(".")[0].split("@")[0]
        if code.lower().startswith("zh"):
            return "zh_CN"
        if code and code not in ("C", "POSIX"):
            return "en"
    return "en"


@lru_cache(maxsize=4)
def _catalog(language: str) -> gettext.NullTranslations:
    if language == "en":
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, localedir=LOCALES_DIR, languages=[language], fallback=True)


def N_(message: str) -> str:
    """Mark a message for extraction into the catalogs; it is translated where it is shown."""
    return message


def translate(template: str, language: str = "en") -> str:
    """The template in `language` (English when there is no translation)."""
    return _catalog(language).gettext(template)


def render(template: str, params: Mapping[str, str], language: str = "en") -> str:
    """The template in `language`, its `{fields}` filled from `params`. A translation that names a
    field the template does not have falls back to the English, so a bad catalog cannot break QA."""
    text = translate(template, language)
    try:
        return text.format_map(params)
    except (KeyError, IndexError, ValueError):
        return template.format_map(params)
