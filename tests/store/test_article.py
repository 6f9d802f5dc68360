"""Article ⇄ catalog: every state and record survives a save, msgcat, Poedit-style hand edits."""

from __future__ import annotations

import dataclasses
import math
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cipbilingual.errors import CatalogError, InputError
from cipbilingual.models import (
    Approval,
    Article,
    ArticleMeta,
    Block,
    BlockKind,
    Origin,
    Rejection,
    Segment,
    SegmentId,
    Silence,
    State,
    approval_digest,
    silence_digest,
)
from cipbilingual.store import dumps_article, load_article, loads_article, save_article
from tests.store.conftest import Msgcat
from tests.store.strategies import (
    article_text,
    comment_text,
    line_text,
    note_text,
    unstorable_text,
)

GOLDEN = Path(__file__).resolve().parents[1] / "data" / "golden" / "article.po"
PATH = Path("articles/wang-quan-visit/en.po")
sid = SegmentId.parse


def approved(seg_id: str, source: str, target: str, by: str = "Wang Wei") -> Segment:
    digest = approval_digest(seg_id, source, target)
    return Segment(
        sid(seg_id),
        source,
        target,
        State.APPROVED,
        translator="Li Na",
        translated_at="2026-11-25T09:14:00Z",
        approval=Approval(by, "2026-11-25T10:00:00Z", digest),
    )


def sample_article() -> Article:
    """A small article with every state, record and block kind: the golden file's content."""
    title = "汪泉在中以常州创新园调研时强调 把中以常州创新园建成中以技术转移的真正“桥梁”"
    segments = [
        Segment(
            sid("t.s1"),
            title,
            "Wang Quan: make the CIP a true “bridge” for technology transfer",
            State.DRAFT,
            origin=Origin("argos", "translate-zh_en 1.9", 0.87),
            machine_draft="Wang Quan: make the CIP a true “bridge” for technology transfer",
        ),
        Segment(
            sid("p1.s1"),
            "11月21日下午，常州市委书记汪泉专程到中以常州创新园调研。",
            "On the afternoon of November 21, Wang Quan visited the CIP.",
            State.TRANSLATED,
            origin=Origin("tm", "cip-2019-12-10 p1.s1", 0.92),
            translator="Li Na",
            translated_at="2026-11-25T09:12:00Z",
            machine_draft="On the afternoon of 21 November, Wang Quan visited.",
        ),
        Segment(
            sid("p1.s2"),
            "他强调，全市上下要进一步提高思想站位，承接好国家重大使命。",
            "He stressed that the whole city must raise its sights.",
            State.NEEDS_WORK,
            translator="Li Na",
            translated_at="2026-11-25T09:13:00Z",
            reason='Keep "national mission"; see the style guide',
            comments=["Checked against the printed edition."],
        ),
        Segment(sid("p2.s1"), "汪泉一行参观了以色列中心展厅。", previous_source="汪泉参观了展厅。"),
        approved("p3.s1", "园区体制机制逐步完善。", "The Park's systems improved step by step."),
    ]
    meta = ArticleMeta(
        slug="wang-quan-visit",
        title=title,
        date="2019-11-24T16:36:14",
        source_file="source.zh.md",
        source_format="md",
        source_encoding="utf-8",
        source_hash="3f" * 32,
        front_matter={"title": title, "tags": "CIP, visit"},
    )
    blocks = [
        Block(0, BlockKind.TITLE),
        Block(1, BlockKind.PARAGRAPH),
        Block(2, BlockKind.HEADING, "## "),
        Block(3, BlockKind.QUOTE, "> "),
        Block(4, BlockKind.CAPTION),
    ]
    retired = [
        Segment(sid("p4.s1"), "删去的一句话。", "A sentence the editor cut.", State.TRANSLATED)
    ]
    return Article(meta, blocks, segments, retired=retired)


def test_golden_file() -> None:
    # Regenerate with: python -c "from tests.store.test_article import *; write_golden()"
    assert dumps_article(sample_article()) == GOLDEN.read_text(encoding="utf-8")


def write_golden() -> None:  # pragma: no cover - a developer's tool
    GOLDEN.parent.mkdir(parents=True, exist_ok=True)
    GOLDEN.write_text(dumps_article(sample_article()), encoding="utf-8")


def test_round_trip_keeps_everything() -> None:
    article = sample_article()
    loaded = loads_article(dumps_article(article), PATH)
    assert loaded == article
    assert loaded.notices == []


def test_round_trip_through_msgcat(msgcat: Msgcat) -> None:
    text = dumps_article(sample_article())
    assert msgcat(text) == text
    assert loads_article(msgcat(text), PATH) == sample_article()


def test_encoding_lines() -> None:
    text = dumps_article(sample_article())
    digest = approval_digest(
        "p3.s1", "园区体制机制逐步完善。", "The Park's systems improved step by step."
    )
    for line in [
        "# state: draft",
        "# origin: argos 0.87 translate-zh_en 1.9",
        "# state: translated",
        "# translated: 2026-11-25T09:12:00Z Li Na",
        "# state: needs_work",
        '# reason: Keep "national mission"; see the style guide',
        "# Checked against the printed edition.",
        "# state: approved",
        f"# approved: 2026-11-25T10:00:00Z {digest} Wang Wei",
        "#. block: title",
        '#. block: heading "## "',
        '#| msgid "汪泉参观了展厅。"',
        '"X-Cipbilingual-Source-Hash: "',
        '#~ msgctxt "p4.s1"',
    ]:
        assert line in text.splitlines(), line


def test_new_segment_has_empty_translation_and_no_fuzzy() -> None:
    text = dumps_article(sample_article())
    block = text.split('msgctxt "p2.s1"')[0].rsplit("\n\n", 1)[1]
    assert "fuzzy" not in block and "state:" not in block
    assert 'msgctxt "p2.s1"\nmsgid "汪泉一行参观了以色列中心展厅。"\nmsgstr ""\n' in text


def test_drafts_and_needs_work_are_fuzzy_others_are_not() -> None:
    text = dumps_article(sample_article())
    entries = {chunk.split('msgctxt "')[1][:5]: chunk for chunk in text.split("\n\n")[1:]}
    assert "#, fuzzy" in entries['t.s1"']
    assert "#, fuzzy" in entries["p1.s2"]
    assert "#, fuzzy" not in entries["p1.s1"]
    assert "#, fuzzy" not in entries["p3.s1"]


def test_no_volatile_header_fields() -> None:
    text = dumps_article(sample_article())
    assert "Revision-Date" not in text and "Creation-Date" not in text
    assert dumps_article(loads_article(text, PATH)) == text


# -- hand edits (Poedit, a bad merge, a text editor) -----------------------------------------


def _edit(old: str, new: str) -> Article:
    text = dumps_article(sample_article())
    assert old in text
    return loads_article(text.replace(old, new, 1), PATH)


def test_changed_target_voids_the_approval() -> None:
    article = _edit("step by step.", "step by step, slowly.")
    seg = article.segment("p3.s1")
    assert seg.state is State.TRANSLATED and seg.approval is None
    assert article.notices == ["p3.s1: approval void, text changed since Wang Wei approved it"]


def test_changed_source_voids_the_approval() -> None:
    article = _edit("逐步完善", "完善")
    assert article.segment("p3.s1").state is State.TRANSLATED
    assert "approval void" in article.notices[0]


def test_fuzzy_without_state_line_is_a_draft() -> None:
    text = dumps_article(sample_article()).replace("# state: translated\n", "#, fuzzy\n", 1)
    seg = loads_article(text, PATH).segment("p1.s1")
    assert seg.state is State.DRAFT


def test_removing_fuzzy_confirms_a_draft() -> None:
    article = _edit('#, fuzzy\nmsgctxt "t.s1"', 'msgctxt "t.s1"')
    assert article.segment("t.s1").state is State.TRANSLATED
    assert article.notices == [
        "t.s1: confirmed outside cipbilingual (fuzzy flag removed), now translated"
    ]


def test_removing_fuzzy_from_needs_work_makes_it_translated() -> None:
    article = _edit('#, fuzzy\nmsgctxt "p1.s2"', 'msgctxt "p1.s2"')
    seg = article.segment("p1.s2")
    assert seg.state is State.TRANSLATED and seg.reason == ""


def test_adding_fuzzy_to_an_approved_segment_sends_it_back() -> None:
    article = _edit('msgctxt "p3.s1"', '#, fuzzy\nmsgctxt "p3.s1"')
    seg = article.segment("p3.s1")
    assert seg.state is State.NEEDS_WORK and seg.approval is None and seg.reason
    assert article.notices == ["p3.s1: marked fuzzy outside cipbilingual, now needs_work"]


def test_erasing_the_translation_makes_the_segment_new() -> None:
    article = _edit(
        'msgstr "On the afternoon of November 21, Wang Quan visited the CIP."', 'msgstr ""'
    )
    assert article.segment("p1.s1").state is State.NEW
    assert article.notices == ["p1.s1: English removed outside cipbilingual, now new"]


def test_foreign_catalog_without_our_comments_loads() -> None:
    text = (
        'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        '#, fuzzy\nmsgctxt "t.s1"\nmsgid "标题"\nmsgstr "Title"\n\n'
        'msgctxt "p1.s1"\nmsgid "句子。"\nmsgstr "A sentence."\n\n'
        'msgctxt "p1.s2"\nmsgid "另一句。"\nmsgstr ""\n'
    )
    article = loads_article(text, PATH)
    assert [s.state for s in article.segments] == [State.DRAFT, State.TRANSLATED, State.NEW]
    assert [b.kind for b in article.blocks] == [BlockKind.TITLE, BlockKind.PARAGRAPH]
    assert article.slug == "wang-quan-visit"


def test_notes_lose_control_characters_and_split_at_newlines() -> None:
    article = sample_article()
    article.segments[0].comments = ["one\ntwo\rthree\x07"]
    loaded = loads_article(dumps_article(article), PATH)
    assert loaded.segments[0].comments == ["one", "two three "]


def test_poedit_comment_survives_and_reserved_looking_notes_round_trip() -> None:
    article = sample_article()
    article.segments[0].comments = ["state: approved", "File: a.c, line:3", "\\o/", "", "x: y"]
    loaded = loads_article(dumps_article(article), PATH)
    assert loaded.segments[0].comments == article.segments[0].comments
    assert loaded.segments[0].state is State.DRAFT


@pytest.mark.parametrize(
    ("old", "new", "reason"),
    [
        ('msgctxt "p1.s1"', 'msgctxt "paragraph one"', "'paragraph one' is not a segment id"),
        ('msgctxt "p1.s1"\n', "", "no segment id"),
        ('msgctxt "p1.s2"', 'msgctxt "p1.s1"', "segment id p1.s1 appears twice"),
        ("# state: draft", "# state: done", "unknown state 'done'"),
        ("# origin: argos 0.87", "# origin: argos high", "unreadable 'origin' comment"),
        ("#. block: title", "#. block: sidebar", "unreadable block comment"),
    ],
)
def test_bad_entries_name_file_and_line(old: str, new: str, reason: str) -> None:
    text = dumps_article(sample_article())
    with pytest.raises(CatalogError) as info:
        loads_article(text.replace(old, new, 1), PATH)
    message = str(info.value)
    assert message.startswith(f"{PATH}:") and reason in message
    line = int(message.split(":")[1])
    assert text.replace(old, new, 1).splitlines()[line - 1].startswith(("msgctxt", "msgid"))


def test_newer_format_is_refused() -> None:
    text = dumps_article(sample_article()).replace("Format: 1", "Format: 3")
    with pytest.raises(CatalogError, match="newer"):
        loads_article(text, PATH)


# -- files ------------------------------------------------------------------------------------


def test_save_and_load(tmp_path: Path) -> None:
    path = tmp_path / "wang-quan-visit" / "en.po"
    path.parent.mkdir()
    save_article(sample_article(), path)
    assert load_article(path) == sample_article()
    assert [p.name for p in path.parent.iterdir()] == ["en.po"]


def test_control_characters_are_refused_and_nothing_is_written(tmp_path: Path) -> None:
    path = tmp_path / "a" / "en.po"
    path.parent.mkdir()
    save_article(sample_article(), path)
    before = path.read_bytes()
    article = sample_article()
    article.segments[1].target = "bell\x07"
    with pytest.raises(InputError, match=r"p1\.s1: the English contains .* U\+0007"):
        save_article(article, path)
    assert path.read_bytes() == before


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        load_article(tmp_path / "nope" / "en.po")


def test_legacy_charset_is_decoded(tmp_path: Path) -> None:
    text = dumps_article(sample_article()).replace("charset=UTF-8", "charset=GB18030")
    path = tmp_path / "wang-quan-visit" / "en.po"
    path.parent.mkdir()
    path.write_bytes(text.encode("gb18030"))
    assert load_article(path) == sample_article()


def test_bytes_that_do_not_match_the_charset(tmp_path: Path) -> None:
    path = tmp_path / "a" / "en.po"
    path.parent.mkdir()
    text = dumps_article(sample_article())
    path.write_bytes(text.encode("utf-8").replace("删去".encode(), b"\xff\xfe"))
    line = next(i for i, row in enumerate(text.splitlines(), 1) if "删去" in row)
    with pytest.raises(CatalogError, match=rf"en\.po:{line}: not valid utf-8"):
        load_article(path)


def test_unknown_charset(tmp_path: Path) -> None:
    path = tmp_path / "a" / "en.po"
    path.parent.mkdir()
    path.write_text(dumps_article(sample_article()).replace("UTF-8", "KLINGON-8"), "utf-8")
    with pytest.raises(CatalogError, match="unknown charset 'KLINGON-8'"):
        load_article(path)


# -- property tests ---------------------------------------------------------------------------

names = st.one_of(st.sampled_from(["Li Na", "wang", "Zhang  San ", ""]), line_text)
stamps = st.one_of(st.sampled_from(["2026-11-25T10:00:00Z", ""]), line_text)


@st.composite
def segments(draw: st.DrawFn, seg_id: SegmentId) -> Segment:
    source = draw(article_text.filter(bool))
    target = draw(article_text)
    state = draw(st.sampled_from(list(State))) if target else State.NEW
    if target and state is State.NEW:
        state = State.TRANSLATED
    seg = Segment(seg_id, source, target, state)
    if draw(st.booleans()):
        score = draw(st.one_of(st.none(), st.floats(allow_nan=False, allow_infinity=False)))
        engine = draw(st.sampled_from(["argos", "libretranslate", "tm", "reimport"]))
        seg.origin = Origin(engine, draw(line_text), score)
    seg.translator, seg.translated_at = draw(names), draw(stamps)
    seg.machine_draft = draw(comment_text)
    seg.previous_source = draw(st.one_of(st.just(""), article_text))
    seg.comments = draw(st.lists(note_text, max_size=2))
    if state is State.NEEDS_WORK:
        seg.reason = draw(comment_text)
    if state in (State.NEEDS_WORK, State.TRANSLATED) and draw(st.booleans()):
        digest = draw(st.sampled_from([approval_digest(seg_id, source, target), "0" * 16]))
        seg.rejection = Rejection(draw(names), draw(stamps), digest)
    if state is State.APPROVED:
        seg.approval = Approval(draw(names), draw(stamps), approval_digest(seg_id, source, target))
    return seg


@st.composite
def articles(draw: st.DrawFn) -> Article:
    count = draw(st.integers(min_value=1, max_value=8))
    ids: list[SegmentId] = []
    block, sentence = 0, 1
    for _ in range(count):
        ids.append(SegmentId(block, sentence))
        if draw(st.booleans()):
            block, sentence = block + 1, 1
        else:
            sentence += 1
    used = sorted({i.block for i in ids})
    extra = draw(st.lists(st.integers(min_value=0, max_value=12), max_size=2))
    blocks = [
        Block(
            index,
            BlockKind.TITLE if index == 0 else draw(st.sampled_from(list(BlockKind))),
            draw(st.sampled_from(["", "## ", "- ", "1. ", "> ", '"x"\\'])),
        )
        for index in sorted(set(used) | set(extra))
    ]
    meta = ArticleMeta(
        slug="prop",
        title=draw(line_text),
        date=draw(stamps),
        source_file=draw(st.sampled_from(["source.zh.txt", "source.zh.md"])),
        source_hash=draw(st.text("0123456789abcdef", max_size=64)),
        front_matter=draw(st.dictionaries(comment_text, comment_text, max_size=3)),
    )
    segs = [draw(segments(i)) for i in ids]
    retired = [s for s in draw(st.lists(segments(SegmentId(99, 1)), max_size=2))[:1] if s.target]
    return Article(meta, blocks, segs, retired=retired)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(article=articles())
def test_any_article_round_trips(article: Article) -> None:
    loaded = loads_article(dumps_article(article), Path("x/prop/en.po"))
    assert loaded.notices == []
    for got, want in zip(loaded.segments, article.segments, strict=True):
        if want.origin is not None and want.origin.score is not None:
            assert got.origin is not None and got.origin.score is not None
            assert math.isclose(got.origin.score, want.origin.score) or (
                got.origin.score == want.origin.score
            )
    assert loaded == article


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    article=articles(),
    where=st.sampled_from(["target", "reason", "machine", "translator", "title", "front"]),
    bad=unstorable_text,
)
def test_text_the_rule_refuses_is_never_written(article: Article, where: str, bad: str) -> None:
    """What the loader would refuse is refused on saving: every catalog written loads again."""
    seg = article.segments[0]
    if where == "target":
        seg.target, seg.state = bad, State.TRANSLATED
    elif where == "reason":
        seg.reason = bad
    elif where == "machine":
        seg.machine_draft = bad
    elif where == "translator":
        seg.translator = bad
    elif where == "title":
        article.meta.title = bad
    else:
        article.meta.front_matter = {"note": bad}
    with pytest.raises(InputError, match="contains"):
        dumps_article(article)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(article=articles())
def test_any_article_is_msgcat_stable(article: Article, msgcat: Msgcat) -> None:
    text = dumps_article(article)
    assert msgcat(text) == text


def test_segment_fields_are_all_stored() -> None:
    # A new Segment field must be added to the store's encoding (and to this list).
    stored = {
        "id", "source", "target", "state", "origin", "translator", "translated_at",
        "approval", "reason", "rejection", "previous_source", "machine_draft", "comments",
        "block", "conflict", "silences", "post_edit",
    }  # fmt: skip
    assert {f.name for f in dataclasses.fields(Segment)} == stored


def test_silences_and_post_edit_survive_a_save_and_msgcat(msgcat: Msgcat) -> None:
    seg = approved("p1.s1", "园区新增项目17个。", "The Park added 17 projects.")
    seg.origin = Origin("argos", "translate-zh_en 1.9", 0.8)
    seg.machine_draft = "Park add 17 project."
    seg.post_edit = 61.3
    digest = silence_digest(seg.source, seg.target)
    seg.silences = [
        Silence(
            "numbers-added", "Wang Wei", "2026-11-25T10:00:00Z", digest, "house style: spell out"
        ),
        Silence("omission", "li", "2026-11-25T10:01:00Z", "0" * 16, "state: reason \\ tricky "),
    ]
    article = Article(ArticleMeta("a"), [Block(1, BlockKind.PARAGRAPH)], [seg])
    text = dumps_article(article)
    assert "# silenced: numbers-added 2026-11-25T10:00:00Z" in text
    assert "# post-edit: 61.3" in text
    assert msgcat(text) == text
    back = loads_article(text, PATH).segments[0]
    assert back.silences == seg.silences
    assert back.post_edit == 61.3
    assert back.silence_for("numbers-added") == seg.silences[0]
    assert back.silence_for("omission") is None  # given on another English: not in force


@pytest.mark.parametrize(
    "line", ["# post-edit: nan", "# post-edit: 120", "# silenced: -", "# post-edit: x"]
)
def test_unreadable_qa_records_name_the_line(line: str) -> None:
    seg = approved("p1.s1", "园区新增项目17个。", "The Park added 17 projects.")
    text = dumps_article(Article(ArticleMeta("a"), [Block(1, BlockKind.PARAGRAPH)], [seg]))
    broken = text.replace("# state: approved", line + "\n# state: approved")
    with pytest.raises(CatalogError, match=r"en\.po:\d+: unreadable"):
        loads_article(broken, PATH)


def test_a_rejection_names_editor_time_and_the_english_sent_back() -> None:
    article = sample_article()
    seg = article.segments[1]
    seg.state, seg.reason, seg.approval = State.NEEDS_WORK, "Name the park in full", None
    digest = approval_digest(seg.id, seg.source, seg.target)
    seg.rejection = Rejection("Wang Wei", "2026-11-25T10:05:00Z", digest)
    text = dumps_article(article)
    assert f"# rejected: 2026-11-25T10:05:00Z {digest} Wang Wei\n" in text
    loaded = loads_article(text, PATH).segments[1]
    assert loaded.rejection == seg.rejection
    assert loaded.sent_back_unchanged()
    # Confirmed again as it was (here by hand, as Poedit does: the fuzzy flag goes): still the
    # English that was sent back, so the record stays and approving it will ask why.
    entry = text.split('msgctxt "p1.s1"')[0].rsplit("\n\n", 1)[1]
    confirmed = loads_article(text.replace(entry, entry.replace("#, fuzzy\n", "")), PATH)
    assert confirmed.segments[1].state is State.TRANSLATED
    assert confirmed.segments[1].sent_back_unchanged()
    assert "# rejected: " in dumps_article(confirmed)
    # Once approved, the rejection is history, not state.
    seg.state = State.APPROVED
    seg.approval = Approval("Wang Wei", "2026-11-25T11:00:00Z", digest)
    text = dumps_article(article)
    assert "rejected:" not in text
    assert loads_article(text, PATH).segments[1].rejection is None
