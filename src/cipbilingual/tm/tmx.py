"""TMX 1.4b: a streaming reader (bounded memory on files of any size, no entities, no network)
and a streaming, atomic writer with the header and per-unit properties other tools expect."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

from lxml import etree

from cipbilingual import limits
from cipbilingual.errors import InputError
from cipbilingual.interchange.files import declares_entities
from cipbilingual.models import State
from cipbilingual.store.atomic import atomic_file
from cipbilingual.text import describe_character, refused_character
from cipbilingual.text import shown as text_shown
from cipbilingual.tm.model import STATE_RANK, OriginKind, TMUnit, UnitOrigin

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
PROP_STATE = "x-cipbilingual-state"
PROP_ORIGIN = "x-cipbilingual-origin"
PROP_BEFORE = "x-cipbilingual-context-before"
PROP_AFTER = "x-cipbilingual-context-after"
CREATION_TOOL = "cipbilingual"

# Inline elements whose content is native markup, not text (TMX 1.4b §3.7); <hi> is text.
_CODE_TAGS = {"bpt", "ept", "ph", "it", "ut", "sub"}
_TMX_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$")
# Simplified Chinese tags come before other Chinese variants when a unit holds several.
_PREFERRED = ("", "cn", "hans", "hans-cn", "sg", "hans-sg")


@dataclass
class TMXSummary:
    """What reading a TMX file found: its header and how many units were kept or skipped."""

    path: Path
    srclang: str = ""
    creationtool: str = ""
    units: int = 0  # <tu> elements read
    kept: int = 0
    missing_language: int = 0  # no Chinese or no English variant
    empty: int = 0  # a variant with no text

    def to_json(self) -> dict[str, object]:
        return {
            "file": self.path.name,
            "srclang": self.srclang,
            "creationtool": self.creationtool,
            "units": self.units,
            "kept": self.kept,
            "skipped_missing_language": self.missing_language,
            "skipped_empty": self.empty,
        }


def tmx_date(iso: str) -> str:
    """`2019-11-24T16:36:14Z` -> `20191124T163614Z` (TMX's date format); '' if not ISO 8601."""
    try:
        when = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except ValueError:
        return ""
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def iso_date(tmx: str) -> str:
    """`20191124T163614Z` -> `2019-11-24T16:36:14Z`; '' if not a TMX date."""
    found = _TMX_DATE.match(tmx.strip())
    if not found:
        return ""
    y, mo, d, h, mi, s = found.groups()
    return f"{y}-{mo}-{d}T{h}:{mi}:{s}Z"


@functools.lru_cache(maxsize=256)
def _language_rank(tag: str, wanted: str) -> int | None:
    """How well an xml:lang tag fits a language: 0 best, None when it is another language."""
    tag = tag.strip().lower().replace("_", "-")
    want = wanted.strip().lower().replace("_", "-")
    if tag == want:
        return 0
    primary, _, rest = tag.partition("-")
    if primary != want.partition("-")[0]:
        return None
    if primary == "zh":
        return 1 + _PREFERRED.index(rest) if rest in _PREFERRED else 1 + len(_PREFERRED)
    return 1


def _local(tag: object) -> str:
    """An element's name without its namespace; '' for comments and processing instructions."""
    if not isinstance(tag, str):
        return ""
    return tag.rpartition("}")[2]


def _seg_raw(seg: etree._Element) -> str:
    """The text of a <seg> as written (inline codes left out); white space is tidied later."""
    parts = [seg.text or ""]
    for child in seg:
        tag = _local(child.tag)
        if tag == "hi":
            parts.append(_seg_raw(child))
        elif tag not in _CODE_TAGS and tag:
            parts.append("".join(child.itertext()))
        parts.append(child.tail or "")
    return "".join(parts)


def _pick(variants: list[tuple[str, str]], language: str) -> tuple[str, str] | None:
    ranked = [
        (rank, i, lang, text)
        for i, (lang, text) in enumerate(variants)
        if (rank := _language_rank(lang, language)) is not None
    ]
    if not ranked:
        return None
    _, _, lang, text = min(ranked)
    return lang, text


def _where(shown: str, line: int | None) -> str:
    return f"{shown}: line {line}" if line else shown


def read_tmx(
    path: Path,
    source_language: str = "zh",
    target_language: str = "en",
    summary: TMXSummary | None = None,
    *,
    name: str | None = None,
    label: str | None = None,
) -> Iterator[TMUnit]:
    """Stream the units of a TMX file (1.1–1.4) as approved units from `name` (default: the file
    name), skipping units without both languages or with an empty side (counted in `summary`).
    Language tags match by primary subtag (zh, zh-CN, zh-Hans, zh_CN …). Raises InputError with
    the line number on malformed XML, and when the file holds no usable unit at all; messages
    name the file as `label` (default: its path)."""
    report = summary if summary is not None else TMXSummary(path)
    origin_name = name or path.name
    shown = label or str(path)
    try:
        info = limits.regular_file(path)
    except InputError as exc:
        raise InputError(exc.message.replace(text_shown(path, None), shown, 1)) from None
    if info.st_size > limits.TMX_FILE:
        raise limits.too_big(shown, info.st_size, limits.TMX_FILE, "a TMX file")
    if info.st_size == 0:
        raise InputError(f"{shown}: the file is empty")
    try:
        handle: IO[bytes] = path.open("rb")
        head = handle.read(65536)
        handle.seek(0)
    except OSError as exc:
        raise InputError(f"{shown}: {exc.strerror or exc}") from None
    if declares_entities(head):
        handle.close()
        raise InputError(
            f"{shown}: the file declares its own DTD entities, which are not accepted",
            hint="TMX needs no DTD; remove the <!DOCTYPE …[ … ]> subset",
        )
    with handle:
        yield from _parse(handle, shown, origin_name, source_language, target_language, report)
    if report.units == 0:
        raise InputError(f"{shown}: no translation units (<tu>) in this TMX file")
    if report.kept == 0:
        if report.missing_language:
            raise InputError(
                f"{shown}: no unit has both a Chinese ({source_language}…) and an English "
                f"({target_language}…) variant",
                hint="the languages are read from each <tuv xml:lang=…>",
            )
        raise InputError(f"{shown}: every unit has an empty Chinese or English side")


def _parse(
    handle: IO[bytes],
    shown: str,
    origin_name: str,
    source_language: str,
    target_language: str,
    report: TMXSummary,
) -> Iterator[TMUnit]:
    events = etree.iterparse(
        handle,
        events=("end",),
        tag=("header", "tu", "{*}header", "{*}tu"),
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    header_date = ""
    checked_root = False
    try:
        for _, elem in events:
            if not checked_root:
                root = elem.getroottree().getroot()
                if etree.QName(root).localname != "tmx":
                    raise InputError(
                        f"{shown}: not a TMX file (the root element is "
                        f"<{etree.QName(root).localname}>, not <tmx>)"
                    )
                checked_root = True
            if _local(elem.tag) == "header":
                report.srclang = elem.get("srclang", "")
                report.creationtool = elem.get("creationtool", "")
                header_date = iso_date(elem.get("changedate") or elem.get("creationdate") or "")
                continue
            report.units += 1
            if report.units > limits.TMX_UNITS:
                raise InputError(
                    f"{shown}: more than {limits.TMX_UNITS:,} units, the limit for one TMX file",
                    hint="split it into several files",
                )
            unit = _unit(elem, report, origin_name, source_language, target_language, header_date)
            if isinstance(unit, str):
                raise InputError(
                    f"{_where(shown, elem.sourceline)}: {unit}",
                    hint="control characters cannot be stored; remove it from the file",
                )
            # Free what was parsed so far: memory stays flat however long the file is.
            elem.clear(keep_tail=False)
            parent = elem.getparent()
            while parent is not None and elem.getprevious() is not None:
                del parent[0]
            if unit is not None:
                report.kept += 1
                yield unit
        if not checked_root:
            last: etree._Element | None = events.root
            if last is None or etree.QName(last).localname != "tmx":
                name = etree.QName(last).localname if last is not None else "nothing"
                raise InputError(f"{shown}: not a TMX file (the root element is <{name}>)")
    except etree.XMLSyntaxError as exc:
        message = exc.msg.split(", line ")[0] if exc.msg else "not well-formed XML"
        raise InputError(f"{_where(shown, exc.lineno)}: {message}") from None


def _unit(
    tu: etree._Element,
    report: TMXSummary,
    origin_name: str,
    source_language: str,
    target_language: str,
    header_date: str,
) -> TMUnit | str | None:
    """The unit; None for one skipped (a language missing, a side empty); a message for one
    the text rule refuses."""
    variants: list[tuple[str, str]] = []
    props: dict[str, str] = {}
    for child in tu:
        tag = _local(child.tag)
        if tag == "prop":
            props.setdefault(child.get("type", ""), child.text or "")
        elif tag == "tuv":
            lang = child.get(XML_LANG) or child.get("lang") or ""
            seg = next((s for s in child if _local(s.tag) == "seg"), None)
            variants.append((lang, _seg_raw(seg) if seg is not None else ""))
    source = _pick(variants, source_language)
    target = _pick(variants, target_language)
    if source is None or target is None:
        report.missing_language += 1
        return None
    for side, (_, raw) in (("Chinese", source), ("English", target)):
        bad = refused_character(raw)
        if bad is not None:
            return f"the {side} contains {describe_character(bad)}"
    source_text, target_text = " ".join(source[1].split()), " ".join(target[1].split())
    if not source_text or not target_text:
        report.empty += 1
        return None
    try:
        state = State(props.get(PROP_STATE, State.APPROVED))
    except ValueError:
        state = State.APPROVED
    if state not in STATE_RANK:
        state = State.APPROVED
    date = iso_date(tu.get("changedate") or tu.get("creationdate") or "") or header_date
    return TMUnit(
        source=source_text,
        target=target_text,
        state=state,
        origin=UnitOrigin(OriginKind.TMX, origin_name, tu.get("tuid") or str(report.units)),
        date=date,
        before=props.get(PROP_BEFORE, ""),
        after=props.get(PROP_AFTER, ""),
    )


def write_tmx(
    path: Path,
    units: Iterable[TMUnit],
    *,
    source_language: str = "zh",
    target_language: str = "en",
    tool_version: str = "",
    now: str | None = None,
) -> int:
    """Write `units` as TMX 1.4b to `path`, atomically (a temporary file renamed into place),
    streaming. Returns the number of units written. Raises UsageError when `path` cannot be
    written."""
    stamp = tmx_date(now) if now else datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    count = 0
    with atomic_file(path) as out, etree.xmlfile(out, encoding="UTF-8") as xf:
        xf.write_declaration()
        with xf.element("tmx", version="1.4"):
            xf.write("\n")
            xf.write(
                etree.Element(
                    "header",
                    {
                        "creationtool": CREATION_TOOL,
                        "creationtoolversion": tool_version or "0",
                        "datatype": "plaintext",
                        "segtype": "sentence",
                        "o-tmf": CREATION_TOOL,
                        "adminlang": "en",
                        "srclang": source_language,
                        "creationdate": stamp,
                        "changedate": stamp,
                    },
                )
            )
            xf.write("\n")
            with xf.element("body"):
                xf.write("\n")
                for unit in units:
                    xf.write(_tu(unit, source_language, target_language, stamp))
                    xf.write("\n")
                    count += 1
            xf.write("\n")
    return count


def _tu(unit: TMUnit, source_language: str, target_language: str, stamp: str) -> etree._Element:
    attrs = {"tuid": str(unit.origin)}
    when = tmx_date(unit.date) if unit.date else ""
    attrs["creationdate"] = when or stamp
    attrs["changedate"] = when or stamp
    tu = etree.Element("tu", attrs)
    for kind, value in (
        (PROP_STATE, str(unit.state)),
        (PROP_ORIGIN, str(unit.origin)),
        (PROP_BEFORE, unit.before),
        (PROP_AFTER, unit.after),
    ):
        if value:
            prop = etree.SubElement(tu, "prop", type=kind)
            prop.text = value
    for lang, text in ((source_language, unit.source), (target_language, unit.target)):
        tuv = etree.SubElement(tu, "tuv", {XML_LANG: lang})
        etree.SubElement(tuv, "seg").text = _xml_safe(text)
    return tu


_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_safe(text: str) -> str:
    # Control characters cannot appear in XML 1.0 at all; a catalog could hold one.
    return _XML_ILLEGAL.sub("", text)
