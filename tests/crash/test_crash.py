"""SIGKILL at random moments during article saves, glossary saves, imports, TM imports and
exports: every catalog parses and is the old or the new version, no folder is half made, and no
temporary file survives the next command (see harness.py).

The suite runs a few trials of each; `CIPBILINGUAL_CRASH_TRIALS=200` runs as many as the
benchmark (`python benchmarks/run.py crash`) does.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.crash.harness import OPERATIONS, build_template, run_trials
from tests.hostile.harness import Zygote, zygote

TRIALS = int(os.environ.get("CIPBILINGUAL_CRASH_TRIALS", "8"))


@pytest.fixture(scope="module")
def crash_zygote() -> Iterator[Zygote]:
    with zygote() as z:
        yield z


@pytest.fixture(scope="module")
def crash_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_template(tmp_path_factory.mktemp("crash-template"))


@pytest.mark.slow
@pytest.mark.parametrize("operation", OPERATIONS)
def test_killed_writers_leave_whole_files_and_nothing_behind(
    operation: str, crash_zygote: Zygote, crash_template: Path, tmp_path: Path
) -> None:
    report = run_trials(crash_zygote, operation, TRIALS, crash_template, tmp_path)
    assert report.problems == []
    assert report.kills == TRIALS  # every worker was killed mid-work, none died on its own
    assert (report.corrupt, report.half_made, report.leftovers) == (0, 0, 0)
    assert report.catalogs >= 3 * TRIALS
