"""Fixtures for the hostile corpus: one zygote and one template workspace per session."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.hostile.harness import Zygote, build_template, zygote


@pytest.fixture(scope="session")
def cli_zygote() -> Iterator[Zygote]:
    with zygote() as z:
        yield z


@pytest.fixture(scope="session")
def hostile_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_template(tmp_path_factory.mktemp("hostile-template"))
