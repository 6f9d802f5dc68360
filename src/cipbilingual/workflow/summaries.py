"""Article summaries for the article list and `status`: taken from the workspace's summary cache
while an article's folder is unchanged, made from the article (and cached) when it changed.

What a summary says is what `workflow.articles.article_status_of` reports, the publish gate's
verdict included when it was asked for. The QA error count comes through a `QACounter`, by
default the `qa` command's own entry point, so whatever checks `qa` runs are what it counts.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Protocol

from cipbilingual.models import Finding, SegmentId, Severity, VoidApproval
from cipbilingual.summaries import (
    ArticleSummary,
    Stamp,
    SummaryCache,
    article_stamps,
    folder_stamp,
)
from cipbilingual.workspace import Workspace

if TYPE_CHECKING:
    from cipbilingual.workflow.articles import ArticleStatus


class QACounter(Protocol):
    """Counts an article's QA errors; `key` names everything the count depends on besides the
    article, so a count is redone when any of it changes."""

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


def gate_key(ws: Workspace) -> str:
    """What the publish gate's verdict on any article depends on outside the article's folder:
    the glossary, cipbilingual.toml, the allowed signers and cipbilingual's own code (stamps,
    not contents: this is computed on every listing)."""
    from cipbilingual import paths
    from cipbilingual.summaries import file_stamp
    from cipbilingual.workflow.gate import _code_fingerprint

    files = [
        ws.glossary_path,
        ws.root / paths.CONFIG_NAME,
        ws.root / ws.settings.approvals.allowed_signers,
    ]
    parts = [_code_fingerprint(), *(repr(file_stamp(f)) for f in files)]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def summarize(status: ArticleStatus, stamp: Stamp, key: str = "") -> ArticleSummary:
    """The summary of an article's status, read from a folder whose stamp was `stamp` before
    reading; `key`: the gate key, when the status holds the gate's verdict."""
    gated = status.publishable is not None
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
        void_approvals=tuple((str(v.segment), v.by, v.reason) for v in status.void_approvals),
        gate_key=key if gated else "",
        publishable=status.publishable if gated else None,
        problems=tuple(
            (p.segment, p.check, str(p.severity), p.message) for p in status.problems
        ),
    )


def to_status(summary: ArticleSummary) -> ArticleStatus:
    """The status the summary was made from (what `status` prints)."""
    from cipbilingual.workflow.articles import ArticleStatus

    return ArticleStatus(
        slug=summary.slug,
        title=summary.title,
        date=summary.date,
        segments=summary.segments,
        states=dict(summary.states),
        notices=summary.notices,
        last_editor=summary.last_editor,
        last_edited=summary.last_edited,
        last_act=summary.last_act,
        publishable=summary.publishable,
        problems=tuple(
            Finding(summary.slug, segment, check, Severity(severity), message)
            for segment, check, severity, message in summary.problems
        ),
        void_approvals=tuple(
            VoidApproval(SegmentId.parse(segment), by, reason)
            for segment, by, reason in summary.void_approvals
        ),
    )


def _made(ws: Workspace, slug: str, stamp: Stamp, *, gate: bool) -> ArticleSummary:
    from cipbilingual.workflow.articles import article_status_of

    key = gate_key(ws) if gate else ""  # before the gate runs: a later change is noticed
    return summarize(article_status_of(ws, slug, gate=gate), stamp, key)


def cached_summaries(ws: Workspace) -> tuple[list[ArticleSummary], list[str]]:
    """Every article as the cache knows it, at once (a scan of the article folders and one
    small file read): the summaries in slug order, and the slugs whose summary is stale. A
    stale article shows its old summary, or a bare one (slug only) when it is new."""
    stamps = article_stamps(ws.articles_dir)
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
    """Summarise the named articles afresh (without the publish gate, which `status` adds) and
    store the summaries, `batch` at a time (`on_batch` sees each batch); stops between batches
    when `should_stop()` says so. An article that vanished meanwhile is left out. Raises
    CatalogError for an unreadable catalog (the ones before it are kept)."""
    cache = SummaryCache(ws.cache_dir)
    done: list[ArticleSummary] = []
    pending: list[ArticleSummary] = []
    for slug in slugs:
        if should_stop is not None and should_stop():
            break
        stamp = folder_stamp(ws.article_dir(slug))  # before reading: a later change is noticed
        if stamp is None:
            continue
        pending.append(_made(ws, slug, stamp, gate=False))
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
        if folder_stamp(ws.article_dir(summary.slug)) != summary.stamp:
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


def workspace_summaries(
    ws: Workspace, slugs: Sequence[str] = (), *, gate: bool = True
) -> list[ArticleSummary]:
    """Up-to-date summaries of the named articles, or of every article, with the publish gate's
    verdict unless `gate` is off (QA counts as cached, if any). Only the articles whose folder
    changed since they were last summarised (or, for the gate, when the glossary, settings,
    signers or code changed) are read. Raises NotFoundError for an unknown slug, CatalogError
    for an unreadable catalog, SigningError."""
    if slugs:
        stamps: dict[str, Stamp] = {}
        for slug in slugs:
            stamp = folder_stamp(ws.article_dir(slug))
            if stamp is None:
                ws.load(slug)  # raises NotFoundError, with the hint
                continue
            stamps[slug] = stamp
    else:
        stamps = article_stamps(ws.articles_dir)
    key = gate_key(ws) if gate else ""
    cache = SummaryCache(ws.cache_dir)
    cached = cache.read()
    fresh: list[ArticleSummary] = []
    out: list[ArticleSummary] = []
    for slug, stamp in stamps.items():
        summary = cached.get(slug)
        if summary is None or summary.stamp != stamp or (gate and summary.gate_key != key):
            made = _made(ws, slug, stamp, gate=gate)
            if summary is not None and summary.stamp == stamp and summary.qa_errors is not None:
                made = made.with_qa(summary.qa_errors, summary.qa_key)  # the article is unchanged
            summary = made
            fresh.append(summary)
        out.append(summary)
    gone = not slugs and any(slug not in stamps for slug in cached)
    if fresh or gone:
        cache.write(fresh, keep=stamps if gone else None)
    return out


def workspace_statuses(
    ws: Workspace, slugs: Sequence[str] = (), *, gate: bool = True
) -> list[ArticleStatus]:
    """What `workflow.articles.workspace_status` reports, through the summary cache."""
    return [to_status(s) for s in workspace_summaries(ws, slugs, gate=gate)]


__all__ = [
    "ArticleSummary",
    "QACounter",
    "WorkspaceQA",
    "cached_summaries",
    "count_errors",
    "gate_key",
    "refresh_summaries",
    "summarize",
    "to_status",
    "workspace_statuses",
    "workspace_summaries",
]
