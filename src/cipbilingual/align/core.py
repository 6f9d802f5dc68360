"""Align a Chinese text with its English: paragraphs first, then sentences inside each pair of
aligned paragraphs. Links come out over the sentence indices of the two texts, in order."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from cipbilingual.align.features import (
    ChineseSentence,
    EnglishSentence,
    Featurizer,
    TermFinder,
)
from cipbilingual.align.scoring import (
    DEFAULT_WEIGHTS,
    PairTable,
    Weights,
    confidence,
    length_cost,
    similarity,
)
from cipbilingual.align.search import search
from cipbilingual.lexicon import Lexicon

# English characters per Chinese character when a text gives no better estimate.
DEFAULT_RATIO = 3.6
RATIO_PRIOR = 300
# Two titles are paired without regard to length once this much of their words match.
TITLE_EVIDENCE = 0.15


@dataclass(frozen=True)
class Link:
    """Chinese sentences `zh` translate as English sentences `en` (indices, ascending; either
    may be empty for a sentence with no counterpart), with a confidence `score` in [0, 1]."""

    zh: tuple[int, ...]
    en: tuple[int, ...]
    score: float

    def to_json(self) -> dict[str, object]:
        return {"zh": list(self.zh), "en": list(self.en), "score": round(self.score, 3)}


@dataclass(frozen=True)
class Text:
    """One side to align: sentences grouped in paragraphs (a sentence list is one paragraph)."""

    paragraphs: tuple[tuple[str, ...], ...]
    titled: bool = False  # the first paragraph is the title

    @classmethod
    def of_sentences(cls, sentences: Sequence[str]) -> Text:
        return cls((tuple(sentences),) if sentences else ())

    @property
    def sentences(self) -> list[str]:
        return [s for paragraph in self.paragraphs for s in paragraph]


class Aligner:
    """Aligns texts with one lexicon, glossary and set of weights."""

    def __init__(
        self,
        lexicon: Lexicon | None = None,
        glossary: TermFinder | None = None,
        weights: Weights = DEFAULT_WEIGHTS,
    ) -> None:
        self.featurizer = Featurizer(lexicon or Lexicon.load(), glossary)
        self.weights = weights

    def score(self, zh: Sequence[str], en: Sequence[str], ratio: float = DEFAULT_RATIO) -> float:
        """The confidence of one link between Chinese sentences `zh` and English sentences
        `en` (0 when either side is empty), for text whose English runs `ratio` characters per
        Chinese character."""
        if not zh or not en:
            return 0.0
        zs = [self.featurizer.chinese(s) for s in zh]
        es = [self.featurizer.english(s) for s in en]
        sim = similarity(zs, es)
        length = length_cost(
            sum(s.length for s in zs), sum(s.length for s in es), ratio, self.weights.variance
        )
        return confidence(sim, length)

    def align(self, zh: Text, en: Text) -> list[Link]:
        """Links over the flat sentence indices of `zh` and `en`: paragraphs are aligned
        first, then the sentences inside each pair; a link never joins Chinese sentences of
        two paragraphs."""
        zh_sentences = [self.featurizer.chinese(s) for s in zh.sentences]
        en_sentences = [self.featurizer.english(s) for s in en.sentences]
        zh_bounds = _bounds(zh)
        en_bounds = _bounds(en)
        if len(zh_bounds) <= 1 and len(en_bounds) <= 1:
            return self._sentences(
                zh_sentences, en_sentences, 0, len(zh_sentences), 0, [0], paragraphs=False
            )
        zh_paras = [_merge_zh(zh_sentences[a:b]) for a, b in zh_bounds]
        en_paras = [_merge_en(en_sentences[a:b]) for a, b in en_bounds]
        ratio = _ratio(zh_sentences, en_sentences)
        w = self.weights
        titles = zh.titled and en.titled and bool(zh.paragraphs[0]) and bool(en.paragraphs[0])
        table = PairTable(zh_paras, en_paras)
        zh_lengths = _prefix([s.length for s in zh_paras])
        en_lengths = _prefix([s.length for s in en_paras])

        def paragraph_cost(i0: int, i1: int, j0: int, j1: int) -> float:
            if i0 == i1 or j0 == j1:
                return w.skip * 0.75
            sim = table.evidence(i0, i1, j0, j1)[0]
            if titles and (i0, i1, j0, j1) == (0, 1, 0, 1) and sim >= TITLE_EVIDENCE:
                # Headlines are rewritten more freely than body text: lengths say little.
                return w.lexical * (1 - sim) * 0.5
            length = length_cost(
                zh_lengths[i1] - zh_lengths[i0], en_lengths[j1] - en_lengths[j0], ratio, w.variance
            )
            return w.prior(i1 - i0, j1 - j0) + w.lexical * (1 - sim) + w.length * length

        links: list[Link] = []
        for step in search(len(zh_paras), len(en_paras), paragraph_cost):
            z0 = zh_bounds[step.i0][0] if step.i0 < step.i1 else _start(zh_bounds, step.i0)
            z1 = zh_bounds[step.i1 - 1][1] if step.i0 < step.i1 else z0
            e0 = en_bounds[step.j0][0] if step.j0 < step.j1 else _start(en_bounds, step.j0)
            e1 = en_bounds[step.j1 - 1][1] if step.j0 < step.j1 else e0
            cuts = [zh_bounds[k][0] - z0 for k in range(step.i0, step.i1)]
            links.extend(
                self._sentences(zh_sentences[z0:z1], en_sentences[e0:e1], z0, z1, e0, cuts)
            )
        return links

    def _sentences(
        self,
        zh: Sequence[ChineseSentence],
        en: Sequence[EnglishSentence],
        z0: int,
        z1: int,
        e0: int,
        paragraph_starts: Sequence[int],
        *,
        paragraphs: bool = True,
    ) -> list[Link]:
        """Sentence links inside one pair of aligned paragraph groups, offset to global indices."""
        if not zh or not en:
            return [Link((z0 + i,), (), 0.0) for i in range(len(zh))] + [
                Link((), (e0 + j,), 0.0) for j in range(len(en))
            ]
        w = self.weights
        ratio = _ratio(zh, en)
        table = PairTable(zh, en)
        zh_lengths = _prefix([s.length for s in zh])
        en_lengths = _prefix([s.length for s in en])

        def length(i0: int, i1: int, j0: int, j1: int) -> float:
            return length_cost(
                zh_lengths[i1] - zh_lengths[i0], en_lengths[j1] - en_lengths[j0], ratio, w.variance
            )

        def cost(i0: int, i1: int, j0: int, j1: int) -> float:
            if i0 == i1 or j0 == j1:
                return w.skip
            sim, weakest = table.evidence(i0, i1, j0, j1)
            matched = (1 - w.weakest) * sim + w.weakest * weakest
            size = (i1 - i0 + j1 - j0) / 2
            return (
                w.prior(i1 - i0, j1 - j0)
                + w.lexical * (1 - matched) * size
                + w.length * length(i0, i1, j0, j1)
            )

        def score(i0: int, i1: int, j0: int, j1: int) -> float:
            if i0 == i1 or j0 == j1:
                return 0.0
            return confidence(table.evidence(i0, i1, j0, j1)[0], length(i0, i1, j0, j1))

        if len(zh) == 1 and len(en) == 1 and paragraphs:
            # Two one-sentence paragraphs the paragraph search paired: nothing left to decide.
            return [Link((z0,), (e0,), score(0, 1, 0, 1))]
        starts = set(paragraph_starts)

        def allowed(i0: int, i1: int) -> bool:
            return not any(k in starts for k in range(i0 + 1, i1))

        steps = search(len(zh), len(en), cost, allowed=allowed)
        return [
            Link(
                tuple(range(z0 + s.i0, z0 + s.i1)),
                tuple(range(e0 + s.j0, e0 + s.j1)),
                score(s.i0, s.i1, s.j0, s.j1),
            )
            for s in steps
        ]


def _prefix(values: Sequence[int]) -> list[int]:
    out = [0]
    for value in values:
        out.append(out[-1] + value)
    return out


def _bounds(text: Text) -> list[tuple[int, int]]:
    """(start, end) sentence indices of each non-empty paragraph."""
    out: list[tuple[int, int]] = []
    at = 0
    for paragraph in text.paragraphs:
        if paragraph:
            out.append((at, at + len(paragraph)))
            at += len(paragraph)
    return out


def _start(bounds: list[tuple[int, int]], index: int) -> int:
    if index < len(bounds):
        return bounds[index][0]
    return bounds[-1][1] if bounds else 0


def _merge_zh(sentences: Sequence[ChineseSentence]) -> ChineseSentence:
    units = tuple(u for s in sentences for u in s.units)
    keys = frozenset().union(*(s.keys for s in sentences)) if sentences else frozenset()
    return ChineseSentence(units, keys, sum(s.length for s in sentences))


def _merge_en(sentences: Sequence[EnglishSentence]) -> EnglishSentence:
    weights: dict[str, float] = {}
    for s in sentences:
        for key, weight in s.weights:
            weights.setdefault(key, weight)
    keys = frozenset().union(*(s.keys for s in sentences)) if sentences else frozenset()
    return EnglishSentence(
        frozenset(weights), tuple(weights.items()), keys, sum(s.length for s in sentences)
    )


def text_ratio(zh: Sequence[str], en: Sequence[str]) -> float:
    """English characters per Chinese character of two whole texts (white space excluded),
    within 2–6; the default when the texts are too short to tell."""
    return _from_lengths(
        sum(len("".join(s.split())) for s in zh), sum(len("".join(s.split())) for s in en)
    )


def _ratio(zh: Sequence[ChineseSentence], en: Sequence[EnglishSentence]) -> float:
    """English characters per Chinese character in this stretch of text, kept within the
    range real zh→en news and literature show (2–6), else the default."""
    return _from_lengths(sum(s.length for s in zh), sum(s.length for s in en))


def _from_lengths(chinese: int, english: int) -> float:
    # Shrunk towards the default by RATIO_PRIOR Chinese characters' worth of it, so that a
    # short stretch (or one padded with untranslated lines) cannot skew it far.
    ratio = (english + DEFAULT_RATIO * RATIO_PRIOR) / (chinese + RATIO_PRIOR)
    return min(6.0, max(2.0, ratio))
