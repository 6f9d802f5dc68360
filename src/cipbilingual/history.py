"""Who did what to which segment, and when: recording acts, and reading a segment's story.

`record` and `recording` are the one API every act calls. They add a HistoryRecord to
`article.pending`; `Workspace.save` appends those to the article's history file right after it
saves the catalog. The catalog says what a segment is now; the history says how it got there.
"""

from __future__ import annotations

import copy
import difflib
import re
import secrets
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from cipbilingual import limits
from cipbilingual.errors import InputError, UsageError
from cipbilingual.models import (
    APPROVING_ACTS,
    Act,
    Article,
    HistoryRecord,
    Origin,
    Segment,
)
from cipbilingual.text import describe_character, refused_character

# What the command line calls each act (the UI has its own, translated, names).
ACT_WORDS: dict[str, str] = {
    "import": "imported",
    "reimport": "re-imported",
    "retire": "retired",
    "draft": "drafted",
    "edit": "edited",
    "translate": "translated",
    "approve": "approved",
    "reject": "sent back",
    "override": "approved (override)",
    "silence": "silenced a check",
    "xliff-import": "XLIFF import",
    "merge": "merged",
    "align": "aligned",
    "relink": "relinked",
    "comment": "commented",
    "resolve": "resolved",
    "publish": "published",
}

NOTE_LIMIT = limits.REASON_CHARS  # characters in a comment or a reason


def now_iso() -> str:
    """The current UTC time as recorded everywhere: 2026-11-25T10:00:00Z."""
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def new_id() -> str:
    """A record id: 12 hex digits, unique enough that two branches never pick the same."""
    return secrets.token_hex(6)


def origin_text(origin: Origin | None) -> str:
    """An origin as one line: `argos 0.87 translate-zh_en-1.9`, `tm 100 slug p1.s2`."""
    if origin is None:
        return ""
    parts = [origin.engine]
    if origin.score is not None:
        parts.append(f"{origin.score:g}")
    if origin.detail:
        parts.append(origin.detail)
    return " ".join(parts)


def check_note(text: str, what: str) -> str:
    """A comment's or a reason's text, stripped; raises UsageError when empty or too long,
    InputError when it holds a character that cannot be stored."""
    cleaned = text.strip()
    if not cleaned:
        raise UsageError(f"the {what} is empty")
    if len(cleaned) > NOTE_LIMIT:
        raise UsageError(f"the {what} is {len(cleaned)} characters long (at most {NOTE_LIMIT})")
    bad = refused_character(cleaned)  # the one text rule (cipbilingual.text)
    if bad is not None:
        raise InputError(
            f"the {what} contains {describe_character(bad)}", hint="remove it and try again"
        )
    return cleaned


def record(
    article: Article,
    act: Act | str,
    segment: Segment | None,
    by: str,
    *,
    before: Segment | None = None,
    reason: str = "",
    text: str = "",
    to: Sequence[str] = (),
    ref: str = "",
    origin: str | None = None,
    at: str | None = None,
) -> HistoryRecord:
    """Record that `by` did `act` to `segment` (None: to the whole article), to be appended to
    the history by the next `Workspace.save(article)`. `before` is the segment as it was before
    the act (its English and state are recorded beside the current ones); `origin` defaults to
    what drafted the segment's English. Approvals also record the machine draft, so reports can
    measure post-editing. Raises UsageError/InputError for a reason or text that cannot be
    stored."""
    if reason:
        reason = check_note(reason, "reason")
    if text:
        text = check_note(text, "comment")
    fields: dict[str, str] = {}
    if segment is not None:
        fields["after"] = segment.target
        fields["state"] = str(segment.state)
        if origin is None:
            origin = origin_text(segment.origin)
        if act in APPROVING_ACTS:
            fields["machine"] = segment.machine_draft
    if before is not None:
        fields["before"] = before.target
        fields["was"] = str(before.state)
    entry = HistoryRecord(
        act=str(act),
        segment=str(segment.id) if segment is not None else "",
        by=by,
        at=at or now_iso(),
        origin=origin or "",
        reason=reason,
        text=text,
        to=tuple(to),
        ref=ref,
        id=new_id(),
        **fields,
    )
    article.pending.append(entry)
    return entry


@contextmanager
def recording(
    article: Article,
    act: Act | str,
    segment: Segment,
    by: str,
    **details: str,
) -> Iterator[None]:
    """Record `act` if the block changes `segment`:

        with recording(article, Act.APPROVE, segment, person):
            approve(segment, person)

    `details` are passed to `record` (reason, origin, ref, at)."""
    before = copy.copy(segment)
    yield
    if before != segment:
        record(article, act, segment, by, before=before, **details)


# -- reading the story --------------------------------------------------------------------


def chronological(records: Iterable[HistoryRecord]) -> list[HistoryRecord]:
    """Records by time; records of the same second keep their order in the file. (After a git
    merge the two branches' records follow each other in the file, not in time.)"""
    return sorted(records, key=lambda r: r.at)


def open_comments(records: Iterable[HistoryRecord]) -> list[HistoryRecord]:
    """Comments nobody has resolved yet, oldest first."""
    items = list(records)
    resolved = {r.ref for r in items if r.act == Act.RESOLVE}
    return chronological(r for r in items if r.act == Act.COMMENT and r.id not in resolved)


def last_act(records: Iterable[HistoryRecord]) -> HistoryRecord | None:
    """The newest record (the later in the file when two share a second)."""
    newest: HistoryRecord | None = None
    for r in records:
        if newest is None or r.at >= newest.at:
            newest = r
    return newest


def changes_english(r: HistoryRecord) -> bool:
    """Whether the record says the English changed."""
    return bool(r.was or r.before) and r.before != r.after


@dataclass(frozen=True)
class Version:
    """One step of a segment's story: a record, how many consecutive unconfirmed edits by the
    same person it stands for, and whether the English had changed outside cipbilingual (a
    hand edit, a gettext tool, a merge without a record) since the step before."""

    record: HistoryRecord
    folded: int = 1
    gap: bool = False


def story(records: Iterable[HistoryRecord], *, fold: bool = True) -> list[Version]:
    """A segment's records in time order as versions. With `fold`, consecutive unconfirmed edits
    by one person become one version (English before the first, after the last)."""
    out: list[Version] = []
    english: str | None = None
    for r in chronological(records):
        gap = english is not None and bool(r.was) and r.before != english
        if r.state or r.was:
            english = r.after
        prev = out[-1] if out else None
        if (
            fold
            and prev is not None
            and not gap
            and r.act == Act.EDIT
            and prev.record.act == Act.EDIT
            and prev.record.by == r.by
        ):
            merged = replace(r, before=prev.record.before, was=prev.record.was)
            out[-1] = Version(merged, prev.folded + 1, prev.gap)
            continue
        out.append(Version(r, 1, gap))
    return out


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """A word-level diff from `old` to `new`: (op, text) pieces, op "equal", "delete" or
    "insert". Words are compared without the spaces after them, and a change keeps its
    trailing space outside the change, so `[-Nov 21-]{+November 21,+} Wang` reads as a person
    would write it. The equal and inserted pieces join back into `new` exactly."""
    a = _WORDS.findall(old)
    b = _WORDS.findall(new)
    out: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(
        None, [t.rstrip() for t in a], [t.rstrip() for t in b], autojunk=False
    )
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out.append(("equal", "".join(b[j1:j2])))
            continue
        deleted, inserted = "".join(a[i1:i2]), "".join(b[j1:j2])
        tail = inserted[len(inserted.rstrip()) :]
        if deleted:
            out.append(("delete", deleted.rstrip() if inserted else deleted))
        if inserted.strip():
            out.append(("insert", inserted.rstrip()))
        elif inserted:
            tail = inserted
        if tail:
            out.append(("equal", tail))
    return out


_WORDS = re.compile(r"^\s+|\S+\s*")
