"""Files that are not articles: XLIFF, gettext catalogs, TMX, TBX and other XML are refused by
`import` with the command that does read them."""

from __future__ import annotations

import re
from pathlib import Path

from cipbilingual.errors import InputError

_XLIFF_HINT = "to bring an agency's translations back, run: cipbilingual xliff import FILE"
_PO_HINT = (
    "an article's catalog lives in articles/SLUG/en.po (merge it with git, "
    "see 'cipbilingual git setup'); glossaries go in with 'cipbilingual glossary import'"
)
_TMX_HINT = "to add a translation memory, run: cipbilingual tm import FILE"
_TBX_HINT = "to add glossary terms, run: cipbilingual glossary import FILE"
_XML_HINT = "import reads Chinese articles as .txt, .md or .html"

_BY_SUFFIX = {
    ".xlf": ("an XLIFF file", _XLIFF_HINT),
    ".xliff": ("an XLIFF file", _XLIFF_HINT),
    ".sdlxliff": ("an XLIFF file", _XLIFF_HINT),
    ".mqxliff": ("an XLIFF file", _XLIFF_HINT),
    ".po": ("a gettext catalog", _PO_HINT),
    ".pot": ("a gettext template", _PO_HINT),
    ".mo": ("a compiled gettext catalog", _PO_HINT),
    ".tmx": ("a TMX translation memory", _TMX_HINT),
    ".tbx": ("a TBX termbase", _TBX_HINT),
}
_BY_ROOT = {
    "xliff": ("an XLIFF file", _XLIFF_HINT),
    "tmx": ("a TMX translation memory", _TMX_HINT),
    "tbx": ("a TBX termbase", _TBX_HINT),
    "martif": ("a TBX termbase", _TBX_HINT),
}
_PROLOGUE = re.compile(
    r"\A\ufeff?\s*(?:<\?xml[^>]*\?>\s*)?(?:(?:<!--.*?-->|<!DOCTYPE[^>\[]*(?:\[.*?\])?\s*>|"
    r"<\?.*?\?>)\s*)*<([A-Za-z_][\w.:-]*)",
    re.DOTALL | re.IGNORECASE,
)
_PO_SHAPE = re.compile(r'^msgid\s+"', re.MULTILINE)
_PO_TARGET = re.compile(r'^msgstr(?:\[\d+\])?\s+"', re.MULTILINE)


def refuse_by_name(name: str) -> None:
    """Raise InputError when the file name says it is an interchange file, not an article."""
    known = _BY_SUFFIX.get(Path(name).suffix.lower())
    if known is not None:
        raise InputError(f"this is {known[0]}, not an article", hint=known[1])


def refuse_by_content(text: str) -> None:
    """Raise InputError when the text is XLIFF, TMX, TBX, a PO catalog or XML other than
    (X)HTML, whatever the file is called."""
    head = text[:65536]
    match = _PROLOGUE.match(head)
    if match is not None:
        root = match.group(1).rpartition(":")[2].lower()
        if root in _BY_ROOT:
            what, hint = _BY_ROOT[root]
            raise InputError(f"this is {what}, not an article", hint=hint)
        if root != "html" and head.lstrip("\ufeff \t\r\n").startswith("<?xml"):
            raise InputError(f"this is an XML document (<{root}>), not an article", hint=_XML_HINT)
    if _PO_SHAPE.search(head) and _PO_TARGET.search(head):
        raise InputError("this is a gettext catalog, not an article", hint=_PO_HINT)
