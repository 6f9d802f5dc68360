"""Kill writers at random moments and judge what they leave.

A trial copies a workspace, starts a worker (tests/crash/worker.py) that repeats one kind of
write, kills it with SIGKILL after a random delay, then checks: every catalog parses and holds
a whole version (old or new, never a mix), no article folder is half made, the next command
runs cleanly, and after it no temporary file is left anywhere. Workers and commands are forked
from the hostile corpus's zygote, so a trial costs tens of milliseconds, not an interpreter start.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from cipbilingual.errors import CipError
from cipbilingual.store import load_article, load_terms
from cipbilingual.store.atomic import is_temporary
from tests.hostile.harness import REPO, Zygote

FIRST = "2019-11-24-wang-quan-zai-zhong-yi-chang-zhou"
SECOND = "2019-12-10-zhong-yi-chang-zhou-chuang-xin-yuan"
OPERATIONS = ("article-saves", "glossary-saves", "imports", "tm-imports", "exports")
EXTRA_TERMS = 2000  # so that one glossary save writes a file worth interrupting


@dataclass
class CrashReport:
    """What the trials of one operation found; clean when `problems` is empty."""

    operation: str
    trials: int = 0
    kills: int = 0  # trials where the worker was killed mid-work (not dead before)
    catalogs: int = 0  # catalogs checked after kills
    corrupt: int = 0  # that did not parse, or held a mix of two versions
    half_made: int = 0  # article folders without a catalog
    temporary_after_kill: int = 0  # temporary files the kills left (the next command's job)
    leftovers: int = 0  # temporary files still there after the next command
    problems: list[str] = field(default_factory=list)

    def add(self, other: CrashReport) -> None:
        for name in (
            "trials",
            "kills",
            "catalogs",
            "corrupt",
            "half_made",
            "temporary_after_kill",
            "leftovers",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.problems += other.problems


# -- the template -----------------------------------------------------------------------------


def build_template(dest: Path) -> Path:
    """The workspace every trial starts from, and the data the workers read."""
    from cipbilingual.models import Term
    from cipbilingual.store import save_terms
    from cipbilingual.workflow.glossary import load_glossary
    from cipbilingual.workspace import Workspace
    from tests.hostile.harness import build_template as hostile_template

    hostile_template(dest)
    ws = Workspace.open(dest / "ws")
    terms = load_glossary(ws).terms + [
        Term(f"模板术语{n:05d}", f"template term {n}") for n in range(EXTRA_TERMS)
    ]
    save_terms(terms, ws.glossary_path)
    data = dest / "data"
    for name in ("a", "b"):
        (data / name).mkdir(parents=True)
    corpus = (
        REPO / "tests" / "data" / "corpus" / "cip-2019-12-10-work-plan-meeting.zh.txt"
    ).read_text(encoding="utf-8")
    title, _, body = corpus.partition("\n")
    # About 150 KB: an import writes a source and a catalog worth interrupting.
    (data / "article.txt").write_text(
        title + "\n" + "\n\n".join(f"第{n}段。{body.strip()}" for n in range(60)) + "\n",
        encoding="utf-8",
    )
    for name, version in (("a", "A"), ("b", "B")):
        units = "".join(
            f'<tu><tuv xml:lang="zh"><seg>版本{version}第{n}句中以常州创新园召开会议。</seg></tuv>'
            f'<tuv xml:lang="en"><seg>Version {version}, sentence {n}: CIP held a meeting.'
            "</seg></tuv></tu>\n"
            for n in range(3000)
        )
        (data / name / "agency.tmx").write_text(
            '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="zh" '
            'creationtool="t" creationtoolversion="1" datatype="plaintext" segtype="sentence" '
            f'adminlang="en" o-tmf="t"/>\n<body>\n{units}</body></tmx>\n',
            encoding="utf-8",
        )
    from cipbilingual.workflow.articles import export_article

    (data / "export.html").write_text(export_article(ws, FIRST, "html", bilingual=True), "utf-8")
    (data / "export.md").write_text(export_article(ws, FIRST, "md", bilingual=True), "utf-8")
    return dest


# -- one trial ----------------------------------------------------------------------------------

# operation -> (worker function, its arguments, the next command, longest delay before the kill)
Plan = tuple[str, Callable[[Path, Path], list[str]], Callable[[Path, Path], list[str]], float]
PLANS: dict[str, Plan] = {
    "article-saves": ("article_saves", lambda ws, d: [str(ws)], lambda ws, d: ["status"], 0.6),
    # Not in OPERATIONS: the benchmark's anchor, the same saves written in place.
    "in-place-article-saves": (
        "in_place_article_saves",
        lambda ws, d: [str(ws)],
        lambda ws, d: ["status"],
        0.6,
    ),
    "glossary-saves": (
        "glossary_saves",
        lambda ws, d: [str(ws)],
        lambda ws, d: ["glossary", "list", "--json"],
        0.6,
    ),
    "imports": (
        "imports",
        lambda ws, d: [str(ws), str(d / "article.txt")],
        lambda ws, d: ["status"],
        0.8,
    ),
    "tm-imports": (
        "tm_imports",
        lambda ws, d: [str(ws), str(d / "a" / "agency.tmx"), str(d / "b" / "agency.tmx")],
        lambda ws, d: ["tm", "stats"],
        1.5,
    ),
    "exports": (
        "exports",
        lambda ws, d: [str(ws), str(ws.parent / "out" / "article.html")],
        lambda ws, d: [
            "export",
            FIRST,
            "--format",
            "html",
            "--bilingual",
            "-o",
            str(ws.parent / "out" / "article.html"),
        ],
        0.6,
    ),
}


def _environment(root: Path) -> dict[str, str]:
    home = root / "home"
    for sub in ("data", "config", "cache"):
        (home / sub).mkdir(parents=True, exist_ok=True)
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "LANG": "C.UTF-8",
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "CIPBILINGUAL_USER": "wang",
        "PYTHONPATH": str(REPO),
    }


def _wait_ready(path: Path, timeout: float = 60.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.exists() and "ready" in path.read_text(encoding="utf-8", errors="replace"):
            return True
        time.sleep(0.005)
    return False


def trial(z: Zygote, operation: str, template: Path, root: Path, rng: random.Random) -> CrashReport:
    """One kill and its checks (see the module docstring)."""
    report = CrashReport(operation, trials=1)
    function, args, next_command, window = PLANS[operation]
    shutil.copytree(template / "ws", root / "ws", symlinks=True)
    (root / "out").mkdir()
    (root / "run").mkdir()
    ws, data = root / "ws", template / "data"
    env = _environment(root)
    out, err = root / "run" / "worker.out", root / "run" / "worker.err"
    pid = z.spawn(
        {
            "call": f"tests.crash.worker:{function}",
            "args": args(ws, data),
            "cwd": str(ws),
            "env": env,
            "out": str(out),
            "err": str(err),
            "timeout": 300,
        }
    )
    if not _wait_ready(out):
        os.kill(pid, signal.SIGKILL)
        z.reap(pid)
        report.problems.append(f"{operation}: the worker never got ready: {_tail(err)}")
        return report
    time.sleep(rng.uniform(0.0, window))
    os.kill(pid, signal.SIGKILL)
    answer = z.reap(pid)
    if answer.get("signal") == signal.SIGKILL:
        report.kills += 1
    else:
        report.problems.append(f"{operation}: the worker ended before the kill: {_tail(err)}")
    report.temporary_after_kill = len(_temporary(root))
    _check_articles(ws, report, before_next_command=True)
    if operation == "exports":
        _check_export_killed(root / "out" / "article.html", data, report)
    done = z.run(
        {
            "argv": next_command(ws, data),
            "cwd": str(ws),
            "env": env,
            "out": str(root / "run" / "next.out"),
            "err": str(root / "run" / "next.err"),
            "timeout": 120,
        }
    )
    if done.get("code") != 0:
        why = _tail(root / "run" / "next.err")
        report.problems.append(f"{operation}: the next command exited {done.get('code')}: {why}")
    left = _temporary(root)
    report.leftovers = len(left)
    if left:
        report.problems.append(f"{operation}: left after the next command: {left[:3]}")
    _check_articles(ws, report, before_next_command=False)
    _check_glossary(ws, report)
    if operation == "tm-imports":
        _check_tmx(ws, data, report)
    if operation == "exports":
        _check_export(root / "out" / "article.html", data, report)
    return report


def _tail(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace").strip()[-300:]
    except OSError:
        return ""


def _temporary(root: Path) -> list[str]:
    found = []
    for folder, subdirs, files in os.walk(root):
        here = Path(folder)
        subdirs[:] = [d for d in subdirs if d not in (".cipbilingual", "run", "home")]
        found += [str(here / n) for n in [*subdirs, *files] if is_temporary(n)]
    return found


def _check_articles(ws: Path, report: CrashReport, *, before_next_command: bool) -> None:
    """Every visible article folder is whole and its catalog parses; a saved article holds one
    save's English throughout."""
    for folder in sorted((ws / "articles").iterdir()):
        if folder.name.startswith("."):
            continue  # a temporary folder: the next command's to sweep
        catalog = folder / "en.po"
        if not catalog.is_file() or not any(folder.glob("source.zh.*")):
            report.half_made += 1
            report.problems.append(f"half-made folder {folder.name}: {sorted(os.listdir(folder))}")
            continue
        if before_next_command:
            continue
        report.catalogs += 1
        try:
            article = load_article(catalog)
        except CipError as exc:
            report.corrupt += 1
            report.problems.append(f"{folder.name}/en.po does not load: {exc.message}")
            continue
        if folder.name == SECOND:
            rounds = {s.target.split(" ")[1] for s in article.segments if s.target}
            if len(rounds) > 1:
                report.corrupt += 1
                report.problems.append(f"{SECOND} mixes saves {sorted(rounds)}")


def _check_glossary(ws: Path, report: CrashReport) -> None:
    """The glossary parses and holds the worker's terms 0..k without a gap."""
    report.catalogs += 1
    try:
        terms = load_terms(ws / "locales" / "en" / "LC_MESSAGES" / "glossary.po")
    except CipError as exc:
        report.corrupt += 1
        report.problems.append(f"glossary.po does not load: {exc.message}")
        return
    added = sorted(int(t.source[2:]) for t in terms if t.source.startswith("词语"))
    if added != list(range(len(added))):
        report.corrupt += 1
        report.problems.append(f"glossary.po holds the worker's terms {added[:5]}…, with a gap")
    if sum(t.source.startswith("模板术语") for t in terms) != EXTRA_TERMS:
        report.corrupt += 1
        report.problems.append("glossary.po lost terms it had before")


def _check_tmx(ws: Path, data: Path, report: CrashReport) -> None:
    """tm/agency.tmx is absent or one of the two versions, byte for byte."""
    path = ws / "tm" / "agency.tmx"
    if path.exists() and path.read_bytes() not in (
        (data / "a" / "agency.tmx").read_bytes(),
        (data / "b" / "agency.tmx").read_bytes(),
    ):
        report.corrupt += 1
        report.problems.append("tm/agency.tmx is neither version")


def _check_export_killed(path: Path, data: Path, report: CrashReport) -> None:
    """After the kill the export is absent, or the HTML or the Markdown, whole."""
    if path.exists() and path.read_bytes() not in (
        (data / "export.html").read_bytes(),
        (data / "export.md").read_bytes(),
    ):
        report.corrupt += 1
        report.problems.append("the killed export left a file that is neither version")


def _check_export(path: Path, data: Path, report: CrashReport) -> None:
    """The export is the HTML or the Markdown, whole (the next command wrote the HTML)."""
    if path.read_bytes() != (data / "export.html").read_bytes():
        report.corrupt += 1
        report.problems.append("the export is not the whole HTML after the next command")


def run_trials(
    z: Zygote, operation: str, trials: int, template: Path, work: Path, seed: int = 13
) -> CrashReport:
    """`trials` kills of one operation, each in a fresh copy of the template."""
    total = CrashReport(operation)
    rng = random.Random(f"{seed}-{operation}")
    for n in range(trials):
        root = work / f"{operation}-{n}"
        root.mkdir(parents=True)
        total.add(trial(z, operation, template, root, rng))
        shutil.rmtree(root, ignore_errors=True)
    return total
