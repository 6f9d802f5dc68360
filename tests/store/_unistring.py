"""libunistring's own line breaker through ctypes: a fast second oracle beside msgcat."""

from __future__ import annotations

import ctypes
import ctypes.util

PROHIBITED, POSSIBLE = 1, 2


def load() -> ctypes.CDLL | None:
    """GNU's libunistring, or None where it is not installed."""
    name = ctypes.util.find_library("unistring") or "libunistring.so.2"
    try:
        lib = ctypes.CDLL(name)
        func = lib.u8_width_linebreaks_v2
    except (OSError, AttributeError):
        return None
    func.argtypes = [
        ctypes.c_char_p,
        ctypes.c_size_t,
        ctypes.c_int,
        ctypes.c_int,
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_char_p,
        ctypes.c_void_p,
    ]
    func.restype = ctypes.c_int
    return lib


def gnu_breaks(lib: ctypes.CDLL, portion: str, width: int, start: int) -> list[int]:
    """Break positions (character indices) GNU's write-po computes for an escaped portion:
    no break inside an escape sequence, nor right before a final `\\n`."""
    data = portion.encode("utf-8")
    overrides = bytearray(len(data))  # 0: undefined, let the algorithm decide
    char_at: dict[int, int] = {}
    offset = 0
    after_backslash = False
    for index, ch in enumerate(portion):
        size = len(ch.encode("utf-8"))
        char_at[offset] = index
        if after_backslash:
            overrides[offset] = PROHIBITED
            after_backslash = False
            if ch == "n" and index == len(portion) - 1:
                overrides[offset - 1] = PROHIBITED
        elif ch == "\\":
            after_backslash = True
        for extra in range(1, size):
            overrides[offset + extra] = PROHIBITED
        offset += size
    out = ctypes.create_string_buffer(len(data))
    lib.u8_width_linebreaks_v2(data, len(data), width, start, 0, bytes(overrides), b"UTF-8", out)
    return [char_at[i] for i in range(len(data)) if out.raw[i] == POSSIBLE]
