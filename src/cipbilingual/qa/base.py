"""What a check receives and returns: the pair it judges (`Unit`), the run's context
(`CheckContext`) and what it found (`Issue`)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar, cast

from cipbilingual.config import CheckSettings, QASettings
from cipbilingual.models import Article, Fix, Segment, Severity
from cipbilingual.qa.registry import BY_NAME, ParamValue

if TYPE_CHECKING:
    from cipbilingual.glossary import Glossary

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
T = TypeVar("T")


@dataclass(frozen=True)
class Issue:
    """One problem a check found. `message` is an English template marked with N_ whose
    `{fields}` come from `params`; `severity`, when set, is this issue's own (a weaker or
    stronger signal than the check's default). A workspace's `severity` setting overrides both.
    `fix`, when the check knows one, is the change to the English that settles it."""

    check: str
    message: str
    params: Mapping[str, str] = field(default_factory=dict)
    severity: Severity | None = None
    fix: Fix | None = None


@dataclass(frozen=True)
class Unit:
    """A sentence pair to judge, and where it stands: its segment and article when known."""

    source: str
    target: str
    segment: Segment | None = None
    article: Article | None = None
    _derived: dict[str, Any] = field(default_factory=dict, init=False, repr=False, compare=False)

    def derived(self, key: str, compute: Callable[[], T]) -> T:
        """What several checks derive from this pair (the glossary's terms in the Chinese, the
        stems of the English), computed once, by the first check that asks."""
        if key in self._derived:
            return cast(T, self._derived[key])
        value = self._derived[key] = compute()
        return value

    @property
    def headline(self) -> bool:
        return self.segment is not None and self.segment.block == 0

    @property
    def date(self) -> str:
        """The article's publication date (ISO 8601) or ''."""
        return self.article.meta.date if self.article is not None else ""


class CheckContext:
    """What a run of checks shares: settings, the glossary, the language of messages, and
    expensive resources (dictionaries) loaded at most once."""

    def __init__(
        self,
        settings: QASettings | None = None,
        glossary: Glossary | None = None,
        language: str = "en",
        *,
        errors_only: bool = False,
    ) -> None:
        self.settings = settings or QASettings()
        self.glossary = glossary
        self.language = language
        # Only the checks whose findings can be errors run (the publish gate's question: what
        # blocks?): spelling, style and the other warnings, and the dictionaries only they
        # need, are left out. A check's findings are never more severe than its severity.
        self.errors_only = errors_only
        self._resources: dict[str, Any] = {}
        self._memo: tuple[QASettings, dict[Any, Any]] = (self.settings, {})

    def per_settings(self, key: Any, compute: Callable[[], T]) -> T:
        """`compute()` once for these settings (asked a score of times per segment: which checks
        are on, their thresholds); computed again when `settings` is replaced. A key is a tuple
        (a check's name is the key of its settings)."""
        settings, memo = self._memo
        if settings is not self.settings:
            self._memo = settings, memo = self.settings, {}
        if key in memo:
            return cast(T, memo[key])
        value = memo[key] = compute()
        return value

    def check_settings(self, name: str) -> CheckSettings:
        settings, memo = self._memo
        if settings is self.settings and name in memo:  # a check's settings: keyed by its name
            return cast(CheckSettings, memo[name])
        return self.per_settings(name, lambda: self.settings.for_check(name))

    def enabled(self, name: str) -> bool:
        if not self.errors_only:
            return self.check_settings(name).enabled
        return self.per_settings(("errors-only", name), lambda: self._can_block(name))

    def _can_block(self, name: str) -> bool:
        settings = self.check_settings(name)
        severity = settings.severity or BY_NAME[name].severity
        return settings.enabled and severity is Severity.ERROR

    def param(self, check: str, name: str) -> ParamValue:
        value = self.check_settings(check).params.get(name)
        if value is None:
            value = BY_NAME[check].params[name].default
        return value

    def choice(self, check: str, name: str) -> str:
        value = self.param(check, name)
        assert isinstance(value, str)
        return value

    def flag(self, check: str, name: str) -> bool:
        value = self.param(check, name)
        assert isinstance(value, bool)
        return value

    def words(self, check: str, name: str) -> tuple[str, ...]:
        value = self.param(check, name)
        assert isinstance(value, tuple)
        return value

    def number(self, check: str, name: str) -> float:
        return self.per_settings(("number", check, name), lambda: self._number(check, name))

    def _number(self, check: str, name: str) -> float:
        value = self.param(check, name)
        assert isinstance(value, int | float) and not isinstance(value, bool)
        return float(value)

    def resource(self, key: str, load: Callable[[], Any]) -> Any:
        """`load()` once per context (dictionaries, word segmenters)."""
        if key not in self._resources:
            self._resources[key] = load()
        return self._resources[key]


def glossary_spans(unit: Unit, ctx: CheckContext) -> list[tuple[int, int]]:
    """Where the glossary's terms stand in the Chinese (the names and omission checks leave
    them to the glossary's checks); [] without a glossary."""
    glossary = ctx.glossary
    if glossary is None:
        return []
    return unit.derived(
        "glossary-spans", lambda: [(m.start, m.end) for m in glossary.find(unit.source)]
    )


SegmentRunner = Callable[[Unit, CheckContext], Iterable[Issue]]
