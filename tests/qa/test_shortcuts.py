"""The shortcuts that make the checks fast never change an answer: each quick "no" is a
necessary condition of the slow test it spares (see docs/qa.md, Speed)."""

from __future__ import annotations

import re
import string
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from cipbilingual import numbers
from cipbilingual.qa import figures, text
from cipbilingual.qa.base import HAN


def test_every_currency_word_has_a_mark_the_quick_test_looks_for() -> None:
    for word, _ in figures._ZH_CURRENCY:
        assert any(mark in word for mark in figures._CURRENCY_MARKS), word


def test_no_chinese_character_becomes_ascii_under_nfkc() -> None:
    # The identical check skips NFKC for ASCII English: it could never equal the Chinese.
    ranges = ((0x3400, 0x4DC0), (0x4E00, 0xA000), (0xF900, 0xFB00), (0x20000, 0x31350))
    for start, stop in ranges:
        for code in range(start, stop):
            char = chr(code)
            if HAN.match(char):
                assert not unicodedata.normalize("NFKC", char).isascii(), hex(code)


def test_only_the_translated_characters_lower_case_into_an_english_word() -> None:
    word_chars = set(string.ascii_letters + "'\u2019-")
    lowering = {
        chr(code)
        for code in range(128, 0x110000)
        if chr(code) not in word_chars and set(chr(code).lower()) & word_chars
    }
    assert lowering == {chr(c) for c in text._LOWER_TO_ASCII}


def test_only_the_translated_characters_match_an_english_letter_ignoring_case() -> None:
    letter = re.compile("[a-z]", re.IGNORECASE)
    matching = {chr(code) for code in range(128, 0x110000) if letter.fullmatch(chr(code))}
    assert matching == {chr(c) for c in numbers._ASCII_CASE}


# Every figure in words, in any case, amid words of every first letter.
_WORDS = st.sampled_from(
    [
        *numbers._EN_CARDINALS,
        *numbers._EN_ORDINALS,
        *numbers._EN_SCALES,
        *numbers._EN_TWO,
        *numbers._MONTH_ANY.split("|"),
        *(c + "x" for c in string.ascii_letters),
        "per cent",
        "1,200",
        "3.6",
        "21st",
        "%",
    ]
).map(lambda w: w.upper() if len(w) % 3 == 0 else w.capitalize() if len(w) % 3 == 1 else w)
_EVERY_WORD = re.compile(
    r"(?=\d)(?:"
    + "|".join(numbers._EN_DIGIT_ALTERNATIVES)
    + r")|\b(?=[A-Za-z])(?:"
    + "|".join(numbers._EN_WORD_ALTERNATIVES)
    + ")"
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_WORDS, max_size=12).map(" ".join))
def test_figures_in_words_are_looked_for_only_where_one_can_start(sentence: str) -> None:
    found = [m.group() for m in numbers._EN_PATTERN.finditer(sentence)]
    assert found == [m.group() for m in _EVERY_WORD.finditer(sentence)]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=" \t\n\u3000abc1.,;:!?-", max_size=20))
def test_a_space_before_punctuation_is_looked_for_only_after_a_space(english: str) -> None:
    if text._SPACE_BEFORE.search(english):
        assert text._SPACE_THEN_MARK.search(english)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="abc.:/@w 汪。．", max_size=24))
def test_addresses_are_looked_for_only_with_a_dot_or_a_scheme(chinese: str) -> None:
    normal = unicodedata.normalize("NFKC", chinese)
    slow = [m.group().rstrip(".,;:!?)") for m in figures._ADDRESS.finditer(normal)]
    assert figures.addresses(chinese) == slow
