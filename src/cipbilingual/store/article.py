"""Article ⇄ PO catalog: one entry per segment, states and provenance in comment lines.

The encoding is documented in docs/po-format.md; every line of it survives GNU msgcat.
"""

from __future__ import annotations

import dataclasses
import json
import math
import re
from dataclasses import replace
from pathlib import Path

from cipbilingual.errors import CatalogError, InputError, UsageError
from cipbilingual.models import (
    Approval,
    Article,
    ArticleMeta,
    Block,
    BlockKind,
    Origin,
    Override,
    Rejection,
    Segment,
    SegmentConflict,
    SegmentId,
    Silence,
    State,
    VoidApproval,
)
from cipbilingual.store._gc import gc_paused
from cipbilingual.store.fields import (
    FieldError,
    decode_text,
    encode_text,
    join_fields,
    split_fields,
)
from cipbilingual.store.po import PoCatalog, PoEntry, arrange_header, format_po, parse_po
from cipbilingual.text import describe_character, refused_character, shown

FORMAT_VERSION = "1"
# Format 2: ids no longer say where a segment sits (a re-import moved one), retired ids are
# listed, or a merge conflict is kept. A file that needs none of these is still written as 1,
# so older cipbilingual versions keep reading it; they refuse a 2 instead of misreading it.
FORMAT_STABLE_IDS = "2"
_READABLE_FORMATS = (FORMAT_VERSION, FORMAT_STABLE_IDS)
_PREFIX = "X-Cipbilingual-"
_META_FIELDS = (
    ("Title", "title"),
    ("Date", "date"),
    ("Source-File", "source_file"),
    ("Source-Format", "source_format"),
    ("Source-Encoding", "source_encoding"),
    ("Source-Hash", "source_hash"),
)
HEADER_COMMENT = "cipbilingual article catalog; see docs/po-format.md before editing by hand."

# Header fields this module writes, in this order; Project-Id-Version is written only when the
# file has none (another tool's value is kept), and every other field is kept as found.
_OWN_FIELDS = (
    "Language",
    "MIME-Version",
    "Content-Type",
    "Content-Transfer-Encoding",
    "X-Source-Language",
    _PREFIX + "Format",
    *(_PREFIX + key for key, _ in _META_FIELDS),
    _PREFIX + "Front-Matter",
    _PREFIX + "Empty-Blocks",
    _PREFIX + "Retired-Ids",
)
_HEADER_ORDER = ("Project-Id-Version", *_OWN_FIELDS)

# Comment keys this module owns; any other translator comment is a free note.
_KEYS = (
    "state",
    "translated",
    "approved",
    "override",
    "signature",
    "origin",
    "machine",
    "reason",
    "conflict",
    "conflict-mine",
    "conflict-theirs",
    "silenced",
    "post-edit",
    "rejected",
)
_RESERVED = re.compile(
    r"(?:state|translated|approved|override|signature|origin|machine|reason"
    r"|conflict(?:-mine|-theirs)?|silenced|post-edit|rejected): |[Ff]ile:|\\"
)
_SIGNATURE = re.compile(r"^[A-Za-z0-9+/=]+$")
# Free notes are kept verbatim, but a comment line cannot hold line breaks or other control
# characters (they become spaces) nor end in a backslash (a space is added).
_NOTE_UNSAFE = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
_DRAFT_STATES = (State.DRAFT, State.NEEDS_WORK)
# States in which a segment sent back keeps its rejection record: until an editor approves it.
_AWAITING = (State.NEEDS_WORK, State.TRANSLATED)


# -- writing ---------------------------------------------------------------------------------


def _segment_comments(seg: Segment, state: State) -> list[str]:
    out: list[str] = []
    if state is not State.NEW:
        out.append(f"state: {state.value}")
    if seg.translator or seg.translated_at:
        out.append("translated: " + join_fields([seg.translated_at], seg.translator))
    if seg.approval is not None:
        a = seg.approval
        out.append("approved: " + join_fields([a.at, a.digest], a.by))
        if a.override is not None:
            out.append("override: " + join_fields([",".join(a.override.checks)], a.override.reason))
        if a.signature:
            out.append("signature: " + a.signature)
    if seg.origin is not None:
        o = seg.origin
        score = "" if o.score is None else repr(float(o.score))
        out.append("origin: " + join_fields([o.engine, score], o.detail))
    if seg.machine_draft:
        out.append("machine: " + encode_text(seg.machine_draft))
    if seg.reason:
        out.append("reason: " + encode_text(seg.reason))
    if seg.post_edit is not None:
        out.append(f"post-edit: {seg.post_edit:.1f}")
    for silence in seg.silences:
        tokens = [silence.check, silence.at, silence.digest, silence.by]
        out.append("silenced: " + join_fields(tokens, silence.reason))
    if seg.rejection is not None and state in _AWAITING:
        r = seg.rejection
        out.append("rejected: " + join_fields([r.at, r.digest], r.by))
    if seg.conflict is not None:
        clash = seg.conflict
        out.append("conflict: " + encode_text(clash.note))
        out.append("conflict-mine: " + _snapshot(clash.mine))
        if clash.theirs is not None:
            out.append("conflict-theirs: " + _snapshot(clash.theirs))
    for note in seg.comments:
        for line in note.split("\n"):
            line = _NOTE_UNSAFE.sub(" ", line)
            if line.endswith("\\"):
                line += " "  # GNU would join a line ending in a backslash with the next one
            out.append("\\" + line if _RESERVED.match(line) else line)
    return out


_JSON_UNSAFE = re.compile(r"[\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def _snapshot(seg: Segment) -> str:
    """One side of a merge conflict as one line of JSON (ids are the entry's own)."""
    data: dict[str, object] = {"source": seg.source, "target": seg.target, "state": seg.state}
    if seg.translator or seg.translated_at:
        data["translated"] = [seg.translated_at, seg.translator]
    if seg.approval is not None:
        a = seg.approval
        data["approved"] = [a.at, a.digest, a.by]
        if a.override is not None:
            data["override"] = [list(a.override.checks), a.override.reason]
        if a.signature:
            data["signature"] = a.signature
    if seg.origin is not None:
        data["origin"] = [seg.origin.engine, seg.origin.score, seg.origin.detail]
    if seg.rejection is not None and seg.state in _AWAITING:
        data["rejected"] = [seg.rejection.at, seg.rejection.digest, seg.rejection.by]
    for key, value in (
        ("machine", seg.machine_draft),
        ("reason", seg.reason),
        ("previous", seg.previous_source),
    ):
        if value:
            data[key] = value
    if seg.comments:
        data["notes"] = seg.comments
    if seg.silences:
        data["silenced"] = [[s.check, s.at, s.digest, s.by, s.reason] for s in seg.silences]
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)


def _strings(value: object, count: int) -> list[str]:
    if not isinstance(value, list) or len(value) != count:
        raise ValueError("malformed record")
    return [v if isinstance(v, str) else "" for v in value]


def _from_snapshot(sid: SegmentId, text: str) -> Segment:
    """Inverse of _snapshot; raises ValueError."""
    data = json.loads(text)
    if not isinstance(data, dict):
        raise ValueError("not an object")
    source, target = data.get("source"), data.get("target")
    if not isinstance(source, str) or not isinstance(target, str):
        raise ValueError("source and English must be text")
    seg = Segment(sid, source, target, State(data.get("state", "new")))
    if "translated" in data:
        seg.translated_at, seg.translator = _strings(data["translated"], 2)
    if "approved" in data:
        at, digest, by = _strings(data["approved"], 3)
        override = None
        if "override" in data:
            checks, reason = data["override"]
            if not isinstance(checks, list) or not isinstance(reason, str):
                raise ValueError("malformed override")
            override = Override(tuple(str(c) for c in checks), reason)
        signature = data.get("signature", "")
        if not isinstance(signature, str) or (signature and not _SIGNATURE.match(signature)):
            raise ValueError("malformed signature")
        seg.approval = Approval(by, at, digest, override, signature)
    if "origin" in data:
        engine, score, detail = data["origin"]
        if not isinstance(engine, str) or not isinstance(detail, str):
            raise ValueError("malformed origin")
        if score is not None and not isinstance(score, int | float):
            raise ValueError("malformed origin score")
        seg.origin = Origin(engine, detail, None if score is None else float(score))
    if "rejected" in data and seg.state in _AWAITING:
        at, digest, by = _strings(data["rejected"], 3)
        seg.rejection = Rejection(by=by, at=at, digest=digest)
    seg.machine_draft = str(data.get("machine", ""))
    seg.reason = str(data.get("reason", ""))
    seg.previous_source = str(data.get("previous", ""))
    notes = data.get("notes", [])
    if not isinstance(notes, list):
        raise ValueError("malformed notes")
    seg.comments = [str(n) for n in notes]
    silences = data.get("silenced", [])
    if not isinstance(silences, list):
        raise ValueError("malformed silences")
    for item in silences:
        check, at, digest, by, reason = _strings(item, 5)
        if not check:
            raise ValueError("a silence names no check")
        seg.silences.append(Silence(check, by, at, digest, reason))
    return seg


def _block_comment(block: Block) -> str:
    if block.markup:
        return f"block: {block.kind.value} {json.dumps(block.markup, ensure_ascii=False)}"
    return f"block: {block.kind.value}"


def _entry(seg: Segment, sid: str, block: Block | None, obsolete: bool) -> PoEntry:
    # What the loader would refuse is refused here: a catalog written is one that loads.
    try:
        _check_loaded(seg)
    except _EntryError as exc:
        raise InputError(
            f"segment {seg.id}: {exc.reason}", hint="remove it from the source or the translation"
        ) from None
    state = seg.state if seg.target else State.NEW
    return PoEntry(
        msgid=seg.source,
        msgstr=seg.target,
        msgctxt=sid,
        translator_comments=_segment_comments(seg, state),
        extracted_comments=[_block_comment(block)] if block is not None else [],
        flags=["fuzzy"] if state in _DRAFT_STATES else [],
        previous_msgid=seg.previous_source or None,
        obsolete=obsolete,
    )


def _format_version(article: Article) -> str:
    live = {seg.id for seg in article.segments}
    if article.meta.retired_ids - live or any(
        seg.block != seg.id.block or seg.conflict is not None for seg in article.segments
    ):
        return FORMAT_STABLE_IDS
    return FORMAT_VERSION


def _header(article: Article, empty: list[Block]) -> list[tuple[str, str]]:
    """Our fields with today's values, other tools' fields as found, in the order last read."""
    meta = article.meta
    values: dict[str, str] = {"Project-Id-Version": encode_text(meta.slug)}
    values.update(
        {
            "Language": "en",
            "MIME-Version": "1.0",
            "Content-Type": "text/plain; charset=UTF-8",
            "Content-Transfer-Encoding": "8bit",
            "X-Source-Language": "zh",
            _PREFIX + "Format": _format_version(article),
        }
    )
    values.update({_PREFIX + key: encode_text(getattr(meta, attr)) for key, attr in _META_FIELDS})
    if meta.front_matter:
        values[_PREFIX + "Front-Matter"] = json.dumps(meta.front_matter, ensure_ascii=False)
    if empty:
        values[_PREFIX + "Empty-Blocks"] = json.dumps(
            [[b.index, b.kind.value, b.markup] for b in empty], ensure_ascii=False
        )
    live = {seg.id for seg in article.segments}
    retired = sorted(meta.retired_ids - live)
    if retired:
        values[_PREFIX + "Retired-Ids"] = " ".join(str(sid) for sid in retired)
    ours = [(key, values[key]) for key in _HEADER_ORDER if key in values]
    kept = [(key, value) for key, value in meta.extra_header if key not in _OWN_FIELDS]
    return arrange_header(ours, kept, meta.header_order)


def article_catalog(article: Article) -> PoCatalog:
    """The PO catalog for an article; raises InputError for text that cannot be stored."""
    meta = article.meta
    for name, attr in _META_FIELDS:
        bad = refused_character(getattr(meta, attr), line=True)
        if bad is not None:
            raise InputError(f"the article's {name.lower()} contains {describe_character(bad)}")
    for text in (*meta.front_matter.keys(), *meta.front_matter.values()):
        bad = refused_character(text)
        if bad is not None:
            raise InputError(f"the article's front matter contains {describe_character(bad)}")
    blocks = {b.index: b for b in article.blocks}
    used = {seg.block for seg in article.segments}
    empty = [b for b in sorted(article.blocks, key=lambda b: b.index) if b.index not in used]
    entries: list[PoEntry] = []
    seen_blocks: set[int] = set()
    keys: set[tuple[str, str]] = set()
    for seg in article.segments:
        index = seg.block
        block = None
        if index not in seen_blocks:
            seen_blocks.add(index)
            block = blocks.get(index) or Block(
                index, BlockKind.TITLE if index == 0 else BlockKind.PARAGRAPH
            )
        sid = str(seg.id)
        keys.add((sid, seg.source))
        entries.append(_entry(seg, sid, block, obsolete=False))
    for seg in article.retired:
        key = (str(seg.id), seg.source)
        # gettext keeps no obsolete entry without a translation, nor two of one message.
        if seg.target and key not in keys:
            keys.add(key)
            entries.append(_entry(seg, key[0], None, obsolete=True))
    return PoCatalog(
        header_comments=[HEADER_COMMENT], header=_header(article, empty), entries=entries
    )


def dumps_article(article: Article) -> str:
    """The exact text of the article's catalog file; raises InputError for unstorable text."""
    with gc_paused():
        return format_po(article_catalog(article))


# -- reading ---------------------------------------------------------------------------------


class _EntryError(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _parse_block(text: str, index: int) -> Block:
    kind_name, _, markup_json = text.partition(" ")
    try:
        kind = BlockKind(kind_name)
        markup = json.loads(markup_json) if markup_json else ""
    except ValueError:
        raise _EntryError(f"unreadable block comment '{text}'") from None
    if not isinstance(markup, str):
        raise _EntryError(f"unreadable block comment '{text}'")
    return Block(index, kind, markup)


def _read_comments(seg: Segment, comments: list[str]) -> str | None:
    """Fill the segment from its comment lines; returns the written state, if any."""
    state: str | None = None
    override: Override | None = None
    signature = ""
    stray: list[str] = []  # override/signature lines without an approval: kept as notes
    for line in comments:
        key, sep, value = line.partition(": ")
        if not sep or key not in _KEYS:
            seg.comments.append(line[1:] if line.startswith("\\") else line)
            continue
        try:
            if key == "state":
                state = value
            elif key == "translated":
                [seg.translated_at], seg.translator = split_fields(value, 1)
            elif key == "approved":
                (at, digest), by = split_fields(value, 2)
                seg.approval = Approval(by=by, at=at, digest=digest)
            elif key == "override":
                (checks,), reason = split_fields(value, 1)
                override = Override(tuple(c for c in checks.split(",") if c), reason)
                stray.append(line)
            elif key == "signature":
                if not _SIGNATURE.match(value):
                    raise ValueError("a signature is one line of base64")
                signature = value
                stray.append(line)
            elif key == "origin":
                (engine, score_text), detail = split_fields(value, 2)
                score = float(score_text) if score_text else None
                if score is not None and not math.isfinite(score):
                    raise ValueError(score_text)
                seg.origin = Origin(engine=engine, detail=detail, score=score)
            elif key == "machine":
                seg.machine_draft = decode_text(value)
            elif key == "post-edit":
                score = float(value)
                if not 0 <= score <= 100:
                    raise ValueError(value)
                seg.post_edit = score
            elif key == "silenced":
                (check, at, digest, by), why = split_fields(value, 4)
                if not check:
                    raise ValueError("no check named")
                seg.silences.append(Silence(check, by, at, digest, why))
            elif key == "rejected":
                (at, digest), by = split_fields(value, 2)
                seg.rejection = Rejection(by=by, at=at, digest=digest)
            elif key == "reason":
                seg.reason = decode_text(value)
            elif key == "conflict":
                seg.conflict = SegmentConflict(seg, None, decode_text(value))
            elif seg.conflict is None:
                raise ValueError("a conflict record without its 'conflict:' line")
            elif key == "conflict-mine":
                seg.conflict.mine = _from_snapshot(seg.id, value)
            else:
                seg.conflict.theirs = _from_snapshot(seg.id, value)
        except (FieldError, ValueError, TypeError, KeyError) as exc:
            raise _EntryError(f"unreadable '{key}' comment: {exc}") from None
    if seg.approval is not None:
        seg.approval = replace(seg.approval, override=override, signature=signature)
    else:
        seg.comments.extend(stray)
    return state


def _reconcile(
    seg: Segment, written: str | None, fuzzy: bool, notices: list[str], voids: list[VoidApproval]
) -> None:
    """Decide the state from the state line, the fuzzy flag and the English (hand-edit rules)."""
    try:
        state = State(written) if written is not None else None
    except ValueError:
        raise _EntryError(f"unknown state '{written}'") from None
    sid = seg.id
    if not seg.target:
        if state not in (None, State.NEW):
            notices.append(f"{sid}: English removed outside cipbilingual, now new")
        seg.state = State.NEW
        seg.approval = None
        return
    if fuzzy:
        if state in _DRAFT_STATES:
            seg.state = state
        elif state in (State.TRANSLATED, State.APPROVED):
            seg.state = State.NEEDS_WORK
            seg.approval = None
            seg.reason = seg.reason or "marked as needing work (fuzzy) outside cipbilingual"
            notices.append(f"{sid}: marked fuzzy outside cipbilingual, now needs_work")
        else:
            seg.state = State.DRAFT
        return
    if state in _DRAFT_STATES:
        seg.state = State.TRANSLATED
        seg.reason = ""
        notices.append(
            f"{sid}: confirmed outside cipbilingual (fuzzy flag removed), now translated"
        )
    elif state is State.APPROVED:
        seg.state = State.APPROVED
    else:
        seg.state = State.TRANSLATED
    if seg.state is State.APPROVED and not seg.approval_is_valid():
        approval = seg.approval
        seg.state = State.TRANSLATED
        seg.approval = None
        if approval is None:
            notices.append(f"{sid}: approved without an approval record, now translated")
        else:
            who = approval.by or "the editor"
            notices.append(f"{sid}: approval void, text changed since {who} approved it")
            voids.append(VoidApproval(sid, approval.by, "the text changed since it was approved"))


def _segment(entry: PoEntry, notices: list[str], voids: list[VoidApproval]) -> Segment:
    if entry.msgctxt is None:
        raise _EntryError("entry has no segment id (msgctxt)")
    try:
        sid = SegmentId.parse(entry.msgctxt)
    except UsageError:
        raise _EntryError(f"'{shown(entry.msgctxt)}' is not a segment id") from None
    seg = Segment(sid, entry.msgid, entry.msgstr, previous_source=entry.previous_msgid or "")
    written = _read_comments(seg, entry.translator_comments)
    _check_loaded(seg)
    for note in seg.comments:
        bad = refused_character(note)
        if bad is not None:
            raise _EntryError(f"a comment contains {describe_character(bad)}")
    clash = seg.conflict
    if clash is not None and clash.mine is seg:
        clash.mine = dataclasses.replace(seg, conflict=None, comments=list(seg.comments))
    _reconcile(seg, written, "fuzzy" in entry.flags, notices, voids)
    if seg.state not in _AWAITING:
        seg.rejection = None  # approved (or emptied): the rejection is history, not state
    if seg.conflict is not None and seg.state is not State.NEEDS_WORK:
        # Someone settled the clash in another tool (confirmed or emptied the English there).
        notices.append(f"{sid}: merge conflict settled outside cipbilingual, now {seg.state}")
        seg.conflict = None
    return seg


def _check_loaded(seg: Segment) -> None:
    """The one text rule on a segment's fields (free notes are written with unsafe characters
    as spaces, so a note is checked only as read: see _segment)."""
    fields = [
        ("source", seg.source, False),
        ("English", seg.target, False),
        ("previous source", seg.previous_source, False),
        ("machine draft", seg.machine_draft, False),
        ("reason", seg.reason, False),
        ("translator", seg.translator, True),
    ]
    if seg.approval is not None:
        fields.append(("approver", seg.approval.by, True))
    if seg.origin is not None:
        fields += [("origin", seg.origin.engine, True), ("origin", seg.origin.detail, True)]
    if seg.conflict is not None:
        fields.append(("merge conflict note", seg.conflict.note, False))
    for silence in seg.silences:
        fields += [("silenced check", silence.check, True), ("silenced check", silence.by, True)]
        fields.append(("reason for silencing", silence.reason, False))
    for what, text, line in fields:
        bad = refused_character(text, line=line)
        if bad is not None:
            raise _EntryError(f"the {what} contains {describe_character(bad)}")
    if seg.conflict is not None:
        for side in (seg.conflict.mine, seg.conflict.theirs):
            if side is not None and side is not seg:
                _check_loaded(side)


def _meta(catalog: PoCatalog, path: Path) -> ArticleMeta:
    fields = dict(catalog.header)
    slug = path.parent.name or decode_text(fields.get("Project-Id-Version", ""))
    meta = ArticleMeta(slug=slug)
    for key, attr in _META_FIELDS:
        value = decode_text(fields.get(_PREFIX + key, ""))
        bad = refused_character(value, line=True)
        if bad is not None:
            raise ValueError(f"{key} contains {describe_character(bad)}")
        setattr(meta, attr, value)
    front = fields.get(_PREFIX + "Front-Matter")
    if front:
        value = json.loads(front)
        if not isinstance(value, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in value.items()
        ):
            raise ValueError("front matter is not an object of strings")
        for text in (*value.keys(), *value.values()):
            bad = refused_character(text)
            if bad is not None:
                raise ValueError(f"Front-Matter contains {describe_character(bad)}")
        meta.front_matter = value
    retired = fields.get(_PREFIX + "Retired-Ids", "")
    try:
        meta.retired_ids = {SegmentId.parse(text) for text in retired.split()}
    except UsageError:
        raise ValueError("a retired id is not a segment id") from None
    own_name = encode_text(meta.slug)
    meta.extra_header = [
        (k, v)
        for k, v in catalog.header
        if k not in _OWN_FIELDS and not (k == "Project-Id-Version" and v == own_name)
    ]
    meta.header_order = [k for k, _ in catalog.header]
    return meta


def _empty_blocks(catalog: PoCatalog) -> list[Block]:
    text = dict(catalog.header).get(_PREFIX + "Empty-Blocks")
    if not text:
        return []
    out = []
    for item in json.loads(text):
        index, kind, markup = item
        if not isinstance(index, int) or not isinstance(markup, str):
            raise ValueError("bad empty block")
        out.append(Block(index, BlockKind(kind), markup))
    return out


def _block_comment_of(entry: PoEntry) -> str | None:
    for comment in entry.extracted_comments:
        if comment.startswith("block: "):
            return comment[7:]
    return None


def article_from_catalog(catalog: PoCatalog, path: Path) -> Article:
    """Build the Article a catalog encodes; raises CatalogError naming file and line.

    Entries are in document order; an entry with a `#. block:` comment starts the next block
    (the empty blocks of the header keep their places). A catalog without any block comment
    (written by another tool) is grouped by the block numbers of its ids."""
    try:
        meta = _meta(catalog, path)
        blocks = {b.index: b for b in _empty_blocks(catalog)}
    except (ValueError, TypeError, FieldError) as exc:
        raise CatalogError(f"{path}:1: unreadable cipbilingual header field ({exc})") from None
    version = dict(catalog.header).get(_PREFIX + "Format")
    if version is not None and version not in _READABLE_FORMATS:
        raise CatalogError(
            f"{path}:1: catalog format {version} is newer than this cipbilingual understands",
            hint="upgrade cipbilingual",
        )
    empty = set(blocks)
    live = [e for e in catalog.entries if not e.obsolete]
    marked = any(_block_comment_of(e) is not None for e in live)
    notices: list[str] = []
    voids: list[VoidApproval] = []
    segments: list[Segment] = []
    retired: list[Segment] = []
    ids: set[SegmentId] = set()
    position = -1
    for entry in catalog.entries:
        try:
            seg = _segment(entry, *(([], []) if entry.obsolete else (notices, voids)))
            if entry.obsolete:
                retired.append(seg)
                continue
            if seg.id in ids:
                raise _EntryError(f"segment id {seg.id} appears twice")
            ids.add(seg.id)
            comment = _block_comment_of(entry)
            if marked:
                starts = comment is not None or position < 0
            else:
                starts = position < 0 or segments[-1].id.block != seg.id.block
            if starts:
                position += 1
                while position in empty:
                    position += 1
                if comment is not None:
                    blocks[position] = _parse_block(comment, position)
                else:
                    kind = BlockKind.TITLE if position == 0 else BlockKind.PARAGRAPH
                    blocks[position] = Block(position, kind)
        except _EntryError as exc:
            raise CatalogError(
                f"{path}:{entry.lineno}: {exc.reason}",
                hint="fix the entry by hand, or restore the file from git",
            ) from None
        seg.block = position
        if seg.conflict is not None:
            for side in (seg.conflict.mine, seg.conflict.theirs):
                if side is not None:
                    side.block = position
        segments.append(seg)
    ordered = [blocks[i] for i in sorted(blocks)]
    return Article(meta, ordered, segments, notices=notices, retired=retired, void_approvals=voids)


def loads_article(text: str, path: Path) -> Article:
    """Parse the catalog text of the article stored at `path` (its folder names the slug).
    Raises CatalogError naming file and line."""
    with gc_paused():
        return article_from_catalog(parse_po(text, path), path)
