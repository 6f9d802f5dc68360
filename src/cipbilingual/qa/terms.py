"""The glossary's checks (glossary-forbidden, glossary-first-mention, glossary-missing) as QA
issues; the rules themselves live in cipbilingual.glossary.checks."""

from __future__ import annotations

from cipbilingual.glossary.checks import CHECKS, GlossaryIssue, article_issues, pair_issues
from cipbilingual.models import Article, Segment, SegmentId
from cipbilingual.qa.base import CheckContext, Issue

NAMES = frozenset(CHECKS)


def _issue(found: GlossaryIssue) -> Issue:
    return Issue(found.check, found.message, found.params, found.severity)


def pair(source: str, target: str, ctx: CheckContext) -> list[Issue]:
    """A sentence pair on its own: forbidden variants and missing house English."""
    if ctx.glossary is None:
        return []
    return [_issue(i) for i in pair_issues(ctx.glossary, source, target)]


def article(
    article: Article, ctx: CheckContext, upto: SegmentId | None = None
) -> list[tuple[Segment, list[Issue]]]:
    """Segments in document order (up to `upto`) with their glossary issues, the first-mention
    rule judged across the body."""
    if ctx.glossary is None:
        return []
    return [
        (segment, [_issue(i) for i in issues])
        for segment, issues in article_issues(article, ctx.glossary, upto)
    ]
