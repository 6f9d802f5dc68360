"""History through the CLI: every act leaves a record, `log` tells a segment's story, comments
reach the person they address, reports count per person, and git merges histories cleanly."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from cipbilingual.workspace import Workspace
from tests.cli.conftest import ARTICLE1, Run

SLUG = "visit"  # ARTICLE1 imported a second time under this slug, drafted from the memory
FIRST = "On the afternoon of November 21, Wang Quan visited the CIP."


def records(root: Path, slug: str) -> list[dict[str, Any]]:
    path = root / "articles" / slug / "history.jsonl"
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


def acts(root: Path, slug: str, segment: str) -> list[str]:
    return [r["act"] for r in records(root, slug) if r["segment"] == segment]


@pytest.fixture
def drafted(imported: str, run: Run, workspace: Path) -> str:
    """ARTICLE1 imported again as `visit`, whose p1.s1 the memory drafted (the first import's
    p1.s1 was translated and approved, so it is a 101% match)."""
    assert run("--user", "li", "translate", imported, "p1.s1", FIRST).code == 0
    assert run("--user", "wang", "approve", imported, "p1.s1").code == 0
    assert run("--user", "li", "import", ARTICLE1, "--slug", SLUG).code == 0
    result = run("--user", "li", "draft", SLUG, "--engine", "tm", "--json")
    assert result.code == 0, result.err
    assert "p1.s1" in result.json()["drafted"]  # type: ignore[index]
    return SLUG


def test_the_full_story_of_a_segment(drafted: str, run: Run, workspace: Path) -> None:
    """draft → translated → sent back → translated → approved → corrected, told by `log`."""
    steps = [
        ("li", "translate", drafted, "p1.s1", "On Nov 21 afternoon, Wang Quan visited the CIP."),
        ("wang", "reject", drafted, "p1.s1", "--reason", "Write the date as house style says"),
        ("li", "translate", drafted, "p1.s1", FIRST),
        ("wang", "approve", drafted, "p1.s1"),
        ("wang", "translate", drafted, "p1.s1", FIRST.replace("the CIP", "the Park")),
    ]
    for person, *args in steps:
        result = run("--user", person, *args)
        assert result.code == 0, result.err
    assert acts(workspace, drafted, "p1.s1") == [
        "draft", "translate", "reject", "translate", "approve", "translate",
    ]  # fmt: skip
    data = run("log", drafted, "p1.s1", "--json").json()
    assert isinstance(data, dict)
    story = data["records"]
    assert [(r["act"], r["by"], r["was"], r["state"]) for r in story] == [
        ("draft", "li", "new", "draft"),
        ("translate", "li", "draft", "translated"),
        ("reject", "wang", "translated", "needs_work"),
        ("translate", "li", "needs_work", "translated"),
        ("approve", "wang", "translated", "approved"),
        ("translate", "wang", "approved", "translated"),
    ]
    assert story[0]["origin"].startswith("tm 101 ")
    assert story[0]["after"] == FIRST
    assert story[2]["reason"] == "Write the date as house style says"
    assert story[4]["machine"] == FIRST  # the approval keeps the machine draft beside it
    assert story[5]["before"] == FIRST and story[5]["after"].endswith("visited the Park.")
    assert all(r["at"].endswith("Z") and len(r["id"]) == 12 for r in story)
    assert set(story[0]) == {
        "id", "act", "segment", "by", "at", "before", "after", "was", "state", "origin",
        "reason", "machine", "text", "to", "ref",
    }  # fmt: skip
    text = run("log", drafted, "p1.s1")
    assert text.code == 0, text.err
    lines = text.out.splitlines()
    assert lines[0].startswith("p1.s1  11月21日下午")
    heads = [line.split()[1:3] for line in lines if line.startswith("  20")]
    assert [h[0] for h in heads] == [
        "drafted", "translated", "sent", "translated", "approved", "translated",
    ]  # fmt: skip
    assert "reason: Write the date as house style says" in text.out
    # Word diffs against the version before: what li changed after the rejection.
    assert "On [-Nov 21 afternoon,-]{+the afternoon of November 21,+} Wang" in text.out
    assert "visited the [-CIP.-]{+Park.+}" in text.out


def test_log_of_the_article_and_of_a_missing_segment(drafted: str, run: Run) -> None:
    whole = run("log", drafted, "--json").json()
    assert isinstance(whole, dict) and whole["segment"] is None
    assert [r["act"] for r in whole["records"]][:2] == ["import", "draft"]
    assert whole["records"][0]["segment"] == "" and whole["records"][0]["by"] == "li"
    text = run("log", drafted)
    assert "article  imported" in text.out and "p1.s1    drafted" in text.out
    missing = run("log", drafted, "p9.s9")
    assert missing.code == 2 and missing.err.count("\n") == 1 and "no segment p9.s9" in missing.err
    bad = run("log", drafted, "nonsense")
    assert bad.code == 2 and "not a segment id" in bad.err
    quiet = run("log", drafted, "p2.s1")
    assert quiet.code == 0 and "no history yet" in quiet.out


def test_approving_a_sent_back_unchanged_segment_needs_a_reason(
    imported: str, run: Run, workspace: Path
) -> None:
    run("--user", "li", "translate", imported, "p1.s2", "He stressed raising sights.")
    run("--user", "wang", "reject", imported, "p1.s2", "--reason", "Too loose")
    status = run("status", imported)
    assert "last: sent back by wang" in status.out
    catalog = (workspace / "articles" / imported / "en.po").read_text("utf-8")
    assert "# rejected: " in catalog and catalog.count(" wang\n") >= 1
    before = catalog
    refused = run("--user", "wang", "approve", imported, "p1.s2")
    assert refused.code == 2
    assert "sent back by wang" in refused.err and "--reason" in refused.err
    assert refused.err.count("\n") == 1
    assert (workspace / "articles" / imported / "en.po").read_text("utf-8") == before
    ok = run("--user", "wang", "approve", imported, "p1.s2", "--reason", "Checked: it is right")
    assert ok.code == 0, ok.err
    last = records(workspace, imported)[-1]
    assert (last["act"], last["by"], last["reason"]) == ("approve", "wang", "Checked: it is right")
    # Confirmed again by the translator exactly as it was sent back: still a reason.
    run("--user", "li", "translate", imported, "p2.s1", "They toured the hall.")
    run("--user", "wang", "reject", imported, "p2.s1", "--reason", "Which hall?")
    run("--user", "li", "translate", imported, "p2.s1", "They toured the hall.")
    again = run("--user", "wang", "approve", imported, "--all-translated")
    assert again.code == 2 and "p2.s1 was sent back by wang" in again.err
    # Changed since it was sent back: no reason asked.
    run("--user", "li", "translate", imported, "p1.s3", "First try.")
    run("--user", "wang", "reject", imported, "p1.s3", "--reason", "Rewrite")
    run("--user", "li", "translate", imported, "p1.s3", "Second try.")
    assert run("--user", "wang", "approve", imported, "p1.s3").code == 0


def test_comments_reach_the_person_addressed_until_resolved(
    imported: str, run: Run, workspace: Path
) -> None:
    made = run("--user", "wang", "comment", imported, "p1.s1", "@li is 3.6亿 right? Mail x@y.org")
    assert made.code == 0, made.err
    comment_id = made.out.split("comment ")[1].split()[0]
    assert "(to li)" in made.out
    mine = run("--user", "li", "queue", "--json").json()
    assert isinstance(mine, list)
    comments = [i for i in mine if i["kind"] == "comment"]
    assert [(c["segment"], c["comment"]["by"], c["comment"]["to"]) for c in comments] == [
        ("p1.s1", "wang", ["li"])
    ]
    assert [
        i for i in run("--user", "wang", "queue", "--json").json() if i["kind"] == "comment"
    ] == []  # type: ignore[union-attr]
    logged = run("log", imported, "p1.s1")
    assert "“@li is 3.6亿 right? Mail x@y.org”  → li" in logged.out
    done = run("--user", "li", "comment", imported, "p1.s1", "--resolve", comment_id[:6], "Yes")
    assert done.code == 0, done.err
    assert [
        i for i in run("--user", "li", "queue", "--json").json() if i["kind"] == "comment"
    ] == []  # type: ignore[union-attr]
    story = run("log", imported, "p1.s1", "--json").json()
    assert [(r["act"], r["ref"], r["text"]) for r in story["records"]] == [  # type: ignore[index]
        ("comment", "", "@li is 3.6亿 right? Mail x@y.org"),
        ("resolve", comment_id, "Yes"),
    ]
    again = run("--user", "li", "comment", imported, "p1.s1", "--resolve", comment_id)
    assert again.code == 2 and "no open comment" in again.err


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("@zhao please look", "@zhao is not in [people]"),
        ("   ", "the comment is empty"),
        ("bad \x07 bell", "control character U+0007"),
        ("x" * 2001, "at most 2000"),
    ],
)
def test_bad_comments_are_refused_and_nothing_is_written(
    imported: str, run: Run, workspace: Path, text: str, message: str
) -> None:
    history = workspace / "articles" / imported / "history.jsonl"
    before = history.read_bytes()
    result = run("--user", "wang", "comment", imported, "p1.s1", text)
    assert result.code == 2
    assert message in result.err and result.err.count("\n") == 1
    assert history.read_bytes() == before


def test_revert_to_an_earlier_english_is_a_recorded_translation(
    imported: str, run: Run, workspace: Path
) -> None:
    run("--user", "li", "translate", imported, "p1.s1", "Version one.")
    run("--user", "li", "translate", imported, "p1.s1", "Version two.")
    first = next(r for r in records(workspace, imported) if r.get("after") == "Version one.")
    done = run("--user", "wang", "revert", imported, "p1.s1", first["id"][:8], "--json")
    assert done.code == 0, done.err
    assert done.json() == {
        "slug": imported, "segment": "p1.s1", "state": "translated", "target": "Version one.",
        "version": first["id"],
    }  # fmt: skip
    last = records(workspace, imported)[-1]
    assert (last["act"], last["by"], last["ref"]) == ("translate", "wang", first["id"])
    assert (last["before"], last["after"]) == ("Version two.", "Version one.")
    assert last["reason"].startswith("revert to the English of translate by li")
    assert Workspace.discover().load(imported).segment("p1.s1").target == "Version one."
    unknown = run("--user", "wang", "revert", imported, "p1.s1", "ffffffffffff")
    assert unknown.code == 2 and "no version" in unknown.err
    same = run("--user", "wang", "revert", imported, "p1.s1", first["id"])
    assert same.code == 2 and "already has the English" in same.err


def test_report_per_person(drafted: str, run: Run, workspace: Path) -> None:
    # li confirms the memory's draft unedited; wang approves it; li edits p1.s2 from scratch.
    run("--user", "li", "translate", drafted, "p1.s1", FIRST)
    run("--user", "wang", "approve", drafted, "p1.s1")
    run("--user", "li", "translate", drafted, "p1.s2", "He stressed the mission.")
    run("--user", "wang", "reject", drafted, "p1.s2", "--reason", "Fuller, please")
    result = run("report", "--json")
    assert result.code == 0, result.err
    data = result.json()
    assert isinstance(data, dict)
    people = {p["person"]: p for p in data["people"]}
    source = Workspace.discover().load(drafted)
    chars = len(source.segment("p1.s1").source)
    both = chars + len(source.segment("p1.s2").source)
    li, wang = people["li"], people["wang"]
    # li translated p1.s1 in both articles and p1.s2 here.
    assert li["translated"] == {"segments": 3, "chars": 2 * chars + both - chars}
    assert li["returned"] == 1
    assert li["drafts_approved_unedited"] == 1
    assert li["post_edit_distance"] == {"median": 0.0, "segments": 1}
    assert wang["approved"] == {"segments": 2, "chars": 2 * chars}
    assert wang["sent_back"] == {"segments": 1, "chars": len(source.segment("p1.s2").source)}
    assert set(li) == {
        "person", "translated", "approved", "sent_back", "returned", "post_edit_distance",
        "drafts_approved_unedited",
    }  # fmt: skip
    text = run("report")
    assert text.out.splitlines()[0].startswith("Since ")
    assert any(line.startswith("li ") for line in text.out.splitlines())
    future = run("report", "--since", "2999-01-01", "--json").json()
    assert future["people"] == []  # type: ignore[index]
    bad = run("report", "--since", "last tuesday")
    assert bad.code == 2 and "is not a date" in bad.err


def test_every_cli_act_writes_a_record(imported: str, run: Run, workspace: Path) -> None:
    run("--user", "li", "translate", imported, "p2.s1", "The delegation visited the hall.")
    run("--user", "wang", "approve", imported, "p2.s1")
    text = ARTICLE1.read_text(encoding="utf-8").replace(
        "汪泉一行参观了中以常州创新园以色列中心展厅。", "汪泉一行参观了以色列中心展厅。"
    )
    revised = workspace.parent / "revised.txt"
    revised.write_text(text, encoding="utf-8")
    assert run("--user", "li", "import", revised, "--slug", imported, "--update").code == 0
    got = records(workspace, imported)
    assert [r["act"] for r in got] == ["import", "translate", "approve", "reimport", "reimport"]
    changed = got[3]
    assert (changed["segment"], changed["was"], changed["state"]) == ("p2.s1", "approved", "draft")
    assert changed["after"] == "The delegation visited the hall."
    assert changed["reason"] == "the Chinese changed"
    assert got[4]["segment"] == "" and "1 changed" in got[4]["reason"]


def test_a_torn_history_line_is_reported_never_fatal(
    imported: str, run: Run, workspace: Path
) -> None:
    history = workspace / "articles" / imported / "history.jsonl"
    run("--user", "li", "translate", imported, "p1.s1", "One.")
    with history.open("ab") as handle:
        handle.write(b'{"act":"translate","segment":"p1.s1","by":"li","at":"2026-')
    result = run("log", imported, "p1.s1")
    assert result.code == 0
    assert "torn last line ignored" in result.err and "history.jsonl:3" in result.err
    status = run("status", imported)
    assert status.code == 0 and "torn last line ignored" in status.out
    assert run("--user", "li", "translate", imported, "p1.s1", "Two.").code == 0
    assert [r["after"] for r in records(workspace, imported)[1:]] == ["One.", "Two."]


def test_a_symlinked_history_is_refused_and_nothing_is_written(
    imported: str, run: Run, workspace: Path, tmp_path: Path
) -> None:
    history = workspace / "articles" / imported / "history.jsonl"
    outside = tmp_path / "elsewhere.jsonl"
    kept = history.read_bytes()
    outside.write_bytes(kept)
    history.unlink()
    history.symlink_to(outside)
    catalog = workspace / "articles" / imported / "en.po"
    before = catalog.read_bytes()
    result = run("--user", "li", "translate", imported, "p1.s1", "One.")
    assert result.code == 2 and "symbolic link" in result.err and result.err.count("\n") == 1
    assert catalog.read_bytes() == before
    assert outside.read_bytes() == kept
    assert run("log", imported).code == 2


def git(root: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    done = subprocess.run(
        ["git", *args], cwd=root, env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def test_two_branches_that_appended_history_merge_cleanly(
    imported: str, run: Run, workspace: Path
) -> None:
    assert shutil.which("git"), "git is installed by scripts/dev-setup"
    assert (workspace / ".gitattributes").read_text() == "articles/*/history.jsonl merge=union\n"
    git(workspace, "init", "-q", "-b", "main")
    git(workspace, "add", "-A")
    git(workspace, "commit", "-qm", "import")
    git(workspace, "checkout", "-qb", "li-branch")
    run("--user", "li", "translate", imported, "p1.s1", "Li's English.")
    run("--user", "li", "comment", imported, "p1.s1", "@wang please check")
    git(workspace, "commit", "-qam", "li")
    git(workspace, "checkout", "-q", "main")
    run("--user", "wang", "translate", imported, "p3.s1", "Wang's English.")
    run("--user", "wang", "reject", imported, "p3.s1", "--reason", "Mine, but wrong")
    git(workspace, "commit", "-qam", "wang")
    git(workspace, "merge", "-q", "--no-edit", "li-branch")
    assert git(workspace, "status", "--porcelain") == ""
    got = records(workspace, imported)
    assert got[0]["act"] == "import"
    assert [(r["act"], r["by"]) for r in got[1:]] == [
        ("translate", "wang"), ("reject", "wang"), ("translate", "li"), ("comment", "li"),
    ]  # fmt: skip
    assert run("log", imported).code == 0
    assert "<<<<<<<" not in (workspace / "articles" / imported / "history.jsonl").read_text()


def test_an_article_folder_linked_out_of_the_workspace_is_refused(
    imported: str, run: Run, workspace: Path, tmp_path: Path
) -> None:
    folder = workspace / "articles" / imported
    elsewhere = tmp_path / "elsewhere"
    shutil.move(folder, elsewhere)
    folder.symlink_to(elsewhere)
    catalog = elsewhere / "en.po"
    before = catalog.read_bytes(), (elsewhere / "history.jsonl").read_bytes()
    result = run("--user", "li", "translate", imported, "p1.s1", "One.")
    assert result.code == 2 and "leads outside the workspace" in result.err
    assert (catalog.read_bytes(), (elsewhere / "history.jsonl").read_bytes()) == before


def test_an_older_workspace_learns_to_merge_histories(
    imported: str, run: Run, workspace: Path
) -> None:
    (workspace / ".gitattributes").write_text("*.po text\n", encoding="utf-8")
    (workspace / "articles" / imported / "history.jsonl").unlink()
    assert run("--user", "li", "translate", imported, "p1.s1", "One.").code == 0
    assert (workspace / ".gitattributes").read_text("utf-8") == (
        "*.po text\narticles/*/history.jsonl merge=union\n"
    )


def test_with_the_merge_driver_a_clash_in_the_catalog_leaves_the_history_merged(
    imported: str, run: Run, workspace: Path
) -> None:
    git(workspace, "init", "-q", "-b", "main")
    assert run("git", "setup").code == 0
    attributes = (workspace / ".gitattributes").read_text("utf-8")
    assert "articles/*/history.jsonl merge=union" in attributes
    assert "merge=cipbilingual" in attributes
    git(workspace, "add", "-A")
    git(workspace, "commit", "-qm", "import")
    git(workspace, "checkout", "-qb", "li-branch")
    run("--user", "li", "translate", imported, "p1.s1", "Li's English.")
    git(workspace, "commit", "-qam", "li")
    git(workspace, "checkout", "-q", "main")
    run("--user", "wang", "translate", imported, "p1.s1", "Wang's English.")
    git(workspace, "commit", "-qam", "wang")
    merged = subprocess.run(
        ["git", "merge", "-q", "--no-edit", "li-branch"],
        cwd=workspace,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
             "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"},
    )  # fmt: skip
    assert merged.returncode == 1  # the catalog keeps the clash for a person
    unmerged = git(workspace, "diff", "--name-only", "--diff-filter=U").split()
    assert unmerged == [f"articles/{imported}/en.po"]  # the history merged by itself
    mine = run("--user", "wang", "git", "choose", imported, "p1.s1", "theirs")
    assert mine.code == 0, mine.err
    story = [(r["act"], r["by"], r["after"]) for r in records(workspace, imported)[1:]]
    assert story == [
        ("translate", "wang", "Wang's English."),
        ("translate", "li", "Li's English."),
        ("merge", "wang", "Li's English."),
    ]
    assert records(workspace, imported)[-1]["reason"] == "settled a merge: theirs"


def test_xliff_import_is_recorded(imported: str, run: Run, workspace: Path) -> None:
    from translate.storage import xliff

    run("--user", "li", "translate", imported, "p1.s2", "He stressed the mission.")
    assert run("export", imported, "--format", "xliff", "-o", "out.xlf").code == 0
    store = xliff.xlifffile.parsefile("out.xlf")
    for unit in store.units:
        sid = unit.getid().split("\x04")[-1]
        if sid == "p1.s1":
            unit.target = "The agency's English."
            unit.markapproved(True)
        elif sid == "p1.s2":
            unit.target = "He stressed the national mission."
            unit.markapproved(True)
    store.savefile("back.xlf")
    result = run("--user", "wang", "xliff", "import", "back.xlf")
    assert result.code == 0, result.err
    got = [r for r in records(workspace, imported) if r["act"] == "xliff-import"]
    assert [(r["segment"], r["by"], r["was"], r["state"]) for r in got] == [
        ("p1.s1", "wang", "new", "translated"),
        ("p1.s2", "wang", "translated", "translated"),
    ]
    assert got[1]["before"] == "He stressed the mission."
    assert got[1]["origin"].startswith("xliff")
    again = run("--user", "wang", "xliff", "import", "back.xlf")
    assert again.code == 0
    assert len([r for r in records(workspace, imported) if r["act"] == "xliff-import"]) == 2
