"""An article's history file: one JSON object per line, only ever appended to.

A batch of records is written with one append after the catalog is saved. A torn last line (a
crash or power cut mid-write) is skipped with a notice when read, and cut off by the next
append; no line of the file is ever fatal. The format is documented in docs/history.md.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from cipbilingual import limits
from cipbilingual.errors import InputError
from cipbilingual.models import HistoryRecord

# Written in this order; optional fields only when set, so lines stay short and diffs readable.
_REQUIRED = ("act", "segment", "by", "at")
_OPTIONAL = (
    "id",
    "before",
    "after",
    "was",
    "state",
    "origin",
    "reason",
    "machine",
    "text",
    "ref",
)
_FIELDS = (*_REQUIRED, *_OPTIONAL)
TAIL_BYTES = 64 * 1024  # how much of the end of a file `read_tail` reads
Needle = bytes | tuple[bytes, ...] | None


@dataclass
class HistoryRead:
    """The records read from a history file, in file order, and what was skipped and why."""

    records: list[HistoryRecord] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)


def encode_record(record: HistoryRecord) -> bytes:
    """One line of the history file (with its newline)."""
    data: dict[str, object] = {key: getattr(record, key) for key in _REQUIRED}
    for key in _OPTIONAL:
        value = getattr(record, key)
        if value:
            data[key] = value
    if record.to:
        data["to"] = list(record.to)
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    try:
        return text.encode("utf-8") + b"\n"
    except UnicodeEncodeError:
        # A lone surrogate (from a broken hand edit of a catalog) cannot be UTF-8; JSON's own
        # \\u escapes keep the line valid and the text as it was.
        return json.dumps(data, separators=(",", ":")).encode("ascii") + b"\n"


def decode_record(line: bytes) -> HistoryRecord:
    """The record a line holds; raises ValueError when it is not one."""
    data = json.loads(line)
    if type(data) is not dict:
        raise ValueError("not a JSON object")
    get = data.get
    values = {key: get(key, "") for key in _FIELDS}
    for key, value in values.items():
        if type(value) is not str:
            raise ValueError(f"'{key}' is not a string")
    if not values["act"] or not values["at"]:
        raise ValueError("no 'act' or no 'at'")
    to = get("to", [])
    if not isinstance(to, list) or not all(isinstance(name, str) for name in to):
        raise ValueError("'to' is not a list of names")
    return HistoryRecord(to=tuple(to), **values)


def _open_existing(path: Path) -> int | None:
    """A read descriptor for the history file; None when there is none. Refuses a symbolic
    link (the file must be the article's own) and anything that is not a regular file."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise _refused(path, exc) from None
    _require_regular(fd, path)
    return fd


def _refused(path: Path, exc: OSError) -> InputError:
    if exc.errno == errno.ELOOP:
        return InputError(
            f"{path} is a symbolic link; the history must be the article's own file",
            hint="replace the link with the file it points to",
        )
    return InputError(f"cannot open {path}: {exc.strerror or exc}")


def _require_regular(fd: int, path: Path) -> None:
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise InputError(f"{path} is not a regular file")


def _read_all(fd: int) -> bytes:
    size = os.fstat(fd).st_size
    data = os.read(fd, size + 1) if size else b""
    if len(data) <= size:
        # Short read, or the file grew meanwhile: read the rest.
        chunks = [data]
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
        data = b"".join(chunks)
    return data


def parse_history(
    data: bytes,
    path: Path,
    *,
    needle: Needle = None,
    numbered: bool = True,
) -> HistoryRead:
    """The records in `data` (a history file's bytes). With `needle`, only lines containing it
    (or one of them) are parsed: a cheap pre-filter, callers still check what they asked for.
    The last line is always looked at, so a torn one is reported."""
    out = HistoryRead()
    size = len(data)
    for start, end in _line_spans(data, needle):
        line = data[start:end]
        if not line.strip():
            continue
        try:
            out.records.append(decode_record(line))
        except (ValueError, TypeError, RecursionError) as exc:
            lineno = data.count(b"\n", 0, start) + 1
            where = f"{path}:{lineno}" if numbered else str(path)
            if end == size:  # no newline after it: torn
                out.notices.append(
                    f"{where}: torn last line ignored (a crash while it was written)"
                )
            else:
                reason = str(exc).split(":")[0] or "unreadable"
                out.notices.append(f"{where}: unreadable history line ignored ({reason})")
    return out


def _line_spans(data: bytes, needle: Needle) -> list[tuple[int, int]]:
    """(start, end) of the lines to parse, in file order, newlines excluded."""
    if needle is None:
        spans, start = [], 0
        for line in data.split(b"\n"):
            spans.append((start, start + len(line)))
            start += len(line) + 1
        return spans
    found: set[tuple[int, int]] = set()
    for piece in (needle,) if isinstance(needle, bytes) else needle:
        at = data.find(piece)
        while at >= 0:
            start = data.rfind(b"\n", 0, at) + 1
            end = data.find(b"\n", at)
            end = len(data) if end < 0 else end
            found.add((start, end))
            at = data.find(piece, end)
    last = data.rfind(b"\n", 0, len(data)) + 1
    if last < len(data):
        found.add((last, len(data)))
    return sorted(found)


def read_history(path: Path, *, needle: Needle = None) -> HistoryRead:
    """Every record of the history file at `path` (none when it does not exist), in file
    order; lines that cannot be read are skipped and named in `notices`. `needle` pre-filters
    lines (see parse_history). Raises InputError for a symbolic link, an unreadable file or one
    over the limit for a history file."""
    fd = _open_existing(path)
    if fd is None:
        return HistoryRead()
    try:
        size = os.fstat(fd).st_size
        if size > limits.HISTORY_FILE:
            raise limits.too_big(path, size, limits.HISTORY_FILE, "a history file")
        data = _read_all(fd)
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from exc
    finally:
        os.close(fd)
    return parse_history(data, path, needle=needle)


def read_tail(path: Path, size: int = TAIL_BYTES) -> HistoryRead:
    """The records in the last `size` bytes of the history file (its newest acts, unless a
    merge put older ones last). Raises InputError like read_history."""
    fd = _open_existing(path)
    if fd is None:
        return HistoryRead()
    try:
        length = os.fstat(fd).st_size
        start = max(0, length - size)
        data = os.pread(fd, length - start, start)
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from exc
    finally:
        os.close(fd)
    if start:
        # The first piece is probably part of a longer line: skip it. Line numbers are not
        # known without reading the whole file, so notices name only the file.
        cut = data.find(b"\n")
        data = data[cut + 1 :] if cut >= 0 else b""
    return parse_history(data, path, numbered=not start)


class HistoryAppender:
    """An open history file that records are appended to (see `open_history`)."""

    def __init__(self, fd: int, path: Path) -> None:
        self._fd = fd
        self.path = path
        self.written = False

    def append(self, records: Sequence[HistoryRecord]) -> None:
        """Append the records in one write. Raises InputError when the disk refuses."""
        if not records:
            return
        data = b"".join(encode_record(r) for r in records)
        try:
            self._cut_torn_tail()
            view = memoryview(data)
            while view:
                view = view[os.write(self._fd, view) :]
                self.written = True
        except OSError as exc:
            raise InputError(f"cannot write {self.path}: {exc.strerror or exc}") from exc

    def _cut_torn_tail(self) -> None:
        size = os.fstat(self._fd).st_size
        if not size or os.pread(self._fd, 1, size - 1) == b"\n":
            return
        start = max(0, size - TAIL_BYTES)
        tail = os.pread(self._fd, size - start, start)
        cut = tail.rfind(b"\n")
        piece = tail[cut + 1 :]
        try:
            decode_record(piece)
        except (ValueError, TypeError, RecursionError):
            # Never a whole record (a crash mid-write): drop it, so the file stays JSON lines.
            if cut >= 0 or start == 0:
                os.ftruncate(self._fd, start + cut + 1)
                return
        os.write(self._fd, b"\n")  # a whole record whose newline was lost (a hand edit)


@contextlib.contextmanager
def open_history(path: Path) -> Iterator[HistoryAppender]:
    """Open (or create) the history file for appending, before anything else is written, so a
    file that cannot take records stops the act while nothing has changed. Raises InputError
    for a symbolic link, something that is not a regular file, or an unwritable file."""
    created = not os.path.lexists(path)
    try:
        fd = os.open(
            path,
            os.O_RDWR | os.O_APPEND | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC,
            0o644,
        )
    except OSError as exc:
        raise _refused(path, exc) from None
    _require_regular(fd, path)
    appender = HistoryAppender(fd, path)
    try:
        yield appender
    finally:
        os.close(fd)
        if created and not appender.written:
            # The act failed before recording anything: leave no empty file behind.
            with contextlib.suppress(OSError):
                os.unlink(path)


def filter_segment(read: HistoryRead, segment: str) -> HistoryRead:
    """Only the records about `segment`."""
    return HistoryRead([r for r in read.records if r.segment == segment], read.notices)


def segment_needle(segment: str) -> bytes:
    """The bytes every line about `segment` contains (its id as a JSON string)."""
    return json.dumps(segment).encode("ascii")
