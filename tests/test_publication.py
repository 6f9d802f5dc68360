"""Publication records as data: the manifest round-trips, any edit breaks its digest, and
`compare` names every kind of change an editor must write a correction for."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from cipbilingual.errors import RecordError
from cipbilingual.models import (
    Approval,
    Article,
    ArticleMeta,
    Block,
    BlockKind,
    Origin,
    Segment,
    SegmentId,
    State,
    approval_digest,
)
from cipbilingual.publication import (
    Manifest,
    Publication,
    compare,
    dumps_manifest,
    loads_manifest,
    published_segment,
)

PATH = Path("articles/a/published.json")


def approved(sid: SegmentId, source: str, target: str) -> Segment:
    return Segment(
        sid,
        source,
        target,
        State.APPROVED,
        origin=Origin("argos", "translate-zh_en-1.9", 0.87),
        approval=Approval("wang", "2026-11-25T10:00:00Z", approval_digest(sid, source, target)),
    )


def article() -> Article:
    segments = [
        approved(SegmentId(0, 1), "标题", "Title"),
        approved(SegmentId(1, 1), "第一句。", "First."),
        approved(SegmentId(1, 2), "第二句。", "Second."),
        approved(SegmentId(1, 3), "第三句。", "Third."),
    ]
    blocks = [Block(0, BlockKind.TITLE), Block(1, BlockKind.PARAGRAPH)]
    return Article(ArticleMeta("a", source_file="source.zh.txt"), blocks, segments)


def publication(of: Article) -> Publication:
    return Publication(
        1,
        "2026-11-26T08:00:00Z",
        "wang",
        "html",
        "source.zh.txt",
        "ab" * 32,
        None,
        (),
        tuple(published_segment(s) for s in of.segments),
    )


def test_manifest_round_trip() -> None:
    manifest = Manifest("a", [publication(article())])
    text = dumps_manifest(manifest)
    assert loads_manifest(text, PATH, "a") == manifest
    assert '"origin": "argos 0.87 translate-zh_en-1.9"' in text


@pytest.mark.parametrize(
    "edit",
    [
        lambda t: t.replace('"First."', '"First!"'),
        lambda t: t.replace('"number": 1', '"number": 2'),
        lambda t: t.replace('"digest": "', '"digest": "0'),
        lambda t: t.replace('  "digest"', '  "extra": 1,\n  "digest"'),
    ],
)
def test_any_edit_breaks_the_digest(edit: object) -> None:
    assert callable(edit)
    text = dumps_manifest(Manifest("a", [publication(article())]))
    with pytest.raises(RecordError, match="changed by hand"):
        loads_manifest(edit(text), PATH, "a")


def test_another_articles_record_is_refused() -> None:
    text = dumps_manifest(Manifest("a", [publication(article())]))
    with pytest.raises(RecordError, match="record of 'a', not 'b'"):
        loads_manifest(text, PATH, "b")


def test_compare_names_every_kind_of_change() -> None:
    before = article()
    now = copy.deepcopy(before)
    now.segments[1] = approved(SegmentId(1, 1), "第一句。", "First, corrected.")
    now.segments[2] = approved(SegmentId(1, 2), "第二句改了。", "Second.")
    now.segments[3].state, now.segments[3].approval = State.TRANSLATED, None
    now.segments.append(approved(SegmentId(1, 4), "第四句。", "Fourth."))
    del now.segments[0]
    kinds = [(c.segment, c.kind) for c in compare(publication(before), now)]
    assert kinds == [
        ("p1.s1", "changed"),
        ("p1.s2", "source-changed"),
        ("p1.s3", "pending"),
        ("p1.s4", "added"),
        ("t.s1", "removed"),
    ]
    assert compare(publication(before), before) == []
