"""`cipbilingual mt list | install | remove` through the real entry point."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cipbilingual.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    capsys.readouterr()
    try:
        main([str(a) for a in args])
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_list_install_remove(
    argos_packages: Path, tiny_archive: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "mt", "list")
    assert code == 0 and "No zh→en model installed" in out and "mt install" in out
    assert run(capsys, "mt", "list", "--json")[1].strip() == "[]"

    code, out, err = run(capsys, "mt", "install", tiny_archive)
    assert code == 0, err
    assert out.startswith("Installed translate-zh_en 0.1")

    code, out, _ = run(capsys, "mt", "list", "--json")
    [pkg] = json.loads(out)
    assert pkg["version"] == "0.1" and pkg["from"] == "zh" and pkg["to"] == "en"
    assert pkg["size"] > 100_000 and pkg["name"] == "translate-zh_en-0_1"
    code, out, _ = run(capsys, "mt", "list")
    assert out.startswith("* translate-zh_en-0_1")

    code, out, _ = run(capsys, "mt", "remove", "--json")
    assert code == 0 and json.loads(out) == {"removed": ["translate-zh_en-0_1"]}
    assert list(argos_packages.iterdir()) == []


def test_bad_file_is_refused_with_exit_2_and_one_line(
    argos_packages: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.argosmodel"
    bad.write_bytes(b"PK\x03\x04 not really")
    code, out, err = run(capsys, "mt", "install", bad)
    assert code == 2 and out == ""
    assert err.startswith("cipbilingual: error:") and "not a zip" in err
    assert len(err.strip().splitlines()) == 1
    assert not argos_packages.exists() or list(argos_packages.iterdir()) == []


def test_install_needs_exactly_one_source(
    argos_packages: Path, tiny_archive: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "mt", "install")[0] == 2
    assert run(capsys, "mt", "install", tiny_archive, "--index")[0] == 2


def test_remove_nothing(argos_packages: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "mt", "remove")
    assert code == 2 and "no zh→en argos package is installed" in err
