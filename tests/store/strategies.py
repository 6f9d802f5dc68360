"""Hypothesis strategies: the kind of text a Chinese-English news catalog holds, and worse."""

from __future__ import annotations

from hypothesis import strategies as st

CJK = "中国以色列常州创新园高新技术产业开发区汪泉调研强调國際資訊體質發展桥梁项目资本合作示范"
CJK_PUNCT = [
    "“", "”", "『", "』", "《", "》", "、", "，", "。", "……", "！", "？", "；", "：",
    "（", "）", "【", "】", "——", "·", "％", "　", "「", "」",
]  # fmt: skip
ASCII_PIECES = [
    "the ", "China-Israel ", "Park ", "(CIP)", "3.6亿", "2019-11-24", "16:36:14", "3,000",
    "e.g.", "U.S.", "50%", "$1.2", "a/b", "don't", "'s", "—", "-", "/", ".", ",", "!", "?",
    "WOFE", "High-tech Zone", "x", "I", "99",
]  # fmt: skip
AWKWARD = ["\t", "\\", '"', "\n", " ", "  ", "\\n", '\\"', "\r", "\\\\"]

piece = st.one_of(
    st.sampled_from(CJK),
    st.sampled_from(CJK_PUNCT),
    st.sampled_from(ASCII_PIECES),
    st.sampled_from(AWKWARD),
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz ABCXYZ0123456789", min_size=1, max_size=12),
)

news_text = st.lists(piece, max_size=60).map("".join)
long_text = st.builds(
    lambda chars, n: (chars * n)[:n],
    st.text(alphabet=CJK + "abc ", min_size=1, max_size=7),
    st.integers(min_value=200, max_value=3200),
)
# Any text GNU can hold: all of Unicode but surrogates, NUL and EOT (its context separator).
any_text = st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\x00\x04"))
po_text = st.one_of(news_text, news_text, news_text, long_text, any_text)

# Text an article may hold (the store refuses other control characters).
_ARTICLE_ALPHABET = st.characters(
    exclude_categories=["Cs"],
    exclude_characters="".join(chr(c) for c in range(0x20) if chr(c) not in "\t\n")
    + "".join(chr(c) for c in range(0x7F, 0xA0))
    + "\u2028\u2029",
)
article_text = st.one_of(
    news_text.map(lambda s: s.replace("\r", "")), st.text(_ARTICLE_ALPHABET, max_size=80)
)
# Free text for comment lines (reasons, machine drafts, term notes): anything the text rule
# accepts (cipbilingual.text; the store refuses the rest, see unstorable_text).
comment_text = st.one_of(news_text.map(lambda s: s.replace("\r", "")), st.text(_ARTICLE_ALPHABET))
# Text for one-line fields (names, titles): the same without tab and newline.
line_text = comment_text.map(lambda s: s.replace("\n", " ").replace("\t", " "))
# Text the rule refuses: something acceptable with a refused character inside.
unstorable_text = st.builds(
    lambda head, bad, tail: head + bad + tail,
    comment_text,
    st.sampled_from(
        [chr(c) for c in range(0x20) if chr(c) not in "\t\n"]
        + [chr(c) for c in range(0x7F, 0xA0)]
        + ["\u2028", "\u2029"]
    ),
    comment_text,
)
# A free note as Poedit writes it: one line of printable text.
note_text = st.one_of(
    news_text.map(lambda s: s.translate({ord("\n"): " ", ord("\r"): " "}).rstrip("\\")),
    st.text(st.characters(exclude_categories=["Cs", "Cc"], exclude_characters="\u2028\u2029")).map(
        lambda s: s.rstrip("\\")
    ),
)
