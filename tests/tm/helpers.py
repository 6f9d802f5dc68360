"""Articles built in memory for the TM tests."""

from __future__ import annotations

from collections.abc import Sequence

from cipbilingual.models import (
    Approval,
    Article,
    ArticleMeta,
    Block,
    BlockKind,
    Segment,
    SegmentId,
    State,
    approval_digest,
)


def make_article(
    slug: str,
    rows: Sequence[tuple[str, str, State]],
    *,
    approved_at: str = "2026-11-20T10:00:00Z",
) -> Article:
    """One title sentence then one paragraph per row after the first; approvals are valid."""
    segments: list[Segment] = []
    blocks: list[Block] = []
    for i, (source, target, state) in enumerate(rows):
        sid = SegmentId(i, 1)
        blocks.append(Block(i, BlockKind.TITLE if i == 0 else BlockKind.PARAGRAPH))
        approval = (
            Approval("wang", approved_at, approval_digest(sid, source, target))
            if state is State.APPROVED
            else None
        )
        segments.append(
            Segment(
                id=sid,
                source=source,
                target=target,
                state=state,
                translator="li" if target else "",
                translated_at="2026-11-19T09:00:00Z" if target else "",
                approval=approval,
            )
        )
    return Article(ArticleMeta(slug=slug, title=rows[0][0]), blocks, segments)
