"""The workspace's own safety rules: every path through `Workspace.inside` (no symbolic link
leads out), folders that appear whole, temporary files that the next command sweeps but a live
writer keeps, and imports of one slug that race."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from cipbilingual.errors import ConflictError, InputError, WorkspaceError
from cipbilingual.store import atomic_folder, atomic_write_text, sweep_folder, writing
from cipbilingual.store.atomic import is_temporary
from cipbilingual.workflow.articles import import_article
from cipbilingual.workspace import Workspace
from tests.cli.conftest import ARTICLE1, copy_sample_workspace

SECOND = "2019-12-10-zhong-yi-chang-zhou-chuang-xin-yuan"


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    return Workspace.open(copy_sample_workspace(tmp_path / "ws"))


# -- paths ----------------------------------------------------------------------------------------


def test_a_link_leading_out_is_refused_for_reading_and_writing(
    ws: Workspace, tmp_path: Path
) -> None:
    outside = tmp_path / "elsewhere"
    (ws.articles_dir / SECOND).rename(outside)
    (ws.articles_dir / "evil").symlink_to(outside)
    before = (outside / "en.po").read_bytes()
    with pytest.raises(WorkspaceError, match=r"articles/evil leads outside the workspace"):
        ws.load("evil")
    with pytest.raises(WorkspaceError, match="outside the workspace"), ws.edit("evil"):
        pass
    assert (outside / "en.po").read_bytes() == before


def test_a_link_that_stays_inside_is_followed(ws: Workspace) -> None:
    (ws.articles_dir / "alias").symlink_to(ws.articles_dir / SECOND)
    assert ws.load("alias").segments == ws.load(SECOND).segments


@pytest.mark.parametrize("name", ["articles", ".cipbilingual", "tm", "locales"])
def test_every_top_folder_is_checked(ws: Workspace, tmp_path: Path, name: str) -> None:
    target = tmp_path / f"other-{name}"
    target.mkdir()
    real = ws.root / name
    if real.exists():
        real.rename(target / "moved")
    real.symlink_to(target)
    with pytest.raises(WorkspaceError, match=f"{name}.* leads outside"):
        {
            "articles": lambda: ws.articles_dir,
            ".cipbilingual": lambda: ws.cache_dir,
            "tm": lambda: ws.tm_dir,
            "locales": lambda: ws.glossary_path,
        }[name]()


# -- whole folders, swept temporaries ------------------------------------------------------------


def test_a_folder_appears_whole_or_not_at_all(tmp_path: Path) -> None:
    target = tmp_path / "article"
    with pytest.raises(RuntimeError), atomic_folder(target) as staging:
        (staging / "en.po").write_text("half", encoding="utf-8")
        raise RuntimeError("killed halfway")
    assert list(tmp_path.iterdir()) == []
    with atomic_folder(target) as staging:
        atomic_write_text(staging / "en.po", "whole")
        assert not target.exists()
    assert (target / "en.po").read_text(encoding="utf-8") == "whole"
    assert [p.name for p in tmp_path.iterdir()] == ["article"]


def test_a_folder_is_never_renamed_over_another(tmp_path: Path) -> None:
    target = tmp_path / "article"
    target.mkdir()
    with pytest.raises(FileExistsError), atomic_folder(target):
        pass
    assert [p.name for p in tmp_path.iterdir()] == ["article"]


def test_sweep_removes_what_a_dead_writer_left_and_nothing_else(tmp_path: Path) -> None:
    (tmp_path / ".en.po.ab12cd_9.tmp").write_text("torn", encoding="utf-8")
    (tmp_path / ".slug.x1y2z3w4.tmp").mkdir()
    keep = [".en.po.tmp", "en.po", ".notes.tmp", "draft.tmp", ".en.po.toolongname.tmp"]
    for name in keep:
        (tmp_path / name).write_text("mine", encoding="utf-8")
    assert sorted(sweep_folder(tmp_path)) == [".en.po.ab12cd_9.tmp", ".slug.x1y2z3w4.tmp"]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(keep)


def test_sweep_leaves_a_live_writers_file_alone(tmp_path: Path) -> None:
    live = tmp_path / ".en.po.ab12cd_9.tmp"
    with writing(tmp_path):
        live.write_text("being written", encoding="utf-8")
        assert sweep_folder(tmp_path) == []
        assert live.exists()
    assert sweep_folder(tmp_path) == [live.name]


def test_any_command_sweeps_the_workspace(ws: Workspace, tmp_path: Path) -> None:
    stale = [
        ws.root / ".cipbilingual.toml.aaaaaaaa.tmp",
        ws.articles_dir / ".new-slug.bbbbbbbb.tmp",
        ws.articles_dir / SECOND / ".en.po.cccccccc.tmp",
        ws.glossary_path.parent / ".glossary.po.dddddddd.tmp",
    ]
    stale[1].mkdir()
    for path in stale[:1] + stale[2:]:
        path.write_text("left by a killed writer", encoding="utf-8")
    found = Workspace.discover(ws.root)  # what every command does first
    assert not any(path.exists() for path in stale)
    assert found.sweep() == []


def test_init_ignores_temporary_names_in_git(tmp_path: Path) -> None:
    from cipbilingual.workflow.articles import init_workspace

    root = init_workspace(tmp_path / "newsroom")
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    for name in (".en.po.abcdefgh.tmp", "articles/.slug.abcdefgh.tmp"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("x", encoding="utf-8")
        assert is_temporary(Path(name).name)
    done = subprocess.run(
        ["git", "-C", str(root), "status", "--porcelain", "--untracked-files=all"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert ".tmp" not in done.stdout


# -- creating an article -------------------------------------------------------------------------


def test_a_folder_without_a_catalog_is_named_as_such(ws: Workspace) -> None:
    (ws.articles_dir / "half").mkdir()
    with pytest.raises(ConflictError, match=r"exists but holds no en\.po"):
        import_article(ws, ARTICLE1, "half")


_IMPORT = """
import sys
from cipbilingual.cli import main
main(["import", sys.argv[1], "--slug", "same"])
"""


def test_concurrent_imports_of_one_slug_give_one_article_and_clean_refusals(
    ws: Workspace,
) -> None:
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _IMPORT, str(ARTICLE1)],
            cwd=ws.root,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "CIPBILINGUAL_USER": "li"},
        )
        for _ in range(4)
    ]
    results = [(p.wait(timeout=120), p.stderr.read() if p.stderr else "") for p in procs]
    codes = sorted(code for code, _ in results)
    assert codes == [0, 2, 2, 2], results
    for code, err in results:
        if code == 2:
            assert err.count("\n") == 1 and "article 'same' already exists" in err
            assert "Traceback" not in err
    assert ws.load("same").segments
    assert sorted(p.name for p in ws.articles_dir.iterdir() if p.name.startswith(".")) == []


def test_too_many_sentences_are_refused_before_anything_is_written(
    ws: Workspace, tmp_path: Path
) -> None:
    path = tmp_path / "long.txt"
    path.write_text("标题\n\n" + "中。" * 10_001 + "\n", encoding="utf-8")
    with pytest.raises(InputError, match="limit of 10,000"):
        import_article(ws, path)
    assert sorted(p.name for p in ws.articles_dir.iterdir()) == sorted(ws.slugs())


# -- the cache folder ----------------------------------------------------------------------------


def _cli(ws: Workspace, *argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cipbilingual", *argv],
        cwd=ws.root,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "CIPBILINGUAL_USER": "li"},
    )


def test_the_cache_is_never_read_or_written_through_a_link_nor_read_past_its_limit(
    ws: Workspace, tmp_path: Path
) -> None:
    """The cache (.cipbilingual/) is the tool's own, so a hostile one is not refused: it is
    ignored and rebuilt. A link in it leads nowhere, a pipe or device blocks nothing, a giant
    file is not read."""
    assert _cli(ws, "status").returncode == 0  # the summaries
    assert _cli(ws, "qa", "--all").returncode in (0, 1)  # the findings cache
    cache = ws.root / ".cipbilingual"
    outside = tmp_path / "outside.txt"
    outside.write_text("not the tool's\n", encoding="utf-8")
    (cache / "summaries.log").unlink(missing_ok=True)
    (cache / "summaries.log").symlink_to(outside)  # an append would write through it
    (cache / "summaries.json").unlink()
    os.mkfifo(cache / "summaries.json")  # a read would block
    entries = sorted((cache / "qa").iterdir())
    assert entries
    entries[0].unlink()
    entries[0].symlink_to("/dev/zero")  # a read would never end
    with entries[1].open("wb") as giant:
        giant.truncate(65 * 1024 * 1024)  # over the cache's limit: not read

    assert _cli(ws, "translate", SECOND, "p1.s1", "The Park grows.").returncode == 0
    done = _cli(ws, "status")
    assert done.returncode == 0, done.stderr
    assert SECOND in done.stdout
    assert _cli(ws, "qa", "--all").returncode in (0, 1)
    assert outside.read_text(encoding="utf-8") == "not the tool's\n"
    leftovers = [p.name for p in cache.iterdir() if p.name.startswith(".")]
    assert all(is_temporary(name) for name in leftovers), leftovers


def test_the_summary_snapshot_is_written_under_a_temporary_name_git_ignores(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A killed fold leaves `.summaries.json.XXXXXXXX.tmp`: a name .gitignore covers and the
    next write of the snapshot sweeps."""
    import tempfile

    from cipbilingual.summaries import SummaryCache

    seen: list[str] = []
    real = tempfile.mkstemp

    def spy(*args: object, **kwargs: object) -> tuple[int, str]:
        fd, name = real(*args, **kwargs)  # type: ignore[arg-type]
        seen.append(Path(name).name)
        return fd, name

    monkeypatch.setattr(tempfile, "mkstemp", spy)
    ws.cache_dir.mkdir(exist_ok=True)
    SummaryCache(ws.cache_dir).write([], keep=[])
    assert seen and all(is_temporary(name) for name in seen), seen
    stale = ws.cache_dir / ".summaries.json.abcdefgh.tmp"
    stale.write_text("{", encoding="utf-8")
    SummaryCache(ws.cache_dir).write([], keep=[])
    assert not stale.exists()
