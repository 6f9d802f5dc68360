"""Fixtures for CLI tests: run the real entry point in-process and capture exit code and output."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from cipbilingual.cli import main

CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus"
ARTICLE1 = CORPUS / "cip-2019-11-24-wang-quan-visit.zh.txt"
ARTICLE2 = CORPUS / "cip-2019-12-10-work-plan-meeting.zh.txt"


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self) -> object:
        return json.loads(self.out)


Run = Callable[..., Result]


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Run:
    """Call `cipbilingual ARGS...` in-process; returns exit code, stdout, stderr."""

    def _run(*args: str | Path, stdin: str | None = None) -> Result:
        import io
        import sys

        capsys.readouterr()
        old_stdin = sys.stdin
        if stdin is not None:
            sys.stdin = io.TextIOWrapper(io.BytesIO(stdin.encode("utf-8")), encoding="utf-8")
        try:
            main([str(a) for a in args])
            code = 0
        except SystemExit as exc:
            code = int(exc.code or 0)
        finally:
            sys.stdin = old_stdin
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return _run


@pytest.fixture
def workspace(tmp_path: Path, run: Run) -> Path:
    """A fresh workspace with translator li and editor wang, as the current folder."""
    root = tmp_path / "newsroom"
    result = run("init", root, "--translator", "li", "--editor", "wang")
    assert result.code == 0, result.err
    import os

    os.chdir(root)
    return root


@pytest.fixture
def imported(workspace: Path, run: Run) -> str:
    """The workspace with the first corpus article imported; returns its slug."""
    result = run("import", ARTICLE1, "--json")
    assert result.code == 0, result.err
    slug = result.json()["slug"]  # type: ignore[index]
    assert isinstance(slug, str)
    return slug


SAMPLE_SLUG = "2019-11-24-wang-quan-zai-zhong-yi-chang-zhou"


def sample_english() -> dict[str, str]:
    """The approved English of the sample workspace's first article (corpus ARTICLE1), by
    segment id: real translations that pass QA."""
    from cipbilingual.store import load_article

    repo = Path(__file__).resolve().parents[2]
    article = load_article(repo / "articles" / SAMPLE_SLUG / "en.po")
    return {str(s.id): s.target for s in article.segments}


def copy_sample_workspace(dest: Path) -> Path:
    """A copy of the repository's sample workspace (cipbilingual.toml, articles/, locales/)."""
    repo = Path(__file__).resolve().parents[2]
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy2(repo / "cipbilingual.toml", dest / "cipbilingual.toml")
    for sub in ("articles", "locales", "tm"):
        if (repo / sub).is_dir():
            shutil.copytree(repo / sub, dest / sub)
    return dest
