"""Encoding detection: short texts, declared charsets, and round trips of generated Chinese text."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cipbilingual.errors import InputError
from cipbilingual.importers import decode_text
from cipbilingual.importers.encoding import sniff_binary

DATA = Path(__file__).parent / "data"
SIMPLIFIED = (DATA / "corpus" / "cip-2019-11-24-wang-quan-visit.zh.txt").read_text(encoding="utf-8")
TRADITIONAL = (DATA / "import" / "work-plan-traditional.big5.txt").read_bytes().decode("big5")


def _hanzi(text: str) -> list[str]:
    return sorted({ch for ch in text if "\u4e00" <= ch <= "\u9fff"})


def _gb2312_level1(ch: str) -> bool:
    try:
        raw = ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return 0xB0 <= raw[0] <= 0xD7


def _big5_frequent(ch: str) -> bool:
    try:
        raw = ch.encode("big5")
    except UnicodeEncodeError:
        return False
    return 0xA440 <= (raw[0] << 8 | raw[1]) <= 0xC67E


# The alphabets of real articles: the corpus's simplified characters (GB2312 level 1, the 3,755
# common ones) and the traditional fixture's characters (Big5's 5,401 frequent ones).
SIMPLIFIED_HANZI = [ch for ch in _hanzi(SIMPLIFIED) if _gb2312_level1(ch)]
TRADITIONAL_HANZI = [ch for ch in _hanzi(TRADITIONAL) if _big5_frequent(ch)]
ASCII = list("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .-:()%")


def test_alphabets_are_large_enough() -> None:
    assert len(SIMPLIFIED_HANZI) > 300
    assert len(TRADITIONAL_HANZI) > 100


@pytest.mark.parametrize(
    "text",
    [
        "中",
        "中国",
        "你好。",
        "第一章",
        "发布时间：2019-11-24",
        "汪泉在中以常州创新园调研时强调",
        "中以常州创新园召开2020年中以合作重点工作计划研讨会",
    ],
)
def test_short_gb18030_lines(text: str) -> None:
    # charset-normalizer alone reads several of these as cp949, big5, johab or UTF-16.
    assert decode_text(text.encode("gb18030")) == (text, "gb18030")


@pytest.mark.parametrize(
    "text", ["你好。", "第一章", "會議指出，中以常州創新園是我國首個創新示範園區。"]
)
def test_short_big5_lines(text: str) -> None:
    assert decode_text(text.encode("big5")) == (text, "big5")


def test_ambiguous_two_characters_fall_to_gb18030() -> None:
    # 園區 in Big5 is also valid GB18030 (堕跋), and both readings are common characters: with
    # nothing else to go on the tie goes to GB18030. A page's declaration settles it.
    raw = "園區".encode("big5")
    assert decode_text(raw) == ("堕跋", "gb18030")
    assert decode_text(raw, declared="big5") == ("園區", "big5")


def test_declared_charset_loses_when_the_bytes_disagree() -> None:
    text = "會議指出，中以常州創新園是我國首個由兩國政府共同建立的創新示範園區。"
    assert decode_text(text.encode("big5"), declared="gb2312") == (text, "big5")
    simplified = "会议指出，中以常州创新园是我国首个由两国政府共同建立的创新示范园区。"
    assert decode_text(simplified.encode("gb18030"), declared="big5") == (simplified, "gb18030")


def test_gbk_traditional_characters() -> None:
    text = "會議指出，中以常州創新園是我國首個由兩國政府共同建立的創新示範園區。"
    assert decode_text(text.encode("gbk")) == (text, "gb18030")


def test_utf16_without_bom_is_recognised_by_its_nul_bytes() -> None:
    for codec in ("utf-16-le", "utf-16-be"):
        assert decode_text(SIMPLIFIED.encode(codec)) == (SIMPLIFIED, codec)


def test_utf8_is_preferred_when_it_decodes_to_chinese() -> None:
    assert decode_text(SIMPLIFIED.encode("utf-8")) == (SIMPLIFIED, "utf-8")


def test_gb_bytes_that_happen_to_be_valid_utf8_are_read_as_gb() -> None:
    # 未 in GB18030 is CE B4, which is also UTF-8 for the Greek δ.
    assert "未".encode("gb18030").decode("utf-8") == "δ"
    assert decode_text("未".encode("gb18030")) == ("未", "gb18030")


def test_line_endings_are_left_to_the_parsers() -> None:
    assert decode_text("一\r\n二\r三\n".encode()) == ("一\r\n二\r三\n", "utf-8")


def test_text_that_starts_like_a_magic_number_is_still_text() -> None:
    assert sniff_binary("ID3项目进展".encode()) is None
    assert sniff_binary(b"ID3\x03\x00\x00\x00\x00\x00") == "an MP3 file"


def test_empty_bytes() -> None:
    with pytest.raises(InputError, match="empty"):
        decode_text(b"")


def test_bom_with_invalid_body() -> None:
    with pytest.raises(InputError, match="byte-order mark"):
        decode_text(b"\xef\xbb\xbf\xff\xfe\xfd")


# -- round trips ----------------------------------------------------------------------------

_ANY_TEXT = st.characters(
    blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufeff"
) | st.sampled_from("\n\t\r")
_CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)


@st.composite
def unicode_chinese(draw: st.DrawFn) -> str:
    """Any text with at least one ideograph in it."""
    return draw(st.text(_ANY_TEXT)) + draw(_CJK) + draw(st.text(_ANY_TEXT))


@given(unicode_chinese(), st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]))
@settings(max_examples=300, deadline=None)
def test_unicode_encodings_round_trip(text: str, codec: str) -> None:
    assert decode_text(text.encode(codec)) == (text, codec)


def _news_text(hanzi: list[str], punctuation: str) -> st.SearchStrategy[str]:
    """Sentences as news text has them: ideographs with some Latin words, numbers and line
    breaks, each sentence closed by Chinese punctuation."""
    body = st.lists(
        st.one_of(st.sampled_from(hanzi), st.sampled_from(ASCII), st.just("\n")),
        min_size=1,
        max_size=60,
    ).map("".join)
    sentence = st.tuples(st.sampled_from(hanzi), body, st.sampled_from(punctuation)).map("".join)
    return st.lists(sentence, min_size=1, max_size=8).map("".join)


@given(_news_text(SIMPLIFIED_HANZI, "，。；：！？、“”《》（）"))
@settings(max_examples=300, deadline=None)
def test_gb18030_news_text_round_trips(text: str) -> None:
    assert decode_text(text.encode("gb18030")) == (text, "gb18030")


@given(_news_text(TRADITIONAL_HANZI, "，。；：！？、「」"))
@settings(max_examples=300, deadline=None)
def test_big5_news_text_round_trips(text: str) -> None:
    assert decode_text(text.encode("big5")) == (text, "big5")
