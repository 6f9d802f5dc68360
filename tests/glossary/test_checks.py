"""Checks on the English side: forbidden variants, first mention, missing house English."""

from __future__ import annotations

from cipbilingual.glossary import Glossary, check_article, check_segment, segment_hits
from cipbilingual.models import Finding, Severity, Term, TermStatus

from .conftest import CORPUS, article

CIP_ZH = "汪泉到中以常州创新园调研。"
CIP_FULL = "Wang Quan visited the China-Israel Changzhou Innovation Park (CIP)."


def brief(findings: list[Finding]) -> list[tuple[str, str, str]]:
    return [(f.segment, f.check, str(f.severity)) for f in findings]


def test_correct_text_has_no_findings(house: Glossary) -> None:
    a = article(
        ("t.s1", "汪泉在中以常州创新园调研", "Wang Quan visits CIP"),
        ("p1.s1", CIP_ZH, CIP_FULL),
        (
            "p1.s2",
            "中以常州创新园吸引外商独资企业。",
            "CIP attracts wholly foreign-owned enterprises (WOFEs).",
        ),
        (
            "p2.s1",
            "外商独资企业落户武进国家高新区。",
            "The WOFEs settle in the Wujin National High-tech Zone.",
        ),
        (
            "p2.s2",
            "生命健康产业在高新区发展。",
            "The life health industry grows in the High-tech Zone.",
        ),
    )
    assert check_article(a, house) == []


def test_forbidden_wfoe_is_one_error(house: Glossary) -> None:
    a = article(
        ("p1.s1", "外商独资企业落户。", "Wholly foreign-owned enterprises (WFOEs) settle here."),
        ("p1.s2", "外商独资企业很多。", "There are many WFOEs."),
    )
    found = check_article(a, house)
    assert brief(found) == [
        ("p1.s1", "glossary-forbidden", "error"),
        ("p1.s2", "glossary-forbidden", "error"),
    ]
    assert found[0].message == (
        "'WFOEs' is not house style for 外商独资企业: "
        "write 'wholly foreign-owned enterprise' / 'WOFE'"
    )
    assert found[0].to_json()["check"] == "glossary-forbidden"


def test_hi_tech_zone_is_reported_once_even_inside_a_longer_term(house: Glossary) -> None:
    a = article(("p1.s1", "武进国家高新区", "the Wujin National Hi-tech Zone"))
    found = check_article(a, house)
    assert brief(found) == [("p1.s1", "glossary-forbidden", "error")]
    assert "'Hi-tech Zone' is not house style for 高新区" in found[0].message


def test_forbidden_is_found_whatever_the_chinese_says(house: Glossary) -> None:
    a = article(("p1.s1", "园区发展生物医药。", "The Park develops life sciences."))
    assert brief(check_article(a, house)) == [("p1.s1", "glossary-forbidden", "error")]


def test_bare_abbreviation_at_first_mention_is_an_error(house: Glossary) -> None:
    a = article(
        ("p1.s1", CIP_ZH, "Wang Quan visited CIP."),
        ("p2.s1", CIP_ZH, CIP_FULL),
    )
    found = check_article(a, house)
    assert brief(found) == [("p1.s1", "glossary-first-mention", "error")]
    assert found[0].message == (
        "first mention of 'CIP' must be the full form: "
        "'China-Israel Changzhou Innovation Park (CIP)'"
    )


def test_full_form_without_the_bracket_is_a_warning(house: Glossary) -> None:
    a = article(
        ("p1.s1", CIP_ZH, "Wang Quan visited the China-Israel Changzhou Innovation Park."),
        ("p1.s2", "中以常州创新园发展很快。", "CIP is growing fast."),
    )
    assert brief(check_article(a, house)) == [("p1.s1", "glossary-first-mention", "warning")]


def test_first_mention_counts_english_mentions_without_chinese_match(house: Glossary) -> None:
    # The Chinese says only 园区 ("the Park"), but the English uses CIP before introducing it.
    a = article(
        ("p1.s1", "园区很大。", "CIP is large."),
        ("p1.s2", CIP_ZH, CIP_FULL),
    )
    assert brief(check_article(a, house)) == [("p1.s1", "glossary-first-mention", "error")]


def test_title_is_exempt_from_first_mention(house: Glossary) -> None:
    a = article(
        ("t.s1", "中以常州创新园", "China-Israel Changzhou Innovation Park"),
        ("p1.s1", CIP_ZH, "Wang Quan visited CIP."),
    )
    # The headline's full form does not introduce the abbreviation for the body.
    assert brief(check_article(a, house)) == [("p1.s1", "glossary-first-mention", "error")]


def test_document_order_not_id_order(house: Glossary) -> None:
    # After a re-import ids no longer follow the document: p7.s1 was inserted before p1.s1.
    a = article(
        ("p7.s1", CIP_ZH, CIP_FULL),
        ("p1.s1", CIP_ZH, "Wang Quan visited CIP."),
    )
    a.segments[0].block = 1
    assert check_article(a, house) == []


def test_missing_house_english_is_a_warning(house: Glossary) -> None:
    a = article(("p1.s1", "智能制造发展迅速。", "Intelligent production grows fast."))
    found = check_article(a, house)
    assert brief(found) == [("p1.s1", "glossary-missing", "warning")]
    assert (
        found[0].message
        == "智能制造 is in the Chinese but not 'smart manufacturing' in the English"
    )


def test_case_rules(house: Glossary) -> None:
    # 高新区 is case-sensitive (a proper noun); 智能制造 is not.
    ok = article(("p1.s1", "智能制造", "Smart Manufacturing drives growth."))
    assert check_article(ok, house) == []
    wrong = article(("p1.s1", "高新区", "the high-tech zone"))
    assert brief(check_article(wrong, house)) == [("p1.s1", "glossary-missing", "warning")]
    # A case-sensitive lower-case term may open a sentence with a capital.
    g = Glossary([Term("智能制造", "smart manufacturing", case_sensitive=True)])
    assert check_segment(g, "智能制造", "Smart manufacturing grows.") == []
    assert len(check_segment(g, "智能制造", "SMART MANUFACTURING grows.")) == 1


def test_plurals_and_possessives_are_accepted(house: Glossary) -> None:
    a = article(
        ("p1.s1", "外商独资企业", "wholly foreign-owned enterprises (WOFEs) came."),
        ("p1.s2", "中以常州创新园", "the China-Israel Changzhou Innovation Park's (CIP) plans"),
    )
    # "Park's (CIP)" is not "Park (CIP)": only the bracket warning for CIP.
    assert brief(check_article(a, house)) == [("p1.s2", "glossary-first-mention", "warning")]


def test_leading_the_is_optional_and_whitespace_flexible(house: Glossary) -> None:
    a = article(
        ("p1.s1", "中以创新合作先行区", "a “Pilot of China-Israel\nInnovation Cooperation”"),
        ("p1.s2", "以色列江苏创新中心", "Israel Jiangsu Innovation Center"),
    )
    assert check_article(a, house) == []


def test_forbidden_inside_an_accepted_term_of_this_segment_is_fine() -> None:
    g = Glossary(
        [
            Term("生命健康", "life health", forbidden=("life sciences",)),
            Term("生命科学", "life sciences"),
        ]
    )
    assert check_segment(g, "生命科学学院", "the School of Life Sciences") == []
    found = check_segment(g, "生命健康产业", "the life sciences industry")
    assert [f.check for f in found] == ["glossary-forbidden"]


def test_forbidden_part_of_own_house_english_is_fine() -> None:
    g = Glossary(
        [
            Term(
                "中以常州创新园",
                "China-Israel Changzhou Innovation Park",
                forbidden=("Changzhou Innovation Park",),
            )
        ]
    )
    assert check_segment(g, "园区", "the China-Israel Changzhou Innovation Park") == []
    found = check_segment(g, "中以常州创新园", "the Changzhou Innovation Park")
    assert [f.check for f in found] == ["glossary-forbidden"]  # not also "missing"


def test_admitted_and_deprecated_entries_are_not_required() -> None:
    g = Glossary(
        [
            Term("启动区", "initially developed area", status=TermStatus.DEPRECATED),
            Term("座谈会", "symposium", status=TermStatus.ADMITTED),
        ]
    )
    assert check_segment(g, "启动区的座谈会", "a meeting in the start-up area") == []


def test_any_sense_satisfies_the_check() -> None:
    g = Glossary([Term("园区", "the Park"), Term("园区", "industrial zone", sense="zone")])
    assert check_segment(g, "园区", "an industrial zone") == []
    found = check_segment(g, "园区", "the area")
    assert "'the Park' or 'industrial zone'" in found[0].message


def test_untranslated_segments_are_skipped(house: Glossary) -> None:
    assert check_article(article(("p1.s1", CIP_ZH, "")), house) == []


def test_segment_findings_carry_slug_and_segment(house: Glossary) -> None:
    found = check_segment(house, "外商独资企业", "WFOE", slug="a1", segment="p3.s2")
    assert [(f.slug, f.segment, f.severity) for f in found] == [("a1", "p3.s2", Severity.ERROR)]


def test_segment_hits(house: Glossary) -> None:
    a = article(("p1.s1", CIP_ZH, ""), ("p1.s2", "今天天气好。", ""))
    hits = segment_hits(a, house)
    assert list(hits) == ["p1.s1"]
    assert [(m.start, m.end, m.text) for m in hits["p1.s1"]] == [
        (0, 2, "汪泉"),
        (3, 10, "中以常州创新园"),
    ]


def test_the_corpus_translation_against_the_house_rules(house: Glossary) -> None:
    def paragraphs(name: str) -> list[str]:
        lines = (CORPUS / name).read_text("utf-8").splitlines()
        return [line for line in lines if line.strip()]

    zh = paragraphs("cip-2019-11-24-wang-quan-visit.zh.txt")
    en = paragraphs("cip-2019-11-24-wang-quan-visit.en.txt")
    ids = ["t.s1"] + [f"p{i}.s1" for i in range(1, len(zh))]
    found = check_article(article(*zip(ids, zh, en, strict=True)), house)
    # The published translation introduces CIP properly but uses "WOFEs" without ever giving
    # the full form; it leaves Wang Quan out of the headline and says "He" in p4, and shortens
    # 市委、市政府 once.
    assert brief(found) == [
        ("t.s1", "glossary-missing", "warning"),
        ("p4.s1", "glossary-missing", "warning"),
        ("p7.s1", "glossary-first-mention", "error"),
        ("p7.s1", "glossary-missing", "warning"),
    ]
    assert "'WOFE'" in found[2].message
