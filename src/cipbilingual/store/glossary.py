"""Glossary ⇄ PO catalog: the Chinese term is the msgid, the house English the msgstr.

The sense (when a Chinese term has two) is the msgctxt; the rest lives in `# key: value`
comment lines (docs/po-format.md). Other tools' header fields, header comments and entry
comments are kept; flags and previous msgids, which the glossary cannot honour, are refused.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from cipbilingual.errors import CatalogError, ConflictError, InputError
from cipbilingual.models import Term, TermConflict, TermStatus
from cipbilingual.store._gc import gc_paused
from cipbilingual.store.fields import FieldError, decode_text, encode_text
from cipbilingual.store.po import (
    PoCatalog,
    PoEntry,
    arrange_comments,
    arrange_header,
    format_po,
    parse_po,
)
from cipbilingual.text import describe_character, refused_character, shown

HEADER_COMMENT = "cipbilingual house glossary; see docs/po-format.md before editing by hand."
_HEADER = [
    ("Project-Id-Version", "cipbilingual glossary"),
    ("Language", "en"),
    ("MIME-Version", "1.0"),
    ("Content-Type", "text/plain; charset=UTF-8"),
    ("Content-Transfer-Encoding", "8bit"),
    ("X-Source-Language", "zh"),
    ("X-Cipbilingual-Format", "1"),
]
_OWN_FIELDS = frozenset(key for key, _ in _HEADER if key != "Project-Id-Version")
_YES = "yes"
# The comment keys this module owns; any other comment line is another tool's, kept as it is.
_KEYS = frozenset(
    ("abbreviation", "note", "forbidden", "variant", "status", "case-sensitive",
     "full-form-first", "conflict", "conflict-theirs")
)  # fmt: skip
# The markers of the comment lines kept for other tools, and where each kind goes in an entry.
_TRANSLATOR, _EXTRACTED, _REFERENCE = "# ", "#. ", "#: "


@dataclass(frozen=True)
class CatalogHeader:
    """What the glossary file holds beyond its terms: other tools' header fields
    (Last-Translator, Language-Team, X-Generator …), the order of every field, the header's
    comment lines and flags, and the order of the entries, all as last read."""

    fields: tuple[tuple[str, str], ...] = ()
    order: tuple[str, ...] = ()
    comments: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()
    entries: tuple[tuple[str, str], ...] = ()  # (term, sense) of every entry, in file order


def catalog_header(catalog: PoCatalog) -> CatalogHeader:
    """The header a catalog read from disk carries, to write back on the next save."""
    own_name = dict(_HEADER)["Project-Id-Version"]
    return CatalogHeader(
        fields=tuple(
            (k, v)
            for k, v in catalog.header
            if k not in _OWN_FIELDS and not (k == "Project-Id-Version" and v == own_name)
        ),
        order=tuple(k for k, _ in catalog.header),
        comments=tuple(catalog.header_comments),
        flags=tuple(catalog.header_flags),
        entries=tuple((e.msgid, e.msgctxt or "") for e in catalog.entries),
    )


def loads_header(text: str, path: Path) -> CatalogHeader:
    """The header of a glossary catalog's text. Raises CatalogError naming file and line."""
    with gc_paused():
        return catalog_header(parse_po(text, path))


def _term_comments(term: Term) -> list[str]:
    out: list[str] = []
    if term.abbreviation:
        out.append("abbreviation: " + encode_text(term.abbreviation))
    if term.note:
        out.append("note: " + encode_text(term.note))
    out += ["forbidden: " + encode_text(variant) for variant in term.forbidden]
    out += ["variant: " + encode_text(variant) for variant in term.variants]
    if term.status is not TermStatus.PREFERRED:
        out.append("status: " + term.status.value)
    if term.case_sensitive:
        out.append("case-sensitive: " + _YES)
    if term.full_form_first:
        out.append("full-form-first: " + _YES)
    if term.conflict is not None:
        out.append("conflict: " + encode_text(term.conflict.note))
        if term.conflict.theirs is not None:
            out.append("conflict-theirs: " + _term_json(term.conflict.theirs))
    return out


def _term_json(term: Term) -> str:
    """Their version of an entry in a merge conflict, as one line of JSON."""
    data = {
        "target": term.target,
        "abbreviation": term.abbreviation,
        "note": term.note,
        "forbidden": list(term.forbidden),
        "variants": list(term.variants),
        "status": term.status.value,
        "case_sensitive": term.case_sensitive,
        "full_form_first": term.full_form_first,
    }
    if term.tool_comments:
        data["tool_comments"] = list(term.tool_comments)
    return json.dumps(data, ensure_ascii=True, separators=(",", ":"))


def _term_from_json(source: str, sense: str, text: str) -> Term:
    try:
        data = json.loads(text)
    except ValueError:
        raise FieldError("unreadable conflict record") from None
    if not isinstance(data, dict):
        raise FieldError("unreadable conflict record")
    try:
        return Term(
            source=source,
            sense=sense,
            target=str(data["target"]),
            abbreviation=str(data.get("abbreviation", "")),
            note=str(data.get("note", "")),
            forbidden=tuple(str(v) for v in data.get("forbidden", [])),
            variants=tuple(str(v) for v in data.get("variants", [])),
            status=TermStatus(data.get("status", "preferred")),
            case_sensitive=bool(data.get("case_sensitive", False)),
            full_form_first=bool(data.get("full_form_first", False)),
            tool_comments=tuple(str(v) for v in data.get("tool_comments", [])),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise FieldError(f"unreadable conflict record ({exc})") from None


def _in_file_order(terms: Sequence[Term], order: Sequence[tuple[str, str]]) -> list[Term]:
    """The entries the file had in its order (another tool's order is kept), each new one
    before the first that sorts after it: a sorted file stays sorted."""

    def key(term: Term) -> tuple[str, str]:
        return (term.source, term.sense)

    place = {k: i for i, k in enumerate(order)}
    old = sorted((t for t in terms if key(t) in place), key=lambda t: place[key(t)])
    new = sorted((t for t in terms if key(t) not in place), key=key)
    out: list[Term] = []
    i = 0
    for term in old:
        while i < len(new) and key(new[i]) < key(term):
            out.append(new[i])
            i += 1
        out.append(term)
    out += new[i:]
    return out


def terms_catalog(terms: Sequence[Term], header: CatalogHeader | None = None) -> PoCatalog:
    """The catalog for a glossary: the entries of the file it replaces (`header`) in their
    order, new ones in (source, sense) order among them. Raises ConflictError on a duplicate
    term and InputError on an empty one."""
    entries: list[PoEntry] = []
    seen: set[tuple[str, str]] = set()
    for term in _in_file_order(terms, header.entries if header is not None else ()):
        key = (term.source, term.sense)
        if key in seen:
            sense = f" ({term.sense})" if term.sense else ""
            raise ConflictError(f"the glossary holds the term '{term.source}'{sense} twice")
        if not term.source:
            raise InputError("a glossary term needs its Chinese text")
        bad = _refused(term)
        if bad is not None:
            raise InputError(f"the term '{shown(term.source)}' contains {describe_character(bad)}")
        seen.add(key)
        own, extracted, references = _tool_lines(term)
        entries.append(
            PoEntry(
                msgid=term.source,
                msgstr=term.target,
                msgctxt=term.sense or None,
                translator_comments=_term_comments(term) + own,
                extracted_comments=extracted,
                references=references,
            )
        )
    kept = header or CatalogHeader()
    return PoCatalog(
        header_comments=arrange_comments([HEADER_COMMENT], list(kept.comments)),
        header=arrange_header(list(_HEADER), list(kept.fields), list(kept.order)),
        entries=entries,
        header_flags=list(kept.flags),
    )


def _tool_lines(term: Term) -> tuple[list[str], list[str], list[str]]:
    """Other tools' comment lines of a term, by kind: free comments, notes, references."""
    free: list[str] = []
    extracted: list[str] = []
    references: list[str] = []
    for line in term.tool_comments:
        if line.startswith(_EXTRACTED):
            extracted.append(line[len(_EXTRACTED) :])
        elif line.startswith(_REFERENCE):
            references.append(line[len(_REFERENCE) :])
        elif line.startswith(_TRANSLATOR):
            free.append(line[len(_TRANSLATOR) :])
        else:
            raise InputError(f"the term '{shown(term.source)}' has an unknown comment line")
    return free, extracted, references


def dumps_terms(terms: Sequence[Term], header: CatalogHeader | None = None) -> str:
    """The exact text of the glossary catalog; `header` is what to keep of the header of the
    file it replaces (other tools' fields and comments)."""
    with gc_paused():
        return format_po(terms_catalog(terms, header))


def _term(entry: PoEntry) -> Term:
    abbreviation = note = ""
    forbidden: list[str] = []
    variants: list[str] = []
    status = TermStatus.DEPRECATED if entry.obsolete else TermStatus.PREFERRED
    case_sensitive = full_form_first = False
    conflict: TermConflict | None = None
    if entry.flags:
        flag = entry.flags[0]
        raise FieldError(
            f"the entry is marked '{flag}' by another tool and the glossary has no such mark: "
            f"remove the '#, {flag}' line (a term in doubt can be 'status: admitted')"
        )
    if entry.previous_msgid is not None or entry.previous_msgctxt is not None:
        raise FieldError(
            "the entry carries a previous Chinese term ('#| msgid') from another tool: "
            "check its English, then remove the '#|' lines"
        )
    tool: list[str] = []
    for line in entry.translator_comments:
        key, sep, value = line.partition(": ")
        if not sep or key not in _KEYS:
            tool.append(_TRANSLATOR + line)
            continue
        if key == "abbreviation":
            abbreviation = decode_text(value)
        elif key == "note":
            note = decode_text(value)
        elif key == "forbidden":
            forbidden.append(decode_text(value))
        elif key == "variant":
            variants.append(decode_text(value))
        elif key == "status":
            try:
                status = TermStatus(value)
            except ValueError:
                raise FieldError(f"unknown status '{value}'") from None
        elif key == "case-sensitive":
            case_sensitive = value == _YES
        elif key == "full-form-first":
            full_form_first = value == _YES
        elif key == "conflict":
            conflict = TermConflict(None, decode_text(value))
        elif key == "conflict-theirs" and conflict is not None:
            theirs = _term_from_json(entry.msgid, entry.msgctxt or "", value)
            conflict = TermConflict(theirs, conflict.note)
    term = Term(
        source=entry.msgid,
        target=entry.msgstr,
        sense=entry.msgctxt or "",
        abbreviation=abbreviation,
        note=note,
        forbidden=tuple(forbidden),
        variants=tuple(variants),
        status=status,
        case_sensitive=case_sensitive,
        full_form_first=full_form_first,
        conflict=conflict,
        tool_comments=(
            *tool,
            *(_EXTRACTED + line for line in entry.extracted_comments),
            *(_REFERENCE + line for line in entry.references),
        ),
    )
    bad = _refused(term)
    if bad is not None:
        raise FieldError(f"the term contains {describe_character(bad)}")
    return term


def _refused(term: Term) -> str | None:
    """The first character of the term the one text rule refuses (a catalog written is one that
    loads), or None."""
    for text in (
        term.source,
        term.target,
        term.sense,
        term.abbreviation,
        term.note,
        *term.forbidden,
        *term.variants,
        term.conflict.note if term.conflict is not None else "",
    ):
        bad = refused_character(text)
        if bad is not None:
            return bad
    for line in term.tool_comments:
        bad = "\n" if "\n" in line else refused_character(line)
        if bad is not None:
            return bad
    if term.conflict is not None and term.conflict.theirs is not None:
        return _refused(term.conflict.theirs)
    return None


def loads_terms(text: str, path: Path) -> list[Term]:
    """The terms of a glossary catalog's text. An obsolete (`#~`) entry is read as a deprecated
    term. Raises CatalogError naming file and line."""
    with gc_paused():
        catalog = parse_po(text, path)
        terms: list[Term] = []
        for entry in catalog.entries:
            try:
                terms.append(_term(entry))
            except FieldError as exc:
                raise CatalogError(f"{path}:{entry.lineno}: {exc}") from None
    return terms
