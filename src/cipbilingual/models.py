"""The vocabulary of cipbilingual: articles, blocks, segments, states, terms, findings.

Plain dataclasses with no I/O. Everything else (store, workflow, UI) speaks in these types.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum

from cipbilingual.errors import NotFoundError, UsageError
from cipbilingual.text import shown


class State(StrEnum):
    """Where a segment stands. Only `approved` goes out in an export."""

    NEW = "new"
    DRAFT = "draft"
    TRANSLATED = "translated"
    NEEDS_WORK = "needs_work"
    APPROVED = "approved"


STATE_ORDER: tuple[State, ...] = tuple(State)


class Role(StrEnum):
    """A person's role in `cipbilingual.toml`. An editor may also translate."""

    TRANSLATOR = "translator"
    EDITOR = "editor"


class BlockKind(StrEnum):
    """What a block of the article was in its source; kept so exports can restore the markup."""

    TITLE = "title"
    PARAGRAPH = "paragraph"
    HEADING = "heading"
    LIST_ITEM = "list_item"
    QUOTE = "quote"
    CAPTION = "caption"


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


_SEGMENT_ID = re.compile(r"^(?:t|p([1-9][0-9]*))\.s([1-9][0-9]*)$")


@dataclass(frozen=True, order=True)
class SegmentId:
    """A segment's name for life: `t.s1`, `p3.s2`. Given at the first import, where `p3.s2` is
    the second sentence of body block 3; never renumbered afterwards, so after a re-import the
    numbers no longer say where the segment is (`Segment.block` does). See docs/po-format.md."""

    block: int  # 0 is the title ("t"); body blocks count from 1
    sentence: int  # from 1

    def __str__(self) -> str:
        head = "t" if self.block == 0 else f"p{self.block}"
        return f"{head}.s{self.sentence}"

    @classmethod
    def parse(cls, text: str) -> SegmentId:
        """Parse `t.s1` / `p3.s2`; raises UsageError on anything else."""
        match = _SEGMENT_ID.match(text.strip())
        if not match:
            raise UsageError(
                f"'{shown(text)}' is not a segment id", hint="segment ids look like t.s1 or p3.s2"
            )
        return cls(int(match.group(1) or 0), int(match.group(2)))


@dataclass(frozen=True)
class Block:
    """A title, paragraph, heading, list item, quote or caption of the source article."""

    index: int  # 0 for the title, then 1.. in document order
    kind: BlockKind
    markup: str = ""  # source markup to restore on export, e.g. "## ", "- ", "1. ", "> "


@dataclass(frozen=True)
class Origin:
    """What drafted a segment's current English: an MT engine or a TM match."""

    engine: str  # "argos", "libretranslate", "tm", or "reimport" (English carried over)
    detail: str = ""  # model/package version, or the TM match's origin ("slug p1.s2", "file.tmx")
    score: float | None = None  # engine or match score where the engine gives one


@dataclass(frozen=True)
class Override:
    """An editor's decision to approve despite QA errors: which checks, and why."""

    checks: tuple[str, ...]  # the names of the checks whose errors the editor overrode
    reason: str


@dataclass(frozen=True)
class Approval:
    """An editor's approval of one exact (segment id, source, target)."""

    by: str
    at: str  # ISO 8601, UTC, seconds
    digest: str  # approval_digest(segment id, source, target)
    override: Override | None = None  # QA errors the editor approved anyway, with the reason
    signature: str = ""  # with [approvals] sign = "ssh": the SSH signature's base64, one line


@dataclass(frozen=True)
class VoidApproval:
    """An approval record that does not count, and why (text changed, not an editor, bad
    signature). The segment is loaded as `translated`."""

    segment: SegmentId
    by: str
    reason: str


@dataclass(frozen=True)
class Rejection:
    """An editor sending one exact English back: who, when, and the digest of what they saw,
    so a later approval can tell whether the English changed since."""

    by: str
    at: str  # ISO 8601, UTC, seconds
    digest: str  # approval_digest(segment id, source, target) of the English sent back


def approval_digest(segment_id: SegmentId | str, source: str, target: str) -> str:
    """The hash an approval records; when it no longer matches, the approval is void."""
    payload = "\x1f".join((str(segment_id), source, target)).encode("utf-8")
    return hashlib.sha256(payload).hexdigest()[:16]


def silence_digest(source: str, target: str) -> str:
    """The hash a silence records; when the English (or the Chinese) changes, it no longer
    matches and the finding is back."""
    payload = "\x1f".join((source, target)).encode("utf-8")
    return hashlib.sha256(payload).hexdigest()[:16]


@dataclass(frozen=True)
class Silence:
    """A person's decision that one QA check's findings on one segment are not a problem."""

    check: str
    by: str
    at: str  # ISO 8601, UTC, seconds
    digest: str  # silence_digest(source, target) when it was given
    reason: str


@dataclass
class Segment:
    """One sentence: Chinese source, English target, state and provenance."""

    id: SegmentId
    source: str
    target: str = ""
    state: State = State.NEW
    origin: Origin | None = None  # set while the target is (or started as) a machine/TM draft
    translator: str = ""  # who last wrote or confirmed the target
    translated_at: str = ""  # ISO 8601 UTC of that
    approval: Approval | None = None
    reason: str = ""  # why an editor sent it back (state needs_work)
    # Who last sent it back, when, and what English they saw; kept until it is approved.
    rejection: Rejection | None = None
    previous_source: str = ""  # the old Chinese when a re-import changed the sentence
    machine_draft: str = ""  # the engine's English as drafted, kept for review diffs
    # Free-form notes on the segment, e.g. a translator comment written in Poedit; kept verbatim.
    comments: list[str] = field(default_factory=list)
    # QA findings a person silenced, each for the exact source and English it was given on.
    silences: list[Silence] = field(default_factory=list)
    # chrF (0-100) of the machine draft against the English an editor approved, recorded at
    # approval; None when the segment was not machine-drafted or not approved since.
    post_edit: float | None = None
    # Where the segment sits: the index of its block in `Article.blocks` (0 is the title). At the
    # first import this is the block number of its id; a re-import may move it, never its id.
    block: int = -1
    # Both sides of a git merge that changed this segment differently, kept until a person
    # chooses (see merge.py); while set, the segment is needs_work.
    conflict: SegmentConflict | None = None

    def __post_init__(self) -> None:
        if self.block < 0:
            self.block = self.id.block

    def approval_is_valid(self) -> bool:
        return self.approval is not None and self.approval.digest == approval_digest(
            self.id, self.source, self.target
        )

    def drop_stale_silences(self) -> None:
        """Forget silences given on another English or Chinese: their findings are back."""
        digest = silence_digest(self.source, self.target)
        self.silences = [s for s in self.silences if s.digest == digest]

    def silence_for(self, check: str) -> Silence | None:
        """The silence of `check` that still holds: given on this very source and English, or
        the override an editor recorded with the approval of this very text (it lives and dies
        with the approval)."""
        digest = silence_digest(self.source, self.target)
        for silence in self.silences:
            if silence.check == check and silence.digest == digest:
                return silence
        approval = self.approval
        if (
            self.state is State.APPROVED
            and approval is not None
            and approval.override is not None
            and check in approval.override.checks
            and self.approval_is_valid()
        ):
            reason = f"override: {approval.override.reason}"
            return Silence(check, approval.by, approval.at, digest, reason)
        return None

    def sent_back_unchanged(self) -> bool:
        """Sent back by an editor, and its English (and Chinese) not changed since, even if
        the translator confirmed it again as it was."""
        return (
            self.state in (State.NEEDS_WORK, State.TRANSLATED)
            and self.rejection is not None
            and self.rejection.digest == approval_digest(self.id, self.source, self.target)
        )


@dataclass
class SegmentConflict:
    """A same-segment clash left by a merge: the segment as each side had it. `theirs` is None
    when the other side retired the segment; `note` says what clashed."""

    mine: Segment
    theirs: Segment | None
    note: str = ""


@dataclass
class ArticleMeta:
    """Facts about an article that are not segments."""

    slug: str
    title: str = ""  # the Chinese title as imported
    date: str = ""  # publication time as found in the source, normalised to ISO 8601 when possible
    source_file: str = ""  # file name inside the article folder, e.g. source.zh.html
    source_format: str = ""  # txt, md, html
    source_encoding: str = ""  # as detected on import
    source_hash: str = ""  # sha256 hex of the original bytes
    front_matter: dict[str, str] = field(
        default_factory=dict
    )  # Markdown front matter kept for export
    # Ids that left the article, so a fresh id never reuses one (a retired entry may be gone).
    retired_ids: set[SegmentId] = field(default_factory=set)
    # Header fields written by other tools (Last-Translator, PO-Revision-Date, X-Generator …),
    # kept as they are, and the order of every header field as last read: file bookkeeping,
    # not part of the article's content, so not compared.
    extra_header: list[tuple[str, str]] = field(default_factory=list, compare=False)
    header_order: list[str] = field(default_factory=list, compare=False)


@dataclass
class Article:
    """An article: its metadata, its blocks and its segments in document order."""

    meta: ArticleMeta
    blocks: list[Block]
    segments: list[Segment]
    # Notices raised while loading, e.g. an approval voided because its hash no longer matched.
    notices: list[str] = field(default_factory=list)
    # Segments that left the article (a re-import removed their sentence, or a gettext tool
    # made them obsolete) but whose English is kept, so no translation is ever lost silently.
    # Never exported, never counted.
    retired: list[Segment] = field(default_factory=list)
    # Approval records found on load that do not count (see VoidApproval); also in `notices`.
    void_approvals: list[VoidApproval] = field(default_factory=list)
    # History records of the acts done to this article since it was loaded, appended to its
    # history file by the save that stores the acts (see cipbilingual.workflow.journal).
    pending: list[HistoryRecord] = field(default_factory=list, compare=False, repr=False)

    @property
    def slug(self) -> str:
        return self.meta.slug

    def segment(self, segment_id: SegmentId | str) -> Segment:
        """The segment with that id; raises NotFoundError."""
        sid = SegmentId.parse(segment_id) if isinstance(segment_id, str) else segment_id
        for seg in self.segments:
            if seg.id == sid:
                return seg
        raise NotFoundError(f"article '{self.slug}' has no segment {sid}")

    def block(self, index: int) -> Block:
        for blk in self.blocks:
            if blk.index == index:
                return blk
        raise NotFoundError(f"article '{self.slug}' has no block {index}")

    def by_block(self) -> Iterator[tuple[Block, list[Segment]]]:
        """Blocks in order, each with its segments."""
        groups: dict[int, list[Segment]] = {}
        for seg in self.segments:
            groups.setdefault(seg.block, []).append(seg)
        for blk in sorted(self.blocks, key=lambda b: b.index):
            yield blk, groups.get(blk.index, [])

    def conflicts(self) -> list[Segment]:
        """Segments holding a clash from a git merge that a person has not resolved yet."""
        return [s for s in self.segments if s.conflict is not None]

    def used_ids(self) -> set[SegmentId]:
        """Every id the article has ever given: live, retired entries, and retired ids."""
        return {s.id for s in self.segments} | {s.id for s in self.retired} | self.meta.retired_ids

    def counts(self) -> dict[State, int]:
        out = dict.fromkeys(STATE_ORDER, 0)
        for seg in self.segments:
            out[seg.state] += 1
        return out

    @property
    def complete(self) -> bool:
        """Every segment approved: the article may be published."""
        return bool(self.segments) and all(s.state is State.APPROVED for s in self.segments)


class TermStatus(StrEnum):
    PREFERRED = "preferred"
    ADMITTED = "admitted"
    DEPRECATED = "deprecated"


@dataclass(frozen=True)
class Term:
    """A house glossary entry: Chinese term -> house English."""

    source: str  # the Chinese term
    target: str  # the house English
    sense: str = ""  # distinguishes a second sense of the same Chinese term (gettext msgctxt)
    abbreviation: str = ""  # e.g. CIP, WOFE
    note: str = ""  # usage note
    forbidden: tuple[str, ...] = ()  # English variants house style forbids, e.g. ("WFOE",)
    status: TermStatus = TermStatus.PREFERRED
    case_sensitive: bool = False
    full_form_first: bool = False  # first mention: "Full Form (ABBR)", later mentions may use ABBR
    variants: tuple[str, ...] = ()  # other accepted English renderings (TBX admitted terms)
    # A clash left by a git merge (both sides changed the entry), kept until a person chooses.
    conflict: TermConflict | None = None
    # Comment lines other tools wrote on the entry (free comments, notes, references), each
    # with its marker ("# ", "#. ", "#: "): not read, written back as they were.
    tool_comments: tuple[str, ...] = ()


@dataclass(frozen=True)
class TermConflict:
    """The other side of a glossary entry both sides of a merge changed: `theirs` is their
    version, None when they removed it; `note` says what clashed."""

    theirs: Term | None
    note: str = ""


@dataclass(frozen=True)
class Fix:
    """A change to the English that a finding proposes: `old`, found at [start, end) of the
    English that was checked, becomes `new`."""

    start: int
    end: int
    old: str
    new: str

    def apply(self, text: str) -> str | None:
        """`text` with the change made, or None when `text` no longer has `old` at its place
        (the English changed since it was checked)."""
        if text[self.start : self.end] != self.old:
            return None
        return text[: self.start] + self.new + text[self.end :]

    def to_json(self) -> dict[str, object]:
        return {"start": self.start, "end": self.end, "old": self.old, "new": self.new}


@dataclass(frozen=True)
class Finding:
    """A QA finding, in the shape `qa --json` prints. A silenced finding is still reported (so
    the UI and `qa --json` can show it) but blocks nothing. `fix`, when a check knows one, is
    the change that settles it (the UI applies it with one key)."""

    slug: str
    segment: str  # segment id, or "" for an article-level finding
    check: str  # the check's name, e.g. "numbers", "glossary-forbidden"
    severity: Severity
    message: str  # one line, in the language it was asked for
    silenced: Silence | None = None
    fix: Fix | None = None

    @property
    def blocking(self) -> bool:
        """An error nobody silenced: what stops `qa` (exit 1)."""
        return self.severity is Severity.ERROR and self.silenced is None

    def to_json(self) -> dict[str, object]:
        silence = self.silenced
        return {
            "slug": self.slug,
            "segment": self.segment,
            "check": self.check,
            "severity": str(self.severity),
            "message": self.message,
            "silenced": silence is not None,
            "silence": None
            if silence is None
            else {"by": silence.by, "at": silence.at, "reason": silence.reason},
            "fix": None if self.fix is None else self.fix.to_json(),
        }


@dataclass(frozen=True)
class TermMatch:
    """A glossary term found in a Chinese source: the span [start, end) and its entry."""

    start: int
    end: int
    term: Term

    @property
    def text(self) -> str:
        return self.term.source


class Act(StrEnum):
    """What a history record says was done. Records may carry other act names (written by a
    newer version); they are kept and shown as they are."""

    IMPORT = "import"  # the article was imported (article-level record)
    REIMPORT = "reimport"  # a re-import changed the segment (or the article, article-level)
    RETIRE = "retire"  # a re-import removed the segment's sentence; its English is kept
    DRAFT = "draft"  # an MT engine or the TM drafted the English
    EDIT = "edit"  # English typed but not confirmed (still a draft, or still sent back)
    TRANSLATE = "translate"  # a person wrote or confirmed the English
    APPROVE = "approve"  # an editor approved the English
    REJECT = "reject"  # an editor sent it back, with a reason
    OVERRIDE = "override"  # an editor approved past a check, with a reason
    SILENCE = "silence"  # a QA finding on the segment was silenced, with a reason
    XLIFF_IMPORT = "xliff-import"  # English taken from an XLIFF file
    MERGE = "merge"  # a git merge, or a person settling a merge conflict, changed the segment
    ALIGN = "align"  # English taken from an archived translation by `align`
    RELINK = "relink"  # a person fixed the sentence links of an aligned article
    COMMENT = "comment"  # a comment on the segment, maybe addressed to people
    RESOLVE = "resolve"  # a comment was resolved
    PUBLISH = "publish"  # the article was exported with --publish (article-level record)


# Acts that count as approving a segment (reports, the story of a segment).
APPROVING_ACTS = frozenset({Act.APPROVE, Act.OVERRIDE})


@dataclass(frozen=True)
class HistoryRecord:
    """One line of an article's history: who did what to which segment, and when. The catalog
    says what a segment is now; the history says how it got there."""

    act: str  # an Act value
    segment: str  # segment id; "" for a record about the whole article
    by: str  # the acting person ("" when nobody was named, e.g. a script's MT run)
    at: str  # ISO 8601, UTC, seconds
    before: str = ""  # the English before the act
    after: str = ""  # the English after the act
    was: str = ""  # the state before the act
    state: str = ""  # the state after the act
    origin: str = ""  # what drafted the English: "argos 0.87 translate-zh_en-1.9", "xliff Trados"
    reason: str = ""  # why: a rejection's reason, an override's, a revert's
    machine: str = ""  # approvals: the machine draft the approved English started from
    text: str = ""  # comments: what was said; resolutions: an optional note
    to: tuple[str, ...] = ()  # comments: the people addressed with @name
    ref: str = ""  # resolutions: the comment's id; reverts: the record whose English came back
    id: str = ""  # unique, so a resolution or a revert can point at a record
