"""The house glossary: terms, matching on the Chinese side, checks on the English side.

`Glossary` holds the terms; `check_article` and `check_segment` return `glossary-*` findings;
`segment_hits` gives the matches per segment that the UI highlights.
"""

from __future__ import annotations

from cipbilingual.glossary.checks import CHECKS, check_article, check_segment, segment_hits
from cipbilingual.glossary.model import Glossary, MergeReport, describe, normalise_term
from cipbilingual.glossary.script import fold

__all__ = [
    "CHECKS",
    "Glossary",
    "MergeReport",
    "check_article",
    "check_segment",
    "describe",
    "fold",
    "normalise_term",
    "segment_hits",
]
