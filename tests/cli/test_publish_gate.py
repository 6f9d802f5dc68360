"""The publish gate through the CLI: each of the four holes of issue 11 reproduced and closed, and
the bad inputs around them (one line, the documented exit code, nothing written)."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

from cipbilingual.models import approval_digest
from cipbilingual.store import load_article, save_article
from tests.cli.conftest import Run, sample_english

WRONG_DATE = ("November 21", "November 12")  # 11月21日 in p1.s1
DATE_ERROR = "p1.s1 dates: 11月21日 (November 21) not found in English; the English has November 12"


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file of the workspace but the cache, for 'nothing was written'."""
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".cipbilingual" not in p.parts
    }


def translate_all(run: Run, slug: str, english: dict[str, str]) -> None:
    for sid, text in english.items():
        result = run("--user", "li", "translate", slug, sid, text)
        assert result.code == 0, result.err


def approve_all(run: Run, slug: str) -> None:
    result = run("--user", "wang", "approve", slug, "--all-translated")
    assert result.code == 0, result.err


def catalog(workspace: Path, slug: str) -> Path:
    return workspace / "articles" / slug / "en.po"


def forge_approval(po: Path, segment: str, by: str) -> None:
    """What a hand edit (or a bad merge) can write: state approved and an approval line whose
    digest is recomputed, so only the approver's name can betray it."""
    article = load_article(po)
    seg = article.segment(segment)
    digest = approval_digest(seg.id, seg.source, seg.target)
    text = po.read_text(encoding="utf-8")
    head, sep, tail = text.partition(f'msgctxt "{segment}"')
    entry_start = head.rfind("\n\n") + 2
    entry = head[entry_start:]
    assert "# state: translated" in entry, entry
    entry = entry.replace(
        "# state: translated",
        f"# state: approved\n# approved: 2026-11-25T10:00:00Z {digest} {by}",
    )
    po.write_text(head[:entry_start] + entry + sep + tail, encoding="utf-8")


# -- hole 1: errors pass ----------------------------------------------------------------------


def test_hole1_a_qa_error_is_not_approved_without_an_override(
    imported: str, run: Run, workspace: Path
) -> None:
    english = sample_english()
    wrong = english["p1.s1"].replace(*WRONG_DATE)
    assert run("--user", "li", "translate", imported, "p1.s1", wrong).code == 0
    before = snapshot(workspace)
    refused = run("--user", "wang", "approve", imported, "p1.s1")
    assert refused.code == 1
    first, *details = refused.err.splitlines()
    assert "p1.s1" in first and "nothing was approved" in first and "--override" in first
    assert details == [f"  {DATE_ERROR}"]
    assert snapshot(workspace) == before
    # --all-translated is all or nothing as well.
    assert run("--user", "li", "translate", imported, "p1.s2", english["p1.s2"]).code == 0
    before = snapshot(workspace)
    assert run("--user", "wang", "approve", imported, "--all-translated").code == 1
    assert snapshot(workspace) == before


def test_hole1_an_error_approved_by_hand_is_not_exported(
    imported: str, run: Run, workspace: Path
) -> None:
    """The hole as filed: an approved segment with a wrong figure went out with
    `export --allow-partial` and exit 0."""
    english = sample_english()
    english["p1.s1"] = english["p1.s1"].replace(*WRONG_DATE)
    for sid in ("p1.s1", "p1.s2", "p1.s3"):
        assert run("--user", "li", "translate", imported, sid, english[sid]).code == 0
    assert run("--user", "wang", "approve", imported, "p1.s2", "p1.s3").code == 0
    forge_approval(catalog(workspace, imported), "p1.s1", "wang")  # e.g. a bad merge
    assert run("status", imported, "--json").json()["states"]["approved"] == 3  # type: ignore[index]
    for args in (("--allow-partial",), ()):
        out = workspace / "out.json"
        result = run("export", imported, "--format", "json", *args, "-o", out)
        assert result.code == 1
        assert DATE_ERROR in result.err
        assert not out.exists()


def test_override_records_the_reason_and_lets_the_segment_out(
    imported: str, run: Run, workspace: Path
) -> None:
    english = sample_english()
    english["p1.s1"] = english["p1.s1"].replace(*WRONG_DATE)
    for sid in ("p1.s1", "p1.s2", "p1.s3"):
        run("--user", "li", "translate", imported, sid, english[sid])
    reason = "The park's notice says 12 November; the Chinese is wrong"
    result = run(
        "--user", "wang", "approve", imported, "p1.s1", "p1.s2", "--override", reason, "--json"
    )
    assert result.code == 0, result.err
    assert result.json() == {
        "slug": imported,
        "approved": ["p1.s1", "p1.s2"],
        "overridden": {"p1.s1": ["dates"]},
    }
    text = catalog(workspace, imported).read_text(encoding="utf-8")
    assert f"# override: dates {reason}" in text
    assert text.count("# override:") == 1  # p1.s2 had no error: no override recorded
    assert run("--user", "wang", "approve", imported, "p1.s3").code == 0
    story = run("log", imported, "p1.s1", "--json").json()
    acts = [(r["act"], r["by"], r["reason"]) for r in story["records"]]  # type: ignore[index]
    assert acts[-1] == ("override", "wang", reason)
    exported = run("export", imported, "--format", "json", "--allow-partial")
    assert exported.code == 0, exported.err
    assert exported.json()["paragraphs"][0].startswith(english["p1.s1"])  # type: ignore[index]
    # QA still reports the finding; the override is shown on the proof.
    proof = run("export", imported, "--format", "tsv").out
    row = next(line for line in proof.splitlines() if line.startswith("p1.s1\t"))
    assert "dates: 11月21日 (November 21) not found in English" in row
    assert f"(overridden by wang: {reason})" in row
    qa = run("qa", imported, "--json")
    silenced = [f for f in qa.json() if f["segment"] == "p1.s1"]  # type: ignore[union-attr]
    assert silenced[0]["silenced"] is True
    assert silenced[0]["silence"]["reason"] == f"override: {reason}"
    # Changing the English voids the approval and its override: the error blocks again.
    run("--user", "li", "translate", imported, "p1.s1", english["p1.s1"] + " Updated.")
    segment = load_article(catalog(workspace, imported)).segment("p1.s1")
    assert (
        segment.approval is None and "# override:" not in catalog(workspace, imported).read_text()
    )
    assert run("--user", "wang", "approve", imported, "p1.s1").code == 1


@pytest.mark.parametrize("reason", ["", "   ", "\n\t"])
def test_override_without_a_reason_is_bad_input(
    imported: str, run: Run, workspace: Path, reason: str
) -> None:
    run("--user", "li", "translate", imported, "p1.s1", "Wrong.")
    before = snapshot(workspace)
    result = run("--user", "wang", "approve", imported, "p1.s1", "--override", reason)
    assert result.code == 2
    assert "an override needs a reason" in result.err
    assert result.err.count("\n") == 1
    assert snapshot(workspace) == before


# -- hole 2: missing sentences pass -----------------------------------------------------------


@pytest.fixture
def approved_article(imported: str, run: Run) -> str:
    translate_all(run, imported, sample_english())
    approve_all(run, imported)
    assert run("status", imported, "--json").json()["publishable"] is True  # type: ignore[index]
    return imported


def test_hole2_sentences_missing_from_the_catalog_are_named(
    approved_article: str, run: Run, workspace: Path
) -> None:
    slug = approved_article
    po = catalog(workspace, slug)
    article = load_article(po)
    # What the issue did: delete entries (here two, one from a paragraph's middle).
    article.segments = [s for s in article.segments if str(s.id) not in ("p1.s2", "p6.s3")]
    save_article(article, po)
    status = run("status", slug, "--json").json()
    assert isinstance(status, dict)
    assert status["states"]["approved"] == status["segments"] == 14  # all that is left
    assert status["publishable"] is False
    assert [p["check"] for p in status["problems"]] == ["source-sentence-missing"] * 2
    assert "after p1.s1" in status["problems"][0]["message"]
    assert "他强调" in status["problems"][0]["message"]
    human = run("status", slug).out
    assert "not publishable" in human and human.count("source-sentence-missing") == 2
    out = workspace / "out.json"
    result = run("export", slug, "--format", "json", "-o", out)
    assert result.code == 1
    lines = result.err.splitlines()
    assert lines[0].startswith(f"cipbilingual: error: '{slug}' is not publishable: 2 problems")
    assert [line.split()[1] for line in lines[1:]] == ["source-sentence-missing:"] * 2
    assert not out.exists()
    assert run("export", slug, "--format", "json", "--allow-partial").code == 1
    qa = run("qa", slug, "--json")
    assert qa.code == 1
    assert [f["check"] for f in qa.json()][:2] == ["source-sentence-missing"] * 2  # type: ignore[index]


def test_extra_and_changed_sentences_are_named(
    approved_article: str, run: Run, workspace: Path
) -> None:
    slug = approved_article
    po = catalog(workspace, slug)
    article = load_article(po)
    changed = article.segment("p2.s1")
    changed.source = changed.source.replace("以色列中心", "美国中心")  # a forger's Chinese
    assert changed.approval is not None
    from dataclasses import replace

    changed.approval = replace(
        changed.approval, digest=approval_digest(changed.id, changed.source, changed.target)
    )
    extra = article.segment("p2.s2")
    import copy

    added = copy.deepcopy(extra)
    added.id = type(extra.id)(2, 4)
    added.source = "园区新增了一句原文里没有的话。"
    added.approval = replace(
        extra.approval,  # type: ignore[arg-type]
        digest=approval_digest(added.id, added.source, added.target),
    )
    article.segments.insert(article.segments.index(extra) + 2, added)
    save_article(article, po)
    status = run("status", slug, "--json").json()
    assert isinstance(status, dict)
    problems = {p["check"]: p for p in status["problems"]}
    assert set(problems) == {"source-sentence-changed", "source-sentence-extra"}
    assert problems["source-sentence-changed"]["segment"] == "p2.s1"
    assert "美国中心" in problems["source-sentence-changed"]["message"]
    assert problems["source-sentence-extra"]["segment"] == "p2.s4"
    result = run("export", slug, "--format", "md")
    assert result.code == 1 and result.out == ""
    assert len(result.err.splitlines()) == 3


def test_a_missing_source_file_makes_the_article_unpublishable(
    approved_article: str, run: Run, workspace: Path
) -> None:
    slug = approved_article
    (workspace / "articles" / slug / "source.zh.txt").unlink()
    before = snapshot(workspace)
    out = workspace / "out.html"
    result = run("export", slug, "--format", "html", "-o", out)
    assert result.code == 1
    assert result.err.count("\n") == 1, result.err  # one line
    assert "the source file source.zh.txt is missing" in result.err
    assert snapshot(workspace) == before and not out.exists()
    status = run("status", slug, "--json").json()
    assert status["publishable"] is False  # type: ignore[index]
    assert status["problems"][0]["check"] == "source-missing"  # type: ignore[index]


def test_an_unreadable_source_is_a_problem_not_a_crash(
    approved_article: str, run: Run, workspace: Path
) -> None:
    (workspace / "articles" / approved_article / "source.zh.txt").write_bytes(b"\x00\x01\x02")
    result = run("export", approved_article, "--format", "txt")
    assert result.code == 1
    assert "source-unreadable" in result.err and "Traceback" not in result.err


# -- hole 3: approvals can be forged ----------------------------------------------------------


@pytest.mark.parametrize(
    ("approver", "reason"),
    [
        ("li", "li is a translator, not an editor"),
        ("mallory", "'mallory' is not in [people]"),
    ],
)
def test_hole3_an_approval_by_a_non_editor_does_not_count(
    imported: str, run: Run, workspace: Path, approver: str, reason: str
) -> None:
    english = sample_english()
    run("--user", "li", "translate", imported, "p1.s2", english["p1.s2"])
    forge_approval(catalog(workspace, imported), "p1.s2", approver)
    status = run("status", imported, "--json").json()
    assert isinstance(status, dict)
    assert status["states"]["approved"] == 0
    assert status["states"]["translated"] == 1
    assert status["approvals_void"] == [{"segment": "p1.s2", "by": approver, "reason": reason}]
    assert f"p1.s2: approval by {approver} void: {reason}" in run("status", imported).out
    # An editor can still approve it properly.
    assert run("--user", "wang", "approve", imported, "p1.s2").code == 0
    assert run("status", imported, "--json").json()["approvals_void"] == []  # type: ignore[index]


def test_an_approval_by_an_editor_who_left_people_does_not_count(
    approved_article: str, run: Run, workspace: Path
) -> None:
    toml = workspace / "cipbilingual.toml"
    toml.write_text(
        toml.read_text(encoding="utf-8").replace('wang = "editor"', 'zhao = "editor"'),
        encoding="utf-8",
    )
    status = run("status", approved_article, "--json").json()
    assert status["states"]["approved"] == 0  # type: ignore[index]
    assert {v["reason"] for v in status["approvals_void"]} == {  # type: ignore[index]
        "'wang' is not in [people]"
    }
    assert run("export", approved_article, "--format", "json").code == 1


# -- hole 4: partial exports hide gaps --------------------------------------------------------


def test_hole4_partial_exports_leave_out_whole_blocks(imported: str, run: Run) -> None:
    english = sample_english()
    translate_all(run, imported, english)
    # Approve everything but one sentence in the middle of paragraph 1 and all of paragraph 6.
    keep = [s for s in english if s != "p1.s2" and not s.startswith("p6.")]
    assert run("--user", "wang", "approve", imported, *keep).code == 0
    result = run("export", imported, "--format", "json", "--allow-partial")
    assert result.code == 0, result.err
    data = result.json()
    assert isinstance(data, dict)
    assert data["complete"] is False
    assert [o["block"] for o in data["omitted"]] == [1, 6]
    assert data["omitted"][0]["waiting"] == {"p1.s2": "translated"}
    # Every printed paragraph is whole: all of its sentences, in order.
    by_block: dict[int, list[str]] = {}
    for sid, text in english.items():
        if sid != "t.s1":
            by_block.setdefault(int(sid[1 : sid.index(".")]), []).append(text)
    assert data["paragraphs"] == [" ".join(by_block[b]) for b in (2, 3, 4, 5)]
    assert {s["id"][: s["id"].index(".")] for s in data["segments"]} == {
        "t",
        "p2",
        "p3",
        "p4",
        "p5",
    }
    assert result.err.splitlines() == [
        "omitted p1 (paragraph): p1.s2 translated",
        "omitted p6 (paragraph): "
        + ", ".join(f"{s} translated" for s in english if s.startswith("p6.")),
        "2 block(s) left out: not fully approved",
    ]
    for fmt in ("md", "html", "txt"):
        text = run("export", imported, "--format", fmt, "--allow-partial").out
        assert english["p1.s1"] not in text and english["p1.s3"] not in text
        assert english["p2.s1"] in text


HOSTILE_SOURCE = """园区召开安全会议
发布时间：2020-01-02 10:00:00

会议讨论了--><script>alert(1)</script><!--网络安全问题。

专家指出<img src=x onerror=alert(2)>等写法可能被滥用。
"""


def test_markdown_escapes_html_and_never_hides_the_chinese_in_comments(
    workspace: Path, run: Run
) -> None:
    from markdown_it import MarkdownIt

    source = workspace.parent / "hostile.txt"
    source.write_text(HOSTILE_SOURCE, encoding="utf-8")
    slug = run("import", source, "--json").json()["slug"]  # type: ignore[index]
    english = {
        "t.s1": "Park holds a security meeting",
        "p1.s1": "The meeting discussed --><script>alert(1)</script> network security.",
        "p2.s1": 'Experts said markup such as <img src=x onerror="alert(2)"> & <b>bold</b> '
        "could be abused.",
    }
    translate_all(run, slug, english)
    approve_all(run, slug)
    for bilingual in ((), ("--bilingual",)):
        result = run("export", slug, "--format", "md", *bilingual)
        assert result.code == 0, result.err
        md = result.out
        assert not re.search(r"(?<!\\)[<&]", md)  # every < and & is backslash-escaped
        rendered = MarkdownIt("commonmark").render(md)  # raw HTML allowed, as CMSs often do
        assert "<script" not in rendered and "<img" not in rendered and "<b>" not in rendered
        assert "<!--" not in rendered
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in rendered
        assert "&lt;b&gt;bold&lt;/b&gt;" in rendered and "&amp;" in rendered
        if bilingual:
            # The Chinese is visible text, its own paragraph, not a comment.
            assert "会议讨论了--&gt;&lt;script&gt;" in rendered
            assert re.search(r"<p>专家指出&lt;img", rendered)


# -- writing to special files -----------------------------------------------------------------


@pytest.mark.parametrize("dest", ["-", "/dev/stdout"])
def test_output_to_stdout(approved_article: str, run: Run, dest: str) -> None:
    result = run("export", approved_article, "--format", "json", "-o", dest)
    assert result.code == 0, result.err
    assert json.loads(result.out)["complete"] is True
    assert "Wrote" not in result.err


def test_output_to_a_fifo_writes_into_it(approved_article: str, run: Run, tmp_path: Path) -> None:
    import os
    import threading

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    result = run("export", approved_article, "--format", "txt", "-o", fifo)
    reader.join(30)
    assert result.code == 0, result.err
    assert received and received[0].decode("utf-8").startswith("Requirement of the Municipal")
    assert fifo.is_fifo()  # not replaced by a regular file
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".pipe")] == []


def test_output_to_an_open_descriptor(approved_article: str, run: Run) -> None:
    import os

    read_end, write_end = os.pipe()
    try:
        result = run("export", approved_article, "--format", "txt", "-o", f"/dev/fd/{write_end}")
        assert result.code == 0, result.err
        os.close(write_end)
        data = b""
        while chunk := os.read(read_end, 65536):
            data += chunk
    finally:
        os.close(read_end)
    assert data.decode("utf-8").startswith("Requirement of the Municipal")


def test_output_through_a_symlink_keeps_the_link(
    approved_article: str, run: Run, tmp_path: Path
) -> None:
    target = tmp_path / "real.md"
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "link.md"
    link.symlink_to(target)
    assert run("export", approved_article, "--format", "md", "-o", link).code == 0
    assert link.is_symlink() and target.read_text(encoding="utf-8").startswith("---\n")


PYTHON_M = (sys.executable, "-m", "cipbilingual")


def test_output_to_dev_stdout_in_a_real_process(approved_article: str, workspace: Path) -> None:
    import subprocess

    done = subprocess.run(
        [*PYTHON_M, "export", approved_article, "--format", "txt", "-o", "/dev/stdout"],
        cwd=workspace,
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode("utf-8").startswith("Requirement of the Municipal")


@pytest.mark.parametrize("dest", ["{ws}", "{ws}/no/such/folder/out.md"])
def test_bad_output_is_one_line_and_writes_nothing(
    approved_article: str, run: Run, workspace: Path, dest: str
) -> None:
    before = snapshot(workspace)
    result = run("export", approved_article, "--format", "md", "-o", dest.format(ws=workspace))
    assert result.code == 2
    assert result.err.count("\n") == 1, result.err
    assert snapshot(workspace) == before


# -- the sample workspace ---------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["json", "md", "html", "txt", "xliff", "tmx", "proof", "tsv"])
@pytest.mark.parametrize("bilingual", [False, True])
def test_the_sample_article_exports_in_every_format(
    tmp_path: Path, run: Run, fmt: str, bilingual: bool
) -> None:
    import os

    from tests.cli.conftest import SAMPLE_SLUG, copy_sample_workspace

    os.chdir(copy_sample_workspace(tmp_path / "sample"))
    args = ("--bilingual",) if bilingual else ()
    result = run("export", SAMPLE_SLUG, "--format", fmt, *args)
    assert result.code == 0, result.err
    assert len(result.out) > 1000


# -- articles made by `align` -----------------------------------------------------------------


@pytest.mark.parametrize("one_per_line", [False, True])
def test_an_aligned_article_is_compared_with_its_source_as_align_reads_it(
    workspace: Path, run: Run, one_per_line: bool
) -> None:
    """An aligned segment may join several sentences of the source (one link): the gate
    re-reads the kept source as `align` does and expects each link's Chinese, in order."""
    from tests.align.gold import GOLD_DIR, load_gold
    from tests.cli.conftest import ARTICLE1, CORPUS

    if one_per_line:
        gold = load_gold(GOLD_DIR / "literary-kong-yiji.json")
        files: tuple[Path | str, ...] = (gold.zh_file, gold.en_file, "--one-per-line")
    else:
        files = (ARTICLE1, CORPUS / "cip-2019-11-24-wang-quan-visit.en.txt")
    assert run("--user", "li", "align", *files, "--slug", "aligned").code == 0
    approve = ("--user", "wang", "approve", "aligned", "--all-translated")
    assert run(*approve, "--override", "archive English, checked").code == 0
    status = run("status", "aligned", "--json").json()
    assert isinstance(status, dict)
    assert [p["check"] for p in status["problems"] if p["check"].startswith("source")] == []
    assert run("export", "aligned", "--format", "txt", "--allow-partial").code == 0
    po = catalog(workspace, "aligned")
    article = load_article(po)
    dropped = article.segments[3]
    article.segments.remove(dropped)
    save_article(article, po)
    result = run("export", "aligned", "--format", "txt", "--allow-partial")
    assert result.code == 1
    assert "source-sentence-missing" in result.err and "aligned unit 4" in result.err


def test_a_silenced_error_does_not_stop_approval_or_export(imported: str, run: Run) -> None:
    english = sample_english()
    english["p1.s1"] = english["p1.s1"].replace(*WRONG_DATE)
    for sid in ("p1.s1", "p1.s2", "p1.s3"):
        run("--user", "li", "translate", imported, sid, english[sid])
    reason = "The notice was dated 12 November"
    silenced = run("--user", "wang", "silence", imported, "p1.s1", "dates", "--reason", reason)
    assert silenced.code == 0, silenced.err
    approved = run("--user", "wang", "approve", imported, "p1.s1", "p1.s2", "p1.s3", "--json")
    assert approved.code == 0, approved.err
    assert approved.json()["overridden"] == {}  # type: ignore[index]
    exported = run("export", imported, "--format", "json", "--allow-partial")
    assert exported.code == 0, exported.err
    assert exported.json()["paragraphs"][0].startswith(english["p1.s1"])  # type: ignore[index]
