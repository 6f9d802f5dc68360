"""A summary of each article (title, date, counts by state, last act, QA errors) kept in the
workspace cache, `.cipbilingual/summaries.json`, so that listing a large archive reads one small
file and stats the catalogs instead of parsing every one of them.

A summary is trusted only while its catalog's stamp (inode, modification time in ns, size) is the
one it was made from; the QA count only while the QA key (what the checks depend on) is too. The
files are a cache: when they are missing, unreadable or from another format they are rebuilt, and
losing a write to another process costs a rebuild, never a wrong figure.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from cipbilingual import paths
from cipbilingual.models import STATE_ORDER, State

SUMMARY_FILE = "summaries.json"
JOURNAL_FILE = "summaries.log"
JOURNAL_LIMIT = 64 * 1024  # bytes of journal before it is folded into the snapshot
JOURNAL_ROWS = 50  # more summaries at once go straight into a new snapshot
FORMAT = 1

Stamp = tuple[int, int, int]
"""A catalog's (inode, mtime in ns, size): any rewrite of the file changes it."""


@dataclass(frozen=True)
class ArticleSummary:
    """What the article list and `status` show of one article."""

    slug: str
    stamp: Stamp
    title: str = ""
    date: str = ""
    segments: int = 0
    states: Mapping[State, int] = field(default_factory=dict)
    notices: tuple[str, ...] = ()
    last_editor: str = ""  # who did the last act
    last_edited: str = ""  # when (ISO 8601 UTC)
    last_act: str = ""  # "translated" or "approved"
    qa_errors: int | None = None  # None: not counted yet (or counted for another QA key)
    qa_key: str = ""

    def with_qa(self, errors: int, key: str) -> ArticleSummary:
        return replace(self, qa_errors=errors, qa_key=key)

    def status_json(self) -> dict[str, object]:
        """The article as `status --json` prints it."""
        return {
            "slug": self.slug,
            "title": self.title,
            "segments": self.segments,
            "states": {str(s): self.states.get(s, 0) for s in STATE_ORDER},
        }

    def to_row(self, qa_keys: dict[str, int]) -> list[Any]:
        """The summary as one row of the cache file (a list: the file holds thousands)."""
        key = qa_keys.setdefault(self.qa_key, len(qa_keys)) if self.qa_errors is not None else -1
        return [
            self.slug,
            *self.stamp,
            self.title,
            self.date,
            self.segments,
            [self.states.get(s, 0) for s in STATE_ORDER],
            list(self.notices),
            self.last_editor,
            self.last_edited,
            self.last_act,
            self.qa_errors,
            key,
        ]

    @classmethod
    def from_row(cls, row: Sequence[Any], qa_keys: Sequence[str]) -> ArticleSummary:
        """Raises (Index|Type|Value)Error for a row that is not a summary."""
        (slug, ino, mtime, size, title, date, segments, states, notices, editor, edited, act) = row[
            :12
        ]
        qa, key = row[12], row[13]
        if len(states) != len(STATE_ORDER) or not all(isinstance(n, int) for n in states):
            raise ValueError("a count for each state")
        return cls(
            slug=str(slug),
            stamp=(int(ino), int(mtime), int(size)),
            title=str(title),
            date=str(date),
            segments=int(segments),
            states=dict(zip(STATE_ORDER, states, strict=True)),
            notices=tuple(str(n) for n in notices),
            last_editor=str(editor),
            last_edited=str(edited),
            last_act=str(act),
            qa_errors=None if qa is None or key < 0 else int(qa),
            qa_key=qa_keys[key] if qa is not None and key >= 0 else "",
        )


def file_stamp(path: Path) -> Stamp | None:
    """The stamp of the file at `path`, or None when there is none."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return (st.st_ino, st.st_mtime_ns, st.st_size)


def catalog_stamps(articles_dir: Path) -> dict[str, Stamp]:
    """The stamp of every article's catalog (`<slug>/en.po`) under `articles_dir`, by slug,
    sorted: one directory scan and one stat per article."""
    out: dict[str, Stamp] = {}
    try:
        entries = list(os.scandir(articles_dir))
    except FileNotFoundError:
        return out
    for entry in entries:
        if not entry.is_dir():
            continue
        try:
            st = os.stat(os.path.join(entry.path, paths.CATALOG_NAME))
        except (FileNotFoundError, NotADirectoryError):
            continue
        out[entry.name] = (st.st_ino, st.st_mtime_ns, st.st_size)
    return dict(sorted(out.items()))


class SummaryCache:
    """The summaries of one workspace cache folder: a snapshot (`summaries.json`) and a journal
    of later summaries (`summaries.log`, one JSON document per line, the later line winning).
    A change to one article appends one short line; the journal is folded into the snapshot
    once it has grown."""

    def __init__(self, cache_dir: Path) -> None:
        self.path = cache_dir / SUMMARY_FILE
        self.log = cache_dir / JOURNAL_FILE

    def read(self) -> dict[str, ArticleSummary]:
        """Every summary the cache holds; {} when there is no usable cache."""
        out: dict[str, ArticleSummary] = {}
        with contextlib.suppress(OSError):  # no snapshot yet: the journal may still hold some
            _merge(self.path.read_bytes(), out)
        try:
            journal = self.log.read_bytes()
        except OSError:
            return out
        for line in journal.splitlines():
            _merge(line, out)
        return out

    def write(self, fresh: Iterable[ArticleSummary], keep: Iterable[str] | None = None) -> None:
        """Store `fresh` summaries; with `keep`, also drop the summaries of slugs not in it
        (deleted articles). A cache that cannot be written is left as it is: the next run
        summarises again."""
        fresh = list(fresh)
        try:
            if (
                keep is None
                and 0 < len(fresh) <= JOURNAL_ROWS
                and self._journal_size() < JOURNAL_LIMIT
                and self.path.is_file()
            ):
                self._append(fresh)
            elif fresh or keep is not None:
                self._fold(fresh, keep)
        except OSError:
            return

    def _journal_size(self) -> int:
        try:
            return self.log.stat().st_size
        except FileNotFoundError:
            return 0

    def _append(self, fresh: list[ArticleSummary]) -> None:
        self.log.parent.mkdir(parents=True, exist_ok=True)
        # One write of one line in append mode: another process appending at the same time
        # cannot interleave inside it.
        with open(self.log, "a", encoding="utf-8") as handle:
            handle.write(_document(fresh) + "\n")

    def _fold(self, fresh: list[ArticleSummary], keep: Iterable[str] | None) -> None:
        """Rewrite the snapshot with everything the cache holds, and start a new journal.
        Another process's line appended meanwhile may be lost: its article is summarised
        again, as for any entry whose stamp no longer matches."""
        import tempfile  # only when writing: status on an unchanged archive starts faster

        entries = self.read()
        entries.update((s.slug, s) for s in fresh)
        if keep is not None:
            wanted = set(keep)
            entries = {slug: s for slug, s in entries.items() if slug in wanted}
        data = _document([entries[slug] for slug in sorted(entries)])
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # Renamed into place so readers see the old file or the new one, never half of one; not
        # fsynced: after a crash a lost or torn cache is only rebuilt.
        fd, tmp = tempfile.mkstemp(prefix=f".{SUMMARY_FILE}.", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(data)
            os.chmod(tmp, 0o644)
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        self.log.unlink(missing_ok=True)


def _document(summaries: Sequence[ArticleSummary]) -> str:
    keys: dict[str, int] = {}
    rows = [s.to_row(keys) for s in summaries]
    return json.dumps(
        {"format": FORMAT, "qa_keys": list(keys), "articles": rows},
        ensure_ascii=False,
        separators=(",", ":"),
    )


def _merge(data: bytes, into: dict[str, ArticleSummary]) -> None:
    """Add the summaries of one cache document to `into`; a document that is not one (torn by
    a crash, from another format) adds nothing, a damaged row only itself."""
    try:
        raw = json.loads(data)
    except ValueError:
        return
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        return
    keys = raw.get("qa_keys", [])
    for row in raw.get("articles", []):
        try:
            summary = ArticleSummary.from_row(row, keys)
        except (IndexError, KeyError, TypeError, ValueError):
            continue
        into[summary.slug] = summary
