"""The house glossary as a gettext catalog."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cipbilingual.errors import CatalogError, ConflictError
from cipbilingual.models import Term, TermStatus
from cipbilingual.store import dumps_terms, load_terms, loads_terms, save_terms
from tests.conftest import CORPUS
from tests.store.conftest import Msgcat
from tests.store.strategies import comment_text, news_text

P = Path("locales/en/LC_MESSAGES/glossary.po")


def seed_terms() -> list[Term]:
    with (CORPUS / "glossary-seed.tsv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    terms = [
        Term(
            source=row["zh"],
            target=row["en"],
            abbreviation=row["abbreviation"] or "",
            note=row["note"] or "",
            full_form_first=bool(row["abbreviation"]),
        )
        for row in rows
    ]
    terms.append(
        Term(
            "外商独资企业",
            "WOFE",
            sense="abbreviated",
            forbidden=("WFOE", "W.F.O.E."),
            variants=("wholly foreign-owned enterprise",),
            status=TermStatus.ADMITTED,
            case_sensitive=True,
        )
    )
    terms.append(Term("外资企业", "foreign-funded enterprise", status=TermStatus.DEPRECATED))
    return terms


def test_round_trip_in_source_order() -> None:
    terms = seed_terms()
    loaded = loads_terms(dumps_terms(terms), P)
    assert loaded == sorted(terms, key=lambda t: (t.source, t.sense))


def test_file_shape() -> None:
    text = dumps_terms(seed_terms())
    assert '"Language: en\\n"' in text and '"X-Source-Language: zh\\n"' in text
    assert (
        "# abbreviation: CIP\n# note: First mention in full with (CIP); later mentions may use "
        'CIP or "the Park".\n# full-form-first: yes\nmsgid "中以常州创新园"\n'
        'msgstr "China-Israel Changzhou Innovation Park"\n'
    ) in text
    assert (
        "# forbidden: WFOE\n# forbidden: W.F.O.E.\n# variant: wholly foreign-owned enterprise\n"
        "# status: admitted\n# case-sensitive: yes\n"
        'msgctxt "abbreviated"\nmsgid "外商独资企业"\nmsgstr "WOFE"\n'
    ) in text


def test_msgcat_stable(msgcat: Msgcat) -> None:
    text = dumps_terms(seed_terms())
    assert msgcat(text) == text
    assert msgcat(dumps_terms([])) == dumps_terms([])


def test_missing_file_is_an_empty_glossary(tmp_path: Path) -> None:
    assert load_terms(tmp_path / "glossary.po") == []


def test_save_and_load(tmp_path: Path) -> None:
    path = tmp_path / "glossary.po"
    save_terms(seed_terms(), path)
    assert load_terms(path) == sorted(seed_terms(), key=lambda t: (t.source, t.sense))
    save_terms([], path)
    assert load_terms(path) == []


def test_duplicate_term_is_refused() -> None:
    with pytest.raises(ConflictError, match="'高新区' twice"):
        dumps_terms([Term("高新区", "High-tech Zone"), Term("高新区", "Hi-tech Zone")])


def test_obsolete_entry_reads_as_deprecated() -> None:
    text = dumps_terms([Term("园区", "the Park")]).replace(
        'msgid "园区"\nmsgstr "the Park"', '#~ msgid "园区"\n#~ msgstr "the Park"'
    )
    assert loads_terms(text, P) == [Term("园区", "the Park", status=TermStatus.DEPRECATED)]


def test_bad_status_names_the_line() -> None:
    text = dumps_terms([Term("园区", "the Park", status=TermStatus.ADMITTED)])
    bad = text.replace("status: admitted", "status: maybe")
    line = bad.splitlines().index('msgid "园区"') + 1
    with pytest.raises(CatalogError, match=rf"glossary\.po:{line}: unknown status 'maybe'"):
        loads_terms(bad, P)


# News text as the text rule accepts it (no carriage returns; see cipbilingual.text).
storable = news_text.map(lambda s: s.replace("\r", ""))
terms_strategy = st.lists(
    st.builds(
        Term,
        source=storable.filter(bool),
        target=storable,
        sense=st.one_of(st.just(""), storable),
        abbreviation=comment_text,
        note=comment_text,
        forbidden=st.lists(comment_text.filter(bool), max_size=3).map(tuple),
        variants=st.lists(comment_text.filter(bool), max_size=2).map(tuple),
        status=st.sampled_from(list(TermStatus)),
        case_sensitive=st.booleans(),
        full_form_first=st.booleans(),
    ),
    max_size=6,
    unique_by=lambda t: (t.source, t.sense),
)


@settings(max_examples=40, deadline=None)
@given(terms=terms_strategy)
def test_any_glossary_round_trips_and_is_msgcat_stable(terms: list[Term], msgcat: Msgcat) -> None:
    text = dumps_terms(terms)
    assert loads_terms(text, P) == sorted(terms, key=lambda t: (t.source, t.sense))
    assert msgcat(text) == text
