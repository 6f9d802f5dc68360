"""Translation memory: every approved sentence reusable. Units from articles and TMX files,
exact, in-context and fuzzy lookup, concordance, TMX 1.4b. The `tm` drafting engine that uses it
is `cipbilingual.mt.tm`."""

from __future__ import annotations

from cipbilingual.tm.memory import Fingerprint, TMStats, TranslationMemory, article_units
from cipbilingual.tm.model import (
    EXACT_SCORE,
    IN_CONTEXT_SCORE,
    DiffChunk,
    DiffOp,
    MatchKind,
    NumberDifference,
    OriginKind,
    TMMatch,
    TMUnit,
    UnitOrigin,
    normalize,
)

__all__ = [
    "EXACT_SCORE",
    "IN_CONTEXT_SCORE",
    "DiffChunk",
    "DiffOp",
    "Fingerprint",
    "MatchKind",
    "NumberDifference",
    "OriginKind",
    "TMMatch",
    "TMStats",
    "TMUnit",
    "TranslationMemory",
    "UnitOrigin",
    "article_units",
    "normalize",
]
