"""Quality checks on an article's English: a registry of named checks, each with a default
severity, run over segments in document order. See docs/qa.md.

    ctx = CheckContext(settings.qa, glossary, language="zh_CN")
    check_article(article, ctx)          # every finding, silenced ones flagged
    check_segment(article, "p1.s2", ctx, text="as typed")
    check_pair("园区新增项目17个。", "The Park added 71 projects.", ctx)
"""

from __future__ import annotations

from cipbilingual.qa.base import CheckContext, Issue, Unit
from cipbilingual.qa.engine import blocking, check_article, check_pair, check_segment
from cipbilingual.qa.postedit import post_edit_chrf
from cipbilingual.qa.registry import BY_NAME, CHECKS, CheckSpec, Param, spec

__all__ = [
    "BY_NAME",
    "CHECKS",
    "CheckContext",
    "CheckSpec",
    "Issue",
    "Param",
    "Unit",
    "blocking",
    "check_article",
    "check_pair",
    "check_segment",
    "post_edit_chrf",
    "spec",
]
