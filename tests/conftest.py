"""Isolation for every test: user dirs, argos dirs, git identity and the network.

Argos reads its settings at import time, so the environment is set here, before any test module
can import it.
"""

from __future__ import annotations

import os
import socket
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

_SESSION_HOME = Path(tempfile.mkdtemp(prefix="cipbilingual-test-home-"))
for _var, _sub in (
    ("XDG_DATA_HOME", "data"),
    ("XDG_CONFIG_HOME", "config"),
    ("XDG_CACHE_HOME", "cache"),
    ("ARGOS_PACKAGES_DIR", "data/argos-translate/packages"),
):
    os.environ[_var] = str(_SESSION_HOME / _sub)
    (_SESSION_HOME / _sub).mkdir(parents=True, exist_ok=True)
os.environ["HOME"] = str(_SESSION_HOME)
os.environ.pop("CIPBILINGUAL_WORKSPACE", None)
os.environ.pop("CIPBILINGUAL_USER", None)
os.environ["GIT_CONFIG_NOSYSTEM"] = "1"
os.environ["GIT_CONFIG_GLOBAL"] = str(_SESSION_HOME / "gitconfig")

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "tests" / "data" / "corpus"

_LOOPBACK = ("127.", "::1", "localhost")


def _guarded_connect(real):  # type: ignore[no-untyped-def]
    def connect(self: socket.socket, address):  # type: ignore[no-untyped-def]
        host = address[0] if isinstance(address, tuple) else str(address)
        if self.family == socket.AF_UNIX or str(host).startswith(_LOOPBACK):
            return real(self, address)
        raise OSError(f"network access refused in tests: {address!r}")

    return connect


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(socket.socket, "connect", _guarded_connect(socket.socket.connect))
    yield


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("CIPBILINGUAL_WORKSPACE", raising=False)
    monkeypatch.delenv("CIPBILINGUAL_USER", raising=False)
    monkeypatch.chdir(tmp_path)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    """The suite skips nothing: a test that would skip for a missing tool fails instead, naming
    the set-up that installs it. What it needs is installed by scripts/dev-setup."""
    outcome: Any = yield
    report = outcome.get_result()
    if report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        report.outcome = "failed"
        report.longrepr = f"{reason}\n(the suite skips nothing: run scripts/dev-setup)"
