"""Exports as a CMS, a CAT tool or a browser reads them: XLIFF and TMX through translate-toolkit,
HTML in headless Chromium, Markdown structure, bilingual output."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.cli.conftest import Run, copy_sample_workspace

SAMPLE = "2019-11-24-wang-quan-zai-zhong-yi-chang-zhou"
SECOND = "2019-12-10-zhong-yi-chang-zhou-chuang-xin-yuan"


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    root = copy_sample_workspace(tmp_path / "ws")
    os.chdir(root)
    return root


def test_xliff_reads_back_in_translate_toolkit(sample: Path, run: Run) -> None:
    from translate.storage import xliff

    result = run("export", SAMPLE, "--format", "xliff", "-o", "a.xlf")
    assert result.code == 0, result.err
    store = xliff.xlifffile.parsefile(str(sample / "a.xlf"))
    units = [u for u in store.units if not u.isheader()]
    assert len(units) == 16
    assert units[1].getid().split("\x04")[-1] == "p1.s1"  # the toolkit prefixes the file
    assert units[1].source.startswith("11月21日下午")
    assert units[1].target.startswith("On the afternoon of November 21")
    assert all(u.isapproved() for u in units)


def test_tmx_reads_back_in_translate_toolkit(sample: Path, run: Run) -> None:
    from translate.storage import tmx

    result = run("export", SAMPLE, "--format", "tmx", "-o", "a.tmx")
    assert result.code == 0, result.err
    store = tmx.tmxfile.parsefile(str(sample / "a.tmx"))
    pairs = [(u.source, u.target) for u in store.units]
    assert len(pairs) == 16
    assert pairs[1][0].startswith("11月21日下午") and pairs[1][1].startswith("On the afternoon")


def test_markdown_keeps_structure(sample: Path, run: Run, tmp_path: Path) -> None:
    source = tmp_path / "note.md"
    source.write_text(
        "---\ntitle: 园区动态\ndate: 2020-01-02\n---\n\n## 会议要求\n\n"
        "- 加快集聚项目。\n- 完善体制机制。\n\n> 园区是示范区。\n",
        encoding="utf-8",
    )
    slug = run("import", source, "--json").json()["slug"]  # type: ignore[index]
    from cipbilingual.workspace import Workspace

    ids = [str(s.id) for s in Workspace.discover().load(slug).segments]
    for n, sid in enumerate(ids):
        run("--user", "wang", "translate", slug, sid, f"English {n}.")
    run("--user", "wang", "approve", slug, "--all-translated")
    md = run("export", slug, "--format", "md").out
    assert md.startswith('---\ntitle: "English 0."\ndate: "2020-01-02')
    assert "## English 1." in md
    assert "- English 2.\n- English 3." in md
    assert "> English 4." in md
    bilingual = run("export", slug, "--format", "md", "--bilingual").out
    assert "## 会议要求" in bilingual


def _chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if path := shutil.which(name):
            return path
    pytest.fail("headless Chromium is needed for this test (apt-get install chromium)")


def test_html_renders_in_headless_chromium(sample: Path, run: Run, tmp_path: Path) -> None:
    result = run("export", SAMPLE, "--format", "html", "--bilingual", "-o", "a.html")
    assert result.code == 0, result.err
    profile = tmp_path / "profile"
    done = subprocess.run(
        [
            _chromium(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={profile}",
            "--dump-dom",
            (sample / "a.html").as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    dom = done.stdout
    assert "<h1>Requirement of the Municipal Committee Secretary" in dom
    assert dom.count("<p>") == 6  # the six body paragraphs; the Chinese is in p.source
    assert 'lang="zh-Hans"' in dom
    assert "China-Israel Changzhou Innovation Park (CIP)" in dom
    # Text a browser would show: escaping held, no markup leaked into the prose.
    assert "&lt;" not in dom
