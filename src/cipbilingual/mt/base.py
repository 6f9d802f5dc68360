"""The engine interface every drafting engine implements: argos, libretranslate, tm."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from cipbilingual.models import Finding, Origin, TermMatch

Progress = Callable[[int], None]
"""Called with the number of requests finished since the last call."""


@dataclass(frozen=True)
class DraftRequest:
    """One segment to draft: its id, its Chinese, its neighbours, and the glossary terms in it."""

    segment_id: str
    source: str
    before: str = ""  # previous segment's source, for engines that use context (TM 101%)
    after: str = ""  # next segment's source
    terms: tuple[TermMatch, ...] = ()


@dataclass(frozen=True)
class Draft:
    """An engine's English for one request, what produced it, and anything it could not ensure."""

    text: str
    origin: Origin
    findings: tuple[Finding, ...] = field(default=())


class Engine(Protocol):
    """A drafting engine. `translate` returns one entry per request, in order; None where the
    engine has nothing to offer (the TM engine without an exact match). Raises EngineError."""

    name: str

    def describe(self) -> str:
        """One line naming the engine and its model or server, for `mt list` and origins."""
        ...

    def translate(
        self, requests: Sequence[DraftRequest], progress: Progress | None = None
    ) -> list[Draft | None]: ...
