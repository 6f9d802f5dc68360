"""Bytes → text: byte-order marks, binary sniffing, UTF-8 first, then GB18030 vs Big5, then
charset-normalizer for anything else. Never guesses silently past a decoding error."""

from __future__ import annotations

import codecs
import contextlib
import re
import unicodedata

from cipbilingual.errors import InputError
from cipbilingual.importers.common import has_hanzi

# (magic bytes, offset, what it is) for the binary files people try to import by mistake.
_MAGIC: tuple[tuple[bytes, int, str], ...] = (
    (b"%PDF-", 0, "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", 0, "a PNG image"),
    (b"\xff\xd8\xff", 0, "a JPEG image"),
    (b"GIF87a", 0, "a GIF image"),
    (b"GIF89a", 0, "a GIF image"),
    (b"RIFF", 0, "a RIFF file (WebP image or WAV sound)"),
    (b"II*\x00", 0, "a TIFF image"),
    (b"MM\x00*", 0, "a TIFF image"),
    (b"PK\x03\x04", 0, "a ZIP archive (a .docx, .xlsx or .epub is one too)"),
    (b"PK\x05\x06", 0, "an empty ZIP archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 0, "an old Microsoft Office document"),
    (b"{\\rtf", 0, "an RTF document"),
    (b"\x1f\x8b", 0, "a gzip archive"),
    (b"BZh", 0, "a bzip2 archive"),
    (b"\xfd7zXZ\x00", 0, "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", 0, "a 7-Zip archive"),
    (b"Rar!\x1a\x07", 0, "a RAR archive"),
    (b"\x7fELF", 0, "a program"),
    (b"SQLite format 3\x00", 0, "an SQLite database"),
    (b"ftyp", 4, "a video or HEIC image"),
    (b"OggS", 0, "an Ogg audio file"),
    (b"ID3", 0, "an MP3 file"),
    (b"\x00asm", 0, "a WebAssembly module"),
)
# Magic numbers made of letters could open a text ("ID3 项目…"): those count only when a
# control byte follows soon, as it does in the real binary formats.
_TEXT_LIKE_MAGIC = (b"RIFF", b"BZh", b"OggS", b"ID3", b"GIF87a", b"GIF89a")
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1f]")

_BOMS: tuple[tuple[bytes, str, str], ...] = (
    # UTF-32 first: its little-endian BOM starts with UTF-16's.
    (codecs.BOM_UTF32_LE, "utf-32", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "utf-16"),
)

# Names a page may declare, mapped to the codec we decode with. GB18030 is a superset of GB2312
# and GBK, so it reads all three; Big5 files in the wild often carry the cp950 extensions.
_DECLARED = {
    "gb2312": "gb18030",
    "gb_2312": "gb18030",
    "gb_2312-80": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "cp936": "gb18030",
    "gb18030": "gb18030",
    "euc-cn": "gb18030",
    "big5": "big5",
    "x-x-big5": "big5",
    "cn-big5": "big5",
    "cp950": "big5",
    "big5-hkscs": "big5",
    "utf-8": "utf-8",
    "utf8": "utf-8",
}

_UTF16_ASCII = frozenset(range(0x09, 0x0E)) | frozenset(range(0x20, 0x34))
_BIG5_CODECS = ("big5", "cp950", "big5hkscs")
_SAMPLE = 64 * 1024  # bytes the GB/Big5 judge looks at; enough for any text, fast on 50 MB


def sniff_binary(data: bytes) -> str | None:
    """What kind of binary file `data` is ("a PNG image"), or None when it may be text."""
    for magic, offset, what in _MAGIC:
        if data[offset : offset + len(magic)] != magic:
            continue
        if magic not in _TEXT_LIKE_MAGIC or _CONTROL_BYTES.search(data[:64]):
            return what
    if any(data.startswith(bom) for bom, _, _ in _BOMS):
        return None
    if b"\x00" in data[:_SAMPLE] and _utf16_without_bom(data[:_SAMPLE], final=False) is None:
        return "a binary file"
    return None


def canonical_charset(name: str) -> str | None:
    """The codec to decode a declared charset (`<meta charset=gb2312>`) with, or None if unknown."""
    key = name.strip().strip("\"'").lower()
    if key in _DECLARED:
        return _DECLARED[key]
    try:
        return codecs.lookup(key).name
    except LookupError:
        return None


def decode_text(
    data: bytes, *, declared: str | None = None, language: str = "zh"
) -> tuple[str, str]:
    """Decode `data` into (text, encoding name). A BOM decides; else strict UTF-8 when it yields
    Chinese; else GB18030 or Big5, whichever decodes strictly and reads as Chinese (the declared
    charset of a page wins a close call); else charset-normalizer. For English (`language` "en")
    strict UTF-8 wins outright, then the declared charset, then Windows-1252. Raises InputError
    for empty, binary or undecodable bytes; line endings are left as found."""
    if not data:
        raise InputError("the file is empty")
    binary = sniff_binary(data)
    if binary:
        raise InputError(
            f"this is {binary}, not text",
            hint="import a .txt, .md or .html file (save the document as text or HTML first)",
        )
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), name
            except UnicodeDecodeError as exc:
                raise InputError(
                    f"the file starts with a {name.upper()} byte-order mark but is not valid "
                    f"{name.upper()} at byte {exc.start}"
                ) from None
    if b"\x00" in data[:_SAMPLE]:
        found = _utf16_without_bom(data)
        if found is not None:
            return found
    utf8: str | None
    try:
        utf8 = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        utf8 = None
        _refuse_damaged_utf8(data, exc)
    if utf8 is not None and (has_hanzi(utf8) or data.isascii() or language == "en"):
        return utf8, "utf-8"
    if language == "en":
        return _decode_english(data, declared)
    chinese = _decode_chinese(data, declared)
    if chinese is not None:
        return chinese
    if utf8 is not None:
        return utf8, "utf-8"
    return _decode_other(data)


def _refuse_damaged_utf8(data: bytes, exc: UnicodeDecodeError) -> None:
    """UTF-8 text with a few broken bytes (a bad copy, a cut file) would read as mojibake in any
    other encoding: refuse it and say where the damage is."""
    sample = data[:_SAMPLE]
    text = sample.decode("utf-8", errors="replace")
    damaged = text.count("\ufffd")
    wide = sum(1 for ch in text if ord(ch) > 0x7F) - damaged
    if wide >= 10 and damaged * 20 <= wide:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(
            f"the file is UTF-8 with damaged bytes: not valid at byte {exc.start} (line {line})",
            hint="re-save or re-download the file; cipbilingual does not guess past broken bytes",
        )


def _decode_chinese(data: bytes, declared: str | None) -> tuple[str, str] | None:
    """GB18030 or Big5, whichever decodes strictly to Chinese; the judge settles a tie."""
    readings: dict[str, tuple[str, str]] = {}
    with contextlib.suppress(UnicodeDecodeError):
        readings["gb18030"] = (data.decode("gb18030"), "gb18030")
    for codec in _BIG5_CODECS:
        try:
            readings["big5"] = (data.decode(codec), codec)
            break
        except UnicodeDecodeError:
            continue
    readings = {key: value for key, value in readings.items() if has_hanzi(value[0])}
    if not readings:
        return None
    if len(readings) == 1:
        return next(iter(readings.values()))
    sample = data[:_SAMPLE]
    gb, big5 = _gb_score(sample), _big5_score(sample)
    preferred = canonical_charset(declared) if declared else None
    # A page's own declaration holds unless the bytes clearly read better the other way.
    if preferred == "big5":
        return readings["big5"] if big5 >= gb - 0.2 else readings["gb18030"]
    if preferred == "gb18030":
        return readings["gb18030"] if gb >= big5 - 0.2 else readings["big5"]
    # Ties go to GB18030: mainland news is what this newsroom translates.
    return readings["gb18030"] if gb >= big5 else readings["big5"]


def _double_byte_units(data: bytes) -> list[tuple[int, int]]:
    units = []
    i, size = 0, len(data) - 1
    while i < size:
        lead = data[i]
        if lead < 0x80:
            i += 1
            continue
        units.append((lead, data[i + 1]))
        i += 2
    return units


def _gb_score(data: bytes) -> float:
    """Mean plausibility of the bytes as GB text: GB2312 level-1 hanzi and the common punctuation
    rows count fully, level 2 half, GBK extensions little, private-use areas against."""
    units = _double_byte_units(data)
    if not units:
        return 0.0
    total = 0.0
    for lead, trail in units:
        if trail >= 0xA1:
            if 0xB0 <= lead <= 0xD7 or lead in (0xA1, 0xA3):
                total += 1.0
            elif 0xD8 <= lead <= 0xF7:
                total += 0.5
            elif lead in (0xA2, 0xA4, 0xA5, 0xA6, 0xA7, 0xA8, 0xA9):
                total += 0.2
            else:  # AA-AF, F8-FE with a high trail: private-use area in GB18030
                total -= 1.0
        elif 0xA1 <= lead <= 0xA7 and trail >= 0x40:  # user-defined area
            total -= 1.0
        else:
            total += 0.1
    return total / len(units)


def _big5_score(data: bytes) -> float:
    """Mean plausibility of the bytes as Big5: frequent hanzi and the punctuation row count fully,
    less frequent hanzi half, symbol rows little."""
    units = _double_byte_units(data)
    if not units:
        return 0.0
    total = 0.0
    for lead, trail in units:
        code = lead << 8 | trail
        if 0xA440 <= code <= 0xC67E or lead == 0xA1:
            total += 1.0
        elif 0xC940 <= code <= 0xF9FE:
            total += 0.5
        elif lead in (0xA2, 0xA3):
            total += 0.2
    return total / len(units)


def _utf16_without_bom(data: bytes, *, final: bool = True) -> tuple[str, str] | None:
    """UTF-16 without a BOM (some Windows tools write it), told by the zero bytes beside its
    line breaks, digits and spaces; accepted only when it decodes strictly to printable text
    with Chinese in it.
    `final=False` checks a sample that may end inside a character."""
    if final and len(data) % 2:
        return None
    sample = data[:_SAMPLE]
    pairs = list(zip(sample[::2], sample[1::2], strict=False))
    # Line breaks, spaces, digits and ASCII punctuation are (byte, 0) in little-endian and
    # (0, byte) in big-endian; no ideograph has such a byte beside a zero.
    little = sum(1 for low, high in pairs if high == 0 and low in _UTF16_ASCII)
    big = sum(1 for high, low in pairs if high == 0 and low in _UTF16_ASCII)
    if little and not big:
        codec = "utf-16-le"
    elif big and not little:
        codec = "utf-16-be"
    else:
        return None
    try:
        text = codecs.getincrementaldecoder(codec)().decode(data, final=final)
    except UnicodeDecodeError:
        return None
    if not has_hanzi(text) or _has_controls(text):
        return None
    if any(unicodedata.category(ch) in ("Cn", "Co", "Cs") for ch in text[:_SAMPLE]):
        return None
    return text, codec


def _has_controls(text: str) -> bool:
    return any(ord(ch) < 0x20 and ch not in "\t\n\r\f" for ch in text[:_SAMPLE])


def _decode_english(data: bytes, declared: str | None) -> tuple[str, str]:
    """English that is not UTF-8: the page's declared charset, else Windows-1252 (what English
    Windows editors save, and a superset of Latin-1's printable range), else charset-normalizer."""
    for codec in (canonical_charset(declared) if declared else None, "cp1252"):
        if codec is None or codec == "utf-8":
            continue
        with contextlib.suppress(UnicodeDecodeError, LookupError):
            text = data.decode(codec)
            if not _has_controls(text):
                return text, codec
    return _decode_other(data)


def _decode_other(data: bytes) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise InputError(
            "cannot tell the text encoding: not UTF-8, GB18030 or Big5",
            hint="save the file as UTF-8 and import it again",
        )
    text = str(best)
    if _has_controls(text):
        raise InputError("this is a binary file, not text")
    return text, best.encoding.replace("_", "-")
