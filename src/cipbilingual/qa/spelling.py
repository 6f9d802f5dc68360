"""The English on its own, through Harper: `spelling` (a word no dictionary knows, with a
suggestion), `grammar` (Harper's grammar rules and the project's own in `qa/grammar.py`),
`style-spelling` (the other dialect's spelling) and `style-serial-comma`. House words, names in
the pinyin of the article's Chinese, abbreviations and web addresses are never flagged."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from cipbilingual.messages import N_
from cipbilingual.models import Article, Fix, State
from cipbilingual.qa import grammar, harper
from cipbilingual.qa.base import CheckContext, Issue, Unit
from cipbilingual.qa.housewords import (
    HouseWords,
    PinyinNames,
    is_abbreviation,
    looks_like_pinyin,
    not_prose,
    pinyin_names,
    token_at,
)

NAMES = frozenset(("spelling", "grammar", "style-spelling", "style-serial-comma"))

UNKNOWN = N_("\u201c{word}\u201d is not in the dictionary: \u201c{suggestion}\u201d?")
UNKNOWN_BARE = N_("\u201c{word}\u201d is not in the dictionary")
BRITISH = N_("\u201c{word}\u201d is British spelling; the house writes \u201c{suggestion}\u201d")
AMERICAN = N_("\u201c{word}\u201d is American spelling; the house writes \u201c{suggestion}\u201d")
HARPER = N_("{advice}: \u201c{text}\u201d \u2192 \u201c{suggestion}\u201d")
HARPER_BARE = N_("{advice}: \u201c{text}\u201d")
SERIAL_WANTED = N_("house style writes the serial comma (a, b, and c): \u201c{suggestion}\u201d")
SERIAL_UNWANTED = N_(
    "house style leaves out the serial comma (a, b and c): \u201c{suggestion}\u201d"
)

_SERIAL_RULES = ("OxfordComma", "NoOxfordComma")
_DIALECT_RULES = ("Regionalisms",)
# Rules that join or split words: never applied to names (Li Ning is not LiNing).
_WORD_SHAPE_RULES = ("MergeWords", "SplitWords")
# Where a Harper rule is known to misfire: the text just before its lint.
_MISFIRES = {"ToTwoToo": re.compile(r"\bup\s$", re.IGNORECASE)}  # up to now, … is not "too"
_CAPITALISED = re.compile(r"[A-Z][A-Za-z'’-]*")
_CAMEL = re.compile(r"[a-z][A-Z]")
_TOO_LONG = re.compile(rf"[A-Za-z]{{{harper.LONGEST + 1},}}")
_BATCH = 32  # segments linted in one call to Harper


def check(unit: Unit, ctx: CheckContext) -> Iterator[Issue]:
    if not any(ctx.enabled(name) for name in NAMES):
        return
    text = unit.target
    house = house_words(ctx)
    dialect = ctx.choice("style-spelling", "dialect")
    serial = _serial_choice(ctx)
    forms = pinyin_names(_sources(unit, ctx))
    skip = not_prose(text) + _names(text, house, forms, dialect)
    said: list[tuple[int, int]] = []
    found = _batch(ctx).get(text)
    if found is None:
        found = harper.lints(text, dialect, house.sorted(), serial)
    for lint in _settle(found):
        if any(start <= lint.start and lint.end <= end for start, end in skip):
            continue
        if _misfire(text, lint):
            continue
        if lint.rule == "SpellCheck":
            yield from _spelling(text, lint, house, forms, dialect)
        elif lint.rule in _SERIAL_RULES:
            yield _serial(text, lint)
        elif lint.rule in _DIALECT_RULES:
            yield _harper("style-spelling", lint)
        else:
            said.append((lint.start, lint.end))
            yield _harper("grammar", lint)
    for match in _TOO_LONG.finditer(text):
        if not any(start <= match.start() and match.end() <= end for start, end in skip):
            shown = match.group()[: harper.LONGEST] + "\u2026"
            yield Issue("spelling", UNKNOWN_BARE, {"word": shown})  # no word is this long
    if ctx.enabled("grammar"):
        for issue in grammar.check(text, skip, unit.source):
            where = issue.fix
            if where is None or not any(s < where.end and where.start < e for s, e in said):
                yield issue  # one finding for one slip: Harper's, when it saw it too


def prepare(ctx: CheckContext) -> None:
    """Build now what the checks will need (Harper's linter for these settings, about a
    second; the word forms; the pinyin syllables), e.g. before forking workers that share it."""
    harper.lints(
        "Warm.",
        ctx.choice("style-spelling", "dialect"),
        house_words(ctx).sorted(),
        _serial_choice(ctx),
    )
    grammar.is_word("warm")
    looks_like_pinyin("Wang")


def prepare_article(
    article: Article, ctx: CheckContext, should_stop: Callable[[], bool] | None = None
) -> None:
    """Lint the English of every segment of `article` that will be checked in one call to
    Harper (a third cheaper than a call each); `check` then takes each segment's lints from
    here. Only the latest article is kept. Returns early, between batches, once `should_stop`
    says so (the caller stops too)."""
    texts = list(
        dict.fromkeys(
            s.target for s in article.segments if s.target.strip() and s.state is not State.NEW
        )
    )
    batch = _batch(ctx)
    batch.clear()
    if not texts:
        return
    dialect = ctx.choice("style-spelling", "dialect")
    words, serial = house_words(ctx).sorted(), _serial_choice(ctx)
    for start in range(0, len(texts), _BATCH):
        if should_stop is not None and should_stop():
            return
        chunk = texts[start : start + _BATCH]  # Harper slows down on very long documents
        batch.update(zip(chunk, harper.lints_many(chunk, dialect, words, serial), strict=True))


def _batch(ctx: CheckContext) -> dict[str, list[harper.Lint]]:
    batch: dict[str, list[harper.Lint]] = ctx.resource("harper-batch", dict)
    return batch


def _serial_choice(ctx: CheckContext) -> bool | None:
    if not ctx.enabled("style-serial-comma"):
        return None
    return ctx.flag("style-serial-comma", "serial")


def house_words(ctx: CheckContext) -> HouseWords:
    """The glossary's English and the workspace's `[qa.spelling] words`, once per run."""
    words = ctx.words("spelling", "words")
    loaded: HouseWords = ctx.resource("house-words", lambda: HouseWords.of(ctx.glossary, words))
    return loaded


def _settle(found: list[harper.Lint]) -> list[harper.Lint]:
    """One lint for one slip where Harper's spelling and word-shape rules overlap."""
    misspelt = {(lint.start, lint.end) for lint in found if lint.rule == "SpellCheck"}
    shaped = {(lint.start, lint.end) for lint in found if lint.rule in _WORD_SHAPE_RULES}
    out = []
    for lint in found:
        span = (lint.start, lint.end)
        camel = _CAMEL.search(lint.text) is not None
        if lint.rule in _WORD_SHAPE_RULES and span in misspelt and not camel:
            continue  # "relevent" is one word misspelt, not "rel event"
        if lint.rule == "SpellCheck" and span in shaped and camel:
            continue  # "thePark's" is two words run together: "the Park's"
        if lint.rule == "SpellCheck" and any(
            s <= lint.start and lint.end <= e and (s, e) != span for s, e in shaped
        ):
            continue  # the "ment" of "develop ment" is half of one word
        out.append(lint)
    return out


def _misfire(text: str, lint: harper.Lint) -> bool:
    if lint.rule in _WORD_SHAPE_RULES:
        words = lint.text.split()
        if all(w[:1].isupper() for w in words) or any(len(w) == 1 for w in words):
            return True  # names (Li Ning) and units (0.3 s and) are not one word
    known = _MISFIRES.get(lint.rule)
    return known is not None and known.search(text[: lint.start]) is not None


def _derived(word: str, dialect: str) -> bool:
    lower = word.lower()
    for ending in ("ization", "isation", "izations", "isations"):
        stem = lower[: -len(ending)]
        if lower.endswith(ending) and len(stem) >= 4 and stem.isalpha():
            return harper.knows(stem, dialect)
    return False


def _sources(unit: Unit, ctx: CheckContext) -> str:
    """The Chinese whose pinyin names the English may use: the whole article's when known.
    Joined once per article and run (the same object each time, so that the names' cache finds
    it by identity): joining it for every segment cost a 20,000-segment article minutes."""
    article = unit.article
    if article is None or not article.segments:
        return unit.source
    last: dict[str, tuple[object, int, str]] = ctx.resource("article-sources", dict)
    segments = article.segments
    seen = last.get("article")
    if seen is not None and seen[0] is segments and seen[1] == len(segments):
        return seen[2]
    joined = "\n".join(s.source for s in segments)
    last["article"] = (segments, len(segments), joined)
    return joined


def _names(text: str, house: HouseWords, forms: PinyinNames, dialect: str) -> list[tuple[int, int]]:
    """Spans of capitalised house words and pinyin names that the dictionary does not know
    (Wujin, Quan; not The, Park or He), neighbours joined (Li Ning)."""
    spans: list[tuple[int, int]] = []
    for match in _CAPITALISED.finditer(text):
        word = match.group()
        if not (forms.spells(word) or house.knows(word)):
            continue
        if harper.knows(word, dialect):
            continue
        if spans and text[spans[-1][1] : match.start()] == " ":
            spans[-1] = (spans[-1][0], match.end())
        else:
            spans.append(match.span())
    return spans


def _spelling(
    text: str, lint: harper.Lint, house: HouseWords, forms: PinyinNames, dialect: str
) -> Iterator[Issue]:
    token = token_at(text, lint.start, lint.end)
    word = lint.text
    if is_abbreviation(token) or house.knows(word) or forms.spells(word):
        return
    if looks_like_pinyin(word):
        return  # a Chinese name: the `names` check knows how it should be spelt
    if _derived(word, dialect):
        return
    house_form = dialect_form(word, dialect)
    other = "british" if dialect == "american" else "american"
    if house_form is not None and harper.knows(word, other):
        message = BRITISH if dialect == "american" else AMERICAN
        fix = Fix(lint.start, lint.end, word, house_form)
        params = {"word": word, "suggestion": house_form}
        yield Issue("style-spelling", message, params, fix=fix)
        return
    suggestion = suggest(word, lint.replacements, dialect)
    if suggestion:
        fix = Fix(lint.start, lint.end, word, suggestion)
        yield Issue("spelling", UNKNOWN, {"word": word, "suggestion": suggestion}, fix=fix)
    else:
        yield Issue("spelling", UNKNOWN_BARE, {"word": word})


_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_LONGEST = 30  # letters; English words beyond this are not repaired a letter at a time


def suggest(word: str, offered: tuple[str, ...], dialect: str) -> str:
    """The likeliest intended word: a letter left out (visted → visited) comes first, then two
    letters swapped (countires → countries), then Harper's own first suggestion. Among the
    repairs of one kind, Harper's order decides, else the first that lemminflect's lexicon
    and then Harper's dictionary know (asking Harper alone about hundreds of candidates
    would take a second)."""
    if len(word) > _LONGEST:
        return offered[0] if offered else ""  # no word is this long: not worth the repairs
    omitted = [word[:i] + c + word[i:] for i in range(len(word) + 1) for c in _LETTERS]
    swapped = [word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1)]
    for repairs in (omitted, swapped):
        candidates = set(repairs)
        chosen = [o for o in offered if o in candidates]
        if chosen:
            return chosen[0]
        for repair in dict.fromkeys(repairs):
            if repair != word and grammar.is_word(repair) and harper.knows(repair, dialect):
                return repair
    return offered[0] if offered else ""


def _serial(text: str, lint: harper.Lint) -> Issue:
    following = text[lint.end :].split()
    after = following[0] if following else ""
    if lint.rule == "OxfordComma":
        # The lint is the last item before "and": the fix puts a comma after it.
        new = lint.replacements[0] if lint.replacements else lint.text + ","
        fix = Fix(lint.start, lint.end, lint.text, new)
        shown = f"{new} {after}".strip()
        return Issue("style-serial-comma", SERIAL_WANTED, {"suggestion": shown}, fix=fix)
    # The lint is the comma itself: the fix takes it out.
    before = text[: lint.start].split()[-1:]
    shown = " ".join([*before, after])
    fix = Fix(lint.start, lint.end, lint.text, "")
    return Issue("style-serial-comma", SERIAL_UNWANTED, {"suggestion": shown}, fix=fix)


def _harper(check: str, lint: harper.Lint) -> Issue:
    advice = lint.message.rstrip(".")
    text = lint.text.strip() or lint.text
    if lint.replacements:
        new = lint.replacements[0]
        fix = Fix(lint.start, lint.end, lint.text, new)
        params = {"advice": advice, "text": text, "suggestion": new.strip() or "\u2205"}
        return Issue(check, HARPER, params, fix=fix)
    return Issue(check, HARPER_BARE, {"advice": advice, "text": text})


# -- British and American spelling -------------------------------------------------------------

# (British, American) endings and words; tried in both directions, and a candidate counts only
# when Harper's dictionary of the house's dialect knows it.
_PAIRS = (
    ("our", "or"),
    ("ours", "ors"),
    ("oured", "ored"),
    ("ouring", "oring"),
    ("ise", "ize"),
    ("ised", "ized"),
    ("ises", "izes"),
    ("ising", "izing"),
    ("isation", "ization"),
    ("isations", "izations"),
    ("yse", "yze"),
    ("ysed", "yzed"),
    ("tre", "ter"),
    ("tres", "ters"),
    ("ogue", "og"),
    ("ogues", "ogs"),
    ("ence", "ense"),
    ("ences", "enses"),
    ("lled", "led"),
    ("lling", "ling"),
    ("ller", "ler"),
    ("llers", "lers"),
    ("mme", "m"),
    ("mmes", "ms"),
    ("ement", "ment"),
    ("eing", "ing"),
)
_WORDS = (
    ("grey", "gray"),
    ("tyre", "tire"),
    ("cheque", "check"),
    ("aluminium", "aluminum"),
    ("plough", "plow"),
    ("enrol", "enroll"),
    ("fulfil", "fulfill"),
    ("skilful", "skillful"),
    ("kerb", "curb"),
    ("pyjamas", "pajamas"),
    ("manoeuvre", "maneuver"),
)


def dialect_form(word: str, dialect: str) -> str | None:
    """The spelling of `word` in `dialect` (Centre → Center for "american"), keeping its
    capitals, or None when none of the usual differences gives a word Harper knows."""
    if len(word) > _LONGEST:
        return None
    lower = word.lower()
    to_american = dialect == "american"
    candidates: list[str] = []
    for british, american in _WORDS:
        old, new = (british, american) if to_american else (american, british)
        if lower == old:
            candidates.append(new)
    for british, american in _PAIRS:
        old, new = (british, american) if to_american else (american, british)
        if lower.endswith(old) and len(lower) > len(old) + 1:
            candidates.append(lower[: -len(old)] + new)
    if to_american:
        candidates.extend(lower.replace(a, "e", 1) for a in ("ae", "oe") if a in lower)
    for candidate in candidates:
        shaped = _shape(candidate, word)
        if harper.knows(shaped, dialect):
            return shaped
    return None


def _shape(candidate: str, like: str) -> str:
    if like.isupper():
        return candidate.upper()
    if like[:1].isupper():
        return candidate[:1].upper() + candidate[1:]
    return candidate
