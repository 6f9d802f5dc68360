"""Fixing links of an aligned article: merge, split, move a sentence; ids stay, human English is
never overwritten, approvals of changed text are withdrawn."""

from __future__ import annotations

from pathlib import Path

import pytest

from cipbilingual.align import Aligner
from cipbilingual.errors import ConflictError, NotFoundError, UsageError
from cipbilingual.models import Role, State
from cipbilingual.workflow.align import (
    LinkOp,
    align_files,
    import_alignment,
    link_views,
    load_record,
    relink,
)
from cipbilingual.workflow.articles import (
    approve_segments,
    import_article,
    init_workspace,
    translate_segment,
)
from cipbilingual.workspace import Workspace
from tests.align.gold import GOLD_DIR, load_gold

NEWS = load_gold(GOLD_DIR / "news-wang-quan-visit.json")
SLUG = "wang-quan"


@pytest.fixture(scope="module")
def aligner() -> Aligner:
    return Aligner()


@pytest.fixture
def ws(tmp_path: Path, aligner: Aligner) -> Workspace:
    root = init_workspace(tmp_path / "ws", {"li": Role.TRANSLATOR, "wang": Role.EDITOR})
    workspace = Workspace.open(root)
    alignment = align_files(NEWS.zh_file, NEWS.en_file, ws=workspace, aligner=aligner)
    import_alignment(workspace, alignment, "li", SLUG)
    return workspace


def _links(ws: Workspace) -> list[tuple[tuple[int, ...], tuple[int, ...], str | None]]:
    return [(v.zh, v.en, v.segment) for v in link_views(ws, SLUG)]


def test_split_then_merge_restores_the_link(ws: Workspace, aligner: Aligner) -> None:
    assert _links(ws)[1] == ((1, 2), (1,), "p1.s1")
    report = relink(ws, SLUG, LinkOp.SPLIT, 1, "wang", aligner)
    assert _links(ws)[1:3] == [((1,), (1,), "p1.s1"), ((2,), (), "p1.s3")]
    assert report.changed == ("p1.s1", "p1.s3")
    article = ws.load(SLUG)
    assert [str(s.id) for s in article.segments][:4] == ["t.s1", "p1.s1", "p1.s3", "p1.s2"]
    assert article.segment("p1.s3").state is State.NEW
    assert article.segment("p1.s1").translator == "wang"
    report = relink(ws, SLUG, LinkOp.MERGE, 1, "wang", aligner)
    assert _links(ws)[1] == ((1, 2), (1,), "p1.s1")
    assert report.removed == ("p1.s3",)
    article = ws.load(SLUG)
    assert article.segment("p1.s1").source == NEWS.zh[1] + NEWS.zh[2]
    assert load_record(ws, SLUG).retired == ["p1.s3"]
    relink(ws, SLUG, LinkOp.SPLIT, 1, "wang", aligner)  # a fresh id, not the retired one
    assert _links(ws)[2] == ((2,), (), "p1.s4")


def test_moving_english_down_and_back_up(ws: Workspace, aligner: Aligner) -> None:
    relink(ws, SLUG, LinkOp.ENGLISH_DOWN, 1, "li", aligner)
    assert _links(ws)[1:3] == [((1, 2), (), "p1.s1"), ((3,), (1, 2), "p1.s2")]
    article = ws.load(SLUG)
    assert article.segment("p1.s1").state is State.NEW and not article.segment("p1.s1").target
    assert article.segment("p1.s2").target == f"{NEWS.en[1]} {NEWS.en[2]}"
    relink(ws, SLUG, LinkOp.ENGLISH_UP, 1, "li", aligner)
    assert _links(ws)[1:3] == [((1, 2), (1,), "p1.s1"), ((3,), (2,), "p1.s2")]
    assert ws.load(SLUG).segment("p1.s1").state is State.TRANSLATED


def test_moving_chinese_within_a_paragraph(ws: Workspace, aligner: Aligner) -> None:
    relink(ws, SLUG, LinkOp.CHINESE_DOWN, 1, "li", aligner)
    assert _links(ws)[1:3] == [((1,), (1,), "p1.s1"), ((2, 3), (2,), "p1.s2")]
    assert ws.load(SLUG).segment("p1.s2").source == NEWS.zh[2] + NEWS.zh[3]
    relink(ws, SLUG, LinkOp.CHINESE_UP, 1, "li", aligner)
    assert _links(ws)[1:3] == [((1, 2), (1,), "p1.s1"), ((3,), (2,), "p1.s2")]


def test_an_english_sentence_may_become_unlinked_and_come_back(
    ws: Workspace, aligner: Aligner
) -> None:
    relink(ws, SLUG, LinkOp.SPLIT, 8, "li", aligner)  # zh 11 <-> en 9, 10
    views = link_views(ws, SLUG)
    assert (views[8].zh, views[8].en) == ((11,), (9,))
    assert (views[9].zh, views[9].en, views[9].segment) == ((), (10,), None)
    relink(ws, SLUG, LinkOp.ENGLISH_UP, 8, "li", aligner)
    assert (link_views(ws, SLUG)[8].en) == (9, 10)
    assert len(link_views(ws, SLUG)) == len(NEWS.links)


@pytest.mark.parametrize(
    ("op", "index", "message"),
    [
        (LinkOp.SPLIT, 2, "cannot be split"),
        (LinkOp.MERGE, 2, "different paragraphs"),
        (LinkOp.CHINESE_DOWN, 2, "another paragraph"),
        (LinkOp.MERGE, len(NEWS.links) - 1, "last link"),
        (LinkOp.ENGLISH_UP, 99, "no link 100"),
    ],
)
def test_fixes_that_do_not_apply_are_refused(
    ws: Workspace, aligner: Aligner, op: LinkOp, index: int, message: str
) -> None:
    before = (ws.article_dir(SLUG) / "en.po").read_bytes()
    with pytest.raises(UsageError, match=message):
        relink(ws, SLUG, op, index, "li", aligner)
    assert (ws.article_dir(SLUG) / "en.po").read_bytes() == before


def test_english_a_person_edited_is_never_overwritten(ws: Workspace, aligner: Aligner) -> None:
    translate_segment(ws, SLUG, "p1.s2", "They toured the Israel Center.", "li")
    with pytest.raises(ConflictError, match="edited after alignment"):
        relink(ws, SLUG, LinkOp.ENGLISH_DOWN, 1, "li", aligner)
    assert ws.load(SLUG).segment("p1.s2").target == "They toured the Israel Center."
    assert [v.edited for v in link_views(ws, SLUG)][2] is True
    relink(ws, SLUG, LinkOp.SPLIT, 3, "li", aligner)  # elsewhere, fixes still work


def test_an_approval_of_changed_text_is_withdrawn(ws: Workspace, aligner: Aligner) -> None:
    approve_segments(ws, SLUG, ["p1.s1", "p1.s2"], "wang")
    report = relink(ws, SLUG, LinkOp.SPLIT, 1, "wang", aligner)
    assert report.voided == ("p1.s1",)
    article = ws.load(SLUG)
    assert article.segment("p1.s1").state is State.TRANSLATED
    assert article.segment("p1.s2").state is State.APPROVED


def test_an_article_that_was_not_aligned_has_no_links(ws: Workspace) -> None:
    report = import_article(ws, NEWS.zh_file, "plain")
    with pytest.raises(NotFoundError, match="not made by aligning"):
        link_views(ws, report.slug)


def test_a_catalog_changed_behind_the_record_is_detected(ws: Workspace, aligner: Aligner) -> None:
    with ws.edit(SLUG) as article:
        article.segment("p1.s1").source = "改过的中文。"
    with pytest.raises(ConflictError, match="no longer match"):
        relink(ws, SLUG, LinkOp.SPLIT, 1, "li", aligner)
    assert load_record(ws, SLUG).links[1].segment == "p1.s1"


def test_aligning_and_fixing_links_are_recorded(ws: Workspace, aligner: Aligner) -> None:
    records = ws.history(SLUG).records
    assert (records[0].act, records[0].segment, records[0].by) == ("import", "", "li")
    assert records[0].origin == "align source.zh.txt source.en.txt"
    aligned = [r for r in records if r.act == "align"]
    article = ws.load(SLUG)
    assert [r.segment for r in aligned] == [str(s.id) for s in article.segments if s.target]
    assert aligned[1].after == NEWS.en[1] and aligned[1].origin.startswith("aligned ")
    relink(ws, SLUG, LinkOp.SPLIT, 1, "wang", aligner)
    relink(ws, SLUG, LinkOp.MERGE, 1, "wang", aligner)
    fixes = [(r.act, r.segment, r.by, r.reason) for r in ws.history(SLUG).records[len(records) :]]
    assert fixes == [
        ("relink", "p1.s1", "wang", "split link 2"),
        ("relink", "p1.s3", "wang", "split link 2"),
        ("relink", "p1.s1", "wang", "merge link 2"),
        ("retire", "p1.s3", "wang", "merge link"),
    ]
