"""The article summary cache: trusted while a catalog is unchanged, remade for a changed one,
never a wrong figure (a corrupt, torn, foreign or unwritable cache only costs a rebuild)."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from cipbilingual import summaries as summary_files
from cipbilingual.models import State
from cipbilingual.summaries import SummaryCache
from cipbilingual.workflow import summaries as cases
from cipbilingual.workflow.articles import article_status_of
from cipbilingual.workspace import Workspace

from ..cli.conftest import copy_sample_workspace


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    return Workspace.open(copy_sample_workspace(tmp_path / "ws"))


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The slugs of the catalogs read (parsed), in order."""
    seen: list[str] = []
    real = Workspace.load

    def spy(self: Workspace, slug: str) -> object:
        seen.append(slug)
        return real(self, slug)

    monkeypatch.setattr(Workspace, "load", spy)
    yield seen


def _figures(ws: Workspace) -> list[dict[str, object]]:
    """What `status --json` prints, through the cache, with the last act beside it."""
    return [
        {**s.to_json(), "last": (s.last_editor, s.last_edited, s.last_act), "notices": s.notices}
        for s in cases.workspace_statuses(ws)
    ]


def _truth(ws: Workspace) -> list[dict[str, object]]:
    """The same, made from every article afresh."""
    out = []
    for slug in ws.slugs():
        s = article_status_of(ws, slug)
        last = (s.last_editor, s.last_edited, s.last_act)
        out.append({**s.to_json(), "last": last, "notices": s.notices})
    return out


def _edit(ws: Workspace, slug: str, text: str) -> None:
    with ws.edit(slug) as article:
        seg = article.segments[-1]
        seg.target, seg.state, seg.translator = text, State.TRANSLATED, "li"
        seg.translated_at = "2030-01-01T00:00:00Z"


def test_the_second_listing_reads_no_catalog(ws: Workspace, loads: list[str]) -> None:
    first = _figures(ws)
    assert sorted(loads) == ws.slugs()
    loads.clear()
    assert _figures(ws) == first
    assert loads == []
    assert first == _truth(ws)


def test_only_the_changed_catalog_is_read_again(ws: Workspace, loads: list[str]) -> None:
    _figures(ws)
    slug = ws.slugs()[1]
    _edit(ws, slug, "The park held a meeting.")
    loads.clear()
    figures = _figures(ws)
    assert loads == [slug]
    assert figures == _truth(ws)
    changed = next(s for s in cases.workspace_summaries(ws) if s.slug == slug)
    assert changed.last_editor == "li" and changed.last_act == "translate"
    assert changed.states[State.TRANSLATED] == 1
    assert changed.publishable is False  # a translated segment is not approved


def test_a_rewrite_of_the_same_size_is_noticed(ws: Workspace) -> None:
    slug = ws.slugs()[1]
    _edit(ws, slug, "Changed.")
    before = ws.catalog_path(slug).stat().st_size
    assert _figures(ws) == _truth(ws)
    with ws.edit(slug) as article:  # another time, as many bytes
        article.segments[-1].translated_at = "2031-01-01T00:00:00Z"
    assert ws.catalog_path(slug).stat().st_size == before
    assert _figures(ws) == _truth(ws)
    last = next(f["last"] for f in _figures(ws) if f["slug"] == slug)
    assert last == ("li", "2031-01-01T00:00:00Z", "translate")


def test_articles_come_and_go(ws: Workspace) -> None:
    _figures(ws)
    gone = ws.slugs()[0]
    shutil.rmtree(ws.article_dir(gone))
    shutil.copytree(ws.article_dir(ws.slugs()[0]), ws.articles_dir / "a-copy")
    assert [f["slug"] for f in _figures(ws)] == ws.slugs()
    assert gone not in SummaryCache(ws.cache_dir).read()


@pytest.mark.parametrize(
    "damage",
    [b"", b"{not json", b'{"format": 99, "articles": []}', b'{"format": 2, "articles": [[1, 2]]}'],
    ids=["empty", "torn", "other-format", "bad-row"],
)
def test_a_damaged_cache_is_rebuilt(ws: Workspace, damage: bytes) -> None:
    truth = _figures(ws)
    (ws.cache_dir / summary_files.SUMMARY_FILE).write_bytes(damage)
    assert _figures(ws) == truth
    assert _figures(ws) == truth


def test_a_torn_journal_line_is_ignored(ws: Workspace, loads: list[str]) -> None:
    _figures(ws)
    _edit(ws, ws.slugs()[0], "Changed.")
    _figures(ws)  # appends to the journal
    journal = ws.cache_dir / summary_files.JOURNAL_FILE
    assert journal.is_file()
    with journal.open("ab") as f:
        f.write(b'{"format":2,"keys":[],"articles":[["half')
    loads.clear()
    assert _figures(ws) == _truth(ws)
    assert loads == ws.slugs()  # the truth above; the listing itself read nothing


def test_the_journal_is_folded_into_the_snapshot(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(summary_files, "JOURNAL_LIMIT", 10)
    _figures(ws)
    journal = ws.cache_dir / summary_files.JOURNAL_FILE
    _edit(ws, ws.slugs()[0], "One.")
    _figures(ws)
    assert journal.is_file()
    _edit(ws, ws.slugs()[0], "Two.")
    _figures(ws)
    assert not journal.exists()
    snapshot = json.loads((ws.cache_dir / summary_files.SUMMARY_FILE).read_text("utf-8"))
    assert len(snapshot["articles"]) == len(ws.slugs())
    assert _figures(ws) == _truth(ws)


def test_an_unwritable_cache_folder_changes_nothing(ws: Workspace) -> None:
    if os.geteuid() == 0:
        # root writes through permissions: make the cache folder a file instead.
        ws.cache_dir.mkdir(exist_ok=True)
        shutil.rmtree(ws.cache_dir)
        ws.cache_dir.write_text("not a folder", encoding="utf-8")
    else:
        ws.cache_dir.mkdir(exist_ok=True)
        ws.cache_dir.chmod(0o500)
    assert _figures(ws) == _truth(ws)
    assert _figures(ws) == _truth(ws)


def test_cached_summaries_say_what_is_stale(ws: Workspace) -> None:
    listed, stale = cases.cached_summaries(ws)
    assert [s.slug for s in listed] == ws.slugs() and stale == ws.slugs()
    assert all(s.segments == 0 for s in listed)  # bare rows until summarised
    cases.refresh_summaries(ws, stale)
    listed, stale = cases.cached_summaries(ws)
    assert stale == [] and all(s.segments for s in listed)
    _edit(ws, ws.slugs()[0], "Changed.")
    listed, stale = cases.cached_summaries(ws)
    assert stale == [ws.slugs()[0]]
    assert listed[0].segments  # the old summary meanwhile


class Counting:
    def __init__(self, key: str = "k1") -> None:
        self.keyed = key
        self.counted: list[str] = []

    def key(self, ws: Workspace) -> str:
        return self.keyed

    def count(self, ws: Workspace, slug: str) -> int:
        self.counted.append(slug)
        return len(slug)


def test_qa_counts_are_kept_per_key_and_per_catalog(ws: Workspace) -> None:
    qa = Counting()
    counted = cases.count_errors(ws, cases.workspace_summaries(ws), qa)
    assert [s.qa_errors for s in counted] == [len(s) for s in ws.slugs()]
    assert qa.counted == ws.slugs()
    qa.counted.clear()
    cases.count_errors(ws, cases.workspace_summaries(ws), qa)
    assert qa.counted == []  # cached
    _edit(ws, ws.slugs()[0], "Changed.")
    again = cases.workspace_summaries(ws)
    assert again[0].qa_errors is None and again[1].qa_errors == len(ws.slugs()[1])
    cases.count_errors(ws, again, qa)
    assert qa.counted == [ws.slugs()[0]]
    qa.counted.clear()
    qa.keyed = "k2"  # e.g. the glossary changed
    cases.count_errors(ws, cases.workspace_summaries(ws), qa)
    assert qa.counted == ws.slugs()


def test_the_default_count_is_what_qa_reports(ws: Workspace) -> None:
    from cipbilingual.workflow.qa import check_articles

    counted = cases.count_errors(ws, cases.workspace_summaries(ws))
    for summary in counted:
        blocking = [f for f in check_articles(ws, [summary.slug]) if f.blocking]
        assert summary.qa_errors == len(blocking)
    key = cases.WorkspaceQA().key(ws)
    ws.glossary_path.write_text(ws.glossary_path.read_text("utf-8") + "\n", encoding="utf-8")
    assert cases.WorkspaceQA().key(ws) != key


def test_the_gate_is_assessed_again_when_the_glossary_changes(
    ws: Workspace, loads: list[str]
) -> None:
    _figures(ws)
    loads.clear()
    _figures(ws)
    assert loads == []
    ws.glossary_path.write_text(ws.glossary_path.read_text("utf-8") + "\n", encoding="utf-8")
    assert _figures(ws) == _truth(ws)
    assert sorted(set(loads)) == ws.slugs()  # every verdict made again (and the truth's loads)


def test_a_change_to_the_kept_source_or_the_history_is_noticed(ws: Workspace) -> None:
    _figures(ws)
    slug = ws.slugs()[0]
    source = next(ws.article_dir(slug).glob("source.zh.*"))
    with source.open("a", encoding="utf-8") as f:  # in place, as an editor might
        f.write("\n新增的一句话。\n")
    assert _figures(ws) == _truth(ws)
