"""The `qa` use case: every check on an article's English, glossary included, and the
article's completeness against its kept source."""

from __future__ import annotations

from collections.abc import Sequence

from cipbilingual import qa
from cipbilingual.glossary import Glossary
from cipbilingual.glossary import check_article as glossary_findings
from cipbilingual.models import Article, Finding
from cipbilingual.workflow.glossary import glossary_for
from cipbilingual.workspace import Workspace


def article_findings(
    ws: Workspace, article: Article, glossary: Glossary | None = None
) -> list[Finding]:
    """The QA findings of one loaded article (segment checks and glossary), in document order."""
    extra = glossary_findings(article, glossary if glossary is not None else glossary_for(ws))
    return qa.check_article(article, ws.settings.qa, extra)


def check_articles(ws: Workspace, slugs: Sequence[str] = ()) -> list[Finding]:
    """Findings for the named articles (or every article): first what the kept source says is
    missing, extra or changed in the catalog, then the QA findings in document order.
    Raises NotFoundError for an unknown slug, CatalogError for an unreadable catalog."""
    from cipbilingual.workflow.completeness import source_findings

    glossary = glossary_for(ws)
    findings: list[Finding] = []
    for slug in slugs or ws.slugs():
        article = ws.load(slug)
        findings.extend(source_findings(ws, article))
        findings.extend(article_findings(ws, article, glossary))
    return findings
