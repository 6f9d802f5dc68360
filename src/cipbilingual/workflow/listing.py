"""The `show` use case: an article's segments as rows for scripts and people."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from cipbilingual.models import Article, Segment, State
from cipbilingual.workspace import Workspace


@dataclass(frozen=True)
class SegmentRow:
    """One segment as `show` lists it."""

    segment: Segment
    findings: int  # QA findings (errors and warnings) on the segment

    def to_json(self) -> dict[str, object]:
        seg = self.segment
        origin = None
        if seg.origin is not None:
            origin = {
                "engine": seg.origin.engine,
                "detail": seg.origin.detail,
                "score": seg.origin.score,
            }
        return {
            "id": str(seg.id),
            "block": seg.block,
            "source": seg.source,
            "target": seg.target,
            "state": str(seg.state),
            "origin": origin,
            "translator": seg.translator,
            "translated_at": seg.translated_at,
            "approver": seg.approval.by if seg.approval else "",
            "approved_at": seg.approval.at if seg.approval else "",
            "reason": seg.reason,
            "findings": self.findings,
            "conflict": seg.conflict is not None,
        }


@dataclass(frozen=True)
class Listing:
    article: Article
    rows: list[SegmentRow]

    def to_json(self) -> dict[str, object]:
        return {
            "slug": self.article.slug,
            "title": self.article.meta.title,
            "segments": [row.to_json() for row in self.rows],
        }


def list_segments(ws: Workspace, slug: str, states: Sequence[State] = ()) -> Listing:
    """Every segment of the article in document order (only those in `states` when given),
    each with its QA findings count. Raises NotFoundError, CatalogError."""
    from cipbilingual.workflow.qa import check_articles

    article = ws.load(slug)
    counts = Counter(f.segment for f in check_articles(ws, [slug]))
    wanted = set(states)
    rows = [
        SegmentRow(seg, counts.get(str(seg.id), 0))
        for seg in article.segments
        if not wanted or seg.state in wanted
    ]
    return Listing(article, rows)
