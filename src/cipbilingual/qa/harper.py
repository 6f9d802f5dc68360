"""Harper (harper-py: Harper's Rust engine with its English dictionary inside the wheel), the
offline checker behind the spelling, grammar, dialect and serial-comma checks.

A linter takes about a second to build, so one is built per process for each dialect, house
vocabulary and serial-comma choice, and kept. A linter is not thread-safe (the UI checks in
worker threads), so every call holds one lock; a call takes about a millisecond a sentence.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from harper import Linter

# Harper's rules that other checks cover, that are opinions rather than errors in news copy, or
# that contradict news style; see docs/qa.md.
OFF = frozenset(
    (
        "OxfordComma",  # `style-serial-comma` turns one of these two on
        "NoOxfordComma",
        "SpelledNumbers",  # `style-numerals` knows dates, units and series
        "RepeatedWords",  # `doubled-words` (which knows "had had" and "that that")
        "ToTo",
        "RedundantThat",
        "ThatWhich",
        "Spaces",  # `whitespace`
        "UnclosedQuotes",  # `unbalanced`
        "LongSentences",  # official Chinese prose runs long; not an error of the English
        "AvoidAndAlso",  # opinions of style
        "FillerWords",
        "Hedging",
        "BoringWords",
        "AvoidContractions",
        "NumericRangeEnDash",  # news style writes ranges with a hyphen (1-9)
        "UseEllipsisCharacter",  # and ellipses as three periods
        "UseTitleCase",  # headings in Markdown; a segment is not one
        # Misfire on correct prose (a finding, re-checked, file name, refused request):
        "MassNouns",
        "DisjointPrefixes",
        "CompoundNouns",
        "MissingTo",
        "MissingPreposition",
        "PhrasalVerbAsCompoundNoun",
        "DiscourseMarkers",
    )
)
DIALECTS = ("american", "british")

_LOCK = threading.RLock()
# Harper's spelling suggestions cost the square of a word's length in memory: a 100,000-letter
# "word" asks for 30 GB and aborts the process. No word is this long; such runs are blanked
# (same length, so spans hold) before Harper sees the text.
LONGEST = 40
_TOO_LONG = re.compile(rf"[^\s]{{{LONGEST + 1},}}")
_BETWEEN_TEXTS = "\n\n"  # texts linted together are paragraphs of one document


@dataclass(frozen=True)
class Lint:
    """One thing Harper found: its rule, the span [start, end) of the text, what it says, and
    its replacements for that span ("" removes it)."""

    rule: str
    start: int
    end: int
    text: str
    kind: str
    message: str
    replacements: tuple[str, ...]


def lints(text: str, dialect: str, words: tuple[str, ...], serial: bool | None) -> list[Lint]:
    """Harper's findings on `text` (plain text, one or more sentences) with the house's
    `words` added to its dictionary; `serial` turns on the check for the serial comma (True:
    wanted, False: unwanted, None: not judged)."""
    return lints_many([text], dialect, words, serial)[0]


def lints_many(
    texts: Sequence[str], dialect: str, words: tuple[str, ...], serial: bool | None
) -> list[list[Lint]]:
    """`lints` of each text, from one call for them all (an article's segments, as separate
    paragraphs): Harper's fixed cost per call is about a third of a sentence's."""
    linter = _linter(dialect, words, serial)
    blanked: list[tuple[int, int]] = []
    starts: list[int] = []
    parts: list[str] = []
    at = 0
    for text in texts:
        blanked.extend((at + s, at + e) for s, e in (m.span() for m in _TOO_LONG.finditer(text)))
        parts.append(_TOO_LONG.sub(lambda m: " " * len(m.group()), text))
        starts.append(at)
        at += len(text) + len(_BETWEEN_TEXTS)
    with _LOCK:
        # Not deduplicated: Harper would keep "pro jets" (SplitWords) over the misspelling of
        # "projets"; the spelling check chooses between them.
        found = linter.organized_lints(
            _BETWEEN_TEXTS.join(parts), language="plaintext", dedup=False
        )
    out: list[list[Lint]] = [[] for _ in texts]
    for rule, items in found.items():
        for item in items:
            lint = _lint(rule, item)
            if any(s < lint.end and lint.start < e for s, e in blanked):
                continue
            i = bisect.bisect_right(starts, lint.start) - 1
            if lint.end > starts[i] + len(texts[i]):
                continue  # across two texts: not a finding of either
            out[i].append(
                dataclasses.replace(lint, start=lint.start - starts[i], end=lint.end - starts[i])
            )
    return out


def knows(word: str, dialect: str) -> bool:
    """Whether `word` is in Harper's dictionary of `dialect` (no house words)."""
    return _known(word, dialect)


def version() -> str:
    from importlib.metadata import version as dist_version

    return dist_version("harper-py")


@lru_cache(maxsize=8192)
def _known(word: str, dialect: str) -> bool:
    if len(word) > LONGEST:
        return False
    linter = _linter(dialect, (), None, spelling_only=True)
    with _LOCK:
        return not linter.lint(word, language="plaintext")


def _lint(rule: str, lint: object) -> Lint:
    from harper import SuggestionKind

    span = lint.span  # type: ignore[attr-defined]
    text: str = lint.problem_text  # type: ignore[attr-defined]
    replacements: list[str] = []
    for suggestion in lint.suggestions:  # type: ignore[attr-defined]
        if suggestion.kind == SuggestionKind.REMOVE:
            replacements.append("")
        elif suggestion.kind == SuggestionKind.INSERT_AFTER:
            replacements.append(text + suggestion.replacement_text)
        else:
            replacements.append(suggestion.replacement_text)
    return Lint(
        rule,
        span.start,
        span.end,
        text,
        lint.lint_kind,  # type: ignore[attr-defined]
        lint.message,  # type: ignore[attr-defined]
        tuple(replacements),
    )


@lru_cache(maxsize=8)
def _linter(
    dialect: str, words: tuple[str, ...], serial: bool | None, spelling_only: bool = False
) -> Linter:
    from harper import Dialect, Linter

    with _LOCK:
        linter = Linter(Dialect.BRITISH if dialect == "british" else Dialect.AMERICAN)
        config: dict[str, bool | None] = {}
        for rule, on in linter.get_default_lint_config().items():
            if spelling_only:
                config[rule] = rule == "SpellCheck"
            elif rule in OFF:
                config[rule] = False
            else:
                config[rule] = on
        if serial is not None and not spelling_only:
            config["OxfordComma" if serial else "NoOxfordComma"] = True
        linter.set_lint_config(config)
        if words:
            linter.import_words(list(words))
        return linter
