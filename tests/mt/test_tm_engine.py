"""The `tm` engine drafts only from 101% and 100% matches and says where they came from."""

from __future__ import annotations

from cipbilingual.models import Origin, State
from cipbilingual.mt.base import DraftRequest, Engine
from cipbilingual.mt.tm import CONFLICT_CHECK, UNAPPROVED_CHECK, TMEngine
from cipbilingual.tm import TranslationMemory
from tests.tm.helpers import make_article

A, T = State.APPROVED, State.TRANSLATED
TITLE = ("中以常州创新园召开研讨会", "CIP holds a seminar", A)
NOTED = ("会议指出。", "The meeting pointed out.", A)
ASKED = ("会议要求。", "The meeting asked.", A)


def engine(*articles: tuple[str, list[tuple[str, str, State]]]) -> TMEngine:
    tm = TranslationMemory()
    for slug, rows in articles:
        tm.add_article(make_article(slug, rows))
    return TMEngine(tm)


def test_exact_and_in_context_matches_become_drafts_with_their_origin() -> None:
    tm_engine: Engine = engine(("plan", [TITLE, NOTED, ASKED]))
    requests = [
        DraftRequest("p1.s1", NOTED[0], before=TITLE[0], after=ASKED[0]),
        DraftRequest("p5.s1", NOTED[0], before="别的。", after=""),
        DraftRequest("p6.s1", "会议指出要落实主体责任。"),  # only fuzzy: nothing
    ]
    ticks: list[int] = []
    drafts = tm_engine.translate(requests, progress=ticks.append)
    assert drafts[0] is not None and drafts[1] is not None and drafts[2] is None
    assert drafts[0].text == NOTED[1]
    assert drafts[0].origin == Origin(engine="tm", detail="plan p1.s1", score=101.0)
    assert drafts[1].origin.score == 100.0 and drafts[1].findings == ()
    assert sum(ticks) == 3


def test_conflicting_english_drafts_the_best_and_names_the_other() -> None:
    other = ("会议指出。", "It was noted at the meeting.", A)
    tm_engine = engine(("a", [TITLE, NOTED]), ("b", [("标题。", "T", A), other]))
    [draft] = tm_engine.translate([DraftRequest("p1.s1", NOTED[0], before=TITLE[0])])
    assert draft is not None and draft.text == NOTED[1]  # in context wins
    [finding] = draft.findings
    assert finding.check == CONFLICT_CHECK and finding.segment == "p1.s1"
    assert "It was noted at the meeting." in finding.message and "b p1.s1" in finding.message


def test_an_unapproved_match_is_drafted_with_a_warning() -> None:
    tm_engine = engine(("a", [TITLE, ("会议指出。", "Noted, unapproved.", T)]))
    [draft] = tm_engine.translate([DraftRequest("p1.s1", "会议指出。")])
    assert draft is not None and draft.text == "Noted, unapproved."
    assert [f.check for f in draft.findings] == [UNAPPROVED_CHECK]


def test_describe_names_the_memory() -> None:
    assert engine(("plan", [TITLE, NOTED])).describe().startswith("tm: translation memory, 2 units")
