"""The `# key: value` translator-comment lines that carry what gettext has no field for.

Values are escaped so that any text survives msgcat and editors: `\\\\`, `\\n`, `\\r`, `\\t`,
`\\s` (a space inside a token or at the end of a line) and `\\u` + four hex digits for other control
characters and for a backslash that would end the line (GNU joins a line ending in a
backslash with the next one). A line holds zero or more space-separated tokens (`-` for an
empty one) and optionally free text up to the end of the line.
"""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\\]")
_CONTROL_OR_SPACE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\\ ]")
_SHORT = {"\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t", " ": "\\s"}
_UNESCAPE = re.compile(r"\\(u[0-9a-fA-F]{4}|.|$)")
_SIMPLE = {"\\": "\\", "n": "\n", "r": "\r", "t": "\t", "s": " ", "-": "-"}


class FieldError(ValueError):
    """A `# key: value` line whose value cannot be read."""


def _escape_char(match: re.Match[str]) -> str:
    ch = match.group(0)
    return _SHORT.get(ch) or f"\\u{ord(ch):04x}"


def encode_text(text: str) -> str:
    """Free text for the end of a line: spaces kept, except a trailing one."""
    out = text if _CONTROL.search(text) is None else _CONTROL.sub(_escape_char, text)
    if out.endswith(" "):
        out = out[:-1] + "\\s"
    return _no_final_backslash(out)


def _no_final_backslash(out: str) -> str:
    return out[:-2] + "\\u005c" if out.endswith("\\") else out


def encode_token(text: str) -> str:
    """A value that must not contain spaces; an empty one is written `-`."""
    if _CONTROL_OR_SPACE.search(text) is None and text and text != "-":
        return text
    if not text:
        return "-"
    if text == "-":
        return "\\-"
    return _no_final_backslash(_CONTROL_OR_SPACE.sub(_escape_char, text))


def _unescape_char(match: re.Match[str]) -> str:
    code = match.group(1)
    if len(code) == 5:
        return chr(int(code[1:], 16))
    if code in _SIMPLE:
        return _SIMPLE[code]
    raise FieldError(f"unknown escape '\\{code}'")


def decode_text(text: str) -> str:
    """Inverse of encode_text; raises FieldError on a malformed escape."""
    if "\\" not in text:
        return text
    return _UNESCAPE.sub(_unescape_char, text)


def decode_token(text: str) -> str:
    """Inverse of encode_token; raises FieldError on a malformed escape."""
    if text == "-":
        return ""
    return decode_text(text)


def split_fields(value: str, tokens: int) -> tuple[list[str], str]:
    """The first `tokens` space-separated tokens (decoded, missing ones empty) and the free
    text after them (decoded)."""
    parts = value.split(" ", tokens)
    heads = [decode_token(p) for p in parts[:tokens]]
    heads += [""] * (tokens - len(heads))
    tail = decode_text(parts[tokens]) if len(parts) > tokens else ""
    return heads, tail


def join_fields(tokens: list[str], tail: str = "") -> str:
    """Inverse of split_fields."""
    text = " ".join([encode_token(t) for t in tokens])
    if tail:
        text += " " + encode_text(tail)
    return text
