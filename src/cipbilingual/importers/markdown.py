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

from cipbilingual import limits
from cipbilingual.errors import InputError
from cipbilingual.importers.common import join_wrapped, normalize_date
from cipbilingual.importers.document import ImportedBlock
from cipbilingual.models import BlockKind
from cipbilingual.text import describe_character

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
# A line's leading quote and list markers: each level of nesting costs the parser a few tokens.
_CONTAINERS = re.compile(r"^[ \t]*((?:(?:>|[-*+]|\d{1,9}[.)])[ \t]*)*)\S", re.M)
_TOO_LARGE = (
    f"with its aliases (*name) followed it holds over {limits.FRONT_MATTER_NODES:,} values or "
    f"{limits.FRONT_MATTER:,} characters"
)
_FRONT_HINT = "front matter is YAML between two '---' lines, e.g. 'title: …'"


def parse_markdown(text: str) -> tuple[str, str, list[ImportedBlock], dict[str, str]]:
    """(title, date, body blocks, front matter) of a Markdown article. The title is the front
    matter's `title`, else a level-1 heading that opens the document. Raises InputError for
    front matter that is not valid YAML (with its line) or not a mapping."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    front, body = _split_front_matter(text)
    title = front.get("title", "")
    date = normalize_date(front["date"]) if front.get("date") else ""
    blocks = _blocks(_parse_body(body))
    if not title and blocks and blocks[0].kind is BlockKind.HEADING and blocks[0].markup == "# ":
        title = blocks.pop(0).text
    return title, date, blocks, front


def _parse_body(body: str) -> list[Token]:
    """markdown-it's tokens for the body, within limits. The parser needs about 1 KB of memory
    per token, so lines are counted first (each level of quote or list nesting as one more line);
    and it silently stops reading at 20 levels of nesting, so deeper documents are refused."""
    weight = sum(1 + len(m.group(1).split()) for m in _CONTAINERS.finditer(body))
    if weight > limits.MARKDOWN_LINES:
        raise InputError(
            f"the Markdown has {weight:,} lines (each level of list or quote nesting counted as "
            f"a line), over the limit of {limits.MARKDOWN_LINES:,}"
        )
    tokens = MarkdownIt("commonmark").parse(body)
    deepest = max((token.level for token in tokens), default=0)
    if deepest >= limits.NESTING:
        line = next(t.map[0] + 1 for t in tokens if t.level >= limits.NESTING and t.map)
        raise InputError(
            f"the Markdown nests lists and quotes {deepest} levels deep (body line {line}); "
            f"at most {limits.NESTING - 1} levels deep are read"
        )
    return tokens


class _Budget(Exception):
    """Front matter over one of the limits."""


class _FrontMatterLoader(yaml.SafeLoader):
    """PyYAML's safe loader, counting aliases and nesting as it composes (see _check_budget)."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.aliases = 0
        self.depth = 0

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            self.aliases += 1
            if self.aliases > limits.FRONT_MATTER_ALIASES:
                raise _Budget(f"it uses more than {limits.FRONT_MATTER_ALIASES} aliases (*name)")
            return super().compose_node(parent, index)
        self.depth += 1
        try:
            if self.depth > limits.NESTING:
                raise _Budget(f"it nests values more than {limits.NESTING} levels deep")
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


def _check_budget(root: yaml.Node) -> None:
    """Refuse front matter that aliases would blow up ("billion laughs"), that refers to itself,
    or that nests too deep once aliases are followed, before anything is built from it."""
    sizes: dict[int, tuple[int, int, int]] = {}  # id(node) -> (values, characters, height)
    open_nodes: set[int] = set()

    def measure(node: yaml.Node, level: int) -> tuple[int, int, int]:
        key = id(node)
        known = sizes.get(key)
        if known is None:
            if key in open_nodes:
                raise _Budget("it refers to itself (an alias inside its own anchor)")
            if level > limits.NESTING:
                raise _Budget(f"its aliases nest values more than {limits.NESTING} levels deep")
            open_nodes.add(key)
            values, chars, height = 1, 0, 0
            if isinstance(node, yaml.ScalarNode):
                chars = len(node.value)
            else:
                children = (
                    node.value
                    if isinstance(node, yaml.SequenceNode)
                    else [part for pair in node.value for part in pair]
                )
                for child in children:
                    v, c, h = measure(child, level + 1)
                    values, chars, height = values + v, chars + c, max(height, h + 1)
                    if values > limits.FRONT_MATTER_NODES or chars > limits.FRONT_MATTER:
                        raise _Budget(_TOO_LARGE)
            open_nodes.discard(key)
            known = sizes[key] = (values, chars, height)
        if level + known[2] > limits.NESTING:
            raise _Budget(f"its aliases nest values more than {limits.NESTING} levels deep")
        return known

    values, chars, _ = measure(root, 1)
    if values > limits.FRONT_MATTER_NODES or chars > limits.FRONT_MATTER:
        raise _Budget(_TOO_LARGE)


def _load_front_matter(source: str) -> object:
    """The front matter's data, loaded safely within the limits; raises InputError."""
    if len(source) > limits.FRONT_MATTER:
        raise InputError(
            f"the front matter is {len(source):,} characters long, over the limit of "
            f"{limits.FRONT_MATTER:,}",
            hint=_FRONT_HINT,
        )
    loader: _FrontMatterLoader | None = None
    try:
        loader = _FrontMatterLoader(source)  # reads (and checks) the characters here
        node = loader.get_single_node()
        if node is None:
            return None
        _check_budget(node)
        return loader.construct_document(node)
    except _Budget as exc:
        raise InputError(f"the front matter is refused: {exc}", hint=_FRONT_HINT) from None
    except yaml.reader.ReaderError as exc:
        char = exc.character if isinstance(exc.character, str) else chr(exc.character)
        raise InputError(f"the front matter contains {describe_character(char)}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark is not None else ""  # +1 for the opening ---
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise InputError(
            f"the front matter is not valid YAML{where}: {problem}", hint=_FRONT_HINT
        ) from None
    except RecursionError:
        raise InputError(
            f"the front matter nests values more than {limits.NESTING} levels deep",
            hint=_FRONT_HINT,
        ) from None
    finally:
        if loader is not None:
            loader.dispose()


def _split_front_matter(text: str) -> tuple[dict[str, str], str]:
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    loaded = _load_front_matter(match.group(1) or "")
    if loaded is None:
        loaded = {}
    if not isinstance(loaded, dict):
        raise InputError("the front matter is not a set of 'key: value' lines", hint=_FRONT_HINT)
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
    if isinstance(value, bytes):
        raise InputError(
            "the front matter holds binary data (!!binary), which an article cannot keep",
            hint=_FRONT_HINT,
        )
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
