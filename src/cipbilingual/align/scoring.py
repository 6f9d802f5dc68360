"""How well a group of Chinese sentences and a group of English sentences translate each other:
dictionary, figure, name and glossary coverage both ways, and Gale–Church length agreement."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from cipbilingual.align.features import ChineseSentence, EnglishSentence

LINK_KINDS: tuple[tuple[int, int], ...] = ((1, 1), (1, 2), (2, 1), (1, 0), (0, 1), (2, 2))
"""The link shapes the search allows: (Chinese sentences, English sentences)."""


@dataclass(frozen=True)
class Weights:
    """The search's costs. Priors are -log(probability of the shape relative to 1–1)."""

    prior_1_2: float = 2.0
    prior_2_1: float = 2.0
    prior_2_2: float = 4.5
    skip: float = 6.0  # one sentence left without a partner
    lexical: float = 9.0  # per sentence in the link, times (1 - similarity)
    length: float = 0.6  # times Gale–Church's -log probability of the length difference
    weakest: float = 0.5  # share of the lexical cost judged by the worst-matched sentence
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
    return evidence(zh, en)[0]


def evidence(zh: Sequence[ChineseSentence], en: Sequence[EnglishSentence]) -> tuple[float, float]:
    """(similarity, the share of its own evidence that the worst-matched sentence of a
    two-sentence side finds on the other side; the similarity when both sides have one).
    A sentence merged into a link it has nothing to do with shows up in the second figure."""
    english_keys = en[0].keys if len(en) == 1 else frozenset().union(*(s.keys for s in en))
    chinese_keys = zh[0].keys if len(zh) == 1 else frozenset().union(*(s.keys for s in zh))
    found = total = 0.0
    weakest = 1.0
    for sentence in zh:
        part_found = part_total = 0.0
        for keys, weight in sentence.units:
            part_total += weight
            if not keys.isdisjoint(english_keys):
                part_found += weight
        found += part_found
        total += part_total
        if len(zh) > 1 and part_total:
            weakest = min(weakest, part_found / part_total)
    seen: set[str] = set()
    for english in en:
        part_found = part_total = 0.0
        for key, weight in english.weights:
            if key in seen:
                continue
            seen.add(key)
            part_total += weight
            if key in chinese_keys:
                part_found += weight
        found += part_found
        total += part_total
        if len(en) > 1 and part_total:
            weakest = min(weakest, part_found / part_total)
    sim = found / total if total else 0.0
    if len(zh) == 1 and len(en) == 1:
        return sim, sim
    return sim, min(weakest, sim)


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
