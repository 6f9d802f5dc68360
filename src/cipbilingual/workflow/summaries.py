"""Article summaries for the article list and `status`: taken from the workspace's summary cache
while a catalog is unchanged, made from the catalog (and cached) when it changed.

The QA error count comes through a `QACounter`, by default the `qa` command's own entry point,
so whatever checks `qa` runs are what the count counts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Protocol

from cipbilingual.models import Article
from cipbilingual.summaries import (
    ArticleSummary,
    Stamp,
    SummaryCache,
    catalog_stamps,
    file_stamp,
)
from cipbilingual.workspace import Workspace


class QACounter(Protocol):
    """Counts an article's QA errors; `key` names everything the count depends on besides the
    catalog, so a count is redone when any of it changes."""

    def key(self, ws: Workspace) -> str: ...

    def count(self, ws: Workspace, slug: str) -> int: ...


class WorkspaceQA:
    """The errors `cipbilingual qa SLUG` stops on: errors nobody silenced
    (workflow.qa.check_articles, with its own cache of unchanged articles' findings)."""

    def key(self, ws: Workspace) -> str:
        # What `qa` itself keys its cache on: the checks' code, the glossary, the settings.
        from cipbilingual.workflow.qa import _run_key

        return _run_key(ws, "en")

    def count(self, ws: Workspace, slug: str) -> int:
        from cipbilingual.workflow.qa import check_articles

        return sum(f.blocking for f in check_articles(ws, [slug], jobs=1))


def summarize(article: Article, stamp: Stamp) -> ArticleSummary:
    """The summary of an article read from a catalog whose stamp was `stamp` before reading
    (what `status` reports of it: workflow.articles.article_status)."""
    # Imported here: an unchanged archive is listed without loading the article use cases.
    from cipbilingual.workflow.articles import article_status

    status = article_status(article)
    return ArticleSummary(
        slug=status.slug,
        stamp=stamp,
        title=status.title,
        date=status.date,
        segments=status.segments,
        states=dict(status.states),
        notices=status.notices,
        last_editor=status.last_editor,
        last_edited=status.last_edited,
        last_act=status.last_act,
    )


def cached_summaries(ws: Workspace) -> tuple[list[ArticleSummary], list[str]]:
    """Every article as the cache knows it, at once (a directory scan, a stat per catalog and
    one small file read): the summaries in slug order, and the slugs whose summary is stale.
    A stale article shows its old summary, or a bare one (slug only) when it is new."""
    stamps = catalog_stamps(ws.articles_dir)
    cached = SummaryCache(ws.cache_dir).read()
    out: list[ArticleSummary] = []
    stale: list[str] = []
    for slug, stamp in stamps.items():
        summary = cached.get(slug)
        if summary is None or summary.stamp != stamp:
            stale.append(slug)
            summary = summary or ArticleSummary(slug, stamp)
        out.append(summary)
    return out, stale


def refresh_summaries(
    ws: Workspace,
    slugs: Iterable[str],
    *,
    should_stop: Callable[[], bool] | None = None,
    batch: int = 50,
    on_batch: Callable[[list[ArticleSummary]], object] | None = None,
) -> list[ArticleSummary]:
    """Summarise the named articles from their catalogs and store the summaries, `batch` at a
    time (`on_batch` sees each batch); stops between batches when `should_stop()` says so.
    An article that vanished meanwhile is left out. Raises CatalogError for an unreadable
    catalog (the ones before it are kept)."""
    cache = SummaryCache(ws.cache_dir)
    done: list[ArticleSummary] = []
    pending: list[ArticleSummary] = []
    for slug in slugs:
        if should_stop is not None and should_stop():
            break
        stamp = file_stamp(ws.catalog_path(slug))  # before reading: a later change is noticed
        if stamp is None:
            continue
        pending.append(summarize(ws.load(slug), stamp))
        if len(pending) >= batch:
            cache.write(pending)
            done += pending
            if on_batch is not None:
                on_batch(pending)
            pending = []
    if pending:
        cache.write(pending)
        done += pending
        if on_batch is not None:
            on_batch(pending)
    return done


def count_errors(
    ws: Workspace,
    summaries: Sequence[ArticleSummary],
    counter: QACounter | None = None,
    *,
    should_stop: Callable[[], bool] | None = None,
    batch: int = 20,
    on_batch: Callable[[list[ArticleSummary]], object] | None = None,
) -> list[ArticleSummary]:
    """The summaries with their QA error counts, counting only those not counted under the
    current QA key, and storing them `batch` at a time. Raises CatalogError."""
    qa = counter or WorkspaceQA()
    key = qa.key(ws)
    cache = SummaryCache(ws.cache_dir)
    out: list[ArticleSummary] = []
    pending: list[ArticleSummary] = []
    for summary in summaries:
        if summary.qa_errors is not None and summary.qa_key == key:
            out.append(summary)
            continue
        if should_stop is not None and should_stop():
            break
        if file_stamp(ws.catalog_path(summary.slug)) != summary.stamp:
            continue  # changed since it was summarised: counted once it is summarised again
        counted = summary.with_qa(qa.count(ws, summary.slug), key)
        out.append(counted)
        pending.append(counted)
        if len(pending) >= batch:
            cache.write(pending)
            if on_batch is not None:
                on_batch(pending)
            pending = []
    if pending:
        cache.write(pending)
        if on_batch is not None:
            on_batch(pending)
    return out


def workspace_summaries(ws: Workspace, slugs: Sequence[str] = ()) -> list[ArticleSummary]:
    """Up-to-date summaries of the named articles, or of every article (QA counts as cached,
    if any). Only the catalogs that changed since they were last summarised are read. Raises
    NotFoundError for an unknown slug, CatalogError for an unreadable catalog."""
    if slugs:
        stamps: dict[str, Stamp] = {}
        for slug in slugs:
            stamp = file_stamp(ws.catalog_path(slug))
            if stamp is None:
                ws.load(slug)  # raises NotFoundError, with the hint
                continue
            stamps[slug] = stamp
    else:
        stamps = catalog_stamps(ws.articles_dir)
    cache = SummaryCache(ws.cache_dir)
    cached = cache.read()
    fresh: list[ArticleSummary] = []
    out: list[ArticleSummary] = []
    for slug, stamp in stamps.items():
        summary = cached.get(slug)
        if summary is None or summary.stamp != stamp:
            summary = summarize(ws.load(slug), stamp)
            fresh.append(summary)
        out.append(summary)
    gone = not slugs and any(slug not in stamps for slug in cached)
    if fresh or gone:
        cache.write(fresh, keep=stamps if gone else None)
    return out


__all__ = [
    "ArticleSummary",
    "QACounter",
    "WorkspaceQA",
    "cached_summaries",
    "count_errors",
    "refresh_summaries",
    "summarize",
    "workspace_summaries",
]
