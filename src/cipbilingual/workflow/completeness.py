"""Completeness against the kept source: re-segment articles/SLUG/source.zh.* and compare it
with the catalog, so that a sentence lost (a bad merge, a hand edit), added or changed is named.
Part of the publish gate (workflow.gate)."""

from __future__ import annotations

import difflib
from pathlib import Path

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
    from cipbilingual.errors import InputError
    from cipbilingual.importers import read_document
    from cipbilingual.workflow.common import build_article

    try:
        doc, data = read_document(path)
    except InputError as exc:
        message = f"the source file cannot be read: {exc.message}"
        return [_error(slug, "source-unreadable", message)]
    fresh = build_article(slug, doc, data, name, ws)
    return [_error(slug, check, message, sid) for check, message, sid in _compare(article, fresh)]


def _error(slug: str, check: str, message: str, segment: str = "") -> Finding:
    return Finding(slug, segment, check, Severity.ERROR, message)


def _compare(article: Article, fresh: Article) -> list[tuple[str, str, str]]:
    """(check, message, catalog segment id or "") for each difference, in document order."""
    kept = [s.source for s in article.segments]
    wanted = [s.source for s in fresh.segments]
    out: list[tuple[str, str, str]] = []
    matcher = difflib.SequenceMatcher(None, kept, wanted, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        pairs = min(i2 - i1, j2 - j1) if tag == "replace" else 0
        for k in range(pairs):
            seg, src = article.segments[i1 + k], fresh.segments[j1 + k]
            message = (
                f"{seg.id}: the Chinese differs from the source: catalog {_short(seg.source)}, "
                f"source {_short(src.source)}"
            )
            out.append(("source-sentence-changed", message, str(seg.id)))
        for seg in article.segments[i1 + pairs : i2]:
            message = f"{seg.id} is not in the source: {_short(seg.source)}"
            out.append(("source-sentence-extra", message, str(seg.id)))
        after = f", after {article.segments[i1 - 1].id}" if i1 else ""
        for src in fresh.segments[j1 + pairs : j2]:
            where = "the title" if src.id.block == 0 else f"block {src.id.block}"
            message = (
                f"sentence {src.id.sentence} of {where} of the source is missing from the "
                f"catalog{after}: {_short(src.source)}"
            )
            out.append(("source-sentence-missing", message, ""))
    return out
