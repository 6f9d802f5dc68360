"""How well a group of Chinese sentences and a group of English sentences translate each other:
dictionary, figure, name and glossary coverage both ways, and Gale–Church length agreement."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from cipbilingual.align.features import ChineseSentence, EnglishSentence

LINK_KINDS: tuple[tuple[int, int], ...] = ((1, 1), (1, 2), (2, 1), (1, 0), (0, 1), (2, 2))
"""The link shapes the search allows: (Chinese sentences, English sentences)."""


@dataclass(frozen=True)
class Weights:
    """The search's costs. Priors are -log(probability of the shape relative to 1–1)."""

    prior_1_2: float = 1.6
    prior_2_1: float = 1.6
    prior_2_2: float = 4.5
    skip: float = 6.0  # one sentence left without a partner
    lexical: float = 9.0  # per sentence in the link, times (1 - similarity)
    length: float = 0.6  # times Gale–Church's -log probability of the length difference
    weakest: float = 0.3  # share of the lexical cost judged by the worst-matched sentence
    variance: float = 16.0  # Gale–Church s²: variance of English characters per Chinese one

    def prior(self, a: int, b: int) -> float:
        if (a, b) == (1, 1):
            return 0.0
        if (a, b) == (1, 2):
            return self.prior_1_2
        if (a, b) == (2, 1):
            return self.prior_2_1
        return self.prior_2_2


DEFAULT_WEIGHTS = Weights()


def similarity(zh: Sequence[ChineseSentence], en: Sequence[EnglishSentence]) -> float:
    """Share of the evidence on both sides that the other side shows, in [0, 1]: Chinese units
    (words, terms, figures, names) whose English the English has, and English content words
    and figures the Chinese accounts for, weighted."""
    return PairTable(zh, en).evidence(0, len(zh), 0, len(en))[0]


class PairTable:
    """The evidence between Chinese and English items (sentences or paragraphs), worked out
    once per pair as bit masks (bit k: unit k of the Chinese item, or word k of the English
    item, is found on the other side), so that a link of any shape costs a few ORs and bit
    counts. Unit and word weights are 1 or 2."""

    def __init__(self, zh: Sequence[ChineseSentence], en: Sequence[EnglishSentence]) -> None:
        self.zh = zh
        self.en = en
        self._zh_heavy = [_heavy(w for _, w in s.units) for s in zh]
        self._en_heavy = [_heavy(w for _, w in s.weights) for s in en]
        self._zh_total = [sum(w for _, w in s.units) for s in zh]
        self._en_total = [sum(w for _, w in s.weights) for s in en]
        self._pairs: dict[tuple[int, int], tuple[int, int, int, int]] = {}

    def _pair(self, i: int, j: int) -> tuple[int, int, int, int]:
        """(Chinese unit mask, English word mask, weighted count of each) for one pair."""
        found = self._pairs.get((i, j))
        if found is None:
            chinese, english = self.zh[i], self.en[j]
            english_keys = english.keys
            zmask = 0
            bit = 1
            for keys, _ in chinese.units:
                if not keys.isdisjoint(english_keys):
                    zmask |= bit
                bit <<= 1
            chinese_keys = chinese.keys
            emask = 0
            bit = 1
            for key, _ in english.weights:
                if key in chinese_keys:
                    emask |= bit
                bit <<= 1
            found = self._pairs[(i, j)] = (
                zmask,
                emask,
                zmask.bit_count() + (zmask & self._zh_heavy[i]).bit_count(),
                emask.bit_count() + (emask & self._en_heavy[j]).bit_count(),
            )
        return found

    def evidence(self, i0: int, i1: int, j0: int, j1: int) -> tuple[float, float]:
        """(similarity of Chinese items [i0, i1) with English items [j0, j1), the share of its
        own evidence the worst-matched item of a two-item side finds; the similarity again
        when both sides have one item)."""
        if i1 - i0 == 1 and j1 - j0 == 1:
            _, _, zgot, egot = self._pair(i0, j0)
            total = self._zh_total[i0] + self._en_total[j0]
            sim = (zgot + egot) / total if total else 0.0
            return sim, sim
        found = total = 0.0
        parts: list[float] = []
        for i in range(i0, i1):
            mask = 0
            for j in range(j0, j1):
                mask |= self._pair(i, j)[0]
            got = mask.bit_count() + (mask & self._zh_heavy[i]).bit_count()
            found += got
            total += self._zh_total[i]
            if i1 - i0 > 1 and self._zh_total[i]:
                parts.append(got / self._zh_total[i])
        for j in range(j0, j1):
            mask = 0
            for i in range(i0, i1):
                mask |= self._pair(i, j)[1]
            got = mask.bit_count() + (mask & self._en_heavy[j]).bit_count()
            found += got
            total += self._en_total[j]
            if j1 - j0 > 1 and self._en_total[j]:
                parts.append(got / self._en_total[j])
        sim = found / total if total else 0.0
        return sim, min([sim, *parts])


def _heavy(weights: Iterable[float]) -> int:
    mask = 0
    for k, weight in enumerate(weights):
        if weight > 1:
            mask |= 1 << k
    return mask


def length_cost(zh_chars: int, en_chars: int, ratio: float, variance: float) -> float:
    """Gale–Church: -log of the probability that Chinese of `zh_chars` characters becomes
    English of `en_chars` characters, when English runs `ratio` characters per Chinese one."""
    if zh_chars == 0 and en_chars == 0:
        return 0.0
    mean = (zh_chars + en_chars / ratio) / 2
    delta = (en_chars - zh_chars * ratio) / math.sqrt(max(mean, 1.0) * variance)
    probability = math.erfc(abs(delta) / math.sqrt(2))
    return -math.log(max(probability, 1e-12))


def confidence(sim: float, length: float) -> float:
    """The score an editor sees for a link, in [0, 1]: similarity, discounted when the lengths
    are implausible (length is the Gale–Church cost)."""
    return max(0.0, min(1.0, sim * math.exp(-length / 8)))
