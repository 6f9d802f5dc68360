"""A real LibreTranslate server for the tests: the PyPI package in its own venv (built by
scripts/libretranslate-venv.sh), bound to 127.0.0.1, with the tiny genuine packages and a
rule-based sentence splitter in its own argos folder so that it downloads nothing, and a socket
guard in the server process that refuses every address off this machine."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from tests.mt.tiny_argos import build_tiny_package, install_unpacked

REPO = Path(__file__).resolve().parents[2]
VENV_ENV = "CIPBILINGUAL_LIBRETRANSLATE_VENV"
BUILD_COMMAND = "scripts/dev-setup"
GOOD_KEY = "newsroom-key"
SLOW_KEY = "one-request-a-minute"  # the server's per-key rate limit answers 429 after one request
BATCH_LIMIT = 8
CHAR_LIMIT = 200  # the server refuses longer texts: the engine must cut segments to fit

GUARD = '''\
"""Loaded by the LibreTranslate server under test: no connection leaves this machine."""
import socket

_connect = socket.socket.connect


def _guarded(self, address):
    host = address[0] if isinstance(address, tuple) else str(address)
    if self.family == socket.AF_UNIX or str(host).startswith(("127.", "::1", "localhost")):
        return _connect(self, address)
    raise OSError("network access refused for the LibreTranslate test server: %r" % (address,))


socket.socket.connect = _guarded
'''


def venv_dir() -> Path:
    return Path(os.environ.get(VENV_ENV) or REPO / ".cache" / "libretranslate-venv")


def venv_problem() -> str:
    """Why the LibreTranslate venv cannot be used, or '' when it can."""
    venv = venv_dir()
    marker = venv / ".cipbilingual-ready"
    if not marker.is_file() or not (venv / "bin" / "libretranslate").exists():
        return f"no LibreTranslate venv at {venv}: build it with {BUILD_COMMAND}"
    return ""


@dataclass
class Server:
    url: str
    home: Path
    process: subprocess.Popen[bytes]
    log: Path

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def start_server(home: Path, timeout: float = 120.0) -> Server:
    """Prepare an argos home under `home`, start LibreTranslate on a free loopback port, wait
    until it answers. Raises RuntimeError with the server's log when it does not come up."""
    venv = venv_dir()
    data = home / "data"
    packages = data / "argos-translate" / "packages"
    builds = home / "builds"
    # Two packages: LibreTranslate fetches the package index at boot when it has fewer than two.
    for source, target in (("zh", "en"), ("en", "zh")):
        archive = build_tiny_package(builds, from_code=source, to_code=target, sbd=True)
        install_unpacked(archive, packages)
    guard = home / "guard"
    guard.mkdir(parents=True, exist_ok=True)
    (guard / "sitecustomize.py").write_text(GUARD, encoding="utf-8")
    db = home / "db" / "api_keys.db"
    env = {
        "PATH": f"{venv / 'bin'}:/usr/bin:/bin",
        "HOME": str(home),
        "XDG_DATA_HOME": str(data),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "ARGOS_PACKAGES_DIR": str(packages),
        "ARGOS_PACKAGE_INDEX": "http://127.0.0.1:9/",  # a closed port, should anything ask
        "PYTHONPATH": str(guard),
        "PYTHONUNBUFFERED": "1",
        "LANG": "C.UTF-8",
    }
    python = str(venv / "bin" / "python")
    add_keys = (
        "import sys\nfrom libretranslate.api_keys import Database\n"
        "db = Database(sys.argv[1])\n"
        f"db.add(1000, {GOOD_KEY!r})\ndb.add(1, {SLOW_KEY!r})\n"
    )
    db.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [python, "-c", add_keys, str(db)],
        env=env,
        cwd=home,
        check=True,
        capture_output=True,
        timeout=60,
    )
    port = _free_port()
    log = home / "server.log"
    command = [
        str(venv / "bin" / "libretranslate"),
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--load-only",
        "zh,en",
        "--threads",
        "2",
        "--disable-web-ui",
        "--disable-files-translation",
        "--api-keys",
        "--api-keys-db-path",
        str(db),
        "--batch-limit",
        str(BATCH_LIMIT),
        "--char-limit",
        str(CHAR_LIMIT),
    ]
    with log.open("wb") as out:
        process = subprocess.Popen(command, env=env, cwd=home, stdout=out, stderr=subprocess.STDOUT)
    server = Server(f"http://127.0.0.1:{port}", home, process, log)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"LibreTranslate exited ({process.returncode}):\n{_tail(log)}")
        try:
            with urllib.request.urlopen(server.url + "/languages", timeout=2) as response:
                codes = {lang["code"] for lang in json.loads(response.read())}
            if {"en"} <= codes and codes & {"zh", "zh-Hans"}:
                return server
        except (urllib.error.URLError, OSError, ValueError):
            pass
        time.sleep(0.3)
    server.stop()
    raise RuntimeError(f"LibreTranslate did not come up in {timeout:g} s:\n{_tail(log)}")


def _tail(log: Path) -> str:
    try:
        return "\n".join(log.read_text(errors="replace").splitlines()[-30:])
    except OSError:
        return "(no log)"
