"""Run hostile inputs through the CLI and judge the outcome.

Each case gets its own copy of a workspace (the sample articles, the house glossary, a TMX file
in tm/), a folder outside it, its input files and a home folder. The case runs in a fresh
process (forked from a zygote that has imported cipbilingual once) with a memory cap and a
deadline. It is handled cleanly when it exits with the documented code, prints exactly one line
on stderr (a refusal, exit 1, may list its problems after it on indented lines), no traceback,
and every file in the workspace, outside it, among the inputs and in the home folder is
byte-for-byte as before. The workspace's cache folder (`.cipbilingual/`: locks
and the TM index, rebuilt at will) is the only thing a refused command may touch.
"""

from __future__ import annotations

import hashlib
import json
import os
import resource
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
INPUTS = Path(__file__).resolve().parent / "inputs"
FIRST = "2019-11-24-wang-quan-zai-zhong-yi-chang-zhou"  # approved
SECOND = "2019-12-10-zhong-yi-chang-zhou-chuang-xin-yuan"  # new
CACHE = ".cipbilingual"
DEFAULT_TIMEOUT = 60.0
MEMORY_HEADROOM = 1536 * 1024 * 1024  # a child may grow this much before MemoryError


@dataclass(frozen=True)
class Dirs:
    """The folders of one case."""

    root: Path
    ws: Path
    outside: Path
    inputs: Path
    home: Path
    run: Path

    def expand(self, arg: str) -> str:
        return (
            arg.replace("{ws}", str(self.ws))
            .replace("{out}", str(self.outside))
            .replace("{in}", str(self.inputs))
        )


@dataclass(frozen=True)
class Case:
    """One hostile input: the command, what it needs, and what must come of it.

    `argv` may use {in}/NAME (an input file), {out} (the folder outside the workspace) and {ws}.
    `files` are copied from tests/hostile/inputs/ into {in}; `make` builds anything else (large
    generated files, symbolic links, a hand-edited catalog) before the checksums are taken.
    `expect` is a fragment the one stderr line must hold (case-insensitive)."""

    id: str
    argv: tuple[str, ...]
    expect: str
    code: int = 2
    files: tuple[str, ...] = ()
    make: Callable[[Dirs], None] | None = None
    stdin: str = ""  # a file in {in} to read as standard input
    user: str = "wang"
    env: tuple[tuple[str, str], ...] = ()
    forbidden: tuple[str, ...] = ()  # text that must appear nowhere in stdout or stderr


@dataclass
class Outcome:
    case: Case
    code: int | None
    signal: int | None
    timed_out: bool
    seconds: float
    out: str
    err: str
    changed: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        """Why the case was not handled cleanly; empty when it was."""
        found: list[str] = []
        if self.timed_out:
            found.append(f"hung (killed after {self.seconds:.0f} s)")
        elif self.signal is not None:
            found.append(f"killed by signal {self.signal}")
        elif self.code != self.case.code:
            found.append(f"exit code {self.code}, expected {self.case.code}")
        if "Traceback (most recent call last)" in self.err:
            found.append("printed a traceback")
        lines = self.err.splitlines()
        # A refusal (exit 1) may list its problems after its line, one per indented line.
        extra = lines[1:] if self.case.code == 1 else []
        if len(lines) != 1 and not (lines and extra and all(x.startswith("  ") for x in extra)):
            found.append(f"{len(lines)} lines on stderr, expected 1: {self.err[:300]!r}")
        elif self.case.expect.lower() not in lines[0].lower():
            found.append(f"stderr {lines[0]!r} lacks {self.case.expect!r}")
        if lines and any(ch in self.err for ch in _RAW_CONTROLS):
            found.append(f"raw control characters on stderr: {self.err[:200]!r}")
        for secret in self.case.forbidden:
            if secret in self.out or secret in self.err:
                found.append(f"printed {secret!r}")
        if self.changed:
            found.append("files changed: " + ", ".join(self.changed[:8]))
        return found


_RAW_CONTROLS = [chr(c) for c in range(0x20) if chr(c) != "\n"] + [
    chr(c) for c in range(0x7F, 0xA0)
]


# -- the zygote ----------------------------------------------------------------------------------


class Zygote:
    """A long-lived process that forks one child per command (see zygote.py)."""

    def __init__(self) -> None:
        env = {**os.environ, "PYTHONPATH": str(REPO)}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tests.hostile.zygote"],
            cwd=REPO,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.proc.stdout is not None
        ready = self.proc.stdout.readline()
        if not ready.strip():
            raise RuntimeError("the zygote did not start")
        self.base_memory = _vm_size(self.proc.pid)

    def spawn(self, request: dict[str, object]) -> int:
        """Start a child and return its process id at once (see `reap`)."""
        answer = self.run({**request, "spawn": True})
        pid = answer["pid"]
        assert isinstance(pid, int)
        return pid

    def reap(self, pid: int, timeout: float = DEFAULT_TIMEOUT) -> dict[str, object]:
        """Wait for a spawned child (killing it after `timeout`); answers as `run` does."""
        return self.run({"reap": pid, "timeout": timeout})

    def run(self, request: dict[str, object]) -> dict[str, object]:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(json.dumps(request) + "\n")
        self.proc.stdin.flush()
        answer: dict[str, object] = json.loads(self.proc.stdout.readline())
        return answer

    def close(self) -> None:
        if self.proc.stdin is not None:
            self.proc.stdin.close()
        self.proc.wait(timeout=30)


def _vm_size(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmSize:"):
            return int(line.split()[1]) * 1024
    return resource.getrlimit(resource.RLIMIT_AS)[0]


@contextmanager
def zygote() -> Iterator[Zygote]:
    z = Zygote()
    try:
        yield z
    finally:
        z.close()


# -- workspaces ----------------------------------------------------------------------------------


def build_template(dest: Path) -> Path:
    """A workspace and an outside folder every case starts from: the sample articles (the first
    approved, the second new), the house glossary, and tm/office.tmx."""
    ws = dest / "ws"
    ws.mkdir(parents=True)
    shutil.copy2(REPO / "cipbilingual.toml", ws / "cipbilingual.toml")
    shutil.copytree(REPO / "articles", ws / "articles")
    shutil.copytree(REPO / "locales", ws / "locales")
    (ws / ".gitignore").write_text(".cipbilingual/\n.*.tmp\n", encoding="utf-8")
    (ws / "tm").mkdir()
    (ws / "tm" / "office.tmx").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="x" '
        'creationtoolversion="1" datatype="plaintext" segtype="sentence" adminlang="en" '
        'srclang="zh" o-tmf="x"/>\n<body>\n<tu><tuv xml:lang="zh"><seg>园区举行活动。</seg>'
        '</tuv><tuv xml:lang="en"><seg>The park held an event.</seg></tuv></tu>\n</body></tmx>\n',
        encoding="utf-8",
    )
    outside = dest / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("not the workspace's business\n", encoding="utf-8")
    # An article folder outside the workspace, for symbolic links that lead out.
    shutil.copytree(REPO / "articles" / SECOND, outside / "evil")
    return dest


def prepare(case: Case, template: Path, root: Path) -> Dirs:
    """Copy the template for one case, add its inputs, run its `make`."""
    root.mkdir(parents=True)
    shutil.copytree(template / "ws", root / "ws", symlinks=True)
    shutil.copytree(template / "outside", root / "outside", symlinks=True)
    dirs = Dirs(root, root / "ws", root / "outside", root / "in", root / "home", root / "_run")
    for folder in (dirs.inputs, dirs.home, dirs.run):
        folder.mkdir()
    for sub in ("data", "config", "cache", "argos"):
        (dirs.home / sub).mkdir()
    for name in case.files:
        shutil.copy2(INPUTS / name, dirs.inputs / name)
    if case.make is not None:
        case.make(dirs)
    return dirs


def snapshot(dirs: Dirs) -> dict[str, tuple[str, ...]]:
    """Every file, folder and link under the case's folders but the workspace cache and the
    run folder: path -> (kind, content hash or link target, mode)."""
    out: dict[str, tuple[str, ...]] = {}
    for top in (dirs.ws, dirs.outside, dirs.inputs, dirs.home):
        for folder, subdirs, files in os.walk(top, followlinks=False):
            here = Path(folder)
            if here == dirs.ws:
                subdirs[:] = [d for d in subdirs if d != CACHE]
            for name in [*subdirs, *files]:
                path = here / name
                rel = str(path.relative_to(dirs.root))
                info = path.lstat()
                if path.is_symlink():
                    out[rel] = ("link", os.readlink(path))
                elif path.is_dir():
                    out[rel] = ("dir", oct(info.st_mode))
                elif path.is_file():
                    out[rel] = ("file", _digest(path, info.st_size), oct(info.st_mode))
                else:
                    out[rel] = ("other", oct(info.st_mode))
    return out


def _digest(path: Path, size: int) -> str:
    if size > 256 * 1024 * 1024:
        return f"size {size}"  # the generated giants are sparse; their size says enough
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def differences(before: dict[str, tuple[str, ...]], after: dict[str, tuple[str, ...]]) -> list[str]:
    changed = [f"+{p}" for p in sorted(set(after) - set(before))]
    changed += [f"-{p}" for p in sorted(set(before) - set(after))]
    changed += [f"~{p}" for p in sorted(set(before) & set(after)) if before[p] != after[p]]
    return changed


def environment(dirs: Dirs, case: Case) -> dict[str, str]:
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "HOME": str(dirs.home),
        "XDG_DATA_HOME": str(dirs.home / "data"),
        "XDG_CONFIG_HOME": str(dirs.home / "config"),
        "XDG_CACHE_HOME": str(dirs.home / "cache"),
        "ARGOS_PACKAGES_DIR": str(dirs.home / "argos"),
        "CIPBILINGUAL_CONFIG_DIR": str(dirs.home / "config"),
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CONFIG_GLOBAL": str(dirs.home / "gitconfig"),
        "PYTHONPATH": str(REPO),
    }
    if case.user:
        env["CIPBILINGUAL_USER"] = case.user
    env.update(dict(case.env))
    return env


def run_case(z: Zygote, case: Case, template: Path, root: Path) -> Outcome:
    """Prepare, snapshot, run, snapshot again; the outcome says what happened."""
    dirs = prepare(case, template, root)
    before = snapshot(dirs)
    out, err = dirs.run / "stdout", dirs.run / "stderr"
    answer = z.run(
        {
            "argv": [dirs.expand(a) for a in case.argv],
            "cwd": str(dirs.ws),
            "env": environment(dirs, case),
            "stdin": str(dirs.inputs / case.stdin) if case.stdin else None,
            "out": str(out),
            "err": str(err),
            "timeout": DEFAULT_TIMEOUT,
            "memory": z.base_memory + MEMORY_HEADROOM,
        }
    )
    after = snapshot(dirs)
    code = answer["code"]
    sig = answer["signal"]
    return Outcome(
        case,
        code if isinstance(code, int) else None,
        sig if isinstance(sig, int) else None,
        bool(answer["timed_out"]),
        float(answer["seconds"]),  # type: ignore[arg-type]
        out.read_text(encoding="utf-8", errors="replace"),
        err.read_text(encoding="utf-8", errors="replace"),
        differences(before, after),
    )
