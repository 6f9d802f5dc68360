"""Completeness against the kept source: re-segment articles/SLUG/source.zh.* and compare it
with the catalog, so that a sentence lost (a bad merge, a hand edit), added or changed is named.
Part of the publish gate (workflow.gate)."""

from __future__ import annotations

import difflib
from pathlib import Path

from cipbilingual.errors import CatalogError, InputError
from cipbilingual.models import Article, Finding, Severity
from cipbilingual.workspace import Workspace


def _short(text: str, limit: int = 40) -> str:
    flat = " ".join(text.split())
    return f"“{flat}”" if len(flat) <= limit else f"“{flat[: limit - 1]}…”"


def source_findings(ws: Workspace, article: Article) -> list[Finding]:
    """Re-segment the article's kept source (articles/SLUG/source.zh.*) with the workspace's
    rules and compare it with the catalog, sentence by sentence and in order: one error per
    sentence missing from the catalog, extra in it, or whose Chinese differs. A missing or
    unreadable source file is one error. A bad source is a finding, never an exception."""
    slug = article.slug
    name = article.meta.source_file
    if not name or Path(name).name != name:
        return [_error(slug, "source-missing", "the catalog names no source file; re-import it")]
    path = ws.article_dir(slug) / name
    if not path.is_file():
        return [
            _error(
                slug,
                "source-missing",
                f"the source file {name} is missing from {ws.articles_dir.name}/{slug}/; "
                "restore it (git) or re-import the article",
            )
        ]
    try:
        wanted = _aligned_units(ws, slug, path) or _sentences(ws, slug, path, name)
    except InputError as exc:
        message = f"the source file cannot be read: {exc.message}"
        return [_error(slug, "source-unreadable", message)]
    except CatalogError as exc:
        return [_error(slug, "source-unreadable", exc.message)]
    return [_error(slug, check, message, sid) for check, message, sid in _compare(article, wanted)]


def _place(block: int, sentence: int) -> str:
    where = "the title" if block == 0 else f"block {block}"
    return f"sentence {sentence} of {where}"


def _sentences(ws: Workspace, slug: str, path: Path, name: str) -> list[tuple[str, str]]:
    """(place, Chinese) of each sentence of an imported source, as import segments it."""
    from cipbilingual.importers import read_document
    from cipbilingual.workflow.common import build_article

    doc, data = read_document(path)
    fresh = build_article(slug, doc, data, name, ws)
    return [(_place(s.id.block, s.id.sentence), s.source) for s in fresh.segments]


def _aligned_units(ws: Workspace, slug: str, path: Path) -> list[tuple[str, str]] | None:
    """For an article made by `align` (it has an alignment record): the Chinese each link makes
    a segment of — consecutive sentences of the kept source, re-read as `align` reads it. None
    for any other article. Raises InputError, CatalogError (a damaged record, or a source whose
    sentences no longer match it)."""
    from cipbilingual.workflow import align

    if not align.record_path(ws, slug).is_file():
        return None
    record = align.load_record(ws, slug)
    side = align.read_side(
        path, "zh", one_per_line=record.one_per_line, rules=ws.settings.segmentation
    )
    sentences = side.sentences
    if len(sentences) != len(record.zh):
        raise CatalogError(
            f"the source has {len(sentences)} sentences, its alignment record {len(record.zh)}"
        )
    units = []
    for n, link in enumerate((k for k in record.links if k.zh), start=1):
        chinese = align.join_chinese([sentences[i] for i in link.zh])
        units.append((f"aligned unit {n}", chinese))
    return units


def _error(slug: str, check: str, message: str, segment: str = "") -> Finding:
    return Finding(slug, segment, check, Severity.ERROR, message)


def _compare(article: Article, wanted: list[tuple[str, str]]) -> list[tuple[str, str, str]]:
    """(check, message, catalog segment id or "") for each difference between the catalog's
    segments and the source's (place, Chinese) units, in document order."""
    kept = [s.source for s in article.segments]
    sources = [text for _, text in wanted]
    out: list[tuple[str, str, str]] = []
    matcher = difflib.SequenceMatcher(None, kept, sources, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        pairs = min(i2 - i1, j2 - j1) if tag == "replace" else 0
        for k in range(pairs):
            seg, src = article.segments[i1 + k], sources[j1 + k]
            message = (
                f"{seg.id}: the Chinese differs from the source: catalog {_short(seg.source)}, "
                f"source {_short(src)}"
            )
            out.append(("source-sentence-changed", message, str(seg.id)))
        for seg in article.segments[i1 + pairs : i2]:
            message = f"{seg.id} is not in the source: {_short(seg.source)}"
            out.append(("source-sentence-extra", message, str(seg.id)))
        after = f", after {article.segments[i1 - 1].id}" if i1 else ""
        for place, text in wanted[j1 + pairs : j2]:
            message = f"{place} of the source is missing from the catalog{after}: {_short(text)}"
            out.append(("source-sentence-missing", message, ""))
    return out
