"""Render an article's approved English as JSON, Markdown, HTML or plain text (pure functions).

Only approved English is ever rendered, and only whole blocks: a block (title, paragraph,
heading, list item …) is printed when every one of its sentences is approved, and otherwise
left out entirely and listed in `omitted_blocks` (callers refuse partial exports unless asked).
TMX carries sentence units, so it keeps every approved sentence; XLIFF (interchange, not
publication) carries every sentence.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass

from cipbilingual.errors import UsageError
from cipbilingual.models import Article, Block, BlockKind, Segment, State

# What a CMS publishes; gated (approval, QA, completeness) by workflow.publishing.
PUBLICATION_FORMATS = ("json", "md", "html", "txt", "tmx")
# For a CAT tool: any article, every English with its state (workflow.publishing).
INTERCHANGE_FORMATS = ("xliff",)
# What an editor reads: every segment whatever its state (cipbilingual.proof).
REVIEW_FORMATS = ("proof", "tsv")
FORMATS = PUBLICATION_FORMATS + INTERCHANGE_FORMATS + REVIEW_FORMATS
BLOCK_FORMATS = ("json", "md", "html", "txt")


@dataclass(frozen=True)
class RenderedBlock:
    block: Block
    english: str  # approved sentences joined with spaces
    chinese: str  # the block's source sentences, joined


@dataclass(frozen=True)
class OmittedBlock:
    """A block a partial export leaves out because not all of its sentences are approved."""

    block: Block
    segments: tuple[Segment, ...]

    @property
    def label(self) -> str:
        return "title" if self.block.index == 0 else f"p{self.block.index}"

    def waiting(self) -> list[Segment]:
        return [s for s in self.segments if s.state is not State.APPROVED]

    def describe(self) -> str:
        """One line: `p3 (paragraph): p3.s2 translated, p3.s3 new`."""
        waiting = ", ".join(f"{s.id} {s.state}" for s in self.waiting())
        return f"{self.label} ({self.block.kind.value}): {waiting}"

    def to_json(self) -> dict[str, object]:
        return {
            "block": self.block.index,
            "kind": self.block.kind.value,
            "segments": [str(s.id) for s in self.segments],
            "waiting": {str(s.id): str(s.state) for s in self.waiting()},
        }


def english_of(segments: list[Segment]) -> str:
    """Approved sentences of a block, joined the English way."""
    return " ".join(s.target.strip() for s in segments if s.state is State.APPROVED)


def _printable(segments: list[Segment]) -> bool:
    return bool(segments) and all(s.state is State.APPROVED for s in segments)


def rendered_blocks(article: Article) -> list[RenderedBlock]:
    """The blocks whose every sentence is approved, in order."""
    out = []
    for block, segments in article.by_block():
        if _printable(segments):
            chinese = "".join(s.source for s in segments)
            out.append(RenderedBlock(block, english_of(segments), chinese))
    return out


def omitted_blocks(article: Article) -> list[OmittedBlock]:
    """The blocks with a sentence that is not approved, in order: a partial export leaves
    each out whole."""
    return [
        OmittedBlock(block, tuple(segments))
        for block, segments in article.by_block()
        if segments and not _printable(segments)
    ]


def printed_segments(article: Article) -> list[Segment]:
    """The sentences a block format prints: those of fully approved blocks."""
    return [s for block, segments in article.by_block() if _printable(segments) for s in segments]


def render(article: Article, fmt: str, *, bilingual: bool = False) -> str:
    """The article in a publication format; raises UsageError for any other format (the
    review formats need findings: see cipbilingual.proof)."""
    renderers = {
        "json": to_json,
        "md": to_markdown,
        "html": to_html,
        "txt": to_text,
        "xliff": to_xliff,
        "tmx": to_tmx,
    }
    if fmt not in renderers:
        raise UsageError(
            f"unknown export format '{fmt}'", hint=f"use one of {', '.join(PUBLICATION_FORMATS)}"
        )
    return renderers[fmt](article, bilingual)


def _title_and_body(article: Article) -> tuple[RenderedBlock | None, list[RenderedBlock]]:
    blocks = rendered_blocks(article)
    title = next((b for b in blocks if b.block.kind is BlockKind.TITLE), None)
    return title, [b for b in blocks if b.block.kind is not BlockKind.TITLE]


def to_json(article: Article, bilingual: bool = False) -> str:
    """DESIGN.md's shape: slug, title, date, complete, paragraphs, segments (those printed),
    and `omitted`: the blocks a partial export left out."""
    title, body = _title_and_body(article)
    data: dict[str, object] = {
        "slug": article.slug,
        "title": title.english if title else "",
        "date": article.meta.date,
        "complete": article.complete,
        "paragraphs": [b.english for b in body],
        "segments": [
            {"id": str(s.id), "source": s.source, "target": s.target, "state": str(s.state)}
            for s in printed_segments(article)
        ],
        "omitted": [o.to_json() for o in omitted_blocks(article)],
    }
    if bilingual:
        data["source_title"] = article.meta.title
        data["source_paragraphs"] = [b.chinese for b in body]
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def to_text(article: Article, bilingual: bool = False) -> str:
    title, body = _title_and_body(article)
    parts: list[str] = []
    if title:
        parts.append(title.english + (f"\n{title.chinese}" if bilingual else ""))
    if article.meta.date:
        parts.append(f"Time: {article.meta.date.replace('T', ' ')}")
    for b in body:
        parts.append(f"{b.english}\n{b.chinese}" if bilingual else b.english)
    return "\n\n".join(parts) + "\n"


# Characters with inline meaning in CommonMark/GFM: escaped so text stays text. `<` and `&`
# among them, so no raw HTML, comment, autolink or entity ever comes from an article's words.
_MD_INLINE = re.compile(r"([\\`*_\[\]<>&~|])")
# What would open a block at the start of a line: a heading, a list item, a thematic break.
_MD_LINE_START = re.compile(r"^(\d{1,9})([.)])(?=\s|$)|^([#+=-])")


def md_escape(text: str) -> str:
    """Plain text as Markdown that renders to exactly that text: one line (line breaks become
    spaces), inline punctuation backslash-escaped, no raw HTML possible."""
    flat = " ".join(text.split())
    escaped = _MD_INLINE.sub(r"\\\1", flat)
    return _MD_LINE_START.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", escaped)


def to_markdown(article: Article, bilingual: bool = False) -> str:
    """CommonMark with the source's headings, lists and quotes. The English (and with
    `bilingual`, the Chinese as its own block after it) is escaped: no raw HTML, no comment."""
    title, body = _title_and_body(article)
    front = [("title", title.english if title else ""), ("date", article.meta.date)]
    lines = ["---"]
    lines += [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in front if value]
    lines += ["---", ""]
    previous: BlockKind | None = None
    for b in body:
        markup = b.block.markup
        kind = b.block.kind
        tight = previous is kind and kind in (BlockKind.LIST_ITEM, BlockKind.QUOTE)
        if lines[-1] != "" and not tight:
            lines.append("")
        english, chinese = md_escape(b.english), md_escape(b.chinese)
        if kind is BlockKind.CAPTION and not markup:
            lines.append(f"*{english}*")
        else:
            lines.append(f"{markup}{english}")
        if bilingual:
            if markup:
                lines.append(f"{markup}{chinese}")
            else:
                lines += ["", chinese]
        previous = kind
    return "\n".join(lines).rstrip("\n") + "\n"


# Chinese fonts on Linux, macOS and Windows, so a page shows glyphs wherever it is opened.
CJK_FONTS = (
    '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC",\n'
    '                       "Hiragino Sans GB", "Microsoft YaHei", "SimHei", '
    '"WenQuanYi Micro Hei",\n                       sans-serif'
)
_HTML_STYLE = f"""\
body {{ max-width: 44em; margin: 2em auto; padding: 0 1em; line-height: 1.6;
       font-family: Georgia, "DejaVu Serif", "Liberation Serif", serif; color: #222; }}
.date {{ color: #666; }}
.source {{ color: #555;
          font-family: {CJK_FONTS}; }}
.caption {{ font-style: italic; }}
blockquote {{ border-left: 3px solid #ccc; margin-left: 0; padding-left: 1em; }}"""


def to_html(article: Article, bilingual: bool = False) -> str:
    """A standalone, valid HTML5 page; the CMS takes the <article> element. With `bilingual`,
    each block's Chinese follows it in its own element marked lang="zh-Hans"."""
    title, body = _title_and_body(article)
    esc = html.escape
    head_title = esc(title.english) if title else esc(article.slug)
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{head_title}</title>",
        f"<style>\n{_HTML_STYLE}\n</style>",
        "</head>",
        "<body>",
        f'<article data-slug="{esc(article.slug)}">',
    ]

    def source(block: RenderedBlock, tag: str = "p") -> str:
        return f'<{tag} class="source" lang="zh-Hans">{esc(block.chinese)}</{tag}>'

    if title:
        out.append(f"<h1>{esc(title.english)}</h1>")
        if bilingual:
            out.append(source(title))
    if article.meta.date:
        date = esc(article.meta.date)
        out.append(f'<p class="date"><time datetime="{date}">{date.replace("T", " ")}</time></p>')
    open_list: str | None = None
    for b in body:
        kind, markup = b.block.kind, b.block.markup.strip()
        list_tag = ("ol" if markup[:1].isdigit() else "ul") if kind is BlockKind.LIST_ITEM else None
        if open_list and open_list != list_tag:
            out.append(f"</{open_list}>")
            open_list = None
        if list_tag and not open_list:
            out.append(f"<{list_tag}>")
            open_list = list_tag
        text = esc(b.english)
        if kind is BlockKind.HEADING:
            level = min(max(markup.count("#"), 2), 6)
            out.append(f"<h{level}>{text}</h{level}>")
            if bilingual:
                out.append(source(b))
        elif kind is BlockKind.LIST_ITEM:
            extra = f"<br>{source(b, 'span')}" if bilingual else ""
            out.append(f"<li>{text}{extra}</li>")
        elif kind is BlockKind.QUOTE:
            extra = source(b) if bilingual else ""
            out.append(f"<blockquote><p>{text}</p>{extra}</blockquote>")
        else:
            css = ' class="caption"' if kind is BlockKind.CAPTION else ""
            out.append(f"<p{css}>{text}</p>")
            if bilingual:
                out.append(source(b))
    if open_list:
        out.append(f"</{open_list}>")
    out += ["</article>", "</body>", "</html>"]
    return "\n".join(out) + "\n"


def to_xliff(article: Article, bilingual: bool = False) -> str:
    """XLIFF 1.2 (always bilingual): every source, approved targets only."""
    from cipbilingual.interchange.xliff import article_to_xliff

    return article_to_xliff(article)


def to_tmx(article: Article, bilingual: bool = False) -> str:
    """TMX 1.4b of the approved segments, as `tm export` writes them."""
    import tempfile
    from pathlib import Path

    from cipbilingual import __version__
    from cipbilingual.tm.memory import article_units
    from cipbilingual.tm.tmx import write_tmx

    units = [u for u in article_units(article) if u.state is State.APPROVED]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{article.slug}.tmx"
        write_tmx(path, units, tool_version=__version__)
        return path.read_text(encoding="utf-8")
