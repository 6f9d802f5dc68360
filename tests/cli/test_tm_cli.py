"""`cipbilingual tm`: match, search, import, export, stats through the real entry point, bad
input included, and the issue's done-when scenario on a copy of the sample workspace."""

from __future__ import annotations

import math
import os
from pathlib import Path

import pytest
from rapidfuzz import fuzz

from cipbilingual.models import State
from cipbilingual.mt.base import DraftRequest
from cipbilingual.mt.tm import TMEngine
from cipbilingual.tm import normalize
from cipbilingual.tm.quantities import number_differences
from cipbilingual.workflow.tm import refresh, tm_for
from cipbilingual.workspace import Workspace
from tests.cli.conftest import Run, copy_sample_workspace

GOOD_TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
<header srclang="zh-CN" creationtool="Other" creationtoolversion="1" datatype="plaintext"
        segtype="sentence" adminlang="en" o-tmf="x"/>
<body>
<tu tuid="a"><tuv xml:lang="zh-CN"><seg>截至目前，园区累计运营以色列企业达80家。</seg></tuv>
<tuv xml:lang="en-GB"><seg>So far the park has 80 Israeli companies.</seg></tuv></tu>
<tu tuid="b"><tuv xml:lang="zh-Hans"><seg>会议指出。</seg></tuv>
<tuv xml:lang="en"><seg>The meeting pointed out.</seg></tuv></tu>
<tu tuid="c"><tuv xml:lang="zh-Hans"><seg>会议指出。</seg></tuv>
<tuv xml:lang="en"><seg>The meeting pointed out.</seg></tuv></tu>
</body>
</tmx>
"""


def approve_some(root: Path, slug: str, run: Run, count: int) -> list[str]:
    """Translate and approve the first `count` segments; returns their ids."""
    article = Workspace.open(root).load(slug)
    ids = []
    for seg in article.segments[:count]:
        english = f"English of {seg.id}"
        assert run("--user", "li", "translate", slug, str(seg.id), english).code == 0
        ids.append(str(seg.id))
    # Placeholder English loses the Chinese figures: the editor overrides that QA error.
    assert run("--user", "wang", "approve", slug, *ids, "--override", "test English").code == 0
    return ids


def tree(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".cipbilingual" not in p.parts
    }


def test_stats_on_an_empty_workspace(workspace: Path, run: Run) -> None:
    result = run("tm", "stats", "--json")
    assert result.code == 0, result.err
    data = result.json()
    assert isinstance(data, dict)
    assert data["units"] == 0 and data["states"] == {"approved": 0, "translated": 0}


def test_approved_work_is_matched_searched_and_counted(imported: str, run: Run) -> None:
    ids = approve_some(Path.cwd(), imported, run, 3)
    ws = Workspace.open(Path.cwd())
    second = ws.load(imported).segments[1]
    result = run("tm", "match", second.source, "--json")
    assert result.code == 0, result.err
    data = result.json()
    assert isinstance(data, dict)
    [best, *_] = data["matches"]
    assert best["score"] == 100 and best["kind"] == "exact"
    assert best["target"] == f"English of {ids[1]}"
    assert best["origin"] == {"kind": "article", "name": imported, "ref": ids[1]}
    assert best["state"] == "approved" and best["date"].endswith("Z")
    # the segment itself: its neighbours make it 101%, but its own entry is left out
    own = run("tm", "match", imported, ids[1], "--json").json()
    assert isinstance(own, dict) and own["matches"] == []
    text = run("tm", "match", second.source)
    assert text.code == 0 and "100%  exact  approved" in text.out
    found = run("tm", "search", "English of", "--target", "--json").json()
    assert isinstance(found, list) and len(found) == 3
    stats = run("tm", "stats", "--json").json()
    assert isinstance(stats, dict)
    assert stats["units"] == 3 and stats["articles"] == 1


def test_translated_but_unapproved_is_labelled(imported: str, run: Run) -> None:
    ws = Workspace.open(Path.cwd())
    seg = ws.load(imported).segments[2]
    assert run("--user", "li", "translate", imported, str(seg.id), "Unapproved English").code == 0
    data = run("tm", "match", seg.source, "--json").json()
    assert isinstance(data, dict)
    assert [(m["state"], m["target"]) for m in data["matches"]] == [
        ("translated", "Unapproved English")
    ]


def test_the_memory_follows_catalog_changes_without_rebuilding(imported: str, run: Run) -> None:
    ws = Workspace.open(Path.cwd())
    memory = tm_for(ws)
    assert memory.stats().units == 0
    approve_some(Path.cwd(), imported, run, 2)
    assert refresh(ws, memory).indexed == [imported]
    assert memory.stats().units == 2
    assert refresh(ws, memory).indexed == []  # nothing changed: nothing re-read
    os.utime(ws.catalog_path(imported))  # touched, same content: re-hashed, not re-indexed
    assert refresh(ws, memory).indexed == []
    memory.close()


def test_a_broken_catalog_keeps_its_units_and_is_reported(imported: str, run: Run) -> None:
    ws = Workspace.open(Path.cwd())
    approve_some(Path.cwd(), imported, run, 2)
    assert run("tm", "stats").code == 0
    ws.catalog_path(imported).write_text('msgid "broken\n', encoding="utf-8")
    result = run("tm", "stats", "--json")
    assert result.code == 0, result.err
    data = result.json()
    assert isinstance(data, dict)
    assert data["units"] == 2 and data["problems"][0]["store"] == imported


def test_export_is_tmx_that_translate_toolkit_reads(imported: str, run: Run) -> None:
    from translate.storage.tmx import tmxfile

    ids = approve_some(Path.cwd(), imported, run, 3)
    ws = Workspace.open(Path.cwd())
    seg = ws.load(imported).segments[5]
    run("--user", "li", "translate", imported, str(seg.id), "Only translated")
    result = run("tm", "export", "out.tmx", "--json")
    assert result.code == 0, result.err
    assert result.json() == {"file": "out.tmx", "units": 3}
    store = tmxfile.parsefile("out.tmx")
    assert store.sourcelanguage == "zh"
    assert [u.target for u in store.units] == [f"English of {i}" for i in ids]
    assert [u.getid() for u in store.units] == [f"{imported} {i}" for i in ids]
    both = run("tm", "export", "all.tmx", "--include-translated", "--json").json()
    assert both == {"file": "all.tmx", "units": 4}
    # our own export imports back: every unit, 101% context included
    assert run("tm", "import", "out.tmx").code == 0
    again = run("tm", "match", ws.load(imported).segments[1].source, "--json").json()
    assert isinstance(again, dict)
    assert {m["origin"]["kind"] for m in again["matches"]} == {"article"}  # same pair: once
    assert again["matches"][0]["duplicates"] == 1


def test_export_with_nothing_approved_says_no_and_writes_nothing(imported: str, run: Run) -> None:
    result = run("tm", "export", "out.tmx")
    assert result.code == 1
    assert "no approved segments" in result.err
    assert not Path("out.tmx").exists()
    missing = run("tm", "export", "out.tmx", "--slug", "no-such-article")
    assert missing.code == 2 and "no article" in missing.err


def test_import_copies_into_tm_and_indexes(workspace: Path, run: Run, tmp_path: Path) -> None:
    source = tmp_path / "office.tmx"
    source.write_text(GOOD_TMX, encoding="utf-8")
    result = run("tm", "import", source, "--json")
    assert result.code == 0, result.err
    data = result.json()
    assert isinstance(data, dict)
    assert (data["file"], data["units"], data["imported"], data["duplicates"]) == (
        "office.tmx",
        3,
        2,
        1,
    )
    assert (workspace / "tm" / "office.tmx").read_bytes() == source.read_bytes()
    match = run(
        "tm", "match", "截至目前，园区累计运营以色列外商独资企业和合作企业达90家。", "--json"
    )
    found = match.json()
    assert isinstance(found, dict)
    [m] = found["matches"]
    assert m["origin"] == {"kind": "tmx", "name": "office.tmx", "ref": "a"}
    assert m["numbers"] == [{"query": "90", "match": "80"}]
    assert (
        "numbers differ"
        in run("tm", "match", "截至目前，园区累计运营以色列外商独资企业和合作企业达90家。").out
    )
    same = run("tm", "import", source)
    assert same.code == 0 and "nothing to do" in same.out


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (GOOD_TMX.replace('</tuv></tu>\n<tu tuid="b">', '</tu>\n<tu tuid="b">'), "bad.tmx: line 7"),
        (GOOD_TMX.replace("zh-CN", "de").replace("zh-Hans", "fr"), "no unit has both a Chinese"),
        ("<html></html>", "not a TMX file"),
        ("", "the file is empty"),
    ],
)
def test_bad_tmx_exits_2_and_changes_nothing(
    workspace: Path, run: Run, tmp_path: Path, content: str, message: str
) -> None:
    good = tmp_path / "good.tmx"
    good.write_text(GOOD_TMX, encoding="utf-8")
    assert run("tm", "import", good).code == 0
    before_files = tree(workspace)
    before_stats = run("tm", "stats", "--json").json()
    bad = tmp_path / "bad.tmx"
    bad.write_text(content, encoding="utf-8")
    result = run("tm", "import", bad)
    assert result.code == 2
    assert message in result.err and "Traceback" not in result.err
    assert len(result.err.strip().splitlines()) == 1
    assert tree(workspace) == before_files
    assert run("tm", "stats", "--json").json() == before_stats
    # the same name with different content: refused unless --replace
    bad.write_text(GOOD_TMX.replace("80家", "81家"), encoding="utf-8")
    other = tmp_path / "other" / "good.tmx"
    other.parent.mkdir()
    other.write_text(GOOD_TMX.replace("80家", "81家"), encoding="utf-8")
    clash = run("tm", "import", other)
    assert clash.code == 2 and "--replace" in clash.err
    assert run("tm", "import", other, "--replace").code == 0
    assert "81" in (workspace / "tm" / "good.tmx").read_text(encoding="utf-8")


def test_bad_usage(workspace: Path, run: Run) -> None:
    assert run("tm", "import", "missing.tmx").code == 2
    assert run("tm", "search", " ").code == 2
    assert run("tm", "match", "  ").code == 2
    assert run("tm", "match", "中文", "--min-score", "101").code == 2
    assert run("tm", "match", "no-such", "p1.s1").code == 2


def test_tm_engine_for_workspace_drafts_exact_matches(imported: str, run: Run) -> None:
    approve_some(Path.cwd(), imported, run, 3)
    ws = Workspace.open(Path.cwd())
    segments = ws.load(imported).segments
    engine = TMEngine.for_workspace(ws)
    drafts = engine.translate(
        [
            DraftRequest("p9.s9", segments[1].source, segments[0].source, segments[2].source),
            DraftRequest("p9.s8", segments[1].source),
            DraftRequest("p9.s7", "完全不同的一句话。"),
        ]
    )
    assert drafts[0] is not None and drafts[0].origin.score == 101.0
    assert drafts[0].origin.detail == f"{imported} {segments[1].id}"
    assert drafts[1] is not None and drafts[1].origin.score == 100.0
    assert drafts[2] is None


def _coverage(query: str, source: str, n: int = 8) -> float:
    covered = [False] * len(query)
    for j in range(len(query) - n + 1):
        if query[j : j + n] in source:
            covered[j : j + n] = [True] * n
    return 100.0 * sum(covered) / len(query) if query else 0.0


def test_done_when_second_article_finds_the_first(tmp_path: Path, run: Run) -> None:
    """The sample's first article is approved; every sentence of the second that shares
    wording with it gets a match from it: a fuzzy match where fuzz.ratio against an approved
    sentence reaches 70 (with the score a full scan gives and the number warning), else a
    fragment match where verbatim passages of ≥ 8 characters cover 70% of the sentence."""
    root = copy_sample_workspace(tmp_path / "sample")
    os.chdir(root)
    ws = Workspace.open(root)
    articles = [ws.load(slug) for slug in ws.slugs()]
    first = next(a for a in articles if a.complete)
    second = next(a for a in articles if a.slug != first.slug and not a.complete)
    approved = [s for s in first.segments if s.state is State.APPROVED]
    fuzzy_checked = fragment_checked = 0
    for seg in second.segments:
        query = normalize(seg.source)
        best_score, best = max(
            ((fuzz.ratio(query, normalize(a.source)), a) for a in approved), key=lambda p: p[0]
        )
        result = run("tm", "match", second.slug, str(seg.id), "--json")
        assert result.code == 0, result.err
        data = result.json()
        assert isinstance(data, dict)
        ours = [m for m in data["matches"] if m["origin"]["name"] == first.slug]
        if best_score >= 70:
            fuzzy_checked += 1
            top = ours[0]
            assert top["origin"] == {"kind": "article", "name": first.slug, "ref": str(best.id)}
            assert top["score"] == (100 if best_score == 100 else math.floor(best_score))
            differ = [
                {"query": d.query, "match": d.match}
                for d in number_differences(seg.source, best.source)
            ]
            assert top["numbers"] == differ
            continue
        cover, host = max(
            ((_coverage(query, normalize(a.source)), a) for a in approved), key=lambda p: p[0]
        )
        if cover >= 70:
            fragment_checked += 1
            top = ours[0]
            assert top["kind"] == "fragment" and top["origin"]["ref"] == str(host.id)
            assert top["score"] == min(99, math.floor(cover))
        else:
            assert ours == []
    assert fuzzy_checked >= 2 and fragment_checked >= 1
    # and the same in words, for people
    for seg in second.segments:
        shown = run("tm", "match", second.slug, str(seg.id))
        assert shown.code == 0 and "Traceback" not in shown.err, shown.err
    # the numbers in "汇报了园区运行情况和2020年工作思路" have no counterpart: said so
    plan = next(s for s in second.segments if "2020年工作思路" in s.source)
    data = run("tm", "match", second.slug, str(plan.id), "--json").json()
    assert isinstance(data, dict)
    assert data["matches"][0]["numbers"] == [{"query": "2020年", "match": ""}]
