"""`cipbilingual status --json` on the sample workspace, whole process, beside `python -c pass`.

Target: at most 0.25 s above the bare interpreter start.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from common import Figure, median_time

REPO = Path(__file__).resolve().parent.parent
BUDGET = 0.25


def run(quick: bool) -> list[Figure]:
    repeat = 5 if quick else 15
    status = [sys.executable, "-m", "cipbilingual", "--workspace", str(REPO), "status", "--json"]
    bare = [sys.executable, "-c", "pass"]

    def call(cmd: list[str]) -> None:
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)

    call(status)  # warm the page cache and the bytecode
    ours = median_time(lambda: call(status), repeat)
    anchor = median_time(lambda: call(bare), repeat)
    overhead = ours - anchor
    return [
        Figure("status", ours, "s", "python -c pass", anchor, "s", anchor / ours),
        Figure(
            "status.overhead",
            overhead,
            "s",
            "budget",
            BUDGET,
            "s",
            BUDGET / overhead,
            target="overhead ≤ budget, ratio ≥ 1",
        ),
    ]
