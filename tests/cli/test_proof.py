"""The bilingual proof for editors: every segment whatever its state, side by side with its state,
approver and findings, grouped by block; rendered by headless Chromium with CJK fonts (glyphs
drawn, no script run); and the tab-separated parallel text."""

from __future__ import annotations

import html
import os
import re
from pathlib import Path

import pytest

from tests.cli.conftest import SAMPLE_SLUG, Run, copy_sample_workspace
from tests.cli.test_export_formats import _HAN, _NO_CJK_FONTS, _headless, _screenshot

SECOND = "2019-12-10-zhong-yi-chang-zhou-chuang-xin-yuan"
HOSTILE = (
    '<script>document.title="pwned"</script>'
    "<img src=x onerror=\"document.body.setAttribute('data-pwned','1')\">"
    "</td></tr></table><script>document.body.dataset.pwned='2'</script>"
)


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    root = copy_sample_workspace(tmp_path / "ws")
    os.chdir(root)
    return root


def test_proof_shows_every_segment_whatever_its_state(sample: Path, run: Run) -> None:
    run("--user", "li", "translate", SECOND, "p1.s1", "On the morning of December 9, a seminar.")
    run("--user", "wang", "reject", SECOND, "p1.s1", "--reason", "Name the park")
    run("--user", "li", "translate", SECOND, "p2.s1", "The park reported on 2020.")
    assert run("export", SECOND, "--format", "json").code == 1  # not publishable ...
    result = run("export", SECOND, "--format", "proof")  # ... but the proof is for review
    assert result.code == 0, result.err
    page = result.out
    rows = re.findall(r'<tr class="segment state-(\w+)" id="([^"]+)">', page)
    from cipbilingual.workspace import Workspace

    article = Workspace.discover().load(SECOND)
    assert [sid for _, sid in rows] == [str(s.id) for s in article.segments]
    assert dict((sid, state) for state, sid in rows)["p1.s1"] == "needs_work"
    assert dict((sid, state) for state, sid in rows)["p2.s1"] == "translated"
    assert page.count('<tr class="block">') == 5  # the title and four paragraphs
    assert "not publishable" in page and "Proof — not for publication" in page
    assert "dates: 2020年 not found in English" in page  # p1.s1 finding is on the proof
    for seg in article.segments:
        assert html.escape(seg.source) in page


def test_proof_renders_in_chromium_with_chinese_glyphs_and_runs_no_script(
    sample: Path, run: Run, tmp_path: Path
) -> None:
    run("--user", "li", "translate", SECOND, "p1.s2", HOSTILE)
    assert run("export", SECOND, "--format", "proof", "-o", "proof.html").code == 0
    page = (sample / "proof.html").read_text(encoding="utf-8")
    assert "<script" not in page  # escaped, and the page's CSP forbids scripts anyway
    dom = _headless(tmp_path / "dom", "--dump-dom", (sample / "proof.html").as_uri())
    assert "pwned" not in dom.split("</title>")[0]  # the title stayed
    assert "data-pwned" not in dom.replace("data-pwned','1'", "")  # no attribute was set
    assert 'data-pwned="' not in dom and "<script" not in dom
    assert dom.count('class="segment') == 9
    assert "&lt;script&gt;document.title" in dom  # shown as text

    # Chinese glyphs are drawn: the proof differs from a copy whose Chinese is all one
    # character, and stops differing once CJK fonts are hidden (so the check can fail).
    assert run("export", SAMPLE_SLUG, "--format", "proof", "-o", "a.html").code == 0
    proof = (sample / "a.html").read_text(encoding="utf-8")
    assert len(_HAN.findall(proof)) > 500
    other = sample / "b.html"
    other.write_text(_HAN.sub("国", proof), encoding="utf-8")
    drawn = _screenshot(sample / "a.html", tmp_path / "a.png", tmp_path / "p1")
    assert drawn != _screenshot(other, tmp_path / "b.png", tmp_path / "p2")
    conf = tmp_path / "fonts.conf"
    conf.write_text(_NO_CJK_FONTS.format(cache=tmp_path / "fc-cache"), encoding="utf-8")
    hidden = {"FONTCONFIG_FILE": str(conf)}
    boxes = _screenshot(sample / "a.html", tmp_path / "c.png", tmp_path / "p3", env=hidden)
    assert boxes == _screenshot(other, tmp_path / "d.png", tmp_path / "p4", env=hidden)


def test_proof_prints_to_pdf(sample: Path, run: Run, tmp_path: Path) -> None:
    assert run("export", SAMPLE_SLUG, "--format", "proof", "-o", "a.html").code == 0
    pdf = tmp_path / "proof.pdf"
    _headless(tmp_path / "pdf", f"--print-to-pdf={pdf}", (sample / "a.html").as_uri())
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 20_000
    # A4 landscape, as the page asks: 842 × 595 points.
    assert re.search(rb"/MediaBox \[0 0 841\.9\d* 594\.9\d*\]", data)


def test_tsv_is_a_parallel_text(sample: Path, run: Run) -> None:
    run("--user", "li", "translate", SECOND, "p1.s1", "A\ttab and a \\ backslash.")
    result = run("export", SECOND, "--format", "tsv")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0].split("\t") == [
        "segment",
        "block",
        "state",
        "chinese",
        "english",
        "approver",
        "findings",
    ]
    rows = [line.split("\t") for line in lines[1:]]
    assert len(rows) == 9 and all(len(r) == 7 for r in rows)
    p1 = next(r for r in rows if r[0] == "p1.s1")
    assert p1[2] == "translated" and p1[4] == "A\\ttab and a \\\\ backslash."
    assert p1[3].startswith("12月9日上午")
    sample_rows = run("export", SAMPLE_SLUG, "--format", "tsv").out.splitlines()[1:]
    assert all(r.split("\t")[5].startswith("wang 2026-") for r in sample_rows)
