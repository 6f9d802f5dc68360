"""Use cases on articles: init a workspace, import and re-import, status, translate, approve,
reject, export. Shared by the CLI and the TUI."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from cipbilingual import limits, paths
from cipbilingual.config import DEFAULT_CONFIG
from cipbilingual.errors import (
    ConflictError,
    InputError,
    NotFoundError,
    Refusal,
    UsageError,
    WorkspaceError,
)
from cipbilingual.history import last_act, now_iso, record, recording
from cipbilingual.models import (
    STATE_ORDER,
    Act,
    Article,
    Finding,
    HistoryRecord,
    Rejection,
    Role,
    Segment,
    SegmentId,
    State,
    VoidApproval,
    approval_digest,
)
from cipbilingual.text import check_text, shown

# Re-exported: other use cases import the clock and build_article from here.
from cipbilingual.workflow.common import approve as approve
from cipbilingual.workflow.common import build_article as build_article
from cipbilingual.workflow.common import create_article as create_article
from cipbilingual.workflow.common import require_no_reason as require_no_reason
from cipbilingual.workflow.people import require_editor, require_person
from cipbilingual.workspace import Workspace, ensure_history_merges

# The cache folder, and the temporary files and folders of writes in progress (store/atomic.py).
WORKSPACE_GITIGNORE = f"{paths.CACHE_DIR}/\n.*.tmp\n"

# Re-exported for the workflow's callers.
__all__ = ["approve", "build_article", "now_iso", "require_no_reason"]


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
    # The publish gate, when it was assessed (see workflow.gate): None when it was not.
    publishable: bool | None = None
    problems: tuple[Finding, ...] = ()  # completeness against the source, unsilenced QA errors
    void_approvals: tuple[VoidApproval, ...] = ()

    def to_json(self) -> dict[str, object]:
        data: dict[str, object] = {
            "slug": self.slug,
            "title": self.title,
            "segments": self.segments,
            "states": {str(s): self.states.get(s, 0) for s in STATE_ORDER},
        }
        if self.publishable is not None:
            data["publishable"] = self.publishable
            data["problems"] = [
                {"segment": f.segment, "check": f.check, "message": f.message}
                for f in self.problems
            ]
        data["approvals_void"] = [
            {"segment": str(v.segment), "by": v.by, "reason": v.reason} for v in self.void_approvals
        ]
        return data


def article_status(
    article: Article,
    recent: Sequence[HistoryRecord] = (),
    problems: Sequence[Finding] | None = None,
) -> ArticleStatus:
    """The article's counts and its last act: the newest of what the catalog stamps (a
    translation, an approval, a rejection) and of the `recent` history records; with
    `problems` (the publish gate's, see workflow.gate), whether it is publishable."""
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
        publishable=None if problems is None else article.complete and not problems,
        problems=() if problems is None else tuple(problems),
        void_approvals=tuple(article.void_approvals),
    )


def workspace_status(
    ws: Workspace, slugs: Sequence[str] = (), *, gate: bool = True
) -> list[ArticleStatus]:
    """Status of the named articles, or of every article (see `article_status_of`). Raises
    NotFoundError, CatalogError, SigningError."""
    return [article_status_of(ws, slug, gate=gate) for slug in slugs or ws.slugs()]


def article_status_of(ws: Workspace, slug: str, *, gate: bool = True) -> ArticleStatus:
    """The status of one article as it is on disk. The last act comes from the end of its
    history file; an unreadable history only adds a notice. With `gate`, it is also assessed by
    the publish gate (QA, completeness against the kept source; remembered per article until
    something it depends on changes). Raises NotFoundError, CatalogError, SigningError."""
    from cipbilingual.store.history import read_tail
    from cipbilingual.workflow import gate as gates

    key = gates.gate_key(ws, slug) if gate and ws.exists(slug) else ""
    article = ws.load(slug)
    try:
        tail = read_tail(ws.history_path(slug))
    except InputError as exc:
        article.notices.append(exc.message)
        tail = None
    if tail is not None:
        article.notices.extend(tail.notices)
    problems = None
    if gate:
        problems = gates.cached_problems(ws, slug, key)
        if problems is None:
            problems = gates.assess(ws, article, errors_only=True).problems()
            if gates.gate_key(ws, slug) == key:  # nothing changed while it was assessed
                gates.remember_problems(ws, slug, key, problems)
    return article_status(article, tail.records if tail else (), problems)


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
    override: str | None = None,
    interactive: bool = False,
    reason: str = "",
) -> list[Segment]:
    """Approve segments as `person` (an editor). With `all_translated`, every translated segment.
    All or nothing: a segment with unsilenced QA errors stops the approval of every segment
    named unless `override` gives the reason, recorded with each approval it covers (act
    `override` in the history); a segment an editor sent back that has not changed since needs
    a `reason`. With signed approvals, ssh-keygen may ask for a passphrase when `interactive`.
    Returns the segments approved now. Raises PermissionRefused (not an editor), Refusal (a
    segment without English), QAErrors (exit 1), ReasonRequired, NotFoundError, UsageError
    (nothing named, an empty override reason), SigningError."""
    from cipbilingual.workflow.gate import grant_approvals

    require_editor(ws.settings, person)
    ids = [SegmentId.parse(s) for s in segment_ids]
    if not ids and not all_translated:
        raise UsageError("name the segments to approve", hint="or pass --all-translated")
    if override is not None and not override.strip():
        raise UsageError("an override needs a reason", hint="--override REASON")
    with ws.edit(slug) as article:
        targets = [article.segment(sid) for sid in ids]
        if all_translated:
            targets += [
                s for s in article.segments if s.state is State.TRANSLATED and s not in targets
            ]
        empty = [str(s.id) for s in targets if not s.target.strip()]
        if empty:
            raise Refusal(f"{', '.join(empty)} has no English to approve")
        todo = [s for s in targets if not (s.state is State.APPROVED and s.approval_is_valid())]
        grant_approvals(ws, article, todo, person, override, reason=reason, interactive=interactive)
    return todo


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


def export_article(
    ws: Workspace,
    slug: str,
    fmt: str,
    *,
    bilingual: bool = False,
    allow_partial: bool = False,
    xliff_version: str = "1.2",
) -> str:
    """The article in `fmt` through the publish gate (`workflow.publishing.export_article`,
    which also reports omitted blocks); XLIFF is for translation, not publication: any article,
    every English with its state. Raises NotPublishable (exit 1), UsageError."""
    from cipbilingual.workflow.publishing import export_article as gated

    result = gated(
        ws,
        slug,
        fmt,
        bilingual=bilingual,
        allow_partial=allow_partial,
        xliff_version=xliff_version,
    )
    return result.text
