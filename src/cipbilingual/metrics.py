"""How far a person's English moved from the machine draft: one function, chrF underneath."""

from __future__ import annotations

from functools import cache
from typing import Any


@cache
def _chrf() -> Any:
    from sacrebleu.metrics.chrf import CHRF

    return CHRF()


def post_edit_distance(machine: str, final: str) -> float:
    """100 − chrF of the final English against the machine draft (sacrebleu, character
    6-grams, β = 2): 0 when the draft was kept as it is, near 100 when nothing of it was."""
    if machine == final:
        return 0.0
    if not machine.strip() or not final.strip():
        return 100.0
    score = float(_chrf().sentence_score(final, [machine]).score)
    return max(0.0, min(100.0, 100.0 - score))
