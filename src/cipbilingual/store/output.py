"""Writing an export where the person asked: a regular file is replaced atomically (through a
symlink, its target); a FIFO, a terminal, /dev/null or an open descriptor (/dev/fd/N) is written
to directly, since renaming a temporary file over it would replace the device itself."""

from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path

from cipbilingual.errors import InputError
from cipbilingual.store.atomic import atomic_write_bytes

# The names of standard output and standard error, which the caller writes through its own
# streams (see `standard_stream`).
_STREAMS = {
    "/dev/stdout": 1,
    "/dev/fd/1": 1,
    "/proc/self/fd/1": 1,
    "/dev/stderr": 2,
    "/dev/fd/2": 2,
    "/proc/self/fd/2": 2,
}
_FD_PATH = re.compile(r"^/(?:dev/fd|proc/self/fd)/([0-9]+)$")


def standard_stream(path: Path) -> int | None:
    """1 when `path` names standard output (`-`, /dev/stdout, /dev/fd/1 …), 2 for standard
    error, else None."""
    text = os.fspath(path)
    if text == "-":
        return 1
    return _STREAMS.get(os.path.normpath(text) if text.startswith("/") else text)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def write_output(path: Path, data: bytes) -> None:
    """Write `data` to `path` (not a standard stream: see `standard_stream`). Raises InputError
    for a folder, a missing folder, or a file that cannot be written; nothing is written then."""
    text = os.fspath(path)
    match = _FD_PATH.match(text)
    if match is not None:
        fd = int(match.group(1))
        try:
            os.fstat(fd)
            _write_all(fd, data)
        except OSError as exc:
            raise InputError(f"cannot write {path}: {exc.strerror or exc}") from None
        return
    try:
        info: os.stat_result | None = os.stat(path)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise InputError(f"cannot write {path}: {exc.strerror or exc}") from None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise InputError(f"{path} is a folder; give a file name")
    if info is not None and not stat.S_ISREG(info.st_mode):
        _write_special(path, data)
        return
    # A regular file or a new one; through a symlink, replace the file it points to.
    target = Path(os.path.realpath(path)) if os.path.islink(path) else Path(path)
    if not target.parent.is_dir():
        raise InputError(f"cannot write {path}: the folder {target.parent} does not exist")
    atomic_write_bytes(target, data)


def _write_special(path: Path, data: bytes) -> None:
    # No O_CREAT, no O_TRUNC: the device or pipe is opened as it is (a FIFO waits for a reader).
    try:
        fd = os.open(path, os.O_WRONLY | os.O_NOCTTY)
    except OSError as exc:
        if exc.errno == errno.ENXIO:
            raise InputError(f"cannot write {path}: it is a socket or has no reader") from None
        raise InputError(f"cannot write {path}: {exc.strerror or exc}") from None
    try:
        _write_all(fd, data)
    except OSError as exc:
        raise InputError(f"cannot write {path}: {exc.strerror or exc}") from None
    finally:
        os.close(fd)
