"""GNU line wrapping: our breaks equal libunistring's, and whole strings lay out like msgcat."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cipbilingual.store import wrap as wrap_module
from cipbilingual.store.wrap import display_width, escape, wrap
from tests.store import _unistring
from tests.store.conftest import Msgcat
from tests.store.strategies import any_text, long_text, news_text

LIB = _unistring.load()
needs_lib = pytest.mark.skipif(LIB is None, reason="libunistring (GNU msgcat's) not found")


def _lines(keyword: str, value: str, prefix: str = "") -> list[str]:
    out: list[str] = []
    wrap(out, prefix, keyword, value)
    return out


@needs_lib
@settings(max_examples=600, deadline=None)
@given(
    text=st.one_of(news_text, long_text, any_text),
    width=st.sampled_from([77, 74, 73, 40, 3]),
    start=st.sampled_from([0, 6, 7, 8]),
)
def test_breaks_equal_libunistring(text: str, width: int, start: int) -> None:
    assert LIB is not None
    portion = escape(text)
    assert wrap_module._breaks(portion, width, start) == _unistring.gnu_breaks(
        LIB, portion, width, start
    )


@needs_lib
def test_complete_and_fast_paths_agree_on_plain_text() -> None:
    # The fast path is what most strings take; the complete one is the reference port.
    assert LIB is not None
    samples = [
        "中国以色列常州创新园（中以常州创新园）是中以两国政府间合作的首个创新园区" * 3,
        "The China-Israel Changzhou Innovation Park (CIP) is the first park of its kind. " * 4,
        "“桥梁”、“示范区”……3.6亿元，同比增长12.5%。" * 5,
    ]
    for text in samples:
        portion = escape(text)
        fast = wrap_module._breaks(portion, 77, 6)
        complete = wrap_module._complete(portion, 77, 6, wrap_module._escape_locks(portion))
        assert fast == complete == _unistring.gnu_breaks(LIB, portion, 77, 6)


def test_short_string_stays_on_one_line() -> None:
    assert _lines("msgid", "中以常州创新园") == ['msgid "中以常州创新园"']


def test_wrapped_string_starts_with_empty_line_and_breaks_by_width() -> None:
    text = "中国以色列常州创新园（中以常州创新园）是中以两国政府间合作的首个创新园区，" * 2
    lines = _lines("msgid", text)
    assert lines[0] == 'msgid ""'
    assert all(display_width(line) <= 79 for line in lines)
    assert "".join(line[1:-1] for line in lines[1:]) == text
    # UAX #14: a line may not start with the ideographic comma or full stop.
    assert not any(line.startswith(('"，', '"。', '"、')) for line in lines)


def test_inner_newlines_break_lines_and_the_final_one_does_not() -> None:
    assert _lines("msgstr", "a\nb") == ['msgstr ""', '"a\\n"', '"b"']
    assert _lines("msgstr", "a\n") == ['msgstr "a\\n"']
    assert _lines("msgstr", "") == ['msgstr ""']


def test_escapes() -> None:
    assert escape('tab\there "quote" back\\slash\a\b\f\r\v') == (
        'tab\\there \\"quote\\" back\\\\slash\\a\\b\\f\\r\\v'
    )


def test_prefix_narrows_the_lines() -> None:
    text = "word " * 30
    for prefix in ("#~ ", "#| ", "#~| "):
        lines = _lines("msgid", text, prefix)
        assert all(line.startswith(prefix) for line in lines)
        assert all(len(line) <= 79 for line in lines)


def test_a_word_longer_than_a_line_is_not_cut() -> None:
    word = "x" * 200
    assert _lines("msgstr", f"a {word} b") == ['msgstr ""', '"a "', f'"{word} "', '"b"']


def test_display_width() -> None:
    assert display_width("CIP") == 3
    assert display_width("中以") == 4
    assert display_width("“桥梁”") == 6  # curly quotes are narrow outside CJK encodings
    assert display_width("e\u0301") == 1  # a combining accent takes no column


@settings(max_examples=60, deadline=None)
@given(texts=st.lists(st.one_of(news_text, long_text, any_text), min_size=1, max_size=12))
def test_layout_equals_msgcat(texts: list[str], msgcat: Msgcat) -> None:
    out = ['msgid ""']
    wrap(out, "", "msgstr", "Content-Type: text/plain; charset=UTF-8\n")
    for i, text in enumerate(texts):
        out.append("")
        wrap(out, "", "msgctxt", f"c{i}")
        wrap(out, "", "msgid", text)
        wrap(out, "", "msgstr", text[::-1])
    ours = "\n".join(out) + "\n"
    assert msgcat(ours) == ours
