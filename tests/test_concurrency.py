"""Several processes editing one article lose nothing; a process killed mid-save leaves a
valid catalog (the old one or the new one, never half of it)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from cipbilingual.models import State
from cipbilingual.workspace import Workspace
from tests.cli.conftest import copy_sample_workspace

SECOND = "2019-12-10-zhong-yi-chang-zhou-chuang-xin-yuan"

_WRITER = """
import sys
from pathlib import Path
from cipbilingual.workspace import Workspace
from cipbilingual.workflow.articles import translate_segment
ws = Workspace.open(Path(sys.argv[1]))
worker, rounds = sys.argv[2], int(sys.argv[3])
ids = sys.argv[4].split(",")
for n in range(rounds):
    for sid in ids:
        translate_segment(ws, sys.argv[5], sid, f"{worker} round {n} of {sid}.", "li")
"""


def test_concurrent_writers_lose_no_update(tmp_path: Path) -> None:
    root = copy_sample_workspace(tmp_path / "ws")
    ws = Workspace.open(root)
    ids = [str(s.id) for s in ws.load(SECOND).segments]
    groups = [ids[0::3], ids[1::3], ids[2::3]]
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _WRITER, str(root), f"w{i}", "15", ",".join(group), SECOND]
        )
        for i, group in enumerate(groups)
    ]
    assert [p.wait(timeout=120) for p in procs] == [0, 0, 0]
    article = ws.load(SECOND)
    for i, group in enumerate(groups):
        for sid in group:
            segment = article.segment(sid)
            assert segment.target == f"w{i} round 14 of {sid}."
            assert segment.state is State.TRANSLATED


_SAVER = """
import sys
from pathlib import Path
from cipbilingual.workspace import Workspace
ws = Workspace.open(Path(sys.argv[1]))
n = 0
print("ready", flush=True)
while True:
    with ws.edit(sys.argv[2]) as article:
        for segment in article.segments:
            segment.target = f"save {n} " + "长句" * 200
    n += 1
"""


def test_killed_mid_save_leaves_a_valid_catalog(tmp_path: Path) -> None:
    root = copy_sample_workspace(tmp_path / "ws")
    ws = Workspace.open(root)
    catalog = ws.catalog_path(SECOND)
    for attempt in range(8):
        proc = subprocess.Popen(
            [sys.executable, "-c", _SAVER, str(root), SECOND], stdout=subprocess.PIPE, text=True
        )
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        time.sleep(0.05 + 0.037 * attempt)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        article = ws.load(SECOND)  # raises if the file were torn
        targets = {s.target for s in article.segments}
        assert len(targets) == 1  # one whole save, never a mix of two
        leftovers = [
            p.name
            for p in catalog.parent.iterdir()
            if p.name not in ("en.po", "source.zh.txt", "history.jsonl")
        ]
        assert leftovers == [] or all(name.startswith(".") for name in leftovers)
    # A new writer is not blocked by a lock a killed process held.
    with ws.edit(SECOND) as article:
        article.segments[0].target = "after the crash"
    assert ws.load(SECOND).segments[0].target == "after the crash"
