"""An article as XLIFF 1.2 or 2.0 for a CAT tool, and reading such a file back.

Every segment goes out with its English and state (see docs/xliff.md for the mapping), the
editor's reason and the glossary's house terms as notes. Reading returns the units as found;
what they may change is the workflow's decision (`workflow/xliff.py`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from cipbilingual import __version__, limits
from cipbilingual.errors import InputError, UsageError
from cipbilingual.interchange.files import declares_entities, read_input
from cipbilingual.models import Article, Segment, SegmentId, State, Term

XLIFF12_NS = "urn:oasis:names:tc:xliff:document:1.2"
XLIFF20_NS = "urn:oasis:names:tc:xliff:document:2.0"
XLIFF_VERSIONS = ("1.2", "2.0")
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
TOOL_ID = "cipbilingual"
SUBSTATE_PREFIX = "cipbilingual:"

# What a CAT tool should understand of each state. XLIFF 1.2: the <target> state (and
# approved="yes" on the unit); 2.0: the <segment> state, refined by subState.
_STATE_12 = {
    State.DRAFT: "needs-review-translation",
    State.TRANSLATED: "translated",
    State.NEEDS_WORK: "needs-translation",
    State.APPROVED: "signed-off",
}
_STATE_20 = {
    State.NEW: "initial",
    State.DRAFT: "initial",
    State.TRANSLATED: "translated",
    State.NEEDS_WORK: "initial",
    State.APPROVED: "final",
}
_QUALIFIER = {"argos": "leveraged-mt", "libretranslate": "leveraged-mt", "tm": "leveraged-tm"}
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _xml_safe(text: str) -> str:
    return _XML_ILLEGAL.sub("", text)


def unit_notes(segment: Segment, terms: Sequence[Term]) -> list[tuple[str, str]]:
    """(category, text) notes for a segment: the editor's reason, a merge conflict, each
    glossary term found in its Chinese."""
    notes: list[tuple[str, str]] = []
    if segment.reason and segment.state is State.NEEDS_WORK:
        notes.append(("reason", f"Sent back by the editor: {segment.reason}"))
    seen: set[tuple[str, str]] = set()
    for term in terms:
        if (term.source, term.sense) in seen:
            continue
        seen.add((term.source, term.sense))
        text = f"Glossary: {term.source} = {term.target}"
        if term.abbreviation:
            first = ", the full form at the first mention" if term.full_form_first else ""
            text += f" (abbreviation {term.abbreviation}{first})"
        if term.forbidden:
            text += f"; never {', '.join(term.forbidden)}"
        if term.note:
            text += f". {term.note}"
        notes.append(("glossary", text))
    return notes


def article_to_xliff(
    article: Article,
    version: str = "1.2",
    terms: Mapping[SegmentId, Sequence[Term]] | None = None,
    *,
    source_language: str = "zh-CN",
    target_language: str = "en",
) -> str:
    """The article as XLIFF `version` ("1.2" or "2.0"): every segment, its English whatever its
    state, the state mapped, and notes. The file's `original` is the article's slug, which is
    how `xliff import` finds the article again. Raises UsageError for another version."""
    terms = terms or {}
    if version == "1.2":
        root = _xliff12(article, terms, source_language, target_language)
    elif version == "2.0":
        root = _xliff20(article, terms, source_language, target_language)
    else:
        raise UsageError(
            f"unknown XLIFF version '{version}'", hint=f"use {' or '.join(XLIFF_VERSIONS)}"
        )
    text: str = etree.tostring(
        root, xml_declaration=True, encoding="UTF-8", pretty_print=True
    ).decode("utf-8")
    return text


def _xliff12(
    article: Article,
    terms: Mapping[SegmentId, Sequence[Term]],
    source_language: str,
    target_language: str,
) -> etree._Element:
    root = etree.Element("xliff", nsmap={None: XLIFF12_NS}, version="1.2")
    file = etree.SubElement(
        root,
        "file",
        original=article.slug,
        datatype="plaintext",
        attrib={"source-language": source_language, "target-language": target_language},
    )
    header = etree.SubElement(file, "header")
    etree.SubElement(
        header,
        "tool",
        attrib={"tool-id": TOOL_ID, "tool-name": "cipbilingual", "tool-version": __version__},
    )
    body = etree.SubElement(file, "body")
    for segment in article.segments:
        sid = str(segment.id)
        unit = etree.SubElement(body, "trans-unit", id=sid, resname=sid)
        unit.set(XML_SPACE, "preserve")
        etree.SubElement(unit, "source").text = segment.source
        if segment.target:
            target = etree.SubElement(unit, "target", state=_STATE_12[segment.state])
            target.text = segment.target
            if segment.state is State.DRAFT and segment.origin is not None:
                qualifier = _QUALIFIER.get(segment.origin.engine, "leveraged-inherited")
                target.set("state-qualifier", qualifier)
            elif segment.state is State.NEEDS_WORK:
                target.set("state-qualifier", "rejected-inaccurate")
        if segment.state is State.APPROVED:
            unit.set("approved", "yes")
        for category, text in unit_notes(segment, terms.get(segment.id, ())):
            note = etree.SubElement(unit, "note", attrib={"from": category})
            note.text = _xml_safe(text)
    return root


def _xliff20(
    article: Article,
    terms: Mapping[SegmentId, Sequence[Term]],
    source_language: str,
    target_language: str,
) -> etree._Element:
    root = etree.Element(
        "xliff",
        nsmap={None: XLIFF20_NS},
        version="2.0",
        srcLang=source_language,
        trgLang=target_language,
    )
    file = etree.SubElement(root, "file", id="f1", original=article.slug)
    for segment in article.segments:
        sid = str(segment.id)
        unit = etree.SubElement(file, "unit", id=sid, name=sid)
        unit.set(XML_SPACE, "preserve")
        notes = unit_notes(segment, terms.get(segment.id, ()))
        if notes:
            holder = etree.SubElement(unit, "notes")
            for category, text in notes:
                etree.SubElement(holder, "note", category=category).text = _xml_safe(text)
        state = segment.state if segment.target else State.NEW
        seg = etree.SubElement(
            unit, "segment", state=_STATE_20[state], subState=SUBSTATE_PREFIX + state.value
        )
        etree.SubElement(seg, "source").text = segment.source
        if segment.target:
            etree.SubElement(seg, "target").text = segment.target
    return root


# -- reading ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class XliffUnit:
    """A unit as a returned file has it. `done` says whether the file calls its English a
    finished translation (translated, reviewed, final, signed-off …) or still a proposal."""

    id: str
    source: str
    target: str | None  # None: no <target>
    done: bool
    line: int


@dataclass
class XliffFile:
    original: str  # the slug cipbilingual wrote, or whatever the other tool kept
    units: list[XliffUnit] = field(default_factory=list)


@dataclass
class XliffDocument:
    version: str  # "1.2" or "2.0" (1.0 and 1.1 read as 1.2)
    tool: str  # the other tool's name, "" when the file names none
    files: list[XliffFile] = field(default_factory=list)


_DONE_12 = {"translated", "final", "signed-off"}
_DONE_20 = {"translated", "reviewed", "final"}


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_pis=True,
    )


def _local(element: etree._Element) -> str:
    tag = element.tag
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _text(element: etree._Element | None) -> str:
    if element is None:
        return ""
    return "".join(t for t in element.itertext() if isinstance(t, str))


def _child(element: etree._Element, name: str) -> etree._Element | None:
    for child in element:
        if _local(child) == name:
            return child
    return None


def read_xliff(path: Path) -> XliffDocument:
    """Parse an XLIFF 1.x or 2.0 file. Raises InputError (with the line) for a missing or
    empty file, malformed XML, a DTD with entities, or a document that is not XLIFF."""
    data = read_input(path, limit=limits.XLIFF_FILE, what="an XLIFF file")
    if declares_entities(data[:65536]):
        raise InputError(f"{path}:1: the document declares its own DTD, which is not accepted")
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        raise InputError(f"{path}:{exc.lineno or 1}: not well-formed XML: {exc.msg}") from None
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and (any(True for _ in dtd.iterentities()) or dtd.elements()):
        raise InputError(f"{path}:1: the document declares its own DTD, which is not accepted")
    if _local(root) != "xliff":
        raise InputError(
            f"{path}: this is not an XLIFF file (its root is <{_local(root)}>)",
            hint="xliff import reads XLIFF 1.2 or 2.0",
        )
    namespace = etree.QName(root).namespace or ""
    version = root.get("version", "")
    if namespace == XLIFF20_NS or version.startswith("2."):
        if not version.startswith("2.0"):
            raise InputError(f"{path}: XLIFF {version} is not supported", hint="use 1.2 or 2.0")
        return _read20(root, path)
    if version and not version.startswith("1."):
        raise InputError(f"{path}: XLIFF {version} is not supported", hint="use 1.2 or 2.0")
    return _read12(root, path)


def _read12(root: etree._Element, path: Path) -> XliffDocument:
    doc = XliffDocument("1.2", "")
    tools: list[str] = []
    for file in (e for e in root if _local(e) == "file"):
        xfile = XliffFile(file.get("original", ""))
        for attr in ("tool-id", "tool"):
            if file.get(attr):
                tools.append(file.get(attr, ""))
        for element in file.iter():
            name = _local(element)
            if name == "tool":
                tools.append(element.get("tool-name") or element.get("tool-id") or "")
            elif name == "trans-unit":
                xfile.units.append(_unit12(element, path))
        doc.files.append(xfile)
    doc.tool = _other_tool(tools)
    return doc


def _unit12(element: etree._Element, path: Path) -> XliffUnit:
    line = element.sourceline or 1
    uid = element.get("id")
    if not uid:
        raise InputError(f"{path}:{line}: a <trans-unit> without an id")
    target = _child(element, "target")
    text = None if target is None else _text(target)
    state = target.get("state", "") if target is not None else ""
    done = element.get("approved") == "yes" or state in _DONE_12 or (bool(text) and not state)
    return XliffUnit(uid, _text(_child(element, "source")), text, done, line)


def _read20(root: etree._Element, path: Path) -> XliffDocument:
    doc = XliffDocument("2.0", "")
    for file in (e for e in root if _local(e) == "file"):
        xfile = XliffFile(file.get("original", ""))
        for unit in file.iter():
            if _local(unit) != "unit":
                continue
            line = unit.sourceline or 1
            uid = unit.get("id")
            if not uid:
                raise InputError(f"{path}:{line}: a <unit> without an id")
            segments = [e for e in unit if _local(e) in ("segment", "ignorable")]
            source = "".join(_text(_child(s, "source")) for s in segments)
            targets = [_child(s, "target") for s in segments]
            target = None
            if any(t is not None for t in targets):
                target = "".join(_text(t) for t in targets)
            states = {s.get("state", "") for s in segments if _local(s) == "segment"}
            done = bool(states) and states <= _DONE_20
            if not states - {""} and target:
                done = True  # no state at all: a returned translation
            xfile.units.append(XliffUnit(uid, source, target, done, line))
        doc.files.append(xfile)
    return doc


def _other_tool(names: list[str]) -> str:
    """The last tool named that is not cipbilingual (which wrote the file that went out)."""
    others = [n for n in names if n and n.lower() != TOOL_ID]
    return others[-1] if others else ""
