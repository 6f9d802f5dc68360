"""Generated translation-memory data for the TM benchmark: news-like Chinese sentences recombined
from the corpus clauses, with changed figures and changed characters, as a newsroom's memory
looks after years of similar articles."""

from __future__ import annotations

import random
import re
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "data" / "corpus"
_CLAUSE_SPLIT = re.compile(r"[，、；：。！？\n]+")
_DIGITS = re.compile(r"\d+")
_WORDS = [
    "the",
    "park",
    "city",
    "innovation",
    "cooperation",
    "Israel",
    "China",
    "Changzhou",
    "project",
    "meeting",
    "secretary",
    "committee",
    "development",
    "technology",
    "mission",
    "platform",
    "district",
    "government",
    "enterprise",
    "centre",
    "construction",
    "national",
    "high-tech",
    "zone",
    "leaders",
    "research",
    "institute",
    "plan",
    "work",
    "year",
]


def clauses() -> list[str]:
    """Every clause of the Chinese corpus articles (at least 4 characters)."""
    out: list[str] = []
    for path in sorted(CORPUS.glob("*.zh.txt")):
        for clause in _CLAUSE_SPLIT.split(path.read_text(encoding="utf-8")):
            clause = clause.strip()
            if len(clause) >= 4:
                out.append(clause)
    return out


class Generator:
    """Deterministic sentence pairs for a given seed."""

    def __init__(self, seed: int = 7) -> None:
        self.rng = random.Random(seed)
        self.pool = clauses()
        corpus_chars = sorted({c for clause in self.pool for c in clause})
        # Common CJK characters beyond the corpus, so the memory is not one article's alphabet.
        self.chars = corpus_chars + [chr(0x4E00 + i * 7) for i in range(2500)]

    def _mutate(self, clause: str) -> str:
        rng = self.rng
        clause = _DIGITS.sub(lambda m: str(rng.randint(1, 2030)), clause)
        if rng.random() < 0.6:
            chars = list(clause)
            for _ in range(max(1, len(chars) // 4)):
                chars[rng.randrange(len(chars))] = rng.choice(self.chars)
            clause = "".join(chars)
        return clause

    def sentence(self) -> str:
        parts = [self._mutate(self.rng.choice(self.pool)) for _ in range(self.rng.randint(1, 4))]
        return "，".join(parts) + "。"

    def english(self) -> str:
        words = [self.rng.choice(_WORDS) for _ in range(self.rng.randint(6, 30))]
        return " ".join(words).capitalize() + "."

    def pairs(self, n: int) -> list[tuple[str, str]]:
        return [(self.sentence(), self.english()) for _ in range(n)]

    def queries(self, sources: list[str], n: int) -> list[str]:
        """Half edited copies of memory sentences (fuzzy matches exist), half new sentences."""
        out: list[str] = []
        for i in range(n):
            if i % 2:
                out.append(self.sentence())
                continue
            chars = list(self.rng.choice(sources))
            for _ in range(self.rng.randint(1, 4)):
                chars[self.rng.randrange(len(chars))] = self.rng.choice(self.chars)
            out.append("".join(chars))
        return out
