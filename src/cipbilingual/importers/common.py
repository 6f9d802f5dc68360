"""Text helpers the importers share: Chinese detection, joining wrapped lines, publication times."""

from __future__ import annotations

import re
from datetime import datetime

# CJK ideographs: unified block, extension A, compatibility ideographs, supplementary planes.
_HANZI = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
# White space of every kind, plus the zero-width characters editors leave at line ends.
_EDGE_SPACE = (
    " \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\u200b\u200c\u200d\u2060\ufeff"
)
# East Asian wide and full-width characters (Hangul, CJK, full-width forms): two columns each.
_WIDE = re.compile(
    "[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf"
    "\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\U00020000-\U0003fffd]"
)
_INNER_SPACE = re.compile(r"[ \t\u00a0]{2,}")

# A date the way Chinese news pages write it: 2019-11-24, 2019/11/24, 2019.11.24, 2019年11月24日,
# optionally followed by a time 16:36[:14] or 16时36分[14秒].
_DATE = (
    r"(?P<y>\d{4})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})(?:\s*日)?"
    r"(?:(?:\s*T\s*|\s+|(?<=日))(?P<H>\d{1,2})\s*[:：时]\s*(?P<M>\d{1,2})\s*分?"
    r"(?:\s*[:：]?\s*(?P<S>\d{1,2})\s*秒?)?)?"
)
_DATE_FULL = re.compile(rf"^{_DATE}$")
_DATE_ANYWHERE = re.compile(rf"(?<!\d){_DATE}")
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")
_LABEL = (
    r"(?:发布时间|发布日期|发表时间|发表日期|发稿时间|发文时间|更新时间|时间|日期|"
    r"發佈時間|發布時間|發佈日期|發布日期|發表時間|時間|日期|"
    r"Time|Date|Published|Publish\s+time|Release\s+time)"
)
_LABELLED_DATE = re.compile(rf"(?<![\u3400-\u9fffA-Za-z]){_LABEL}\s*[:：]\s*{_DATE}", re.IGNORECASE)
_WEEKDAY = re.compile(r"\s*(?:星期|礼拜|禮拜|周|週)[一二三四五六日天]")
_SENTENCE_END = re.compile(r"[。！？!?…；;：:.][”’\"'」』）)\]】》]*$")
_SENTENCE_MARK = re.compile(r"[。！？!?；;]")
_LATIN_END = re.compile(r"[A-Za-z0-9\u00c0-\u024f,.;:!?)\]%'\"]$")
_LATIN_START = re.compile(r"^[A-Za-z0-9\u00c0-\u024f(\[\"'&]")


def hanzi_count(text: str) -> int:
    """How many Chinese characters (CJK ideographs, simplified or traditional) `text` holds."""
    return len(_HANZI.findall(text))


def has_hanzi(text: str) -> bool:
    return _HANZI.search(text) is not None


_LATIN_LETTER = re.compile("[A-Za-z\u00c0-\u024f]")


def latin_weight(text: str) -> int:
    """English text measured in Chinese-character equivalents (three Latin letters count one),
    so that the thresholds the HTML reader uses for Chinese serve English too."""
    return len(_LATIN_LETTER.findall(text)) // 3


def clean(text: str) -> str:
    """Strip indentation (ideographic spaces, no-break and zero-width spaces) at both ends and
    collapse runs of ASCII spaces inside."""
    text = text.strip(_EDGE_SPACE)
    if "  " in text or "\t" in text or "\xa0" in text:  # the regex is the slow part
        text = _INNER_SPACE.sub(" ", text)
    return text


def is_blank(line: str) -> bool:
    """Whether the line holds only white space (ideographic and zero-width spaces included)."""
    return not line.strip(_EDGE_SPACE)


def display_width(text: str) -> int:
    """Columns the text takes in a fixed-width editor: wide and full-width characters count two."""
    return len(text) + len(_WIDE.findall(text))


def ends_sentence(line: str) -> bool:
    """Whether the line ends with sentence-final punctuation (closing quotes allowed after it)."""
    return _SENTENCE_END.search(line) is not None


def join_wrapped(lines: list[str]) -> str:
    """Join the lines of one hard-wrapped paragraph: no space between Chinese characters, one
    space where two Latin words (or a Latin punctuation mark and a word) meet."""
    out = ""
    for raw in lines:
        line = clean(raw)
        if not line:
            continue
        if out and _LATIN_END.search(out) and _LATIN_START.match(line):
            out += " "
        out += line
    return out


def normalize_date(text: str) -> str:
    """ISO 8601 (`2019-11-24T16:36:14`, or `2019-11-24` without a time) when `text` is a date we
    can read; otherwise `text` stripped, as found."""
    found = clean(text)
    bare = _WEEKDAY.sub("", found).strip()
    try:
        parsed = datetime.fromisoformat(bare.replace("Z", "+00:00"))
    except ValueError:
        pass
    else:
        if len(bare) <= 10:
            return parsed.date().isoformat()
        return parsed.isoformat(timespec="seconds")
    match = _DATE_FULL.match(bare)
    if match:
        iso = _iso_from_match(match)
        if iso:
            return iso
    return found


def _iso_from_match(match: re.Match[str]) -> str:
    parts = match.groupdict()
    try:
        if parts["H"] is None:
            return datetime(int(parts["y"]), int(parts["m"]), int(parts["d"])).date().isoformat()
        return datetime(
            int(parts["y"]),
            int(parts["m"]),
            int(parts["d"]),
            int(parts["H"]),
            int(parts["M"]),
            int(parts["S"] or 0),
        ).isoformat()
    except ValueError:  # 2019-13-45: a number that only looks like a date
        return ""


def find_labelled_date(text: str) -> tuple[str, int, int] | None:
    """The first `发布时间：2019-11-24 16:36:14`-style date in `text`: (ISO or as found, start,
    end of the labelled span); None when there is none."""
    match = _LABELLED_DATE.search(text)
    if not match:
        return None
    return _iso_from_match(match) or match.group(0), match.start(), match.end()


def find_date(text: str) -> str | None:
    """The first valid date (with its time, if one follows) anywhere in `text`, in ISO 8601."""
    for match in _DATE_ANYWHERE.finditer(text):
        iso = _iso_from_match(match)
        if iso:
            return iso
    return None


def time_line(line: str) -> str | None:
    """If the line is a publication-time line (a bare date, or a short line of labelled fields
    one of which is a date), the normalised date; else None."""
    text = clean(line)
    bare = _WEEKDAY.sub("", text).strip()
    if _DATE_FULL.match(bare) or _ISO_DAY.match(normalize_date(bare)):
        return normalize_date(bare)
    found = find_labelled_date(text)
    if found is None:
        return None
    iso, start, end = found
    rest = (text[:start] + text[end:]).strip()
    # The rest of a metadata line is more labels (来源：…, 作者：…), never a sentence.
    if len(rest) > 60 or _SENTENCE_MARK.search(rest):
        return None
    return iso
