"""Use cases on the history: a segment's log, comments and their resolution, reverting to an
earlier English, the person's review queue, and who-did-what reports."""

from __future__ import annotations

import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from cipbilingual.config import Settings
from cipbilingual.errors import NotFoundError, UsageError
from cipbilingual.history import (
    check_note,
    chronological,
    new_id,
    now_iso,
    open_comments,
    recording,
)
from cipbilingual.models import APPROVING_ACTS, Act, HistoryRecord, Segment, SegmentId, State
from cipbilingual.workflow.articles import apply_translation
from cipbilingual.workflow.editing import revert_reason
from cipbilingual.workflow.people import require_person
from cipbilingual.workspace import Workspace

# -- log --------------------------------------------------------------------------------------


@dataclass
class SegmentLog:
    """An article's history (or one segment's), oldest first, with the notices of lines that
    could not be read."""

    slug: str
    segment: str  # "" for the whole article
    records: list[HistoryRecord]
    notices: list[str] = field(default_factory=list)
    sources: dict[str, str] = field(default_factory=dict)  # segment id -> its Chinese now

    def to_json(self) -> dict[str, object]:
        return {
            "slug": self.slug,
            "segment": self.segment or None,
            "records": [record_json(r) for r in self.records],
            "notices": self.notices,
        }


def record_json(r: HistoryRecord) -> dict[str, object]:
    """A record as `log --json` prints it: every field, empty ones included."""
    return {
        "id": r.id,
        "act": r.act,
        "segment": r.segment,
        "by": r.by,
        "at": r.at,
        "before": r.before,
        "after": r.after,
        "was": r.was,
        "state": r.state,
        "origin": r.origin,
        "reason": r.reason,
        "machine": r.machine,
        "text": r.text,
        "to": list(r.to),
        "ref": r.ref,
    }


def segment_log(ws: Workspace, slug: str, segment_id: str | None = None) -> SegmentLog:
    """The history of an article, or of one of its segments (a retired one too), oldest first.
    Raises NotFoundError (no such article or segment), InputError (a history file that is a
    symbolic link or cannot be read)."""
    article = ws.load(slug)
    sources = {str(s.id): s.source for s in [*article.retired, *article.segments]}
    if segment_id is None:
        read = ws.history(slug)
        return SegmentLog(slug, "", chronological(read.records), read.notices, sources)
    sid = str(SegmentId.parse(segment_id))
    read = ws.history(slug, sid)
    if sid not in sources and not read.records:
        raise NotFoundError(f"article '{slug}' has no segment {sid}")
    return SegmentLog(slug, sid, chronological(read.records), read.notices, sources)


# -- comments ---------------------------------------------------------------------------------

_MENTION = re.compile(r"(?<![\w@])@(?=\w)")


def mentions(text: str, settings: Settings) -> tuple[str, ...]:
    """The people a comment addresses with @name (names from [people], longest first, so
    `@Li Na` is Li Na, not Li). An e-mail address is not a mention. Raises UsageError for an
    @name nobody in [people] has."""
    names = sorted(settings.people, key=len, reverse=True)
    found: list[str] = []
    for match in _MENTION.finditer(text):
        rest = text[match.end() :]
        for name in names:
            if rest.startswith(name) and not rest[len(name) : len(name) + 1].isalnum():
                if name not in found:
                    found.append(name)
                break
        else:
            word = re.match(r"\w+", rest)
            known = ", ".join(sorted(settings.people)) or "nobody yet"
            raise UsageError(
                f"@{word.group(0) if word else rest[:10]} is not in [people] (known: {known})",
                hint="address a person by the name cipbilingual.toml gives them",
            )
    return tuple(found)


def add_comment(ws: Workspace, slug: str, segment_id: str, text: str, person: str) -> HistoryRecord:
    """Comment on a segment as `person`; `@name` addresses a person, whose review queue then
    lists the comment until someone resolves it. Raises UsageError (empty or long text, an
    unknown @name), InputError, NotFoundError."""
    require_person(ws.settings, person)
    sid = SegmentId.parse(segment_id)
    cleaned = check_note(text, "comment")
    to = mentions(cleaned, ws.settings)
    with ws.lock(slug):
        article = ws.load(slug)
        segment = article.segment(sid)
        entry = _note(Act.COMMENT, segment, person, text=cleaned, to=to)
        ws.append_history(slug, [entry])
    return entry


def resolve_comment(
    ws: Workspace, slug: str, segment_id: str, comment_id: str, person: str, note: str = ""
) -> HistoryRecord:
    """Resolve an open comment on a segment (named by its id or a unique beginning of it), with
    an optional note. Raises NotFoundError (no such open comment), UsageError (an ambiguous
    id), InputError."""
    require_person(ws.settings, person)
    sid = str(SegmentId.parse(segment_id))
    cleaned = check_note(note, "note") if note.strip() else ""
    with ws.lock(slug):
        article = ws.load(slug)
        segment = article.segment(sid)
        waiting = open_comments(ws.history(slug, sid).records)
        wanted = comment_id.strip().lower()
        chosen = [c for c in waiting if wanted and c.id.startswith(wanted)]
        if not chosen:
            listed = ", ".join(c.id for c in waiting) or "none"
            raise NotFoundError(
                f"{slug} {sid} has no open comment '{comment_id}' (open: {listed})",
                hint="'cipbilingual log SLUG SEGMENT_ID' lists the comments",
            )
        if len(chosen) > 1:
            raise UsageError(f"'{comment_id}' names {len(chosen)} comments; give more of the id")
        entry = _note(Act.RESOLVE, segment, person, text=cleaned, ref=chosen[0].id)
        ws.append_history(slug, [entry])
    return entry


def _note(
    act: Act, segment: Segment, person: str, *, text: str, to: Sequence[str] = (), ref: str = ""
) -> HistoryRecord:
    return HistoryRecord(
        act=str(act),
        segment=str(segment.id),
        by=person,
        at=now_iso(),
        text=text,
        to=tuple(to),
        ref=ref,
        id=new_id(),
    )


def article_comments(ws: Workspace, slug: str) -> dict[str, list[HistoryRecord]]:
    """The open comments of an article, by segment id, oldest first. Raises InputError."""
    from cipbilingual.store.history import read_history

    read = read_history(ws.history_path(slug), needle=(b'"comment"', b'"resolve"'))
    out: dict[str, list[HistoryRecord]] = {}
    for comment in open_comments(read.records):
        out.setdefault(comment.segment, []).append(comment)
    return out


# -- revert -----------------------------------------------------------------------------------


def revert_segment(
    ws: Workspace, slug: str, segment_id: str, version: str, person: str
) -> tuple[Segment, HistoryRecord]:
    """Put back the English a history record (named by its id or a unique beginning of it) left
    the segment with: a new translate act by `person`, recorded with the record it came from.
    Returns the segment and the record reverted to. Raises NotFoundError, UsageError (an
    ambiguous id, an empty English, the English is already that)."""
    require_person(ws.settings, person)
    sid = str(SegmentId.parse(segment_id))
    wanted = version.strip().lower()
    with ws.edit(slug) as article:
        segment = article.segment(sid)
        chosen = [r for r in ws.history(slug, sid).records if wanted and r.id.startswith(wanted)]
        if not chosen:
            raise NotFoundError(
                f"{slug} {sid} has no version '{version}'",
                hint="'cipbilingual log SLUG SEGMENT_ID' lists the versions with their ids",
            )
        if len(chosen) > 1:
            raise UsageError(f"'{version}' names {len(chosen)} versions; give more of the id")
        source = chosen[0]
        english = source.after.strip()
        if not english:
            raise UsageError(f"version {source.id} of {sid} has no English to go back to")
        if english == segment.target and segment.state is State.TRANSLATED:
            raise UsageError(f"{sid} already has the English of version {source.id}")
        reason = revert_reason(source)
        with recording(article, Act.TRANSLATE, segment, person, ref=source.id, reason=reason):
            apply_translation(segment, english, person)
    return segment, source


# -- the review queue -------------------------------------------------------------------------


@dataclass(frozen=True)
class QueueItem:
    """Something waiting for a person: a translated segment to review, or a comment addressed
    to them."""

    slug: str
    title: str
    segment: Segment
    comment: HistoryRecord | None = None

    @property
    def kind(self) -> str:
        return "comment" if self.comment is not None else "review"


def review_queue(ws: Workspace, person: str = "") -> tuple[list[QueueItem], list[str]]:
    """Every translated segment waiting for review, and the open comments addressed to `person`,
    article by article (in an article, aligned segments first, lowest link score first, then
    the rest in document order; then the comments); and the notices of history lines that could
    not be read. Raises CatalogError, InputError."""
    from cipbilingual.workflow.align import review_order

    items: list[QueueItem] = []
    notices: list[str] = []
    for slug in ws.slugs():
        article = ws.load(slug)
        addressed: dict[str, list[HistoryRecord]] = {}
        if person:
            from cipbilingual.store.history import read_history

            read = read_history(ws.history_path(slug), needle=(b'"to"', b'"resolve"'))
            notices.extend(read.notices)
            for comment in open_comments(read.records):
                if person in comment.to:
                    addressed.setdefault(comment.segment, []).append(comment)
        waiting = review_order([s for s in article.segments if s.state is State.TRANSLATED])
        items.extend(QueueItem(slug, article.meta.title, seg) for seg in waiting)
        for seg in article.segments:
            for comment in addressed.get(str(seg.id), ()):
                items.append(QueueItem(slug, article.meta.title, seg, comment))
    return items, notices


# -- reports ----------------------------------------------------------------------------------


@dataclass
class PersonWork:
    """What one person did in a period. Characters are the Chinese sentence's, spaces
    excluded."""

    person: str
    translated: set[tuple[str, str]] = field(default_factory=set)  # (slug, segment id)
    translated_chars: int = 0
    approved: set[tuple[str, str]] = field(default_factory=set)
    approved_chars: int = 0
    sent_back: set[tuple[str, str]] = field(default_factory=set)
    sent_back_chars: int = 0
    returned: int = 0  # segments this person translated that an editor sent back
    distances: list[float] = field(default_factory=list)  # their approved English vs the MT
    unedited: int = 0  # approved English of theirs identical to the machine draft

    @property
    def median_distance(self) -> float | None:
        return statistics.median(self.distances) if self.distances else None

    def to_json(self) -> dict[str, object]:
        median = self.median_distance
        return {
            "person": self.person,
            "translated": {"segments": len(self.translated), "chars": self.translated_chars},
            "approved": {"segments": len(self.approved), "chars": self.approved_chars},
            "sent_back": {"segments": len(self.sent_back), "chars": self.sent_back_chars},
            "returned": self.returned,
            "post_edit_distance": {
                "median": None if median is None else round(median, 1),
                "segments": len(self.distances),
            },
            "drafts_approved_unedited": self.unedited,
        }


@dataclass
class WorkReport:
    since: str
    people: list[PersonWork]
    notices: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        return {
            "since": self.since,
            "people": [p.to_json() for p in self.people],
            "notices": self.notices,
        }


def parse_since(text: str | None, today: datetime | None = None) -> str:
    """`--since`: a date (2026-11-18) or a UTC time (2026-11-18T09:00:00Z); default a week ago.
    Returns the ISO form records are compared with. Raises UsageError."""
    if not text:
        start = (today or datetime.now(UTC)) - timedelta(days=7)
        return start.replace(microsecond=0).isoformat().replace("+00:00", "Z")
    raw = text.strip()
    try:
        moment = datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        raise UsageError(
            f"'{text}' is not a date", hint="give YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ"
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    moment = moment.astimezone(UTC).replace(microsecond=0)
    return moment.isoformat().replace("+00:00", "Z")


def _chars(text: str) -> int:
    return sum(1 for ch in text if not ch.isspace())


def _distance(machine: str, final: str) -> float:
    """Post-edit distance, 100 − the chrF that QA records at approval: 0 = the draft kept."""
    from cipbilingual.qa.postedit import post_edit_chrf

    if " ".join(machine.split()) == " ".join(final.split()):
        return 0.0
    return round(100.0 - post_edit_chrf(machine, final), 1)


def work_report(ws: Workspace, since: str) -> WorkReport:
    """Per person since `since` (an ISO UTC time): segments and Chinese characters translated,
    approved and sent back; how many of their translations were sent back; the median
    post-edit distance (0 = the machine draft kept, 100 = nothing of it kept) of their approved
    English against the machine draft; and their approved English identical to the draft. The
    author of approved English is whoever last translated it (the approver, when a draft was
    approved directly). Raises CatalogError, InputError."""
    people: dict[str, PersonWork] = {}
    notices: list[str] = []

    def of(name: str) -> PersonWork:
        if name not in people:
            people[name] = PersonWork(name)
        return people[name]

    for slug in ws.slugs():
        article = ws.load(slug)
        sources = {str(s.id): s.source for s in [*article.retired, *article.segments]}
        read = ws.history(slug)
        notices.extend(read.notices)
        by_segment: dict[str, list[HistoryRecord]] = {}
        for r in chronological(read.records):
            if r.segment:
                by_segment.setdefault(r.segment, []).append(r)
        for sid, records in by_segment.items():
            chars = _chars(sources.get(sid, ""))
            author = ""
            for r in records:
                if r.act == Act.DRAFT:
                    author = ""  # the machine's English, until a person takes it on
                elif r.act in (Act.TRANSLATE, Act.XLIFF_IMPORT) or (
                    r.act == Act.EDIT and r.before != r.after
                ):
                    author = r.by or author
                if r.at < since:
                    continue
                key = (slug, sid)
                if r.act == Act.TRANSLATE and r.by:
                    who = of(r.by)
                    if key not in who.translated:
                        who.translated.add(key)
                        who.translated_chars += chars
                elif r.act == Act.REJECT and r.by:
                    who = of(r.by)
                    if key not in who.sent_back:
                        who.sent_back.add(key)
                        who.sent_back_chars += chars
                    if author and author != r.by:
                        of(author).returned += 1
                elif r.act in APPROVING_ACTS:
                    if r.by:
                        who = of(r.by)
                        if key not in who.approved:
                            who.approved.add(key)
                            who.approved_chars += chars
                    writer = author or r.by
                    if writer and r.machine:
                        of(writer).distances.append(_distance(r.machine, r.after))
                        if r.machine == r.after:
                            of(writer).unedited += 1
    return WorkReport(since, sorted(people.values(), key=lambda p: p.person), notices)
