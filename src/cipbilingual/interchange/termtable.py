"""Glossaries as TSV or CSV with a header row: one term per row.

Columns (case and spaces in names do not matter; aliases in `ALIASES`): zh and en are required;
sense, abbreviation, note, forbidden, variants, status, case_sensitive, full_form_first are
optional. Several forbidden variants or variants share one cell, separated by "|". TSV cells
escape tab, newline and backslash as \\t, \\n and \\\\; CSV quotes as spreadsheets do.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path

from cipbilingual import limits
from cipbilingual.errors import CipError, InputError
from cipbilingual.glossary.model import SEPARATOR, normalise_term
from cipbilingual.interchange.files import decode_utf8, read_input, write_atomic
from cipbilingual.models import Term, TermStatus

COLUMNS = (
    "zh",
    "en",
    "sense",
    "abbreviation",
    "note",
    "forbidden",
    "variants",
    "status",
    "case_sensitive",
    "full_form_first",
)
REQUIRED = ("zh", "en")

ALIASES: dict[str, str] = {
    **{name: name for name in COLUMNS},
    "source": "zh",
    "chinese": "zh",
    "term": "zh",
    "zh_cn": "zh",
    "zh_hans": "zh",
    "target": "en",
    "english": "en",
    "en_us": "en",
    "en_gb": "en",
    "context": "sense",
    "abbr": "abbreviation",
    "acronym": "abbreviation",
    "notes": "note",
    "usage_note": "note",
    "comment": "note",
    "forbidden_variants": "forbidden",
    "do_not_use": "forbidden",
    "admitted": "variants",
    "case": "case_sensitive",
}

_TRUE = {"yes", "y", "true", "1", "x"}
_FALSE = {"", "no", "n", "false", "0"}
_ESCAPES = {"t": "\t", "n": "\n", "r": "\r", "\\": "\\"}
_ESCAPE_RE = re.compile(r"\\(.)")


def column_name(header: str) -> str | None:
    """The canonical column for a header cell, or None when it is not one we know."""
    key = re.sub(r"[\s\-]+", "_", header.strip().lower())
    return ALIASES.get(key)


def _unescape(cell: str) -> str:
    return _ESCAPE_RE.sub(lambda m: _ESCAPES.get(m.group(1), m.group(0)), cell)


def _escape(cell: str) -> str:
    return cell.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def _tsv_rows(text: str) -> Iterator[tuple[int, list[str]]]:
    # Lines end at \n (or \r\n) only: other line-breaking characters are text to be checked.
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    for number, raw in enumerate(lines, start=1):
        line = raw[:-1] if raw.endswith("\r") else raw
        yield number, [_unescape(cell) for cell in line.split("\t")]


def _csv_rows(text: str, path: Path) -> Iterator[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    start = 1
    try:
        for row in reader:
            yield start, row
            start = reader.line_num + 1
    except csv.Error as exc:
        raise InputError(f"{path}:{reader.line_num}: not valid CSV ({exc})") from None


def _flag(value: str, column: str, where: str) -> bool:
    clean = value.strip().lower()
    if clean in _TRUE:
        return True
    if clean in _FALSE:
        return False
    raise InputError(f"{where}: {column} must be yes or no, not '{value}'")


def _status(value: str, where: str) -> TermStatus:
    clean = value.strip().lower() or "preferred"
    try:
        return TermStatus(clean)
    except ValueError:
        raise InputError(
            f"{where}: status must be preferred, admitted or deprecated, not '{value}'"
        ) from None


def read_table(path: Path, *, kind: str) -> list[tuple[Term, str]]:
    """Terms from a TSV (`kind="tsv"`) or CSV file, each with its "file:line"; rows are checked
    and normalised. Raises InputError for a missing or unknown column, a row with the wrong
    number of cells, an empty term or a bad value, naming the line."""
    text = decode_utf8(read_input(path), path)
    rows = _tsv_rows(text) if kind == "tsv" else _csv_rows(text, path)
    header: list[str | None] | None = None
    records: list[tuple[Term, str]] = []
    for number, cells in rows:
        if not any(cell.strip() for cell in cells):
            continue
        where = f"{path}:{number}"
        if header is None:
            header = _header(cells, where)
            continue
        if len(records) >= limits.GLOSSARY_TERMS:
            raise InputError(
                f"{path} holds more than {limits.GLOSSARY_TERMS:,} terms, the limit for a glossary"
            )
        if len(cells) != len(header):
            raise InputError(
                f"{where}: {len(cells)} cells, but the header has {len(header)}",
                hint="every row needs as many cells as the header (empty cells are fine)"
                + (" — is this a CSV file?" if kind == "tsv" and len(cells) == 1 else ""),
            )
        row = {name: cell for name, cell in zip(header, cells, strict=True) if name}
        try:
            term = Term(
                source=row["zh"],
                target=row["en"],
                sense=row.get("sense", ""),
                abbreviation=row.get("abbreviation", ""),
                note=row.get("note", ""),
                forbidden=tuple(row.get("forbidden", "").split(SEPARATOR)),
                variants=tuple(row.get("variants", "").split(SEPARATOR)),
                status=_status(row.get("status", ""), where),
                case_sensitive=_flag(row.get("case_sensitive", ""), "case_sensitive", where),
                full_form_first=_flag(row.get("full_form_first", ""), "full_form_first", where),
            )
            records.append((normalise_term(term), where))
        except CipError as exc:
            if exc.message.startswith(str(path)):
                raise
            raise type(exc)(f"{where}: {exc.message}", hint=exc.hint) from None
    if header is None:
        raise InputError(
            f"{path}: no header row", hint=f"the first row names the columns: {', '.join(COLUMNS)}"
        )
    return records


def _header(cells: list[str], where: str) -> list[str | None]:
    names: list[str | None] = []
    for cell in cells:
        name = column_name(cell)
        if name is None:
            if not cell.strip():
                raise InputError(f"{where}: the header has an empty column name")
            raise InputError(
                f"{where}: unknown column '{cell.strip()}' in the header",
                hint=f"known columns: {', '.join(COLUMNS)}",
            )
        if name in names:
            raise InputError(f"{where}: column '{name}' appears twice in the header")
        names.append(name)
    missing = [name for name in REQUIRED if name not in names]
    if missing:
        raise InputError(
            f"{where}: the header has no {' and no '.join(missing)} column",
            hint="the first row must name the columns, at least zh and en",
        )
    return names


def _cells(term: Term) -> list[str]:
    return [
        term.source,
        term.target,
        term.sense,
        term.abbreviation,
        term.note,
        SEPARATOR.join(term.forbidden),
        SEPARATOR.join(term.variants),
        str(term.status),
        "yes" if term.case_sensitive else "",
        "yes" if term.full_form_first else "",
    ]


def table_bytes(terms: list[Term], *, kind: str) -> bytes:
    """The TSV or CSV text (UTF-8) of `terms`, header first."""
    if kind == "tsv":
        lines = ["\t".join(COLUMNS)]
        lines += ["\t".join(_escape(cell) for cell in _cells(term)) for term in terms]
        return ("\n".join(lines) + "\n").encode("utf-8")
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for term in terms:
        writer.writerow(_cells(term))
    return out.getvalue().encode("utf-8")


def write_table(terms: list[Term], path: Path, *, kind: str) -> None:
    """Write `terms` as TSV or CSV, atomically; raises InputError when it cannot be written."""
    write_atomic(path, table_bytes(terms, kind=kind))
