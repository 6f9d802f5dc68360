"""The translation memory's vocabulary: units (one remembered sentence pair), where they came
from, and matches (a unit found for a query, with score, character diff and number warnings)."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from cipbilingual.models import State

IN_CONTEXT_SCORE = 101
EXACT_SCORE = 100


class OriginKind(StrEnum):
    ARTICLE = "article"
    TMX = "tmx"


@dataclass(frozen=True)
class UnitOrigin:
    """Where a unit lives: an article segment (`name` slug, `ref` segment id) or a TMX file in
    the workspace's tm/ folder (`name` file name, `ref` the unit's tuid or its position)."""

    kind: OriginKind
    name: str
    ref: str

    def __str__(self) -> str:
        if self.kind is OriginKind.ARTICLE:
            return f"{self.name} {self.ref}"
        return f"{self.name}#{self.ref}"

    def to_json(self) -> dict[str, str]:
        return {"kind": str(self.kind), "name": self.name, "ref": self.ref}


# Lower is better: approved work (and imported TMX, which is assumed validated) outranks
# translations no editor has approved yet.
STATE_RANK: dict[State, int] = {State.APPROVED: 0, State.TRANSLATED: 1}


@dataclass(frozen=True)
class TMUnit:
    """One remembered pair: Chinese source, English target, its state (approved or translated),
    origin, date (ISO 8601) and the sources of its neighbours for in-context matches."""

    source: str
    target: str
    state: State
    origin: UnitOrigin
    date: str = ""
    before: str = ""
    after: str = ""

    @property
    def rank(self) -> int:
        return STATE_RANK.get(self.state, 2)

    def to_json(self) -> dict[str, object]:
        return {
            "source": self.source,
            "target": self.target,
            "state": str(self.state),
            "origin": self.origin.to_json(),
            "date": self.date,
        }


class MatchKind(StrEnum):
    IN_CONTEXT = "in_context"  # 101: same source and same neighbours
    EXACT = "exact"  # 100
    FUZZY = "fuzzy"  # min_score..99
    FRAGMENT = "fragment"  # long verbatim passages of a stored sentence cover min_score..99%


class DiffOp(StrEnum):
    EQUAL = "equal"
    DELETE = "delete"  # only in the matched source
    INSERT = "insert"  # only in the query
    REPLACE = "replace"


@dataclass(frozen=True)
class DiffChunk:
    """One run of a character diff from the matched source (`old`) to the query (`new`)."""

    op: DiffOp
    old: str
    new: str

    def to_json(self) -> dict[str, str]:
        return {"op": str(self.op), "old": self.old, "new": self.new}


@dataclass(frozen=True)
class NumberDifference:
    """A quantity that differs: `query` is in the new sentence, `match` in the matched source
    (either may be empty when the number has no counterpart)."""

    query: str
    match: str

    def __str__(self) -> str:
        return f"{self.query or '—'} vs {self.match or '—'}"

    def to_json(self) -> dict[str, str]:
        return {"query": self.query, "match": self.match}


@dataclass(frozen=True)
class TMMatch:
    """A unit found for a query. `score` is 101 (in context), 100 (exact) or the rounded-down
    character similarity; `conflict` marks an exact match whose English differs from another
    exact match's; `duplicates` counts other origins holding the very same pair."""

    unit: TMUnit
    score: int
    kind: MatchKind
    diff: tuple[DiffChunk, ...]
    numbers: tuple[NumberDifference, ...] = ()
    conflict: bool = False
    duplicates: int = 0

    @property
    def source(self) -> str:
        return self.unit.source

    @property
    def target(self) -> str:
        return self.unit.target

    def to_json(self) -> dict[str, object]:
        return {
            "score": self.score,
            "kind": str(self.kind),
            "source": self.unit.source,
            "target": self.unit.target,
            "state": str(self.unit.state),
            "origin": self.unit.origin.to_json(),
            "date": self.unit.date,
            "diff": [chunk.to_json() for chunk in self.diff],
            "numbers": [n.to_json() for n in self.numbers],
            "conflict": self.conflict,
            "duplicates": self.duplicates,
        }


def normalize(text: str) -> str:
    """The form sources are compared in: NFKC (full-width digits and Latin become half-width)
    with whitespace runs collapsed, so layout differences never cost a 100% match."""
    if not text:
        return ""
    return " ".join(unicodedata.normalize("NFKC", text).split())
