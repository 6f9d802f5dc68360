"""A process that imports cipbilingual once and forks one child per CLI run.

Each child is a fresh process with its own working folder, environment, standard streams,
memory cap and deadline, and runs `cipbilingual.cli.main(argv)` exactly as the console script
does (an uncaught exception prints its traceback and exits 1, as the interpreter would). The
parent is single-threaded, so forking it is safe. Protocol: one JSON request per line on stdin,
one JSON answer per line on stdout.

Request: {"argv", "cwd", "env", "stdin" (a path or null), "out", "err", "timeout", "memory"}.
Answer: {"code", "signal", "timed_out", "seconds"}.

With "call": "module:function" the child calls function(*"args") instead of the CLI; with
"spawn": true the answer is {"pid"} at once (the caller may kill that process) and a later
{"reap": pid} request waits for it and answers as above.
"""

from __future__ import annotations

import contextlib
import importlib
import json
import os
import resource
import signal
import sys
import time
import traceback
from typing import Any

# Everything a command may import, except argos (it reads its folders from the environment at
# import time, which differs per run) and textual (the UI refuses to start without a terminal).
PRELOAD = (
    "cipbilingual.cli",
    "cipbilingual.cli.articles",
    "cipbilingual.cli.draft",
    "cipbilingual.cli.glossary",
    "cipbilingual.cli.qa",
    "cipbilingual.cli.tm",
    "cipbilingual.cli.mt",
    "cipbilingual.workflow.articles",
    "cipbilingual.workflow.glossary",
    "cipbilingual.workflow.tm",
    "cipbilingual.workflow.qa",
    "cipbilingual.importers",
    "cipbilingual.importers.html",
    "cipbilingual.importers.markdown",
    "cipbilingual.importers.plaintext",
    "cipbilingual.interchange.termbase",
    "cipbilingual.store",
    "cipbilingual.export",
    "cipbilingual.tm.memory",
)


def _preload() -> None:
    for name in PRELOAD:
        with contextlib.suppress(ImportError):
            importlib.import_module(name)


def _child(request: dict[str, Any]) -> None:
    """Runs in the forked child; never returns."""
    code = 1
    try:
        limit = int(request.get("memory") or 0)
        if limit:
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        stdin = request.get("stdin") or os.devnull
        for fd, path, flags in (
            (0, stdin, os.O_RDONLY),
            (1, request["out"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC),
            (2, request["err"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC),
        ):
            opened = os.open(path, flags, 0o644)
            os.dup2(opened, fd)
            os.close(opened)
        sys.stdin = open(0, encoding="utf-8", errors="surrogateescape", closefd=False)  # noqa: SIM115
        sys.stdout = open(1, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
        sys.stderr = open(2, "w", encoding="utf-8", errors="backslashreplace", closefd=False)  # noqa: SIM115
        signal.signal(signal.SIGINT, signal.default_int_handler)
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
        # click removes ANSI colour codes from output that is not a terminal; a terminal would
        # get them, so the children write what a terminal would receive.
        import click.utils

        click.utils.should_strip_ansi = lambda stream=None, color=None: False  # type: ignore[assignment]
        from cipbilingual.cli import main

        try:
            if request.get("call"):
                module, _, name = str(request["call"]).partition(":")
                getattr(importlib.import_module(module), name)(*request.get("args", []))
            else:
                main(list(request["argv"]))
            code = 0
        except SystemExit as exc:
            if exc.code is None:
                code = 0
            elif isinstance(exc.code, int):
                code = exc.code
            else:
                print(exc.code, file=sys.stderr)
                code = 1
        except BaseException:
            traceback.print_exc()
            code = 1
    except BaseException:
        with contextlib.suppress(BaseException):
            traceback.print_exc()
        code = 1
    finally:
        with contextlib.suppress(BaseException):
            sys.stdout.flush()
        with contextlib.suppress(BaseException):
            sys.stderr.flush()
        os._exit(code)


def _run(request: dict[str, Any]) -> dict[str, Any]:
    if "reap" in request:
        return _wait(int(request["reap"]), time.monotonic(), request)
    started = time.monotonic()
    pid = os.fork()
    if pid == 0:
        _child(request)
    if request.get("spawn"):
        return {"pid": pid}
    return _wait(pid, started, request)


def _wait(pid: int, started: float, request: dict[str, Any]) -> dict[str, Any]:
    deadline = started + float(request.get("timeout") or 60)
    timed_out = False
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        if time.monotonic() > deadline:
            timed_out = True
            os.kill(pid, signal.SIGKILL)
            _, status = os.waitpid(pid, 0)
            break
        time.sleep(0.005)
    return {
        "code": os.WEXITSTATUS(status) if os.WIFEXITED(status) else None,
        "signal": os.WTERMSIG(status) if os.WIFSIGNALED(status) else None,
        "timed_out": timed_out,
        "seconds": time.monotonic() - started,
    }


def main() -> None:
    _preload()
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        if not line.strip():
            continue
        answer = _run(json.loads(line))
        print(json.dumps(answer), flush=True)


if __name__ == "__main__":
    main()
