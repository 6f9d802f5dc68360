"""The drafting workflow on copies of the sample workspace, with the tiny genuine argos package:
only new segments are filled, saves happen per batch, nobody's English is overwritten, a stop or
Ctrl-C keeps what was drafted."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from cipbilingual.models import Origin, State, Term, TermMatch
from cipbilingual.mt.argos import ArgosEngine
from cipbilingual.mt.base import Draft, DraftRequest, Progress
from cipbilingual.mt.protect import rendering
from cipbilingual.mt.rerank import cjk_count
from cipbilingual.workflow import drafting
from cipbilingual.workflow.articles import apply_translation, reject
from cipbilingual.workflow.drafting import draft_all, draft_article
from cipbilingual.workspace import Workspace
from tests.cli.conftest import copy_sample_workspace
from tests.mt.glossary_fixture import match_terms, seed_terms

FIRST = "2019-11-24-wang-quan-zai-zhong-yi-chang-zhou"  # approved
SECOND = "2019-12-10-zhong-yi-chang-zhou-chuang-xin-yuan"  # new


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    return Workspace.open(copy_sample_workspace(tmp_path / "sample"))


def catalog(ws: Workspace, slug: str) -> bytes:
    return ws.catalog_path(slug).read_bytes()


class Scripted:
    """An engine that answers "English for <id>" and can act in the middle of a run."""

    name = "scripted"

    def __init__(self, during: object = None) -> None:
        self.calls: list[list[DraftRequest]] = []
        self.during = during

    def describe(self) -> str:
        return "scripted engine"

    def translate(
        self, requests: Sequence[DraftRequest], progress: Progress | None = None
    ) -> list[Draft | None]:
        self.calls.append(list(requests))
        if callable(self.during):
            self.during(len(self.calls))
        return [
            Draft(f"English for {r.segment_id}", Origin("scripted", "v1", 0.5))
            if r.source.strip()
            else None
            for r in requests
        ]


def test_done_when_the_second_article_is_drafted_and_the_first_untouched(
    ws: Workspace, installed_tiny: Path
) -> None:
    before = catalog(ws, FIRST)
    new_ids = [str(s.id) for s in ws.load(SECOND).segments if s.state is State.NEW]
    assert new_ids
    seen: list[tuple[int, int]] = []
    report = draft_article(
        ws,
        SECOND,
        ArgosEngine.from_settings(ws.settings.mt),
        progress=lambda d, t: seen.append((d, t)),
    )
    assert report.drafted == new_ids and not report.interrupted
    assert seen[-1] == (len(new_ids), len(new_ids))
    article = ws.load(SECOND)
    for seg in article.segments:
        assert seg.state is State.DRAFT
        assert seg.target and seg.target == seg.machine_draft and cjk_count(seg.target) == 0
        assert seg.origin is not None
        assert (seg.origin.engine, seg.origin.detail) == ("argos", "translate-zh_en 0.1")
        assert seg.origin.score is not None and 0 < seg.origin.score <= 1
    assert catalog(ws, FIRST) == before
    # The workspace glossary was used: the glossary checks find nothing to object to.
    from cipbilingual.glossary.checks import check_article
    from cipbilingual.workflow.glossary import glossary_for

    glossary_findings = check_article(article, glossary_for(ws))
    assert glossary_findings == []
    assert "China-Israel Changzhou Innovation Park (CIP)" in article.segment("p1.s1").target
    assert {f.check for f in report.findings} == {"mt-term-placed"}
    again = draft_all(ws, ArgosEngine.from_settings(ws.settings.mt))
    assert [r.candidates for r in again] == [0, 0]


def test_only_new_segments_and_needs_work_only_when_asked(ws: Workspace) -> None:
    with ws.edit(SECOND) as article:
        first, second = article.segments[:2]
        apply_translation(first, "A human wrote this.", "li")
        apply_translation(second, "Sent back.", "li")
        reject(second, "too literal", "wang")
    report = draft_article(ws, SECOND, Scripted())
    article = ws.load(SECOND)
    assert article.segments[0].target == "A human wrote this."
    assert article.segments[0].state is State.TRANSLATED
    assert article.segments[1].state is State.NEEDS_WORK
    assert str(article.segments[1].id) not in report.drafted
    assert article.segments[2].state is State.DRAFT
    report = draft_article(ws, SECOND, Scripted(), include_needs_work=True)
    assert report.drafted == [str(article.segments[1].id)]
    assert ws.load(SECOND).segments[1].target == f"English for {article.segments[1].id}"


def test_a_translation_written_meanwhile_is_never_overwritten(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(drafting, "BATCH", 3)
    target = str(ws.load(SECOND).segments[4].id)

    def someone_else(call: int) -> None:
        if call == 1:  # while the first batch is being drafted, li translates segment 5
            with ws.edit(SECOND) as article:
                apply_translation(article.segment(target), "Li's English.", "li")

    report = draft_article(ws, SECOND, Scripted(someone_else))
    assert target in report.changed and target not in report.drafted
    seg = ws.load(SECOND).segment(target)
    assert (seg.target, seg.state) == ("Li's English.", State.TRANSLATED)
    assert len(report.drafted) == len(ws.load(SECOND).segments) - 1


def test_stop_between_batches_keeps_what_was_drafted(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(drafting, "BATCH", 3)
    engine = Scripted()
    report = draft_article(ws, SECOND, engine, should_stop=lambda: len(engine.calls) >= 2)
    assert report.interrupted and len(engine.calls) == 2
    states = [s.state for s in ws.load(SECOND).segments]
    assert states[:6] == [State.DRAFT] * 6 and set(states[6:]) == {State.NEW}


def test_ctrl_c_keeps_the_batches_already_saved(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(drafting, "BATCH", 4)

    def interrupt(call: int) -> None:
        if call == 2:
            raise KeyboardInterrupt

    report = draft_article(ws, SECOND, Scripted(interrupt))
    assert report.interrupted and len(report.drafted) == 4
    states = [s.state for s in ws.load(SECOND).segments]
    assert states[:4] == [State.DRAFT] * 4 and set(states[4:]) == {State.NEW}


def test_glossary_terms_and_first_mentions(ws: Workspace, installed_tiny: Path) -> None:
    terms = seed_terms()
    engine = ArgosEngine.from_settings(ws.settings.mt)
    recorded: list[DraftRequest] = []
    real = engine.translate

    def spy(
        requests: Sequence[DraftRequest], progress: Progress | None = None
    ) -> list[Draft | None]:
        recorded.extend(requests)
        return real(requests, progress)

    engine.translate = spy  # type: ignore[method-assign]
    report = draft_article(ws, SECOND, engine, matcher=lambda text: match_terms(text, terms))
    cip = [(r.segment_id, m) for r in recorded for m in r.terms if m.term.abbreviation == "CIP"]
    assert len(cip) > 2 and cip[0][0] == "t.s1" and cip[1][0] == "p1.s1"
    # The title is exempt; the body's first mention is the one written in full with (CIP).
    assert [m.term.full_form_first for _, m in cip] == [False, True] + [False] * (len(cip) - 2)
    article = ws.load(SECOND)
    full = "China-Israel Changzhou Innovation Park (CIP)"
    assert sum(s.target.count(full) for s in article.segments) == 1
    for request in recorded:
        seg = article.segment(request.segment_id)
        for match in request.terms:
            assert rendering(match.term) in seg.target
    placed = [f for f in report.findings if f.check == "mt-term-placed"]
    assert placed and all(f.slug == SECOND for f in placed)


def test_request_context_and_term_spans(ws: Workspace) -> None:
    article = ws.load(SECOND)
    term = Term("中以常州创新园", "China-Israel Changzhou Innovation Park")
    requests = drafting.requests_for(
        article, article.segments[1:3], lambda t: match_terms(t, [term])
    )
    assert [r.segment_id for r in requests] == [str(s.id) for s in article.segments[1:3]]
    assert requests[0].before == article.segments[0].source
    assert requests[0].after == article.segments[2].source
    for r in requests:
        for m in r.terms:
            assert isinstance(m, TermMatch) and r.source[m.start : m.end] == m.term.source


def test_draft_all_counts_across_articles(ws: Workspace) -> None:
    seen: list[tuple[int, int]] = []
    reports = draft_all(ws, Scripted(), progress=lambda d, t: seen.append((d, t)))
    assert [r.slug for r in reports] == [FIRST, SECOND]
    assert reports[0].drafted == [] and len(reports[1].drafted) == reports[1].candidates
    assert seen[-1][0] == seen[-1][1] == reports[1].candidates
