"""The walls between layers hold: import contracts, a lean core, a fast --help, clean lint."""

from __future__ import annotations

import ast
import importlib.metadata
import os
import re
import shutil
import subprocess
import sys
import tomllib
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
    "cipbilingual.lexicon",
    "cipbilingual.align",
    "cipbilingual.workflow.align",
    "cipbilingual.cli.align",
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
    # The store's byte-identity tests need GNU msgcat; scripts/dev-setup installs it.
    assert shutil.which("msgcat"), "GNU gettext's msgcat is missing: run scripts/dev-setup"


def _imported_modules() -> set[str]:
    """Top-level modules that src/ imports, statically or by name (find_spec, import_module)."""
    names: set[str] = set()
    for path in (REPO / "src").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
            elif (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute | ast.Name)
                and getattr(node.func, "attr", getattr(node.func, "id", "")) in LOADERS
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                names.add(node.args[0].value.split(".")[0])
    return names


LOADERS = {"find_spec", "import_module"}


def _runtime_requirements() -> list[str]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return [re.split(r"[\s<>=!~;\[]", spec, maxsplit=1)[0] for spec in project["dependencies"]]


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_every_runtime_dependency_is_imported_by_the_package() -> None:
    provides: dict[str, set[str]] = {}
    for module, dists in importlib.metadata.packages_distributions().items():
        for dist in dists:
            provides.setdefault(_canonical(dist), set()).add(module)
    imported = _imported_modules()
    unused = []
    for requirement in _runtime_requirements():
        modules = provides.get(_canonical(requirement))
        assert modules, f"{requirement} is a dependency but is not installed in this venv"
        if not modules & imported:
            unused.append(f"{requirement} (provides {sorted(modules)})")
    assert not unused, f"runtime dependencies src/ never imports: {unused}; move them to an extra"


def test_no_runtime_dependency_is_listed_twice() -> None:
    names = [_canonical(name) for name in _runtime_requirements()]
    assert sorted(names) == sorted(set(names)), "a dependency is listed twice in pyproject.toml"


def test_no_import_circle_in_the_package() -> None:
    import grimp

    graph = grimp.build_graph("cipbilingual")
    circles = [
        (module, imported)
        for module in sorted(graph.modules)
        for imported in graph.find_modules_directly_imported_by(module)
        if imported.startswith("cipbilingual") and graph.chain_exists(imported, module)
    ]
    assert circles == []
