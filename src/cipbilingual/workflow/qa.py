"""The `qa` use case: every check on an article's English, glossary included."""

from __future__ import annotations

from collections.abc import Sequence

from cipbilingual import qa
from cipbilingual.glossary import check_article as glossary_findings
from cipbilingual.models import Finding
from cipbilingual.workflow.glossary import glossary_for
from cipbilingual.workspace import Workspace


def check_articles(ws: Workspace, slugs: Sequence[str] = ()) -> list[Finding]:
    """Findings for the named articles (or every article), in document order per article.
    Raises NotFoundError for an unknown slug, CatalogError for an unreadable catalog."""
    glossary = glossary_for(ws)
    findings: list[Finding] = []
    for slug in slugs or ws.slugs():
        article = ws.load(slug)
        extra = glossary_findings(article, glossary)
        findings.extend(qa.check_article(article, ws.settings.qa, extra))
    return findings
