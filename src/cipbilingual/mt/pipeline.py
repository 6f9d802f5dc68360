"""What every MT engine does around its model: protect glossary terms, cut over-long segments,
batch, choose among the n-best, restore the terms, and say what could not be ensured."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from cipbilingual.errors import EngineError
from cipbilingual.models import Finding, Origin, Severity, TermMatch
from cipbilingual.mt.base import Draft, DraftRequest, Progress
from cipbilingual.mt.protect import (
    Protected,
    Restoration,
    WordAlignment,
    count_kept,
    protect,
    restore,
)
from cipbilingual.mt.rerank import cjk_count, find_loop, has_cjk, number_agreement
from cipbilingual.mt.split import split_long


@dataclass(frozen=True)
class Hypothesis:
    """One of an engine's candidate Englishes for one part, best first as the engine sees it."""

    text: str
    score: float | None = None  # mean log-probability per token, where the engine gives one
    # Computes the word alignment on demand (only needed when a term must be placed).
    aligner: Callable[[], WordAlignment | None] | None = field(default=None, compare=False)


class Backend(Protocol):
    """The model side of an engine: English candidates for protected texts."""

    limit: int  # the most `measure` units one part may have

    def measure(self, text: str) -> int:
        """The size of `text` in the unit `limit` counts (pieces, characters)."""
        ...

    def generate(self, parts: Sequence[Protected]) -> list[list[Hypothesis]]:
        """Candidates for each part, in order; raises EngineError."""
        ...


@dataclass
class _Job:
    index: int
    request: DraftRequest
    parts: list[Protected]
    rejected: list[TermMatch]
    results: list[tuple[Restoration, Hypothesis] | None] = field(default_factory=list)


def _finding(request: DraftRequest, check: str, message: str) -> Finding:
    # The engine does not know the article; the workflow fills in the slug.
    return Finding("", request.segment_id, check, Severity.WARNING, message)


def _rank(part: Protected, hyp: Hypothesis, index: int) -> tuple[float, ...]:
    found, fixed = count_kept(hyp.text, part)
    return (
        len(part.slots) - found,
        fixed,
        1 if find_loop(hyp.text) else 0,
        1 if has_cjk(hyp.text) else 0,
        1.0 - number_agreement(part.text, hyp.text),
        -(hyp.score if hyp.score is not None else 0.0),
        index,
    )


def choose(part: Protected, hypotheses: Sequence[Hypothesis]) -> tuple[Restoration, Hypothesis]:
    """The candidate that keeps the most terms, then avoids forbidden variants, loops and left-over
    Chinese, then agrees on numbers, then scores best; with its terms restored."""
    if not hypotheses:
        hypotheses = [Hypothesis("")]
    best = hypotheses[0]
    if len(hypotheses) > 1:
        top = _rank(part, best, 0)
        # The engine's first choice wins unless it has a flaw another candidate might not have.
        if any(top[:5]):
            ranks = [top, *(_rank(part, h, i) for i, h in enumerate(hypotheses[1:], 1))]
            best = hypotheses[min(range(len(ranks)), key=ranks.__getitem__)]
    return restore(best.text, part, best.aligner), best


def draft_all(
    requests: Sequence[DraftRequest],
    backend: Backend,
    origin: Callable[[float | None], Origin],
    *,
    progress: Progress | None = None,
    parts_per_call: int = 64,
) -> list[Draft | None]:
    """Draft every request through `backend`: one Draft per request, None for an empty source or
    when the engine gave no English at all.
    Calls `progress` with the number of requests finished after each call to the backend."""
    jobs: list[_Job] = []
    drafts: list[Draft | None] = [None] * len(requests)
    done_empty = 0
    for i, request in enumerate(requests):
        if not request.source.strip():
            done_empty += 1
            continue
        protected, rejected = protect(request.source, request.terms)
        parts = split_long(protected, backend.measure, backend.limit)
        jobs.append(_Job(i, request, parts, rejected, [None] * len(parts)))
    if progress and done_empty:
        progress(done_empty)
    flat = [(job, k) for job in jobs for k in range(len(job.parts))]
    step = max(1, parts_per_call)
    reported = 0
    finished = 0
    for start in range(0, len(flat), step):
        chunk = flat[start : start + step]
        candidates = backend.generate([job.parts[k] for job, k in chunk])
        if len(candidates) != len(chunk):
            raise EngineError(f"the engine answered {len(candidates)} texts for {len(chunk)}")
        for (job, k), hyps in zip(chunk, candidates, strict=True):
            job.results[k] = choose(job.parts[k], hyps)
        while finished < len(jobs) and all(r is not None for r in jobs[finished].results):
            drafts[jobs[finished].index] = _finish(jobs[finished], origin)
            finished += 1
        if progress and finished > reported:
            progress(finished - reported)
            reported = finished
    return drafts


def _finish(job: _Job, origin: Callable[[float | None], Origin]) -> Draft | None:
    request = job.request
    findings: list[Finding] = []
    texts: list[str] = []
    scores: list[float] = []
    for result in job.results:
        assert result is not None
        restoration, hyp = result
        texts.append(restoration.text)
        if hyp.score is not None:
            scores.append(hyp.score)
        how = "by alignment" if restoration.by_alignment else "by position"
        for slot in restoration.placed:
            findings.append(
                _finding(
                    request,
                    "mt-term-placed",
                    f"the engine lost the glossary term {slot.term.source} → {slot.english}; "
                    f"it was put in {how}: check where it stands",
                )
            )
    for match in job.rejected:
        findings.append(
            _finding(
                request,
                "mt-term-unprotected",
                f"the glossary term {match.term.source} → {match.term.target} overlaps another "
                "term or lies outside the sentence and was not protected",
            )
        )
    text = " ".join(t for t in texts if t)
    if len(job.parts) > 1:
        findings.append(
            _finding(
                request,
                "mt-long-segment",
                f"the segment ({len(request.source)} characters) was too long for the engine "
                f"and was translated in {len(job.parts)} parts: check the joins",
            )
        )
    loop = find_loop(text)
    if loop:
        findings.append(
            _finding(request, "mt-repetition", f"the engine's English repeats itself: '{loop}'")
        )
    if cjk_count(text):
        findings.append(
            _finding(request, "mt-untranslated", "the engine left Chinese in the English")
        )
    if not text:
        return None  # nothing to offer: the segment stays as it is
    score = None
    if scores and len(scores) == len(job.parts):
        score = round(math.exp(sum(scores) / len(scores)), 4)
    return Draft(text, origin(score), tuple(findings))
