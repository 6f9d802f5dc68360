"""Figures in Chinese and English, and the checks that a translation keeps them."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cipbilingual.numbers import (
    Quantity,
    compare_quantities,
    en_quantities,
    quantities_differ,
    same_figure,
    zh_quantities,
)

CORPUS = Path(__file__).resolve().parent / "data" / "corpus"


def _found(quantities: list[Quantity]) -> list[tuple[str, str, str]]:
    return [(q.text, q.kind, str(q.value)) for q in quantities]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("营收3.6亿元", [("3.6亿", "number", "360000000")]),
        ("1.2万人", [("1.2万", "number", "12000")]),
        ("36万亿", [("36万亿", "number", "36000000000000")]),
        ("300多万", [("300多万", "number", "3000000")]),
        ("３.６亿和１２，", [("３.６亿", "number", "360000000"), ("１２", "number", "12")]),
        ("1,200万", [("1,200万", "number", "12000000")]),
        ("5千米和100万千瓦", [("5", "number", "5"), ("100万", "number", "1000000")]),
        ("十七个", [("十七", "number", "17")]),
        ("一百二十三", [("一百二十三", "number", "123")]),
        ("两千", [("两千", "number", "2000")]),
        ("三亿五千万", [("三亿五千万", "number", "350000000")]),
        ("三点六亿", [("三点六亿", "number", "360000000")]),
        ("三个项目、两家企业", [("三", "number", "3"), ("两", "number", "2")]),
        ("第三", [("第三", "ordinal", "3")]),
        ("第十九届", [("第十九", "ordinal", "19")]),
        ("12.5%和１２．５％", [("12.5%", "percent", "12.5"), ("１２．５％", "percent", "12.5")]),
        ("百分之十二点五", [("百分之十二点五", "percent", "12.5")]),
        ("提高3个百分点", [("3个百分点", "percent", "3")]),
        ("二〇一九年", [("二〇一九年", "year", "2019")]),
        ("2019年11月21日", [("2019年", "year", "2019"), ("11月21日", "date", "1121")]),
        ("11月21日下午", [("11月21日", "date", "1121")]),
        ("十二月九日", [("十二月九日", "date", "1209")]),
        ("21日", [("21日", "day", "21")]),
        ("今年4月、10月初", [("4月", "month", "4"), ("10月", "month", "10")]),
        ("三月", [("三月", "month", "3")]),
        ("十二个月", [("十二", "number", "12")]),
        ("5年来", [("5", "number", "5")]),
        ("2019.11.24", [("2019", "year", "2019"), ("11.24", "date", "1124")]),
        (
            "2019-11-24 16:36:14",
            [
                ("2019", "year", "2019"),
                ("11-24", "date", "1124"),
                ("16:36:14", "time", "1636"),
            ],
        ),
        ("下午3点05分", [("3点05分", "time", "305")]),
        (
            "1-11月、一至三月",
            [
                ("1", "month", "1"),
                ("11月", "month", "11"),
                ("一", "month", "1"),
                ("三月", "month", "3"),
            ],
        ),
        ("11月21日至23日", [("11月21日", "date", "1121"), ("23日", "day", "23")]),
        ("3-5个", [("3", "number", "3"), ("5", "number", "5")]),
        ("v1.2.3版本", []),
        # Words that merely contain a numeral are not figures.
        ("汪泉一行进一步统一了新一代一批之一", []),
        ("十分重要，万一，千万不要，百姓，三农，十三五，三四个，两国，第一时间，数十个", []),
    ],
)
def test_zh_quantities(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert _found(zh_quantities(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("360 million", [("360 million", "number", "360000000")]),
        (
            "3.6 billion and $3.6bn",
            [
                ("3.6 billion", "number", "3600000000"),
                ("3.6bn", "number", "3600000000"),
            ],
        ),
        ("17 and 1,200", [("17", "number", "17"), ("1,200", "number", "1200")]),
        ("seventeen", [("seventeen", "number", "17")]),
        (
            "three hundred and sixty million",
            [
                ("three hundred and sixty million", "number", "360000000"),
            ],
        ),
        ("twenty-three", [("twenty-three", "number", "23")]),
        (
            "12.5%, 12.5 per cent, 3 percentage points",
            [
                ("12.5%", "percent", "12.5"),
                ("12.5 per cent", "percent", "12.5"),
                ("3 percentage points", "percent", "3"),
            ],
        ),
        ("twelve percent", [("twelve percent", "percent", "12")]),
        ("November 21, 2019", [("November 21", "date", "1121"), ("2019", "number", "2019")]),
        ("Nov. 21 and 21 November", [("Nov. 21", "date", "1121"), ("21 November", "date", "1121")]),
        ("the 21st of November", [("21st of November", "date", "1121")]),
        ("on the 21st", [("21st", "ordinal", "21")]),
        ("the third", [("third", "ordinal", "3")]),
        ("the twenty-first", [("twenty-first", "ordinal", "21")]),
        ("in this April, early October", [("April", "month", "4"), ("October", "month", "10")]),
        (
            "May I say, in May, May 2019",
            [
                ("May", "month", "5"),
                ("May", "month", "5"),
                ("2019", "number", "2019"),
            ],
        ),
        ("at 4:36 p.m. or 12:05 am", [("4:36 p.m.", "time", "1636"), ("12:05 am", "time", "5")]),
        (
            "24 bi-national projects, both sides",
            [
                ("24", "number", "24"),
                ("bi-national", "number", "2"),
                ("both", "number", "2"),
            ],
        ),
        ("hundreds of millions, someone", []),
        ("version 1.2.3", []),
    ],
)
def test_en_quantities(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert _found(en_quantities(text)) == expected


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("营收3.6亿元。", "Revenue reached 360 million yuan."),
        ("营收36亿元。", "Revenue reached RMB3.6 billion."),
        ("1.2万人", "12,000 people"),
        ("11月21日下午", "On the afternoon of November 21"),
        ("2019年11月21日", "on 21 November 2019"),
        ("十七个项目", "seventeen projects"),
        ("十七个项目", "17 projects"),
        ("第三批", "the third batch"),
        ("21日", "on the 21st"),
        ("增长百分之十二点五", "grew by 12.5 per cent"),
        ("下午3点05分", "at 3:05 p.m."),
        ("汪泉一行参观了展厅。", "Mr. Wang Quan and his party visited the hall."),
        ("两国政府", "the two governments"),
        ("1-11月，全市增长12.5%", "From January to November, the city grew by 12.5%"),
        ("第十九届", "the 19th"),
        ("14亿人口", "1.4 billion people"),
    ],
)
def test_agreeing_figures_report_nothing(source: str, target: str) -> None:
    assert compare_quantities(source, target) == []


def test_the_classic_mistake_is_reported() -> None:
    assert compare_quantities("营收3.6亿元。", "Revenue reached 3.6 million yuan.") == [
        "3.6亿 (360,000,000) not found in English; the English has 3.6 million (3,600,000)"
    ]


@pytest.mark.parametrize(
    ("source", "target", "messages"),
    [
        (
            "新增项目17个。",
            "17 new projects and 10 firms.",
            ["10 in the English is not in the Chinese"],
        ),
        ("新增项目17个。", "new projects", ["17 not found in English"]),
        (
            "11月21日下午",
            "On the afternoon of November 12",
            ["11月21日 (November 21) not found in English; the English has November 12"],
        ),
        ("今年4月", "in this May", ["4月 (April) not found in English"]),
        (
            "增长12.5%",
            "grew by 15%",
            ["12.5% not found in English; the English has 15%"],
        ),
        ("十七个", "seven", ["十七 (17) not found in English"]),
        (
            "1.2万人",
            "1,200 people",
            [
                "1.2万 (12,000) not found in English; the English has 1,200",
            ],
        ),
    ],
)
def test_mismatches_are_reported(source: str, target: str, messages: list[str]) -> None:
    assert compare_quantities(source, target) == messages


def _corpus_paragraphs(name: str) -> list[str]:
    return [line for line in (CORPUS / name).read_text(encoding="utf-8").splitlines() if line]


def test_no_false_alarm_on_the_reference_translation() -> None:
    chinese = _corpus_paragraphs("cip-2019-11-24-wang-quan-visit.zh.txt")
    english = _corpus_paragraphs("cip-2019-11-24-wang-quan-visit.en.txt")
    assert len(chinese) == len(english) == 8
    for source, target in zip(chinese, english, strict=True):
        assert compare_quantities(source, target) == [], source[:20]
    # The check did see the figures: the last paragraph carries eight of them.
    assert [q.text for q in zh_quantities(chinese[-1])] == [
        "4月",
        "10月",
        "2019年",
        "17",
        "10",
        "4",
        "90",
        "24",
    ]


@pytest.mark.parametrize(
    ("old", "new", "needle"),
    [
        ("17 additional declared", "7 additional declared", "17 not found in English"),
        ("up to 90 Israeli", "up to 19 Israeli", "90 not found in English"),
        ("November 21", "November 22", "11月21日 (November 21) not found in English"),
        ("early October", "early November", "10月 (October) not found in English"),
        ("work plan of 2020", "work plan of 2021", "the English has 2021"),
    ],
)
def test_altered_reference_is_reported(old: str, new: str, needle: str) -> None:
    chinese = _corpus_paragraphs("cip-2019-11-24-wang-quan-visit.zh.txt")
    english = _corpus_paragraphs("cip-2019-11-24-wang-quan-visit.en.txt")
    assert old in " ".join(english)
    messages = []
    for source, target in zip(chinese, english, strict=True):
        messages += compare_quantities(source, target.replace(old, new))
    assert any(needle in m for m in messages), messages


def test_altered_corpus_paragraph_with_the_classic_mistake() -> None:
    source = _corpus_paragraphs("cip-2019-11-24-wang-quan-visit.zh.txt")[-1]
    target = _corpus_paragraphs("cip-2019-11-24-wang-quan-visit.en.txt")[-1]
    source = source.replace("累计运营", "总投资3.6亿元，累计运营")
    assert (
        compare_quantities(source, target.replace("up to 90", "360 million yuan, up to 90")) == []
    )
    assert compare_quantities(source, target.replace("up to 90", "3.6 million yuan, up to 90")) == [
        "3.6亿 (360,000,000) not found in English; the English has 3.6 million (3,600,000)"
    ]


def test_quantities_differ() -> None:
    assert quantities_differ("新增项目17个，营收3.6亿", "新增项目10个，营收2.8亿") == [
        ("17", "10"),
        ("3.6亿", "2.8亿"),
    ]
    assert quantities_differ("新增项目17个", "新增项目17个，营收2.8亿") == [("", "2.8亿")]
    assert quantities_differ("2019年新增17个", "2020年新增17个") == [("2019年", "2020年")]
    assert quantities_differ("新增十七个", "新增17个") == []  # same figure, other writing
    assert quantities_differ("没有数字", "也没有") == []


def test_same_figure_is_symmetric_on_kinds() -> None:
    date = zh_quantities("11月21日")[0]
    for english in ("November 21", "the 21st", "21"):
        quantity = en_quantities(english)[0]
        assert same_figure(date, quantity) and same_figure(quantity, date)
    assert not same_figure(zh_quantities("12%")[0], en_quantities("12")[0])


def test_describe() -> None:
    assert zh_quantities("3.6亿")[0].describe() == "3.6亿 (360,000,000)"
    assert zh_quantities("17个")[0].describe() == "17"
    assert zh_quantities("12.5%")[0].describe() == "12.5%"
    assert zh_quantities("第三")[0].describe() == "第三 (3rd)"
    assert zh_quantities("21日")[0].describe() == "21日 (day 21)"
    assert en_quantities("1,200")[0].describe() == "1,200"


_MIXED = st.lists(
    st.one_of(
        st.sampled_from(list("0123456789０１２.,:%％-/年月日号点第百千万亿十一二两三〇零个 ")),
        st.sampled_from(["million", "billion", "per cent", "first", "May", "November", "p.m."]),
        # Letters that match an English letter when case is ignored: "twenty ſeven", "fİve".
        st.sampled_from(["twenty ", "ſeven", "fİve", "\u212aILO", "thırd", "sİx"]),
        st.characters(codec="utf-8"),
    ),
    max_size=60,
).map("".join)


def test_number_words_with_case_folding_letters_are_read_not_a_crash() -> None:
    # The pattern ignores case, so "ſeven" (long s) is "seven"; reading it raised KeyError.
    assert [(q.value, q.text) for q in en_quantities("twenty ſeven guests")] == [
        (27, "twenty ſeven")
    ]
    assert [q.value for q in en_quantities("fİve and sİxty")] == [65]


@given(_MIXED, _MIXED)
@settings(max_examples=400, deadline=None)
def test_never_raises_and_spans_are_true(a: str, b: str) -> None:
    for text, quantities in ((a, zh_quantities(a)), (b, en_quantities(b))):
        previous_end = 0
        for q in quantities:
            assert text[q.start : q.end] == q.text
            assert q.start >= previous_end
            previous_end = q.end
            assert q.value >= 0
    compare_quantities(a, b)
    assert quantities_differ(a, a) == []
    quantities_differ(a, b)


@given(st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False))
@settings(max_examples=200, deadline=None)
def test_a_figure_agrees_with_itself(value: Decimal) -> None:
    text = f"{value:f}"
    assert compare_quantities(f"增长{text}%", f"grew by {text}%") == []
    assert compare_quantities(f"共{text}亿元", f"{value * 100:f} million yuan in total") == []
    if value:
        assert compare_quantities(f"共{text}亿元", f"{text} million yuan in total") != []
