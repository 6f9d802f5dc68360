"""The real `cipbilingual` entry point in a real terminal (tmux): start, read the screen, edit,
confirm, quit, and find the English in the catalog."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from cipbilingual.models import State
from cipbilingual.workspace import Workspace

from ..cli.conftest import copy_sample_workspace

pytestmark = pytest.mark.slow

ENTRY_POINT = Path(sys.executable).parent / "cipbilingual"


class Terminal:
    """One tmux server of our own (its own socket), so it runs with this test's environment."""

    def __init__(self, socket: str) -> None:
        self.socket = socket

    def tmux(self, *args: str) -> str:
        done = subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, timeout=20
        )
        return done.stdout

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "ui")

    def keys(self, *keys: str, literal: bool = False) -> None:
        self.tmux("send-keys", "-t", "ui", *(["-l"] if literal else []), *keys)

    def wait(self, condition: Callable[[str], bool], what: str, timeout: float = 20) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            text = self.screen()
            if condition(text):
                return text
            time.sleep(0.2)
        raise AssertionError(f"timed out waiting for {what}; the screen was:\n{self.screen()}")

    def alive(self) -> bool:
        return "ui" in self.tmux("list-sessions", "-F", "#{session_name}")


@pytest.fixture
def terminal() -> Iterator[Terminal]:
    if shutil.which("tmux") is None:
        pytest.fail("tmux is missing: run scripts/dev-setup")
    term = Terminal(f"cipbilingual-test-{os.getpid()}")
    try:
        yield term
    finally:
        term.tmux("kill-server")


@pytest.mark.parametrize(("size", "lang"), [((80, 24), "en"), ((120, 40), "zh_CN")])
def test_entry_point_in_tmux(
    tmp_path: Path, terminal: Terminal, size: tuple[int, int], lang: str
) -> None:
    root = copy_sample_workspace(tmp_path / "sample")
    ws = Workspace.open(root)
    second = ws.slugs()[1]
    title = ws.load(second).meta.title
    width, height = size
    command = f"cd {root} && {ENTRY_POINT} --user li --lang {lang}; sleep 0.5"
    terminal.tmux("new-session", "-d", "-s", "ui", "-x", str(width), "-y", str(height), command)
    terminal.wait(lambda s: title[:6] in s, "the articles screen")
    terminal.keys("Down", "Enter")
    heading = "Chinese" if lang == "en" else "中文"
    screen = terminal.wait(lambda s: heading in s and "t.s1" in s, "the editor")
    lines = screen.splitlines()
    assert len(lines) <= height and all(len(line) <= width * 2 for line in lines)
    terminal.keys("Written in tmux", literal=True)
    terminal.wait(lambda s: "Written in tmux" in s, "the typed English")
    terminal.keys("Enter")
    terminal.wait(lambda s: "1/" in s or "已译 1" in s, "the confirmed count")
    terminal.keys("C-q")
    deadline = time.monotonic() + 15
    while terminal.alive() and time.monotonic() < deadline:
        time.sleep(0.2)
    segment = ws.load(second).segment("t.s1")
    assert (segment.target, segment.state, segment.translator) == (
        "Written in tmux",
        State.TRANSLATED,
        "li",
    )
