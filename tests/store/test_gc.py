"""The store pauses the cycle collector around big loads and saves, and restores it."""

from __future__ import annotations

import gc

from cipbilingual.store._gc import gc_paused


def test_gc_pause_restores_the_collector() -> None:
    with gc_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
