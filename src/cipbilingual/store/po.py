"""A gettext PO catalog: a plain model, a parser that names file and line, and GNU's writer.

`format_po` writes exactly what GNU msgcat (gettext 0.21) writes for the same catalog, so a
file we save comes out of msgcat, msgmerge, Poedit or Weblate byte for byte as it went in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from cipbilingual.errors import CatalogError

# gettext 0.21's format languages, in the order msgcat writes their flags.
FORMAT_LANGUAGES: tuple[str, ...] = (
    "c", "objc", "python", "python-brace", "java", "java-printf", "csharp", "javascript",
    "scheme", "lisp", "elisp", "librep", "ruby", "sh", "awk", "lua", "object-pascal",
    "smalltalk", "qt", "qt-plural", "kde", "kde-kuit", "boost", "tcl", "perl", "perl-brace",
    "php", "gcc-internal", "gfc-internal", "ycp",
)  # fmt: skip
_FORMAT_INDEX = {lang: i for i, lang in enumerate(FORMAT_LANGUAGES)}


@dataclass
class PoEntry:
    """One message. Comments are kept as their text, without the `# `, `#. ` … markers."""

    msgid: str
    msgstr: str = ""
    msgctxt: str | None = None
    translator_comments: list[str] = field(default_factory=list)
    extracted_comments: list[str] = field(default_factory=list)
    references: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    previous_msgid: str | None = None
    previous_msgctxt: str | None = None
    obsolete: bool = False
    lineno: int = 0  # line of the entry's first keyword in the file it was read from


@dataclass
class PoCatalog:
    """A catalog: the header entry (its comments and `Key: value` fields) and the messages."""

    header_comments: list[str] = field(default_factory=list)
    header: list[tuple[str, str]] = field(default_factory=list)
    entries: list[PoEntry] = field(default_factory=list)
    header_flags: list[str] = field(default_factory=list)

    def header_value(self, key: str) -> str | None:
        """The value of the first header field named `key` (case-insensitive), or None."""
        low = key.lower()
        for k, v in self.header:
            if k.lower() == low:
                return v
        return None


def arrange_header(
    ours: list[tuple[str, str]], kept: list[tuple[str, str]], order: list[str]
) -> list[tuple[str, str]]:
    """The header to write: our fields (in our canonical order) with today's values, other
    tools' `kept` fields with theirs (a kept field wins over ours of the same name), in the
    `order` last read; a field of ours new to the file goes after its predecessor in ours."""
    values = dict(ours)
    values.update(kept)
    canonical = [key for key, _ in ours]
    arranged: list[str] = []
    for key in order:
        if key in values and key not in arranged:
            arranged.append(key)
    for i, key in enumerate(canonical):
        if key not in arranged:
            before = [k for k in canonical[:i] if k in arranged]
            arranged.insert(arranged.index(before[-1]) + 1 if before else 0, key)
    arranged += [key for key, _ in kept if key not in arranged]
    return [(key, values[key]) for key in arranged]


def arrange_comments(ours: list[str], kept: list[str]) -> list[str]:
    """The header's comment lines: ours first unless the file placed them, then the others."""
    return [*(c for c in ours if c not in kept), *kept]


# -- parsing ---------------------------------------------------------------------------------

_KEYWORD = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[[0-9]+\])?|domain)[ \t]+(.*)$")
_STRINGS = re.compile(r'(?:"(?:[^"\\]|\\.)*"[ \t]*)+$')
_STRING_PART = re.compile(r'"((?:[^"\\]|\\.)*)"')
_ESCAPE_SEQ = re.compile(r"\\(?:([abfnrtv\\\"'?])|([0-7]{1,3})|x([0-9A-Fa-f]+)|(.)|$)")
_UNESCAPE = {
    "a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v",
    "\\": "\\", '"': '"', "'": "'", "?": "?",
}  # fmt: skip
_SOLARIS_FILEPOS = re.compile(
    r" [Ff]ile:[ \t]*(.*?)[ \t]*,[ \t]*line(?:[ \t]*number)?[ \t]*:([0-9]+)[ \t\n]*$"
)
_FLAG_SPLIT = re.compile(r"[\n \t\r\f\v,]+")
# What git writes around a textual conflict (merge and diff3 styles).
_CONFLICT_MARKER = re.compile(r"^(?:<{7}|\|{7}|={7}|>{7})(?: |$)", re.MULTILINE)


class _Syntax(Exception):
    def __init__(self, lineno: int, reason: str) -> None:
        super().__init__(reason)
        self.lineno = lineno
        self.reason = reason


def _unescape_match(match: re.Match[str]) -> str:
    simple, octal, hexa, other = match.groups()
    if simple is not None:
        return _UNESCAPE[simple]
    value = int(octal, 8) if octal is not None else int(hexa, 16) if hexa is not None else -1
    if value < 0:
        raise ValueError("invalid escape sequence" + (f" '\\{other}'" if other else ""))
    if value >= 0x80:
        raise ValueError("octal or hex escapes of non-ASCII bytes are not supported")
    return chr(value)


def _string(text: str, lineno: int) -> str:
    """The value of a quoted PO string `"..."` (the rest of the line after the keyword);
    several strings on one line are concatenated, as GNU does."""
    text = text.rstrip(" \t")
    if len(text) >= 2 and text[0] == '"' and text[-1] == '"':
        inner = text[1:-1]
        if "\\" not in inner:
            if '"' not in inner:
                return inner
        elif '"' not in inner.replace("\\\\", "").replace('\\"', ""):
            trailing = len(inner) - len(inner.rstrip("\\"))
            if trailing % 2 == 0:
                return _unescape(inner, lineno)
    if _STRINGS.match(text) is None:
        raise _Syntax(lineno, "malformed string (expected text in double quotes)")
    return "".join(_unescape(part, lineno) for part in _STRING_PART.findall(text))


def _unescape(inner: str, lineno: int) -> str:
    if "\\" not in inner:
        return inner
    try:
        return _ESCAPE_SEQ.sub(_unescape_match, inner)
    except ValueError as exc:
        raise _Syntax(lineno, str(exc)) from None


def _parse_flags(text: str) -> list[str]:
    tokens = [t for t in _FLAG_SPLIT.split(text) if t]
    out: list[str] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token == "range:" and i + 1 < len(tokens):
            out.append(f"range: {tokens[i + 1]}")
            i += 2
            continue
        out.append(token)
        i += 1
    return out


def _header_fields(text: str) -> list[tuple[str, str]]:
    fields: list[tuple[str, str]] = []
    for line in text.split("\n"):
        if not line:
            continue
        key, _, value = line.partition(":")
        fields.append((key, value[1:] if value.startswith(" ") else value))
    return fields


def parse_po(text: str, path: Path) -> PoCatalog:
    """Parse PO text. Raises CatalogError("FILE:LINE: reason") on a syntax error, a duplicate
    message, or plural forms (which cipbilingual's catalogs never use)."""
    try:
        return _parse(text)
    except _Syntax as exc:
        marker = _CONFLICT_MARKER.search(text)
        if marker is not None:
            line = text.count("\n", 0, marker.start()) + 1
            raise CatalogError(
                f"{path}:{line}: unresolved git merge conflict (conflict markers in the file)",
                hint="run 'cipbilingual git resolve' to merge it segment by segment "
                "('cipbilingual git setup' does that on every merge)",
            ) from None
        raise CatalogError(
            f"{path}:{exc.lineno}: {exc.reason}",
            hint="fix the line by hand, or restore the file from git",
        ) from None


def _quoted(line: str, lineno: int) -> str:
    """`_string` with a fast path for the usual `"text"` without escapes."""
    if line[-1] == '"' and "\\" not in line and line.count('"') == 2:
        return line[1:-1]
    return _string(line, lineno)


def _parse(text: str) -> PoCatalog:
    catalog = PoCatalog()
    entries = catalog.entries
    seen: set[tuple[str | None, str]] = set()
    have_header = False
    if "\\\n" in text:
        # GNU's lexer drops every backslash-newline pair, in strings and comments alike.
        text = text.replace("\\\n", "")
    if "\r" in text:
        text = text.replace("\r\n", "\n")
    lines = text.split("\n")
    if lines and lines[0].startswith("\ufeff"):
        lines[0] = lines[0][1:]

    # comments waiting for the next message
    t_comments: list[str] = []
    x_comments: list[str] = []
    refs: list[str] = []
    flags: list[str] = []
    prev_parts: dict[str, list[str]] = {}
    prev_target: list[str] | None = None
    # the message being read; phase 0 none, 1 msgctxt read, 2 msgid read, 3 msgstr read
    phase = 0
    ctxt: list[str] | None = None
    mid: list[str] = []
    mstr: list[str] = []
    target: list[str] | None = None
    obsolete = False
    start = 0

    def flush() -> None:
        nonlocal have_header
        msgctxt = "".join(ctxt) if ctxt is not None else None
        msgid = "".join(mid)
        msgstr = "".join(mstr)
        if msgid == "" and msgctxt is None and not obsolete and not have_header:
            have_header = True
            catalog.header_comments = t_comments
            catalog.header = _header_fields(msgstr)
            catalog.header_flags = flags
            return
        key = (msgctxt, msgid)
        if key in seen:
            raise _Syntax(start, "duplicate message definition")
        seen.add(key)
        pid = prev_parts.get("msgid")
        pctxt = prev_parts.get("msgctxt")
        entries.append(
            PoEntry(
                msgid,
                msgstr,
                msgctxt,
                t_comments,
                x_comments,
                refs,
                flags,
                "".join(pid) if pid is not None else None,
                "".join(pctxt) if pctxt is not None else None,
                obsolete,
                start,
            )
        )

    def reset() -> None:
        nonlocal t_comments, x_comments, refs, flags, prev_parts, prev_target
        nonlocal phase, ctxt, mid, mstr, target
        t_comments, x_comments, refs, flags = [], [], [], []
        prev_parts, prev_target = {}, None
        phase, ctxt, mid, mstr, target = 0, None, [], [], None

    def keyword(word: str, value: str, lineno: int, is_obsolete: bool) -> None:
        nonlocal phase, ctxt, target, obsolete, start
        if word == "msgctxt":
            if phase == 3:
                flush()
                reset()
            if phase != 0:
                raise _Syntax(lineno, "msgctxt inside an entry")
            ctxt = [value]
            phase, target, obsolete, start = 1, ctxt, is_obsolete, lineno
        elif word == "msgid":
            if phase == 3:
                flush()
                reset()
            if phase == 2:
                raise _Syntax(lineno, "msgid without msgstr before it")
            if phase == 0:
                obsolete, start = is_obsolete, lineno
            elif obsolete != is_obsolete:
                raise _Syntax(lineno, "entry mixes obsolete (#~) and active lines")
            mid.append(value)
            phase, target = 2, mid
        elif word == "msgstr":
            if phase != 2:
                raise _Syntax(lineno, "msgstr without msgid before it")
            if obsolete != is_obsolete:
                raise _Syntax(lineno, "entry mixes obsolete (#~) and active lines")
            mstr.append(value)
            phase, target = 3, mstr
        elif word == "domain":
            raise _Syntax(lineno, "'domain' directives are not supported")
        else:
            raise _Syntax(lineno, "plural forms (msgid_plural, msgstr[n]) are not supported")

    def general(line: str, lineno: int, is_obsolete: bool) -> None:
        match = _KEYWORD.match(line)
        if match is None:
            raise _Syntax(lineno, "syntax error (expected msgctxt, msgid, msgstr or a string)")
        keyword(match.group(1), _string(match.group(2), lineno), lineno, is_obsolete)

    def previous(rest: str, lineno: int) -> None:
        nonlocal prev_target, target
        if phase == 3:
            flush()
            reset()
        elif phase != 0:
            raise _Syntax(lineno, "'#|' line inside an entry")
        target = None
        rest = rest.lstrip(" \t")
        if rest.startswith('"'):
            if prev_target is None:
                raise _Syntax(lineno, "'#|' string without '#| msgid' before it")
            prev_target.append(_string(rest, lineno))
            return
        match = _KEYWORD.match(rest)
        if match is None or match.group(1) not in ("msgctxt", "msgid", "msgid_plural"):
            raise _Syntax(lineno, "syntax error in '#|' line")
        part = [_string(match.group(2), lineno)]
        prev_parts[match.group(1)] = part
        prev_target = part

    lineno = 0
    for line in lines:
        lineno += 1
        if not line:
            continue
        first = line[0]
        if first == '"':
            if target is None:
                raise _Syntax(lineno, "string without a keyword before it")
            target.append(_quoted(line, lineno))
        elif first == "m":
            # The three keywords of every entry, in GNU's own layout, without the regex.
            if line.startswith('msgid "'):
                keyword("msgid", _quoted(line[6:], lineno), lineno, False)
            elif line.startswith('msgstr "'):
                if phase == 2 and not obsolete:
                    mstr.append(_quoted(line[7:], lineno))
                    phase, target = 3, mstr
                else:
                    keyword("msgstr", _quoted(line[7:], lineno), lineno, False)
            elif line.startswith('msgctxt "'):
                keyword("msgctxt", _quoted(line[8:], lineno), lineno, False)
            else:
                general(line, lineno, False)
        elif first == "#":
            second = line[1:2]
            if second == "~":
                rest = line[2:]
                if rest.startswith("|"):
                    previous(rest[1:], lineno)
                    continue
                rest = rest.lstrip(" \t")
                if rest.startswith('"'):
                    if target is None or not obsolete:
                        raise _Syntax(lineno, "string without a keyword before it")
                    target.append(_string(rest, lineno))
                elif rest:
                    general(rest, lineno, True)
                continue
            if second == "|":
                previous(line[2:], lineno)
                continue
            if phase == 3:
                flush()
                reset()
            elif phase != 0:
                raise _Syntax(lineno, "comment inside an entry (between msgid and msgstr)")
            target = None
            prev_target = None
            if second == " ":
                t_comments.append(line[2:])
            elif second == ".":
                body = line[2:]
                x_comments.append(body[1:] if body.startswith(" ") else body)
            elif second == ":":
                refs.extend(line[2:].split())
            elif second in (",", "!"):
                flags.extend(_parse_flags(line[2:]))
            else:
                t_comments.append(line[1:])
            if second == " " and line[2:3] in ("F", "f"):
                solaris = _SOLARIS_FILEPOS.match(line[1:])
                if solaris is not None:
                    t_comments.pop()
                    refs.append(f"{solaris.group(1)}:{solaris.group(2)}")
        elif first in " \t":
            stripped = line.strip(" \t\f\v")
            if not stripped:
                continue
            if stripped[0] == '"':
                if target is None:
                    raise _Syntax(lineno, "string without a keyword before it")
                target.append(_string(stripped, lineno))
            else:
                general(stripped, lineno, False)
        else:
            general(line, lineno, False)

    if phase == 3:
        flush()
    elif phase != 0:
        raise _Syntax(start, "entry without msgstr at the end of the file")
    return catalog


# -- writing ---------------------------------------------------------------------------------


def _comment_lines(out: list[str], comments: list[str]) -> None:
    for comment in comments:
        rest = comment
        while True:
            head = "# " if rest else "#"
            cut = rest.find("\n")
            if cut < 0:
                out.append(head + rest)
                break
            out.append(head + rest[:cut])
            rest = rest[cut + 1 :]


def _reference_lines(out: list[str], refs: list[str]) -> None:
    from cipbilingual.store.wrap import PAGE_WIDTH

    seen: set[str] = set()
    line, column = "#:", 2
    for ref in refs:
        if ref in seen:
            continue
        seen.add(ref)
        while ref.startswith("./"):
            ref = ref[2:]
        size = len(ref.encode("utf-8")) + 1
        if column > 2 and column + size > PAGE_WIDTH:
            out.append(line)
            line, column = "#:", 2
        line += " " + ref
        column += size
    out.append(line)


def _flag_line(flags: list[str], *, fuzzy: bool, obsolete: bool) -> tuple[str | None, bool]:
    """The `#,` line msgcat writes for these flags (or None), and whether wrapping is on."""
    formats: dict[int, str] = {}
    range_flag = ""
    wrap_value: bool | None = None
    for flag in flags:
        if flag.endswith("-format"):
            name, value = flag[:-7], "yes"
            for prefix, kind in (("no-", "no"), ("possible-", "yes"), ("impossible-", "")):
                if name.startswith(prefix):
                    name, value = name[len(prefix) :], kind
                    break
            if name in _FORMAT_INDEX:
                formats[_FORMAT_INDEX[name]] = value
        elif flag.startswith("range: "):
            bounds = flag[7:].split("..")
            if len(bounds) == 2 and all(b.isdigit() for b in bounds):
                lo, hi = int(bounds[0]), int(bounds[1])
                if lo <= hi:
                    range_flag = f"range: {lo}..{hi}"
        elif flag == "no-wrap":
            wrap_value = False
        elif flag == "wrap":
            wrap_value = True
    written = ["fuzzy"] if fuzzy else []
    for index in sorted(formats):
        value = formats[index]
        if value:
            lang = FORMAT_LANGUAGES[index]
            written.append(f"{lang}-format" if value == "yes" else f"no-{lang}-format")
    if range_flag and not obsolete:
        written.append(range_flag)
    if wrap_value is False:
        written.append("no-wrap")
    return ("#, " + ", ".join(written) if written else None), wrap_value is not False


def _entry_lines(out: list[str], entry: PoEntry) -> None:
    # Imported here: reading a catalog never wraps, and the line-breaking tables take longer
    # to load than a whole article takes to parse (`status` reads, it does not write).
    from cipbilingual.store.wrap import wrap

    if entry.translator_comments:
        _comment_lines(out, entry.translator_comments)
    for comment in entry.extracted_comments:
        out.append("#. " + comment if comment else "#.")
    if entry.references:
        _reference_lines(out, entry.references)
    obsolete = entry.obsolete
    fuzzy = "fuzzy" in entry.flags and (obsolete or entry.msgstr != "")
    do_wrap = True
    if entry.flags:
        flag_line, do_wrap = _flag_line(entry.flags, fuzzy=fuzzy, obsolete=obsolete)
        if flag_line is not None:
            out.append(flag_line)
    nowrap = not do_wrap
    prev_prefix, prefix = ("#~| ", "#~ ") if obsolete else ("#| ", "")
    if entry.previous_msgctxt is not None:
        wrap(out, prev_prefix, "msgctxt", entry.previous_msgctxt, nowrap=nowrap)
    if entry.previous_msgid is not None:
        wrap(out, prev_prefix, "msgid", entry.previous_msgid, nowrap=nowrap)
    if entry.msgctxt is not None:
        wrap(out, prefix, "msgctxt", entry.msgctxt, nowrap=nowrap)
    wrap(out, prefix, "msgid", entry.msgid, nowrap=nowrap)
    wrap(out, prefix, "msgstr", entry.msgstr, nowrap=nowrap)


def format_po(catalog: PoCatalog) -> str:
    """The catalog as GNU msgcat writes it: header first, obsolete entries last (those without
    a translation dropped), unknown flags dropped, strings wrapped at 79 columns."""
    out: list[str] = []
    if catalog.header or catalog.header_comments or catalog.header_flags:
        header = PoEntry(
            "",
            "".join(f"{key}: {value}\n" for key, value in catalog.header),
            translator_comments=catalog.header_comments,
            flags=catalog.header_flags,
        )
        _entry_lines(out, header)
    for entry in catalog.entries:
        if not entry.obsolete:
            if out:
                out.append("")
            _entry_lines(out, entry)
    for entry in catalog.entries:
        if entry.obsolete and entry.msgstr:
            if out:
                out.append("")
            _entry_lines(out, entry)
    return "\n".join(out) + "\n" if out else ""
