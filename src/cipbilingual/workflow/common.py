"""What several use cases share: the clock of the catalogs, segmenting an imported document
into a fresh article (import, re-import, and the gate's comparison with the kept source),
creating an article's folder whole (import, align), and the rule of an approval record."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping

from cipbilingual import limits, paths
from cipbilingual.errors import ConflictError, InputError, ReasonRequired, Refusal
from cipbilingual.history import now_iso as now_iso  # the catalogs' clock, shared
from cipbilingual.models import (
    Approval,
    Article,
    ArticleMeta,
    Block,
    BlockKind,
    Segment,
    SegmentId,
    State,
    approval_digest,
)
from cipbilingual.workspace import Workspace, ensure_history_merges


def build_article(slug: str, doc: object, data: bytes, source_file: str, ws: Workspace) -> Article:
    """Segment an imported document into a fresh article (every segment `new`)."""
    from cipbilingual.importers import ImportedDocument
    from cipbilingual.segment import iter_sentences

    assert isinstance(doc, ImportedDocument)
    rules = ws.settings.segmentation
    blocks = [Block(0, BlockKind.TITLE)]
    segments: list[Segment] = []

    def add(index: int, text: str) -> None:
        # Sentences one at a time: a file of nothing but 中。 stops at the limit instead of
        # building a million segments first.
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


def approve(segment: Segment, person: str, stamp: str | None = None) -> None:
    """The rule for an approval: it signs exactly this id, source and English (see
    `apply_approval`). The publish gate's `grant_approvals` adds QA, overrides and signatures;
    use it for a person's approval."""
    record = Approval(
        person, stamp or now_iso(), approval_digest(segment.id, segment.source, segment.target)
    )
    apply_approval(segment, record)


def apply_approval(segment: Segment, approval: Approval) -> None:
    """Make `approval` the segment's: state approved, reason cleared, and how far the English
    moved from a machine draft recorded (post-edit chrF). Raises Refusal for a segment holding
    a merge conflict: a person chooses a side (or edits) first."""
    if segment.conflict is not None:
        raise Refusal(
            f"{segment.id} holds a merge conflict: choose a side first",
            hint="cipbilingual git choose SLUG SEGMENT_ID mine|theirs, or translate it anew",
        )
    from cipbilingual.qa.postedit import MT_ENGINES, post_edit_chrf

    segment.state = State.APPROVED
    segment.reason = ""
    segment.rejection = None
    segment.approval = approval
    origin = segment.origin
    if segment.machine_draft.strip() and origin is not None and origin.engine in MT_ENGINES:
        segment.post_edit = post_edit_chrf(segment.machine_draft, segment.target)


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
