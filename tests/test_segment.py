"""Sentence splitting: the Chinese rules, the round trip, the corpus and hostile input."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cipbilingual.config import SegmentationRules
from cipbilingual.segment import QUOTE_SPAN_LIMIT, _split_in_context, split_sentences

CORPUS = Path(__file__).resolve().parent / "data" / "corpus"
SEMI = SegmentationRules(split_on_semicolon=True)
COLON = SegmentationRules(split_on_colon=True)
BOTH = SegmentationRules(split_on_semicolon=True, split_on_colon=True)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("我们来了。他们走了。", ["我们来了。", "他们走了。"]),
        ("真的吗？！好的！！！然后呢?!嗯。", ["真的吗？！", "好的！！！", "然后呢?!", "嗯。"]),
        ("他犹豫了……然后走了。", ["他犹豫了……", "然后走了。"]),
        ("他犹豫了⋯⋯然后走了…", ["他犹豫了⋯⋯", "然后走了…"]),
        ("未完待续……", ["未完待续……"]),
        ("苹果、香蕉……，都有。", ["苹果、香蕉……，都有。"]),
        # A quoted sentence ending with 。” ends the outer sentence too.
        ("他说：“我们来了。”然后走了。", ["他说：“我们来了。”", "然后走了。"]),
        # Enders inside a short quotation do not split it.
        ("他说：“我们来了。大家好！”然后走了。", ["他说：“我们来了。大家好！”", "然后走了。"]),
        ("他说“……”，然后走了。", ["他说“……”，然后走了。"]),
        ("“……”他沉默了。", ["“……”", "他沉默了。"]),
        ("他说：“我们来了。”，然后走了。", ["他说：“我们来了。”，然后走了。"]),
        (
            "他说：“她问我：‘你来了吗？’我说来了。”然后走了。",
            ["他说：“她问我：‘你来了吗？’我说来了。”", "然后走了。"],
        ),
        ("「他說『好。』然後走了。」下一句。", ["「他說『好。』然後走了。」", "下一句。"]),
        ("『外『内。』外。』第二句", ["『外『内。』外。』", "第二句"]),
        # Titles never split, not even at an ender inside them.
        (
            "《中华人民共和国外商投资法》今天施行。下一句。",
            ["《中华人民共和国外商投资法》今天施行。", "下一句。"],
        ),
        ("他写了《你好！》这本书。对。", ["他写了《你好！》这本书。", "对。"]),
        ("他推荐《你好！》。对。", ["他推荐《你好！》。", "对。"]),
        # Closing brackets stay with the sentence before.
        ("会议结束。（完）", ["会议结束。", "（完）"]),
        ("会议结束（记者报道。）下一句。", ["会议结束（记者报道。）", "下一句。"]),
        ("他走了。”然后", ["他走了。”", "然后"]),  # a stray closer, still kept before
        # Numbers, dates, abbreviations, URLs and versions do not split.
        (
            "营收3.6亿元，增长12.5%，达1.2万人。下一句",
            ["营收3.6亿元，增长12.5%，达1.2万人。", "下一句"],
        ),
        ("营收３.６亿元，增长１２．５％。下一句", ["营收３.６亿元，增长１２．５％。", "下一句"]),
        ("日期2019.11.24发布。完", ["日期2019.11.24发布。", "完"]),
        ("访问www.example.com或v1.2.3版本。完", ["访问www.example.com或v1.2.3版本。", "完"]),
        ("美国U.S.市场和e.g. this都一样。完", ["美国U.S.市场和e.g. this都一样。", "完"]),
        ("Mr. Wang came. Dr. Li too.", ["Mr. Wang came. ", "Dr. Li too."]),
        # An embedded English sentence ends at its full stop.
        ("He said. Then he left。", ["He said. ", "Then he left。"]),
        ("他用英语说：I am here.然后走了。", ["他用英语说：I am here.", "然后走了。"]),
        ('He said "yes." Then he left.', ['He said "yes." ', "Then he left."]),
        (
            "Yahoo! is big. See https://x.org/?a=1&b=2 now",
            ["Yahoo! is big. ", "See https://x.org/?a=1&b=2 now"],
        ),
        # A Chinese sentence typed with an ASCII or fullwidth full stop.
        ("我们来了.然后走了.", ["我们来了.", "然后走了."]),
        ("我们来了．然后走了．", ["我们来了．", "然后走了．"]),
        # An ASCII quote after an ender opens the next sentence when it is an opener.
        ('他走了。"我们走吧"她说。', ["他走了。", '"我们走吧"她说。']),
        ('他说"好。"然后走了。', ['他说"好。"', "然后走了。"]),
        # Traditional characters and a mixture.
        ("中以常州創新園區很好。這是第二句！", ["中以常州創新園區很好。", "這是第二句！"]),
        # Whitespace stays with the sentence before; a whitespace tail joins the last one.
        ("第一句。 第二句。\u3000第三句。\n  ", ["第一句。 ", "第二句。\u3000", "第三句。\n  "]),
        ("  开头有空格。结束", ["  开头有空格。", "结束"]),
        ("   ", ["   "]),
        ("没有标点的一句话", ["没有标点的一句话"]),
        ("😀表情。🎉！下一句", ["😀表情。", "🎉！", "下一句"]),
    ],
)
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


def test_empty_paragraph_has_no_sentences() -> None:
    assert split_sentences("") == []


def test_semicolon_and_colon_split_only_when_the_rules_say_so() -> None:
    text = "他强调：要承接使命；要推动升级。发布时间：2019-11-24 16:36:14"
    assert split_sentences(text) == [
        "他强调：要承接使命；要推动升级。",
        "发布时间：2019-11-24 16:36:14",
    ]
    assert split_sentences(text, SEMI) == [
        "他强调：要承接使命；",
        "要推动升级。",
        "发布时间：2019-11-24 16:36:14",
    ]
    assert split_sentences(text, COLON) == [
        "他强调：",
        "要承接使命；要推动升级。",
        "发布时间：",
        "2019-11-24 16:36:14",
    ]
    # ASCII ; and : only before a space or Chinese: never in a time or a URL.
    assert split_sentences("时间16:36:14, 见http://a.b; ok; 好;对", BOTH) == [
        "时间16:36:14, 见http://a.b; ",
        "ok; ",
        "好;",
        "对",
    ]
    # Not inside a quotation or title either.
    assert split_sentences("他说“甲；乙”。《书：副题》好", BOTH) == [
        "他说“甲；乙”。",
        "《书：副题》好",
    ]


def test_a_long_quotation_splits_inside_and_an_unclosed_one_swallows_nothing() -> None:
    sentence = "这是一个相当长的句子。"
    long_quote = "他说：“" + sentence * (QUOTE_SPAN_LIMIT // len(sentence) + 1) + "”然后走了。"
    assert len(split_sentences(long_quote)) > 2
    assert "".join(split_sentences(long_quote)) == long_quote
    unclosed = "他说：“" + sentence * 3
    assert split_sentences(unclosed) == ["他说：“这是一个相当长的句子。", sentence, sentence]
    assert split_sentences("《未完的书名。后面。") == ["《未完的书名。", "后面。"]


def _paragraphs(name: str) -> list[str]:
    text = (CORPUS / name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip()]


@pytest.mark.parametrize(
    ("name", "rules", "counts"),
    [
        # title, time line, then the six body paragraphs; the fifth is one long sentence of
        # clauses joined by ；, which the English reference renders as one or two sentences.
        ("cip-2019-11-24-wang-quan-visit.zh.txt", SegmentationRules(), [1, 1, 3, 3, 2, 2, 1, 4]),
        ("cip-2019-11-24-wang-quan-visit.zh.txt", SEMI, [1, 1, 3, 3, 2, 2, 4, 6]),
        ("cip-2019-12-10-work-plan-meeting.zh.txt", SegmentationRules(), [1, 1, 2, 2, 2, 2]),
    ],
)
def test_corpus_sentence_counts(name: str, rules: SegmentationRules, counts: list[int]) -> None:
    paragraphs = _paragraphs(name)
    split = [split_sentences(p, rules) for p in paragraphs]
    assert [len(s) for s in split] == counts
    for paragraph, sentences in zip(paragraphs, split, strict=True):
        assert "".join(sentences) == paragraph
        for sentence in sentences[:-1]:
            assert sentence.rstrip()[-1] in "。！？；”"


def test_corpus_keeps_titles_and_quotes_whole() -> None:
    last = split_sentences(_paragraphs("cip-2019-11-24-wang-quan-visit.zh.txt")[-1])
    assert last[1].endswith(
        "《中以常州创新园创新体系建设方案》和《中以常州创新园启动区概念布局》。"
    )
    assert "“中以常州创新园以色列高科技项目申报计划（CIP计划）”" in last[3]


# -- properties ---------------------------------------------------------------------------------

_PUNCT = "。！？!?…⋯.．；;：:，,、“”‘’「」『』《》〈〉（）()[]【】\"'＂ \n\u3000"
_TEXT = st.text(
    alphabet=st.one_of(
        st.sampled_from(list(_PUNCT + "中文字園區aZ3６%")),
        st.characters(codec="utf-8"),
    ),
    max_size=300,
)
_RULES = st.builds(SegmentationRules, st.booleans(), st.booleans())


@given(_TEXT, _RULES)
@settings(max_examples=400, deadline=None)
def test_round_trip_and_no_empty_segments(text: str, rules: SegmentationRules) -> None:
    sentences = split_sentences(text, rules)
    assert "".join(sentences) == text
    assert all(sentences)
    for sentence in sentences[1:]:
        assert not sentence[0].isspace()  # whitespace went with the sentence before


@given(
    st.text(alphabet=st.sampled_from(list("。！？…；：，、中文字 \n\u3000a3")), max_size=200),
    _RULES,
)
@settings(max_examples=300, deadline=None)
def test_fast_path_agrees_with_the_general_path(text: str, rules: SegmentationRules) -> None:
    expected = (
        _split_in_context(text, (rules.split_on_semicolon, rules.split_on_colon)) if text else []
    )
    assert split_sentences(text, rules) == expected


@given(_TEXT)
@settings(max_examples=200, deadline=None)
def test_splitting_on_semicolons_only_adds_boundaries(text: str) -> None:
    def cuts(sentences: list[str]) -> set[int]:
        out, pos = set(), 0
        for s in sentences[:-1]:
            pos += len(s)
            out.add(pos)
        return out

    assert cuts(split_sentences(text)) <= cuts(split_sentences(text, SEMI))


# -- hostile input: linear time ------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "没" * 3_000,
        "“《「" * 33_334,
        "“《「。" * 25_000,
        "“。" * 50_000 + "」" * 50_000,
        "。”" * 50_000,
        "a. " * 33_000,
        "a.b" * 33_000,
        "好。" + '"' * 100_000 + "然后",
        "U.S.A." * 16_000 + " Then",
        "中文 " * 33_000,
    ],
    ids=lambda t: repr(t[:8]),
)
def test_hostile_input_is_linear(text: str) -> None:
    started = time.perf_counter()
    sentences = split_sentences(text, BOTH)
    split_sentences(text)
    assert time.perf_counter() - started < 1.0
    assert "".join(sentences) == text


@given(
    st.integers(min_value=1, max_value=40_000),
    st.sampled_from(["“", "《", "。“", "a.", "。”", "（。"]),
)
@settings(max_examples=20, deadline=None)
def test_time_grows_linearly_with_size(n: int, unit: str) -> None:
    text = unit * n
    started = time.perf_counter()
    split_sentences(text)
    assert time.perf_counter() - started < 0.5
