"""A summary of each article (title, date, counts by state, last act, the publish gate's verdict,
QA errors) kept in the workspace cache, `.cipbilingual/summaries.json`, so that listing a large
archive reads one small file and stats the article folders instead of parsing every catalog.

A summary is trusted only while the stamp of its article's folder (name, inode, modification time
in ns and size of every file in it: catalog, history, kept source, alignment) is the one it was
made from; the gate's verdict only while the workspace's gate key is too, the QA count only while
the QA key is. The files are a cache: when they are missing, unreadable or from another format they
are rebuilt, and losing a write to another process costs a rebuild, never a wrong figure.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from cipbilingual import limits, paths
from cipbilingual.errors import CipError
from cipbilingual.models import STATE_ORDER, State

SUMMARY_FILE = "summaries.json"
JOURNAL_FILE = "summaries.log"
JOURNAL_LIMIT = 64 * 1024  # bytes of journal before it is folded into the snapshot
JOURNAL_ROWS = 50  # more summaries at once go straight into a new snapshot
FORMAT = 2

Stamp = tuple[tuple[str, int, int, int], ...]
"""An article folder's files, each as (name, inode, mtime in ns, size): any rewrite, addition or
removal of one of them changes it."""

Problem = tuple[str, str, str, str]
"""A problem of the publish gate: (segment, check, severity, message)."""

Void = tuple[str, str, str]
"""An approval that does not count: (segment, by, reason)."""


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
    last_act: str = ""  # what: a history Act value ("translate", "approve", "reject" …)
    void_approvals: tuple[Void, ...] = ()
    gate_key: str = ""  # the workspace's gate key the verdict was made under; "": no verdict
    publishable: bool | None = None
    problems: tuple[Problem, ...] = ()
    qa_errors: int | None = None  # None: not counted yet (or counted for another QA key)
    qa_key: str = ""

    def with_qa(self, errors: int, key: str) -> ArticleSummary:
        return replace(self, qa_errors=errors, qa_key=key)

    def to_row(self, keys: dict[str, int]) -> list[Any]:
        """The summary as one row of the cache file (a list: the file holds thousands). Long
        keys are written once per file, in `keys`, and referred to by number."""

        def ref(key: str) -> int:
            return keys.setdefault(key, len(keys)) if key else -1

        return [
            self.slug,
            [list(f) for f in self.stamp],
            self.title,
            self.date,
            self.segments,
            [self.states.get(s, 0) for s in STATE_ORDER],
            list(self.notices),
            self.last_editor,
            self.last_edited,
            self.last_act,
            [list(v) for v in self.void_approvals],
            ref(self.gate_key),
            self.publishable,
            [list(p) for p in self.problems],
            self.qa_errors,
            ref(self.qa_key) if self.qa_errors is not None else -1,
        ]

    @classmethod
    def from_row(cls, row: Sequence[Any], keys: Sequence[str]) -> ArticleSummary:
        """Raises (Index|Type|Value)Error for a row that is not a summary."""
        (slug, stamp, title, date, segments, states, notices, editor, edited, act) = row[:10]
        voids, gate, publishable, problems, qa, qa_key = row[10:16]
        if len(states) != len(STATE_ORDER) or not all(isinstance(n, int) for n in states):
            raise ValueError("a count for each state")
        if publishable is not None and not isinstance(publishable, bool):
            raise TypeError("publishable is a boolean")
        return cls(
            slug=str(slug),
            stamp=tuple((str(n), int(i), int(m), int(z)) for n, i, m, z in stamp),
            title=str(title),
            date=str(date),
            segments=int(segments),
            states=dict(zip(STATE_ORDER, states, strict=True)),
            notices=tuple(str(n) for n in notices),
            last_editor=str(editor),
            last_edited=str(edited),
            last_act=str(act),
            void_approvals=tuple((str(a), str(b), str(c)) for a, b, c in voids),
            gate_key=keys[gate] if gate >= 0 else "",
            publishable=publishable if gate >= 0 else None,
            problems=tuple((str(a), str(b), str(c), str(d)) for a, b, c, d in problems),
            qa_errors=None if qa is None or qa_key < 0 else int(qa),
            qa_key=keys[qa_key] if qa is not None and qa_key >= 0 else "",
        )


def file_stamp(path: Path) -> tuple[int, int, int] | None:
    """One file's (inode, mtime in ns, size), or None when there is none."""
    try:
        st = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return None
    return (st.st_ino, st.st_mtime_ns, st.st_size)


def folder_stamp(folder: str | Path) -> Stamp | None:
    """The stamp of an article folder, or None when it holds no catalog (not an article)."""
    files = []
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_file():
                    st = entry.stat()
                    files.append((entry.name, st.st_ino, st.st_mtime_ns, st.st_size))
    except (FileNotFoundError, NotADirectoryError):
        return None
    if not any(name == paths.CATALOG_NAME for name, *_rest in files):
        return None
    return tuple(sorted(files))


def article_stamps(articles_dir: Path) -> dict[str, Stamp]:
    """The stamp of every article under `articles_dir` (folders holding `en.po`), by slug,
    sorted: a scan of each folder and a stat of each file in it."""
    out: dict[str, Stamp] = {}
    try:
        with os.scandir(articles_dir) as entries:
            folders = [(e.name, e.path) for e in entries if e.is_dir()]
    except FileNotFoundError:
        return out
    for name, path in folders:
        stamp = folder_stamp(path)
        if stamp is not None:
            out[name] = stamp
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
        snapshot = limits.read_cache(self.path)  # none yet: the journal may still hold some
        if snapshot is not None:
            _merge(snapshot, out)
        journal = limits.read_cache(self.log)
        if journal is None:
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
        except (OSError, CipError):
            return

    def _journal_size(self) -> int:
        try:
            return self.log.stat().st_size
        except FileNotFoundError:
            return 0

    def _append(self, fresh: list[ArticleSummary]) -> None:
        self.log.parent.mkdir(parents=True, exist_ok=True)
        # One write of one line in append mode: another process appending at the same time
        # cannot interleave inside it. Never through a symbolic link (OSError: not written).
        fd = os.open(self.log, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NOFOLLOW, 0o644)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(_document(fresh) + "\n")

    def _fold(self, fresh: list[ArticleSummary], keep: Iterable[str] | None) -> None:
        """Rewrite the snapshot with everything the cache holds, and start a new journal.
        Another process's line appended meanwhile may be lost: its article is summarised
        again, as for any entry whose stamp no longer matches."""
        from cipbilingual.store.atomic import atomic_write_text

        entries = self.read()
        entries.update((s.slug, s) for s in fresh)
        if keep is not None:
            wanted = set(keep)
            entries = {slug: s for slug, s in entries.items() if slug in wanted}
        data = _document([entries[slug] for slug in sorted(entries)])
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # Renamed into place so readers see the old file or the new one, never half of one (a
        # link in its place is replaced, not written through); its temporary name is one that
        # .gitignore covers and later writes sweep. Not fsynced: after a crash a lost or torn
        # cache is only rebuilt.
        atomic_write_text(self.path, data, durable=False)
        self.log.unlink(missing_ok=True)


def _document(summaries: Sequence[ArticleSummary]) -> str:
    keys: dict[str, int] = {}
    rows = [s.to_row(keys) for s in summaries]
    return json.dumps(
        {"format": FORMAT, "keys": list(keys), "articles": rows},
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
    keys = raw.get("keys", [])
    for row in raw.get("articles", []):
        try:
            summary = ArticleSummary.from_row(row, keys)
        except (IndexError, KeyError, TypeError, ValueError):
            continue
        into[summary.slug] = summary
