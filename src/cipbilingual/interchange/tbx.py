"""TBX glossaries: read TBX v3 (TBX-Basic, TBX-Min or TBX-Core, DCA style) and the legacy
`<martif>` TBX that translate-toolkit and older tools write; write TBX v3 TBX-Basic DCA.

The parser resolves no entities, loads no DTD and touches no network; a document with an internal
DTD subset is refused. Structure and the values of administrativeStatus and termType are checked,
and every error names its line. The mapping to terms is in docs/glossary.md.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from cipbilingual.errors import CipError, InputError
from cipbilingual.glossary.model import normalise_term
from cipbilingual.interchange.files import declares_entities, read_input, write_atomic
from cipbilingual.models import Term, TermStatus

TBX_NS = "urn:iso:std:iso:30042:ed-2"  # TBX v3 is ISO 30042:2019, the standard's 2nd edition
TBX_NS_DRAFT = "urn:iso:std:iso:30042:ed:3.0"  # what early TBX v3 files and tools wrote
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
DIALECTS = ("TBX-Basic", "TBX-Min", "TBX-Core")
SCHEMA_PIS = (
    'href="https://raw.githubusercontent.com/LTAC-Global/TBX_Core_RNG/master/TBXcoreStructV03.rng" '
    'type="application/xml" schematypens="http://relaxng.org/ns/structure/1.0"',
    'href="https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/master/DCA/'
    'TBX-Basic_DCA.sch" type="application/xml" schematypens="http://purl.oclc.org/dsdl/schematron"',
)

ADMIN_STATUS = {
    "preferredTerm-admn-sts": "preferred",
    "admittedTerm-admn-sts": "admitted",
    "deprecatedTerm-admn-sts": "deprecated",
    "supersededTerm-admn-sts": "superseded",
}
# Legacy TBX (ISO 30042:2008) has a few more statuses; each means "use it".
LEGACY_ADMIN_STATUS = {
    **ADMIN_STATUS,
    "standardizedTerm-admn-sts": "preferred",
    "legalTerm-admn-sts": "preferred",
    "regulatedTerm-admn-sts": "preferred",
}
TERM_TYPES = ("fullForm", "acronym", "abbreviation", "shortForm", "variant", "phrase")
ABBREVIATION_TYPES = ("abbreviation", "acronym", "shortForm", "initialism", "shortcut")

# Notes carrying what TBX-Basic has no data category for; readable as plain notes elsewhere.
SENSE_NOTE = "sense: "
CASE_NOTE = "case-sensitive"
FULL_FORM_NOTE = "first mention: full form with the abbreviation in brackets"

_META = ("descrip", "descripGrp", "admin", "adminGrp", "transacGrp", "note", "ref", "xref")
_V3_CHILDREN = {
    "conceptEntry": {*_META, "langSec"},
    "langSec": {*_META, "termSec"},
    "termSec": {*_META, "term", "termNote", "termNoteGrp"},
}
_LEGACY_CHILDREN = {
    "termEntry": {*_META, "langSet"},
    "langSet": {*_META, "tig", "ntig"},
    "tig": {*_META, "term", "termNote", "termNoteGrp"},
    "ntig": {*_META, "termGrp"},
    "termGrp": {"term", "termNote", "termNoteGrp", "termCompList"},
}


@dataclass
class _TermItem:
    text: str
    line: int
    status: str = ""  # preferred, admitted, deprecated, superseded, or "" when not given
    kind: str = ""  # termType
    notes: list[str] = field(default_factory=list)


@dataclass
class _Lang:
    code: str
    line: int
    notes: list[str] = field(default_factory=list)
    terms: list[_TermItem] = field(default_factory=list)


@dataclass
class _Concept:
    ident: str
    line: int
    notes: list[str] = field(default_factory=list)
    langs: list[_Lang] = field(default_factory=list)


@dataclass
class TbxContent:
    """What a TBX file gave: terms with their "file:line", and notices about what was skipped."""

    records: list[tuple[Term, str]]
    notices: list[str]


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


def _local(element: etree._Element) -> str:
    return etree.QName(element).localname


def _text(element: etree._Element) -> str:
    raw = element.text or "" if len(element) == 0 else "".join(element.itertext())
    return " ".join(raw.split())


def parse_tbx(path: Path) -> etree._Element:
    """The root element of a well-formed TBX file; raises InputError (with the line) for
    malformed XML, a DTD internal subset, or a root that is not <tbx> or <martif>."""
    data = read_input(path)
    if declares_entities(data[:65536]):
        raise InputError(
            f"{path}:1: the document declares its own DTD entities, which are not accepted",
            hint="TBX needs no DTD; remove the <!DOCTYPE …[ … ]> subset",
        )
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        line = exc.lineno or 1
        raise InputError(f"{path}:{line}: not well-formed XML: {exc.msg}") from None
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and (any(True for _ in dtd.iterentities()) or dtd.elements()):
        raise InputError(
            f"{path}:1: the document declares its own DTD entities, which are not accepted",
            hint="TBX needs no DTD; remove the <!DOCTYPE …[ … ]> subset",
        )
    name = _local(root)
    if name not in ("tbx", "martif"):
        raise InputError(
            f"{path}:{root.sourceline}: not a TBX file (the root element is <{name}>)",
            hint="expected <tbx> (TBX v3) or <martif> (older TBX)",
        )
    return root


def read_tbx(path: Path, *, source_lang: str = "zh", target_lang: str = "en") -> TbxContent:
    """Terms from a TBX file, each with its "file:line". Concepts without both languages are
    skipped with a notice. Raises InputError for invalid XML or TBX, naming the line."""
    root = parse_tbx(path)
    concepts = list(_v3_concepts(root, path) if _local(root) == "tbx" else _legacy(root, path))
    notices: list[str] = []
    records: list[tuple[Term, str]] = []
    codes: set[str] = set()
    for concept in concepts:
        codes.update(lang.code for lang in concept.langs)
        try:
            terms, notice = _to_terms(concept, source_lang, target_lang)
        except CipError as exc:
            raise type(exc)(f"{path}:{concept.line}: {exc.message}", hint=exc.hint) from None
        if notice:
            notices.append(f"{path}:{concept.line}: concept {concept.ident or '(no id)'} {notice}")
        records += [(term, f"{path}:{line}") for term, line in terms]
    if concepts and not records:
        found = ", ".join(sorted(codes)) or "none"
        raise InputError(
            f"{path}: no concept has both {source_lang} and {target_lang} terms "
            f"(languages found: {found})",
            hint="pass --source-lang/--target-lang to say which xml:lang is which",
        )
    return TbxContent(records, notices)


def _tag_names(ns: str | None, table: dict[str, set[str]]) -> dict[str, dict[str, str]]:
    """For each parent element, its allowed children: qualified tag -> local name."""
    prefix = f"{{{ns}}}" if ns else ""
    return {parent: {prefix + n: n for n in names} for parent, names in table.items()}


def _children(
    element: etree._Element, allowed: dict[str, str], path: Path
) -> dict[str, list[etree._Element]]:
    """The element's children grouped by local name, in one pass; raises InputError (with the
    line) for a child TBX does not allow there."""
    groups: dict[str, list[etree._Element]] = {}
    for child in element:
        tag = child.tag
        if not isinstance(tag, str):
            continue
        name = allowed.get(tag)
        if name is None:
            raise InputError(
                f"{path}:{child.sourceline}: unexpected <{_local(child)}> in <{_local(element)}>"
            )
        groups.setdefault(name, []).append(child)
    return groups


def _body(root: etree._Element, ns: str | None, path: Path) -> etree._Element:
    prefix = f"{{{ns}}}" if ns else ""
    body = root.find(f"{prefix}text/{prefix}body")
    if body is None:
        raise InputError(f"{path}:{root.sourceline}: <{_local(root)}> has no <text><body>")
    return body


def _v3_concepts(root: etree._Element, path: Path) -> Iterator[_Concept]:
    ns = etree.QName(root).namespace
    line = root.sourceline
    if ns not in (TBX_NS, TBX_NS_DRAFT):
        raise InputError(
            f"{path}:{line}: <tbx> is not in the TBX namespace ({TBX_NS}), "
            f"but in {ns or 'no namespace'}"
        )
    dialect = root.get("type", "")
    if dialect not in DIALECTS:
        raise InputError(
            f"{path}:{line}: TBX dialect '{dialect}' is not supported",
            hint=f"supported: {', '.join(DIALECTS)}",
        )
    style = root.get("style", "")
    if style != "dca":
        raise InputError(
            f"{path}:{line}: TBX style '{style}' is not supported; only 'dca' is",
            hint="convert DCT-style TBX to DCA style first",
        )
    allowed = _tag_names(ns, _V3_CHILDREN)
    entry_tag = f"{{{ns}}}conceptEntry"
    for entry in _body(root, ns, path):
        if not isinstance(entry.tag, str):
            continue
        if entry.tag != entry_tag:
            raise InputError(f"{path}:{entry.sourceline}: unexpected <{_local(entry)}> in <body>")
        ident = entry.get("id", "")
        if not ident:
            raise InputError(f"{path}:{entry.sourceline}: <conceptEntry> has no id")
        parts = _children(entry, allowed["conceptEntry"], path)
        concept = _Concept(ident, entry.sourceline or 0, _notes(parts))
        for sec in parts.get("langSec", []):
            sec_parts = _children(sec, allowed["langSec"], path)
            lang = _Lang(_lang_of(sec, path), sec.sourceline or 0, _notes(sec_parts))
            for term_sec in sec_parts.get("termSec", []):
                term_parts = _children(term_sec, allowed["termSec"], path)
                lang.terms.append(
                    _term_item(term_sec, term_parts, term_parts, ADMIN_STATUS, True, path)
                )
            if not lang.terms:
                raise InputError(f"{path}:{sec.sourceline}: <langSec> has no <termSec>")
            concept.langs.append(lang)
        if not concept.langs:
            raise InputError(f"{path}:{entry.sourceline}: <conceptEntry> has no <langSec>")
        yield concept


def _legacy(root: etree._Element, path: Path) -> Iterator[_Concept]:
    if etree.QName(root).namespace is not None:
        raise InputError(f"{path}:{root.sourceline}: <martif> must not be in a namespace")
    kind = root.get("type", "")
    if not kind.startswith("TBX"):
        raise InputError(f"{path}:{root.sourceline}: <martif type='{kind}'> is not TBX")
    allowed = _tag_names(None, _LEGACY_CHILDREN)
    statuses = LEGACY_ADMIN_STATUS
    for entry in _body(root, None, path):
        if not isinstance(entry.tag, str):
            continue
        if entry.tag != "termEntry":
            raise InputError(f"{path}:{entry.sourceline}: unexpected <{_local(entry)}> in <body>")
        parts = _children(entry, allowed["termEntry"], path)
        concept = _Concept(entry.get("id", ""), entry.sourceline or 0, _notes(parts))
        for sec in parts.get("langSet", []):
            sec_parts = _children(sec, allowed["langSet"], path)
            lang = _Lang(_lang_of(sec, path), sec.sourceline or 0, _notes(sec_parts))
            for group in sec:
                if group.tag == "tig":
                    tig = _children(group, allowed["tig"], path)
                    lang.terms.append(_term_item(group, tig, tig, statuses, False, path))
                elif group.tag == "ntig":
                    ntig = _children(group, allowed["ntig"], path)
                    if "termGrp" not in ntig:
                        raise InputError(f"{path}:{group.sourceline}: <ntig> has no <termGrp>")
                    term_grp = ntig["termGrp"][0]
                    grp = _children(term_grp, allowed["termGrp"], path)
                    lang.terms.append(_term_item(term_grp, grp, ntig, statuses, False, path))
            if not lang.terms:
                raise InputError(f"{path}:{sec.sourceline}: <langSet> has no <tig> or <ntig>")
            concept.langs.append(lang)
        if not concept.langs:
            raise InputError(f"{path}:{entry.sourceline}: <termEntry> has no <langSet>")
        yield concept


def _lang_of(element: etree._Element, path: Path) -> str:
    code = (element.get(XML_LANG) or "").strip()
    if not code:
        raise InputError(f"{path}:{element.sourceline}: <{_local(element)}> has no xml:lang")
    return code


def _notes(parts: dict[str, list[etree._Element]]) -> list[str]:
    return [text for note in parts.get("note", []) if (text := _text(note))]


def _term_item(
    holder: etree._Element,
    parts: dict[str, list[etree._Element]],
    section: dict[str, list[etree._Element]],
    statuses: dict[str, str],
    strict_types: bool,
    path: Path,
) -> _TermItem:
    """One term from its holder (termSec, tig or termGrp) and the holder's children; notes come
    from the section's children (the same for termSec and tig, the ntig for a termGrp)."""
    found = parts.get("term", [])
    if len(found) != 1:
        raise InputError(
            f"{path}:{holder.sourceline}: <{_local(holder)}> must hold exactly one <term>, "
            f"not {len(found)}"
        )
    text = _text(found[0])
    if not text:
        raise InputError(f"{path}:{found[0].sourceline}: empty <term>")
    item = _TermItem(text, found[0].sourceline or 0, notes=_notes(section))
    notes = list(parts.get("termNote", []))
    for grp in parts.get("termNoteGrp", []):
        notes += [n for n in grp if isinstance(n.tag, str) and _local(n) == "termNote"]
    for note in notes:
        kind, value = note.get("type", ""), _text(note)
        if kind == "administrativeStatus":
            if value not in statuses:
                raise InputError(
                    f"{path}:{note.sourceline}: administrativeStatus '{value}' is not one of "
                    f"{', '.join(ADMIN_STATUS)}"
                )
            item.status = statuses[value]
        elif kind == "termType":
            if strict_types and value not in TERM_TYPES:
                raise InputError(
                    f"{path}:{note.sourceline}: termType '{value}' is not one of "
                    f"{', '.join(TERM_TYPES)}"
                )
            item.kind = value
    return item


def _primary(code: str) -> str:
    return code.replace("_", "-").split("-")[0].lower()


def _to_terms(
    concept: _Concept, source_lang: str, target_lang: str
) -> tuple[list[tuple[Term, int]], str]:
    sources = [
        t for lang in concept.langs if _primary(lang.code) == source_lang for t in lang.terms
    ]
    english_langs = [lang for lang in concept.langs if _primary(lang.code) == target_lang]
    english = [t for lang in english_langs for t in lang.terms]
    if not sources or not english:
        missing = source_lang if not sources else target_lang
        return [], f"has no {missing} term; skipped"

    def is_abbr(item: _TermItem) -> bool:
        return item.kind in ABBREVIATION_TYPES

    def is_full(item: _TermItem) -> bool:
        return not is_abbr(item) and item.kind not in ("variant", "phrase")

    target: _TermItem | None = None
    status = TermStatus.PREFERRED
    for wanted, entry_status in (
        (("preferred", ""), TermStatus.PREFERRED),
        (("admitted",), TermStatus.ADMITTED),
        (("superseded",), TermStatus.DEPRECATED),
    ):
        target = next((t for t in english if is_full(t) and t.status in wanted), None)
        if target is not None:
            status = entry_status
            break
    usable: tuple[str, ...] = ("preferred", "admitted", "")
    if status is TermStatus.DEPRECATED:
        usable = (*usable, "superseded")
    abbreviation = next(
        (t for t in english if t is not target and is_abbr(t) and t.status in usable), None
    )
    if target is None:
        # Only an abbreviation or variants in English: the first usable one is the house English.
        target = next((t for t in english if t.status in usable), None)
        if target is None:
            return [], f"has no usable {target_lang} term (all are deprecated); skipped"
        abbreviation = None if abbreviation is target else abbreviation
    variants = [t.text for t in english if t not in (target, abbreviation) and t.status in usable]
    forbidden = [
        t.text for t in english if t not in (target, abbreviation) and t.status not in usable
    ]

    sense = ""
    notes: list[str] = []
    for note in concept.notes:
        if note.startswith(SENSE_NOTE):
            sense = note[len(SENSE_NOTE) :].strip()
        else:
            notes.append(note)
    for lang in english_langs:
        notes += lang.notes
    case_sensitive = full_form_first = False
    for note in target.notes:
        if note == CASE_NOTE:
            case_sensitive = True
        elif note == FULL_FORM_NOTE:
            full_form_first = True
        else:
            notes.append(note)
    out: list[tuple[Term, int]] = []
    for source in sources:
        term = Term(
            source=source.text,
            target=target.text,
            sense=sense,
            abbreviation=abbreviation.text if abbreviation else "",
            note="\n".join(notes),
            forbidden=tuple(forbidden),
            variants=tuple(variants),
            status=status,
            case_sensitive=case_sensitive,
            full_form_first=full_form_first,
        )
        out.append((normalise_term(term), source.line))
    return out, ""


# -- writing --------------------------------------------------------------------------------


def tbx_bytes(
    terms: list[Term], *, source_lang: str = "zh", target_lang: str = "en", title: str = ""
) -> bytes:
    """TBX v3, TBX-Basic dialect, DCA style, of `terms`: one conceptEntry per term."""
    q = f"{{{TBX_NS}}}"
    root = etree.Element(f"{q}tbx", nsmap={None: TBX_NS})
    root.set("type", "TBX-Basic")
    root.set("style", "dca")
    root.set(XML_LANG, target_lang)
    header = etree.SubElement(root, f"{q}tbxHeader")
    file_desc = etree.SubElement(header, f"{q}fileDesc")
    source_desc = etree.SubElement(file_desc, f"{q}sourceDesc")
    etree.SubElement(source_desc, f"{q}p").text = title or "cipbilingual house glossary"
    body = etree.SubElement(etree.SubElement(root, f"{q}text"), f"{q}body")
    entry_status = {
        TermStatus.PREFERRED: "preferredTerm-admn-sts",
        TermStatus.ADMITTED: "admittedTerm-admn-sts",
        TermStatus.DEPRECATED: "supersededTerm-admn-sts",
    }
    for number, term in enumerate(terms, start=1):
        entry = etree.SubElement(body, f"{q}conceptEntry", id=f"c{number}")
        if term.sense:
            etree.SubElement(entry, f"{q}note").text = SENSE_NOTE + term.sense
        zh = etree.SubElement(entry, f"{q}langSec")
        zh.set(XML_LANG, source_lang)
        _term_sec(zh, q, term.source, "fullForm", "preferredTerm-admn-sts")
        en = etree.SubElement(entry, f"{q}langSec")
        en.set(XML_LANG, target_lang)
        notes = [line for line in term.note.splitlines() if line.strip()]
        if term.case_sensitive:
            notes.append(CASE_NOTE)
        if term.full_form_first:
            notes.append(FULL_FORM_NOTE)
        status = entry_status[term.status]
        _term_sec(en, q, term.target, "fullForm", status, notes)
        if term.abbreviation:
            _term_sec(en, q, term.abbreviation, "abbreviation", status)
        for variant in term.variants:
            _term_sec(en, q, variant, "variant", "admittedTerm-admn-sts")
        for bad in term.forbidden:
            _term_sec(en, q, bad, "", "deprecatedTerm-admn-sts")
    tree = etree.ElementTree(root)
    for text in SCHEMA_PIS:
        root.addprevious(etree.ProcessingInstruction("xml-model", text))
    etree.indent(tree, space="  ")
    return etree.tostring(tree, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _term_sec(
    parent: etree._Element,
    q: str,
    text: str,
    kind: str,
    status: str,
    notes: list[str] | None = None,
) -> None:
    sec = etree.SubElement(parent, f"{q}termSec")
    etree.SubElement(sec, f"{q}term").text = text
    if kind:
        etree.SubElement(sec, f"{q}termNote", type="termType").text = kind
    etree.SubElement(sec, f"{q}termNote", type="administrativeStatus").text = status
    for note in notes or []:
        etree.SubElement(sec, f"{q}note").text = note


def write_tbx(
    terms: list[Term], path: Path, *, source_lang: str = "zh", target_lang: str = "en"
) -> None:
    """Write `terms` as TBX v3 (TBX-Basic, DCA), atomically. Raises InputError."""
    write_atomic(path, tbx_bytes(terms, source_lang=source_lang, target_lang=target_lang))
