"""Machine drafting of whole articles: the use case behind `cipbilingual draft` and the UI's
draft action. Fills only `new` segments (and `needs_work` ones when asked), saves after every
batch through `Workspace.edit`, and stops cleanly between batches."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from cipbilingual.errors import NotFoundError
from cipbilingual.history import recording
from cipbilingual.models import Act, Article, Finding, Segment, Severity, State, TermMatch
from cipbilingual.mt.base import Draft, DraftRequest, Engine
from cipbilingual.text import describe_character, refused_character
from cipbilingual.workspace import Workspace

DraftProgress = Callable[[int, int], None]
"""Called with (segments done so far, segments to do) in this run, after each batch."""

ShouldStop = Callable[[], bool]
"""Asked before each batch; True stops the run, keeping what was drafted."""

Matcher = Callable[[str], Sequence[TermMatch]]
"""Glossary terms in a Chinese text."""

BATCH = 128  # segments per engine call and per save: a few seconds of work with a real model


@dataclass
class DraftReport:
    """What drafting one article did."""

    slug: str
    engine: str  # the engine's one-line description
    candidates: int = 0  # segments that were to be drafted
    drafted: list[str] = field(default_factory=list)  # ids that are now drafts
    skipped: list[str] = field(default_factory=list)  # the engine had nothing (empty, no TM match)
    changed: list[str] = field(default_factory=list)  # edited by someone else meanwhile: left alone
    findings: list[Finding] = field(default_factory=list)
    interrupted: bool = False

    def to_json(self) -> dict[str, object]:
        return {
            "slug": self.slug,
            "engine": self.engine,
            "candidates": self.candidates,
            "drafted": self.drafted,
            "skipped": self.skipped,
            "changed": self.changed,
            "interrupted": self.interrupted,
            "findings": [f.to_json() for f in self.findings],
        }


def _wanted(segment: Segment, include_needs_work: bool) -> bool:
    return segment.state is State.NEW or (include_needs_work and segment.state is State.NEEDS_WORK)


def glossary_matcher(ws: Workspace) -> Matcher:
    """The workspace glossary's matcher (leftmost-longest terms in a Chinese text). Raises like
    `cipbilingual.workflow.glossary.load_glossary` on an unreadable glossary."""
    from cipbilingual.workflow.glossary import glossary_for

    return glossary_for(ws).find


def requests_for(
    article: Article, segments: Sequence[Segment], matcher: Matcher | None
) -> list[DraftRequest]:
    """A DraftRequest per segment, with its neighbours and glossary terms. A term whose first
    mention must be in full ("Full Form (ABBR)") gets that only where the body first mentions it,
    as the glossary check (`glossary-first-mention`) wants; the title is exempt and later mentions
    are marked as such, so the engine may use the abbreviation."""
    wanted = {s.id for s in segments}
    seen: set[tuple[str, str]] = set()
    requests: list[DraftRequest] = []
    ordered = article.segments
    for i, seg in enumerate(ordered):
        matches = list(matcher(seg.source)) if matcher and seg.source.strip() else []
        terms: list[TermMatch] = []
        title = seg.block == 0
        for match in sorted(matches, key=lambda m: m.start):
            key = (match.term.source, match.term.sense)
            if match.term.full_form_first and (title or key in seen):
                term = dataclasses.replace(match.term, full_form_first=False)
                match = dataclasses.replace(match, term=term)
            if not title:
                seen.add(key)
            terms.append(match)
        if seg.id in wanted:
            requests.append(
                DraftRequest(
                    str(seg.id),
                    seg.source,
                    before=ordered[i - 1].source if i else "",
                    after=ordered[i + 1].source if i + 1 < len(ordered) else "",
                    terms=tuple(terms),
                )
            )
    return requests


def _apply(
    ws: Workspace,
    slug: str,
    batch: Sequence[DraftRequest],
    drafts: Sequence[Draft | None],
    include_needs_work: bool,
    report: DraftReport,
    person: str,
) -> None:
    """Save a batch: lock, reload, and write each draft only to a segment that still wants one
    and whose Chinese is unchanged, so nobody's English written meanwhile is overwritten. Each
    draft is recorded in the history as asked for by `person`."""
    with ws.edit(slug) as article:
        by_id = {str(s.id): s for s in article.segments}
        for request, draft in zip(batch, drafts, strict=True):
            segment = by_id.get(request.segment_id)
            if draft is None:
                report.skipped.append(request.segment_id)
                continue
            bad = _unstorable(draft)
            if bad is not None:
                # One engine answer (or memory unit) the text rule refuses costs one segment,
                # never the article: the segment stays as it was and the finding says why.
                report.skipped.append(request.segment_id)
                report.findings.append(
                    Finding(
                        slug,
                        request.segment_id,
                        "engine-output",
                        Severity.WARNING,
                        f"the draft held {describe_character(bad)}; not drafted",
                    )
                )
                continue
            if (
                segment is None
                or segment.source != request.source
                or not _wanted(segment, include_needs_work)
            ):
                report.changed.append(request.segment_id)
                continue
            with recording(article, Act.DRAFT, segment, person):
                segment.target = draft.text
                segment.machine_draft = draft.text
                segment.origin = draft.origin
                segment.state = State.DRAFT
            report.drafted.append(request.segment_id)
            report.findings.extend(dataclasses.replace(f, slug=slug) for f in draft.findings)


def _unstorable(draft: Draft) -> str | None:
    for text in (draft.text, draft.origin.engine, draft.origin.detail):
        bad = refused_character(text)
        if bad is not None:
            return bad
    return None


def _run(
    ws: Workspace,
    work: Sequence[tuple[str, list[DraftRequest]]],
    engine: Engine,
    include_needs_work: bool,
    progress: DraftProgress | None,
    should_stop: ShouldStop | None,
    person: str,
) -> list[DraftReport]:
    total = sum(len(requests) for _, requests in work)
    done = 0
    reports: list[DraftReport] = []
    stopped = False
    for slug, requests in work:
        report = DraftReport(slug, engine.describe(), candidates=len(requests))
        reports.append(report)
        for start in range(0, len(requests), BATCH):
            if stopped or (should_stop is not None and should_stop()):
                report.interrupted = stopped = True
                break
            batch = requests[start : start + BATCH]

            within = [0]  # segments the engine reported finished in this batch

            def advance(n: int, base: int = done, within: list[int] = within) -> None:
                within[0] += n
                if progress is not None:
                    progress(min(base + within[0], total), total)

            try:
                drafts = engine.translate(batch, progress=advance)
            except KeyboardInterrupt:
                # Ctrl-C: every earlier batch is saved already; this one is dropped whole.
                report.interrupted = stopped = True
                break
            _apply(ws, slug, batch, drafts, include_needs_work, report, person)
            done += len(batch)
            if progress is not None and within[0] < len(batch):
                progress(done, total)
        if stopped:
            report.interrupted = True
    return reports


def draft_article(
    ws: Workspace,
    slug: str,
    engine: Engine,
    *,
    include_needs_work: bool = False,
    progress: DraftProgress | None = None,
    should_stop: ShouldStop | None = None,
    matcher: Matcher | None = None,
    person: str = "",
) -> DraftReport:
    """Draft the `new` segments of one article (and `needs_work` ones if asked) with `engine`,
    saving after each batch; never touches translated or approved English. On Ctrl-C or
    `should_stop()`, returns with `interrupted` set and what was drafted saved. Each draft is
    recorded in the history as asked for by `person` ('' when nobody is named). Raises
    NotFoundError, EngineError."""
    article = ws.load(slug)
    glossary = matcher if matcher is not None else glossary_matcher(ws)
    segments = [s for s in article.segments if _wanted(s, include_needs_work)]
    requests = requests_for(article, segments, glossary)
    work = [(slug, requests)]
    return _run(ws, work, engine, include_needs_work, progress, should_stop, person)[0]


def draft_all(
    ws: Workspace,
    engine: Engine,
    *,
    slugs: Sequence[str] | None = None,
    include_needs_work: bool = False,
    progress: DraftProgress | None = None,
    should_stop: ShouldStop | None = None,
    matcher: Matcher | None = None,
    person: str = "",
) -> list[DraftReport]:
    """`draft_article` for every article (or those in `slugs`), one progress count across all.
    Articles with nothing to draft get an empty report. Raises NotFoundError, EngineError."""
    names = list(slugs) if slugs is not None else ws.slugs()
    for slug in names:
        if not ws.exists(slug):
            raise NotFoundError(f"no article '{slug}'", hint="'cipbilingual status' lists them")
    glossary = matcher if matcher is not None else glossary_matcher(ws)
    work: list[tuple[str, list[DraftRequest]]] = []
    for slug in names:
        article = ws.load(slug)
        segments = [s for s in article.segments if _wanted(s, include_needs_work)]
        work.append((slug, requests_for(article, segments, glossary)))
    return _run(ws, work, engine, include_needs_work, progress, should_stop, person)
