"""`cipbilingual show`: every segment for scripts, without parsing en.po by hand."""

from __future__ import annotations

from pathlib import Path

from tests.cli.conftest import Run


def test_show_json_lists_every_segment(imported: str, run: Run, workspace: Path) -> None:
    from cipbilingual.workspace import Workspace

    run("--user", "li", "translate", imported, "p1.s1", "On 21 November, Wang Quan visited 中以.")
    run("--user", "wang", "approve", imported, "p1.s1", "--override", "kept as written")
    run("--user", "li", "translate", imported, "p1.s2", "He said so.")
    run("--user", "wang", "reject", imported, "p1.s2", "--reason", "Too short")
    result = run("show", imported, "--json")
    assert result.code == 0, result.err
    data = result.json()
    assert isinstance(data, dict)
    article = Workspace.discover().load(imported)
    assert data["slug"] == imported and data["title"] == article.meta.title
    rows = data["segments"]
    assert [r["id"] for r in rows] == [str(s.id) for s in article.segments]
    assert [r["source"] for r in rows] == [s.source for s in article.segments]
    first = rows[1]
    assert first["id"] == "p1.s1" and first["state"] == "approved"
    assert first["approver"] == "wang" and first["translator"] == "li"
    assert first["findings"] >= 1  # Chinese left in the English
    assert set(first) == {
        "id", "block", "source", "target", "state", "origin", "translator", "translated_at",
        "approver", "approved_at", "reason", "findings", "conflict",
    }  # fmt: skip
    assert rows[2]["state"] == "needs_work" and rows[2]["reason"] == "Too short"
    assert rows[3]["state"] == "new" and rows[3]["target"] == "" and rows[3]["findings"] == 0


def test_show_filters_by_state_and_prints_text(imported: str, run: Run) -> None:
    run("--user", "li", "translate", imported, "p2.s1", "The delegation visited the hall.")
    only = run("show", imported, "--state", "translated", "--json").json()
    assert isinstance(only, dict)
    assert [r["id"] for r in only["segments"]] == ["p2.s1"]
    both = run("show", imported, "--state", "translated", "--state", "new", "--json").json()
    assert isinstance(both, dict) and len(both["segments"]) > 1
    text = run("show", imported, "--state", "translated")
    assert text.code == 0
    # QA now notices that the English drops 汪泉 and is a third of its usual length.
    assert text.out.splitlines()[0] == "p2.s1  translated, by li, 2 finding(s)"
    assert "  en  The delegation visited the hall." in text.out
    none = run("show", imported, "--state", "approved")
    assert none.code == 0 and "no segments in state approved" in none.out


def test_show_bad_input(imported: str, run: Run) -> None:
    missing = run("show", "no-such-article")
    assert missing.code == 2 and "no article 'no-such-article'" in missing.err
    bad_state = run("show", imported, "--state", "done")
    assert bad_state.code == 2 and bad_state.err.count("\n") == 1
