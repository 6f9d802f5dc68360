"""Helpers for the QA tests: the house glossary of the sample workspace, pairs to findings."""

from __future__ import annotations

from pathlib import Path

import pytest

from cipbilingual.glossary import Glossary
from cipbilingual.qa import CheckContext, check_pair
from cipbilingual.store import load_terms

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def house() -> Glossary:
    return Glossary(load_terms(REPO / "locales" / "en" / "LC_MESSAGES" / "glossary.po"))


def checks(zh: str, en: str, glossary: Glossary | None = None, date: str = "") -> list[str]:
    """The names of the checks that flag the pair."""
    return [f.check for f in check_pair(zh, en, CheckContext(glossary=glossary), date=date)]
