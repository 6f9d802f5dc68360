"""What an importer hands on: a title, a publication time and the article's blocks of text."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from cipbilingual.models import BlockKind


@dataclass(frozen=True)
class ImportedBlock:
    """One body block: plain text (markup removed, wrapped lines joined) and its kind.

    `markup` is the Markdown prefix an export restores ("## ", "- ", "1. ", "> "); "" for plain
    paragraphs and captions.
    """

    kind: BlockKind
    text: str
    markup: str = ""


@dataclass(frozen=True)
class ImportedDocument:
    """A source article as read from a file, before sentence segmentation."""

    title: str
    date: str  # ISO 8601 when parseable, "" when absent, else as found
    blocks: tuple[ImportedBlock, ...]
    format: str  # "txt" | "md" | "html"
    encoding: str  # as detected, e.g. "utf-8", "utf-8-sig", "gb18030", "big5", "utf-16"
    front_matter: Mapping[str, str] = field(default_factory=dict)  # Markdown only
