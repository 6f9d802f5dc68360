"""Fixtures for the glossary tests: the corpus seed glossary, enriched as the sample workspace's."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from cipbilingual.glossary import Glossary
from cipbilingual.interchange.termbase import read_terms
from cipbilingual.models import Article, ArticleMeta, Block, BlockKind, Segment, SegmentId, Term

CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus"
SEED = CORPUS / "glossary-seed.tsv"

# What the seed's notes say, as rules (the sample workspace's glossary carries the same).
ENRICHMENT: dict[str, dict[str, object]] = {
    "中以常州创新园": {"full_form_first": True},
    "外商独资企业": {"full_form_first": True, "forbidden": ("WFOE",)},
    "高新区": {"forbidden": ("Hi-tech Zone",), "case_sensitive": True},
    "生命健康": {"forbidden": ("life sciences",)},
}


def enriched(terms: list[Term]) -> list[Term]:
    out = []
    for term in terms:
        changes = ENRICHMENT.get(term.source)
        out.append(dataclasses.replace(term, **changes) if changes else term)  # type: ignore[arg-type]
    return out


@pytest.fixture(scope="session")
def house() -> Glossary:
    """The seed glossary with the house rules from its notes."""
    return Glossary(enriched(read_terms(SEED).terms))


def article(*pairs: tuple[str, str, str], slug: str = "test") -> Article:
    """An article from (segment id, Chinese, English) triples."""
    segments = [Segment(SegmentId.parse(sid), zh, en) for sid, zh, en in pairs]
    blocks = sorted({s.id.block for s in segments})
    kinds = [Block(b, BlockKind.TITLE if b == 0 else BlockKind.PARAGRAPH) for b in blocks]
    return Article(ArticleMeta(slug), kinds, segments)
