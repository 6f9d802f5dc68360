"""`cipbilingual draft` through the real entry point, on copies of the sample workspace."""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path

import pytest

from cipbilingual.mt.argos import ArgosEngine
from cipbilingual.mt.base import Draft, DraftRequest, Progress
from cipbilingual.workflow import drafting
from tests.cli.conftest import copy_sample_workspace
from tests.mt.test_mt_cli import run

FIRST = "2019-11-24-wang-quan-zai-zhong-yi-chang-zhou"
SECOND = "2019-12-10-zhong-yi-chang-zhou-chuang-xin-yuan"


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    root = copy_sample_workspace(tmp_path / "sample")
    os.chdir(root)
    return root


def test_done_when_through_the_cli(
    sample: Path, argos_packages: Path, tiny_archive: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = (sample / "articles" / FIRST / "en.po").read_bytes()
    assert run(capsys, "mt", "install", tiny_archive)[0] == 0
    code, out, err = run(capsys, "draft", SECOND, "--json")
    assert code == 0, err
    report = json.loads(out)
    assert report["slug"] == SECOND and report["interrupted"] is False
    assert len(report["drafted"]) == report["candidates"] == 9
    assert err == ""  # not a terminal: no progress bar
    status = json.loads(run(capsys, "status", "--json")[1])
    assert {s["slug"]: s["states"] for s in status}[SECOND]["draft"] == 9
    assert {s["slug"]: s["states"] for s in status}[FIRST]["approved"] == 16
    assert (sample / "articles" / FIRST / "en.po").read_bytes() == first
    po = (sample / "articles" / SECOND / "en.po").read_text()
    assert po.count("# origin: argos ") == 9 and "translate-zh_en 0.1" in po
    code, out, _ = run(capsys, "draft", "--all")
    assert code == 0
    assert f"{FIRST}: drafted 0 of 0" in out and f"{SECOND}: drafted 0 of 0" in out


def test_usage_errors(
    sample: Path, argos_packages: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "draft")[0] == 2
    assert run(capsys, "draft", SECOND, "--all")[0] == 2
    code, _, err = run(capsys, "draft", "no-such-article")
    assert code == 2 and "no article" in err
    code, _, err = run(capsys, "draft", SECOND)
    assert code == 2 and "no zh→en argos model" in err and "mt install" in err
    code, _, err = run(capsys, "draft", SECOND, "--engine", "libretranslate")
    assert code == 2 and "no LibreTranslate server" in err
    code, _, err = run(capsys, "draft", SECOND, "--engine", "deepl")
    assert code == 2


def test_ctrl_c_keeps_what_was_drafted(
    sample: Path,
    installed_tiny: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(drafting, "BATCH", 4)
    real = ArgosEngine.translate
    calls = []

    def interrupted(
        self: ArgosEngine, requests: Sequence[DraftRequest], progress: Progress | None = None
    ) -> list[Draft | None]:
        calls.append(len(requests))
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real(self, requests, progress)

    monkeypatch.setattr(ArgosEngine, "translate", interrupted)
    code, out, err = run(capsys, "draft", SECOND)
    assert code == 130
    assert "interrupted; 4 segment(s) drafted and saved" in err
    assert f"{SECOND}: drafted 4 of 9" in out
    status = json.loads(run(capsys, "status", SECOND, "--json")[1])
    assert status["states"]["draft"] == 4 and status["states"]["new"] == 5
