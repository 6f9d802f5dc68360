"""Sentence alignment of a Chinese text and its published English: paragraphs first, then
sentences, scored with CC-CEDICT, figures, pinyin names, the house glossary and Gale–Church
length, searched by dynamic programming. See docs/align.md."""

from __future__ import annotations

from cipbilingual.align.core import Aligner, Link, Text
from cipbilingual.align.evaluate import Scores, score, score_many
from cipbilingual.align.scoring import LINK_KINDS, Weights

__all__ = ["LINK_KINDS", "Aligner", "Link", "Scores", "Text", "Weights", "score", "score_many"]
