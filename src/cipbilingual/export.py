"""Render an article's approved English as JSON, Markdown, HTML or plain text (pure functions).

Only approved segments are ever rendered. A block with no approved segment is left out; a
block with some is rendered from those (callers refuse partial exports unless asked).
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass

from cipbilingual.errors import UsageError
from cipbilingual.models import Article, Block, BlockKind, Segment, State

FORMATS = ("json", "md", "html", "txt", "xliff", "tmx")


@dataclass(frozen=True)
class RenderedBlock:
    block: Block
    english: str  # approved sentences joined with spaces
    chinese: str  # the block's source sentences, joined


def english_of(segments: list[Segment]) -> str:
    """Approved sentences of a block, joined the English way."""
    return " ".join(s.target.strip() for s in segments if s.state is State.APPROVED)


def rendered_blocks(article: Article) -> list[RenderedBlock]:
    out = []
    for block, segments in article.by_block():
        english = english_of(segments)
        if english:
            out.append(RenderedBlock(block, english, "".join(s.source for s in segments)))
    return out


def render(article: Article, fmt: str, *, bilingual: bool = False) -> str:
    """The article in `fmt` (json, md, html, txt); raises UsageError for any other format."""
    renderers = {
        "json": to_json,
        "md": to_markdown,
        "html": to_html,
        "txt": to_text,
        "xliff": to_xliff,
        "tmx": to_tmx,
    }
    if fmt not in renderers:
        raise UsageError(f"unknown export format '{fmt}'", hint=f"use one of {', '.join(FORMATS)}")
    return renderers[fmt](article, bilingual)


def _title_and_body(article: Article) -> tuple[RenderedBlock | None, list[RenderedBlock]]:
    blocks = rendered_blocks(article)
    title = next((b for b in blocks if b.block.kind is BlockKind.TITLE), None)
    return title, [b for b in blocks if b.block.kind is not BlockKind.TITLE]


def to_json(article: Article, bilingual: bool = False) -> str:
    """DESIGN.md's shape: slug, title, date, complete, paragraphs, segments (approved only)."""
    title, body = _title_and_body(article)
    data: dict[str, object] = {
        "slug": article.slug,
        "title": title.english if title else "",
        "date": article.meta.date,
        "complete": article.complete,
        "paragraphs": [b.english for b in body],
        "segments": [
            {"id": str(s.id), "source": s.source, "target": s.target, "state": str(s.state)}
            for s in article.segments
            if s.state is State.APPROVED
        ],
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


def to_markdown(article: Article, bilingual: bool = False) -> str:
    title, body = _title_and_body(article)
    front = [("title", title.english if title else ""), ("date", article.meta.date)]
    lines = ["---"]
    lines += [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in front if value]
    lines += ["---", ""]
    previous: BlockKind | None = None
    for b in body:
        markup = b.block.markup
        tight = previous is b.block.kind and b.block.kind in (BlockKind.LIST_ITEM, BlockKind.QUOTE)
        if lines[-1] != "" and not tight:
            lines.append("")
        if b.block.kind is BlockKind.CAPTION and not markup:
            lines.append(f"*{b.english}*")
        else:
            lines.append(f"{markup}{b.english}")
        if bilingual:
            lines.append(f"{markup}{b.chinese}" if markup else f"<!-- {b.chinese} -->")
        previous = b.block.kind
    return "\n".join(lines).rstrip("\n") + "\n"


_HTML_STYLE = """\
body { max-width: 44em; margin: 2em auto; padding: 0 1em; line-height: 1.6;
       font-family: Georgia, "DejaVu Serif", "Liberation Serif", serif; color: #222; }
.date { color: #666; }
.source { color: #555;
          font-family: "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC",
                       "Hiragino Sans GB", "Microsoft YaHei", "SimHei", "WenQuanYi Micro Hei",
                       sans-serif; }
.caption { font-style: italic; }
blockquote { border-left: 3px solid #ccc; margin-left: 0; padding-left: 1em; }"""


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
