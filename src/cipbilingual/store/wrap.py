"""GNU gettext's string layout: escaping and width-aware UAX #14 line wrapping at 79 columns.

Mirrors what msgcat (gettext 0.21 with libunistring 1.0) does, so a catalog we write survives
any gettext tool unchanged. The character tables come from `_unitables` (measured, see
tools/gen_unitables.py); docs/po-format.md explains the algorithm.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate

from cipbilingual.store import _unitables as _t

PAGE_WIDTH = 79

_SP, _AL, _HY, _BA, _HL = _t.SP, _t.AL, _t.HY, _t.BA, _t.HL
_BK, _LF, _CR, _ZW, _CM, _ZWJ, _RI = _t.BK, _t.LF, _t.CR, _t.ZW, _t.CM, _t.ZWJ, _t.RI
_HL_BA = -1  # a Hebrew letter followed by a hyphen: nothing may break right after it
_PAIR = _t.PAIR
_CLASS_STARTS = [r[0] for r in _t.CLASS_RANGES]

# GNU escapes these seven control characters plus backslash and double quote; every other
# character, control characters included, is written as it is.
_ESCAPES = {
    "\a": "\\a",
    "\b": "\\b",
    "\f": "\\f",
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
    "\v": "\\v",
    "\\": "\\\\",
    '"': '\\"',
}
_ESCAPE_TABLE = str.maketrans(_ESCAPES)
_NEEDS_ESCAPE = re.compile('[\a\b\f\n\r\t\v\\\\"]')

_SPECIAL_CLASSES = frozenset({_BK, _LF, _CR, _ZW, _CM, _ZWJ, _RI, _HL})


def _width_of(cp: int) -> int:
    for table, value in ((_t.DOUBLE_WIDTH, 2), (_t.ZERO_WIDTH, 0)):
        i = bisect_right(table, (cp, 0x10FFFF)) - 1
        if i >= 0 and table[i][0] <= cp <= table[i][1]:
            return value
    return 1


def _class_of(cp: int) -> int:
    return _t.CLASS_RANGES[bisect_right(_CLASS_STARTS, cp) - 1][2]


def _bmp_class(ranges: list[tuple[int, int]], astral: bool) -> re.Pattern[str]:
    """A regex character class for the BMP part of `ranges` (re compiles it to a bitmap);
    with `astral`, every character beyond the BMP matches too."""
    parts = []
    for lo, hi in ranges:
        lo, hi = max(lo, 0), min(hi, 0xFFFF)
        if lo > hi or (lo >= 0xD800 and hi <= 0xDFFF):
            continue
        parts.append(f"{re.escape(chr(lo))}-{re.escape(chr(hi))}")
    if astral:
        parts.append("\U00010000-\U0010ffff")
    return re.compile("[" + "".join(parts) + "]")


# Characters that need the complete algorithm: those in the rarely needed rules of UAX #14
# (mandatory breaks, combining marks, joiners, regional indicators, Hebrew letters), those of
# width 0, and, to keep the regex a plain bitmap, everything beyond the BMP.
_SPECIAL = _bmp_class(
    [(lo, hi) for lo, hi, cls in _t.CLASS_RANGES if cls in _SPECIAL_CLASSES] + list(_t.ZERO_WIDTH),
    astral=True,
)
_WIDE = _bmp_class(list(_t.DOUBLE_WIDTH), astral=False)
_ASCII_SPECIAL = re.compile("[\x00-\x1f\x7f]")
_ESCAPE_PAIR = re.compile(r"\\.")


class _Widths(dict[int, str]):
    """Code point -> chr(display width); a `str.translate` table filled lazily."""

    def __missing__(self, cp: int) -> str:
        self[cp] = value = chr(_width_of(cp))
        return value


class _Classes(dict[str, int]):
    """Character -> its line-breaking class, filled lazily."""

    def __missing__(self, ch: str) -> int:
        self[ch] = cls = _class_of(ord(ch))
        return cls


_WIDTH_CHARS = _Widths()
_CLASS = _Classes()
# Inside a run of ASCII letters and digits no break is possible (AL and NU only break after
# spaces); the fast path relies on it, so check it against the measured table.
_ALNUM_CLASSES = {_CLASS[c] for c in "aZ0"}
_ALNUM_SHORTCUT = all(_PAIR[x][y] != "D" for x in _ALNUM_CLASSES for y in _ALNUM_CLASSES)


def escape(text: str) -> str:
    """`text` as it appears between the quotes of a PO string."""
    if _NEEDS_ESCAPE.search(text) is None:
        return text
    return text.translate(_ESCAPE_TABLE)


def display_width(text: str) -> int:
    """Columns `text` takes on a terminal, as libunistring counts them (CJK = 2)."""
    if text.isascii() and _ASCII_SPECIAL.search(text) is None:
        return len(text)
    return sum(text.translate(_WIDTH_CHARS).encode("latin-1"))


def _escape_locks(portion: str) -> set[int] | None:
    """Positions a break may not precede because of escape sequences; None when there are none.

    GNU forbids a break between the backslash of an escape and the escaped character, and
    right before the `\\n` that ends a portion."""
    if "\\" not in portion:
        return None
    locks = {m.end() - 1 for m in _ESCAPE_PAIR.finditer(portion)}
    n = len(portion)
    if portion.endswith("\\n") and n - 1 in locks:
        locks.add(n - 2)
    return locks


def _local_break(portion: str, k: int) -> bool:
    """May a line break before portion[k]? Valid for strings without special characters."""
    cls = _CLASS
    after = cls[portion[k]]
    if after == _SP:
        return False
    j = k - 1
    while j >= 0 and portion[j] == " ":
        j -= 1
    if j < 0:
        return False
    rule = _PAIR[cls[portion[j]]][after]
    return rule == "D" or (rule == "I" and j < k - 1)


def _last_break(portion: str, line_start: int, j: int, locks: set[int] | None) -> int:
    """The last break opportunity in (line_start, j], or line_start when there is none."""
    k = j
    if _ALNUM_SHORTCUT:
        # English: the break before the overflowing word is right after the last space.
        space = portion.rfind(" ", line_start, j)
        if space >= 0:
            word = portion[space + 1 : j + 1]
            if word.isascii() and word.isalnum():
                k = space + 1
    while k > line_start:
        if (locks is None or k not in locks) and _local_break(portion, k):
            return k
        k -= 1
    return line_start


def _greedy(
    portion: str, width: int, start: int, locks: set[int] | None, cum: list[int] | None
) -> list[int]:
    """Break positions of `portion` for the fast path (no special characters).

    Same result as libunistring's width pass: a piece (text up to the next break opportunity,
    trailing spaces included) that would end beyond `width` moves to a new line, unless it
    already starts one."""
    n = len(portion)
    breaks: list[int] = []
    line_start, col = 0, start
    while True:
        room = width - col
        if cum is None:
            j = line_start + max(room, 0)
        else:
            base = cum[line_start - 1] if line_start else 0
            j = bisect_right(cum, base + room, lo=line_start)
        if j >= n:
            return breaks
        k = _last_break(portion, line_start, j, locks)
        if k == line_start:
            k = j + 1
            while k < n and ((locks is not None and k in locks) or not _local_break(portion, k)):
                k += 1
            if k >= n:
                return breaks
        breaks.append(k)
        line_start, col = k, 0


def _possible_breaks(classes: list[int]) -> list[int]:
    """The complete UAX #14 pass as libunistring 1.0 runs it: 0 no break, 1 break, 2 mandatory."""
    out = [0] * len(classes)
    prev = last = _BK
    seen_space = False
    ri_count = 0
    for i, prop in enumerate(classes):
        if prop in (_BK, _LF, _CR):
            out[i] = 2
            prev = prop
            last = _BK
            seen_space = False
        else:
            if prop == _SP:
                seen_space = True
            elif prop == _ZW:
                last = _ZW
                seen_space = False
            elif prop in (_CM, _ZWJ):
                if last == _BK:
                    last, seen_space = _AL, False
                elif last == _ZW or seen_space:
                    out[i] = 1
                    last, seen_space = _AL, False
            else:
                if last == _BK or prev in (_ZWJ, _HL_BA):
                    pass
                elif last == _ZW:
                    out[i] = 1
                elif last == _RI and prop == _RI:
                    out[i] = 1 if seen_space or ri_count % 2 == 0 else 0
                else:
                    rule = _PAIR[last][prop]
                    out[i] = 1 if rule == "D" or (rule == "I" and seen_space) else 0
                last = prop
                seen_space = False
            prev = _HL_BA if prev == _HL and prop in (_HY, _BA) else prop
        ri_count = ri_count + 1 if prop == _RI else 0
    return out


def _complete(portion: str, width: int, start: int, locks: set[int] | None) -> list[int]:
    """Break positions of `portion` by the complete algorithm (strings with special characters)."""
    cls = _CLASS
    brk = _possible_breaks([cls[ch] for ch in portion])
    if locks is not None:
        for i in locks:
            brk[i] = 0
    widths = portion.translate(_WIDTH_CHARS).encode("latin-1")
    breaks: list[int] = []
    last_p = -1
    last_col, piece = start, 0
    for i, b in enumerate(brk):
        if b and last_p >= 0 and last_col + piece > width:
            breaks.append(last_p)
            last_col = 0
        if b == 2:
            last_p, last_col, piece = -1, 0, 0
        else:
            if b == 1:
                last_p = i
                last_col += piece
                piece = 0
            piece += widths[i]
    if last_p >= 0 and last_col + piece > width:
        breaks.append(last_p)
    return sorted(set(breaks))


def _breaks(portion: str, width: int, start: int) -> list[int]:
    """Where GNU breaks an escaped portion that starts at column `start` (relative)."""
    if not portion:
        return []
    locks = _escape_locks(portion)
    if portion.isascii():
        if _ASCII_SPECIAL.search(portion) is not None:
            return _complete(portion, width, start, locks)
        if start + len(portion) <= width:
            return []
        return _greedy(portion, width, start, locks, None)
    if _SPECIAL.search(portion) is not None:
        return _complete(portion, width, start, locks)
    if _WIDE.search(portion) is None:
        if start + len(portion) <= width:
            return []
        return _greedy(portion, width, start, locks, None)
    cum = list(accumulate(portion.translate(_WIDTH_CHARS).encode("latin-1")))
    if start + cum[-1] <= width:
        return []
    return _greedy(portion, width, start, locks, cum)


def _portions(value: str) -> list[str]:
    parts = value.split("\n")
    out = [p + "\n" for p in parts[:-1]]
    if parts[-1] or not out:
        out.append(parts[-1])
    return out


def wrap(
    out: list[str],
    prefix: str,
    keyword: str,
    value: str,
    *,
    page_width: int = PAGE_WIDTH,
    nowrap: bool = False,
) -> None:
    """Append the lines of `keyword "value"` (with `prefix`, e.g. "#~ ") to `out`, as GNU does.

    A string that wraps or holds an inner newline starts with `keyword ""`; lines break after
    each `\\n` and wherever UAX #14 allows before column `page_width`."""
    if "\n" not in value and _NEEDS_ESCAPE.search(value) is None:
        # Fast path: one portion without escapes that fits on the first line.
        room = page_width - 1 - len(prefix) - 1
        if len(value) + len(keyword) + 1 <= room and (
            value.isascii() or display_width(value) + len(keyword) + 1 <= room
        ):
            out.append(f'{prefix}{keyword} "{value}"')
            return
    portions = [escape(p) for p in _portions(value)]
    width = (1 << 30 if nowrap else page_width - 1) - (len(prefix) + 1)
    if len(portions) == 1:
        portion = portions[0]
        # Starting further right never removes a break, so when the text breaks from column
        # 0 it also breaks after `msgid `, and GNU's restart with an empty first line applies.
        breaks = _breaks(portion, width, 0)
        if not breaks:
            start = len(keyword) + 1
            if (
                not portion
                or start + display_width(portion) <= width
                or not _breaks(portion, width, start)
            ):
                out.append(f'{prefix}{keyword} "{portion}"')
                return
        out.append(f'{prefix}{keyword} ""')
        _emit(out, prefix, portion, breaks)
        return
    out.append(f'{prefix}{keyword} ""')
    for portion in portions:
        _emit(out, prefix, portion, _breaks(portion, width, 0))


def _emit(out: list[str], prefix: str, portion: str, breaks: list[int]) -> None:
    pos = 0
    for b in breaks:
        out.append(f'{prefix}"{portion[pos:b]}"')
        pos = b
    out.append(f'{prefix}"{portion[pos:]}"')
