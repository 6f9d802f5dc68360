"""Use cases on articles: init a workspace, import and re-import, status, translate, approve,
reject, export. Shared by the CLI and the TUI."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from cipbilingual import limits, paths
from cipbilingual.config import DEFAULT_CONFIG
from cipbilingual.errors import (
    ConflictError,
    InputError,
    NotFoundError,
    NotPublishable,
    ReasonRequired,
    Refusal,
    UsageError,
    WorkspaceError,
)
from cipbilingual.history import last_act, now_iso, record, recording
from cipbilingual.models import (
    STATE_ORDER,
    Act,
    Approval,
    Article,
    ArticleMeta,
    Block,
    BlockKind,
    HistoryRecord,
    Rejection,
    Role,
    Segment,
    SegmentId,
    State,
    approval_digest,
)
from cipbilingual.text import check_text, shown
from cipbilingual.workflow.people import require_editor, require_person
from cipbilingual.workspace import Workspace, ensure_history_merges

# The cache folder, and the temporary files and folders of writes in progress (store/atomic.py).
WORKSPACE_GITIGNORE = f"{paths.CACHE_DIR}/\n.*.tmp\n"

__all__ = ["now_iso"]  # re-exported: the workflow's callers stamp times with it


# -- init -------------------------------------------------------------------------------------


def init_workspace(root: Path, people: Mapping[str, Role] | None = None) -> Path:
    """Make `root` a workspace: cipbilingual.toml, articles/, locales/, tm/, .gitignore.
    Raises ConflictError if it already is one, WorkspaceError if `root` is a file."""
    root = root.expanduser()
    if root.exists() and not root.is_dir():
        raise WorkspaceError(f"{root} exists and is not a folder")
    config = root / paths.CONFIG_NAME
    if config.exists():
        raise ConflictError(f"{root} is already a workspace ({paths.CONFIG_NAME} exists)")
    lines = "".join(f'{name} = "{role}"\n' for name, role in sorted((people or {}).items()))
    for name in people or {}:
        if not name or any(c in name for c in '"\\\n=[]'):
            raise UsageError(f"'{name}' is not a usable person name")
    from cipbilingual.store import atomic_write_text, save_terms

    root.mkdir(parents=True, exist_ok=True)
    for sub in (paths.ARTICLES_DIR, paths.TM_DIR):
        (root / sub).mkdir(exist_ok=True)
    glossary = root / paths.GLOSSARY_PATH
    if not glossary.exists():
        glossary.parent.mkdir(parents=True, exist_ok=True)
        save_terms([], glossary)
    gitignore = root / ".gitignore"
    if not gitignore.exists():
        atomic_write_text(gitignore, WORKSPACE_GITIGNORE)
    ensure_history_merges(root)
    atomic_write_text(config, DEFAULT_CONFIG.format(people=lines))
    return root.resolve()


# -- import -----------------------------------------------------------------------------------


@dataclass
class ImportReport:
    """What an import or re-import did."""

    slug: str
    title: str
    created: bool  # False for a re-import
    segments: int
    unchanged: int = 0  # re-import: sentences found again, translation kept as it was
    changed: list[str] = field(default_factory=list)  # ids whose English became a draft
    added: list[str] = field(default_factory=list)  # fresh ids of new sentences
    restored: list[str] = field(default_factory=list)  # retired segments whose sentence is back
    removed: list[Segment] = field(default_factory=list)  # old segments no longer in the source

    def to_json(self) -> dict[str, object]:
        return {
            "slug": self.slug,
            "title": self.title,
            "created": self.created,
            "segments": self.segments,
            "unchanged": self.unchanged,
            "changed": self.changed,
            "added": self.added,
            "restored": self.restored,
            "removed": [
                {"id": str(s.id), "source": s.source, "target": s.target, "state": str(s.state)}
                for s in self.removed
            ],
        }


def build_article(slug: str, doc: object, data: bytes, source_file: str, ws: Workspace) -> Article:
    """Segment an imported document into a fresh article (every segment `new`)."""
    from cipbilingual.importers import ImportedDocument
    from cipbilingual.segment import iter_sentences

    assert isinstance(doc, ImportedDocument)
    rules = ws.settings.segmentation
    blocks = [Block(0, BlockKind.TITLE)]
    segments: list[Segment] = []

    def add(index: int, text: str) -> None:
        sentences = (s.strip() for s in iter_sentences(text, rules))
        for n, sentence in enumerate((s for s in sentences if s), start=1):
            if len(segments) >= limits.ARTICLE_SEGMENTS:
                raise InputError(
                    f"the article has more sentences than the limit of "
                    f"{limits.ARTICLE_SEGMENTS:,} for one article",
                    hint="split it into several articles",
                )
            segments.append(Segment(SegmentId(index, n), sentence))

    add(0, doc.title)
    for index, block in enumerate(doc.blocks, start=1):
        blocks.append(Block(index, block.kind, block.markup))
        add(index, block.text)
    meta = ArticleMeta(
        slug=slug,
        title=doc.title,
        date=doc.date,
        source_file=source_file,
        source_format=doc.format,
        source_encoding=doc.encoding,
        source_hash=hashlib.sha256(data).hexdigest(),
        front_matter=dict(doc.front_matter),
    )
    return Article(meta, blocks, segments)


def import_article(
    ws: Workspace, file: Path, slug: str | None = None, *, update: bool = False, person: str = ""
) -> ImportReport:
    """Import a Chinese article into articles/<slug>/. With `update`, re-import a revised source
    into an existing article, keeping every translation (see `merge_reimport`). The import is
    recorded in the article's history as done by `person` ('' when nobody is named).
    Raises InputError (unreadable file), ConflictError (slug exists without `update`),
    NotFoundError (`update` of an article that does not exist)."""
    from cipbilingual.importers import derive_slug, read_document

    doc, data = read_document(file)
    slug = paths.validate_slug(slug) if slug is not None else derive_slug(doc, data)
    suffix = {"txt": ".txt", "md": ".md", "html": ".html"}.get(doc.format, file.suffix or ".txt")
    source_file = f"{paths.SOURCE_STEM}{suffix}"
    if update:
        folder = ws.article_dir(slug)
        if not ws.exists(slug):
            raise NotFoundError(f"no article '{slug}' to update", hint="drop --update to import it")
        with ws.lock(slug):
            old = ws.load(slug)
            fresh = build_article(slug, doc, data, source_file, ws)
            merged, report = merge_reimport(old, fresh, person)
            _replace_source(folder, source_file, data, old.meta.source_file)
            ws.save(merged)
        return report
    try:
        article = build_article(slug, doc, data, source_file, ws)
    except InputError as exc:
        raise InputError(f"{shown(file, None)}: {exc.message}", hint=exc.hint) from None
    if not article.segments:
        raise InputError(f"{shown(file, None)}: no Chinese text found to translate")
    record(article, Act.IMPORT, None, person, origin=file.name)
    create_article(ws, article, {source_file: data})
    return ImportReport(slug, doc.title, True, len(article.segments), added=[])


_EXISTS_HINT = "pass --update to re-import a revised source, or --slug to choose another name"


def create_article(
    ws: Workspace, article: Article, files: Mapping[str, bytes], *, hint: str = _EXISTS_HINT
) -> None:
    """Make articles/<slug>/ whole or not at all: under the slug's lock, `files` (name -> bytes:
    the sources, a record), the catalog and the history of the acts recorded on the article are
    written into a temporary folder that is then renamed into place. A second creation of the
    same slug waits for the lock and then finds the article there. Raises ConflictError (`hint`
    says what to do), InputError."""
    from cipbilingual.store import atomic_folder, atomic_write_bytes, save_article
    from cipbilingual.store.history import open_history

    slug = article.slug
    with ws.lock(slug):
        folder = ws.article_dir(slug)
        if folder.exists() or folder.is_symlink():
            if not (folder / paths.CATALOG_NAME).exists():
                raise ConflictError(
                    f"articles/{slug} exists but holds no {paths.CATALOG_NAME} (an interrupted "
                    "import of an older version?)",
                    hint=f"look inside, then remove articles/{slug} and import again",
                )
            raise ConflictError(f"article '{slug}' already exists", hint=hint)
        folder.parent.mkdir(parents=True, exist_ok=True)
        try:
            with atomic_folder(folder) as staging:
                for name, data in files.items():
                    atomic_write_bytes(staging / name, data)
                if article.pending:
                    ensure_history_merges(ws.root)  # as the first history of a workspace does
                    with open_history(staging / paths.HISTORY_NAME) as log:
                        log.append(article.pending)
                save_article(article, staging / paths.CATALOG_NAME)
        except FileExistsError:
            raise ConflictError(f"article '{slug}' already exists", hint=hint) from None
        article.pending.clear()


def _replace_source(folder: Path, source_file: str, data: bytes, old_name: str) -> None:
    from cipbilingual.store import atomic_write_bytes

    atomic_write_bytes(folder / source_file, data)
    if old_name and old_name != source_file and (folder / old_name).is_file():
        (folder / old_name).unlink()


def merge_reimport(old: Article, fresh: Article, person: str = "") -> tuple[Article, ImportReport]:
    """Carry the old article's work and ids onto the freshly segmented one (identity.reimport):
    nothing is renumbered, nothing re-signed, nothing dropped silently. Each segment whose
    Chinese changed, came back or left, and the re-import itself, is recorded as done by
    `person`."""
    from cipbilingual.identity import reimport

    merged, done = reimport(old, fresh)
    report = ImportReport(fresh.slug, fresh.meta.title, False, len(fresh.segments))
    report.unchanged = len(done.unchanged)
    report.changed = done.changed
    report.added = done.added
    report.restored = done.restored
    report.removed = done.removed
    before = {str(s.id): s for s in [*old.retired, *old.segments]}
    for sid, why in [
        *((sid, "the Chinese changed") for sid in done.changed),
        *((sid, "the sentence is back") for sid in done.restored),
    ]:
        record(
            merged, Act.REIMPORT, merged.segment(sid), person, before=before.get(sid), reason=why
        )
    for seg in done.removed:
        record(merged, Act.RETIRE, seg, person, before=seg)
    summary = (
        f"{len(done.unchanged)} unchanged, {len(done.changed)} changed, {len(done.added)} new, "
        f"{len(done.restored)} restored, {len(done.removed)} removed"
    )
    record(merged, Act.REIMPORT, None, person, reason=summary)
    return merged, report


# -- status -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ArticleStatus:
    slug: str
    title: str
    date: str
    segments: int
    states: Mapping[State, int]
    notices: tuple[str, ...] = ()
    last_editor: str = ""  # who did the last act
    last_edited: str = ""  # when (ISO UTC)
    last_act: str = ""  # what: an Act value ("translate", "approve", "reject", "draft" …)

    def to_json(self) -> dict[str, object]:
        return {
            "slug": self.slug,
            "title": self.title,
            "segments": self.segments,
            "states": {str(s): self.states.get(s, 0) for s in STATE_ORDER},
        }


def article_status(article: Article, recent: Sequence[HistoryRecord] = ()) -> ArticleStatus:
    """The article's counts and its last act: the newest of what the catalog stamps (a
    translation, an approval, a rejection) and of the `recent` history records."""
    last_editor, last_edited, last = "", "", ""
    for seg in article.segments:
        approval, rejection = seg.approval, seg.rejection
        for act, who, when in (
            (Act.TRANSLATE, seg.translator, seg.translated_at),
            (Act.REJECT, rejection.by if rejection else "", rejection.at if rejection else ""),
            (Act.APPROVE, approval.by if approval else "", approval.at if approval else ""),
        ):
            # ">=": an approval stamped in the same second as the translation is the later act.
            if who and when >= last_edited:
                last_editor, last_edited, last = who, when, str(act)
    newest = last_act(recent)
    if newest is not None and newest.at >= last_edited:
        last_editor, last_edited, last = newest.by, newest.at, newest.act
    return ArticleStatus(
        slug=article.slug,
        title=article.meta.title,
        date=article.meta.date,
        segments=len(article.segments),
        states=article.counts(),
        notices=tuple(article.notices)
        + tuple(
            f"{seg.id}: merge conflict kept ({seg.conflict.note}): "
            f"cipbilingual git choose {article.slug} {seg.id} mine|theirs"
            for seg in article.segments
            if seg.conflict is not None
        ),
        last_editor=last_editor,
        last_edited=last_edited,
        last_act=last,
    )


def workspace_status(ws: Workspace, slugs: Sequence[str] = ()) -> list[ArticleStatus]:
    """Status of the named articles, or of every article; raises NotFoundError. The last act
    comes from the end of each history file; an unreadable history only adds a notice."""
    from cipbilingual.store.history import read_tail

    out = []
    for slug in slugs or ws.slugs():
        article = ws.load(slug)
        try:
            tail = read_tail(ws.history_path(slug))
        except InputError as exc:
            article.notices.append(exc.message)
            tail = None
        if tail is not None:
            article.notices.extend(tail.notices)
        out.append(article_status(article, tail.records if tail else ()))
    return out


# -- translate, approve, reject ---------------------------------------------------------------


def translate_segment(ws: Workspace, slug: str, segment_id: str, text: str, person: str) -> Segment:
    """Set a segment's English as written or confirmed by `person` (state translated).
    Editing an approved segment takes it back to translated. Raises UsageError on empty text,
    InputError on text the text rule refuses or over the length limit, NotFoundError on an
    unknown article, segment or person."""
    require_person(ws.settings, person)
    sid = SegmentId.parse(segment_id)
    english = text.replace("\r\n", "\n").strip()
    if not english:
        raise UsageError("the English text is empty", hint="give the segment's English as TEXT")
    check_text(english, f"the English of {sid}", limit=limits.SEGMENT_CHARS)
    with ws.edit(slug) as article:
        segment = article.segment(sid)
        with recording(article, Act.TRANSLATE, segment, person):
            apply_translation(segment, english, person)
    return segment


def apply_translation(segment: Segment, english: str, person: str) -> None:
    """The rule for a human translation: state translated, authorship recorded, approval and
    reason cleared. Used by the CLI and the TUI alike."""
    segment.target = english
    segment.state = State.TRANSLATED
    segment.translator = person
    segment.translated_at = now_iso()
    segment.approval = None
    segment.reason = ""
    segment.post_edit = None
    segment.drop_stale_silences()
    segment.conflict = None  # writing the English settles a merge conflict


def approve_segments(
    ws: Workspace,
    slug: str,
    segment_ids: Iterable[str] = (),
    person: str = "",
    *,
    all_translated: bool = False,
    reason: str = "",
) -> list[Segment]:
    """Approve segments as `person` (an editor). With `all_translated`, every translated segment.
    A segment an editor sent back that has not changed since needs a `reason`, recorded with
    the approval. Returns the segments approved now. Raises PermissionRefused (not an editor),
    Refusal (a segment without English), ReasonRequired, NotFoundError, UsageError (nothing
    named)."""
    require_editor(ws.settings, person)
    ids = [SegmentId.parse(s) for s in segment_ids]
    if not ids and not all_translated:
        raise UsageError("name the segments to approve", hint="or pass --all-translated")
    why = " ".join(reason.split())
    approved: list[Segment] = []
    with ws.edit(slug) as article:
        targets = [article.segment(sid) for sid in ids]
        if all_translated:
            targets += [
                s for s in article.segments if s.state is State.TRANSLATED and s not in targets
            ]
        empty = [str(s.id) for s in targets if not s.target.strip()]
        if empty:
            raise Refusal(f"{', '.join(empty)} has no English to approve")
        if not why:
            require_no_reason(targets)
        stamp = now_iso()
        for seg in targets:
            if seg.state is State.APPROVED and seg.approval_is_valid():
                continue
            with recording(article, Act.APPROVE, seg, person, reason=why, at=stamp):
                approve(seg, person, stamp)
            approved.append(seg)
    return approved


def require_no_reason(segments: Iterable[Segment]) -> None:
    """Raises ReasonRequired when one of the segments was sent back by an editor and has not
    changed since: approving it as it is needs a word on why."""
    for seg in segments:
        if seg.sent_back_unchanged() and seg.rejection is not None:
            r = seg.rejection
            raise ReasonRequired(
                f"{seg.id} was sent back by {r.by or 'an editor'} at {r.at} "
                f"({seg.reason or 'no reason given'}) and has not changed since",
                hint="give a reason to approve it as it is: --reason TEXT",
            )


def approve(segment: Segment, person: str, stamp: str | None = None) -> None:
    """The rule for an approval: it signs exactly this id, source and English, and records how
    far the English moved from a machine draft (post-edit chrF). Raises Refusal for a segment
    holding a merge conflict: a person chooses a side (or edits) first."""
    if segment.conflict is not None:
        raise Refusal(
            f"{segment.id} holds a merge conflict: choose a side first",
            hint="cipbilingual git choose SLUG SEGMENT_ID mine|theirs, or translate it anew",
        )
    from cipbilingual.qa.postedit import MT_ENGINES, post_edit_chrf

    segment.state = State.APPROVED
    segment.reason = ""
    segment.rejection = None
    segment.approval = Approval(
        person, stamp or now_iso(), approval_digest(segment.id, segment.source, segment.target)
    )
    origin = segment.origin
    if segment.machine_draft.strip() and origin is not None and origin.engine in MT_ENGINES:
        segment.post_edit = post_edit_chrf(segment.machine_draft, segment.target)


def reject_segment(ws: Workspace, slug: str, segment_id: str, reason: str, person: str) -> Segment:
    """Send a segment back to its translator with a reason (state needs_work).
    Raises PermissionRefused, UsageError (empty reason), InputError (a control character, over
    the length limit), Refusal (no English yet), NotFoundError."""
    require_editor(ws.settings, person)
    sid = SegmentId.parse(segment_id)
    why = " ".join(check_text(reason, "the reason", limit=limits.REASON_CHARS).split())
    if not why:
        raise UsageError("a rejection needs a reason", hint="pass --reason TEXT")
    with ws.edit(slug) as article:
        segment = article.segment(sid)
        if not segment.target.strip():
            raise Refusal(f"{sid} has no English yet; there is nothing to send back")
        with recording(article, Act.REJECT, segment, person, reason=why):
            reject(segment, why, person)
    return segment


def reject(segment: Segment, reason: str, person: str, stamp: str | None = None) -> None:
    """The rule for sending back: needs_work, with the reason, who and when, and the digest of
    the English sent back (so approving it unchanged later asks why)."""
    segment.state = State.NEEDS_WORK
    segment.reason = reason
    segment.approval = None
    segment.rejection = Rejection(
        person, stamp or now_iso(), approval_digest(segment.id, segment.source, segment.target)
    )


# -- export -----------------------------------------------------------------------------------


def _xliff(ws: Workspace, article: Article, version: str) -> str:
    """The article as XLIFF for a CAT tool, with the glossary's terms as notes."""
    from cipbilingual.interchange.xliff import article_to_xliff
    from cipbilingual.models import Term
    from cipbilingual.workflow.glossary import glossary_for

    glossary = glossary_for(ws)
    terms: dict[SegmentId, list[Term]] = {}
    for seg in article.segments:
        found = [m.term for m in sorted(glossary.find(seg.source), key=lambda m: m.start)]
        if found:
            terms[seg.id] = found
    return article_to_xliff(article, version, terms)


def export_article(
    ws: Workspace,
    slug: str,
    fmt: str,
    *,
    bilingual: bool = False,
    allow_partial: bool = False,
    xliff_version: str = "1.2",
) -> str:
    """The article's approved English in `fmt`. Raises NotPublishable (exit 1) unless every
    segment is approved or `allow_partial`; UsageError for an unknown format. XLIFF is for
    translation, not publication: it carries any article, finished or not, every English with
    its state (workflow.xliff)."""
    from cipbilingual import export

    article = ws.load(slug)
    if fmt == "xliff":
        return _xliff(ws, article, xliff_version)
    if not article.complete and not allow_partial:
        counts = article.counts()
        waiting = ", ".join(
            f"{n} {state}" for state, n in counts.items() if n and state is not State.APPROVED
        )
        raise NotPublishable(
            f"'{slug}' is not publishable: {waiting or 'no segments'}",
            hint="approve every segment, or pass --allow-partial",
        )
    return export.render(article, fmt, bilingual=bilingual)
