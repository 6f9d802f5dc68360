"""XLIFF 1.2 and 2.0 out to a CAT tool and back, with translate-toolkit as the other side."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from translate.storage import xliff, xliff2

from cipbilingual.models import Origin, State
from cipbilingual.workspace import Workspace
from tests.cli.conftest import Run, copy_sample_workspace

SLUG = "2019-12-10-zhong-yi-chang-zhou-chuang-xin-yuan"
STATES = {
    "t.s1": State.NEW,
    "p1.s1": State.DRAFT,
    "p1.s2": State.TRANSLATED,
    "p2.s1": State.NEEDS_WORK,
    "p2.s2": State.APPROVED,
    "p3.s1": State.APPROVED,
}


@pytest.fixture
def sample(tmp_path: Path, run: Run) -> Path:
    """The sample workspace, its second article in every state."""
    root = copy_sample_workspace(tmp_path / "ws")
    os.chdir(root)
    with Workspace.discover().edit(SLUG) as article:
        draft = article.segment("p1.s1")
        draft.target = draft.machine_draft = "On the morning of December 9, CIP held a meeting."
        draft.state, draft.origin = State.DRAFT, Origin("argos", "translate-zh_en 1.9", 0.8)
    for sid in ("p1.s2", "p2.s1", "p2.s2", "p3.s1"):
        assert run("--user", "li", "translate", SLUG, sid, f"English of {sid}.").code == 0
    assert (
        run("--user", "wang", "reject", SLUG, "p2.s1", "--reason", "Name the institute").code == 0
    )
    assert run("--user", "wang", "approve", SLUG, "p2.s2", "p3.s1").code == 0
    return root


def states() -> dict[str, State]:
    return {str(s.id): s.state for s in Workspace.discover().load(SLUG).segments}


def catalog(root: Path) -> bytes:
    return (root / "articles" / SLUG / "en.po").read_bytes()


def units12(path: Path) -> dict[str, xliff.xliffunit]:
    store = xliff.xlifffile.parsefile(str(path))
    return {u.getid().split("\x04")[-1]: u for u in store.units if not u.isheader()}


def test_unfinished_article_goes_out_with_every_state(sample: Path, run: Run) -> None:
    result = run("export", SLUG, "--format", "xliff", "-o", "out.xlf")
    assert result.code == 0, result.err
    units = units12(sample / "out.xlf")
    assert list(units) == list(states())
    assert units["t.s1"].target in (None, "")
    assert units["p1.s1"].isfuzzy() and not units["p1.s1"].isapproved()
    assert units["p1.s1"].target.startswith("On the morning")
    assert units["p1.s2"].target == "English of p1.s2." and not units["p1.s2"].isapproved()
    assert units["p2.s2"].isapproved() and units["p3.s1"].isapproved()
    assert "Sent back by the editor: Name the institute" in units["p2.s1"].getnotes()
    assert "Glossary: 中以常州创新园 = China-Israel Changzhou Innovation Park" in (
        units["p1.s1"].getnotes()
    )
    text = (sample / "out.xlf").read_text(encoding="utf-8")
    assert 'state="needs-review-translation" state-qualifier="leveraged-mt"' in text
    assert 'state="needs-translation" state-qualifier="rejected-inaccurate"' in text
    assert 'original="' + SLUG + '"' in text


def test_xliff_2_maps_states_to_state_and_substate(sample: Path, run: Run) -> None:
    result = run("export", SLUG, "--format", "xliff", "--xliff-version", "2.0", "-o", "o.xlf")
    assert result.code == 0, result.err
    store = xliff2.Xliff2File.parsefile(str(sample / "o.xlf"))
    units = {u.getid(): u for u in store.units}
    assert list(units) == list(states())
    got = {
        sid: (u.xmlelement.get("state"), u.xmlelement.get("subState")) for sid, u in units.items()
    }
    assert got["t.s1"] == ("initial", "cipbilingual:new")
    assert got["p1.s1"] == ("initial", "cipbilingual:draft")
    assert got["p1.s2"] == ("translated", "cipbilingual:translated")
    assert got["p2.s1"] == ("initial", "cipbilingual:needs_work")
    assert got["p2.s2"] == ("final", "cipbilingual:approved")
    assert units["p2.s2"].isapproved() and units["p1.s1"].isfuzzy()

    def notes(sid: str) -> str:
        # XLIFF 2.0 puts <notes> on the <unit> (translate-toolkit looks on the segment).
        unit = units[sid].getunitelement()
        return " ".join(unit.itertext())

    assert "Sent back by the editor: Name the institute" in notes("p2.s1")
    assert "Glossary: 中以常州创新园" in notes("p1.s1")


@pytest.mark.parametrize("version", ["1.2", "2.0"])
def test_round_trip_through_translate_toolkit_keeps_every_state(
    sample: Path, run: Run, version: str
) -> None:
    before = catalog(sample)
    run("xliff", "export", SLUG, "--xliff-version", version, "-o", "out.xlf")
    cls = xliff.xlifffile if version == "1.2" else xliff2.Xliff2File
    store = cls.parsefile(str(sample / "out.xlf"))
    store.savefile(str(sample / "back.xlf"))  # the CAT tool opened and saved it
    result = run("--user", "li", "xliff", "import", "back.xlf", "--json")
    assert result.code == 0, result.err
    report = result.json()["articles"][0]  # type: ignore[index]
    assert report["translated"] == report["reopened"] == report["drafted"] == []
    assert report["refused"] == []
    assert catalog(sample) == before
    assert states() == {**states(), **STATES}


@pytest.mark.parametrize("version", ["1.2", "2.0"])
def test_returned_english_is_translated_never_approved(
    sample: Path, run: Run, version: str
) -> None:
    run("xliff", "export", SLUG, "--xliff-version", version, "-o", "out.xlf")
    cls = xliff.xlifffile if version == "1.2" else xliff2.Xliff2File
    store = cls.parsefile(str(sample / "out.xlf"))
    new_english = {
        "t.s1": "CIP holds a seminar on its 2020 China-Israel work plan",
        "p1.s1": "On the morning of 9 December, the CIP held a seminar.",
        "p2.s1": "The head of the CIP reported, naming the institute.",
        "p2.s2": "Participants discussed the institute in depth.",  # approved before
    }
    for unit in store.units:
        sid = unit.getid().split("\x04")[-1]
        if sid in new_english:
            unit.target = new_english[sid]
            unit.markapproved(True)  # the agency's reviewer signed it off
        elif sid == "p3.s1":
            unit.markapproved(True)  # same English, approved again: nothing to change
    store.savefile(str(sample / "back.xlf"))
    result = run("--user", "li", "xliff", "import", "back.xlf", "--json")
    assert result.code == 0, result.err
    report = result.json()["articles"][0]  # type: ignore[index]
    assert report["translated"] == ["t.s1", "p1.s1", "p2.s1"]
    assert report["reopened"] == ["p2.s2"]
    after = Workspace.discover().load(SLUG)
    for sid, english in new_english.items():
        seg = after.segment(sid)
        assert (seg.target, seg.state) == (english, State.TRANSLATED)
        assert seg.approval is None and seg.reason == ""
        assert seg.origin is not None and seg.origin.engine == "xliff"
        assert seg.translator == "li"
    assert after.segment("p3.s1").state is State.APPROVED
    assert after.segment("p3.s1").approval_is_valid()
    text = run("--user", "li", "xliff", "import", "back.xlf")
    assert text.code == 0
    assert "0 translated" in text.out  # a second import changes nothing


def test_unconfirmed_english_drafts_a_new_segment_but_never_covers_a_persons(
    sample: Path, run: Run
) -> None:
    run("export", SLUG, "--format", "xliff", "-o", "out.xlf")
    store = xliff.xlifffile.parsefile(str(sample / "out.xlf"))
    for unit in store.units:
        sid = unit.getid().split("\x04")[-1]
        if sid in ("t.s1", "p1.s2"):
            unit.target = f"Agency proposal for {sid}"
            unit.markfuzzy(True)
    store.savefile(str(sample / "back.xlf"))
    result = run("--user", "li", "xliff", "import", "back.xlf", "--json")
    assert result.code == 0, result.err
    report = result.json()["articles"][0]  # type: ignore[index]
    assert report["drafted"] == ["t.s1"] and report["kept"] == ["p1.s2"]
    after = Workspace.discover().load(SLUG)
    assert after.segment("t.s1").state is State.DRAFT
    assert after.segment("p1.s2").target == "English of p1.s2."


def test_units_whose_chinese_changed_are_refused_and_listed(sample: Path, run: Run) -> None:
    run("export", SLUG, "--format", "xliff", "-o", "out.xlf")
    store = xliff.xlifffile.parsefile(str(sample / "out.xlf"))
    for unit in store.units:
        sid = unit.getid().split("\x04")[-1]
        if sid == "p1.s2":
            unit.source = "市各部门负责同志参加会议。"  # the agency edited the Chinese
            unit.target = "Department heads attended."
            unit.marktranslated()
        elif sid == "p3.s2":
            unit.target = "Departments must take responsibility."
            unit.marktranslated()
    store.savefile(str(sample / "back.xlf"))
    text = (sample / "back.xlf").read_text(encoding="utf-8")
    (sample / "back.xlf").write_text(text.replace('id="p4.s2"', 'id="p9.s9"'), encoding="utf-8")
    result = run("--user", "li", "xliff", "import", "back.xlf")
    assert result.code == 1
    assert "refused  p1.s2: its Chinese differs" in result.out
    assert "refused  p9.s9: no segment p9.s9" in result.out
    assert "2 unit(s) refused" in result.err
    after = Workspace.discover().load(SLUG)
    assert after.segment("p1.s2").target == "English of p1.s2."
    assert after.segment("p3.s2").target == "Departments must take responsibility."


def test_bad_xliff_is_refused_with_one_line_and_nothing_changes(
    sample: Path, run: Run, tmp_path: Path
) -> None:
    before = catalog(sample)
    run("export", SLUG, "--format", "xliff", "-o", "good.xlf")
    good = (sample / "good.xlf").read_text(encoding="utf-8")
    cases = {
        "missing.xlf": None,
        "empty.xlf": "",
        "broken.xlf": good[: len(good) // 2],
        "tmx.xlf": '<?xml version="1.0"?><tmx version="1.4"><body/></tmx>',
        "v3.xlf": good.replace('version="1.2"', 'version="3.0"'),
        "other.xlf": good.replace(f'original="{SLUG}"', 'original="no-such-article"'),
        "entities.xlf": '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><xliff/>',
    }
    for name, text in cases.items():
        if text is not None:
            (sample / name).write_text(text, encoding="utf-8")
        result = run("--user", "li", "xliff", "import", name)
        assert result.code == 2, (name, result.out, result.err)
        assert result.err.count("\n") == 1 and "Traceback" not in result.err, name
    assert "not well-formed XML" in run("--user", "li", "xliff", "import", "broken.xlf").err
    assert "'no-such-article'" in run("--user", "li", "xliff", "import", "other.xlf").err
    assert run("xliff", "import", "good.xlf", "--user", "li").code == 2  # option order
    nobody = run("--user", "nobody", "xliff", "import", "good.xlf")
    assert nobody.code == 2 and "not in [people]" in nobody.err
    assert catalog(sample) == before
    # --slug says which article an XLIFF from elsewhere belongs to.
    result = run("--user", "li", "xliff", "import", "other.xlf", "--slug", SLUG)
    assert result.code == 0, result.err
