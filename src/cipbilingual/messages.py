"""Core messages in the reader's language (en, zh_CN) from the package's gettext catalogs.

QA checks speak in English templates marked with `N_` (`"{figure} not found in English"`); a
finding's message is the template translated and filled in. The catalogs are the UI's
(`locales/*/LC_MESSAGES/cipbilingual.mo`), so one `scripts/ui_catalogs.py` run covers both.
"""

from __future__ import annotations

import gettext
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

DOMAIN = "cipbilingual"
LOCALES_DIR = Path(__file__).resolve().parent.parent / "locales"
LANGUAGES = ("en", "zh_CN")


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
