"""Read Chinese articles (and, for alignment, their published English) from .txt, .md and .html
files into a title, a time and blocks of text.

Encoding detection, binary and size checks and the format's reader; sentence segmentation is
`cipbilingual.segment`'s job. Decisions are written down in docs/import.md.
"""

from __future__ import annotations

import re
from pathlib import Path

from cipbilingual import limits
from cipbilingual.errors import InputError
from cipbilingual.importers.common import clean, hanzi_count, has_hanzi, latin_weight
from cipbilingual.importers.document import ImportedBlock, ImportedDocument
from cipbilingual.importers.encoding import decode_text
from cipbilingual.importers.slug import derive_slug
from cipbilingual.text import describe_character, refused_character, shown

__all__ = [
    "DEFAULT_MAX_BYTES",
    "FORMATS",
    "ImportedBlock",
    "ImportedDocument",
    "decode_text",
    "derive_slug",
    "detect_format",
    "parse_document",
    "read_document",
    "read_lines",
]

# The largest article file accepted (limits.ARTICLE_FILE): far above any real article, low
# enough that the whole import stays under 200 MB of memory.
DEFAULT_MAX_BYTES = limits.ARTICLE_FILE

FORMATS = ("txt", "md", "html")
LANGUAGES = ("zh", "en")
_EXTENSIONS = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".mdown": "md",
    ".mkd": "md",
    ".htm": "html",
    ".html": "html",
    ".xhtml": "html",
    ".shtml": "html",
}
_HTML_START = re.compile(
    r"^\s*(?:<!doctype\s+html|<html[\s>]|<\?xml[^>]*>\s*<(?:!doctype\s+)?html)", re.I
)
_HTML_TAGS = re.compile(r"<(?:html|head|body|div|p|article|meta|title)[\s>/]", re.I)
_MD_HINTS = re.compile(r"^(?:---\s*$|#{1,6}\s+\S|>\s|[-*+]\s+\S|\d{1,3}[.)]\s+\S)", re.M)


def read_document(
    path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES, language: str = "zh"
) -> tuple[ImportedDocument, bytes]:
    """Read and parse the article file at `path` (Chinese, or English with `language="en"`);
    returns the document and the original bytes (kept in the article folder). Raises InputError
    for a missing file, a folder, a pipe or device, a file over `max_bytes`, and everything
    `parse_document` refuses."""
    data = _read_bytes(path, max_bytes)
    return parse_document(data, name=path.name, language=language), data


def read_lines(
    path: Path, *, language: str, max_bytes: int = DEFAULT_MAX_BYTES
) -> tuple[list[str], bytes]:
    """The non-blank lines of a sentence-per-line file (each one sentence, white space at the
    ends removed), and the original bytes. Raises InputError like `read_document`, and when no
    line holds text of `language`."""
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}")
    data = _read_bytes(path, max_bytes)
    try:
        text, encoding = decode_text(data, language=language)
    except InputError as exc:
        raise InputError(f"{path.name}: {exc.message}", hint=exc.hint) from None
    lines = [line for line in (clean(raw) for raw in text.splitlines()) if line]
    joined = "\n".join(lines)
    if language == "zh":
        missing = not hanzi_count(joined)
    else:  # English must outweigh any Chinese in it, as in `parse_document`
        missing = latin_weight(joined) <= hanzi_count(joined)
    if missing:
        what = "Chinese" if language == "zh" else "English"
        raise InputError(
            f"{path.name}: there is no {what} in this file", hint=f"it was read as {encoding}"
        )
    return lines, data


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    return limits.read_file(path, max_bytes, "an article")


def detect_format(text: str, name: str) -> str:
    """ "txt", "md" or "html": from the file name's extension, else from the text's shape."""
    suffix = Path(name).suffix.lower()
    if suffix in _EXTENSIONS:
        return _EXTENSIONS[suffix]
    head = text[:4096]
    if _HTML_START.match(head) or len(_HTML_TAGS.findall(head)) >= 3:
        return "html"
    if _MD_HINTS.search(text[:8192]):
        return "md"
    return "txt"


def parse_document(data: bytes, *, name: str, language: str = "zh") -> ImportedDocument:
    """Decode and parse an article's bytes; the format comes from `name`'s extension (.txt
    .text .md .markdown .htm .html), else from the content. `language` is "zh" (the default)
    or "en" (a published English version, read for alignment). Raises InputError (the message
    starts with `name`) for empty, binary, undecodable input, input without text in the
    language, bad front matter, and HTML pages without an article."""
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}")
    if language == "en":
        try:
            return _parse_english(data, name)
        except InputError as exc:
            raise InputError(f"{shown(name, None)}: {exc.message}", hint=exc.hint) from None
    try:
        return _parse(data, name)
    except InputError as exc:
        raise InputError(f"{shown(name, None)}: {exc.message}", hint=exc.hint) from None


def _parse(data: bytes, name: str) -> ImportedDocument:
    if not data:
        raise InputError("the file is empty")
    from cipbilingual.importers.sniff import refuse_by_content, refuse_by_name

    refuse_by_name(name)
    suffix_format = _EXTENSIONS.get(Path(name).suffix.lower())
    declared = None
    if suffix_format in (None, "html"):
        from cipbilingual.importers.html import declared_charset

        declared = declared_charset(data)
    text, encoding = decode_text(data, declared=declared)
    if not text.strip():
        raise InputError("the file is empty (only white space)")
    refuse_by_content(text)
    if not has_hanzi(text):
        raise InputError(
            "there is no Chinese in this file",
            hint=f"it was read as {encoding}; cipbilingual imports Chinese articles",
        )
    kind = suffix_format or detect_format(text, name)
    front: dict[str, str] = {}
    if kind == "html":
        from cipbilingual.importers.html import parse_html

        title, date, blocks = parse_html(text)
    elif kind == "md":
        from cipbilingual.importers.markdown import parse_markdown

        title, date, blocks, front = parse_markdown(text)
    else:
        from cipbilingual.importers.plaintext import parse_text

        title, date, blocks = parse_text(text)
    if not hanzi_count(title) and not any(hanzi_count(block.text) for block in blocks):
        raise InputError(
            f"there is no Chinese in this file's {'article' if kind == 'html' else 'text'}",
            hint="cipbilingual imports Chinese articles",
        )
    doc = ImportedDocument(
        title=title,
        date=date,
        blocks=tuple(blocks),
        format=kind,
        encoding=encoding,
        front_matter=front,
    )
    _check_text(doc, text)
    return doc


def _check_text(doc: ImportedDocument, text: str) -> None:
    """Everything the document brings into the workspace passes the one text rule; the message
    names the line of the file where the refused character stands."""
    parts = [doc.title, doc.date, *doc.front_matter.keys(), *doc.front_matter.values()]
    parts += [block.text for block in doc.blocks] + [block.markup for block in doc.blocks]
    for part in parts:
        bad = refused_character(part)
        if bad is None:
            continue
        at = text.find(bad)
        where = f"line {text.count(chr(10), 0, at) + 1}: " if at >= 0 else ""
        raise InputError(
            f"{where}the text contains {describe_character(bad)}",
            hint="control characters cannot be stored; remove it from the file",
        )


def _parse_english(data: bytes, name: str) -> ImportedDocument:
    """The same formats and layout rules as Chinese; the text must hold English words."""
    if not data:
        raise InputError("the file is empty")
    suffix_format = _EXTENSIONS.get(Path(name).suffix.lower())
    declared = None
    if suffix_format in (None, "html"):
        from cipbilingual.importers.html import declared_charset

        declared = declared_charset(data)
    text, encoding = decode_text(data, declared=declared, language="en")
    if not text.strip():
        raise InputError("the file is empty (only white space)")
    if not latin_weight(text):
        raise InputError("there is no English in this file", hint=f"it was read as {encoding}")
    if latin_weight(text) <= hanzi_count(text):
        raise InputError(
            "there is no English in this file: it is mostly Chinese",
            hint="give the Chinese file first, then its English",
        )
    kind = suffix_format or detect_format(text, name)
    front: dict[str, str] = {}
    if kind == "html":
        from cipbilingual.importers.html import parse_html

        title, date, blocks = parse_html(text, weight=latin_weight)
    elif kind == "md":
        from cipbilingual.importers.markdown import parse_markdown

        title, date, blocks, front = parse_markdown(text)
    else:
        from cipbilingual.importers.plaintext import parse_text

        title, date, blocks = parse_text(text)
    if not latin_weight(title) and not any(latin_weight(block.text) for block in blocks):
        raise InputError("there is no English in this file's text")
    doc = ImportedDocument(
        title=title,
        date=date,
        blocks=tuple(blocks),
        format=kind,
        encoding=encoding,
        front_matter=front,
    )
    _check_text(doc, text)
    return doc
