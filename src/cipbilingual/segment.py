"""Chinese paragraphs -> sentences (segments); pure functions, linear time.

Rules and their reasons: docs/segmentation.md. Invariant: `"".join(split_sentences(p)) == p`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from cipbilingual.config import SegmentationRules

# A quotation, bracket or title whose closer comes within this many characters of its opener keeps
# its inner sentence enders from splitting; a longer (or unclosed) one does not, so an unbalanced
# “ or 《 never swallows the rest of a paragraph.
QUOTE_SPAN_LIMIT = 160

# Ends a sentence wherever it stands (subject to quotations and what follows).
_STRONG = "。｡！？…⋯"
# Ends a sentence only by context: ASCII . ! ? and the fullwidth full stop (also a decimal point).
_PERIODS = ".．"
_BANGS = "!?"
_SEMICOLONS = "；;"
_COLONS = "：:"

_PAIRS = {
    "“": "”",
    "‘": "’",
    "「": "」",
    "『": "』",
    "﹁": "﹂",
    "﹃": "﹄",
    "《": "》",
    "〈": "〉",
    "«": "»",
    "（": "）",
    "(": ")",
    "【": "】",
    "〖": "〗",
    "[": "]",
    "［": "］",
    "〔": "〕",
    "｛": "｝",
    "{": "}",
}
_SAME = '"＂'  # a quotation mark that opens and closes: the first opens, the next closes
_EXPECT = {**_PAIRS, **{c: c for c in _SAME}}  # opener -> the closer it waits for
_OPENERS = "".join(_PAIRS) + _SAME
_CLOSERS = "".join(_PAIRS.values()) + _SAME + "'"
_TITLE_CLOSERS = "》〉"  # an ender right before one of these belongs to the title
# Characters that cannot start a sentence: a boundary before one of them is no boundary.
_NON_STARTERS = set(_STRONG + _PERIODS + _BANGS + _SEMICOLONS + _COLONS + _CLOSERS + "，,、%％‰")
_NON_STARTERS -= set(_SAME + "'")  # ASCII quotes may open the next sentence

_BRACKET_RE = re.compile("[" + re.escape(_OPENERS + "".join(_PAIRS.values())) + "]")
_CJK_RE = re.compile(
    "[\u3007\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0003134f]"
)
_WORD_BEFORE_RE = re.compile(r"[A-Za-z.]*\Z")
# Latin words that end in a period without ending a sentence ("Mr. Wang", "No. 5", "Inc. said").
_ABBREVIATION_WORDS = """
mr mrs ms dr prof st sr jr co corp inc ltd llc plc no nos vs etc al fig figs approx dept est gov
govt sen rep gen col lt sgt capt cmdr mt ave rd blvd jan feb mar apr jun jul aug sep sept oct nov
dec mon tue wed thu fri sat sun vol ed eds pp ch art sec min max cf ie eg
"""
_ABBREVIATIONS = frozenset(_ABBREVIATION_WORDS.split())
_URLISH = set("=&/_-#%@~+")


def _candidate_re(semicolon: bool, colon: bool) -> re.Pattern[str]:
    """A run of enders, the closers after it, the whitespace after those."""
    enders = _STRONG + _PERIODS + _BANGS
    if semicolon:
        enders += _SEMICOLONS
    if colon:
        enders += _COLONS
    return re.compile("([" + re.escape(enders) + "]+)([" + re.escape(_CLOSERS) + r"]*)(\s*)")


def _plain_re(semicolon: bool, colon: bool) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """For paragraphs without brackets, quotes or context-dependent enders (most of them): a
    test for such characters, and a pattern whose matches are the sentences."""
    strong = _STRONG + ("；" if semicolon else "") + ("：" if colon else "")
    special = _OPENERS + "".join(_PAIRS.values()) + "'" + _PERIODS + _BANGS
    special += (";" if semicolon else "") + (":" if colon else "")
    s = re.escape(strong)
    n = re.escape("".join(sorted(_NON_STARTERS | set(strong))))
    sentence = rf"(?:[^{s}]++|[{s}]++\s*+(?=[{n}]))*+(?:[{s}]++\s*+)?"
    return re.compile("[" + re.escape(special) + "]"), re.compile(sentence)


# Indexed by (split_on_semicolon, split_on_colon).
_CANDIDATES = {(a, b): _candidate_re(a, b) for a in (False, True) for b in (False, True)}
_PLAIN = {(a, b): _plain_re(a, b) for a in (False, True) for b in (False, True)}
_STRONG_SET = frozenset(_STRONG)


_DEFAULT_RULES = SegmentationRules()


def split_sentences(paragraph: str, rules: SegmentationRules = _DEFAULT_RULES) -> list[str]:
    """Split one paragraph into sentences; joining the result gives back the paragraph exactly.

    Whitespace after a sentence stays with it; no segment is empty; never raises.
    """
    return list(iter_sentences(paragraph, rules))


def iter_sentences(paragraph: str, rules: SegmentationRules = _DEFAULT_RULES) -> Iterator[str]:
    """The sentences of `split_sentences`, one at a time (a caller can stop early without the
    whole list ever being built)."""
    if not paragraph:
        return
    key = (rules.split_on_semicolon, rules.split_on_colon)
    special, plain = _PLAIN[key]
    if special.search(paragraph) is None:
        for match in plain.finditer(paragraph):
            if match.end() > match.start():  # finditer's empty match at the very end
                yield match.group()
        return
    yield from _iter_in_context(paragraph, key)


def _split_in_context(paragraph: str, key: tuple[bool, bool]) -> list[str]:
    return list(_iter_in_context(paragraph, key))


def _iter_in_context(paragraph: str, key: tuple[bool, bool]) -> Iterator[str]:
    """The general path: every candidate boundary judged by its context."""
    n = len(paragraph)
    # Quotations and brackets are matched only once a boundary needs them (most need none).
    brackets = _BRACKET_RE.search(paragraph) is not None
    quiet: list[tuple[int, int]] | None = None
    openers: set[int] = set()
    span_index = 0
    start = 0
    for match in _CANDIDATES[key].finditer(paragraph):
        after = match.end()
        if after >= n:
            break  # the rest (closers, whitespace) belongs to the last sentence
        enders, closers, space = match.groups()
        end_start = match.start()
        end_stop = end_start + len(enders)
        close_stop = after - len(space)
        if brackets and closers and any(c in _SAME for c in closers):
            if quiet is None:
                quiet, openers = _quiet_spans(paragraph)
            # An ASCII quote that opens a quotation belongs to the next sentence.
            for k in range(end_stop, close_stop):
                if k in openers:
                    close_stop = after = k
                    closers = paragraph[end_stop:k]
                    break
        nxt = paragraph[after]
        if nxt in _NON_STARTERS:
            continue
        if closers and any(c in _TITLE_CLOSERS for c in closers):
            continue
        if _STRONG_SET.isdisjoint(enders) and not _ends_sentence(
            paragraph, enders, end_start, closers, after > close_stop
        ):
            continue
        if brackets:
            if quiet is None:
                quiet, openers = _quiet_spans(paragraph)
            # Quiet spans are disjoint and sorted; boundaries only move forward.
            while span_index < len(quiet) and quiet[span_index][1] < close_stop:
                span_index += 1
            if span_index < len(quiet) and quiet[span_index][0] < close_stop:
                continue
        yield paragraph[start:after]
        start = after
    yield paragraph[start:]


def _ends_sentence(text: str, enders: str, start: int, closers: str, spaced: bool) -> bool:
    """Decide a candidate boundary after `enders` (at `start`) whose next sentence would begin
    with text[after] (known to exist and not to be punctuation that cannot start a sentence)."""
    after = start + len(enders) + len(closers)
    while text[after].isspace():
        after += 1
    nxt = text[after]
    if any(c in _BANGS for c in enders):
        # Yahoo! is, ?id=3: an ASCII ! or ? inside English or a URL.
        if not spaced and not closers and ((nxt.isascii() and nxt.isalnum()) or nxt in _URLISH):
            return False
        return not (spaced and nxt.isascii() and nxt.islower())
    if enders[0] in _SEMICOLONS or enders[0] in _COLONS:
        if enders[0] in "；：":
            return True
        # ASCII ; or : ends a clause only before a space or Chinese: never in 16:36 or http://
        return spaced or closers != "" or _is_cjk(nxt)
    return _period_ends(text, start, closers, spaced, nxt)


def _period_ends(text: str, start: int, closers: str, spaced: bool, nxt: str) -> bool:
    """A run of . or ． ends a sentence: never in 3.6, U.S., e.g., example.com or 2019.11.24."""
    if start == 0:
        return False
    prev = text[start - 1]
    if not spaced and not closers:
        # Directly followed by text: only a Chinese character (or opener) may start a sentence
        # there — "He said.然后", "来了．然后" — never a digit or a letter (3.6, example.com).
        if not (_is_cjk(nxt) or nxt in _OPENERS):
            return False
    elif not (nxt.isupper() or _is_cjk(nxt) or nxt in _OPENERS or nxt == "'"):
        return False  # "e.g. the", "2019. 11. 24", "p. 5": lower case or digits follow
    if _is_cjk(prev) or prev in _CLOSERS or prev in "%％":
        return True
    if prev.isdigit():
        return spaced or bool(closers)
    if not (prev.isascii() and prev.isalpha()):
        return False
    return not _is_abbreviation(text, start)


def _is_abbreviation(text: str, start: int) -> bool:
    """The Latin word before the period at `start` is an abbreviation (Mr., U.S., e.g., initial)."""
    window = text[max(0, start - 12) : start]
    match = _WORD_BEFORE_RE.search(window)
    word = match.group() if match else ""
    if "." in word:
        return True
    if len(word) == len(window) == 12:
        return False  # a long word, not an abbreviation
    if len(word) == 1:
        return word.isupper()  # an initial: John F. Kennedy
    return word.lower() in _ABBREVIATIONS


def _is_cjk(char: str) -> bool:
    return _CJK_RE.match(char) is not None


def _quiet_spans(text: str) -> tuple[list[tuple[int, int]], set[int]]:
    """Spans (opener, closer) of quotations, brackets and titles short enough to keep their inner
    enders from splitting, outermost only and sorted; plus the positions of opening ASCII quotes.

    Matching: a closer pairs with the nearest open opener of its kind; openers opened after that
    one are left unclosed. Every character is pushed and popped at most once: linear time.
    """
    stack: list[tuple[str, int]] = []  # (expected closer, position)
    waiting: dict[str, int] = {}  # closer -> how many openers on the stack expect it
    pairs: list[tuple[int, int]] = []
    ascii_openers: set[int] = set()
    for match in _BRACKET_RE.finditer(text):
        pos = match.start()
        char = text[pos]
        expect = _EXPECT.get(char)
        if expect is not None and (expect != char or not waiting.get(char)):
            stack.append((expect, pos))
            waiting[expect] = waiting.get(expect, 0) + 1
            if expect == char:
                ascii_openers.add(pos)
            continue
        if not waiting.get(char):
            continue  # a stray closer
        while True:
            expected, opened = stack.pop()
            waiting[expected] -= 1
            if expected == char:
                break
        if pos - opened < QUOTE_SPAN_LIMIT:
            pairs.append((opened, pos))
    if not pairs:
        return [], ascii_openers
    pairs.sort()
    outer: list[tuple[int, int]] = []
    for opened, closed in pairs:
        if outer and opened < outer[-1][1]:
            continue  # nested inside the previous outer span
        outer.append((opened, closed))
    return outer, ascii_openers
