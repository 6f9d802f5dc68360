"""Quality checks on an article's English: a registry of named checks, each with a default
severity, run over segments in document order. See docs/qa.md.

    ctx = CheckContext(settings.qa, glossary, language="zh_CN")
    check_article(article, ctx)          # every finding, silenced ones flagged
    check_segment(article, "p1.s2", ctx, text="as typed")
    check_pair("园区新增项目17个。", "The Park added 71 projects.", ctx)

Names are loaded on first use, so that reading `cipbilingual.toml` (which validates `[qa.*]`
against the registry) stays cheap for commands that never check anything.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cipbilingual.qa.base import (
        CheckContext as CheckContext,
    )
    from cipbilingual.qa.base import (
        Issue as Issue,
    )
    from cipbilingual.qa.base import (
        Unit as Unit,
    )
    from cipbilingual.qa.engine import (
        blocking as blocking,
    )
    from cipbilingual.qa.engine import (
        check_article as check_article,
    )
    from cipbilingual.qa.engine import (
        check_pair as check_pair,
    )
    from cipbilingual.qa.engine import (
        check_segment as check_segment,
    )
    from cipbilingual.qa.postedit import (
        post_edit_chrf as post_edit_chrf,
    )
    from cipbilingual.qa.registry import (
        BY_NAME as BY_NAME,
    )
    from cipbilingual.qa.registry import (
        CHECKS as CHECKS,
    )
    from cipbilingual.qa.registry import (
        CheckSpec as CheckSpec,
    )
    from cipbilingual.qa.registry import (
        Param as Param,
    )
    from cipbilingual.qa.registry import (
        spec as spec,
    )

_WHERE = {
    "CheckContext": "base",
    "Issue": "base",
    "Unit": "base",
    "blocking": "engine",
    "check_article": "engine",
    "check_pair": "engine",
    "check_segment": "engine",
    "post_edit_chrf": "postedit",
    "BY_NAME": "registry",
    "CHECKS": "registry",
    "CheckSpec": "registry",
    "Param": "registry",
    "spec": "registry",
}

__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'cipbilingual.qa' has no attribute '{name}'")
    return getattr(importlib.import_module(f"cipbilingual.qa.{module}"), name)
