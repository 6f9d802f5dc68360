"""Plain-text articles: title line, optional publication-time line, then paragraphs.

Paragraphs are separated by blank lines; inside a run of lines without blank lines the shape
decides (indentation, then line width and final punctuation) whether lines are wrapped or one
paragraph each. See docs/import.md.
"""

from __future__ import annotations

import re

from cipbilingual.importers.common import (
    clean,
    display_width,
    ends_sentence,
    is_blank,
    join_wrapped,
    time_line,
)
from cipbilingual.importers.document import ImportedBlock
from cipbilingual.models import BlockKind

# Two ideographic spaces, two or more ASCII spaces or a tab open an indented paragraph.
_INDENT = re.compile(r"^(?:[\u3000\u00a0]|\s{2,}|\t)")
# A line at least this share of the run's widest line may have been wrapped by an editor.
_WRAP_SHARE = 0.75


def parse_text(text: str) -> tuple[str, str, list[ImportedBlock]]:
    """(title, date, body blocks) of a plain-text article; the date is "" when the line after
    the title is not a publication time."""
    lines = text.splitlines()
    index = _skip_blank(lines, 0)
    if index >= len(lines):
        return "", "", []
    title = clean(lines[index])
    index = _skip_blank(lines, index + 1)
    date = ""
    if index < len(lines):
        found = time_line(lines[index])
        if found is not None:
            date = found
            index += 1
    blocks: list[ImportedBlock] = []
    run: list[str] = []
    for line in lines[index:]:
        if not is_blank(line):
            run.append(line.rstrip())
        elif run:
            blocks.extend(_paragraphs(run))
            run = []
    if run:
        blocks.extend(_paragraphs(run))
    return title, date, blocks


def _skip_blank(lines: list[str], index: int) -> int:
    while index < len(lines) and is_blank(lines[index]):
        index += 1
    return index


def _paragraphs(run: list[str]) -> list[ImportedBlock]:
    """Split one run of consecutive non-blank lines into paragraphs, by the run's shape."""
    if len(run) == 1:
        text = join_wrapped(run)
        return [ImportedBlock(BlockKind.PARAGRAPH, text)] if text else []
    groups: list[list[str]] = []
    if any(_INDENT.match(line) for line in run[1:]):
        # Indentation marks where paragraphs begin; unindented lines continue the one above.
        for line in run:
            if not groups or _INDENT.match(line):
                groups.append([line])
            else:
                groups[-1].append(line)
    else:
        cleaned = [clean(line) for line in run]
        widths = [display_width(line) for line in cleaned]
        wide = _WRAP_SHARE * max(widths)
        wrapped = _is_wrapped(cleaned[:-1], widths[:-1], wide)
        groups.append([run[0]])
        for index in range(1, len(run)):
            if _continues(cleaned[index - 1], widths[index - 1], wide, wrapped):
                groups[-1].append(run[index])
            else:
                groups.append([run[index]])
    blocks = []
    for group in groups:
        text = join_wrapped(group)
        if text:
            blocks.append(ImportedBlock(BlockKind.PARAGRAPH, text))
    return blocks


def _is_wrapped(lines: list[str], widths: list[int], wide: float) -> bool:
    """A run whose lines (all but the last) are mostly near full width and mostly stop
    mid-sentence was wrapped by an editor; otherwise it holds one paragraph per line."""
    if not lines:
        return False
    full = sum(1 for width in widths if width >= wide)
    open_ended = sum(1 for line in lines if not ends_sentence(line))
    return full * 3 >= len(lines) * 2 and open_ended * 2 > len(lines)


def _continues(previous: str, width: int, wide: float, wrapped: bool) -> bool:
    """Whether the next line continues `previous` (of display width `width`). In a wrapped run
    only a short line that ends a sentence ends a paragraph; in a line-per-paragraph run only a
    full-width line that stops mid-sentence goes on."""
    if wrapped:
        return not (ends_sentence(previous) and width < wide)
    return not ends_sentence(previous) and width >= wide
