"""How much cipbilingual reads: a limit for every file and text it takes in, and one reader
that enforces them. Each limit is far above real newsroom material and low enough that the worst
input within it stays well under 200 MB of memory (README, "Reliability")."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from cipbilingual.errors import InputError
from cipbilingual.text import shown

MB = 1024 * 1024

ARTICLE_FILE = 2 * MB  # an article to import; a long one is ~100 KB
ARTICLE_SEGMENTS = 10_000  # sentences in one article; a long one has ~300
MARKDOWN_LINES = 20_000  # non-blank lines of a Markdown article (its parser needs ~1 KB a line)
HTML_TAGS = 60_000  # start tags in an HTML page; a news page has 1,000-5,000
NESTING = 16  # levels of Markdown quotes and lists, and of YAML values in front matter
HTML_NESTING = 128  # levels of elements in an HTML page; a news page has 20-40
CATALOG_FILE = 32 * MB  # an article's en.po or the glossary.po (10,000 segments: ~10 MB)
HISTORY_FILE = 64 * MB  # an article's history (a record is ~200 bytes: 300,000 acts)
GLOSSARY_FILE = 64 * MB  # a TSV, CSV or TBX file to import (TBX takes ~600 bytes a term)
GLOSSARY_TERMS = 100_000  # terms in the glossary, and in one file to import
TERM_CHARS = 1_000  # one field of a term (Chinese, English, abbreviation, a variant)
NOTE_CHARS = 4_000  # a term's usage note
SEGMENT_CHARS = 20_000  # the English of one segment
REASON_CHARS = 2_000  # an editor's reason
STDIN_TEXT = 1 * MB  # text read from standard input
XLIFF_FILE = 64 * MB  # an XLIFF file to take back
TMX_FILE = 512 * MB  # a TMX file to import or index (read as a stream)
TMX_UNITS = 1_000_000  # units in one TMX file
MODEL_FILE = 2048 * MB  # an .argosmodel to install; a zh→en model is ~100-300 MB
MODEL_UNPACKED = 4096 * MB  # what it unpacks to
SETTINGS_FILE = 1 * MB  # cipbilingual.toml, keymap.toml
FRONT_MATTER = 64 * 1024  # YAML front matter of a Markdown article, in characters
FRONT_MATTER_NODES = 10_000  # values in the front matter once aliases are expanded
FRONT_MATTER_ALIASES = 100  # `*alias` references in the front matter
CACHE_FILE = 64 * MB  # one file of the workspace cache (.cipbilingual/: summaries, QA findings)


def size(n: int) -> str:
    """A size as messages state it: '2.0 MB', '512 KB'."""
    return f"{n / MB:.1f} MB" if n >= MB else f"{max(1, round(n / 1024))} KB"


def too_big(path: Path | str, found: int, limit: int, what: str) -> InputError:
    """The refusal of a file over its limit; the message states both sizes and the limit."""
    return InputError(
        f"{shown(path, None)} is {size(found)}, over the limit of {size(limit)} for {what}",
        hint="check that this is the right file",
    )


def regular_file(path: Path) -> os.stat_result:
    """The file's status, refusing what is missing, a folder, or not a regular file (a pipe or a
    device would block or never end). Raises InputError."""
    shown_path = shown(path, None)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise InputError(f"{shown_path}: no such file") from None
    except OSError as exc:
        raise InputError(f"{shown_path}: cannot read it ({exc.strerror or exc})") from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(f"{shown_path} is a folder, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise InputError(
            f"{shown_path} is not a regular file (a pipe or a device)",
            hint="save the content to a file first",
        )
    return info


def read_file(path: Path, limit: int, what: str) -> bytes:
    """The bytes of a regular file of at most `limit` bytes. Raises InputError for a missing
    file, a folder, a pipe or device, an unreadable file or one over the limit (naming it)."""
    info = regular_file(path)
    if info.st_size > limit:
        raise too_big(path, info.st_size, limit, what)
    try:
        with path.open("rb") as handle:
            data = handle.read(limit + 1)  # the file may have grown since stat()
    except OSError as exc:
        raise InputError(f"{shown(path, None)}: cannot read it ({exc.strerror or exc})") from None
    if len(data) > limit:
        raise too_big(path, len(data), limit, what)
    return data


def read_cache(path: Path, limit: int = CACHE_FILE) -> bytes | None:
    """The bytes of a cache file, or None when there is no usable one: missing, unreadable, a
    symbolic link (never followed), a pipe or device, or over `limit`. A cache is rebuilt, never
    trusted past these, so this never raises."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return None
    try:
        with os.fdopen(fd, "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
                return None
            data = handle.read(limit + 1)
    except OSError:
        return None
    return data if len(data) <= limit else None
