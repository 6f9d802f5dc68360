"""File helpers for interchange: read input with one-line errors, write atomically."""

from __future__ import annotations

import re
from pathlib import Path

from cipbilingual import limits
from cipbilingual.errors import InputError


def read_input(
    path: Path, *, limit: int = limits.GLOSSARY_FILE, what: str = "a glossary file"
) -> bytes:
    """The file's bytes; raises InputError when it is missing, a folder, a pipe or device,
    unreadable, over `limit` bytes or empty."""
    data = limits.read_file(path, limit, what)
    if not data.strip():
        raise InputError(f"{path}: the file is empty")
    return data


_INTERNAL_SUBSET = re.compile(rb"<!DOCTYPE[^>\[]*\[", re.IGNORECASE)


def declares_entities(head: bytes) -> bool:
    """Whether an XML document's start holds a DOCTYPE with an internal subset (`<!DOCTYPE x [`),
    where entity bombs and external entities live. TMX and TBX files need none."""
    return _INTERNAL_SUBSET.search(head) is not None


def decode_utf8(data: bytes, path: Path) -> str:
    """UTF-8 text (a byte-order mark is dropped); raises InputError naming the line of the first
    undecodable byte, or when the file looks binary."""
    if b"\x00" in data:
        raise InputError(f"{path}: binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            f"{path}:{line}: not UTF-8 text", hint="save the file as UTF-8 and try again"
        ) from None


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that readers see the old file or the new one, never half of it.
    Raises InputError when the folder does not exist or is not writable."""
    from cipbilingual.store.atomic import atomic_write_bytes

    atomic_write_bytes(path, data)
