"""A re-import never moves an id: untouched segments stay byte-identical, never re-signed."""

from __future__ import annotations

import re
from pathlib import Path

from tests.cli.conftest import ARTICLE1, Run

P1_S1 = "11月21日下午，常州市委书记汪泉专程到中以常州创新园调研。"
P2_S1 = "汪泉一行参观了中以常州创新园以色列中心展厅。"
P3_S2 = "汪泉指出，市委、市政府对中以常州创新园作出调整完善的决策部署以来，"


def entries(po: Path) -> dict[str, str]:
    """Each live entry's text (without its `#.` lines), by segment id."""
    out: dict[str, str] = {}
    for chunk in po.read_text(encoding="utf-8").split("\n\n"):
        match = re.search(r'^msgctxt "([^"]+)"', chunk, re.MULTILINE)
        if match and not chunk.startswith("#~"):
            lines = [line for line in chunk.splitlines() if not line.startswith("#.")]
            out[match.group(1)] = "\n".join(lines)
    return out


def translate_and_approve_all(run: Run, slug: str, workspace: Path) -> None:
    from cipbilingual.workspace import Workspace

    for seg in Workspace.discover().load(slug).segments:
        result = run("--user", "li", "translate", slug, str(seg.id), f"English of {seg.id}.")
        assert result.code == 0, result.err
    # Placeholder English loses the Chinese figures: the editor overrides those QA errors.
    approve = ("--user", "wang", "approve", slug, "--all-translated")
    assert run(*approve, "--override", "placeholder English").code == 0


def reimport(run: Run, slug: str, text: str, workspace: Path) -> dict[str, object]:
    source = workspace.parent / "revised.txt"
    source.write_text(text, encoding="utf-8")
    result = run("import", source, "--slug", slug, "--update", "--json")
    assert result.code == 0, result.err
    report = result.json()
    assert isinstance(report, dict)
    return report


def test_insert_delete_edit_leave_every_other_segment_byte_identical(
    imported: str, run: Run, workspace: Path
) -> None:
    translate_and_approve_all(run, imported, workspace)
    po = workspace / "articles" / imported / "en.po"
    before = entries(po)
    text = ARTICLE1.read_text(encoding="utf-8")
    assert P1_S1 in text and P2_S1 in text and P3_S2 in text
    revised = (
        text.replace(P1_S1, "")  # delete p1.s1
        .replace(P2_S1, P2_S1 + "展厅面积两千平方米。")  # insert after p2.s1
        .replace("汪泉指出，市委、市政府", "汪泉指出，常州市委、市政府")  # edit p3.s2
        .replace("\n\n汪泉说，", "\n\n新插入的一段。\n\n汪泉说，")  # a new paragraph before p4
    )
    report = reimport(run, imported, revised, workspace)
    assert report["added"] == ["p2.s4", "p7.s1"]
    assert report["changed"] == ["p3.s2"]
    assert [r["id"] for r in report["removed"]] == ["p1.s1"]  # type: ignore[index]
    after = entries(po)
    touched = {"p1.s1", "p2.s4", "p3.s2", "p7.s1"}
    assert set(after) == set(before) - {"p1.s1"} | {"p2.s4", "p7.s1"}
    for sid in set(before) - touched:
        assert after[sid] == before[sid], sid
    assert "\n# state: draft" in "\n" + after["p3.s2"]
    assert "#| msgid" in after["p3.s2"]
    # The document is in the new order, the new paragraph in its place.
    from cipbilingual.workspace import Workspace

    article = Workspace.discover().load(imported)
    ids = [str(s.id) for s in article.segments]
    assert ids.index("p3.s2") < ids.index("p7.s1") < ids.index("p4.s1")
    assert ids.index("p2.s1") < ids.index("p2.s4") < ids.index("p2.s2")
    status = run("status", imported, "--json").json()
    assert isinstance(status, dict)
    assert status["states"]["approved"] == len(before) - 2
    # The original again: the deleted sentence's segment returns approved, nothing renumbered.
    report = reimport(run, imported, text, workspace)
    assert report["restored"] == ["p1.s1"]
    again = entries(po)
    assert again["p1.s1"] == before["p1.s1"]
    assert "p2.s4" not in again and "p7.s1" not in again
    # p2.s4 and p7.s1 are retired now: a later insertion gets p2.s5, never p2.s4 again.
    report = reimport(run, imported, text.replace(P2_S1, P2_S1 + "另一句新话。"), workspace)
    assert report["added"] == ["p2.s5"]


def test_reimport_of_the_same_source_changes_nothing(
    imported: str, run: Run, workspace: Path
) -> None:
    translate_and_approve_all(run, imported, workspace)
    po = workspace / "articles" / imported / "en.po"
    before = po.read_bytes()
    report = reimport(run, imported, ARTICLE1.read_text(encoding="utf-8"), workspace)
    assert report["added"] == [] and report["changed"] == [] and report["removed"] == []
    assert po.read_bytes() == before
