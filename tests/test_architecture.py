"""The walls between layers hold: import contracts, a lean core, a fast --help, clean lint."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent

CORE = [
    "cipbilingual.models",
    "cipbilingual.config",
    "cipbilingual.paths",
    "cipbilingual.workspace",
    "cipbilingual.store",
    "cipbilingual.segment",
    "cipbilingual.importers",
    "cipbilingual.export",
    "cipbilingual.workflow.articles",
    "cipbilingual.workflow.editing",
    "cipbilingual.cli",
    "cipbilingual.cli.articles",
    "cipbilingual.glossary",
    "cipbilingual.interchange.termbase",
    "cipbilingual.workflow.glossary",
    "cipbilingual.cli.glossary",
    "cipbilingual.mt.tm",
    "cipbilingual.tm.workspace",
    "cipbilingual.workflow.tm",
    "cipbilingual.cli.tm",
]


def test_core_imports_neither_textual_nor_argos() -> None:
    code = (
        "import importlib, sys\n"
        f"for name in {CORE!r}:\n"
        "    importlib.import_module(name)\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in "
        "{'textual', 'argostranslate', 'ctranslate2', 'sentencepiece', 'torch', 'stanza'})\n"
        "print(heavy)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_help_imports_no_subcommand_module() -> None:
    code = (
        "import sys\n"
        "from cipbilingual.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith('cipbilingual.')), file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = eval(done.stderr.strip().splitlines()[-1])
    assert loaded == ["cipbilingual.cli", "cipbilingual.errors"]
    assert "import" in done.stdout and "export" in done.stdout


def test_python_dash_m_works() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "cipbilingual", "--version"], capture_output=True, text=True
    )
    assert done.returncode == 0 and "cipbilingual" in done.stdout


def _tool(name: str) -> str:
    path = BIN / name
    if not path.exists():
        pytest.fail(f"{name} is not installed in this venv; install with: pip install -e '.[dev]'")
    return str(path)


def test_import_contracts() -> None:
    done = subprocess.run(
        [_tool("lint-imports")],
        cwd=REPO,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO / "src")},
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_ruff() -> None:
    done = subprocess.run(
        [_tool("ruff"), "check", "src", "tests", "benchmarks"],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_mypy_strict() -> None:
    done = subprocess.run(
        [_tool("mypy"), "--no-error-summary"], cwd=REPO, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_gettext_tools_present_for_ci() -> None:
    # The store's byte-identity tests need GNU msgcat; CI installs it (.ci/run).
    assert shutil.which("msgcat"), "GNU gettext's msgcat is missing: apt-get install gettext"
