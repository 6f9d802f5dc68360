"""Fixtures for the MT tests: the tiny genuine argos package, a private argos package folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.mt.tiny_argos import build_tiny_package


@pytest.fixture(scope="session")
def tiny_archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tiny zh→en .argosmodel (random weights, gibberish English), built once per session."""
    return build_tiny_package(tmp_path_factory.mktemp("tiny-argos"))


@pytest.fixture
def argos_packages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty argos package folder of this test's own (argos reads ARGOS_PACKAGES_DIR)."""
    from cipbilingual.mt.argos.packages import forget_loaded_models

    folder = tmp_path / "argos-home" / "packages"
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(folder))
    yield folder
    forget_loaded_models()


@pytest.fixture
def installed_tiny(argos_packages: Path, tiny_archive: Path) -> Path:
    """The tiny package installed through cipbilingual's own installer; returns its folder."""
    from cipbilingual.mt.argos import install_archive

    return install_archive(tiny_archive).package.path
