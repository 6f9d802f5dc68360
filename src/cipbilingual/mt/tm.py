"""The `tm` drafting engine: English only from 101% and 100% memory matches, never guessed.

It lives beside the other engines so that imports point one way: the MT layer uses the
translation memory (`cipbilingual.tm`), which knows nothing of engines.

When exact matches disagree, the best-ranked one is drafted (in context first, approved before
translated, newest first) and a warning finding names every other English, so the translator
sees the choice; the segment stays a draft like every engine's output.
"""

from __future__ import annotations

from collections.abc import Sequence

from cipbilingual.models import Finding, Origin, Severity
from cipbilingual.mt.base import Draft, DraftRequest, Progress
from cipbilingual.tm.memory import TranslationMemory
from cipbilingual.tm.model import MatchKind, TMMatch
from cipbilingual.workspace import Workspace

CONFLICT_CHECK = "tm-conflict"
UNAPPROVED_CHECK = "tm-unapproved"


class TMEngine:
    """Drafts from the translation memory's exact and in-context matches only."""

    name = "tm"

    def __init__(self, memory: TranslationMemory) -> None:
        self.memory = memory

    @classmethod
    def for_workspace(cls, ws: Workspace) -> TMEngine:
        """The engine over the workspace's memory, brought up to date first."""
        from cipbilingual.tm.workspace import open_memory

        return cls(open_memory(ws))

    def describe(self) -> str:
        stats = self.memory.stats()
        return (
            f"tm: translation memory, {stats.units} units ({stats.by_state['approved']} approved)"
        )

    def translate(
        self, requests: Sequence[DraftRequest], progress: Progress | None = None
    ) -> list[Draft | None]:
        """One entry per request: a draft from the best exact match, or None without one.
        Findings carry the segment id and an empty slug (the caller knows the article)."""
        out: list[Draft | None] = []
        for request in requests:
            matches = self.memory.exact(request.source, before=request.before, after=request.after)
            out.append(_draft(request, matches) if matches else None)
            if progress is not None:
                progress(1)
        return out


def _draft(request: DraftRequest, matches: list[TMMatch]) -> Draft:
    best = matches[0]
    findings: list[Finding] = []
    others = [m for m in matches[1:] if m.target != best.target]
    if others:
        alternatives = "; ".join(f"“{m.target}” ({m.unit.origin}, {m.unit.state})" for m in others)
        findings.append(
            Finding(
                slug="",
                segment=request.segment_id,
                check=CONFLICT_CHECK,
                severity=Severity.WARNING,
                message=f"the memory holds other English for this sentence: {alternatives}",
            )
        )
    if best.unit.rank > 0:
        findings.append(
            Finding(
                slug="",
                segment=request.segment_id,
                check=UNAPPROVED_CHECK,
                severity=Severity.WARNING,
                message=f"drafted from {best.unit.origin}, which no editor has approved yet",
            )
        )
    score = 101.0 if best.kind is MatchKind.IN_CONTEXT else 100.0
    return Draft(
        text=best.target,
        origin=Origin(engine="tm", detail=str(best.unit.origin), score=score),
        findings=tuple(findings),
    )
