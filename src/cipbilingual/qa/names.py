"""Personal and place names: the pinyin of a Chinese name (pypinyin, every reading of each
character, surname readings such as 单 Shan and 曾 Zeng) must appear in the English.

jieba's parts of speech say which words are names (nr: person, ns: place). A person's name
whose pinyin is absent is a warning (the English may say "he"); a lookalike spelling (Wang Qun
for 汪泉) is an error. A place name is judged only by lookalikes: places the English leaves
out are the omission check's business. Names in the house glossary are the glossary's.
"""

from __future__ import annotations

import difflib
import itertools
import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

from cipbilingual.messages import N_
from cipbilingual.models import Severity
from cipbilingual.qa.base import CheckContext, Issue, Unit, glossary_spans
from cipbilingual.qa.lexicon import NEW, Lexicon, Token, english_stems, lexicon

NAMES = frozenset(("names",))

_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏"
    "吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱"
    "严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁"
    "尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时"
    "穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾"
    "隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮"
    "粟冼蔺楼满闻厉伊仝郜阚权帅屠朴盖练廉禹井祖漆巴丰支卿狄计索宣晋初门云容敬扈晁芮都普阙浦戈伏"
    "鹿薄邸雍辜乌母裘亓修邰赫杭况宿逯隆茹诸战慕危亢嵇湛宾戎勾茅呼居揭尉衣信展阴昝幸奉衡富尧闭"
)
_COMPOUND_SURNAMES = frozenset(
    str.split(
        "欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 夏侯 轩辕 令狐 "
        "端木 独孤 南宫 西门 申屠 澹台 赫连 呼延 闻人 百里"
    )
)
# Readings a character takes as a surname that pypinyin's everyday reading may miss.
_SURNAME_READINGS = {
    "单": ("shan",),
    "曾": ("zeng",),
    "解": ("xie",),
    "区": ("ou",),
    "仇": ("qiu",),
    "朴": ("piao", "park"),
    "查": ("zha",),
    "盖": ("ge",),
    "缪": ("miao",),
    "乐": ("yue", "le"),
    "覃": ("qin",),
    "尉迟": ("yuchi",),
    "长孙": ("zhangsun",),
    "万": ("wan",),
    "翟": ("zhai",),
    "秘": ("bi",),
}
# Characters that mark a transliterated foreign name (凯蒂, 詹姆斯, 乔纳森), not a Chinese one:
# such a name's absence is not judged (its English is not its pinyin), only a lookalike is.
_FOREIGN = frozenset(
    "斯尔姆蒂夫瑟奥契纳森塞顿伯普布根鲁莉妮丝莎亚克特尼拉里恩迪塔伊勒利萨基格曼茨达维德韦"
)
# The hundred commonest surnames: only a name starting with one is judged by its absence.
_COMMON = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏"
    "吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱"
)
_PLACE_SUFFIXES = (
    "自治区",
    "省",
    "市",
    "县",
    "区",
    "镇",
    "乡",
    "村",
    "州",
    "路",
    "街",
    "道",
    "桥",
    "港",
)
# A "given name" of one of these is a word the cutter glued to a surname-like character (曾于,
# 高三): no name.
_NOT_GIVEN = frozenset("于在的将已还也对向和与及被把从等了着过是为以所其之三两")

ABSENT = N_("{name} ({pinyin}) is not in the English")
LOOKALIKE = N_("{name} is {pinyin}; the English has {other}")


_CHINESE = re.compile(r"[\u4e00-\u9fff]")
_LETTERS = re.compile(r"[^\W\d_]+")


def check(unit: Unit, ctx: CheckContext) -> Iterator[Issue]:
    if not _CHINESE.search(unit.source):
        return
    lex: Lexicon = ctx.resource("lexicon", lexicon)
    tokens = lex.tokens(unit.source)
    people = [
        t for t in tokens if (t.flag == NEW or t.flag.startswith("nr")) and _is_chinese_name(t.word)
    ]
    places = [t for t in tokens if t.flag == "ns" and len(t.word) >= 2]
    if not people and not places:
        return
    spans = glossary_spans(unit, ctx)
    english = _English(unit.target)
    own = {form for t in people for form in _full_forms(t.word)}
    source = unit.source
    for token in people:
        if _inside(token, spans):
            yield from _house_name(token, english, unit, ctx)
            continue
        before, after = source[token.start - 1 : token.start], source[token.end : token.end + 1]
        if "·" in (before, after) or "•" in (before, after) or after in _PLACE_SUFFIXES:
            continue  # 林赛·沃尔特斯 is foreign; 东陈镇 is a town
        # jieba tags many ordinary words as names (卫星, 权威): a word the dictionary knows is
        # judged only by lookalikes, and so is a transliterated foreign name.
        yield from _person(token, english, own, _judge_absence(token.word, lex))
    for token in places:
        if not _inside(token, spans):
            yield from _place(token, english, lex, unit)


def _house_name(token: Token, english: _English, unit: Unit, ctx: CheckContext) -> Iterator[Issue]:
    """A person the glossary names: its house English, or an accepted variant, is what counts
    (the glossary's own check warns when it is missing); a lookalike of it (Wang Qun for the
    house Wang Quan) is a misspelt name, an error."""
    assert ctx.glossary is not None
    for match in ctx.glossary.find(unit.source):
        if not (match.start <= token.start and token.end <= match.end):
            continue
        term = match.term
        for house in (term.target, *term.variants):
            words = [_fold(w) for w in _LETTERS.findall(house)]
            if not 2 <= len(words) <= 3 or english.has("".join(words)):
                return
        words = [_fold(w) for w in _LETTERS.findall(term.target)]
        wanted = "".join(words)
        for written, squashed in english.capitalised_runs(len(words)):
            if _similar(squashed, wanted):
                yield Issue(
                    "names",
                    LOOKALIKE,
                    {"name": term.source, "pinyin": term.target, "other": written},
                )
                return
        return


def _inside(token: Token, spans: list[tuple[int, int]]) -> bool:
    return any(start <= token.start and token.end <= end for start, end in spans)


def _is_chinese_name(word: str) -> bool:
    if not 2 <= len(word) <= 4:
        return False
    if word[:2] in _COMPOUND_SURNAMES:
        return len(word) >= 3
    return word[0] in _SURNAMES and len(word) <= 3


def _judge_absence(word: str, lex: Lexicon) -> bool:
    """Whether a missing pinyin means a missing name: a Chinese name with a common surname, not a
    word the dictionary knows (金光, 雷鸣般) nor a transliteration."""
    given = _split(word)[1]
    return (
        word[0] in _COMMON
        and not any(c in _FOREIGN for c in word[1:])
        and not lex.glosses(word)
        and not lex.glosses(word[:2])
        and not (len(given) == 1 and given in _NOT_GIVEN)
        and not (len(given) >= 2 and lex.glosses(given))  # 高水平: 高 + 水平
    )


def _split(word: str) -> tuple[str, str]:
    cut = 2 if word[:2] in _COMPOUND_SURNAMES else 1
    return word[:cut], word[cut:]


@lru_cache(maxsize=4096)
def _readings(chars: str) -> tuple[str, ...]:
    """Every pinyin spelling of `chars` (tone marks and ü folded), at most 16."""
    from pypinyin import Style, pinyin

    if not chars:
        return ("",)
    per_char = [
        [_fold(r) for r in readings]
        for readings in pinyin(chars, style=Style.NORMAL, heteronym=True, errors="ignore")
    ]
    combos = itertools.islice(itertools.product(*per_char), 16)
    return tuple(dict.fromkeys("".join(c) for c in combos))


def _surname_readings(surname: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(_SURNAME_READINGS.get(surname, ()) + _readings(surname)))


def _fold(text: str) -> str:
    text = text.replace("ü", "u").replace("v", "u")
    if text.isascii():
        return text.lower()
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


@lru_cache(maxsize=4096)
def _full_forms(word: str) -> tuple[str, ...]:
    surname, given = _split(word)
    forms = []
    for s in _surname_readings(surname):
        for g in _readings(given):
            forms += [s + g, g + s]
    return tuple(forms)


class _English:
    """The English as a run of letters with word boundaries, for finding names however they
    are spaced, hyphenated or capitalised."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.words: list[str] = _LETTERS.findall(text)
        joined = "\n".join(self.words)
        if joined.isascii():  # folded at once (the words are letters: no line breaks)
            self.folded: list[str] = _fold(joined).split("\n") if self.words else []
        else:
            self.folded = [_fold(w) for w in self.words]
        self.squashed = "".join(self.folded)
        self.bounds = set(itertools.accumulate(map(len, self.folded), initial=0))

    def has(self, form: str, *, prefix: bool = False) -> bool:
        """Whether the English spells `form` from a word's start to a word's end (with `prefix`,
        to anywhere: 魏凤 cut short by the word splitter is in "Wei Fenghe")."""
        start = self.squashed.find(form)
        while start >= 0:
            if start in self.bounds and (prefix or start + len(form) in self.bounds):
                return True
            start = self.squashed.find(form, start + 1)
        return False

    def capitalised_runs(self, size: int) -> Iterator[tuple[str, str]]:
        """Runs of `size` capitalised words: (as written, folded and squashed)."""
        for i in range(len(self.words) - size + 1):
            run = self.words[i : i + size]
            if all(w[0].isupper() for w in run):
                yield " ".join(run), "".join(self.folded[i : i + size])


def _person(token: Token, english: _English, own: set[str], judge_absence: bool) -> Iterator[Issue]:
    word = token.word
    forms = _full_forms(word)
    if any(english.has(f, prefix=True) for f in forms):
        return
    surname, given = _split(word)
    surnames = _surname_readings(surname)
    pinyin = _display(surnames[0], _readings(given)[0])
    # A lookalike: two or three capitalised words spelling nearly this name.
    for size in (2, 3):
        for written, squashed in english.capitalised_runs(size):
            if squashed in own:
                continue  # another name of this very sentence
            if any(_similar(squashed, f) for f in forms):
                yield Issue("names", LOOKALIKE, {"name": word, "pinyin": pinyin, "other": written})
                return
    if any(english.has(g) for g in _readings(given) if len(g) > 2):
        return  # the given name alone
    if any(english.has(s) for s in surnames) or not judge_absence:
        return  # "Mr. Wang": a later mention by surname
    yield Issue("names", ABSENT, {"name": word, "pinyin": pinyin}, severity=Severity.WARNING)


def _place(token: Token, english: _English, lex: Lexicon, unit: Unit) -> Iterator[Issue]:
    word = token.word
    if any(c in _FOREIGN for c in word):
        return  # 堪萨斯州 is Kansas, not its pinyin
    stems = [word] + [
        word[: -len(s)] for s in _PLACE_SUFFIXES if word.endswith(s) and len(word) > len(s) + 1
    ]
    forms = [r for stem in stems for r in _readings(stem)]
    if not forms or any(english.has(f) for f in forms):
        return
    words = unit.derived("english-stems", lambda: english_stems(unit.target))
    if any(english.has(lex.name(s)) or lex.glosses(s) & words for s in stems if lex.name(s)):
        return  # the dictionary's English of the place (北京 Beijing, 以色列 Israel)
    for size in (1, 2):
        for written, squashed in english.capitalised_runs(size):
            if len(squashed) >= 5 and any(_similar(squashed, f, 0.84) for f in forms):
                params = {"name": word, "pinyin": forms[0].capitalize(), "other": written}
                yield Issue("names", LOOKALIKE, params)
                return


def _similar(a: str, b: str, cutoff: float = 0.75) -> bool:
    if a == b or abs(len(a) - len(b)) > len(b) // 3 + 1:
        return False  # too different in length to reach the cutoff: spare difflib
    return difflib.SequenceMatcher(None, a, b).ratio() >= cutoff


def _display(surname: str, given: str) -> str:
    return f"{surname.capitalize()} {given.capitalize()}".strip()
