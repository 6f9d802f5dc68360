"""The memory: what goes in, exact/in-context/fuzzy lookup, ranking, conflicts, concordance,
incremental updates and the cache file."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from rapidfuzz import fuzz

from cipbilingual.errors import UsageError
from cipbilingual.models import State
from cipbilingual.tm import MatchKind, OriginKind, TranslationMemory, UnitOrigin, normalize
from cipbilingual.tm.memory import Fingerprint, article_units
from cipbilingual.tm.model import TMUnit
from tests.tm.helpers import make_article

A = State.APPROVED
T = State.TRANSLATED

VISIT = [
    ("汪泉在中以常州创新园调研", "Wang Quan visits CIP", A),
    (
        "11月21日下午，常州市委书记汪泉专程到中以常州创新园调研。",
        "On the afternoon of November 21, Wang Quan visited CIP.",
        A,
    ),
    (
        "中以常州创新园是我国首个由两国政府共同建立的创新示范园区。",
        "CIP is China's first innovation park built by two governments.",
        A,
    ),
    ("园区累计运营以色列企业17家。", "The park runs 17 Israeli companies.", A),
    ("总投资3.6亿元。", "Total investment is 360 million yuan.", A),
    ("这句还没批准。", "Not approved yet.", T),
    ("这句只是草稿。", "Only a draft.", State.DRAFT),
    ("这句被退回。", "Sent back.", State.NEEDS_WORK),
    ("这句还没翻译。", "", State.NEW),
]


@pytest.fixture
def memory() -> TranslationMemory:
    tm = TranslationMemory()
    tm.add_article(make_article("visit", VISIT))
    return tm


def test_approved_and_translated_go_in_drafts_and_rejected_do_not() -> None:
    units = article_units(make_article("visit", VISIT))
    assert [u.state for u in units] == [A, A, A, A, A, T]
    assert units[1].origin == UnitOrigin(OriginKind.ARTICLE, "visit", "p1.s1")
    assert units[1].before == VISIT[0][0] and units[1].after == VISIT[2][0]
    assert units[1].date == "2026-11-20T10:00:00Z"
    assert units[5].date == "2026-11-19T09:00:00Z"  # translated: when it was translated


def test_exact_match_is_100_and_carries_origin_state_and_date(memory: TranslationMemory) -> None:
    [match] = memory.lookup(VISIT[2][0], limit=1)
    assert (match.score, match.kind) == (100, MatchKind.EXACT)
    assert match.target == VISIT[2][1]
    assert str(match.unit.origin) == "visit p2.s1"
    assert match.unit.state is A and match.unit.date == "2026-11-20T10:00:00Z"
    assert match.numbers == () and not match.conflict


def test_same_neighbours_make_it_101(memory: TranslationMemory) -> None:
    matches = memory.lookup(VISIT[2][0], before=VISIT[1][0], after=VISIT[3][0])
    assert (matches[0].score, matches[0].kind) == (101, MatchKind.IN_CONTEXT)
    only_before = memory.lookup(VISIT[2][0], before=VISIT[1][0], after="别的句子。")
    assert only_before[0].score == 100


def test_fuzzy_score_is_rapidfuzz_ratio_rounded_down_with_a_diff(
    memory: TranslationMemory,
) -> None:
    query = "中以常州创新园是我国首个由两国政府共同建设的国际创新园区。"
    [match] = [m for m in memory.lookup(query) if m.kind is MatchKind.FUZZY][:1]
    expected = math.floor(fuzz.ratio(normalize(query), normalize(VISIT[2][0])))
    assert match.score == expected and 70 <= expected < 100
    assert "".join(c.old for c in match.diff) == VISIT[2][0]
    assert "".join(c.new for c in match.diff) == query
    changed = [(c.old, c.new) for c in match.diff if c.op != "equal"]
    assert ("立", "设") in changed


def test_below_the_threshold_nothing_and_threshold_configurable(
    memory: TranslationMemory,
) -> None:
    query = "常州市委书记汪泉参观了展厅。"
    assert memory.lookup(query) == []
    loose = memory.lookup(query, min_score=30)
    assert loose and all(m.score >= 30 for m in loose)
    with pytest.raises(UsageError):
        memory.lookup(query, min_score=120)


def test_number_warnings_name_both_figures(memory: TranslationMemory) -> None:
    [count] = memory.lookup("园区累计运营以色列企业10家。", limit=1)
    assert count.kind is MatchKind.FUZZY
    assert [(n.query, n.match) for n in count.numbers] == [("10", "17")]
    [money] = memory.lookup("总投资2.8亿元。", limit=1)
    assert [(n.query, n.match) for n in money.numbers] == [("2.8亿", "3.6亿")]


def test_translated_ranks_below_approved_and_says_so() -> None:
    tm = TranslationMemory()
    tm.add_article(
        make_article("a", [("标题甲。", "Title A", A), ("同一句话。", "Same, unapproved", T)])
    )
    tm.add_article(
        make_article("b", [("标题乙。", "Title B", A), ("同一句话。", "Same, approved", A)])
    )
    matches = tm.lookup("同一句话。")
    assert [(m.target, m.unit.state) for m in matches] == [
        ("Same, approved", A),
        ("Same, unapproved", T),
    ]


def test_two_exact_matches_with_different_english_are_both_shown_as_a_conflict() -> None:
    tm = TranslationMemory()
    tm.add_article(
        make_article("a", [("标题。", "T", A), ("会议指出。", "The meeting pointed out.", A)])
    )
    tm.add_article(
        make_article("b", [("标题。", "T", A), ("会议指出。", "It was noted at the meeting.", A)])
    )
    matches = tm.exact("会议指出。")
    assert {m.target for m in matches} == {
        "The meeting pointed out.",
        "It was noted at the meeting.",
    }
    assert all(m.conflict for m in matches)


def test_the_same_pair_twice_is_one_match_counting_duplicates() -> None:
    tm = TranslationMemory()
    for slug in ("a", "b", "c"):
        tm.add_article(
            make_article(slug, [(f"标题{slug}。", "T", A), ("据悉。", "It is reported.", A)])
        )
    [match] = tm.lookup("据悉。")
    assert match.duplicates == 2 and not match.conflict


def test_exclude_leaves_out_the_segment_itself(memory: TranslationMemory) -> None:
    own = UnitOrigin(OriginKind.ARTICLE, "visit", "p2.s1")
    assert all(m.unit.origin != own for m in memory.lookup(VISIT[2][0], exclude=own))


def test_empty_query_has_no_matches(memory: TranslationMemory) -> None:
    assert memory.lookup("  ") == []


def test_layout_differences_do_not_cost_an_exact_match(memory: TranslationMemory) -> None:
    # full-width digits and a stray space: the same sentence
    [match] = memory.lookup("园区累计运营以色列企业１７家。 ", limit=1)
    assert match.score == 100


def test_concordance_over_sources_and_targets(memory: TranslationMemory) -> None:
    hits = memory.search("中以常州创新园")
    assert {str(u.origin) for u in hits} == {"visit t.s1", "visit p1.s1", "visit p2.s1"}
    assert [u.state for u in memory.search("approved", target=True)] == [T]
    assert {str(u.origin) for u in memory.search("CIP", target=True)} == {
        "visit t.s1",
        "visit p1.s1",
        "visit p2.s1",
    }
    assert memory.search("cip", target=True)  # ASCII case does not matter
    with pytest.raises(UsageError):
        memory.search(" ")


def test_reindexing_an_article_replaces_its_units_and_patches_the_fuzzy_index(
    memory: TranslationMemory,
) -> None:
    query = "园区累计运营以色列外商独资企业90家。"
    before = memory.lookup(query)
    index = memory._fuzzy
    assert before and before[0].target == VISIT[3][1]
    rows = [
        *VISIT[:3],
        (
            "园区累计运营以色列外商独资企业和合作企业达90家。",
            "The park runs 90 Israeli WOFEs and partners.",
            A,
        ),
    ]
    memory.add_article(make_article("visit", rows))
    after = memory.lookup(query)
    assert memory._fuzzy is index  # patched in place, not rebuilt
    assert after[0].target == "The park runs 90 Israeli WOFEs and partners."
    assert all(m.target != VISIT[3][1] for m in after)
    memory.add_article(make_article("visit", VISIT))  # and back: the old key shows again
    assert memory.lookup(query)[0].target == VISIT[3][1]


def test_another_process_changing_the_file_is_seen(tmp_path: Path) -> None:
    path = tmp_path / "cache" / "tm.sqlite"
    first, second = TranslationMemory(path), TranslationMemory(path)
    first.add_article(make_article("visit", VISIT))
    assert second.lookup("园区累计运营以色列企业10家。")
    second.replace_store(OriginKind.ARTICLE, "visit", [])
    assert first.lookup("园区累计运营以色列企业10家。") == []
    first.close()
    second.close()


def test_a_broken_cache_file_is_rebuilt(tmp_path: Path) -> None:
    path = tmp_path / "tm.sqlite"
    path.write_bytes(b"this is not a database" * 100)
    with TranslationMemory(path) as tm:
        tm.add_article(make_article("visit", VISIT))
        assert tm.stats().units == 6


def test_a_failing_source_leaves_the_store_as_it_was(memory: TranslationMemory) -> None:
    def broken() -> list[TMUnit]:
        raise UsageError("bad input halfway")

    def units():  # type: ignore[no-untyped-def]
        yield from article_units(make_article("visit", VISIT[:2]))
        broken()

    with pytest.raises(UsageError):
        memory.replace_store(OriginKind.ARTICLE, "visit", units(), Fingerprint(1, 2, "x"))
    assert memory.stats().units == 6
    assert memory.lookup(VISIT[3][0])[0].score == 100


def test_stats_and_stores(memory: TranslationMemory) -> None:
    stats = memory.stats()
    assert (stats.units, stats.articles, stats.tmx_files) == (6, 1, 0)
    assert stats.by_state == {"approved": 5, "translated": 1}
    [store] = memory.stores()
    assert (store.kind, store.name, store.units) == (OriginKind.ARTICLE, "visit", 6)


def test_an_unusable_cache_location_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "cache").write_text("a file where the cache folder should be")
    with pytest.raises(UsageError, match="cannot open the translation-memory cache"):
        TranslationMemory(tmp_path / "cache" / "tm.sqlite")


def test_a_cache_of_another_schema_is_replaced(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "tm.sqlite"
    db = sqlite3.connect(path)
    db.execute("PRAGMA user_version = 99")
    db.close()
    with TranslationMemory(path) as tm:
        tm.add_article(make_article("visit", VISIT))
        assert tm.stats().units == 6
