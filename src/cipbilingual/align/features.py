"""What a sentence offers for comparison with the other language: Chinese words with the English
stems the dictionary and the glossary give them, figures by value, names by pinyin; English
content stems, figures and capitalised names. Pure functions over a `Lexicon` and a glossary.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from cipbilingual.lexicon import Lexicon, english_words, is_hanzi, name_pinyin, stem, words
from cipbilingual.models import TermMatch, TermStatus
from cipbilingual.numbers import DATE, MONTH, PERCENT, YEAR, Quantity, en_quantities, zh_quantities

# Figures and names are strong evidence: they count double on both sides.
FIGURE_WEIGHT = 2.0
NAME_WEIGHT = 2.0
TERM_WEIGHT = 2.0

# Function words whose dictionary glosses are grammar, not meaning (的: "possessive particle").
ZH_STOP_WORDS = frozenset(
    words(
        """
        的 了 着 过 地 得 之 其 所 以 于 与 及 和 或 而 并 且 也 都 就 又 还 再 更 最 很 太 已 已经
        曾 将 要 会 能 可 可以 把 被 让 使 给 对 向 从 自 由 到 在 为 是 有 这 那 该 此 各 每 某 本
        等 等等 个 些 一些 上 下 中 内 外 里 前 后 时 间 之间 以来 以上 以下 方面 进行 通过 按照
        根据 关于 对于 以及 如 若 但 但是 因为 所以 因此 如果 虽然 不 没有 无 非 吗 呢 吧 啊
        他 她 它 他们 我们 你 我 其中 这个 这些 那些 一 一个 之一 其他 同时 目前 现在 今后
        相关 一批 一行 据悉 据了解 家 项 名 位 次 件 座 台 条 种 只 张 辆 份 套 例 笔 户
        """
    )
)
# The commonest Chinese surnames (about nine people in ten bear one): an unknown two- or
# three-character word starting with one is taken for a person's name and compared by pinyin.
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁"
    "任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武"
    "戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮"
    "柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古"
    "吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫"
    "寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝"
)
COMPOUND_SURNAMES = frozenset(
    words("欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 夏侯")
)
# Last characters of place and organisation names (高新区, 展厅), never of a person's.
_NOT_NAME_FINAL = frozenset("区市县省镇乡村园厅院局部委会所站厂馆路街港室处科组队团社司校楼场")
_LATIN = re.compile(r"[A-Za-z][A-Za-z'&.-]*[A-Za-z]|[A-Za-z]")
_CAPITALISED = re.compile(r"\b[A-Z][a-zA-Z'’]*(?:-[A-Z][a-zA-Z]*)*")
_SPACE_RUN = re.compile(r"[\s\u3000]+")


class TermFinder(Protocol):
    """Anything that finds glossary terms in Chinese text (cipbilingual.glossary.Glossary)."""

    def find(self, text: str) -> list[TermMatch]: ...


@dataclass(frozen=True)
class ChineseSentence:
    """A Chinese sentence as the scorer sees it."""

    units: tuple[tuple[frozenset[str], float], ...]  # (English keys it may show as, weight)
    keys: frozenset[str]  # every key of every unit
    length: int  # characters, white space excluded


@dataclass(frozen=True)
class EnglishSentence:
    """An English sentence as the scorer sees it."""

    words: frozenset[str]  # content stems and figure keys, each counted when covered
    weights: tuple[tuple[str, float], ...]  # (key, weight) for every word
    keys: frozenset[str]  # words plus name keys: what a Chinese unit may find
    length: int  # characters, white space excluded


def _figure_key(q: Quantity) -> str:
    return f"#{q.value}"


def _strong_figure(q: Quantity, text: str) -> bool:
    """Figures written with digits, and dates, months, years and percentages; a spelled "one"
    or 一 is a word, not evidence."""
    if q.kind in (DATE, MONTH, YEAR, PERCENT):
        return True
    return any(c.isdigit() for c in q.text) or q.value >= 10 or q.value != int(q.value)


def _masked(text: str, spans: Sequence[tuple[int, int]]) -> list[str]:
    """The pieces of `text` outside the spans (sorted, may overlap)."""
    pieces: list[str] = []
    at = 0
    for start, end in sorted(spans):
        if start > at:
            pieces.append(text[at:start])
        at = max(at, end)
    pieces.append(text[at:])
    return pieces


def term_keys(match: TermMatch) -> frozenset[str]:
    """The English a glossary term stands for: stems of its house English, accepted variants
    and abbreviation (a deprecated term still shows as its English)."""
    term = match.term
    keys = set(english_words(" ".join((term.target, *term.variants))))
    if term.abbreviation:
        keys.add(stem(term.abbreviation))
    if term.status is TermStatus.DEPRECATED:
        keys.update(english_words(" ".join(term.forbidden)))
    return frozenset(keys)


class Featurizer:
    """Turns sentences into features; caches nothing between documents but the lexicon's."""

    def __init__(self, lexicon: Lexicon, glossary: TermFinder | None = None) -> None:
        self.lexicon = lexicon
        self.glossary = glossary
        self._names: dict[str, str] = {}

    # -- Chinese ---------------------------------------------------------------------------
    def chinese(self, text: str) -> ChineseSentence:
        from cipbilingual.glossary.script import fold

        folded = fold(text)
        units: list[tuple[frozenset[str], float]] = []
        spans: list[tuple[int, int]] = []
        for q in zh_quantities(folded):
            if _strong_figure(q, folded):
                units.append((frozenset((_figure_key(q),)), FIGURE_WEIGHT))
                spans.append((q.start, q.end))
        if self.glossary is not None:
            for match in self.glossary.find(text):
                keys = term_keys(match)
                if keys:
                    units.append((keys, TERM_WEIGHT))
                    spans.append((match.start, match.end))
        for piece in _masked(folded, spans):
            for word in self.lexicon.words(piece):
                unit = self._word_unit(word)
                if unit is not None:
                    units.append(unit)
        keys = frozenset().union(*(k for k, _ in units)) if units else frozenset()
        return ChineseSentence(tuple(units), keys, len(_SPACE_RUN.sub("", text)))

    def _word_unit(self, word: str) -> tuple[frozenset[str], float] | None:
        if not word or word in ZH_STOP_WORDS:
            return None
        if not is_hanzi(word[0]):
            latin = [stem(w) for w in _LATIN.findall(word) if len(w) > 1]
            return (frozenset(latin), 1.0) if latin else None
        entry = self.lexicon.entry(word)
        if entry is not None:
            keys = set(entry.stems)
            if entry.name and len(word) > 1:
                keys.add("@" + entry.name)
            return (frozenset(keys), NAME_WEIGHT if entry.name and len(word) > 1 else 1.0)
        parts = self.lexicon.split_unknown(word)
        if _looks_like_name(word) and (len(parts) == len(word) or parts[1:] == [word[1:]]):
            surname = 2 if word[:2] in COMPOUND_SURNAMES else 1
            keys = {"@" + self._name(word), "@" + self._name(word[:surname])}
            return (frozenset(keys), NAME_WEIGHT)
        keys = set()
        for part in parts:
            if part in ZH_STOP_WORDS:
                continue
            found = self.lexicon.entry(part)
            if found is not None:
                keys.update(found.stems)
        return (frozenset(keys), 1.0) if keys else None

    def _name(self, word: str) -> str:
        found = self._names.get(word)
        if found is None:
            found = self._names[word] = name_pinyin(word)
        return found

    # -- English ---------------------------------------------------------------------------
    def english(self, text: str) -> EnglishSentence:
        weights: dict[str, float] = {}
        spans: list[tuple[int, int]] = []
        for q in en_quantities(text):
            if _strong_figure(q, text):
                weights[_figure_key(q)] = FIGURE_WEIGHT
                spans.append((q.start, q.end))
        rest = " ".join(_masked(text, spans))
        for word in english_words(rest):
            weights.setdefault(word, 1.0)
        names = _name_keys(rest)
        words = frozenset(weights)
        return EnglishSentence(
            words, tuple(weights.items()), words | names, len(_SPACE_RUN.sub("", text))
        )


def _looks_like_name(word: str) -> bool:
    """A word the dictionary lacks that reads as a person's name: surname plus one or two
    characters (汪泉, 方国强, 欧阳修)."""
    if word[-1] in _NOT_NAME_FINAL:
        return False
    if word[:2] in COMPOUND_SURNAMES:
        return 3 <= len(word) <= 4 and all(is_hanzi(c) for c in word)
    return word[0] in SURNAMES and 2 <= len(word) <= 3 and all(is_hanzi(c) for c in word)


def _name_keys(text: str) -> frozenset[str]:
    """Capitalised words and runs of two or three of them, letters only: "Wang Quan" gives
    @wang, @quan and @wangquan, to meet pinyin from the Chinese side."""
    keys: set[str] = set()
    run: list[str] = []
    last_end = -2
    for match in _CAPITALISED.finditer(text):
        word = "".join(c for c in match.group().lower() if c.isalpha())
        if match.start() - last_end > 1:
            run = []
        run.append(word)
        last_end = match.end()
        for size in (1, 2, 3):
            if len(run) >= size:
                keys.add("@" + "".join(run[-size:]))
    return frozenset(keys)
