"""Exports as a CMS, a CAT tool or a browser reads them: XLIFF and TMX through translate-toolkit,
HTML in headless Chromium, Markdown structure, bilingual output."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

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
    pytest.fail("headless Chromium is needed for this test (run scripts/dev-setup)")


def _headless(profile: Path, *args: str, env: dict[str, str] | None = None) -> str:
    """Run headless Chromium with the flags this closed network needs; return its stdout."""
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
            "--hide-scrollbars",
            f"--user-data-dir={profile}",
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def test_html_renders_in_headless_chromium(sample: Path, run: Run, tmp_path: Path) -> None:
    result = run("export", SAMPLE, "--format", "html", "--bilingual", "-o", "a.html")
    assert result.code == 0, result.err
    dom = _headless(tmp_path / "profile", "--dump-dom", (sample / "a.html").as_uri())
    assert "<h1>Requirement of the Municipal Committee Secretary" in dom
    assert dom.count("<p>") == 6  # the six body paragraphs; the Chinese is in p.source
    assert 'lang="zh-Hans"' in dom
    assert "China-Israel Changzhou Innovation Park (CIP)" in dom
    # Text a browser would show: escaping held, no markup leaked into the prose.
    assert "&lt;" not in dom


# Any font a CJK-capable system might carry; the control rendering hides them all.
_NO_CJK_FONTS = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <cachedir>{cache}</cachedir>
  <selectfont><rejectfont>
    <glob>*CJK*</glob><glob>*cjk*</glob><glob>*SourceHan*</glob><glob>*wqy*</glob>
    <glob>*arphic*</glob><glob>*uming*</glob><glob>*ukai*</glob><glob>*DroidSansFallback*</glob>
    <glob>*Unifont*</glob><glob>*unifont*</glob>
  </rejectfont></selectfont>
</fontconfig>
"""

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")


def _screenshot(page: Path, out: Path, profile: Path, env: dict[str, str] | None = None) -> Any:
    from PIL import Image

    # Taken once the page has settled (its fonts found and every compositor stage run), not
    # at the first frame: under load a first frame may come before the CJK fallback font.
    _headless(
        profile,
        f"--screenshot={out}",
        "--window-size=900,2400",
        "--virtual-time-budget=10000",
        "--run-all-compositor-stages-before-draw",
        page.as_uri(),
        env=env,
    )
    with Image.open(out) as image:
        return image.convert("RGB").tobytes()


def test_bilingual_html_draws_chinese_glyphs(sample: Path, run: Run, tmp_path: Path) -> None:
    """A missing CJK font shows every character as the same box, so two pages whose Chinese
    differs render identically. Proven both ways: with the page's font stack the two differ (the
    glyphs were drawn); with CJK fonts hidden from fontconfig they do not (the check can fail)."""
    assert run("export", SAMPLE, "--format", "html", "--bilingual", "-o", "a.html").code == 0
    page = (sample / "a.html").read_text(encoding="utf-8")
    assert len(_HAN.findall(page)) > 500
    other = sample / "b.html"
    other.write_text(_HAN.sub("国", page), encoding="utf-8")

    drawn = _screenshot(sample / "a.html", tmp_path / "a.png", tmp_path / "p1")
    assert drawn != _screenshot(other, tmp_path / "b.png", tmp_path / "p2")

    conf = tmp_path / "fonts.conf"
    conf.write_text(_NO_CJK_FONTS.format(cache=tmp_path / "fc-cache"), encoding="utf-8")
    hidden = {"FONTCONFIG_FILE": str(conf)}
    boxes = _screenshot(sample / "a.html", tmp_path / "c.png", tmp_path / "p3", env=hidden)
    assert boxes == _screenshot(other, tmp_path / "d.png", tmp_path / "p4", env=hidden)
    assert boxes != drawn
