"""Running the checks: which implementation serves which check, the workspace's settings (off,
severity), silences, headline exemptions, order, and messages in the reader's language."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Sequence

from cipbilingual.messages import render
from cipbilingual.models import Article, Finding, Segment, SegmentId, State
from cipbilingual.qa import figures, names, omission, postedit, spelling, style, terms, text
from cipbilingual.qa.base import CheckContext, Issue, SegmentRunner, Unit
from cipbilingual.qa.lexicon import lexicon, load_pinyin
from cipbilingual.qa.registry import BY_NAME, CHECKS

# Implementations, in the order they run; one function may serve several checks.
RUNNERS: tuple[tuple[frozenset[str], SegmentRunner], ...] = (
    (figures.NAMES, figures.check),
    (names.NAMES, names.check),
    (omission.NAMES, omission.check),
    (text.NAMES, text.check),
    (postedit.NAMES, postedit.check),
    (spelling.NAMES, spelling.check),
    (style.NAMES, style.check),
)
GATE = text.GATE
GLOSSARY = terms.NAMES
IMPLEMENTED = GATE | GLOSSARY | frozenset().union(*(n for n, _ in RUNNERS))
_ORDER = {spec.name: i for i, spec in enumerate(CHECKS)}


def _unit_issues(unit: Unit, ctx: CheckContext, glossary: Iterable[Issue]) -> list[Issue]:
    if not unit.target.strip():
        return []  # nothing translated yet: nothing to check
    if unit.segment is not None and unit.segment.state is State.NEW:
        return []
    gate = [i for i in text.gate(unit, ctx) if ctx.enabled(i.check)]
    if gate:
        return gate
    found: list[Issue] = []
    for run in ctx.per_settings(("runners",), lambda: _runners(ctx)):
        found.extend(run(unit, ctx))
    found.extend(glossary)
    return found


def _runners(ctx: CheckContext) -> list[SegmentRunner]:
    """The implementations that serve at least one enabled check, in order."""
    return [run for served, run in RUNNERS if any(ctx.enabled(name) for name in served)]


def _findings(
    slug: str, segment_id: str, segment: Segment | None, issues: Sequence[Issue], ctx: CheckContext
) -> list[Finding]:
    headline = segment is not None and segment.block == 0
    out: list[Finding] = []
    seen: set[tuple[str, str]] = set()
    for issue in sorted(issues, key=lambda i: _ORDER.get(i.check, len(_ORDER))):
        spec = BY_NAME.get(issue.check)
        if spec is None or not ctx.enabled(issue.check) or (headline and not spec.headline):
            continue
        message = render(issue.message, issue.params, ctx.language)
        if (issue.check, message) in seen:
            continue
        seen.add((issue.check, message))
        severity = ctx.check_settings(issue.check).severity or issue.severity or spec.severity
        silenced = segment.silence_for(issue.check) if segment is not None else None
        out.append(Finding(slug, segment_id, issue.check, severity, message, silenced, issue.fix))
    return out


def _glossary_on(ctx: CheckContext) -> bool:
    return ctx.glossary is not None and any(ctx.enabled(n) for n in GLOSSARY)


def check_pair(source: str, target: str, ctx: CheckContext, date: str = "") -> list[Finding]:
    """Findings for a sentence pair outside any article (no first-mention rule, no silences,
    no machine draft). `date` (ISO 8601) resolves 去年/今年 when given."""
    article = None
    if date:
        from cipbilingual.models import ArticleMeta

        article = Article(ArticleMeta("", date=date), [], [])
    glossary = terms.pair(source, target, ctx) if _glossary_on(ctx) else []
    issues = _unit_issues(Unit(source, target, None, article), ctx, glossary)
    return _findings("", "", None, issues, ctx)


class Stopped(Exception):
    """`check_article` was told to stop (its `should_stop` said so) before it was done."""


def check_article(
    article: Article, ctx: CheckContext, *, should_stop: Callable[[], bool] | None = None
) -> list[Finding]:
    """Every finding of the article, silenced ones included (flagged), segments in document
    order and each segment's findings in the order of the registry. With `should_stop`, asked
    between segments (and between Harper's batches), raises Stopped once it says so: a
    20,000-segment article's check is a minute that the UI must be able to abandon."""
    glossary: dict[SegmentId, list[Issue]] = {}
    if _glossary_on(ctx):
        glossary = {segment.id: issues for segment, issues in terms.article(article, ctx)}
    if any(ctx.enabled(name) for name in spelling.NAMES):
        spelling.prepare_article(article, ctx, should_stop)  # Harper once for the article
    findings: list[Finding] = []
    for segment in article.segments:  # document order
        if should_stop is not None and should_stop():
            raise Stopped
        unit = Unit(segment.source, segment.target, segment, article)
        issues = _unit_issues(unit, ctx, glossary.get(segment.id, []))
        findings.extend(_findings(article.slug, str(segment.id), segment, issues, ctx))
    return findings


def check_segment(
    article: Article, segment_id: SegmentId | str, ctx: CheckContext, text: str | None = None
) -> list[Finding]:
    """The findings of one segment of `article`, as if its English were `text` when given (the
    UI checks as the translator types). The first-mention rule is judged on the segments before
    it. Raises NotFoundError for an unknown segment."""
    segment = article.segment(segment_id)
    if text is not None and text != segment.target:
        probe = dataclasses.replace(segment, target=text)
        if probe.state is State.NEW and text.strip():
            probe.state = State.DRAFT
        segments = [probe if s.id == segment.id else s for s in article.segments]
        article = dataclasses.replace(article, segments=segments)
        segment = probe
    glossary: list[Issue] = []
    if _glossary_on(ctx):
        for seg, issues in terms.article(article, ctx, upto=segment.id):
            if seg.id == segment.id:
                glossary = issues
    unit = Unit(segment.source, segment.target, segment, article)
    return _findings(article.slug, str(segment.id), segment, _unit_issues(unit, ctx, glossary), ctx)


def prepare(ctx: CheckContext) -> None:
    """Load now what the enabled checks will need (jieba's words, CC-CEDICT, pinyin: half a
    second; Harper's linter: a second), e.g. before forking processes that then share it.
    Raises ConfigError when one is not installed."""
    if any(ctx.enabled(name) for name in names.NAMES | omission.NAMES):
        ctx.resource("lexicon", lexicon)
        load_pinyin()
    if any(ctx.enabled(name) for name in spelling.NAMES):
        spelling.prepare(ctx)  # Harper's linter and the English word forms


def blocking(findings: Iterable[Finding]) -> list[Finding]:
    """The errors nobody silenced: what makes `qa` answer no."""
    return [f for f in findings if f.blocking]
