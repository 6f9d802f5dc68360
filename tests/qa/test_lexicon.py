"""QA's words are jieba's: the fast cutter (rjieba, block by block) gives `jieba.lcut`'s Chinese
words, punctuation and spaces at the same places; only runs of Latin letters and digits may be
grouped differently. And the parts of speech are those `jieba.posseg` reads."""

from __future__ import annotations

import json
import logging
import re
from functools import cache
from pathlib import Path

import jieba
from hypothesis import given, settings
from hypothesis import strategies as st

from cipbilingual.qa.lexicon import NEW, lexicon

REPO = Path(__file__).resolve().parents[2]
# A word made only of these may be grouped differently (www.cipcz.cn: one word or five).
LATIN = re.compile(r"[a-zA-Z0-9+#&._%\-]+")


@cache
def _jieba() -> jieba.Tokenizer:
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return tokenizer


@cache
def _dictionary_words() -> list[str]:
    with open(_jieba().get_dict_file().name, encoding="utf-8") as file:
        return [line.split(" ")[0] for line in file]


def _view(words: list[str]) -> list[tuple[int, str]]:
    """Every word but the Latin ones, with where it starts."""
    out, start = [], 0
    for word in words:
        if not LATIN.fullmatch(word):
            out.append((start, word))
        start += len(word)
    return out


def _same_as_jieba(text: str) -> None:
    ours = lexicon().words(text)
    assert "".join(ours) == text
    assert _view(ours) == _view(_jieba().lcut(text, HMM=True)), text


def _corpus_lines() -> list[str]:
    lines: list[str] = []
    for path in sorted((REPO / "tests" / "data").rglob("*.zh.txt")):
        lines += path.read_text(encoding="utf-8").splitlines()
    labelled = REPO / "tests" / "data" / "qa" / "labelled.jsonl"
    lines += [json.loads(row)["zh"] for row in labelled.read_text(encoding="utf-8").splitlines()]
    return [line for line in lines if line.strip()]


def test_the_corpus_is_cut_as_jieba_cuts_it() -> None:
    lines = _corpus_lines()
    assert len(lines) > 150
    for line in lines:
        _same_as_jieba(line)


def test_latin_runs_are_the_only_difference() -> None:
    text = "详情请访问园区官网 www.cipcz.cn 或发送邮件至 info@cipcz.cn。"
    assert "www.cipcz.cn" in lexicon().words(text)  # jieba: www . cipcz . cn
    _same_as_jieba(text)


# Characters jieba treats unlike its Rust port: CJK beyond U+9FD5 and in the extensions, full-width
# forms, whitespace and line ends, the Latin block characters, and a name the HMM has to find.
_ODD = [*"\u3400\u4dbf\u9fd6\u9fff\uf900\U00020000ａ１\t\r\n \u3000·•", "\r\n", "汪泉"]
_PUNCTUATION = list("，。、：；！？（）“”《》,.:;!?()\"'-%+#&_")
_PIECES = st.one_of(
    st.sampled_from(_ODD + _PUNCTUATION),
    st.sampled_from(list("的一是在不了有和人中大为上国年出对成会可发同工能下过说产")),
    st.text(alphabet="abcXYZ0123456789.%-", min_size=1, max_size=6),
    st.integers(min_value=0, max_value=349_045).map(lambda i: _dictionary_words()[i]),
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, min_size=1, max_size=30).map("".join))
def test_any_text_is_cut_as_jieba_cuts_it(text: str) -> None:
    _same_as_jieba(text)


def test_parts_of_speech_are_those_of_jiebas_dictionary() -> None:
    import jieba.posseg

    lex = lexicon()
    tags = jieba.posseg.dt.word_tag_tab
    words = sorted(tags)
    # Every 7th word of the dictionary (50,000), and words it lacks.
    for word in words[::7]:
        assert lex.dictionary_tag(word) == tags[word], word
    for word in ("汪泉", "中以", "创新园", "CIP", " ", "\n", "3.6"):
        assert lex.dictionary_tag(word) == tags.get(word), word
    split_alone = [w for w in words[:20000] if len(lex._tag(w)) != 1]
    assert len(split_alone) > 100  # both fallbacks are exercised (a search, then the parse):
    assert all(lex.dictionary_tag(w) == tags[w] for w in split_alone)
    assert lex._lookups == 50 and lex._all_tags is not None
    tokens = lex.tokens("常州市委书记汪泉到中以常州创新园调研。")
    flags = {t.word: t.flag for t in tokens}
    assert flags["常州"] == "ns" and flags["汪泉"] == NEW and flags["。"] == "x"
    assert all(t.han == (t.word != "。") for t in tokens)
    assert [t.end for t in tokens[:-1]] == [t.start for t in tokens[1:]]
