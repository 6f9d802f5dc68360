"""Other gettext tools are first-class: a catalog saved by translate-toolkit's PO writer (what
Weblate uses), GNU msgcat (Poedit-style), msgmerge or msgattrib loads with every state, approval,
record and stable id intact, and the header fields those tools add stay."""

from __future__ import annotations

import copy
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from cipbilingual.merge import conflicted
from cipbilingual.models import Article, SegmentId, State
from cipbilingual.store import dumps_article, load_article, loads_article, save_article
from tests.store.test_article import approved, sample_article

GETTEXT = all(shutil.which(tool) for tool in ("msgcat", "msgmerge", "msgattrib", "msgfilter"))
needs_gettext = pytest.mark.skipif(not GETTEXT, reason="GNU gettext is not installed")
WEBLATE_FIELDS = {
    "Last-Translator": "Li Na <li@example.org>",
    "Language-Team": "English <https://weblate.example.org/projects/cip/news/en/>",
    "PO-Revision-Date": "2026-11-26 10:00+0000",
    "Plural-Forms": "nplurals=2; plural=n != 1;",
    "X-Generator": "Weblate 5.8",
}


def rich_article() -> Article:
    """Every state and record, ids that no longer say where segments sit, a retired id and a
    clash kept from a merge: everything a catalog can hold."""
    article = sample_article()
    moved = approved("p9.s1", "新插入的一句。", "An inserted sentence.")
    moved.block = 1  # a re-import put it at the head of block 1
    article.segments.insert(1, moved)
    article.meta.retired_ids = {SegmentId(1, 7)}
    mine = copy.deepcopy(article.segments[3])
    theirs = copy.deepcopy(mine)
    theirs.target, theirs.translator = "Their version.", "Zhang"
    article.segments[3] = conflicted(mine, theirs, "both sides changed the English")
    return article


def gnu(*args: str | Path) -> None:
    env = {**os.environ, "LC_ALL": "C.UTF-8"}
    done = subprocess.run([str(a) for a in args], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr[-2000:]


@pytest.fixture
def catalog(tmp_path: Path) -> Path:
    path = tmp_path / "articles" / "wang-quan-visit" / "en.po"
    path.parent.mkdir(parents=True)
    save_article(rich_article(), path)
    return path


def assert_intact(path: Path) -> Article:
    loaded = load_article(path)
    want = rich_article()
    assert loaded.notices == []
    assert loaded.segments == want.segments
    assert [s.state for s in loaded.segments] == [s.state for s in want.segments]
    assert all(s.approval_is_valid() for s in loaded.segments if s.state is State.APPROVED)
    assert loaded.meta.retired_ids == want.meta.retired_ids
    assert loaded.retired == want.retired
    assert loaded.blocks == want.blocks
    return loaded


def test_the_rich_article_holds_everything(catalog: Path) -> None:
    text = catalog.read_text(encoding="utf-8")
    assert "X-Cipbilingual-Format: 2" in text and "# conflict-theirs: " in text
    assert {s.state for s in load_article(catalog).segments} == set(State)


def test_translate_toolkit_po_writer_as_weblate_saves(catalog: Path) -> None:
    from translate.storage import po

    store = po.pofile.parsefile(str(catalog))
    store.updateheader(add=True, **{k.replace("-", "_"): v for k, v in WEBLATE_FIELDS.items()})
    store.savefile(str(catalog))
    saved = catalog.read_text(encoding="utf-8")
    for key, value in WEBLATE_FIELDS.items():
        assert f'"{key}: {value}\\n"' in saved
    loaded = assert_intact(catalog)
    # Our next save keeps Weblate's fields where they are: no churn.
    save_article(loaded, catalog)
    assert catalog.read_text(encoding="utf-8") == saved
    # A translator edits an approved unit in Weblate: the approval no longer signs it.
    store = po.pofile.parsefile(str(catalog))
    unit = next(u for u in store.units if u.getcontext() == "p3.s1")
    unit.target = "The Park's systems were improved."
    store.savefile(str(catalog))
    changed = load_article(catalog)
    assert changed.segment("p3.s1").state is State.TRANSLATED
    assert changed.notices == ["p3.s1: approval void, text changed since Wang Wei approved it"]


@needs_gettext
def test_msgcat_saves_it_byte_for_byte(catalog: Path, tmp_path: Path) -> None:
    out = tmp_path / "cat.po"
    gnu("msgcat", catalog, "-o", out)
    assert out.read_bytes() == catalog.read_bytes()
    shutil.copy(out, catalog)
    assert_intact(catalog)


@needs_gettext
def test_msgattrib_keeps_everything_and_its_options_keep_the_ids(
    catalog: Path, tmp_path: Path
) -> None:
    out = tmp_path / "attr.po"
    gnu("msgattrib", catalog, "-o", out)
    assert out.read_bytes() == catalog.read_bytes()
    # --no-obsolete drops the retired entries' English, never their ids.
    gnu("msgattrib", "--no-obsolete", catalog, "-o", out)
    loaded = loads_article(out.read_text(encoding="utf-8"), catalog)
    assert loaded.retired == [] and loaded.segments == rich_article().segments
    assert SegmentId(4, 1) not in {s.id for s in loaded.segments}
    assert loaded.used_ids() >= {SegmentId(1, 7)}


@needs_gettext
def test_msgmerge_against_a_template_keeps_everything(catalog: Path, tmp_path: Path) -> None:
    template = tmp_path / "en.pot"
    gnu("msgfilter", "--keep-header", "-i", catalog, "-o", template, "sed", "-e", "d")
    out = tmp_path / "merged.po"
    gnu("msgmerge", "--quiet", "--previous", catalog, template, "-o", out)
    shutil.copy(out, catalog)
    # msgmerge keeps a previous Chinese (#| msgid) only on fuzzy entries: p2.s1 is new.
    loaded = load_article(catalog)
    assert loaded.segment("p2.s1").previous_source == ""
    loaded.segment("p2.s1").previous_source = rich_article().segment("p2.s1").previous_source
    save_article(loaded, catalog)
    assert catalog.read_bytes() == out.read_bytes().replace(
        b'msgctxt "p2.s1"', '#| msgid "汪泉参观了展厅。"\nmsgctxt "p2.s1"'.encode()
    )
    assert_intact(catalog)


def test_dumps_is_what_was_loaded(catalog: Path) -> None:
    assert dumps_article(load_article(catalog)) == catalog.read_text(encoding="utf-8")
