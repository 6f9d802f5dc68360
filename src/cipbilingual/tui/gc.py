"""Keep Python's cycle collector off objects that live as long as an open article: paused while
they are built, and frozen afterwards for a long article, whose million objects a full
collection would otherwise walk again and again (a fifth of a second each time)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection inside the block; reference counting still frees
    everything, and the collector's previous state is restored."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


LONG_ARTICLE = 2000  # segments: above this, an open article's objects are frozen

_frozen_by: set[int] = set()


def freeze_for(owner: object) -> None:
    """Move every object alive now out of the collector's reach, until `thaw_for(owner)`.
    Reference counting still frees them; only cycles among them wait for the thaw."""
    gc.freeze()
    _frozen_by.add(id(owner))


def thaw_for(owner: object) -> None:
    """Hand the frozen objects back to the collector once no owner needs them frozen."""
    if id(owner) in _frozen_by:
        _frozen_by.discard(id(owner))
        if not _frozen_by:
            gc.unfreeze()
