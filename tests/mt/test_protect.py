"""Glossary protection through MT, driven by a scripted NMT that copies, re-cases, drops, garbles,
reorders or swaps the injected house English the way real systems do."""

from __future__ import annotations

import pytest

from cipbilingual.models import Origin, Term, TermMatch
from cipbilingual.mt.base import Draft, DraftRequest
from cipbilingual.mt.pipeline import draft_all
from cipbilingual.mt.protect import accepted_forms, protect, rendering, restore
from tests.mt.scripted_nmt import ScriptedNMT

CIP = Term(
    "中以常州创新园",
    "China-Israel Changzhou Innovation Park",
    abbreviation="CIP",
    full_form_first=True,
)
WOFE = Term(
    "外商独资企业", "wholly foreign-owned enterprise", abbreviation="WOFE", forbidden=("WFOE",)
)
ZONE = Term("高新区", "High-tech Zone")
WUJIN_ZONE = Term("武进国家高新区", "Wujin National High-tech Zone")


def request(source: str, *terms: Term, sid: str = "p1.s1") -> DraftRequest:
    matches = []
    for term in terms:
        start = 0
        while (found := source.find(term.source, start)) >= 0:
            matches.append(TermMatch(found, found + len(term.source), term))
            start = found + len(term.source)
    return DraftRequest(sid, source, terms=tuple(matches))


def draft(req: DraftRequest, **kw: object) -> Draft:
    result = draft_all([req], ScriptedNMT(**kw), lambda s: Origin("test", "scripted", s))  # type: ignore[arg-type]
    assert result[0] is not None
    return result[0]


SOURCE = "12月9日上午，中以常州创新园召开研讨会，园区累计运营外商独资企业达90家。"


def test_rendering_and_forms() -> None:
    assert rendering(CIP) == "China-Israel Changzhou Innovation Park (CIP)"
    assert rendering(WOFE) == "wholly foreign-owned enterprise"
    assert ("CIP", "CIP") not in accepted_forms(CIP)  # a first mention must be in full
    later = Term(CIP.source, CIP.target, abbreviation="CIP")
    assert ("CIP", "CIP") in accepted_forms(later)


def test_protect_puts_house_english_in_place_of_the_chinese() -> None:
    req = request(SOURCE, CIP, WOFE)
    protected, rejected = protect(req.source, req.terms)
    assert rejected == []
    assert "中以常州创新园" not in protected.text and "外商独资企业" not in protected.text
    for slot in protected.slots:
        assert protected.text[slot.start : slot.end] == slot.english


@pytest.mark.parametrize("mode", ["copy", "lower", "dehyphen", "reorder", "nbest"])
def test_terms_the_engine_keeps_come_out_in_house_form_without_findings(mode: str) -> None:
    out = draft(request(SOURCE, CIP, WOFE), mode=mode)
    assert "China-Israel Changzhou Innovation Park (CIP)" in out.text
    assert "wholly foreign-owned enterprise" in out.text
    assert [f.check for f in out.findings] == []


@pytest.mark.parametrize("aligned", [True, False])
@pytest.mark.parametrize("mode", ["drop", "garble"])
def test_terms_the_engine_loses_are_placed_with_a_finding_naming_them(
    mode: str, aligned: bool
) -> None:
    out = draft(request(SOURCE, CIP, WOFE), mode=mode, aligned=aligned)
    assert out.text.count("China-Israel Changzhou Innovation Park (CIP)") == 1
    assert out.text.count("wholly foreign-owned enterprise") == 1
    placed = [f for f in out.findings if f.check == "mt-term-placed"]
    assert len(placed) == 2
    assert any("中以常州创新园" in f.message for f in placed)
    assert any("外商独资企业" in f.message for f in placed)
    assert all(("by alignment" in f.message) == aligned for f in placed)
    if mode == "garble" and aligned:
        assert "zorp" not in out.text  # the aligned garbage was replaced, not kept beside the term


def test_placement_by_alignment_keeps_the_term_where_the_source_had_it() -> None:
    out = draft(request(SOURCE, CIP), mode="drop")
    words = out.text.split()
    # "12月9日上午，" comes first in the source, "召开研讨会" after the term.
    assert out.text.index("China-Israel") > out.text.index("9")
    assert words.index("China-Israel") < len(words) - 3


def test_forbidden_variant_is_replaced_by_the_house_term() -> None:
    out = draft(request(SOURCE, WOFE), mode="forbidden")
    assert "WFOE" not in out.text
    assert "wholly foreign-owned enterprise" in out.text
    assert [f.check for f in out.findings] == []


def test_first_mention_gets_its_abbreviation_and_later_ones_may_use_it() -> None:
    out = draft(request(SOURCE, CIP), mode="bare")
    assert "China-Israel Changzhou Innovation Park (CIP)" in out.text
    later = Term(CIP.source, CIP.target, abbreviation="CIP")
    out = draft(request(SOURCE, later), mode="abbr")
    assert " CIP " in f" {out.text} " and "Innovation Park" not in out.text
    assert out.findings == ()


def test_a_term_twice_in_a_sentence_comes_out_twice() -> None:
    source = "中以常州创新园和中以常州创新园。"
    for mode in ("copy", "drop"):
        out = draft(request(source, CIP), mode=mode)
        assert out.text.count("China-Israel Changzhou Innovation Park (CIP)") == 2


def test_longer_term_is_claimed_before_the_shorter_inside_it() -> None:
    source = "武进国家高新区和高新区。"
    req = request(source, WUJIN_ZONE)
    start = source.rindex("高新区")
    req = DraftRequest("p1.s1", source, terms=(*req.terms, TermMatch(start, start + 3, ZONE)))
    out = draft(req, mode="copy")
    assert out.text.count("Wujin National High-tech Zone") == 1
    assert out.text.count("High-tech Zone") == 2
    assert out.findings == ()


def test_overlapping_or_broken_matches_are_reported_not_dropped_silently() -> None:
    source = "武进国家高新区。"
    bad = (
        TermMatch(0, 7, WUJIN_ZONE),
        TermMatch(4, 7, ZONE),  # inside the longer match
        TermMatch(5, 99, CIP),  # outside the sentence
    )
    out = draft(DraftRequest("p2.s1", source, terms=bad), mode="copy")
    skipped = [f for f in out.findings if f.check == "mt-term-unprotected"]
    assert len(skipped) == 2 and all(f.segment == "p2.s1" for f in skipped)
    assert "Wujin National High-tech Zone" in out.text


def test_restore_counts_without_repairing_for_ranking() -> None:
    req = request(SOURCE, CIP, WOFE)
    protected, _ = protect(req.source, req.terms)
    got = restore("nothing here at all", protected, repair=False)
    assert got.found == 0 and len(got.placed) == 2
    assert got.text == "nothing here at all"


def test_empty_source_gives_no_draft_and_progress_counts_it() -> None:
    seen: list[int] = []
    result = draft_all(
        [DraftRequest("p1.s1", "  "), request(SOURCE, CIP, sid="p1.s2")],
        ScriptedNMT(),
        lambda s: Origin("test", "", s),
        progress=seen.append,
    )
    assert result[0] is None and result[1] is not None
    assert sum(seen) == 2


def test_no_chinese_is_left_and_numbers_survive() -> None:
    out = draft(request(SOURCE, CIP, WOFE))
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in out.text)
    assert "90" in out.text
