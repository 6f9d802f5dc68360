"""The `qa` use cases: findings of an article or a segment (glossary included, in the reader's
language), QA of many articles in parallel processes, and silencing a finding."""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor

from cipbilingual.errors import CipError, NotFoundError, UsageError
from cipbilingual.models import Finding, SegmentId, Severity, Silence, silence_digest
from cipbilingual.qa.base import CheckContext
from cipbilingual.qa.engine import check_article, check_segment
from cipbilingual.qa.registry import BY_NAME
from cipbilingual.workflow.articles import now_iso
from cipbilingual.workflow.glossary import glossary_for
from cipbilingual.workflow.people import require_editor, require_person
from cipbilingual.workspace import Workspace

# Below this many articles, starting processes costs more than it saves.
PARALLEL_FROM = 8


def qa_context(ws: Workspace, language: str = "en") -> CheckContext:
    """The checks' context for this workspace: its `[qa.*]` settings and glossary. Raises
    CatalogError for an unreadable glossary."""
    return CheckContext(ws.settings.qa, glossary_for(ws), language)


def article_findings(ws: Workspace, slug: str, language: str = "en") -> list[Finding]:
    """Every finding of the article in document order, silenced ones included (flagged).
    Raises NotFoundError, CatalogError."""
    return check_article(ws.load(slug), qa_context(ws, language))


def segment_findings(
    ws: Workspace, slug: str, segment_id: SegmentId | str, language: str = "en"
) -> list[Finding]:
    """The findings of one segment as it is saved (the first-mention rule judged on the
    segments before it). Raises NotFoundError, CatalogError, UsageError (bad segment id)."""
    return check_segment(ws.load(slug), segment_id, qa_context(ws, language))


def check_articles(
    ws: Workspace, slugs: Sequence[str] = (), language: str = "en", jobs: int | None = None
) -> list[Finding]:
    """Findings for the named articles (or every article), in document order per article and
    in the order of `slugs`. Many articles are checked in parallel processes (`jobs`, default
    one per CPU). Raises NotFoundError for an unknown slug, CatalogError for an unreadable
    catalog (naming it)."""
    names = list(slugs) or ws.slugs()
    for slug in names:
        if not ws.exists(slug):
            raise NotFoundError(f"no article '{slug}' in this workspace")
    workers = max(1, min(jobs or os.cpu_count() or 1, len(names)))
    if workers == 1 or len(names) < PARALLEL_FROM:
        ctx = qa_context(ws, language)
        return [f for slug in names for f in check_article(ws.load(slug), ctx)]
    size = max(1, min(32, len(names) // (workers * 4)))
    chunks = [names[i : i + size] for i in range(0, len(names), size)]
    qa_context(ws, language)  # a bad glossary fails here, once, not in every worker
    if _fork_available():
        # Load the dictionaries once; forked workers share them.
        from cipbilingual.qa.lexicon import lexicon

        lexicon()
    pool = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=_context(),
        initializer=_init_worker,
        initargs=(str(ws.root), language),
    )
    findings: list[Finding] = []
    with pool:
        for outcome in pool.map(_check_chunk, chunks):
            if isinstance(outcome, _Failure):
                raise outcome.error()
            findings.extend(outcome)
    return findings


class _Failure:
    """A cipbilingual error in a worker, carried back as plain data (exceptions with keyword
    arguments do not survive pickling)."""

    def __init__(self, exc: CipError) -> None:
        self.kind = type(exc).__name__
        self.message = exc.message
        self.hint = exc.hint

    def error(self) -> CipError:
        from cipbilingual import errors

        cls = getattr(errors, self.kind, CipError)
        try:
            error: CipError = cls(self.message, hint=self.hint)
            return error
        except TypeError:
            return CipError(self.message, hint=self.hint)


_worker: tuple[Workspace, CheckContext] | None = None


def _init_worker(root: str, language: str) -> None:
    global _worker
    from pathlib import Path

    ws = Workspace.open(Path(root))
    _worker = (ws, qa_context(ws, language))


def _check_chunk(slugs: list[str]) -> list[Finding] | _Failure:
    assert _worker is not None
    ws, ctx = _worker
    try:
        return [f for slug in slugs for f in check_article(ws.load(slug), ctx)]
    except CipError as exc:
        return _Failure(exc)


def _fork_available() -> bool:
    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()


def _context() -> multiprocessing.context.BaseContext:
    return multiprocessing.get_context("fork" if _fork_available() else "spawn")


# -- silences ----------------------------------------------------------------------------------


def silence_finding(
    ws: Workspace, slug: str, segment_id: str, check: str, reason: str, person: str
) -> Silence:
    """Silence the `check` findings of one segment, for its present English, with a reason.
    Anyone in [people] may silence a warning; silencing an error takes an editor. Raises
    UsageError (unknown check, no reason, no finding of that check to silence),
    PermissionRefused, NotFoundError."""
    if check not in BY_NAME:
        raise UsageError(f"'{check}' is not a QA check", hint="`cipbilingual qa --list` names them")
    why = " ".join(reason.split())
    if not why:
        raise UsageError("silencing a finding needs a reason", hint="pass --reason TEXT")
    require_person(ws.settings, person)
    sid = SegmentId.parse(segment_id)
    ctx = qa_context(ws)
    with ws.edit(slug) as article:
        segment = article.segment(sid)
        found = [f for f in check_segment(article, sid, ctx) if f.check == check]
        if not found:
            raise UsageError(f"{sid} has no '{check}' finding to silence")
        if any(f.severity is Severity.ERROR for f in found):
            require_editor(ws.settings, person)
        digest = silence_digest(segment.source, segment.target)
        silence = Silence(check, person, now_iso(), digest, why)
        # One silence per check: the newest decision replaces an older (or stale) one.
        segment.silences = [s for s in segment.silences if s.check != check] + [silence]
    return silence


def unsilence_finding(ws: Workspace, slug: str, segment_id: str, check: str, person: str) -> bool:
    """Take back a silence; returns whether there was one. Raises PermissionRefused,
    NotFoundError, UsageError."""
    require_person(ws.settings, person)
    sid = SegmentId.parse(segment_id)
    with ws.edit(slug) as article:
        segment = article.segment(sid)
        before = len(segment.silences)
        segment.silences = [s for s in segment.silences if s.check != check]
        return len(segment.silences) != before
