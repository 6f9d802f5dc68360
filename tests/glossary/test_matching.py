"""Matching on the Chinese side: leftmost-longest, non-overlapping, both scripts, fast enough."""

from __future__ import annotations

import random
import time

from hypothesis import given, settings
from hypothesis import strategies as st

from cipbilingual.glossary import Glossary, fold
from cipbilingual.glossary.matching import TermIndex
from cipbilingual.models import Term, TermStatus


def spans(glossary: Glossary, text: str) -> list[tuple[int, int, str]]:
    return [(m.start, m.end, m.term.source) for m in glossary.find(text)]


def test_longest_term_wins(house: Glossary) -> None:
    text = "市、武进区、高新区领导和武进国家高新区"
    found = spans(house, text)
    assert found == [(2, 5, "武进区"), (6, 9, "高新区"), (12, 19, "武进国家高新区")]
    for start, end, source in found:
        assert text[start:end] == source


def test_matches_do_not_overlap_and_return_the_entry(house: Glossary) -> None:
    text = "汪泉在中以常州创新园调研，常州以色列中心"
    matches = house.find(text)
    assert [(m.text, m.term.target) for m in matches] == [
        ("汪泉", "Wang Quan"),
        ("中以常州创新园", "China-Israel Changzhou Innovation Park"),
        ("常州", "Changzhou"),
        ("以色列中心", "Israel Center"),
    ]
    ends = [m.end for m in matches]
    starts = [m.start for m in matches]
    assert all(s >= e for s, e in zip(starts[1:], ends, strict=False))


def test_a_shorter_term_inside_a_longer_partial_match_is_found() -> None:
    # pyahocorasick's iter_long misses this one (its issue #133); our selection must not.
    g = Glossary([Term("知识产权", "intellectual property"), Term("国家知识产权局", "CNIPA")])
    assert spans(g, "国家知识产权") == [(2, 6, "知识产权")]
    assert spans(g, "国家知识产权局") == [(0, 7, "国家知识产权局")]


def _reference(terms: set[str], text: str) -> list[tuple[int, int]]:
    out, i = [], 0
    while i < len(text):
        best = max((t for t in terms if text.startswith(t, i)), key=len, default="")
        if best:
            out.append((i, i + len(best)))
            i += len(best)
        else:
            i += 1
    return out


@settings(max_examples=300, deadline=None)
@given(
    st.sets(st.text(alphabet="中以园区高新", min_size=1, max_size=4), min_size=1, max_size=6),
    st.text(alphabet="中以园区高新，", max_size=20),
)
def test_selection_equals_the_leftmost_longest_reference(terms: set[str], text: str) -> None:
    index = TermIndex(Term(t, "x") for t in terms)
    assert [(m.start, m.end) for m in index.find(text)] == _reference(terms, text)


def test_traditional_source_matches_simplified_terms(house: Glossary) -> None:
    text = "中以常州創新園園區內的外商獨資企業"
    found = house.find(text)
    assert [(text[m.start : m.end], m.term.source) for m in found] == [
        ("中以常州創新園", "中以常州创新园"),
        ("外商獨資企業", "外商独资企业"),
    ]


def test_both_scripts_of_park_fold_together() -> None:
    assert fold("園區") == "园区"
    assert fold("园区") == "园区"
    g = Glossary([Term("园区", "the Park")])
    assert [m.term.source for m in g.find("園區和园区")] == ["园区", "园区"]
    # A traditional entry also matches simplified text.
    g = Glossary([Term("園區", "the Park")])
    assert [m.term.source for m in g.find("园区")] == ["園區"]


def test_an_entry_spelled_as_in_the_text_is_preferred() -> None:
    g = Glossary([Term("园区", "the Park"), Term("園區", "the Zone")])
    assert [m.term.target for m in g.find("園區，园区")] == ["the Zone", "the Park"]


def test_preferred_sense_comes_first() -> None:
    g = Glossary(
        [
            Term("园区", "the zone", sense="zone", status=TermStatus.ADMITTED),
            Term("园区", "the Park", sense="park"),
        ]
    )
    assert g.find("园区")[0].term.sense == "park"
    assert [t.sense for t in g.senses("园区")] == ["zone", "park"]


def test_fullwidth_latin_and_word_edges() -> None:
    g = Glossary([Term("CIP计划", "CIP Initiative"), Term("IT", "IT")])
    assert [m.term.source for m in g.find("ＣＩＰ计划")] == ["CIP计划"]
    assert g.find("XCIP计划") == []  # would cut the Latin word XCIP
    assert g.find("ITU标准") == []
    assert [m.term.source for m in g.find("发展IT产业")] == ["IT"]


def test_empty_glossary_and_empty_text() -> None:
    assert Glossary().find("中以常州创新园") == []
    assert Glossary([Term("常州", "Changzhou")]).find("") == []


def test_editing_the_glossary_rebuilds_the_index() -> None:
    g = Glossary([Term("常州", "Changzhou")])
    assert len(g.find("常州武进区")) == 1
    g.add(Term("武进区", "Wujin District"))
    assert len(g.find("常州武进区")) == 2
    g.remove("常州")
    assert [m.term.source for m in g.find("常州武进区")] == ["武进区"]


def test_fifty_thousand_terms_work() -> None:
    rng = random.Random(7)
    alphabet = [chr(c) for c in range(0x4E00, 0x4E00 + 3000)]
    sources: set[str] = set()
    while len(sources) < 50_000:
        sources.add("".join(rng.choices(alphabet, k=rng.randint(2, 12))))
    terms = [Term(s, f"term {i}") for i, s in enumerate(sorted(sources))]
    started = time.perf_counter()
    g = Glossary(terms)
    sample = terms[12_345].source
    found = g.find(f"据悉，{sample}。")
    elapsed = time.perf_counter() - started
    assert any(m.term.source == sample and m.start == 3 for m in found)
    assert len(g) == 50_000
    assert elapsed < 20  # generous: about 1 s on the reference machine


def test_folding_is_idempotent_and_always_detected() -> None:
    from cipbilingual.glossary.script import fold_table, foldable, needs_folding

    table = fold_table()
    for char in foldable():
        assert needs_folding(f"中{char}文"), char
        once = char.translate(table)
        assert len(once) == 1 and once.translate(table) == once, char
    assert not needs_folding("汪泉在中以常州创新园调研，强调：“提高站位”！")
