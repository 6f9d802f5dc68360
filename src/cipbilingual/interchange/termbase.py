"""Glossary files in any supported format: pick the format, read terms, refuse duplicates, write."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from cipbilingual import limits
from cipbilingual.errors import ConflictError, InputError, UsageError
from cipbilingual.glossary.model import describe
from cipbilingual.interchange import tbx, termtable
from cipbilingual.models import Term

FORMATS = ("tsv", "csv", "tbx")
_SUFFIXES = {
    ".tsv": "tsv",
    ".tab": "tsv",
    ".txt": "tsv",
    ".csv": "csv",
    ".tbx": "tbx",
    ".xml": "tbx",
}


@dataclass
class TermFile:
    """Terms read from a file, in file order and without repeats, plus notices (skipped concepts,
    repeated identical rows)."""

    terms: list[Term]
    notices: list[str] = field(default_factory=list)


def detect_format(path: Path, given: str | None = None) -> str:
    """`given` if set, else the format the file name says; raises UsageError when neither says."""
    if given:
        if given not in FORMATS:
            raise UsageError(
                f"unknown glossary format '{given}'", hint=f"use one of {', '.join(FORMATS)}"
            )
        return given
    kind = _SUFFIXES.get(path.suffix.lower())
    if kind is None:
        raise UsageError(
            f"{path}: cannot tell the format from the name",
            hint=f"use a .tsv, .csv or .tbx name, or --format {'|'.join(FORMATS)}",
        )
    return kind


def read_terms(
    path: Path,
    *,
    format: str | None = None,
    source_lang: str = "zh",
    target_lang: str = "en",
) -> TermFile:
    """Read a glossary file. Raises InputError for unreadable or invalid content and
    ConflictError when the file gives one (term, sense) two different English renderings."""
    kind = detect_format(path, format)
    notices: list[str] = []
    if kind == "tbx":
        content = tbx.read_tbx(path, source_lang=source_lang, target_lang=target_lang)
        records, notices = content.records, content.notices
    else:
        records = termtable.read_table(path, kind=kind)
    if not records:
        raise InputError(f"{path}: no terms in the file")
    if len(records) > limits.GLOSSARY_TERMS:
        raise InputError(
            f"{path} holds more than {limits.GLOSSARY_TERMS:,} terms, the limit for a glossary"
        )
    seen: dict[tuple[str, str], tuple[Term, str]] = {}
    terms: list[Term] = []
    for term, where in records:
        key = (term.source, term.sense)
        if key in seen:
            first, first_where = seen[key]
            if first == term:
                notices.append(f"{where}: '{describe(term)}' repeats {first_where}; kept once")
                continue
            raise ConflictError(
                f"{where}: '{describe(term)}' is '{term.target}' here but '{first.target}' "
                f"at {first_where}",
                hint="give each sense its own sense/context value, or keep one of them",
            )
        seen[key] = (term, where)
        terms.append(term)
    return TermFile(terms, notices)


def write_terms(
    terms: list[Term],
    path: Path,
    *,
    format: str | None = None,
    source_lang: str = "zh",
    target_lang: str = "en",
) -> None:
    """Write a glossary file atomically in the given or file-name format. Raises UsageError,
    InputError."""
    kind = detect_format(path, format)
    if kind == "tbx":
        tbx.write_tbx(terms, path, source_lang=source_lang, target_lang=target_lang)
    else:
        termtable.write_table(terms, path, kind=kind)
