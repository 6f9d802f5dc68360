"""Use cases of alignment: align a Chinese file with its published English, turn the links into
an article of translated segments, and fix a link afterwards (merge, split, shift a sentence).

An aligned article keeps, beside its catalog, `alignment.json`: both texts' sentences and the
links, each with the segment it became. Link fixes go through it; see docs/align.md.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from cipbilingual import limits, paths
from cipbilingual.align import Aligner, Link, Text
from cipbilingual.align.core import text_ratio
from cipbilingual.config import SegmentationRules
from cipbilingual.errors import (
    CatalogError,
    ConflictError,
    InputError,
    NotFoundError,
    UsageError,
)
from cipbilingual.history import record as record_act
from cipbilingual.models import (
    Act,
    Article,
    ArticleMeta,
    Block,
    BlockKind,
    Origin,
    Segment,
    SegmentId,
    State,
)
from cipbilingual.workflow.common import create_article, now_iso
from cipbilingual.workflow.people import require_person
from cipbilingual.workspace import Workspace

ALIGNMENT_FILE = "alignment.json"
ENGINE = "aligned"  # the origin every aligned segment records
RECORD_VERSION = 1


# -- reading and aligning -----------------------------------------------------------------------


@dataclass(frozen=True)
class Side:
    """One file as the aligner reads it: its sentences by block, and what the article needs."""

    text: Text
    blocks: tuple[tuple[BlockKind, str], ...]  # (kind, markup) per paragraph of `text`
    title: str
    date: str
    format: str
    encoding: str
    data: bytes
    suffix: str

    @property
    def sentences(self) -> list[str]:
        return self.text.sentences


@dataclass(frozen=True)
class Alignment:
    """The result of aligning two files."""

    zh: Side
    en: Side
    links: tuple[Link, ...]
    one_per_line: bool

    def to_json(self) -> list[dict[str, object]]:
        """The links as `align --json` prints them."""
        return [link.to_json() for link in self.links]


def read_side(path: Path, language: str, *, one_per_line: bool, rules: SegmentationRules) -> Side:
    """Read one file with the importers: an article (title, paragraphs, split into sentences)
    or, with `one_per_line`, one sentence per non-blank line. Raises InputError."""
    from cipbilingual.importers import read_document, read_lines
    from cipbilingual.segment import split_sentences

    if one_per_line:
        lines, data = read_lines(path, language=language)
        return Side(
            Text.of_sentences(lines),
            ((BlockKind.PARAGRAPH, ""),),
            "",
            "",
            "txt",
            "",
            data,
            ".txt",
        )
    doc, data = read_document(path, language=language)

    def sentences(text: str) -> tuple[str, ...]:
        return tuple(s.strip() for s in split_sentences(text, rules) if s.strip())

    paragraphs = [sentences(doc.title)]
    blocks = [(BlockKind.TITLE, "")]
    for block in doc.blocks:
        paragraphs.append(sentences(block.text))
        blocks.append((block.kind, block.markup))
    suffix = {"txt": ".txt", "md": ".md", "html": ".html"}.get(doc.format, ".txt")
    return Side(
        Text(tuple(paragraphs), titled=bool(paragraphs[0])),
        tuple(blocks),
        doc.title,
        doc.date,
        doc.format,
        doc.encoding,
        data,
        suffix,
    )


def align_files(
    zh_file: Path,
    en_file: Path,
    *,
    one_per_line: bool = False,
    ws: Workspace | None = None,
    aligner: Aligner | None = None,
) -> Alignment:
    """Align a Chinese file with its English. With a workspace, its glossary and sentence rules
    are used. Raises InputError for an unreadable file or one without text of its language,
    UsageError when the two are the same file."""
    if zh_file.resolve() == en_file.resolve() and zh_file.exists():
        raise UsageError(
            f"{zh_file} is given as both the Chinese and the English file",
            hint="give the Chinese file first, then its published English",
        )
    rules = ws.settings.segmentation if ws is not None else SegmentationRules()
    try:
        zh = read_side(zh_file, "zh", one_per_line=one_per_line, rules=rules)
    except InputError as exc:
        hint = "the first file is the Chinese one" if "no Chinese" in exc.message else exc.hint
        raise InputError(exc.message, hint=hint) from None
    en = read_side(en_file, "en", one_per_line=one_per_line, rules=rules)
    if not zh.sentences:
        raise InputError(f"{zh_file}: no Chinese sentences to align")
    if not en.sentences:
        raise InputError(f"{en_file}: no English sentences to align")
    if aligner is None:
        aligner = Aligner(glossary=_glossary(ws))
    links = aligner.align(zh.text, en.text)
    return Alignment(zh, en, tuple(links), one_per_line)


def _glossary(ws: Workspace | None) -> Any:
    if ws is None:
        return None
    from cipbilingual.workflow.glossary import glossary_for

    return glossary_for(ws)


# -- the alignment record -------------------------------------------------------------------------


@dataclass
class RecordLink:
    """A link as the record keeps it: sentence indices, score, and the segment it became
    (None for English with no Chinese, which has no segment)."""

    zh: list[int]
    en: list[int]
    score: float
    segment: str | None = None


@dataclass
class AlignmentRecord:
    """`alignment.json`: both texts' sentences (Chinese ones with their block) and the links."""

    zh: list[str]
    zh_blocks: list[int]
    en: list[str]
    links: list[RecordLink]
    zh_file: str = ""
    en_file: str = ""
    one_per_line: bool = False
    retired: list[str] = field(default_factory=list)  # segment ids fixes removed: never reused

    def to_json(self) -> dict[str, Any]:
        return {
            "version": RECORD_VERSION,
            "zh_file": self.zh_file,
            "en_file": self.en_file,
            "one_per_line": self.one_per_line,
            "zh": [{"text": t, "block": b} for t, b in zip(self.zh, self.zh_blocks, strict=True)],
            "en": list(self.en),
            "links": [
                {"zh": k.zh, "en": k.en, "score": round(k.score, 3), "segment": k.segment}
                for k in self.links
            ],
            "retired": list(self.retired),
        }

    @classmethod
    def from_json(cls, data: Any, where: str) -> AlignmentRecord:
        """Raises CatalogError naming `where` for anything malformed."""
        try:
            if data.get("version") != RECORD_VERSION:
                raise ValueError(f"unknown version {data.get('version')!r}")
            zh = [str(item["text"]) for item in data["zh"]]
            zh_blocks = [int(item["block"]) for item in data["zh"]]
            en = [str(item) for item in data["en"]]
            links = [
                RecordLink(
                    [int(i) for i in k["zh"]],
                    [int(j) for j in k["en"]],
                    float(k["score"]),
                    None if k.get("segment") is None else str(k["segment"]),
                )
                for k in data["links"]
            ]
            record = cls(
                zh,
                zh_blocks,
                en,
                links,
                str(data.get("zh_file", "")),
                str(data.get("en_file", "")),
                bool(data.get("one_per_line", False)),
                [str(sid) for sid in data.get("retired", [])],
            )
        except (AttributeError, KeyError, TypeError, ValueError) as exc:
            raise CatalogError(f"{where}: not a valid alignment record ({exc})") from None
        record.check(where)
        return record

    def check(self, where: str) -> None:
        """Every sentence in exactly one link, in order. Raises CatalogError."""
        zh = [i for k in self.links for i in k.zh]
        en = [j for k in self.links for j in k.en]
        if zh != list(range(len(self.zh))) or en != list(range(len(self.en))):
            raise CatalogError(f"{where}: the links do not cover every sentence once, in order")
        if any(not k.zh and not k.en for k in self.links):
            raise CatalogError(f"{where}: a link without sentences")

    def source(self, link: RecordLink) -> str:
        return join_chinese([self.zh[i] for i in link.zh])

    def target(self, link: RecordLink) -> str:
        return " ".join(self.en[j] for j in link.en)

    def block_of(self, link: RecordLink) -> int | None:
        return self.zh_blocks[link.zh[0]] if link.zh else None


def join_chinese(sentences: Sequence[str]) -> str:
    """Chinese sentences as one segment: no space between them, except where two Latin words
    would otherwise run together."""
    out = ""
    for sentence in sentences:
        if out and out[-1].isascii() and out[-1].isalnum() and sentence[:1].isascii():
            out += " "
        out += sentence
    return out


def record_path(ws: Workspace, slug: str) -> Path:
    return ws.article_dir(slug) / ALIGNMENT_FILE


def load_record(ws: Workspace, slug: str) -> AlignmentRecord:
    """The alignment record of an aligned article. Raises NotFoundError when the article was
    not made by `align`, CatalogError when the file is damaged."""
    path = record_path(ws, slug)
    if not ws.exists(slug):
        ws.load(slug)  # raises NotFoundError with its hint
    if not path.exists():
        raise NotFoundError(f"'{slug}' was not made by aligning two files; it has no links to fix")
    try:
        raw = limits.read_file(path, limits.CATALOG_FILE, "an alignment record").decode("utf-8")
    except InputError as exc:
        raise CatalogError(exc.message) from None
    except UnicodeDecodeError as exc:
        raise CatalogError(f"{path}: cannot read it ({exc})") from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise CatalogError(f"{path}:{exc.lineno}: not JSON ({exc.msg})") from None
    return AlignmentRecord.from_json(data, str(path))


def _record_text(record: AlignmentRecord) -> str:
    return json.dumps(record.to_json(), ensure_ascii=False, indent=1) + "\n"


def _save_record(ws: Workspace, slug: str, record: AlignmentRecord) -> None:
    from cipbilingual.store import atomic_write_text

    atomic_write_text(record_path(ws, slug), _record_text(record))


# -- the article ---------------------------------------------------------------------------------


@dataclass
class AlignReport:
    """What `align` made of two files."""

    slug: str
    title: str
    links: int
    segments: int
    translated: int  # segments with English
    without_english: list[str] = field(default_factory=list)  # segment ids (1–0 links)
    english_only: int = 0  # English sentences with no Chinese (0–1 links), kept in the record
    lowest: list[tuple[str, float]] = field(default_factory=list)  # (segment id, score), worst

    def to_json(self) -> dict[str, object]:
        return {
            "slug": self.slug,
            "title": self.title,
            "links": self.links,
            "segments": self.segments,
            "translated": self.translated,
            "without_english": self.without_english,
            "english_only": self.english_only,
            "lowest": [{"segment": s, "score": round(v, 3)} for s, v in self.lowest],
        }


def import_alignment(
    ws: Workspace, alignment: Alignment, person: str, slug: str | None = None
) -> AlignReport:
    """Make the aligned pairs an article: one segment per link with Chinese, its English
    `translated` by `person` with origin `aligned` and the link's score (no English: `new`).
    Both source files are kept beside the catalog. Raises ConflictError when the slug is taken,
    NotFoundError/UsageError for an unknown person."""
    from cipbilingual.importers import ImportedDocument, derive_slug

    require_person(ws.settings, person)
    zh, en = alignment.zh, alignment.en
    if slug:
        slug = paths.validate_slug(slug)
    else:
        title = zh.title or (zh.sentences[0] if zh.sentences else "")
        doc = ImportedDocument(title, zh.date, (), zh.format, zh.encoding)
        slug = derive_slug(doc, zh.data)
    folder = ws.article_dir(slug)
    if folder.exists():
        raise ConflictError(
            f"article '{slug}' already exists", hint="pass --slug to choose another name"
        )
    zh_file = f"{paths.SOURCE_STEM}{zh.suffix}"
    en_file = f"source.en{en.suffix}"
    record = _record(alignment, zh_file, en_file)
    article = _article(slug, alignment, record, zh_file, person)
    record_act(article, Act.IMPORT, None, person, origin=f"align {zh_file} {en_file}")
    for segment in article.segments:
        if segment.target:
            record_act(article, Act.ALIGN, segment, person)
    # Whole or not at all, like an import: a temporary folder renamed into place under the
    # slug's lock.
    create_article(
        ws,
        article,
        {zh_file: zh.data, en_file: en.data, ALIGNMENT_FILE: _record_text(record).encode()},
        hint="pass --slug to choose another name",
    )
    scored = sorted(
        ((str(s.id), s.origin.score or 0.0) for s in article.segments if s.origin), key=_by_score
    )
    return AlignReport(
        slug=slug,
        title=zh.title,
        links=len(record.links),
        segments=len(article.segments),
        translated=sum(1 for s in article.segments if s.target),
        without_english=[str(s.id) for s in article.segments if not s.target],
        english_only=sum(1 for k in record.links if not k.zh),
        lowest=scored[:5],
    )


def _by_score(item: tuple[str, float]) -> float:
    return item[1]


def _record(alignment: Alignment, zh_file: str, en_file: str) -> AlignmentRecord:
    # Paragraph k of a file is block k (0 the title); one-per-line text is all block 1.
    shift = 1 if alignment.one_per_line else 0
    zh_blocks = [
        block + shift
        for block, paragraph in enumerate(alignment.zh.text.paragraphs)
        for _ in paragraph
    ]
    links = [RecordLink(list(k.zh), list(k.en), k.score) for k in alignment.links]
    return AlignmentRecord(
        list(alignment.zh.sentences),
        zh_blocks,
        list(alignment.en.sentences),
        links,
        zh_file,
        en_file,
        alignment.one_per_line,
    )


def _article(
    slug: str, alignment: Alignment, record: AlignmentRecord, zh_file: str, person: str
) -> Article:
    import hashlib

    zh = alignment.zh
    if alignment.one_per_line:
        blocks = [Block(0, BlockKind.TITLE), Block(1, BlockKind.PARAGRAPH)]
    else:
        blocks = [Block(i, kind, markup) for i, (kind, markup) in enumerate(zh.blocks)]
    segments: list[Segment] = []
    counters: dict[int, int] = {}
    stamp = now_iso()
    for link in record.links:
        block = record.block_of(link)
        if block is None:
            continue
        counters[block] = counters.get(block, 0) + 1
        sid = SegmentId(block, counters[block])
        link.segment = str(sid)
        segments.append(_segment(sid, record, link, person, stamp))
    meta = ArticleMeta(
        slug=slug,
        title=zh.title,
        date=zh.date or alignment.en.date,
        source_file=zh_file,
        source_format=zh.format,
        source_encoding=zh.encoding,
        source_hash=hashlib.sha256(zh.data).hexdigest(),
    )
    return Article(meta, blocks, segments)


def _segment(
    sid: SegmentId, record: AlignmentRecord, link: RecordLink, person: str, stamp: str
) -> Segment:
    target = record.target(link)
    segment = Segment(sid, record.source(link))
    block = record.block_of(link)
    if block is not None:
        segment.block = block  # where it sits; a kept id may name another block (po-format.md)
    if target:
        segment.target = target
        segment.state = State.TRANSLATED
        segment.origin = Origin(ENGINE, _detail(record, link), round(link.score, 3))
        segment.translator = person
        segment.translated_at = stamp
    return segment


def _detail(record: AlignmentRecord, link: RecordLink) -> str:
    """Where the English came from: `source.en.txt sentences 4-5` (1-based, as a person counts)."""
    first, last = link.en[0] + 1, link.en[-1] + 1
    span = f"sentence {first}" if first == last else f"sentences {first}-{last}"
    return f"{record.en_file} {span}".strip()


# -- fixing links -------------------------------------------------------------------------------


class LinkOp(StrEnum):
    """What a person may do to link `index` of an aligned article."""

    MERGE = "merge"  # join the link with the next one
    SPLIT = "split"  # first sentence of each side stays, the rest becomes the next link
    ENGLISH_DOWN = "english-down"  # the link's last English sentence moves to the next link
    ENGLISH_UP = "english-up"  # the next link's first English sentence moves to this link
    CHINESE_DOWN = "chinese-down"  # the link's last Chinese sentence moves to the next link
    CHINESE_UP = "chinese-up"  # the next link's first Chinese sentence moves to this link


@dataclass(frozen=True)
class LinkView:
    """One link as the link-fixing view shows it."""

    index: int
    zh: tuple[int, ...]
    en: tuple[int, ...]
    source: str
    target: str
    score: float
    segment: str | None
    state: State | None
    edited: bool  # the segment's English is no longer the aligned English


def link_views(ws: Workspace, slug: str) -> list[LinkView]:
    """The article's links with their segments' states. Raises NotFoundError, CatalogError,
    ConflictError (the record no longer matches the catalog)."""
    record = load_record(ws, slug)
    article = ws.load(slug)
    _check_matches(record, article, slug)
    by_id = {str(s.id): s for s in article.segments}
    views = []
    for index, link in enumerate(record.links):
        segment = by_id.get(link.segment) if link.segment else None
        views.append(
            LinkView(
                index,
                tuple(link.zh),
                tuple(link.en),
                record.source(link),
                record.target(link),
                link.score,
                link.segment,
                segment.state if segment else None,
                segment is not None and segment.target != record.target(link),
            )
        )
    return views


def _check_matches(record: AlignmentRecord, article: Article, slug: str) -> None:
    by_id = {str(s.id): s for s in article.segments}
    for link in record.links:
        if link.segment is None:
            continue
        segment = by_id.get(link.segment)
        if segment is None or segment.source != record.source(link):
            raise ConflictError(
                f"the links of '{slug}' no longer match its catalog ({link.segment} changed)",
                hint="the article was re-imported or edited outside cipbilingual; "
                "align the two files again under a new slug",
            )


@dataclass(frozen=True)
class RelinkReport:
    """What a link fix changed."""

    op: LinkOp
    index: int
    changed: tuple[str, ...]  # segment ids whose text changed (or that were added)
    removed: tuple[str, ...]  # segment ids that left the article (kept as retired entries)
    voided: tuple[str, ...]  # approvals withdrawn because the text changed
    focus: int  # the link to show next


def relink(
    ws: Workspace,
    slug: str,
    op: LinkOp | str,
    index: int,
    person: str,
    aligner: Aligner | None = None,
) -> RelinkReport:
    """Apply one fix to link `index` of an aligned article and rebuild the segments it touches:
    their English becomes `translated` by `person` again with a fresh score; an approval of a
    changed segment is withdrawn. Raises UsageError when the fix does not apply (nothing to
    merge with, one sentence cannot be split, a merge across paragraphs), ConflictError when a
    touched segment's English was edited after alignment."""
    require_person(ws.settings, person)
    op = LinkOp(op)
    with ws.lock(slug):
        record = load_record(ws, slug)
        article = ws.load(slug)
        _check_matches(record, article, slug)
        if not 0 <= index < len(record.links):
            raise UsageError(f"'{slug}' has no link {index + 1} (it has {len(record.links)})")
        before = [RecordLink(list(k.zh), list(k.en), k.score, k.segment) for k in record.links]
        touched, focus = _apply(record, op, index)
        record.check(str(record_path(ws, slug)))
        _refuse_edited(record, before, article)
        report = _rebuild(record, before, article, touched, person, aligner, op, index, focus)
        _save_record(ws, slug, record)
        ws.save(article)
    return report


def _apply(record: AlignmentRecord, op: LinkOp, index: int) -> tuple[list[int], int]:
    """Change `record.links` in place; returns the indices (after the change) of links whose
    sentences changed, and the link to focus."""
    links = record.links
    link = links[index]
    nxt = links[index + 1] if index + 1 < len(links) else None
    if op is LinkOp.SPLIT:
        if len(link.zh) + len(link.en) < 3 and not (len(link.zh) == 2 or len(link.en) == 2):
            raise UsageError("a link of one sentence on each side cannot be split")
        first = RecordLink(link.zh[:1], link.en[:1], 0.0, link.segment)
        second = RecordLink(link.zh[1:], link.en[1:], 0.0, None)
        if (not first.zh and not first.en) or (not second.zh and not second.en):
            raise UsageError("this link has nothing to split off")
        links[index : index + 1] = [first, second]
        return [index, index + 1], index
    if nxt is None:
        raise UsageError("this is the last link: there is no next link to take from or give to")
    if op is LinkOp.MERGE:
        a, b = record.block_of(link), record.block_of(nxt)
        if a is not None and b is not None and a != b:
            raise UsageError(
                "these links are in different paragraphs and cannot be merged",
                hint="move the English sentence instead",
            )
        merged = RecordLink(link.zh + nxt.zh, link.en + nxt.en, 0.0, link.segment or nxt.segment)
        links[index : index + 2] = [merged]
        return [index], index
    if op in (LinkOp.CHINESE_DOWN, LinkOp.CHINESE_UP):
        a, b = record.block_of(link), record.block_of(nxt)
        if a is not None and b is not None and a != b:
            raise UsageError("a Chinese sentence cannot move into another paragraph")
    if op is LinkOp.ENGLISH_DOWN:
        if not link.en:
            raise UsageError("this link has no English sentence to move down")
        nxt.en.insert(0, link.en.pop())
    elif op is LinkOp.ENGLISH_UP:
        if not nxt.en:
            raise UsageError("the next link has no English sentence to move up")
        link.en.append(nxt.en.pop(0))
    elif op is LinkOp.CHINESE_DOWN:
        if not link.zh:
            raise UsageError("this link has no Chinese sentence to move down")
        nxt.zh.insert(0, link.zh.pop())
    elif op is LinkOp.CHINESE_UP:
        if not nxt.zh:
            raise UsageError("the next link has no Chinese sentence to move up")
        link.zh.append(nxt.zh.pop(0))
    touched = [index, index + 1]
    empties = [i for i in touched if not links[i].zh and not links[i].en]
    for i in reversed(empties):
        del links[i]
        touched.remove(i)
        touched = [t - 1 if t > i else t for t in touched]
    return touched, min(index, len(links) - 1)


def _refuse_edited(record: AlignmentRecord, before: list[RecordLink], article: Article) -> None:
    """A fix rewrites the English of the segments it touches: refuse it when a person has
    changed that English since alignment (their work would be lost)."""
    after = {k.segment: (k.zh, k.en) for k in record.links if k.segment}
    by_id = {str(s.id): s for s in article.segments}
    for old in before:
        if old.segment is None or after.get(old.segment) == (old.zh, old.en):
            continue
        segment = by_id.get(old.segment)
        if segment is not None and segment.target and segment.target != _target(record, old):
            raise ConflictError(
                f"{old.segment}'s English was edited after alignment; fixing this link "
                "would overwrite it",
                hint="edit the segment's English in the editor instead",
            )


def _segment_ids(record: AlignmentRecord) -> set[str]:
    return {k.segment for k in record.links if k.segment}


def _target(record: AlignmentRecord, link: RecordLink) -> str:
    return " ".join(record.en[j] for j in link.en)


def _rebuild(
    record: AlignmentRecord,
    before: list[RecordLink],
    article: Article,
    touched: list[int],
    person: str,
    aligner: Aligner | None,
    op: LinkOp,
    index: int,
    focus: int,
) -> RelinkReport:
    by_id = {str(s.id): s for s in article.segments}
    used = {(s.id.block, s.id.sentence) for s in [*article.segments, *article.retired]}
    used |= {(sid.block, sid.sentence) for sid in map(SegmentId.parse, record.retired)}
    used |= {(sid.block, sid.sentence) for sid in article.used_ids()}
    scorer = aligner or Aligner()
    ratio = text_ratio(record.zh, record.en)
    stamp = now_iso()
    changed: list[str] = []
    voided: list[str] = []
    for i in touched:
        link = record.links[i]
        link.score = scorer.score(
            [record.zh[k] for k in link.zh], [record.en[k] for k in link.en], ratio
        )
        block = record.block_of(link)
        if block is None:
            link.segment = None
            continue
        if link.segment is None or link.segment not in by_id:
            number = 1 + max((n for b, n in used if b == block), default=0)
            used.add((block, number))
            link.segment = str(SegmentId(block, number))
        old = by_id.get(link.segment)
        fresh = _segment(SegmentId.parse(link.segment), record, link, person, stamp)
        if old is not None and old.approval is not None:
            voided.append(link.segment)
        record_act(article, Act.RELINK, fresh, person, before=old, reason=f"{op} link {index + 1}")
        if old is not None:
            fresh.comments = list(old.comments)
        by_id[link.segment] = fresh
        changed.append(link.segment)
    keep = _segment_ids(record)
    removed = tuple(sorted({k.segment for k in before if k.segment and k.segment not in keep}))
    voided.extend(r for r in removed if by_id[r].approval is not None)
    for r in removed:
        record_act(article, Act.RETIRE, by_id[r], person, before=by_id[r], reason=f"{op} link")
    # A segment merged away keeps its English as a retired entry, and its id is never given
    # out again.
    article.retired.extend(by_id[r] for r in removed if by_id[r].target)
    record.retired.extend(r for r in removed if r not in record.retired)
    article.meta.retired_ids |= {SegmentId.parse(r) for r in removed}
    article.segments = [by_id[k.segment] for k in record.links if k.segment]
    return RelinkReport(op, index, tuple(changed), removed, tuple(voided), focus)


def review_order(segments: Sequence[Segment]) -> list[Segment]:
    """Segments as an editor should review them: aligned ones first, lowest link score first
    (the links most likely wrong), then the others in document order."""
    aligned = [s for s in segments if s.origin is not None and s.origin.engine == ENGINE]
    aligned.sort(key=lambda s: s.origin.score if s.origin and s.origin.score is not None else 0)
    chosen = {id(s) for s in aligned}
    return aligned + [s for s in segments if id(s) not in chosen]


def aligned_slug(ws: Workspace, slug: str) -> bool:
    """Whether the article was made by `align` (it has links that can be fixed)."""
    return record_path(ws, slug).is_file()
