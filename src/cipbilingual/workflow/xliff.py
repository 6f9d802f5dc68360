"""XLIFF out to an agency's CAT tool and back in. Returned English is a person's translation
(`translated`, origin `xliff`), never an approval; a unit whose Chinese no longer matches is
refused, and a draft never replaces a human translation."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from cipbilingual import limits
from cipbilingual.errors import InputError, NotFoundError, UsageError
from cipbilingual.history import recording
from cipbilingual.interchange.xliff import XliffUnit, read_xliff
from cipbilingual.models import Act, Article, Origin, Segment, State
from cipbilingual.text import describe_character, refused_character, shown
from cipbilingual.workflow.articles import apply_translation, export_article, now_iso
from cipbilingual.workflow.people import require_person
from cipbilingual.workspace import Workspace


def export_xliff(ws: Workspace, slug: str, version: str = "1.2") -> str:
    """The article as XLIFF 1.2 or 2.0, finished or not, with glossary notes. Raises
    NotFoundError, UsageError (unknown version), CatalogError."""
    return export_article(ws, slug, "xliff", xliff_version=version)


@dataclass
class Refused:
    id: str
    reason: str

    def to_json(self) -> dict[str, str]:
        return {"id": self.id, "reason": self.reason}


@dataclass
class XliffReport:
    """What one article took from a returned XLIFF file."""

    slug: str
    translated: list[str] = field(default_factory=list)  # English taken, now translated
    reopened: list[str] = field(default_factory=list)  # were approved; English differs: translated
    drafted: list[str] = field(default_factory=list)  # unconfirmed English taken as a draft
    kept: list[str] = field(default_factory=list)  # unconfirmed English not put over a person's
    unchanged: int = 0
    refused: list[Refused] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        return {
            "slug": self.slug,
            "translated": self.translated,
            "reopened": self.reopened,
            "drafted": self.drafted,
            "kept": self.kept,
            "unchanged": self.unchanged,
            "refused": [r.to_json() for r in self.refused],
        }


@dataclass
class XliffImport:
    file: str
    version: str
    tool: str
    articles: list[XliffReport] = field(default_factory=list)

    @property
    def refused(self) -> int:
        return sum(len(a.refused) for a in self.articles)

    def to_json(self) -> dict[str, object]:
        return {
            "file": self.file,
            "version": self.version,
            "tool": self.tool,
            "articles": [a.to_json() for a in self.articles],
        }


def import_xliff(ws: Workspace, file: Path, person: str, slug: str | None = None) -> XliffImport:
    """Take the English of a returned XLIFF file into its articles (each <file>'s `original`
    names the slug; `slug` overrides it for a one-file document). Nothing is approved.
    Raises InputError (not XLIFF, malformed), NotFoundError (unknown article or person),
    UsageError (`slug` with several files); refused units are listed in the report."""
    require_person(ws.settings, person)
    doc = read_xliff(file)
    if slug is not None and len(doc.files) != 1:
        raise UsageError(f"{file} holds {len(doc.files)} files; --slug needs exactly one")
    if not doc.files:
        raise UsageError(f"{file}: the XLIFF holds no <file>")
    targets = [(slug or xfile.original, xfile.units) for xfile in doc.files]
    for name, _ in targets:
        if not name or not ws.exists(name):
            raise NotFoundError(
                f"{file}: the XLIFF names article '{name}', which is not in this workspace",
                hint="pass --slug SLUG to say which article it belongs to",
            )
    tool = doc.tool or file.name
    bad = refused_character(tool, line=True)
    if bad is not None:
        raise InputError(f"{shown(file)}: the tool's name contains {describe_character(bad)}")
    origin = Origin("xliff", tool)
    result = XliffImport(str(file), doc.version, doc.tool)
    for name, units in targets:
        with ws.edit(name) as article:
            result.articles.append(_take(article, units, origin, person))
    return result


def _take(article: Article, units: list[XliffUnit], origin: Origin, person: str) -> XliffReport:
    report = XliffReport(article.slug)
    by_id: dict[str, Segment] = {str(s.id): s for s in article.segments}
    seen: set[str] = set()
    for unit in units:
        segment = by_id.get(unit.id)
        if segment is None:
            report.refused.append(Refused(unit.id, f"no segment {unit.id} in {article.slug}"))
            continue
        if unit.id in seen:
            report.refused.append(Refused(unit.id, "the unit appears twice in the file"))
            continue
        seen.add(unit.id)
        if unit.source.strip() != segment.source.strip():
            report.refused.append(
                Refused(unit.id, "its Chinese differs from the article's (changed since export)")
            )
            continue
        english = (unit.target or "").strip()
        bad = refused_character(english)
        if bad is not None or len(english) > limits.SEGMENT_CHARS:
            why = (
                f"its English contains {describe_character(bad)}"
                if bad is not None
                else f"its English is over the limit of {limits.SEGMENT_CHARS:,} characters"
            )
            report.refused.append(Refused(unit.id, why))
            continue
        if not english or (english == segment.target and not unit.done):
            report.unchanged += 1
            continue
        if segment.conflict is not None:
            report.refused.append(Refused(unit.id, "the segment has an unresolved merge conflict"))
            continue
        with recording(article, Act.XLIFF_IMPORT, segment, person):
            if unit.done:
                _returned(segment, english, origin, person, report)
            elif segment.state in (State.NEW, State.DRAFT):
                segment.target = english
                segment.state = State.DRAFT
                segment.origin = origin
                segment.machine_draft = english
                segment.translator, segment.translated_at = person, now_iso()
                report.drafted.append(unit.id)
            else:
                report.kept.append(unit.id)
    return report


def _returned(
    segment: Segment, english: str, origin: Origin, person: str, report: XliffReport
) -> None:
    sid = str(segment.id)
    if english == segment.target and segment.state in (State.TRANSLATED, State.APPROVED):
        report.unchanged += 1
        return
    was_approved = segment.state is State.APPROVED
    apply_translation(segment, english, person)
    segment.origin = origin
    (report.reopened if was_approved else report.translated).append(sid)
