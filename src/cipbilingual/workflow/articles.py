"""Use cases on articles: init a workspace, import and re-import, status, translate, approve,
reject, export. Shared by the CLI and the TUI."""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from cipbilingual import paths
from cipbilingual.config import DEFAULT_CONFIG
from cipbilingual.errors import (
    ConflictError,
    InputError,
    NotFoundError,
    NotPublishable,
    Refusal,
    UsageError,
    WorkspaceError,
)
from cipbilingual.models import (
    STATE_ORDER,
    Approval,
    Article,
    ArticleMeta,
    Block,
    BlockKind,
    Role,
    Segment,
    SegmentId,
    State,
    approval_digest,
)
from cipbilingual.workflow.people import require_editor, require_person
from cipbilingual.workspace import Workspace

WORKSPACE_GITIGNORE = f"{paths.CACHE_DIR}/\n"


def now_iso() -> str:
    """The current UTC time as recorded in catalogs: 2026-11-25T10:00:00Z."""
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


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
    from cipbilingual.segment import split_sentences

    assert isinstance(doc, ImportedDocument)
    rules = ws.settings.segmentation
    blocks = [Block(0, BlockKind.TITLE)]
    segments: list[Segment] = []

    def add(index: int, text: str) -> None:
        sentences = [s.strip() for s in split_sentences(text, rules)]
        for n, sentence in enumerate((s for s in sentences if s), start=1):
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
    ws: Workspace, file: Path, slug: str | None = None, *, update: bool = False
) -> ImportReport:
    """Import a Chinese article into articles/<slug>/. With `update`, re-import a revised source
    into an existing article, keeping every translation (see `merge_reimport`).
    Raises InputError (unreadable file), ConflictError (slug exists without `update`),
    NotFoundError (`update` of an article that does not exist)."""
    from cipbilingual.importers import derive_slug, read_document

    doc, data = read_document(file)
    slug = paths.validate_slug(slug) if slug else derive_slug(doc, data)
    suffix = {"txt": ".txt", "md": ".md", "html": ".html"}.get(doc.format, file.suffix or ".txt")
    source_file = f"{paths.SOURCE_STEM}{suffix}"
    folder = ws.article_dir(slug)
    if update:
        if not ws.exists(slug):
            raise NotFoundError(f"no article '{slug}' to update", hint="drop --update to import it")
        with ws.lock(slug):
            old = ws.load(slug)
            fresh = build_article(slug, doc, data, source_file, ws)
            merged, report = merge_reimport(old, fresh)
            _replace_source(folder, source_file, data, old.meta.source_file)
            ws.save(merged)
        return report
    if folder.exists():
        raise ConflictError(
            f"article '{slug}' already exists",
            hint="pass --update to re-import a revised source, or --slug to choose another name",
        )
    article = build_article(slug, doc, data, source_file, ws)
    if not article.segments:
        raise InputError(f"{file}: no Chinese text found to translate")
    folder.mkdir(parents=True)
    try:
        from cipbilingual.store import atomic_write_bytes

        atomic_write_bytes(folder / source_file, data)
        ws.save(article)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return ImportReport(slug, doc.title, True, len(article.segments), added=[])


def _replace_source(folder: Path, source_file: str, data: bytes, old_name: str) -> None:
    from cipbilingual.store import atomic_write_bytes

    atomic_write_bytes(folder / source_file, data)
    if old_name and old_name != source_file and (folder / old_name).is_file():
        (folder / old_name).unlink()


def merge_reimport(old: Article, fresh: Article) -> tuple[Article, ImportReport]:
    """Carry the old article's work and ids onto the freshly segmented one (identity.reimport):
    nothing is renumbered, nothing re-signed, nothing dropped silently."""
    from cipbilingual.identity import reimport

    merged, done = reimport(old, fresh)
    report = ImportReport(fresh.slug, fresh.meta.title, False, len(fresh.segments))
    report.unchanged = len(done.unchanged)
    report.changed = done.changed
    report.added = done.added
    report.restored = done.restored
    report.removed = done.removed
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
    last_editor: str = ""
    last_edited: str = ""
    last_act: str = ""  # "translated" or "approved"

    def to_json(self) -> dict[str, object]:
        return {
            "slug": self.slug,
            "title": self.title,
            "segments": self.segments,
            "states": {str(s): self.states.get(s, 0) for s in STATE_ORDER},
        }


def article_status(article: Article) -> ArticleStatus:
    last_editor, last_edited, last_act = "", "", ""
    for seg in article.segments:
        for who, when, act in (
            (seg.translator, seg.translated_at, "translated"),
            (
                seg.approval.by if seg.approval else "",
                seg.approval.at if seg.approval else "",
                "approved",
            ),
        ):
            # ">=": an approval stamped in the same second as the translation is the later act.
            if who and when >= last_edited:
                last_editor, last_edited, last_act = who, when, act
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
        last_act=last_act,
    )


# -- translate, approve, reject ---------------------------------------------------------------


def translate_segment(ws: Workspace, slug: str, segment_id: str, text: str, person: str) -> Segment:
    """Set a segment's English as written or confirmed by `person` (state translated).
    Editing an approved segment takes it back to translated. Raises UsageError on empty text,
    NotFoundError on an unknown article, segment or person."""
    require_person(ws.settings, person)
    sid = SegmentId.parse(segment_id)
    english = text.strip()
    if not english:
        raise UsageError("the English text is empty", hint="give the segment's English as TEXT")
    with ws.edit(slug) as article:
        segment = article.segment(sid)
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
) -> list[Segment]:
    """Approve segments as `person` (an editor). With `all_translated`, every translated segment.
    Returns the segments approved now. Raises PermissionRefused (not an editor), Refusal (a segment
    without English), NotFoundError, UsageError (nothing named)."""
    require_editor(ws.settings, person)
    ids = [SegmentId.parse(s) for s in segment_ids]
    if not ids and not all_translated:
        raise UsageError("name the segments to approve", hint="or pass --all-translated")
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
        stamp = now_iso()
        for seg in targets:
            if seg.state is State.APPROVED and seg.approval_is_valid():
                continue
            approve(seg, person, stamp)
            approved.append(seg)
    return approved


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
    segment.approval = Approval(
        person, stamp or now_iso(), approval_digest(segment.id, segment.source, segment.target)
    )
    origin = segment.origin
    if segment.machine_draft.strip() and origin is not None and origin.engine in MT_ENGINES:
        segment.post_edit = post_edit_chrf(segment.machine_draft, segment.target)


def reject_segment(ws: Workspace, slug: str, segment_id: str, reason: str, person: str) -> Segment:
    """Send a segment back to its translator with a reason (state needs_work).
    Raises PermissionRefused, UsageError (empty reason), Refusal (no English yet), NotFoundError."""
    require_editor(ws.settings, person)
    sid = SegmentId.parse(segment_id)
    why = " ".join(reason.split())
    if not why:
        raise UsageError("a rejection needs a reason", hint="pass --reason TEXT")
    with ws.edit(slug) as article:
        segment = article.segment(sid)
        if not segment.target.strip():
            raise Refusal(f"{sid} has no English yet; there is nothing to send back")
        reject(segment, why)
    return segment


def reject(segment: Segment, reason: str) -> None:
    segment.state = State.NEEDS_WORK
    segment.reason = reason
    segment.approval = None


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
