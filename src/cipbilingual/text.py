"""The one rule for text that enters the workspace, and safe quoting of untrusted values.

Every text a person or a file brings in (article sources, English, reasons, glossary terms,
translation-memory units, settings, catalogs edited by hand) passes `check_text`: no control
characters but tab and newline, no line or paragraph separators, no lone surrogates. Messages
that quote what a user typed quote it through `shown`, so nothing reaches a terminal raw.
"""

from __future__ import annotations

import re

from cipbilingual.errors import InputError

# C0 controls but tab and newline, DEL, C1 controls, U+2028/U+2029, lone surrogates.
_REFUSED = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
# The same for one-line values (names, ids, settings): tab and newline refused too.
_REFUSED_IN_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
# What `shown` escapes: every control character, separators and surrogates.
_UNPRINTABLE = _REFUSED_IN_LINE
_NAMED = {"\n": "\\n", "\t": "\\t", "\r": "\\r", "\x1b": "\\e"}


def refused_character(text: str, *, line: bool = False) -> str | None:
    """The first character the rule refuses in `text` (tab and newline are allowed unless
    `line`), or None when the text is acceptable."""
    found = (_REFUSED_IN_LINE if line else _REFUSED).search(text)
    return None if found is None else found.group(0)


def describe_character(char: str) -> str:
    """How messages name a refused character: 'the control character U+001B'."""
    code = ord(char)
    if 0xD800 <= code <= 0xDFFF:
        return f"a lone surrogate U+{code:04X} (not valid Unicode)"
    if code in (0x2028, 0x2029):
        return f"the {'line' if code == 0x2028 else 'paragraph'} separator U+{code:04X}"
    return f"the control character U+{code:04X}"


def check_text(text: str, what: str, *, line: bool = False, limit: int | None = None) -> str:
    """Return `text` if the rule accepts it and it is at most `limit` characters long; else raise
    InputError naming `what` ("the English of p1.s1"), the character or the limit."""
    bad = refused_character(text, line=line)
    if bad is not None:
        raise InputError(
            f"{what} contains {describe_character(bad)}",
            hint="control characters cannot be stored; remove it",
        )
    if limit is not None and len(text) > limit:
        raise InputError(f"{what} is {len(text):,} characters long, over the limit of {limit:,}")
    return text


def shown(value: object, limit: int | None = 120) -> str:
    """`value` as a message may quote it: control characters escaped (\\n, \\e, \\x07, \\u2028),
    cut to `limit` characters with an ellipsis (None: not cut)."""
    text = str(value)
    if limit is not None and len(text) > limit:
        text = text[: limit - 1] + "…"
    if _UNPRINTABLE.search(text) is None:
        return text
    return _UNPRINTABLE.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    char = match.group(0)
    named = _NAMED.get(char)
    if named is not None:
        return named
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


# user:password@ (or token@) in an http(s), ftp or similar URL.
_URL_CREDENTIALS = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://)[^/@\s'\"]+@")


def redact_urls(text: str) -> str:
    """`text` with the credentials of any URL in it replaced: http://u:KEY@host -> http://***@host."""
    return _URL_CREDENTIALS.sub(r"\1***@", text)
