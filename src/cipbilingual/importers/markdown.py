"""Markdown articles: YAML front matter, then CommonMark blocks parsed by markdown-it-py.

Headings, list items and block quotes keep their Markdown prefix as the block's markup; inline
markup (emphasis, links, code) is reduced to its plain text. Code blocks and thematic breaks are
not prose and are left out.
"""

from __future__ import annotations

import datetime as dt
import json
import re

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token

from cipbilingual.errors import InputError
from cipbilingual.importers.common import join_wrapped, normalize_date
from cipbilingual.importers.document import ImportedBlock
from cipbilingual.models import BlockKind

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)


def parse_markdown(text: str) -> tuple[str, str, list[ImportedBlock], dict[str, str]]:
    """(title, date, body blocks, front matter) of a Markdown article. The title is the front
    matter's `title`, else a level-1 heading that opens the document. Raises InputError for
    front matter that is not valid YAML (with its line) or not a mapping."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    front, body = _split_front_matter(text)
    title = front.get("title", "")
    date = normalize_date(front["date"]) if front.get("date") else ""
    blocks = _blocks(MarkdownIt("commonmark").parse(body))
    if not title and blocks and blocks[0].kind is BlockKind.HEADING and blocks[0].markup == "# ":
        title = blocks.pop(0).text
    return title, date, blocks, front


def _split_front_matter(text: str) -> tuple[dict[str, str], str]:
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    source = match.group(1) or ""
    try:
        loaded = yaml.safe_load(source)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark is not None else ""  # +1 for the opening ---
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise InputError(
            f"the front matter is not valid YAML{where}: {problem}",
            hint="front matter is YAML between two '---' lines, e.g. 'title: …'",
        ) from None
    if loaded is None:
        loaded = {}
    if not isinstance(loaded, dict):
        raise InputError(
            "the front matter is not a set of 'key: value' lines",
            hint="front matter is YAML between two '---' lines, e.g. 'title: …'",
        )
    front = {str(key): _as_text(value) for key, value in loaded.items()}
    return front, text[match.end() :]


def _as_text(value: object) -> str:
    """Front-matter values kept as strings: dates in ISO 8601, lists and maps as JSON."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def _blocks(tokens: list[Token]) -> list[ImportedBlock]:
    """Walk the token stream keeping a stack of open containers (quotes, list items)."""
    blocks: list[ImportedBlock] = []
    containers: list[str] = []  # "> " for a quote, "- " / "1. " for a list item
    lists: list[str] = []  # open lists' bullet markup or "ordered"
    fresh_item = False  # the next paragraph is the first of its list item
    heading = ""
    for token in tokens:
        kind = token.type
        if kind == "blockquote_open":
            containers.append("> ")
        elif kind in ("bullet_list_open", "ordered_list_open"):
            lists.append(token.markup if kind == "bullet_list_open" else "ordered")
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif kind == "list_item_open":
            number = f"{token.info}{token.markup} " if lists and lists[-1] == "ordered" else ""
            containers.append(number or f"{token.markup} ")
            fresh_item = True
        elif kind in ("blockquote_close", "list_item_close"):
            containers.pop()
        elif kind == "heading_open":
            heading = "#" * int(token.tag[1]) + " "
        elif kind == "heading_close":
            heading = ""
        elif kind == "inline":
            text = _inline_text(token)
            if not text:
                continue
            blocks.append(_block(text, containers, heading, fresh_item))
            fresh_item = False
        elif kind == "html_block":
            from cipbilingual.importers.html import fragment_blocks

            blocks.extend(fragment_blocks(token.content))
    return blocks


def _block(text: str, containers: list[str], heading: str, fresh_item: bool) -> ImportedBlock:
    """A block with the markup of its containers. A list item's later paragraphs are indented
    continuation text, so they carry the indentation instead of a second bullet."""
    parts = []
    for depth, prefix in enumerate(containers):
        innermost = depth == len(containers) - 1
        if prefix == "> " or (innermost and fresh_item):
            parts.append(prefix)
        else:
            parts.append(" " * len(prefix))
    markup = "".join(parts) + heading
    if heading and not containers:
        kind = BlockKind.HEADING
    elif any(prefix != "> " for prefix in containers):
        kind = BlockKind.LIST_ITEM
    elif containers:
        kind = BlockKind.QUOTE
    else:
        kind = BlockKind.PARAGRAPH
    return ImportedBlock(kind, text, markup)


def _inline_text(token: Token) -> str:
    """The plain text of an inline token: emphasis and links reduced to their words, images
    dropped (their alt text is not prose of the article), line breaks joined."""
    lines: list[str] = [""]
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            lines[-1] += child.content
        elif child.type in ("softbreak", "hardbreak"):
            lines.append("")
    return join_wrapped(lines)
