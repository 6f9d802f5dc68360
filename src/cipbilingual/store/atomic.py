"""Atomic file replacement: the old file or the new one, never a torn or half-written one."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from cipbilingual.errors import InputError


def _fsync_dir(directory: Path) -> None:
    # Makes the rename itself durable; some platforms cannot open a directory, which is fine.
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


@contextlib.contextmanager
def atomic_file(path: Path, *, durable: bool = True) -> Iterator[BinaryIO]:
    """A binary file to stream into that replaces `path` when the block ends normally: a
    temporary file in the same folder, flushed and fsynced, renamed over the target, then the
    folder fsynced. On any failure (an exception in the block included) the old file is intact
    and no temporary file is left behind. Raises InputError when the file cannot be written.

    Not `durable`: no fsync (a cache: readers still see the old file or the new one, never a
    torn one, but after a power cut the new one may be empty or garbled, which a cache must
    detect; fsyncs cost milliseconds each)."""
    path = Path(path)
    directory = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise InputError(f"cannot write {path}: it is a folder")
    if not directory.is_dir():
        raise InputError(f"cannot write {path}: the folder {directory} does not exist")
    try:
        mode = path.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = 0o644
    except OSError as exc:
        raise InputError(f"cannot write {path}: {exc.strerror or exc}") from exc
    try:
        import tempfile  # here: reading a catalog (status, the UI) never needs it

        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise InputError(f"cannot write {path}: {exc.strerror or exc}") from exc
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        if isinstance(exc, OSError):
            raise InputError(f"cannot write {path}: {exc.strerror or exc}") from exc
        raise
    if durable:
        _fsync_dir(directory)


def atomic_write_bytes(path: Path, data: bytes, *, durable: bool = True) -> None:
    """Replace `path` with `data` atomically (see atomic_file). Raises InputError."""
    with atomic_file(path, durable=durable) as handle:
        handle.write(data)


def atomic_write_text(path: Path, text: str, *, durable: bool = True) -> None:
    """Replace `path` with `text` in UTF-8, atomically (see atomic_write_bytes)."""
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InputError(
            f"cannot write {path}: the text is not valid Unicode ({exc.reason})"
        ) from exc
    atomic_write_bytes(path, data, durable=durable)
