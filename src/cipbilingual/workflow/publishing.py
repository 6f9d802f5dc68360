"""Exporting through the publish gate, publication records, and what changed since the last
publication. See docs/publishing.md."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from cipbilingual import export
from cipbilingual.errors import NotPublishable, UsageError
from cipbilingual.export import OmittedBlock
from cipbilingual.models import Article, State
from cipbilingual.publication import (
    MANIFEST_NAME,
    Change,
    Publication,
    compare,
    dumps_manifest,
    load_manifest,
    published_segment,
)
from cipbilingual.workflow.completeness import source_findings
from cipbilingual.workflow.gate import (
    assess,
    errors_in,
    finding_line,
    unsilenced_errors,
    waiting_line,
)
from cipbilingual.workspace import Workspace


@dataclass
class ExportResult:
    """An export's text, the blocks a partial export left out, and for a publication its
    record and what changed since the previous one."""

    text: str
    omitted: list[OmittedBlock] = field(default_factory=list)
    publication: Publication | None = None
    changes: list[Change] = field(default_factory=list)


def gate_lines(ws: Workspace, article: Article, fmt: str, allow_partial: bool) -> list[str]:
    """Every reason the article may not go out in `fmt`, one line each; empty when it may:
    the kept source's sentences all in the catalog, every segment approved (or, with
    `allow_partial`, what is printed approved), no unsilenced QA error in what goes out."""
    lines = [finding_line(f) for f in source_findings(ws, article)]
    if not article.complete and not allow_partial:
        lines.append(waiting_line(article))
    if fmt in export.BLOCK_FORMATS:
        out = {str(s.id) for s in export.printed_segments(article)}
    else:
        out = {str(s.id) for s in article.segments if s.state is State.APPROVED}
    lines += [finding_line(f) for f in errors_in(unsilenced_errors(ws, article), out)]
    return lines


def _refuse(slug: str, lines: list[str], waiting: bool) -> NotPublishable:
    hint = "approve every segment, or pass --allow-partial" if waiting else ""
    if len(lines) == 1:
        return NotPublishable(f"'{slug}' is not publishable: {lines[0]}", hint=hint)
    return NotPublishable(
        f"'{slug}' is not publishable: {len(lines)} problems", hint=hint, details=tuple(lines)
    )


def export_article(
    ws: Workspace,
    slug: str,
    fmt: str,
    *,
    bilingual: bool = False,
    allow_partial: bool = False,
    xliff_version: str = "1.2",
) -> ExportResult:
    """The article in `fmt`. A publication format (json, md, html, txt, tmx) goes through the
    gate (`gate_lines`) and raises NotPublishable (exit 1) listing every problem; xliff (for a
    CAT tool) and the review formats (proof, tsv) show every segment whatever its state.
    Raises UsageError for an unknown format, CatalogError, SigningError."""
    return _export(ws, ws.load(slug), fmt, bilingual, allow_partial, xliff_version)


def _export(
    ws: Workspace,
    article: Article,
    fmt: str,
    bilingual: bool,
    allow_partial: bool,
    xliff_version: str = "1.2",
) -> ExportResult:
    if fmt in export.REVIEW_FORMATS:
        return ExportResult(review_text(ws, article, fmt))
    if fmt in export.INTERCHANGE_FORMATS:
        return ExportResult(xliff_text(ws, article, xliff_version))
    if fmt not in export.PUBLICATION_FORMATS:
        raise UsageError(
            f"unknown export format '{fmt}'", hint=f"use one of {', '.join(export.FORMATS)}"
        )
    lines = gate_lines(ws, article, fmt, allow_partial)
    if lines:
        raise _refuse(article.slug, lines, not allow_partial and not article.complete)
    omitted = export.omitted_blocks(article) if fmt in export.BLOCK_FORMATS else []
    return ExportResult(export.render(article, fmt, bilingual=bilingual), omitted)


def xliff_text(ws: Workspace, article: Article, version: str) -> str:
    """The article as XLIFF for a CAT tool (any article, every English with its state), with
    the glossary's terms as notes. Raises UsageError for an unknown version."""
    from cipbilingual.interchange.xliff import article_to_xliff
    from cipbilingual.models import SegmentId, Term
    from cipbilingual.workflow.glossary import glossary_for

    glossary = glossary_for(ws)
    terms: dict[SegmentId, list[Term]] = {}
    for seg in article.segments:
        found = [m.term for m in sorted(glossary.find(seg.source), key=lambda m: m.start)]
        if found:
            terms[seg.id] = found
    return article_to_xliff(article, version, terms)


def review_text(ws: Workspace, article: Article, fmt: str) -> str:
    """The bilingual proof (HTML) or the parallel text (TSV) of a loaded article."""
    from cipbilingual import proof
    from cipbilingual.workflow.common import now_iso

    assessment = assess(ws, article)
    findings = [*assessment.source, *assessment.findings]
    if fmt == "tsv":
        return proof.render_tsv(article, findings)
    problems = [finding_line(f) for f in assessment.source]
    problems += [
        f"{v.segment} approval by {v.by or 'nobody'} void: {v.reason}"
        for v in article.void_approvals
    ]
    if assessment.waiting:
        problems.append(waiting_line(article))
    facts = proof.ProofFacts(assessment.publishable, tuple(problems), now_iso())
    return proof.render_proof(article, findings, facts)


def publish_article(
    ws: Workspace,
    slug: str,
    fmt: str,
    person: str,
    write: Callable[[str], None],
    *,
    bilingual: bool = False,
) -> ExportResult:
    """Export a complete article through the gate, hand the text to `write` (which puts it
    where the person asked), then append a publication record to articles/SLUG/published.json
    and a `publish` act to the article's history.
    Nothing is written when the gate, the record or `write` fails. Raises NotPublishable,
    UsageError (a review format), RecordError (the record is unreadable or was edited by hand),
    and whatever `write` raises."""
    if fmt not in export.PUBLICATION_FORMATS:
        purpose = "translation" if fmt in export.INTERCHANGE_FORMATS else "review"
        raise UsageError(f"a {fmt} export cannot be published", hint=f"it is for {purpose}")
    from cipbilingual.history import record
    from cipbilingual.models import Act
    from cipbilingual.store import atomic_write_text
    from cipbilingual.workflow.common import now_iso

    with ws.lock(slug):
        article = ws.load(slug)
        folder = ws.article_dir(slug)
        manifest = load_manifest(folder, slug)
        result = _export(ws, article, fmt, bilingual, False)
        previous = manifest.last
        changes = compare(previous, article) if previous is not None else []
        publication = Publication(
            number=len(manifest.publications) + 1,
            at=now_iso(),
            by=person,
            format=fmt,
            source_file=article.meta.source_file,
            source_sha256=article.meta.source_hash,
            corrects=previous.number if previous is not None else None,
            changed=tuple(c.segment for c in changes),
            segments=tuple(published_segment(s) for s in article.segments),
        )
        manifest.publications.append(publication)
        text = dumps_manifest(manifest)
        write(result.text)
        atomic_write_text(folder / MANIFEST_NAME, text)
        note = f"publication {publication.number} ({fmt})"
        if previous is not None and changes:
            note += f", {len(changes)} change(s) since publication {previous.number}"
        entry = record(article, Act.PUBLISH, None, person, reason=note, at=publication.at)
        ws.append_history(slug, [entry])
    result.publication = publication
    result.changes = changes
    return result


@dataclass(frozen=True)
class ChangesReport:
    """What changed in an article since its last publication."""

    slug: str
    last: Publication | None
    changes: list[Change]

    def to_json(self) -> dict[str, object]:
        return {
            "slug": self.slug,
            "published": None if self.last is None else self.last.summary(),
            "changes": [c.to_json() for c in self.changes],
        }


def changes_since_publication(ws: Workspace, slug: str) -> ChangesReport:
    """The article now against its last publication record. Raises NotFoundError,
    RecordError (the record is unreadable or was edited by hand)."""
    article = ws.load(slug)
    manifest = load_manifest(ws.article_dir(slug), slug)
    last = manifest.last
    return ChangesReport(slug, last, compare(last, article) if last is not None else [])
