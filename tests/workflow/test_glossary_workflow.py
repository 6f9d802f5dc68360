"""Glossary use cases on a workspace: the cached glossary, all-or-nothing edits, hits."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cipbilingual.errors import ConflictError, InputError
from cipbilingual.models import Term
from cipbilingual.workflow.articles import init_workspace
from cipbilingual.workflow.glossary import (
    add_term,
    article_hits,
    glossary_for,
    import_glossary,
    load_glossary,
    remove_term,
)
from cipbilingual.workspace import Workspace


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    return Workspace.open(init_workspace(tmp_path / "ws"))


def test_a_new_workspace_has_an_empty_glossary(ws: Workspace) -> None:
    assert len(load_glossary(ws)) == 0
    assert glossary_for(ws).find("中以常州创新园") == []


def test_glossary_for_is_cached_until_the_file_changes(ws: Workspace) -> None:
    first = glossary_for(ws)
    assert glossary_for(ws) is first
    add_term(ws, Term("常州", "Changzhou"))
    second = glossary_for(ws)
    assert second is not first
    assert [m.term.target for m in second.find("常州")] == ["Changzhou"]
    # An edit by another tool with the same size but a new time is seen too.
    stat = ws.glossary_path.stat()
    os.utime(ws.glossary_path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert glossary_for(ws) is not second


def test_failed_edits_leave_the_file_untouched(ws: Workspace, tmp_path: Path) -> None:
    add_term(ws, Term("高新区", "High-tech Zone"))
    before = ws.glossary_path.read_bytes()
    with pytest.raises(ConflictError):
        add_term(ws, Term("高新区", "Hi-tech Zone"))
    bad = tmp_path / "bad.tsv"
    bad.write_text("zh\ten\n常州\tChangzhou\n\tWujin\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"bad\.tsv:3: empty Chinese term"):
        import_glossary(ws, bad)
    conflicting = tmp_path / "conflict.tsv"
    conflicting.write_text("zh\ten\n常州\tChangzhou\n高新区\tHi-tech Zone\n", encoding="utf-8")
    with pytest.raises(ConflictError):
        import_glossary(ws, conflicting)
    assert ws.glossary_path.read_bytes() == before
    assert [t.source for t in load_glossary(ws)] == ["高新区"]


def test_hand_edited_catalog_with_an_unusable_term_names_the_file(ws: Workspace) -> None:
    from cipbilingual.store import save_terms

    save_terms([Term("常州", "Changzhou", forbidden=("Changzhou",))], ws.glossary_path)
    with pytest.raises(InputError, match=r"glossary.po: 常州: 'Changzhou' is both accepted"):
        load_glossary(ws)


def test_remove_and_hits(ws: Workspace) -> None:
    add_term(
        ws, Term("中以常州创新园", "China-Israel Changzhou Innovation Park", abbreviation="CIP")
    )
    add_term(ws, Term("常州", "Changzhou"))
    from cipbilingual.models import Article, ArticleMeta, Segment, SegmentId

    article = Article(
        ArticleMeta("a"),
        [],
        [
            Segment(SegmentId.parse("p1.s1"), "常州和中以常州创新园"),
            Segment(SegmentId.parse("p1.s2"), "无"),
        ],
    )
    hits = article_hits(ws, article)
    assert {sid: [m.text for m in ms] for sid, ms in hits.items()} == {
        "p1.s1": ["常州", "中以常州创新园"]
    }
    assert [t.source for t in remove_term(ws, "常州")] == ["常州"]
    assert [m.text for m in article_hits(ws, article)["p1.s1"]] == ["中以常州创新园"]
