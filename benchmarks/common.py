"""Shared helpers for the benchmarks: the Figure line format and a median timer."""

from __future__ import annotations

import re
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass

NAMES = (
    "store", "import", "status", "archive", "glossary", "tm", "mt", "tui", "qa", "concurrency",
    "crash", "align", "history", "spell",
)  # fmt: skip
_NAME = re.compile(rf"^({'|'.join(NAMES)})(\.[a-z0-9_+-]+)*$")


@dataclass(frozen=True)
class Figure:
    """One printed line: our figure beside its anchor measured in the same run.

    `ratio` is how many times better ours is than the anchor (anchor/ours for times,
    ours/anchor for throughputs); a figure with a target says so in `target`.
    """

    name: str
    value: float
    unit: str
    anchor: str
    anchor_value: float
    anchor_unit: str
    ratio: float
    target: str = ""
    note: str = ""  # what was measured, on what data; printed after the figure

    def __post_init__(self) -> None:
        if not _NAME.match(self.name):
            raise ValueError(f"benchmark name {self.name!r} is not NAME or NAME.suffix")

    def line(self) -> str:
        text = (
            f"{self.name}: {_fmt(self.value)} {self.unit} | "
            f"{self.anchor}: {_fmt(self.anchor_value)} {self.anchor_unit} | "
            f"ratio {self.ratio:.2f}×"
        )
        extra = "; ".join(
            part for part in (self.note, f"target {self.target}" if self.target else "") if part
        )
        return f"{text}  ({extra})" if extra else text


def _fmt(value: float) -> str:
    if value == 0 or abs(value) >= 100:
        return f"{value:.0f}"
    if abs(value) >= 1:
        return f"{value:.2f}"
    return f"{value:.3g}"


def median_time(func: Callable[[], object], repeat: int = 5) -> float:
    """Median wall seconds of `func()` over `repeat` runs."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        func()
        times.append(time.perf_counter() - started)
    return statistics.median(times)
