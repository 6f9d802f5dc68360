"""The catalog after ids and places diverged: block starts, retired ids, kept conflicts, other
tools' header fields, and the format number that keeps older versions from misreading it."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cipbilingual.errors import CatalogError
from cipbilingual.models import (
    Article,
    ArticleMeta,
    Block,
    BlockKind,
    SegmentConflict,
    SegmentId,
    State,
)
from cipbilingual.store import dumps_article, loads_article
from tests.store.conftest import Msgcat
from tests.store.test_article import sample_article, segments

PATH = Path("articles/prop/en.po")


@st.composite
def stable_articles(draw: st.DrawFn) -> Article:
    """Articles as re-imports and merges leave them: ids in any order and any block."""
    blocks_count = draw(st.integers(min_value=1, max_value=5))
    blocks = [
        Block(i, BlockKind.TITLE if i == 0 else draw(st.sampled_from(list(BlockKind))))
        for i in range(blocks_count)
    ]
    pool = st.builds(
        SegmentId, st.integers(min_value=0, max_value=9), st.integers(min_value=1, max_value=9)
    )
    ids = draw(st.lists(pool, min_size=1, max_size=8, unique=True))
    places = sorted(draw(st.lists(st.sampled_from(range(blocks_count)), min_size=len(ids),
                                  max_size=len(ids))))  # fmt: skip
    segs = []
    for sid, place in zip(ids, places, strict=True):
        seg = draw(segments(sid))
        seg.block = place
        if draw(st.integers(min_value=0, max_value=4)) == 0:
            mine = copy.deepcopy(seg)
            theirs = draw(segments(sid)) if draw(st.booleans()) else None
            if theirs is not None:
                theirs.block = place
            seg.state, seg.reason, seg.approval = State.NEEDS_WORK, "merge conflict", None
            seg.target = seg.target or "x"
            seg.conflict = SegmentConflict(mine, theirs, draw(st.sampled_from(["", "both"])))
        segs.append(seg)
    retired = draw(st.sets(pool, max_size=3)) - set(ids)
    return Article(ArticleMeta("prop", retired_ids=retired), blocks, segs)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(article=stable_articles())
def test_any_stable_id_article_round_trips(article: Article) -> None:
    loaded = loads_article(dumps_article(article), PATH)
    assert loaded.notices == []
    assert [s.block for s in loaded.segments] == [s.block for s in article.segments]
    assert loaded.segments == article.segments
    assert loaded.meta.retired_ids == article.meta.retired_ids
    used = {s.block for s in article.segments}
    assert [b for b in loaded.blocks if b.index in used] == [
        b for b in article.blocks if b.index in used
    ]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(article=stable_articles())
def test_stable_id_catalogs_are_msgcat_stable(article: Article, msgcat: Msgcat) -> None:
    text = dumps_article(article)
    assert msgcat(text) == text


def test_format_1_while_ids_say_where_segments_are() -> None:
    article = sample_article()
    assert "X-Cipbilingual-Format: 1\\n" in dumps_article(article)
    article.segments[-1].block = article.segments[-2].block  # a re-import moved it
    article.segments[-1].block = max(s.block for s in article.segments)
    moved = copy.deepcopy(article)
    moved.segments.insert(1, moved.segments.pop())
    moved.segments[1].block = moved.segments[0].block
    text = dumps_article(moved)
    assert "X-Cipbilingual-Format: 2\\n" in text
    assert loads_article(text, PATH).segments == moved.segments
    retired = copy.deepcopy(article)
    retired.meta.retired_ids = {SegmentId(7, 3)}
    assert "X-Cipbilingual-Retired-Ids: p7.s3\\n" in dumps_article(retired)
    with pytest.raises(CatalogError, match="newer than this cipbilingual"):
        loads_article(text.replace("Format: 2", "Format: 3"), PATH)


def test_header_fields_of_other_tools_are_kept_in_their_order() -> None:
    text = dumps_article(sample_article())
    weblate = text.replace(
        '"Project-Id-Version: wang-quan-visit\\n"\n',
        '"Project-Id-Version: CIP news\\n"\n'
        '"Report-Msgid-Bugs-To: \\n"\n'
        '"PO-Revision-Date: 2026-11-26 09:00+0800\\n"\n'
        '"Last-Translator: Li Na <li@example.org>\\n"\n'
        '"Language-Team: English <https://weblate.example.org/projects/cip/>\\n"\n',
    ).replace(
        '"X-Source-Language: zh\\n"\n',
        '"Plural-Forms: nplurals=2; plural=n != 1;\\n"\n'
        '"X-Generator: Weblate 5.8\\n"\n'
        '"X-Source-Language: zh\\n"\n',
    )
    assert weblate != text
    article = loads_article(weblate, Path("articles/wang-quan-visit/en.po"))
    assert dumps_article(article) == weblate
    article.segments[0].target = "Another title"
    again = dumps_article(article)
    assert [line for line in again.splitlines() if line.startswith('"')] == [
        line for line in weblate.splitlines() if line.startswith('"')
    ]
    # A field of ours that is new to the file goes after its predecessor, not at the end.
    article.meta.retired_ids = {SegmentId(9, 1)}
    lines = dumps_article(article).splitlines()
    assert lines.index('"X-Cipbilingual-Retired-Ids: p9.s1\\n"') > lines.index(
        '"X-Generator: Weblate 5.8\\n"'
    )


def test_a_conflict_record_settled_in_another_tool_is_dropped_with_a_notice() -> None:
    article = sample_article()
    seg = article.segments[1]
    mine = copy.deepcopy(seg)
    seg.state, seg.reason, seg.approval = State.NEEDS_WORK, "merge conflict", None
    seg.conflict = SegmentConflict(mine, None, "theirs retired it")
    text = dumps_article(article)
    assert "# conflict: theirs retired it" in text
    assert loads_article(text, PATH).segments[1].conflict == seg.conflict
    # Poedit: the person confirmed the entry (fuzzy flag removed).
    entry = text.index(f'msgctxt "{seg.id}"')
    flag = text.rindex("#, fuzzy\n", 0, entry)
    confirmed = loads_article(text[:flag] + text[flag + len("#, fuzzy\n") :], PATH)
    assert confirmed.segments[1].conflict is None
    assert confirmed.segments[1].state is State.TRANSLATED
    assert any("settled outside" in n for n in confirmed.notices)
