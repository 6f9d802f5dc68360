"""Quality checks on an article's English: pure functions returning models.Finding.

Checks run on segments that have English. Errors block nothing by themselves; `qa` exits 1
when any error is found so that publishing scripts can stop.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

from cipbilingual.config import QASettings
from cipbilingual.models import Article, Finding, Segment, Severity

SegmentCheck = Callable[[Segment], Iterable[tuple[str, Severity, str]]]

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
_CJK_PUNCT = re.compile(r"[，。！？；：、（）《》「」『』【】]")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_PAIRS = (("(", ")"), ("[", "]"), ("“", "”"))


def chinese_left(segment: Segment) -> Iterable[tuple[str, Severity, str]]:
    """Chinese characters or full-width punctuation in the English."""
    han = _HAN.findall(segment.target)
    if han:
        yield "chinese-left", Severity.ERROR, f"Chinese left in the English: {''.join(han[:10])}"
    punct = _CJK_PUNCT.findall(segment.target)
    if punct:
        yield (
            "cjk-punctuation",
            Severity.WARNING,
            f"full-width punctuation in the English: {' '.join(sorted(set(punct)))}",
        )


def repetition(segment: Segment) -> Iterable[tuple[str, Severity, str]]:
    """Looping output, a known failure of NMT: the same word or 2–4-word phrase many times."""
    words = [w.lower() for w in _WORD.findall(segment.target)]
    for size in (1, 2, 3, 4):
        run, longest = 1, 1
        for i in range(size, len(words) - size + 1, size):
            if words[i : i + size] == words[i - size : i]:
                run += 1
                longest = max(longest, run)
            else:
                run = 1
        if longest >= (4 if size == 1 else 3):
            yield "repetition", Severity.ERROR, "the English repeats itself (looping output?)"
            return


def brackets(segment: Segment) -> Iterable[tuple[str, Severity, str]]:
    for opening, closing in _PAIRS:
        if segment.target.count(opening) != segment.target.count(closing):
            yield (
                "unbalanced",
                Severity.WARNING,
                f"unbalanced {opening}{closing} in the English",
            )
    if segment.target.count('"') % 2:
        yield "unbalanced", Severity.WARNING, 'unbalanced " in the English'


def whitespace(segment: Segment) -> Iterable[tuple[str, Severity, str]]:
    if "  " in segment.target:
        yield "whitespace", Severity.WARNING, "double space in the English"
    if re.search(r"\s[,.;:!?]", segment.target):
        yield "whitespace", Severity.WARNING, "space before punctuation in the English"


def numbers(segment: Segment) -> Iterable[tuple[str, Severity, str]]:
    """Figures of the Chinese that the English does not carry (3.6亿 is 360 million)."""
    from cipbilingual.numbers import compare_quantities

    for problem in compare_quantities(segment.source, segment.target):
        # A figure the English adds may be legitimate (去年 → 2018); a figure it loses or
        # changes is an error.
        severity = Severity.WARNING if "is not in the Chinese" in problem else Severity.ERROR
        yield "numbers", severity, problem


def length_checker(settings: QASettings) -> SegmentCheck:
    def length(segment: Segment) -> Iterable[tuple[str, Severity, str]]:
        source = len(_HAN.findall(segment.source)) or len(segment.source)
        if source < 8:  # short titles and names vary too much to judge
            return
        ratio = len(segment.target) / source
        if ratio > settings.max_length_ratio:
            yield "length", Severity.WARNING, f"the English is {ratio:.1f}× the Chinese: too long?"
        elif ratio < settings.min_length_ratio:
            yield "length", Severity.WARNING, f"the English is {ratio:.1f}× the Chinese: too short?"

    return length


def default_checks(settings: QASettings) -> list[SegmentCheck]:
    return [chinese_left, numbers, repetition, brackets, whitespace, length_checker(settings)]


def check_segment(slug: str, segment: Segment, checks: Sequence[SegmentCheck]) -> list[Finding]:
    """Findings for one segment; nothing for a segment without English."""
    if not segment.target.strip():
        return []
    return [
        Finding(slug, str(segment.id), name, severity, message)
        for check in checks
        for name, severity, message in check(segment)
    ]


def check_article(
    article: Article, settings: QASettings, extra: Sequence[Finding] = ()
) -> list[Finding]:
    """Every segment's findings in document order, plus article-level ones (e.g. glossary)."""
    checks = default_checks(settings)
    findings: list[Finding] = []
    for segment in article.segments:
        findings.extend(check_segment(article.slug, segment, checks))
    findings.extend(extra)
    order = {str(s.id): i for i, s in enumerate(article.segments)}
    findings.sort(key=lambda f: order.get(f.segment, -1))
    return findings
