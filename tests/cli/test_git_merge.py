"""Real git repositories, real merges: the catalogs' driver merges per segment and per glossary
entry, keeps a clash for a person, re-checks approvals, and `git resolve` fixes what git left
with conflict markers."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from cipbilingual.models import State
from cipbilingual.workspace import Workspace
from tests.cli.conftest import ARTICLE1, Run, copy_sample_workspace

SLUG = "2019-12-10-zhong-yi-chang-zhou-chuang-xin-yuan"
FIRST = "2019-11-24-wang-quan-zai-zhong-yi-chang-zhou"

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(repo: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=False)
    if check and done.returncode != 0:
        raise AssertionError(f"git {' '.join(args)}: {done.stdout}{done.stderr}")
    return done


@pytest.fixture
def repo(tmp_path: Path, run: Run, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The sample workspace as a git repository with the driver set up, on branch main."""
    for var, value in (
        ("GIT_AUTHOR_NAME", "li"),
        ("GIT_AUTHOR_EMAIL", "li@example.org"),
        ("GIT_COMMITTER_NAME", "li"),
        ("GIT_COMMITTER_EMAIL", "li@example.org"),
    ):
        monkeypatch.setenv(var, value)
    root = copy_sample_workspace(tmp_path / "newsroom")
    (root / ".gitignore").write_text(".cipbilingual/\n", encoding="utf-8")
    os.chdir(root)
    git(root, "init", "-q", "-b", "main")
    result = run("git", "setup")
    assert result.code == 0, result.err
    assert "merge=cipbilingual" in (root / ".gitattributes").read_text(encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "sample workspace")
    return root


def on_branch(repo: Path, name: str, run: Run, *commands: tuple[str, ...]) -> None:
    """Create branch `name` from main, run cipbilingual commands there, commit."""
    git(repo, "checkout", "-q", "-b", name, "main")
    for args in commands:
        result = run(*args)
        assert result.code == 0, (args, result.err)
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", f"work on {name}")


def load(slug: str = SLUG):  # type: ignore[no-untyped-def]
    return Workspace.discover().load(slug)


def test_setup_is_idempotent_and_needs_a_repository(repo: Path, run: Run, tmp_path: Path) -> None:
    before = (repo / ".gitattributes").read_text(encoding="utf-8")
    again = run("git", "setup")
    assert again.code == 0 and "already set" in again.out
    assert (repo / ".gitattributes").read_text(encoding="utf-8") == before
    driver = git(repo, "config", "merge.cipbilingual.driver").stdout
    assert "-m cipbilingual git merge-driver %O %A %B %P" in driver
    plain = tmp_path / "plain"
    assert run("init", plain).code == 0
    outside = run("--workspace", plain, "git", "setup")
    assert outside.code == 2 and "not in a git repository" in outside.err


def test_different_segments_merge_cleanly(repo: Path, run: Run) -> None:
    on_branch(repo, "li", run, ("--user", "li", "translate", SLUG, "p1.s1", "Li's English."))
    on_branch(
        repo,
        "wang",
        run,
        ("--user", "wang", "translate", SLUG, "p2.s1", "Wang's English of 2020."),
        ("--user", "wang", "approve", SLUG, "p2.s1"),
    )
    done = git(repo, "merge", "-q", "li", "-m", "merge li")
    assert "CONFLICT" not in done.stdout + done.stderr
    article = load()
    assert article.segment("p1.s1").target == "Li's English."
    assert article.segment("p2.s1").state is State.APPROVED
    assert article.segment("p2.s1").approval_is_valid()
    assert article.conflicts() == []
    assert git(repo, "status", "--porcelain").stdout == ""


def test_same_segment_clash_is_kept_for_a_person(repo: Path, run: Run) -> None:
    on_branch(repo, "li", run, ("--user", "li", "translate", SLUG, "p3.s1", "Li's version."))
    on_branch(
        repo,
        "wang",
        run,
        ("--user", "wang", "translate", SLUG, "p3.s1", "Wang's version."),
        ("--user", "wang", "approve", SLUG, "p3.s1"),
    )
    done = git(repo, "merge", "li", "-m", "merge li", check=False)
    assert done.returncode == 1
    assert "CONFLICT (content)" in done.stdout
    assert "p3.s1: both sides changed the English" in done.stderr
    po = repo / "articles" / SLUG / "en.po"
    assert "<<<<<<<" not in po.read_text(encoding="utf-8")
    segment = load().segment("p3.s1")
    assert segment.state is State.NEEDS_WORK and segment.conflict is not None
    assert segment.conflict.mine.target == "Wang's version."
    assert segment.conflict.theirs is not None
    assert segment.conflict.theirs.target == "Li's version."
    listed = run("git", "conflicts", "--json")
    assert listed.code == 1
    assert listed.json() == [
        {
            "slug": SLUG,
            "item": "p3.s1",
            "note": "both sides changed the English",
            "mine": "Wang's version.",
            "theirs": "Li's version.",
        }
    ]
    shown = run("show", SLUG, "--json").json()
    assert isinstance(shown, dict)
    assert [r["id"] for r in shown["segments"] if r["conflict"]] == ["p3.s1"]
    refused = run("--user", "wang", "approve", SLUG, "p3.s1")
    assert refused.code == 1 and "merge conflict" in refused.err
    # Keep mine: Wang's approved version comes back, approval and all.
    assert run("--user", "wang", "git", "choose", SLUG, "p3.s1", "mine").code == 0
    kept = load().segment("p3.s1")
    assert (kept.target, kept.state) == ("Wang's version.", State.APPROVED)
    assert kept.approval_is_valid() and kept.conflict is None
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "merge li, p3.s1 settled")
    assert run("git", "conflicts").code == 0


def test_silences_on_both_sides_of_a_clash_survive_the_merge(repo: Path, run: Run) -> None:
    li_english, wang_english = "Li's  version.", "Wang's version version."
    on_branch(
        repo,
        "li",
        run,
        ("--user", "li", "translate", SLUG, "p3.s1", li_english),
        ("--user", "li", "silence", SLUG, "p3.s1", "whitespace", "--reason", "house layout"),
    )
    on_branch(
        repo,
        "wang",
        run,
        ("--user", "wang", "translate", SLUG, "p3.s1", wang_english),
        ("--user", "wang", "silence", SLUG, "p3.s1", "doubled-words", "--reason", "a quote"),
    )
    assert git(repo, "merge", "li", "-m", "merge li", check=False).returncode == 1
    clash = load().segment("p3.s1").conflict
    assert clash is not None and clash.theirs is not None
    assert [s.reason for s in clash.mine.silences] == ["a quote"]
    assert [s.reason for s in clash.theirs.silences] == ["house layout"]
    # Mine's silence holds while the clash waits: its finding stays silenced.
    qa = run("qa", SLUG, "--json").json()
    assert isinstance(qa, list)
    doubled = [f for f in qa if f["segment"] == "p3.s1" and f["check"] == "doubled-words"]
    assert doubled and all(f["silenced"] for f in doubled)
    # Taking theirs brings their silence back with their English.
    assert run("--user", "li", "git", "choose", SLUG, "p3.s1", "theirs").code == 0
    taken = load().segment("p3.s1")
    assert taken.target == li_english
    assert taken.silence_for("whitespace") is not None


def test_take_theirs_or_write_a_third_english(repo: Path, run: Run) -> None:
    on_branch(repo, "li", run, ("--user", "li", "translate", SLUG, "p3.s1", "Li's version."))
    on_branch(repo, "zhang", run, ("--user", "li", "translate", SLUG, "p3.s2", "One."))
    git(repo, "checkout", "-q", "main")
    run("--user", "wang", "translate", SLUG, "p3.s1", "Wang's version.")
    run("--user", "wang", "translate", SLUG, "p3.s2", "Two.")
    git(repo, "commit", "-qam", "main work")
    assert git(repo, "merge", "li", "-m", "merge li", check=False).returncode == 1
    assert run("--user", "li", "git", "choose", SLUG, "p3.s1", "theirs").code == 0
    assert load().segment("p3.s1").target == "Li's version."
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "merged li")
    assert git(repo, "merge", "zhang", "-m", "merge zhang", check=False).returncode == 1
    assert load().segment("p3.s2").conflict is not None
    # Writing a third English settles it too.
    assert run("--user", "wang", "translate", SLUG, "p3.s2", "Three.").code == 0
    settled = load().segment("p3.s2")
    assert settled.conflict is None and settled.target == "Three."
    nothing = run("--user", "wang", "git", "choose", SLUG, "p3.s2", "mine")
    assert nothing.code == 1 and "no merge conflict" in nothing.err


def test_an_approval_and_an_edit_merge_and_the_approval_is_rechecked(repo: Path, run: Run) -> None:
    run("--user", "li", "translate", SLUG, "p4.s1", "First English.")
    git(repo, "commit", "-qam", "p4.s1 translated")
    on_branch(repo, "editor", run, ("--user", "wang", "approve", SLUG, "p4.s1"))
    on_branch(repo, "translator", run, ("--user", "li", "translate", SLUG, "p4.s1", "Better."))
    done = git(repo, "merge", "editor", "-m", "merge editor")
    assert "p4.s1: approval void after the merge" in done.stderr
    segment = load().segment("p4.s1")
    assert (segment.target, segment.state, segment.approval) == ("Better.", State.TRANSLATED, None)


def test_glossary_additions_merge_cleanly(repo: Path, run: Run) -> None:
    on_branch(repo, "a", run, ("glossary", "add", "园区管委会", "Park Administrative Committee"))
    on_branch(repo, "b", run, ("glossary", "add", "园区", "the Park"))
    done = git(repo, "merge", "a", "-m", "merge a")
    assert "CONFLICT" not in done.stdout
    listed = run("glossary", "list", "--json").json()
    assert isinstance(listed, list)
    sources = [t["source"] for t in listed]
    assert "园区管委会" in sources and "园区" in sources
    # Without the driver git's line merge would have clashed on these neighbouring entries.
    git(repo, "checkout", "-q", "-b", "textual", "b^1")
    git(repo, "config", "--remove-section", "merge.cipbilingual")
    textual = git(repo, "merge", "a", "-m", "merge a", check=False)
    assert textual.returncode == 1 and "CONFLICT" in textual.stdout


def test_glossary_clash_is_kept_and_chosen(repo: Path, run: Run) -> None:
    term = "外商独资企业"
    on_branch(repo, "a", run, ("glossary", "edit", term, "--target", "foreign-owned company"))
    on_branch(repo, "b", run, ("glossary", "edit", term, "--target", "WFOE company"))
    done = git(repo, "merge", "a", "-m", "merge a", check=False)
    assert done.returncode == 1
    listed = run("git", "conflicts", "--json")
    assert listed.code == 1
    assert listed.json() == [
        {
            "slug": "",
            "item": term,
            "note": "both sides changed it",
            "mine": "WFOE company",
            "theirs": "foreign-owned company",
        }
    ]
    assert run("git", "choose-term", term, "theirs").code == 0
    shown = run("glossary", "list", "--json").json()
    assert isinstance(shown, list)
    assert next(t for t in shown if t["source"] == term)["target"] == "foreign-owned company"
    assert run("git", "conflicts").code == 0


def test_reimport_on_one_side_and_edits_on_the_other(repo: Path, run: Run) -> None:
    text = ARTICLE1.read_text(encoding="utf-8")
    removed = (
        "市、武进区、高新区领导方国强、李林、戴士富、陆秋明、史旭勇、许志国、朱正清、"
        "李雷等参加调研。"
    )
    edited_zh = "汪泉一行参观了中以常州创新园以色列中心展厅。"
    revised = (
        text.replace(removed, "")
        .replace(edited_zh, "汪泉一行参观了以色列中心展厅。")
        .replace("\n\n汪泉说，", "\n\n新插入的一段。\n\n汪泉说，")
    )
    source = repo.parent / "revised.txt"
    source.write_text(revised, encoding="utf-8")
    on_branch(repo, "reimport", run, ("import", source, "--slug", FIRST, "--update"))
    on_branch(
        repo,
        "edits",
        run,
        ("--user", "wang", "translate", FIRST, "p1.s1", "Edited p1.s1."),  # untouched sentence
        ("--user", "wang", "translate", FIRST, "p2.s1", "Edited p2.s1."),  # its Chinese changed
        ("--user", "wang", "translate", FIRST, "p1.s3", "Edited p1.s3."),  # its sentence removed
    )
    done = git(repo, "merge", "reimport", "-m", "merge the re-import")
    assert "CONFLICT" not in done.stdout
    assert "p2.s1: the Chinese changed on one side and the English on the other" in done.stderr
    assert "p1.s3: changed on one side, its sentence removed on the other" in done.stderr
    article = load(FIRST)
    assert article.segment("p1.s1").target == "Edited p1.s1."
    assert article.segment("p1.s1").state is State.TRANSLATED
    changed = article.segment("p2.s1")
    assert changed.source == "汪泉一行参观了以色列中心展厅。"
    assert (changed.target, changed.state) == ("Edited p2.s1.", State.DRAFT)
    assert changed.previous_source == edited_zh
    assert [s.target for s in article.retired if str(s.id) == "p1.s3"] == ["Edited p1.s3."]
    assert "p7.s1" in [str(s.id) for s in article.segments]
    approved = [s for s in article.segments if s.state is State.APPROVED]
    assert approved and all(s.approval_is_valid() for s in approved)
    assert run("git", "conflicts").code == 0


def test_conflict_markers_are_named_and_git_resolve_merges_per_segment(
    repo: Path, run: Run
) -> None:
    on_branch(
        repo,
        "li",
        run,
        ("--user", "li", "translate", SLUG, "p1.s2", "Li's English."),
        ("--user", "li", "translate", SLUG, "p3.s1", "Li's p3.s1."),
    )
    on_branch(
        repo,
        "wang",
        run,
        ("--user", "wang", "translate", SLUG, "p2.s1", "Wang's."),
        ("--user", "wang", "translate", SLUG, "p3.s1", "Wang's p3.s1."),
    )
    # A clone that never ran `git setup`: git merges the catalog line by line.
    git(repo, "config", "--remove-section", "merge.cipbilingual")
    done = git(repo, "merge", "li", "-m", "merge li", check=False)
    assert done.returncode == 1
    po = repo / "articles" / SLUG / "en.po"
    text = po.read_text(encoding="utf-8")
    assert "<<<<<<<" in text
    line = text.splitlines().index(next(ln for ln in text.splitlines() if ln.startswith("<<<")))
    status = run("status", SLUG)
    assert status.code == 2 and status.err.count("\n") == 1
    assert f"en.po:{line + 1}: unresolved git merge conflict" in status.err
    assert "cipbilingual git resolve" in status.err
    resolved = run("git", "resolve", po)
    assert resolved.code == 0, resolved.err
    assert "1 clash(es) kept (p3.s1)" in resolved.out
    article = load()
    assert article.segment("p1.s2").target == "Li's English."
    assert article.segment("p2.s1").target == "Wang's."
    assert article.segment("p3.s1").conflict is not None
    assert git(repo, "diff", "--name-only", "--diff-filter=U").stdout.strip() != ""
    assert run("--user", "li", "git", "choose", SLUG, "p3.s1", "theirs").code == 0
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "merged")
    assert run("git", "resolve").out.startswith("No unmerged catalog")


def test_the_driver_falls_back_to_lines_for_a_file_it_cannot_read(tmp_path: Path) -> None:
    from cipbilingual.workflow.git import run_merge_driver

    base, mine, theirs = (tmp_path / n for n in ("base", "mine", "theirs"))
    base.write_text("not a catalog\nsecond line\n", encoding="utf-8")
    mine.write_text("not a catalog\nsecond line\nmine\n", encoding="utf-8")
    theirs.write_text("changed\nsecond line\n", encoding="utf-8")
    clean, lines = run_merge_driver(base, mine, theirs, "articles/x/en.po")
    assert clean
    assert "merged line by line instead" in lines[0]
    assert mine.read_text(encoding="utf-8") == "changed\nsecond line\nmine\n"


def test_git_resolve_stages_a_result_without_clashes(repo: Path, run: Run) -> None:
    # Git's line merge clashes on both files; merged per segment and per entry, nothing does:
    # the same English typed by two people, and two neighbouring glossary entries.
    on_branch(
        repo,
        "li",
        run,
        ("--user", "li", "translate", SLUG, "p1.s1", "The same English."),
        ("glossary", "add", "园区管委会", "Park Administrative Committee"),
    )
    on_branch(
        repo,
        "wang",
        run,
        ("--user", "wang", "translate", SLUG, "p1.s1", "The same English."),
        ("glossary", "add", "园区", "the Park"),
    )
    git(repo, "config", "--remove-section", "merge.cipbilingual")
    assert git(repo, "merge", "li", "-m", "merge li", check=False).returncode == 1
    assert len(git(repo, "diff", "--name-only", "--diff-filter=U").stdout.split()) == 2
    resolved = run("git", "resolve")
    assert resolved.code == 0, resolved.err
    assert resolved.out.count("merged per segment and staged") == 2
    assert load().segment("p1.s1").target == "The same English."
    sources = [t["source"] for t in run("glossary", "list", "--json").json()]  # type: ignore[union-attr]
    assert "园区管委会" in sources and "园区" in sources
    assert git(repo, "diff", "--name-only", "--diff-filter=U").stdout == ""
    git(repo, "commit", "-qm", "merged")
    assert run("git", "resolve").out.startswith("No unmerged catalog")
    wrong = run("git", "resolve", "articles/no-such/en.po")
    assert wrong.code == 2 and "not an unmerged file" in wrong.err
