"""Machine drafts and what people made of them: a draft confirmed or approved unedited (a
warning), and the post-edit distance, the chrF (sacrebleu) of the machine's English against the
final English, recorded for each approved segment."""

from __future__ import annotations

from collections.abc import Iterator

from cipbilingual.messages import N_
from cipbilingual.models import Segment, State
from cipbilingual.qa.base import CheckContext, Issue, Unit

NAMES = frozenset(("mt-unedited",))
# Engines whose drafts are machine translation (a TM match is a person's earlier work).
MT_ENGINES = frozenset(("argos", "libretranslate"))

CONFIRMED_UNEDITED = N_("confirmed exactly as {engine} drafted it: was it read?")
APPROVED_UNEDITED = N_("approved exactly as {engine} drafted it: was it read?")


def check(unit: Unit, ctx: CheckContext) -> Iterator[Issue]:
    segment = unit.segment
    if segment is None or not unedited(segment):
        return
    assert segment.origin is not None
    message = APPROVED_UNEDITED if segment.state is State.APPROVED else CONFIRMED_UNEDITED
    yield Issue("mt-unedited", message, {"engine": segment.origin.engine})


def unedited(segment: Segment) -> bool:
    """A confirmed or approved segment whose English is the machine draft, word for word."""
    origin = segment.origin
    return (
        segment.state in (State.TRANSLATED, State.APPROVED)
        and origin is not None
        and origin.engine in MT_ENGINES
        and bool(segment.machine_draft.strip())
        and " ".join(segment.machine_draft.split()) == " ".join(segment.target.split())
    )


def post_edit_chrf(machine: str, final: str) -> float:
    """chrF (character n-grams up to 6, beta 2; sacrebleu's defaults) of the machine's English
    against the final English, 0-100: 100 is unedited, lower is more rewritten."""
    from sacrebleu.metrics.chrf import CHRF

    return round(float(CHRF().sentence_score(machine, [final]).score), 1)
