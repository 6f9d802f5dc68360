"""`cipbilingual status --json` on the sample workspace, whole process, beside `python -c pass`;
and what the publish gate and signed approvals cost in-process, beside a plain load.

Target: at most 0.25 s above the bare interpreter start (the gate's verdict is cached).
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
        *_gate_figures(quick),
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


def _gate_figures(quick: bool) -> list[Figure]:
    """The publish gate on the sample article (re-segment the kept source, every QA check), and
    the load of an article whose 16 approvals are SSH-signed (one ssh-keygen -Y verify each),
    each beside a plain load of the same catalog."""
    import os
    import shutil
    import subprocess
    import tempfile

    from cipbilingual import signing
    from cipbilingual.workflow.articles import approve_segments
    from cipbilingual.workflow.gate import assess
    from cipbilingual.workspace import Workspace

    repeat = 5 if quick else 15
    slug = "2019-11-24-wang-quan-zai-zhong-yi-chang-zhou"
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "ws"
        root.mkdir()
        shutil.copy2(REPO / "cipbilingual.toml", root / "cipbilingual.toml")
        for sub in ("articles", "locales"):
            shutil.copytree(REPO / sub, root / sub)
        ws = Workspace.open(root)
        article = ws.load(slug)
        assess(ws, article)  # imports and the glossary index, once
        load = median_time(lambda: ws.load(slug), repeat)
        gate = median_time(lambda: assess(ws, article), repeat)
        figures = [
            Figure(
                "status.gate",
                gate * 1000,
                "ms",
                "load",
                load * 1000,
                "ms",
                load / gate,
                note="16-segment sample article, cold cache; status remembers it",
            )
        ]
        key = Path(folder) / "wang"
        subprocess.run(
            ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(key)],
            check=True,
            stdin=subprocess.DEVNULL,
        )
        kind, blob = Path(f"{key}.pub").read_text().split()[:2]
        (root / "allowed_signers").write_text(f"wang {kind} {blob}\n")
        toml = root / "cipbilingual.toml"
        toml.write_text(toml.read_text() + '\n[approvals]\nsign = "ssh"\n')
        signed = Workspace.open(root)
        os.environ[signing.SIGNING_KEY_ENV] = str(key)
        os.environ["XDG_CACHE_HOME"] = str(Path(folder) / "cache")  # remembered checks
        article = signed.load(slug)  # every approval void: not signed yet
        ids = [str(s.id) for s in article.segments]
        for seg in article.segments:
            seg.state = seg.state.TRANSLATED
        signed.save(article)
        approve_segments(signed, slug, ids, "wang")

        def cold_load() -> None:
            signing._VERIFIED.clear()
            signed.load(slug)

        verify = median_time(cold_load, max(3, repeat // 2))
        warm = median_time(lambda: signed.load(slug), repeat)
    figures += [
        Figure(
            "status.signed_load",
            verify * 1000,
            "ms",
            "unsigned load",
            load * 1000,
            "ms",
            load / verify,
            note="16 approvals, each checked by ssh-keygen -Y verify, 4 at a time",
        ),
        Figure(
            "status.signed_load_again",
            warm * 1000,
            "ms",
            "unsigned load",
            load * 1000,
            "ms",
            load / warm,
            note="verified signatures remembered (per process and in the user's cache folder)",
        ),
    ]
    return figures
