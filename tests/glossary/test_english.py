"""How English forms are recognised: plurals, dashes, spaces, case, special characters."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cipbilingual.glossary import Glossary, check_segment
from cipbilingual.glossary.english import form_pattern
from cipbilingual.models import Term


def matches(form: str, text: str, *, case_sensitive: bool = False) -> bool:
    return re.search(form_pattern(form, case_sensitive=case_sensitive), text) is not None


@pytest.mark.parametrize(
    ("form", "text", "expected"),
    [
        ("High-tech Zone", "the High‑tech Zone", True),  # non-breaking hyphen
        ("High-tech Zone", "the High–tech\n  Zone", True),
        ("High-tech Zone", "the High tech Zone", False),
        ("company", "two companies", True),
        ("enterprise", "enterprises", True),
        ("WOFE", "WOFEs", True),
        ("WOFE", "WOFEship", False),
        ("CIP", "RECIPE", False),
        ("Park", "the Park's plans", True),
        ("Park", "the Park’s plans", True),
        ("R&D (research)", "our R&D (research) team", True),
        ("C++", "written in C++ today", True),
        ("the Pilot", "a Pilot project", True),
        ("the Pilot", "The Pilot project", True),
    ],
)
def test_form_patterns(form: str, text: str, expected: bool) -> None:
    assert matches(form, text) is expected


def test_case_sensitive_forms() -> None:
    assert matches("High-tech Zone", "High-tech Zone", case_sensitive=True)
    assert not matches("High-tech Zone", "high-tech zone", case_sensitive=True)
    assert matches("smart city", "Smart city plans", case_sensitive=True)
    assert not matches("smart city", "Smart City plans", case_sensitive=True)


@given(st.text(max_size=40), st.text(max_size=60))
def test_checks_never_crash_on_any_text(source: str, target: str) -> None:
    g = Glossary(
        [
            Term(
                "外商独资企业",
                "wholly foreign-owned enterprise",
                abbreviation="WOFE",
                forbidden=("WFOE",),
                full_form_first=True,
            ),
            Term("高新区", "High-tech Zone", forbidden=("Hi-tech Zone",), case_sensitive=True),
        ]
    )
    for finding in check_segment(g, source + "外商独资企业", target):
        assert finding.check.startswith("glossary-")
