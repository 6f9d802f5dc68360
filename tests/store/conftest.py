"""Oracles for the store's tests: GNU msgcat itself, and libunistring's line breaker."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

MSGCAT = shutil.which("msgcat")
needs_msgcat = pytest.mark.skipif(
    MSGCAT is None, reason="GNU msgcat is not installed: run scripts/dev-setup"
)

Msgcat = Callable[[str], str]


def run_msgcat(text: str, folder: Path) -> str:
    """What `msgcat --force-po FILE -o OUT` makes of `text` (raises if msgcat reports an
    error); --force-po makes msgcat write a catalog that holds only its header."""
    assert MSGCAT is not None
    source = folder / "in.po"
    target = folder / "out.po"
    source.write_text(text, encoding="utf-8")
    done = subprocess.run(
        [MSGCAT, "--force-po", str(source), "-o", str(target)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return target.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def msgcat(tmp_path_factory: pytest.TempPathFactory) -> Msgcat:
    """msgcat as a function text -> text; skips the test when msgcat is absent. Session-scoped
    (each call gets its own folder) so that hypothesis tests can use it."""
    if MSGCAT is None:
        pytest.skip("GNU msgcat is not installed: run scripts/dev-setup")

    def _run(text: str) -> str:
        return run_msgcat(text, tmp_path_factory.mktemp("msgcat"))

    return _run
