"""What several use cases share: the clock of the catalogs, and segmenting an imported document
into a fresh article (import, re-import, and the gate's comparison with the kept source)."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

from cipbilingual.models import Article, ArticleMeta, Block, BlockKind, Segment, SegmentId
from cipbilingual.workspace import Workspace


def now_iso() -> str:
    """The current UTC time as recorded in catalogs: 2026-11-25T10:00:00Z."""
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def build_article(slug: str, doc: object, data: bytes, source_file: str, ws: Workspace) -> Article:
    """Segment an imported document into a fresh article (every segment `new`)."""
    from cipbilingual.importers import ImportedDocument
    from cipbilingual.segment import split_sentences

    assert isinstance(doc, ImportedDocument)
    rules = ws.settings.segmentation
    blocks = [Block(0, BlockKind.TITLE)]
    segments: list[Segment] = []

    def add(index: int, text: str) -> None:
        sentences = [s.strip() for s in split_sentences(text, rules)]
        for n, sentence in enumerate((s for s in sentences if s), start=1):
            segments.append(Segment(SegmentId(index, n), sentence))

    add(0, doc.title)
    for index, block in enumerate(doc.blocks, start=1):
        blocks.append(Block(index, block.kind, block.markup))
        add(index, block.text)
    meta = ArticleMeta(
        slug=slug,
        title=doc.title,
        date=doc.date,
        source_file=source_file,
        source_format=doc.format,
        source_encoding=doc.encoding,
        source_hash=hashlib.sha256(data).hexdigest(),
        front_matter=dict(doc.front_matter),
    )
    return Article(meta, blocks, segments)
