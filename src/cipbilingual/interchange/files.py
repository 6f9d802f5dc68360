"""File helpers for interchange: read input with one-line errors, write atomically."""

from __future__ import annotations

from pathlib import Path

from cipbilingual.errors import InputError


def read_input(path: Path) -> bytes:
    """The file's bytes; raises InputError when it is missing, a folder, unreadable or empty."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a folder, not a file") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    if not data.strip():
        raise InputError(f"{path}: the file is empty")
    return data


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
