"""Three-way merges of articles and glossaries by meaning (merge.py), without git."""

from __future__ import annotations

import copy
from pathlib import Path

from cipbilingual.merge import merge_articles, merge_terms, resolve, resolve_term
from cipbilingual.models import (
    Approval,
    Article,
    ArticleMeta,
    Block,
    BlockKind,
    Segment,
    SegmentId,
    Silence,
    State,
    Term,
    approval_digest,
    silence_digest,
)
from cipbilingual.store import dumps_article, loads_article


def article(*segments: Segment, source_hash: str = "h1") -> Article:
    blocks = sorted({0} | {s.block for s in segments})
    return Article(
        ArticleMeta("a", source_hash=source_hash),
        [Block(b, BlockKind.TITLE if b == 0 else BlockKind.PARAGRAPH) for b in blocks],
        list(segments),
    )


def seg(sid: str, source: str, target: str = "", state: State = State.NEW) -> Segment:
    if target and state is State.NEW:
        state = State.TRANSLATED
    return Segment(SegmentId.parse(sid), source, target, state, translator="li")


def approved(s: Segment, by: str = "wang") -> Segment:
    out = copy.deepcopy(s)
    out.state = State.APPROVED
    out.approval = Approval(by, "2026-11-25T10:00:00Z", approval_digest(s.id, s.source, s.target))
    return out


BASE = article(seg("p1.s1", "一。", "One."), seg("p1.s2", "二。"), seg("p2.s1", "三。", "Three."))


def edit(a: Article, sid: str, **changes: object) -> Article:
    out = copy.deepcopy(a)
    target = out.segment(sid)
    for name, value in changes.items():
        setattr(target, name, value)
    return out


def test_one_sided_changes_take_that_side_and_equal_sides_are_left_alone() -> None:
    mine = edit(BASE, "p1.s1", target="One!", translated_at="2026-11-25T11:00:00Z")
    theirs = edit(BASE, "p1.s2", target="Two.", state=State.TRANSLATED)
    merged, report = merge_articles(BASE, mine, theirs)
    assert report.clean and report.notes == []
    assert [s.target for s in merged.segments] == ["One!", "Two.", "Three."]
    assert merge_articles(BASE, mine, mine)[0].segments == mine.segments
    assert merge_articles(BASE, BASE, theirs)[0] == theirs


def test_english_and_review_merge_separately_then_the_approval_is_rechecked() -> None:
    mine = copy.deepcopy(BASE)
    mine.segments[2] = approved(mine.segments[2])  # an editor approves "Three."
    theirs = edit(BASE, "p2.s1", target="Three!")  # the translator improves it meanwhile
    merged, report = merge_articles(BASE, mine, theirs)
    assert report.clean
    result = merged.segment("p2.s1")
    assert (result.target, result.state, result.approval) == ("Three!", State.TRANSLATED, None)
    assert report.notes == ["p2.s1: approval void after the merge (the text changed)"]
    # Approving on one side, nothing on the other: the approval stands.
    merged, report = merge_articles(BASE, mine, copy.deepcopy(BASE))
    assert merged.segment("p2.s1").approval_is_valid() and report.notes == []


def test_two_englishes_clash_and_both_are_kept() -> None:
    mine = edit(BASE, "p2.s1", target="Mine.")
    theirs = edit(BASE, "p2.s1", target="Theirs.", translator="zhang")
    merged, report = merge_articles(BASE, mine, theirs)
    assert report.conflicts == ["p2.s1"]
    result = merged.segment("p2.s1")
    assert result.state is State.NEEDS_WORK and result.target == "Mine."
    assert result.conflict is not None
    assert result.conflict.mine == mine.segment("p2.s1")
    assert result.conflict.theirs == theirs.segment("p2.s1")
    # It survives the catalog, and choosing a side gives that side back exactly.
    loaded = loads_article(dumps_article(merged), Path("articles/a/en.po"))
    clash = loaded.segment("p2.s1")
    assert clash.conflict == result.conflict
    resolve(clash, "theirs")
    assert clash == theirs.segment("p2.s1")


def test_the_same_english_on_both_sides_is_no_clash() -> None:
    mine = edit(BASE, "p1.s2", target="Two.", translator="li", translated_at="2026-11-25T10:00:01Z")
    theirs = edit(
        BASE, "p1.s2", target="Two.", translator="wang", translated_at="2026-11-25T10:00:09Z"
    )
    merged, report = merge_articles(BASE, mine, theirs)
    assert report.clean
    assert merged.segment("p1.s2").translator == "wang"


def test_free_notes_from_both_sides_are_kept() -> None:
    mine = edit(BASE, "p1.s1", comments=["check the date"])
    theirs = edit(BASE, "p1.s1", comments=["source: press office"])
    merged, report = merge_articles(BASE, mine, theirs)
    assert report.clean
    assert merged.segment("p1.s1").comments == ["check the date", "source: press office"]


def test_both_sides_changing_the_chinese_differently_clash() -> None:
    mine = edit(BASE, "p1.s1", source="一一。", target="", state=State.NEW)
    theirs = edit(BASE, "p1.s1", source="一二。")
    mine.meta.source_hash = theirs.meta.source_hash = "h2"
    merged, report = merge_articles(BASE, mine, theirs)
    assert report.conflicts == ["p1.s1"]
    result = merged.segment("p1.s1")
    # Mine has no English: theirs shows, so no tool reads the entry as untranslated.
    assert result.target == "One." and result.state is State.NEEDS_WORK


def test_two_reimports_of_different_sources_keep_mine_and_retire_theirs_new_sentences() -> None:
    mine = copy.deepcopy(BASE)
    mine.segments.append(seg("p3.s1", "我的。"))
    mine.meta.source_hash = "mine"
    theirs = copy.deepcopy(BASE)
    theirs.segments.append(seg("p3.s1", "他们的。", "Theirs."))
    theirs.meta.source_hash = "theirs"
    mine.blocks.append(Block(3, BlockKind.PARAGRAPH))
    theirs.blocks.append(Block(3, BlockKind.PARAGRAPH))
    merged, report = merge_articles(BASE, mine, theirs)
    assert "(article)" in report.conflicts
    assert merged.meta.source_hash == "mine"
    assert merged.segment("p3.s1").conflict is not None  # same fresh id, different sentence
    assert report.notes[0].startswith("both sides re-imported the article")


def test_without_a_common_version() -> None:
    merged, report = merge_articles(None, BASE, copy.deepcopy(BASE))
    assert report.clean and merged.segments == BASE.segments
    other = edit(BASE, "p1.s1", target="Other.")
    _, report = merge_articles(None, BASE, other)
    assert report.conflicts == ["p1.s1"]


def silenced(
    a: Article, sid: str, check: str, by: str, at: str = "2026-11-25T12:00:00Z"
) -> Article:
    out = copy.deepcopy(a)
    s = out.segment(sid)
    s.silences = [*s.silences, Silence(check, by, at, silence_digest(s.source, s.target), "ok")]
    return out


def test_a_silence_from_either_side_survives_a_clean_merge() -> None:
    mine = silenced(BASE, "p1.s1", "numbers", "wang")
    theirs = silenced(edit(BASE, "p2.s1", target="3."), "p1.s1", "terminology", "zhou")
    merged, report = merge_articles(BASE, mine, theirs)
    assert report.clean
    assert [s.check for s in merged.segment("p1.s1").silences] == ["numbers", "terminology"]
    # Only theirs silenced: taken, though nothing else of the segment changed.
    merged, _ = merge_articles(BASE, BASE, silenced(BASE, "p1.s1", "numbers", "zhou"))
    assert [s.by for s in merged.segment("p1.s1").silences] == ["zhou"]
    # Theirs took a silence back, mine left it: gone; both re-silenced one check: the newer.
    base = silenced(BASE, "p1.s1", "numbers", "wang")
    mine = silenced(base, "p1.s1", "terminology", "wang")
    merged, _ = merge_articles(base, mine, edit(base, "p1.s1", silences=[]))
    assert [s.check for s in merged.segment("p1.s1").silences] == ["terminology"]
    later = silenced(BASE, "p1.s1", "numbers", "zhou", at="2026-11-26T09:00:00Z")
    merged, _ = merge_articles(BASE, silenced(BASE, "p1.s1", "numbers", "wang"), later)
    assert [s.by for s in merged.segment("p1.s1").silences] == ["zhou"]


def test_a_clash_keeps_each_sides_silences_through_the_catalog() -> None:
    mine = silenced(edit(BASE, "p2.s1", target="Mine."), "p2.s1", "numbers", "wang")
    theirs = silenced(edit(BASE, "p2.s1", target="Theirs."), "p2.s1", "length", "zhou")
    merged, report = merge_articles(BASE, mine, theirs)
    assert report.conflicts == ["p2.s1"]
    loaded = loads_article(dumps_article(merged), Path("articles/a/en.po"))
    clash = loaded.segment("p2.s1")
    assert clash.conflict is not None and clash.conflict.theirs is not None
    assert clash.conflict.mine.silences == mine.segment("p2.s1").silences
    assert clash.conflict.theirs.silences == theirs.segment("p2.s1").silences
    resolve(clash, "theirs")
    assert clash == theirs.segment("p2.s1")
    assert clash.silence_for("length") is not None


def test_resolving_mine_restores_an_approval_that_still_signs_the_text() -> None:
    mine = copy.deepcopy(BASE)
    mine.segments[0] = approved(mine.segments[0])
    theirs = edit(BASE, "p1.s1", target="Theirs.")
    theirs.segments[0].translated_at = "later"
    merged, report = merge_articles(BASE, edit(mine, "p1.s1", target="One!"), theirs)
    assert report.conflicts == ["p1.s1"]
    clash = merged.segment("p1.s1")
    resolve(clash, "mine")
    # Mine changed the English after the approval was given: the approval is void.
    assert clash.target == "One!" and clash.state is State.TRANSLATED and clash.approval is None


def test_glossary_entries_merge_per_entry() -> None:
    park = Term("园区", "the Park")
    zone = Term("高新区", "High-tech Zone")
    base = [park, zone]
    mine = [park, zone, Term("园区管委会", "Park Administrative Committee")]
    theirs = [
        Term("园区", "the Park", note="lower-case the"),
        zone,
        Term("创新园", "innovation park"),
    ]
    merged, report = merge_terms(base, mine, theirs)
    assert report.clean
    assert {t.source for t in merged} == {"园区", "高新区", "园区管委会", "创新园"}
    assert next(t for t in merged if t.source == "园区").note == "lower-case the"
    # Removed on one side, untouched on the other: removed.
    merged, report = merge_terms(base, [park], base)
    assert report.clean and merged == [park]


def test_glossary_clashes_keep_mine_with_theirs_recorded() -> None:
    base = [Term("高新区", "High-tech Zone")]
    mine = [Term("高新区", "Hi-tech Zone")]
    theirs = [Term("高新区", "High-Tech Zone")]
    merged, report = merge_terms(base, mine, theirs)
    assert report.conflicts == ["高新区"]
    [entry] = merged
    assert entry.target == "Hi-tech Zone"
    assert entry.conflict is not None and entry.conflict.theirs == theirs[0]
    theirs_kept = resolve_term(entry, "theirs")
    assert theirs_kept == theirs[0]
    assert resolve_term(entry, "mine") == mine[0]
    # Mine removed it while theirs changed it: theirs is kept, marked, and "mine" removes it.
    merged, report = merge_terms(base, [], theirs)
    [entry] = merged
    assert report.conflicts == ["高新区"] and entry.target == "High-Tech Zone"
    assert resolve_term(entry, "mine") is None
    assert resolve_term(entry, "theirs") == theirs[0]
