"""Atomic file replacement: the old file or the new one, never a torn or half-written one; and
folders that appear whole or not at all.

Temporary files and folders are named `.<name>.<8 random characters>.tmp` beside their target
(the workspace's .gitignore covers `.*.tmp`). A writer holds a shared lock on the folder it
writes in from before it makes its temporary file until the rename; `sweep_folder` takes the
lock exclusively, without waiting, so it removes only what a writer killed mid-write left behind.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from cipbilingual.errors import InputError

TEMP_SUFFIX = ".tmp"
# What tempfile makes of prefix ".<name>." and suffix ".tmp": 8 characters of [a-z0-9_].
_TEMP_NAME = re.compile(r"^\.(?P<name>.+)\.[a-z0-9_]{8}\.tmp$")


def is_temporary(name: str) -> bool:
    """Whether a file or folder name is one of our temporary names."""
    return _TEMP_NAME.match(name) is not None


@contextlib.contextmanager
def _folder_lock(directory: Path, *, exclusive: bool) -> Iterator[bool]:
    """flock on the folder itself: shared (waiting) for writers, exclusive (not waiting) for the
    sweeper. Yields whether the lock is held; a folder that cannot be opened is not locked."""
    try:
        fd = os.open(directory, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        yield not exclusive
        return
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB if exclusive else fcntl.LOCK_SH)
        except OSError:
            yield False
            return
        yield True
    finally:
        os.close(fd)  # closing the last descriptor releases the lock


@contextlib.contextmanager
def writing(directory: Path) -> Iterator[None]:
    """Mark `directory` as being written in: hold this around making, filling and renaming a
    temporary file or folder there, so that `sweep_folder` leaves it alone."""
    with _folder_lock(directory, exclusive=False):
        yield


def sweep_folder(directory: Path, name: str | None = None) -> list[str]:
    """Remove the temporary files and folders (of target `name`, or all) that writers killed
    mid-write left in `directory`; returns their names. Does nothing while a writer is active
    there; never raises."""
    try:
        with os.scandir(directory) as entries:
            found = [
                entry
                for entry in entries
                if (m := _TEMP_NAME.match(entry.name)) and (name is None or m["name"] == name)
            ]
    except OSError:
        return []
    if not found:
        return []
    import shutil  # here: only a killed writer's leftovers need it

    removed: list[str] = []
    with _folder_lock(directory, exclusive=True) as held:
        if not held:
            return []
        for entry in found:
            try:
                if entry.is_dir(follow_symlinks=False):
                    shutil.rmtree(entry.path)
                else:
                    os.unlink(entry.path)
            except OSError:
                continue
            removed.append(entry.name)
    return removed


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
    sweep_folder(directory, path.name)  # what an earlier, killed write of this file left
    import tempfile  # here: reading a catalog (status, the UI) never needs it

    with writing(directory):
        try:
            fd, tmp_name = tempfile.mkstemp(
                prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=directory
            )
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


@contextlib.contextmanager
def atomic_folder(path: Path) -> Iterator[Path]:
    """A temporary folder beside `path` to fill; when the block ends normally its files are
    synced and it is renamed to `path`, so the folder appears whole or not at all. On any failure
    nothing is left behind. Raises FileExistsError when `path` exists by then, InputError when
    the folder cannot be written."""
    path = Path(path)
    parent = path.parent
    import shutil
    import tempfile

    with writing(parent):
        try:
            tmp = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=parent))
        except OSError as exc:
            raise InputError(f"cannot write {path}: {exc.strerror or exc}") from exc
        try:
            yield tmp
            _fsync_dir(tmp)
            if path.exists() or path.is_symlink():
                raise FileExistsError(path)
            os.rename(tmp, path)
        except BaseException as exc:
            shutil.rmtree(tmp, ignore_errors=True)
            if isinstance(exc, OSError) and not isinstance(exc, FileExistsError):
                raise InputError(f"cannot write {path}: {exc.strerror or exc}") from exc
            raise
    _fsync_dir(parent)


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
