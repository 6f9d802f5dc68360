"""Grammar slips Harper's rules let through, found with word forms from lemminflect's English
lexicon: a verb form after a modal, "to", "be" or "have" (will improves, is expect, has bring,
to invested), a count after a numeral (three enterprise), a verb that does not agree with the
subject beside it (the meeting were, the products is), its/it's, and a place written in lower
case. Each rule looks at a few words around one spot and stays quiet when unsure."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from cipbilingual.messages import N_
from cipbilingual.models import Fix
from cipbilingual.numbers import EN_UNITS
from cipbilingual.qa.base import Issue

VERB_FORM = N_(
    "after \u201c{before}\u201d the verb is \u201c{suggestion}\u201d, not \u201c{text}\u201d"
)
COUNT = N_(
    "\u201c{count}\u201d counts more than one: \u201c{suggestion}\u201d, not \u201c{text}\u201d"
)
AGREEMENT = N_(
    "\u201c{subject}\u201d takes \u201c{suggestion}\u201d, not \u201c{text}\u201d (agreement)"
)
ITS = N_("\u201c{text}\u201d here is \u201c{suggestion}\u201d")
CAPITAL = N_("\u201c{text}\u201d is a name: \u201c{suggestion}\u201d")

_TOKEN = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*(?:-[A-Za-z]+)*|\d[\d,]*(?:\.\d+)?|\S")

MODALS = frozenset(("will", "would", "can", "could", "shall", "should", "may", "might", "must"))
BE = frozenset(("is", "are", "was", "were", "be", "been", "being"))
HAVE = frozenset(("has", "have", "had"))
DETERMINERS = frozenset(
    [
        "a",
        "an",
        "the",
        "this",
        "that",
        "these",
        "those",
        "its",
        "his",
        "her",
        "their",
        "our",
        "your",
        "my",
        "each",
        "every",
        "some",
        "any",
        "no",
        "another",
        "such",
    ]
)
PREPOSITIONS = frozenset(
    [
        "of",
        "in",
        "on",
        "at",
        "for",
        "from",
        "with",
        "by",
        "to",
        "under",
        "over",
        "into",
        "onto",
        "about",
        "among",
        "between",
        "during",
        "through",
        "within",
        "without",
        "across",
        "after",
        "before",
        "since",
        "toward",
        "towards",
        "against",
        "per",
        "via",
        "upon",
    ]
)
CONJUNCTIONS = frozenset(("and", "or", "nor", "&", "but", "plus"))
CLAUSE_WORDS = frozenset(
    [
        "that",
        "which",
        "who",
        "whom",
        "whose",
        "when",
        "while",
        "because",
        "since",
        "if",
        "although",
        "though",
        "as",
        "where",
        "whether",
        "after",
        "before",
        "once",
        "unless",
        "until",
    ]
)
PRONOUNS = frozenset(
    ["i", "you", "he", "she", "it", "we", "they", "who", "what", "which", "there", "here", "one"]
)
# Adverbs that sit between an auxiliary and its verb in news prose (has so far brought).
_BETWEEN = frozenset(
    ["so", "far", "already", "also", "further", "not", "never", "still", "just", "only", "jointly"]
)
# Counted without a plural: units, currencies and words that are their own plural.
_SCALE = frozenset(
    [
        "hundred",
        "thousand",
        "million",
        "billion",
        "trillion",
        "percent",
        "per",
        "cent",
        "dozen",
        "yuan",
        "rmb",
        "renminbi",
        "km",
        "kg",
        "mu",
        "sq",
    ]
)
_NUMBER_WORDS = {w: i for i, w in enumerate(EN_UNITS)} | {"twenty": 20}
_MANY = frozenset(("several", "many", "multiple", "numerous", "various", "both", "these", "those"))
# Nouns that take a singular or plural verb alike (the committee are, in British use).
_EITHER = frozenset(
    [
        "data",
        "media",
        "news",
        "series",
        "species",
        "means",
        "headquarters",
        "people",
        "police",
        "staff",
        "government",
        "committee",
        "team",
        "public",
        "majority",
        "number",
        "total",
        "couple",
        "family",
        "audience",
        "crew",
        "press",
        "personnel",
    ]
)
# Places whose English is also a common word, so only the Chinese tells it is the name.
_PLACES = {"中国": "China", "中以": "China", "土耳其": "Turkey", "约旦": "Jordan", "乍得": "Chad"}


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int

    @property
    def lower(self) -> str:
        return self.text.lower().replace("’", "'")

    @property
    def is_word(self) -> bool:
        return self.text[:1].isalpha()


def check(text: str, skip: Sequence[tuple[int, int]] = (), source: str = "") -> Iterator[Issue]:
    """The grammar slips of `text`, none inside the `skip` spans (names, addresses); `source`
    is the Chinese, which tells a place from a common word."""
    tokens = [Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]
    found: list[Issue] = []
    for i, token in enumerate(tokens):
        if any(start <= token.start < end for start, end in skip):
            continue
        lower = token.lower
        if lower in MODALS and token.text[0].islower():
            found.extend(_after_auxiliary(tokens, i, "VB", lambda tags: not tags & {"VB"}))
        elif (lower in BE and lower != "being") or lower in HAVE:
            found.extend(_after_auxiliary(tokens, i, "VBN", _base_only))
        elif lower == "to":
            found.extend(_after_to(tokens, i))
        elif lower in ("it's", "its"):
            found.extend(_its(tokens, i))
        if lower in ("is", "was", "has", "are", "were"):
            found.extend(_agreement(tokens, i))
        if token.text[:1].isdigit() or lower in _NUMBER_WORDS or lower in _MANY:
            found.extend(_count(tokens, i))
    found.extend(_lower_case_places(text, source, skip))
    seen: set[tuple[int, int]] = set()
    for issue in found:
        assert issue.fix is not None
        where = (issue.fix.start, issue.fix.end)
        if where not in seen:
            seen.add(where)
            yield issue


# -- the lexicon -----------------------------------------------------------------------------


@lru_cache(maxsize=65536)
def _lemmas(word: str) -> dict[str, tuple[str, ...]]:
    from lemminflect import getAllLemmas

    found: dict[str, tuple[str, ...]] = getAllLemmas(word)
    return found


def is_word(word: str) -> bool:
    """Whether the lexicon knows `word` (in lower case) as any English word form."""
    return bool(_lemmas(word.lower()))


@lru_cache(maxsize=65536)
def _forms(lemma: str, upos: str) -> dict[str, tuple[str, ...]]:
    from lemminflect import getAllInflections

    found: dict[str, tuple[str, ...]] = getAllInflections(lemma, upos=upos)
    return found


def _verb_tags(word: str) -> frozenset[str]:
    """The Penn tags `word` has as a verb form (VB, VBD, VBG, VBN, VBP, VBZ)."""
    tags: set[str] = set()
    for lemma in _lemmas(word).get("VERB", ()):
        for tag, forms in _forms(lemma, "VERB").items():
            if word in forms:
                tags.add(tag)
    return frozenset(tags)


def _verb_form(word: str, tag: str) -> str | None:
    lemmas = _lemmas(word).get("VERB", ())
    if len(lemmas) != 1:
        return None
    forms = _forms(lemmas[0], "VERB")
    if tag == "VBN" and "VBN" not in forms:
        tag = "VBD"  # the lexicon leaves out a participle that is the past tense (expected)
    found = forms.get(tag, ())
    return found[0] if found else None


def _only_verb(word: str) -> bool:
    """A word the lexicon knows only as a verb (expect, bring), never a noun or adjective."""
    kinds = set(_lemmas(word))
    return bool(kinds) and kinds <= {"VERB", "AUX"}


def _base_only(tags: frozenset[str]) -> bool:
    return bool(tags) and tags <= {"VB", "VBP"}


def _number(word: str) -> str | None:
    """ "NN" for a singular count noun, "NNS" for a plural one, None when it is neither or
    both (sheep, yuan) or not a noun the lexicon knows."""
    lemmas = _lemmas(word).get("NOUN", ())
    if not lemmas or word in _EITHER:
        return None
    out: set[str] = set()
    for lemma in lemmas:
        forms = _forms(lemma, "NOUN")
        singular, plural = forms.get("NN", ("",))[0], forms.get("NNS", ("",))[0]
        if singular == plural:
            return None
        if word == singular:
            out.add("NN")
        elif word == plural:
            out.add("NNS")
    return out.pop() if len(out) == 1 else None


def _cased(new: str, like: str) -> str:
    return new[:1].upper() + new[1:] if like[:1].isupper() else new


# -- the rules -------------------------------------------------------------------------------


def _skip_between(tokens: Sequence[Token], j: int) -> int:
    """The index of the first token after `j` that is not an adverb in between."""
    while (
        j < len(tokens)
        and j < len(tokens)
        and (
            tokens[j].lower in _BETWEEN
            or (tokens[j].lower.endswith("ly") and set(_lemmas(tokens[j].lower)) == {"ADV"})
        )
    ):
        j += 1
    return j


def _after_auxiliary(tokens: Sequence[Token], i: int, wanted: str, wrong: Any) -> Iterator[Issue]:
    """will improves → improve; is expect → expected; has bring → brought."""
    j = _skip_between(tokens, i + 1)
    if j >= len(tokens) or not tokens[j].is_word or j - i > 4:
        return
    word = tokens[j]
    if not word.text.islower() or not _only_verb(word.lower):
        return
    tags = _verb_tags(word.lower)
    if not tags or not wrong(tags):
        return
    if tokens[i].lower in MODALS and not tags & {"VBZ", "VBD", "VBG"}:
        return
    new = _verb_form(word.lower, wanted)
    if new is None or new == word.lower:
        return
    fix = Fix(word.start, word.end, word.text, new)
    params = {"before": tokens[i].text, "suggestion": new, "text": word.text}
    yield Issue("grammar", VERB_FORM, params, fix=fix)


_TO_AFTER = frozenset(
    [
        "according",
        "due",
        "prior",
        "thanks",
        "compared",
        "related",
        "owing",
        "next",
        "close",
        "similar",
        "subject",
        "contrary",
        "up",
        "as",
    ]
)


def _after_to(tokens: Sequence[Token], i: int) -> Iterator[Issue]:
    """plans to invested 360 million → invest (a past form after "to" followed by its
    object: a number, a determiner, a preposition or the end)."""
    if i == 0 or tokens[i - 1].lower in _TO_AFTER or i + 2 > len(tokens):
        return
    word = tokens[i + 1]
    if not word.is_word or not word.text.islower() or not _only_verb(word.lower):
        return
    tags = _verb_tags(word.lower)
    if not tags or tags & {"VB", "VBP", "VBG"}:
        return
    after = tokens[i + 2] if i + 2 < len(tokens) else None
    if after is not None and not (
        after.text[:1].isdigit()
        or after.lower in DETERMINERS
        or after.lower in PREPOSITIONS
        or not after.is_word
    ):
        return
    new = _verb_form(word.lower, "VB")
    if new is None or new == word.lower:
        return
    fix = Fix(word.start, word.end, word.text, new)
    yield Issue(
        "grammar", VERB_FORM, {"before": "to", "suggestion": new, "text": word.text}, fix=fix
    )


_ITS_NOT = frozenset(["time", "a", "an", "the", "not", "been", "being", "going", "also", "about"])
_ITS_THEN = frozenset(("been", "a", "an", "not", "going"))


def _its(tokens: Sequence[Token], i: int) -> Iterator[Issue]:
    """it's business environment → its; its been → it's."""
    token = tokens[i]
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    after = tokens[i + 2] if i + 2 < len(tokens) else None
    if nxt is None:
        return
    if token.lower == "its":
        if nxt.lower in _ITS_THEN:
            new = _cased("it\u2019s" if "\u2019" in token.text else "it's", token.text)
            fix = Fix(token.start, token.end, token.text, new)
            yield Issue("grammar", ITS, {"text": token.text, "suggestion": new}, fix=fix)
        return
    if after is None or not after.is_word or after.lower in PREPOSITIONS | CLAUSE_WORDS:
        return
    if after.lower in ("to", "as", "and", "or"):
        return
    if nxt.text[:1].isdigit():
        possessive = len(nxt.text) == 4 and after.text.islower() and bool(_number(after.lower))
    else:
        kinds = set(_lemmas(nxt.lower))
        possessive = (
            nxt.lower not in _ITS_NOT
            and "NOUN" in kinds
            and "ADJ" not in kinds
            and not _verb_tags(nxt.lower) - {"VB", "VBP"}
            and after.text.islower()
        )
    if possessive:
        new = _cased("its", token.text)
        fix = Fix(token.start, token.end, token.text, new)
        yield Issue("grammar", ITS, {"text": token.text, "suggestion": new}, fix=fix)


def _count(tokens: Sequence[Token], i: int) -> Iterator[Issue]:
    """three enterprise, 156 entry, 31 Israeli high-tech project: a count of two or more
    whose noun is singular."""
    token = tokens[i]
    if token.text[:1].isdigit():
        if not token.text.replace(",", "").isdigit():
            return  # 3.68
        value = int(token.text.replace(",", ""))
        if value < 2 or (1000 <= value <= 2999 and "," not in token.text):
            return  # one, or a year
    elif _NUMBER_WORDS.get(token.lower, 2) < 2:
        return
    if i > 0:
        before = tokens[i - 1]
        if before.end == token.start:
            return  # part of a longer token: iTerm2, COVID-19
        if before.lower in DETERMINERS | {"top", "no", "$", "us$", "rmb", "number", "phase"}:
            return
        if before.text[:1].isupper() and before.is_word and i > 1:
            return  # Phase 2, November 28, Line 3
        if before.text in ("-", "–", "/", ":", ".", "$", "¥", "€", "£"):
            return
    words: list[Token] = []
    for token_j in tokens[i + 1 : i + 6]:
        if not token_j.is_word:
            break
        lower = token_j.lower
        if lower in _SCALE or lower in PREPOSITIONS or lower in CONJUNCTIONS:
            if not words and lower in _SCALE:
                return
            break
        if lower in DETERMINERS or lower in BE or lower in HAVE or lower in MODALS:
            break
        if lower in ("p", "a") or lower.endswith("o'clock"):
            return
        words.append(token_j)
        if _number(lower) == "NNS":
            return  # the head is plural
    if not words:
        return
    head = words[-1]
    if not head.text.islower() or _number(head.lower) != "NN":
        return
    if not set(_lemmas(head.lower)) <= {"NOUN", "VERB"}:
        return  # these right, several behind
    plural = _forms(_lemmas(head.lower)["NOUN"][0], "NOUN").get("NNS", ())
    if not plural:
        return
    new = plural[0]
    fix = Fix(head.start, head.end, head.text, new)
    yield Issue(
        "grammar", COUNT, {"count": token.text, "suggestion": new, "text": head.text}, fix=fix
    )


_SINGULAR_VERB = {"is": "are", "was": "were", "has": "have"}
_PLURAL_VERB = {"are": "is", "were": "was"}


def _agreement(tokens: Sequence[Token], i: int) -> Iterator[Issue]:
    """the meeting were, the products is, Israel are, enterprises in the Park has: a verb
    against the number of the noun phrase that starts its clause."""
    verb = tokens[i]
    if i == 0 or not verb.text.islower():
        return
    start = _phrase_start(tokens, i - 1)
    if start is None:
        return
    head = tokens[i - 1]
    number = _phrase_number(tokens, start, i - 1)
    opener = tokens[start - 1].lower if start > 0 else ""
    amount = any(t.text[:1].isdigit() or t.lower in _NUMBER_WORDS for t in tokens[start:i])
    if opener in PREPOSITIONS and start >= 2:
        # enterprises in the Park has: the verb agrees with the phrase before the preposition
        outer = _phrase_start(tokens, start - 2)
        if outer is None or opener == "of":
            return
        if not _opens_clause(tokens, outer):
            return
        head = tokens[start - 2]
        number = _phrase_number(tokens, outer, start - 2)
        start = outer
    elif not _opens_clause(tokens, start):
        return
    elif amount and number == "NNS":
        return  # an amount is one quantity: eight characters is longer than six
    if number is None:
        return
    lower = verb.lower
    if number == "NNS" and lower in _SINGULAR_VERB:
        new = _SINGULAR_VERB[lower]
    elif number == "NN" and lower in _PLURAL_VERB:
        new = _PLURAL_VERB[lower]
    else:
        return
    fix = Fix(verb.start, verb.end, verb.text, new)
    params = {"subject": head.text, "suggestion": new, "text": verb.text}
    yield Issue("grammar", AGREEMENT, params, fix=fix)


def _phrase_start(tokens: Sequence[Token], end: int) -> int | None:
    """The first token of the noun phrase ending at `end` (determiners, adjectives, nouns,
    names), or None when `end` is no noun phrase's last word."""
    j = end
    while j >= 0:
        token = tokens[j]
        lower = token.lower
        if lower in DETERMINERS:
            return j
        if not token.is_word and not token.text[:1].isdigit():
            return j + 1 if j < end else None
        if lower in PREPOSITIONS or lower in CONJUNCTIONS or lower in CLAUSE_WORDS:
            return j + 1 if j < end else None
        if lower in PRONOUNS or lower in BE or lower in HAVE or lower in MODALS:
            return j + 1 if j < end else None
        if j < end and token.is_word and token.text.islower() and _only_verb(lower):
            return j + 1
        j -= 1
    return 0


def _phrase_number(tokens: Sequence[Token], start: int, end: int) -> str | None:
    """ "NN" or "NNS" for the phrase [start, end], None when unsure (lists, pronouns, names
    ending in s, abbreviations, gerunds after another noun)."""
    words = tokens[start : end + 1]
    if any(t.lower in CONJUNCTIONS or t.lower in ("both", "each", "every") for t in words):
        return None
    head = tokens[end]
    if head.lower in _EITHER or not head.is_word or head.lower in PRONOUNS | DETERMINERS:
        return None
    if not head.text.islower():
        if head.text.isupper() or head.text.endswith("s") or not head.text[:1].isupper():
            return None
        if _lemmas(head.lower) and head.text[0].isupper() and end == 0:
            return _number(head.lower)  # a capitalised common noun opening the sentence
        if _lemmas(head.text) or _lemmas(head.lower):
            return _number(head.lower)
        return "NN"  # a name: Israel, Changzhou
    number = _number(head.lower)
    if number is not None:
        return number
    tags = _verb_tags(head.lower)
    if tags == {"VBG"} or tags == {"VBG", "VB"}:
        # smart manufacturing are: a gerund after an adjective or at the start
        previous = tokens[end - 1].lower if end > start else ""
        if end == start or "ADJ" in _lemmas(previous):
            return "NN"
    return None


def _opens_clause(tokens: Sequence[Token], start: int) -> bool:
    if start == 0:
        return True
    before = tokens[start - 1]
    return before.text in (",", ";", ":", "(", "\u201c", '"') or before.lower in CLAUSE_WORDS


def _lower_case_places(text: str, source: str, skip: Sequence[tuple[int, int]]) -> Iterator[Issue]:
    """china for 中国 (the word is also a common noun, so only the Chinese tells)."""
    for chinese, name in _PLACES.items():
        if chinese not in source:
            continue
        for match in re.finditer(rf"\b{name.lower()}\b", text):
            if any(s <= match.start() < e for s, e in skip):
                continue
            fix = Fix(match.start(), match.end(), match.group(), name)
            yield Issue("grammar", CAPITAL, {"text": match.group(), "suggestion": name}, fix=fix)
