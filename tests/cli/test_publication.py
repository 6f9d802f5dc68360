"""Publication records and corrections through the CLI: `export --publish` keeps a manifest in
the article folder; `changes` shows what changed since; a hand-edited manifest is refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cipbilingual.publication import text_sha256
from tests.cli.conftest import Run, sample_english
from tests.cli.test_publish_gate import approve_all, snapshot, translate_all


@pytest.fixture
def published(imported: str, run: Run, workspace: Path) -> str:
    translate_all(run, imported, sample_english())
    approve_all(run, imported)
    result = run(
        "--user", "wang", "export", imported, "--format", "html", "-o", "a.html", "--publish"
    )
    assert result.code == 0, result.err
    assert f"Published {imported}: publication 1 (html)" in result.err
    return imported


def manifest_path(workspace: Path, slug: str) -> Path:
    return workspace / "articles" / slug / "published.json"


def test_publish_writes_a_record_per_segment(published: str, workspace: Path) -> None:
    data = json.loads(manifest_path(workspace, published).read_text(encoding="utf-8"))
    assert data["slug"] == published and len(data["digest"]) == 64
    [pub] = data["publications"]
    assert (pub["number"], pub["published_by"], pub["format"]) == (1, "wang", "html")
    assert pub["corrects"] is None and pub["changed"] == []
    assert pub["source_file"] == "source.zh.txt" and len(pub["source_sha256"]) == 64
    english = sample_english()
    assert [s["id"] for s in pub["segments"]] == list(english)
    first = pub["segments"][1]
    assert first["english"] == english["p1.s1"]
    assert first["english_sha256"] == text_sha256(english["p1.s1"])
    assert first["source_sha256"] == text_sha256(
        "11月21日下午，常州市委书记汪泉专程到中以常州创新园调研。"
    )
    assert first["approver"] == "wang" and first["approved_at"].endswith("Z")
    assert first["origin"] is None and first["override"] is None and first["signature"] is None


def test_a_publication_is_in_the_history(published: str, run: Run) -> None:
    story = run("log", published, "--json").json()
    assert isinstance(story, dict)
    last = story["records"][-1]
    assert (last["act"], last["by"], last["segment"]) == ("publish", "wang", "")
    assert last["reason"] == "publication 1 (html)"


def test_changes_since_the_last_publication(published: str, run: Run, workspace: Path) -> None:
    none_yet = run("changes", published)
    assert none_yet.code == 0 and f"{published}: 0 change(s) since publication 1" in none_yet.out
    english = sample_english()
    corrected = english["p2.s1"].replace("Israel Center", "Israel Centre")
    run("--user", "li", "translate", published, "p2.s1", corrected)
    run("--user", "li", "translate", published, "p3.s1", english["p3.s1"] + " Updated.")
    assert run("--user", "wang", "approve", published, "p2.s1").code == 0
    report = run("changes", published, "--json")
    assert report.code == 0, report.err
    data = report.json()
    assert isinstance(data, dict)
    assert data["published"]["number"] == 1 and data["published"]["published_by"] == "wang"
    assert data["changes"] == [
        {
            "segment": "p2.s1",
            "change": "changed",
            "before": english["p2.s1"],
            "after": corrected,
            "state": "approved",
        },
        {
            "segment": "p3.s1",
            "change": "pending",
            "before": english["p3.s1"],
            "after": english["p3.s1"] + " Updated.",
            "state": "translated",
        },
    ]
    human = run("changes", published).out
    assert "changed  p2.s1:" in human and "→" in human and "pending  p3.s1:" in human
    # Not publishable while p3.s1 waits; once approved, publishing again records the correction.
    assert run("export", published, "--format", "html", "--publish").code == 1
    assert run("--user", "wang", "approve", published, "p3.s1").code == 0
    again = run("export", published, "--format", "json", "--publish", "-o", "a.json")
    assert again.code == 0, again.err
    assert "2 change(s) since publication 1: write the correction notice" in again.err
    assert "changed  p2.s1" in again.err
    pubs = json.loads(manifest_path(workspace, published).read_text())["publications"]
    assert [p["number"] for p in pubs] == [1, 2]
    assert pubs[1]["corrects"] == 1 and pubs[1]["changed"] == ["p2.s1", "p3.s1"]
    assert pubs[1]["published_by"] == ""  # a script without a person
    assert run("changes", published, "--json").json()["changes"] == []  # type: ignore[index]


def test_never_published(imported: str, run: Run) -> None:
    result = run("changes", imported)
    assert result.code == 0 and "has not been published yet" in result.out
    assert run("changes", imported, "--json").json() == {
        "slug": imported,
        "published": None,
        "changes": [],
    }


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda t: t.replace('"published_by": "wang"', '"published_by": "zhao"'), "by hand"),
        (lambda t: t.replace('"english": "On', '"english": "Yesterday. On', 1), "by hand"),
        (lambda t: t[: len(t) // 2], "not a publication record"),
        (lambda t: "[]", "not a cipbilingual publication record"),
    ],
)
def test_a_manifest_edited_by_hand_is_refused(
    published: str, run: Run, workspace: Path, edit: object, message: str
) -> None:
    path = manifest_path(workspace, published)
    assert callable(edit)
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    before = snapshot(workspace)
    for args in (
        ("export", published, "--format", "md", "--publish", "-o", "b.md"),
        ("changes", published),
    ):
        result = run(*args)
        assert result.code == 2, result.err
        assert message in result.err and "published.json" in result.err
        assert result.err.count("\n") == 1, result.err
        assert snapshot(workspace) == before
    assert not (workspace / "b.md").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--allow-partial",), "a partial export cannot be published"),
        (("--format", "proof"), "is for review"),
    ],
)
def test_publish_refuses_partial_and_review_exports(
    published: str, run: Run, workspace: Path, args: tuple[str, ...], message: str
) -> None:
    before = snapshot(workspace)
    fmt = () if "--format" in args else ("--format", "md")
    result = run("export", published, *fmt, *args, "--publish")
    assert result.code == 2 and message in result.err
    assert snapshot(workspace) == before


def test_a_failed_write_records_no_publication(published: str, run: Run, workspace: Path) -> None:
    before = manifest_path(workspace, published).read_bytes()
    result = run("export", published, "--format", "md", "--publish", "-o", "no/such/dir/x.md")
    assert result.code == 2
    assert manifest_path(workspace, published).read_bytes() == before
