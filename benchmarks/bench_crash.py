"""Crashes and hostile input: SIGKILL at random moments during article saves, glossary saves,
imports, TM imports and exports (tests/crash/harness.py), the hostile corpus through the CLI
(tests/hostile/), and the peak memory of every hostile import.

Anchors: the same kills against the same saves written in place (truncate, then write and sync
as a streaming writer does); the temporary files the kills left before the next command swept
them; the size of the corpus; a real article's import. For counts of failures the ratio is
ours ÷ anchor (0.00× is none at all); for memory it is anchor ÷ ours.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from common import Figure

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.crash.harness import OPERATIONS, CrashReport, run_trials  # noqa: E402
from tests.crash.harness import build_template as crash_template  # noqa: E402
from tests.hostile.cases import CASES  # noqa: E402
from tests.hostile.harness import (  # noqa: E402
    Case,
    Dirs,
    build_template,
    environment,
    prepare,
    run_case,
    zygote,
)

MB = 1024 * 1024
CORPUS = REPO / "tests" / "data" / "corpus"
# The imports --quick measures: the generated giants and the alias bombs.
QUICK_IMPORTS = {
    "import-yaml-billion-laughs-deeper",
    "import-many-paragraphs",
    "import-markdown-list-flood",
    "import-html-tag-flood",
    "import-html-deep",
}


def _article_at_the_limit(dirs: Dirs) -> None:
    """An ordinary article just under the 2 MB limit: the largest import that is accepted."""
    paragraphs = [
        p.strip()
        for p in (CORPUS / "cip-2019-11-24-wang-quan-visit.zh.txt")
        .read_text("utf-8")
        .split("\n\n")[1:]
        if p.strip()
    ]
    parts, size, n = ["大文件导入测试\n发布时间：2019-11-24 16:36:14\n"], 0, 0
    while size < 2 * MB - 64 * 1024:
        chunk = f"第{n}段。{paragraphs[n % len(paragraphs)]}"
        parts.append(chunk)
        size += len(chunk.encode("utf-8")) + 2
        n += 1
    (dirs.inputs / "limit.txt").write_text("\n\n".join(parts) + "\n", encoding="utf-8")


ACCEPTED = [
    Case("import-real-article", ("import", str(CORPUS / "cip-2019-11-24-wang-quan-visit.zh.txt")),
         "", code=0),
    Case("import-article-at-the-limit", ("import", "{in}/limit.txt"), "", code=0,
         make=_article_at_the_limit),
]  # fmt: skip


# The child reports its own high-water mark: VmHWM is the resident peak of the memory it has
# since exec. (ru_maxrss from wait4 is not: Linux carries a forked child's maximum over exec, so
# every figure would read as this benchmark's own, grown, size.)
_PEAK = """
import atexit, sys
out = sys.argv.pop(1)

def _report():
    with open("/proc/self/status") as status:
        line = next(row for row in status if row.startswith("VmHWM:"))
    with open(out, "w") as handle:
        handle.write(line.split()[1])

atexit.register(_report)
sys.argv[0] = "cipbilingual"
from cipbilingual.cli import main
main()
"""


def _peak_mb(case: Case, template: Path, root: Path) -> float:
    """Peak resident memory of the command `cipbilingual ARGV` in a fresh interpreter."""
    dirs = prepare(case, template, root)
    argv = [dirs.expand(a) for a in case.argv]
    report = root / "peak.kb"
    with open(os.devnull, "wb") as null:
        subprocess.run(
            [sys.executable, "-c", _PEAK, str(report), *argv],
            cwd=dirs.ws,
            env=environment(dirs, case),
            stdin=subprocess.DEVNULL,
            stdout=null,
            stderr=null,
            check=False,
        )
    try:
        return int(report.read_text(encoding="ascii")) / 1024
    except (OSError, ValueError):
        return float("inf")  # died before exit (a crash, the memory cap): the worst there is


def run(quick: bool) -> list[Figure]:
    trials = 2 if quick else 200
    with tempfile.TemporaryDirectory(prefix="cip-bench-crash-") as tmp, zygote() as z:
        work = Path(tmp)
        crash_tpl = crash_template(work / "crash-template")
        ours = CrashReport("all")
        for operation in OPERATIONS:
            ours.add(run_trials(z, operation, trials, crash_tpl, work / "trials"))
        in_place = run_trials(z, "in-place-article-saves", trials, crash_tpl, work / "anchor")

        hostile_tpl = build_template(work / "hostile-template")
        clean = 0
        cases = CASES[::4] if quick else CASES  # --quick: every fourth input of the corpus
        for n, case in enumerate(cases):
            root = work / "hostile" / str(n)
            outcome = run_case(z, case, hostile_tpl, root)
            clean += not outcome.problems()
            shutil.rmtree(root, ignore_errors=True)

        imports = [c for c in CASES if c.argv[:1] == ("import",)]
        if quick:
            imports = [c for c in imports if c.id in QUICK_IMPORTS]
        peaks: dict[str, float] = {}
        for n, case in enumerate([*imports, ACCEPTED[1]]):
            peaks[case.id] = _peak_mb(case, hostile_tpl, work / "memory" / str(n))
        real = _peak_mb(ACCEPTED[0], hostile_tpl, work / "memory" / "real")

    checked = ours.catalogs
    worst = max(peaks, key=lambda k: peaks[k])
    kills = f"{ours.kills} kills, {trials} per operation ({', '.join(OPERATIONS)})"
    return [
        Figure(
            name="crash.corrupt",
            value=ours.corrupt,
            unit=f"corrupt catalogs of {checked}",
            anchor="written in place, same kills",
            anchor_value=in_place.corrupt,
            anchor_unit=f"corrupt of {in_place.catalogs}",
            ratio=ours.corrupt / max(1, in_place.corrupt),
            note=f"{kills}; half-made folders {ours.half_made}; ours ÷ anchor",
        ),
        Figure(
            name="crash.leftovers",
            value=ours.leftovers,
            unit="temporary files after the next command",
            anchor="left by the kills",
            anchor_value=ours.temporary_after_kill,
            anchor_unit="temporary files",
            ratio=ours.leftovers / max(1, ours.temporary_after_kill),
            note=f"{kills}; ours ÷ anchor",
        ),
        Figure(
            name="crash.hostile",
            value=clean,
            unit="hostile inputs handled cleanly",
            anchor="inputs in the corpus",
            anchor_value=len(cases),
            anchor_unit="inputs",
            ratio=clean / len(cases),
            note="documented exit code, one stderr line, no traceback, no file changed",
        ),
        Figure(
            name="crash.hostile_memory",
            value=peaks[worst],
            unit="MB peak",
            anchor="importing a real article",
            anchor_value=real,
            anchor_unit="MB peak",
            ratio=real / peaks[worst],
            target="≤ 200 MB",
            note=f"worst of {len(peaks)} imports: {worst}; whole process, fresh interpreter",
        ),
    ]
