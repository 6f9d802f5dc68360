"""The glossary collection: normalisation, validation, conflicts, senses, merge all-or-nothing."""

from __future__ import annotations

import pytest

from cipbilingual.errors import ConflictError, InputError, NotFoundError
from cipbilingual.glossary import Glossary, normalise_term
from cipbilingual.models import Term, TermStatus


def test_normalise_tidies_whitespace_and_lists() -> None:
    term = normalise_term(
        Term(
            " 高新区 ",
            " High-tech   Zone ",
            note="  Capitalised \n\n  as a   proper noun. ",
            forbidden=("Hi-tech Zone", " ", "Hi-tech Zone"),
            variants=("High-tech Zone", "high-tech park"),
        )
    )
    assert term.source == "高新区"
    assert term.target == "High-tech Zone"
    assert term.note == "Capitalised\nas a proper noun."
    assert term.forbidden == ("Hi-tech Zone",)
    assert term.variants == ("high-tech park",)  # the house English itself is not a variant


@pytest.mark.parametrize(
    ("term", "message"),
    [
        (Term("  ", "x"), "empty Chinese term"),
        (Term("常州", " "), "常州: no English given"),
        (Term("常州", "Changzhou", forbidden=("Changzhou",)), "both accepted and forbidden"),
        (Term("常州", "Changzhou", forbidden=("changzhou",)), "only in case"),
        (Term("园区", "Park", full_form_first=True), "needs an abbreviation"),
        (Term("园区", "Park", forbidden=("a|b",)), "contains '|'"),
        (Term("常\n州", "Changzhou"), "control character"),
    ],
)
def test_unusable_terms_are_refused(term: Term, message: str) -> None:
    with pytest.raises(InputError, match=message.replace("|", r"\|")):
        Glossary([term])


def test_case_sensitive_terms_may_forbid_another_case() -> None:
    g = Glossary(
        [Term("高新区", "High-tech Zone", forbidden=("high-tech zone",), case_sensitive=True)]
    )
    assert g.get("高新区").forbidden == ("high-tech zone",)


def test_same_term_twice_needs_a_sense() -> None:
    g = Glossary([Term("园区", "the Park")])
    with pytest.raises(ConflictError, match="already in the glossary as 'the Park'") as info:
        g.add(Term("园区", "the Zone"))
    assert "--sense" in info.value.hint
    g.add(Term("园区", "the Zone", sense="zone"))
    assert [t.target for t in g.senses("园区")] == ["the Park", "the Zone"]
    assert g.get("园区", "zone").target == "the Zone"


def test_identical_add_is_a_no_op_and_replace_keeps_the_position() -> None:
    g = Glossary([Term("常州", "Changzhou"), Term("武进区", "Wujin District")])
    g.add(Term("常州", "Changzhou"))
    assert len(g) == 2
    g.add(Term("常州", "Changzhou City"), replace=True)
    assert [t.target for t in g] == ["Changzhou City", "Wujin District"]


def test_remove_one_sense_or_all() -> None:
    g = Glossary([Term("园区", "the Park"), Term("园区", "the Zone", sense="zone")])
    assert [t.target for t in g.remove("园区", "zone")] == ["the Zone"]
    g.add(Term("园区", "the Zone", sense="zone"))
    assert len(g.remove("园区")) == 2
    assert len(g) == 0
    with pytest.raises(NotFoundError, match="'园区' is not in the glossary"):
        g.remove("园区")
    with pytest.raises(NotFoundError, match=r"'园区 \[x\]'"):
        g.get("园区", "x")


def test_merge_is_all_or_nothing() -> None:
    g = Glossary([Term("常州", "Changzhou")])
    incoming = [Term("武进区", "Wujin District"), Term("常州", "Chang-chou")]
    with pytest.raises(ConflictError, match="not 'Chang-chou'"):
        g.merge(incoming)
    assert [t.source for t in g] == ["常州"]
    report = g.merge(incoming, replace=True)
    assert [t.source for t in report.added] == ["武进区"]
    assert [t.target for t in report.replaced] == ["Chang-chou"]
    report = g.merge([Term("常州", "Chang-chou")])
    assert len(report.unchanged) == 1 and not report.added


def test_status_and_flags_survive() -> None:
    g = Glossary([Term("启动区", "initially developed area", status=TermStatus.DEPRECATED)])
    assert g.get("启动区").status is TermStatus.DEPRECATED
