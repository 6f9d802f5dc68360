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
        if clean(line):
            run.append(line.rstrip())
        elif run:
            blocks.extend(_paragraphs(run))
            run = []
    if run:
        blocks.extend(_paragraphs(run))
    return title, date, blocks


def _skip_blank(lines: list[str], index: int) -> int:
    while index < len(lines) and not clean(lines[index]):
        index += 1
    return index


def _paragraphs(run: list[str]) -> list[ImportedBlock]:
    """Split one run of consecutive non-blank lines into paragraphs."""
    groups: list[list[str]] = []
    if len(run) > 1 and any(_INDENT.match(line) for line in run[1:]):
        # Indentation marks where paragraphs begin; unindented lines continue the one above.
        for line in run:
            if not groups or _INDENT.match(line):
                groups.append([line])
            else:
                groups[-1].append(line)
    else:
        widest = max(display_width(clean(line)) for line in run)
        for line in run:
            if groups and _continues(groups[-1][-1], widest):
                groups[-1].append(line)
            else:
                groups.append([line])
    blocks = []
    for group in groups:
        text = join_wrapped(group)
        if text:
            blocks.append(ImportedBlock(BlockKind.PARAGRAPH, text))
    return blocks


def _continues(previous: str, widest: int) -> bool:
    """Whether the next line continues `previous`: it was wrapped (near the run's full width)
    and did not end a sentence."""
    line = clean(previous)
    return not ends_sentence(line) and display_width(line) >= _WRAP_SHARE * widest
