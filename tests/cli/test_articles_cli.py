"""The publishing scripts' contract: init, import, status, translate, approve, reject, export."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.cli.conftest import ARTICLE1, ARTICLE2, Run, sample_english


def test_init_makes_a_workspace(tmp_path: Path, run: Run) -> None:
    result = run("init", tmp_path / "ws", "--editor", "wang")
    assert result.code == 0, result.err
    ws = tmp_path / "ws"
    assert (ws / "cipbilingual.toml").is_file()
    assert 'wang = "editor"' in (ws / "cipbilingual.toml").read_text()
    assert (ws / "articles").is_dir()
    assert (ws / "locales" / "en" / "LC_MESSAGES" / "glossary.po").is_file()
    again = run("init", ws)
    assert again.code == 2
    assert "already a workspace" in again.err


def test_import_status_json_shape(imported: str, run: Run) -> None:
    result = run("status", imported, "--json")
    assert result.code == 0, result.err
    data = result.json()
    assert isinstance(data, dict)
    assert data["slug"] == imported
    assert data["title"].startswith("汪泉在中以常州创新园调研时强调")
    assert set(data["states"]) == {"new", "draft", "translated", "needs_work", "approved"}
    assert data["states"]["new"] == data["segments"] > 10
    listing = run("status", "--json").json()
    assert isinstance(listing, list) and listing[0]["slug"] == imported


def test_slug_is_date_and_pinyin(imported: str) -> None:
    assert imported.startswith("2019-11-24-")
    assert imported.isascii()


def test_translate_approve_export(imported: str, run: Run) -> None:
    english = sample_english()
    result = run("--user", "li", "translate", imported, "p1.s1", english["p1.s1"])
    assert result.code == 0, result.err
    # A translator may not approve: exit 1 with a reason.
    refused = run("--user", "li", "approve", imported, "p1.s1")
    assert refused.code == 1
    assert "only an editor" in refused.err
    approved = run("--user", "wang", "approve", imported, "p1.s1", "--json")
    assert approved.code == 0, approved.err
    assert approved.json() == {"slug": imported, "approved": ["p1.s1"], "overridden": {}}
    # Not every segment approved: export refuses with exit 1 and writes nothing.
    out = Path("out.json")
    refused_export = run("export", imported, "--format", "json", "-o", out)
    assert refused_export.code == 1
    assert "not publishable" in refused_export.err
    assert not out.exists()
    # A partial export prints whole blocks only: p1 waits for p1.s2 and p1.s3.
    partial = run("export", imported, "--format", "json", "--allow-partial")
    assert partial.code == 0, partial.err
    assert partial.json()["paragraphs"] == []  # type: ignore[index]
    for sid in ("p1.s2", "p1.s3"):
        run("--user", "li", "translate", imported, sid, english[sid])
    assert run("--user", "wang", "approve", imported, "--all-translated").code == 0
    partial = run("export", imported, "--format", "json", "--allow-partial")
    assert partial.code == 0, partial.err
    data = partial.json()
    assert isinstance(data, dict)
    assert data["complete"] is False
    assert data["paragraphs"] == [" ".join(english[s] for s in ("p1.s1", "p1.s2", "p1.s3"))]
    assert [s["id"] for s in data["segments"]] == ["p1.s1", "p1.s2", "p1.s3"]
    assert data["segments"][0] == {
        "id": "p1.s1",
        "source": data["segments"][0]["source"],
        "target": english["p1.s1"],
        "state": "approved",
    }
    assert set(data) == {"slug", "title", "date", "complete", "paragraphs", "segments", "omitted"}
    assert [o["block"] for o in data["omitted"]] == [0, 2, 3, 4, 5, 6]
    assert "omitted title (title): t.s1 new" in partial.err


def test_whole_article_publishable(imported: str, run: Run) -> None:
    english = sample_english()
    for sid, text in english.items():
        assert run("--user", "li", "translate", imported, sid, text).code == 0
    result = run("--user", "wang", "approve", imported, "--all-translated")
    assert result.code == 0, result.err
    status = run("status", imported, "--json").json()
    assert isinstance(status, dict)
    assert status["publishable"] is True and status["problems"] == []
    exported = run("export", imported, "--format", "json")
    assert exported.code == 0, exported.err
    data = exported.json()
    assert isinstance(data, dict)
    assert data["complete"] is True
    assert data["title"] == english["t.s1"]
    assert data["date"] == "2019-11-24T16:36:14"
    assert len(data["paragraphs"]) == 6
    assert data["omitted"] == []
    text = run("export", imported, "--format", "txt")
    assert text.code == 0 and text.out.startswith(f"{english['t.s1']}\n\nTime: 2019-11-24 16:36:14")
    for fmt in ("md", "html"):
        assert run("export", imported, "--format", fmt).code == 0


def test_reject_and_edit_voids_approval(imported: str, run: Run) -> None:
    run("--user", "li", "translate", imported, "p1.s2", "First.")
    assert run("--user", "wang", "approve", imported, "p1.s2").code == 0
    no_reason = run("--user", "wang", "reject", imported, "p1.s2", "--reason", "  ")
    assert no_reason.code == 2
    rejected = run(
        "--user", "wang", "reject", imported, "p1.s2", "--reason", "Name the CIP in full"
    )
    assert rejected.code == 0, rejected.err
    states = run("status", imported, "--json").json()["states"]  # type: ignore[index]
    assert states["needs_work"] == 1 and states["approved"] == 0
    run("--user", "li", "translate", imported, "p1.s2", "Second.")
    assert run("--user", "wang", "approve", imported, "p1.s2").code == 0
    # Editing an approved segment takes it back to translated.
    run("--user", "li", "translate", imported, "p1.s2", "Third.")
    states = run("status", imported, "--json").json()["states"]  # type: ignore[index]
    assert states["translated"] == 1 and states["approved"] == 0


def test_hand_edit_voids_approval(imported: str, run: Run, workspace: Path) -> None:
    run("--user", "li", "translate", imported, "p1.s2", "Original English.")
    assert run("--user", "wang", "approve", imported, "p1.s2").code == 0
    po = workspace / "articles" / imported / "en.po"
    text = po.read_text(encoding="utf-8")
    assert "Original English." in text
    po.write_text(text.replace("Original English.", "Tampered English."), encoding="utf-8")
    status = run("status", imported, "--json").json()
    assert status["states"]["approved"] == 0  # type: ignore[index]
    assert status["states"]["translated"] == 1  # type: ignore[index]
    human = run("status", imported)
    assert "approval void" in human.out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("import", "missing.txt"), "missing.txt"),
        (("import", "."), "folder"),
        (("--user", "li", "translate", "nope", "p1.s1", "x"), "no article 'nope'"),
        (("--user", "li", "translate", "{slug}", "p99.s1", "x"), "no segment p99.s1"),
        (("--user", "li", "translate", "{slug}", "bogus", "x"), "not a segment id"),
        (("--user", "nobody", "translate", "{slug}", "p1.s1", "x"), "'nobody' is not in [people]"),
        (("--user", "li", "translate", "{slug}", "p1.s1", "   "), "empty"),
        (("import", str(ARTICLE1), "--slug", "../evil"), "not a valid slug"),
        (("import", str(ARTICLE1), "--slug", "a/b"), "not a valid slug"),
        (("import", str(ARTICLE1)), "already exists"),
        (("status", "nope"), "no article"),
        (("export", "{slug}", "--format", "pdf"), "pdf"),
    ],
)
def test_bad_input_exits_2_with_one_line(
    imported: str, run: Run, workspace: Path, args: tuple[str, ...], message: str
) -> None:
    before = sorted(
        p.relative_to(workspace) for p in workspace.rglob("*") if ".cipbilingual" not in p.parts
    )
    result = run(*(a.format(slug=imported) for a in args))
    assert result.code == 2, (result.out, result.err)
    assert message in result.err
    assert result.err.count("\n") == 1, result.err
    assert "Traceback" not in result.err
    after = sorted(
        p.relative_to(workspace) for p in workspace.rglob("*") if ".cipbilingual" not in p.parts
    )
    assert before == after


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "empty"), (b"   \n\n  ", "empty"), (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "not text")],
)
def test_bad_files_are_refused(workspace: Path, run: Run, content: bytes, message: str) -> None:
    bad = workspace.parent / "bad.txt"
    bad.write_bytes(content)
    result = run("import", bad)
    assert result.code == 2
    assert message in result.err
    assert list((workspace / "articles").iterdir()) == []


def test_no_workspace(tmp_path: Path, run: Run) -> None:
    result = run("status")
    assert result.code == 2
    assert "cipbilingual.toml" in result.err


def test_workspace_discovery_env_and_upwards(
    imported: str, run: Run, workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    sub = workspace / "articles" / imported
    os.chdir(sub)
    assert run("status", "--json").code == 0
    os.chdir(workspace.parent)
    monkeypatch.setenv("CIPBILINGUAL_WORKSPACE", str(workspace))
    assert run("status", "--json").code == 0
    monkeypatch.delenv("CIPBILINGUAL_WORKSPACE")
    assert run("--workspace", workspace, "status", "--json").code == 0
    assert run("--workspace", workspace.parent, "status").code == 2


def test_user_from_env(imported: str, run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CIPBILINGUAL_USER", "wang")
    run("translate", imported, "p1.s2", "Hello.")
    assert run("approve", imported, "p1.s2").code == 0


def test_invalid_config_names_file_and_key(workspace: Path, run: Run) -> None:
    toml = workspace / "cipbilingual.toml"
    toml.write_text(toml.read_text() + "\n[people.extra]\n", encoding="utf-8")
    toml.write_text('[people]\nli = "boss"\n', encoding="utf-8")
    result = run("status")
    assert result.code == 2
    assert "cipbilingual.toml" in result.err and "people.li" in result.err


def test_reimport_keeps_translations(imported: str, run: Run, workspace: Path) -> None:
    from cipbilingual.workspace import Workspace

    ws = Workspace.discover()
    article = ws.load(imported)
    ids = [str(s.id) for s in article.segments]
    for sid in ids:
        run("--user", "li", "translate", imported, sid, f"English of {sid}.")
    run("--user", "wang", "approve", imported, "--all-translated", "--override", "test English")
    text = ARTICLE1.read_text(encoding="utf-8")
    # Change one sentence, drop another, add a new paragraph.
    revised = text.replace(
        "汪泉一行参观了中以常州创新园以色列中心展厅。", "汪泉一行参观了以色列中心展厅。"
    )
    revised = revised.replace(
        "市、武进区、高新区领导方国强、李林、戴士富、陆秋明、史旭勇、许志国、朱正清、李雷等参加调研。",
        "",
    )
    revised += "\n新增的一段话。\n"
    source = workspace.parent / "revised.txt"
    source.write_text(revised, encoding="utf-8")
    result = run("import", source, "--slug", imported, "--update", "--json")
    assert result.code == 0, result.err
    report = result.json()
    assert isinstance(report, dict)
    assert report["created"] is False
    assert len(report["changed"]) == 1
    assert len(report["removed"]) == 1
    assert report["removed"][0]["target"].startswith("English of")
    assert report["added"] == ["p7.s1"]
    after = ws.load(imported)
    changed = after.segment(report["changed"][0])
    assert changed.state.value == "draft"
    assert changed.previous_source == "汪泉一行参观了中以常州创新园以色列中心展厅。"
    assert changed.target == "English of p2.s1."
    # The removed sentence's English stays in the catalog as a retired entry.
    assert [s.target for s in after.retired] == [report["removed"][0]["target"]]
    approved = [s for s in after.segments if s.state.value == "approved"]
    assert len(approved) == report["unchanged"]
    assert all(s.approval_is_valid() for s in approved)


def test_second_corpus_article_imports(workspace: Path, run: Run) -> None:
    result = run("import", ARTICLE2, "--json")
    assert result.code == 0, result.err
    assert result.json()["slug"].startswith("2019-12-10-")  # type: ignore[index]


def test_last_editor_is_the_approver_when_stamps_tie() -> None:
    from cipbilingual.models import (
        Approval,
        Article,
        ArticleMeta,
        Block,
        BlockKind,
        Segment,
        SegmentId,
        State,
    )
    from cipbilingual.workflow.articles import article_status

    stamp = "2026-11-25T10:00:00Z"
    seg = Segment(SegmentId(0, 1), "标题", "Title", State.APPROVED, translator="li")
    seg.translated_at = stamp
    seg.approval = Approval("wang", stamp, "x")
    status = article_status(Article(ArticleMeta("a"), [Block(0, BlockKind.TITLE)], [seg]))
    assert status.last_editor == "wang"


def test_malformed_catalog_names_file_and_line(imported: str, run: Run, workspace: Path) -> None:
    po = workspace / "articles" / imported / "en.po"
    lines = po.read_text(encoding="utf-8").splitlines(keepends=True)
    broken_at = next(i for i, line in enumerate(lines) if line.startswith("msgid ")) + 1
    lines[broken_at - 1] = 'msgid "unterminated\n'
    po.write_text("".join(lines), encoding="utf-8")
    before = po.read_bytes()
    for args in (("status",), ("--user", "li", "translate", imported, "p1.s1", "x")):
        result = run(*args)
        assert result.code == 2
        assert f"en.po:{broken_at}:" in result.err
        assert result.err.count("\n") == 1
    assert po.read_bytes() == before


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=25,
)


@given(JSON_VALUES)
def test_pretty_json_prints_what_json_dumps_would(value: object) -> None:
    from cipbilingual.cli.articles import pretty_json

    assert pretty_json(value) == json.dumps(value, ensure_ascii=False, indent=2)


def test_status_follows_every_change_through_its_cache(imported: str, run: Run) -> None:
    before = run("status", "--json").json()
    assert run("status", "--json").json() == before  # now from the summary cache
    assert Path(".cipbilingual/summaries.json").is_file()
    assert run("--user", "li", "translate", imported, "p1.s1", "The park held a meeting.").code == 0
    after = run("status", imported, "--json").json()
    assert isinstance(after, dict)
    assert after["states"]["translated"] == 1
    assert after["states"]["new"] == before[0]["states"]["new"] - 1  # type: ignore[index]
    missing = run("status", "no-such-article", "--json")
    assert missing.code == 2 and missing.err.count("\n") == 1 and "no-such-article" in missing.err
