"""A scripted backend that behaves like an NMT system on cipbilingual's term injection: Chinese
characters become pseudo-English words, Latin-script runs (the injected house English) are copied
through, and a `mode` makes it mistreat them the way real systems do. It reports a word alignment
like the argos backend (or none, like LibreTranslate)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from cipbilingual.mt.pipeline import Hypothesis
from cipbilingual.mt.protect import Protected, WordAlignment

SYLLABLES = ("ba", "ko", "ri", "mu", "te", "sa", "lo", "ne", "vi", "du")
TOKEN = re.compile(r"[A-Za-z0-9]+(?:[-'][A-Za-z0-9]+)*|[()]|\S")
PUNCT = {"，": ",", "。": ".", "、": ",", "；": ";", "：": ":", "！": "!", "？": "?"}


def pseudo_word(ch: str) -> str:
    n = ord(ch)
    return SYLLABLES[n % 10] + SYLLABLES[(n // 10) % 10]


@dataclass
class ScriptedNMT:
    """mode: copy | lower | dehyphen | drop | garble | forbidden | reorder | bare | abbr | nbest."""

    mode: str = "copy"
    aligned: bool = True
    limit: int = 1000

    def measure(self, text: str) -> int:
        return len(text)

    def generate(self, parts: Sequence[Protected]) -> list[list[Hypothesis]]:
        out = []
        for part in parts:
            if self.mode == "nbest":
                # The top hypothesis loses the terms, the second keeps them: ranking must pick it.
                out.append([self._one(part, "drop", -0.1), self._one(part, "copy", -0.9)])
            else:
                out.append([self._one(part, self.mode, -0.5)])
        return out

    def _one(self, part: Protected, mode: str, score: float) -> Hypothesis:
        words: list[tuple[str, int]] = []  # (word, source offset)
        tail: list[tuple[str, int]] = []
        for m in TOKEN.finditer(part.text):
            tok, pos = m.group(), m.start()
            slot = next((s for s in part.slots if s.start <= pos < s.end), None)
            if slot is None:
                if "\u4e00" <= tok <= "\u9fff":
                    words.append((pseudo_word(tok), pos))
                elif tok in PUNCT and words:
                    words[-1] = (words[-1][0] + PUNCT[tok], words[-1][1])
                else:
                    words.append((tok, pos))
                continue
            if pos != slot.start:
                continue  # the whole slot is handled at its first token
            english = slot.english
            if mode == "lower":
                english = english.lower()
            elif mode == "dehyphen":
                english = english.replace("-", " ")
            elif mode == "drop":
                continue
            elif mode == "garble":
                english = " ".join("zorp" + str(i) for i, _ in enumerate(english.split()))
            elif mode == "forbidden" and slot.term.forbidden:
                english = slot.term.forbidden[0]
            elif mode == "bare":
                english = slot.term.target
            elif mode == "abbr" and slot.term.abbreviation:
                english = slot.term.abbreviation
            target = tail if mode == "reorder" else words
            target.extend((w, slot.start) for w in english.split())
        words += tail
        text = " ".join(w for w, _ in words)
        alignment: WordAlignment = tuple(pos for _, pos in words)
        return Hypothesis(text, score, (lambda: alignment) if self.aligned else None)
