"""A workspace on disk: settings, articles, glossary, TM folder and cache, with safe edits.

Edits go through `Workspace.edit(slug)`: an exclusive per-article lock, a fresh load, the change,
an atomic save. Two processes editing one article therefore never lose each other's work.
Every path into the workspace comes from `Workspace.inside`, which refuses one that a symbolic
link leads out of it.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from cipbilingual import limits, paths
from cipbilingual.config import Settings, load_settings
from cipbilingual.errors import InputError, NotFoundError, WorkspaceError
from cipbilingual.models import Article, HistoryRecord
from cipbilingual.text import shown

if TYPE_CHECKING:
    from cipbilingual.store.history import HistoryRead


# Concurrent appends to a history file on two branches merge by keeping both sides' lines.
HISTORY_GITATTRIBUTE = f"{paths.ARTICLES_DIR}/*/{paths.HISTORY_NAME} merge=union"


def ensure_history_merges(root: Path) -> bool:
    """Make git merge history files by union (both branches' appended lines kept): add the
    line to the workspace's .gitattributes unless it is there. Returns whether it was added.
    Raises InputError when the file cannot be read or written."""
    from cipbilingual.store import atomic_write_text

    attributes = root / ".gitattributes"
    text = ""
    if attributes.is_file():
        data = limits.read_file(attributes, limits.SETTINGS_FILE, "a .gitattributes file")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            raise InputError(f"cannot read {attributes}: not UTF-8 text") from None
    if HISTORY_GITATTRIBUTE in (line.strip() for line in text.splitlines()):
        return False
    if text and not text.endswith("\n"):
        text += "\n"
    atomic_write_text(attributes, text + HISTORY_GITATTRIBUTE + "\n")
    return True


@dataclass(frozen=True)
class Workspace:
    """A folder with cipbilingual.toml, and the settings read from it."""

    root: Path
    settings: Settings

    @classmethod
    def open(cls, root: Path) -> Workspace:
        """The workspace at `root` (which must hold cipbilingual.toml); raises ConfigError."""
        return cls(root, load_settings(root / paths.CONFIG_NAME))

    @classmethod
    def discover(cls, explicit: Path | None = None) -> Workspace:
        """Find the workspace as git finds its repository, and sweep away what writers killed
        mid-write left in it; raises WorkspaceError, ConfigError."""
        ws = cls.open(paths.find_workspace(explicit))
        ws.sweep()
        return ws

    # -- layout ---------------------------------------------------------------------------
    @cached_property
    def real_root(self) -> Path:
        return self.root.resolve()

    def inside(self, *parts: str | Path) -> Path:
        """The path `parts` below the root; raises WorkspaceError when a symbolic link on the
        way leads outside the workspace (nothing is read or written through such a link)."""
        path = self.root.joinpath(*parts)
        if self._inside(path):
            return path
        # Name the first step on the way that leads out (the link itself).
        relative = path.relative_to(self.root)
        step = self.root
        for part in relative.parts:
            step = step / part
            if not self._inside(step):
                break
        raise WorkspaceError(
            f"{shown(step.relative_to(self.root))} leads outside the workspace "
            f"(to {shown(step.resolve())}); cipbilingual reads and writes only inside it",
            hint="remove the symbolic link, or move what it points to into the workspace",
        )

    def _inside(self, path: Path) -> bool:
        real = path.resolve()
        return real == self.real_root or real.is_relative_to(self.real_root)

    @property
    def articles_dir(self) -> Path:
        return self.inside(paths.ARTICLES_DIR)

    @property
    def glossary_path(self) -> Path:
        return self.inside(paths.GLOSSARY_PATH)

    @property
    def tm_dir(self) -> Path:
        return self.inside(paths.TM_DIR)

    @property
    def cache_dir(self) -> Path:
        return self.inside(paths.CACHE_DIR)

    def article_dir(self, slug: str) -> Path:
        return self.inside(paths.ARTICLES_DIR, paths.validate_slug(slug))

    def catalog_path(self, slug: str) -> Path:
        return self.inside(paths.ARTICLES_DIR, paths.validate_slug(slug), paths.CATALOG_NAME)

    def history_path(self, slug: str) -> Path:
        return self.inside(paths.ARTICLES_DIR, paths.validate_slug(slug), paths.HISTORY_NAME)

    def slugs(self) -> list[str]:
        """Slugs of every article (folders holding en.po), sorted."""
        if not self.articles_dir.is_dir():
            return []
        return sorted(
            p.parent.name for p in self.articles_dir.glob(f"*/{paths.CATALOG_NAME}") if p.is_file()
        )

    def exists(self, slug: str) -> bool:
        return self.catalog_path(slug).is_file()

    # -- reading and writing ------------------------------------------------------------
    def load(self, slug: str) -> Article:
        """Load an article, with every approval that does not count voided (`trust`).
        Raises NotFoundError, CatalogError, SigningError (signatures cannot be checked)."""
        from cipbilingual.store import load_article
        from cipbilingual.trust import apply_trust

        path = self.catalog_path(slug)
        if not path.is_file():
            raise NotFoundError(
                f"no article '{slug}' in {self.articles_dir}",
                hint="'cipbilingual status' lists the articles",
            )
        article = load_article(path)
        apply_trust(article, self.settings, self.root)
        return article

    def save(self, article: Article) -> None:
        """Save atomically, then append the acts recorded on the article (`article.pending`) to
        its history. The history file is opened first, so one that cannot take records stops
        the save before anything is written. Prefer `edit()`, which also locks and reloads.
        Raises InputError."""
        from cipbilingual.store import save_article

        if not article.pending:
            save_article(article, self.catalog_path(article.slug))
            return
        from cipbilingual.store.history import open_history

        with open_history(self._history_for_writing(article.slug)) as log:
            save_article(article, self.catalog_path(article.slug))
            log.append(article.pending)
        article.pending.clear()

    def _first_history(self, path: Path) -> None:
        # A workspace made before histories existed learns to merge them the first time one
        # is written (init writes the line for new workspaces).
        if not os.path.lexists(path):
            ensure_history_merges(self.root)

    def append_history(self, slug: str, records: Sequence[HistoryRecord]) -> None:
        """Append records that change nothing in the catalog (comments, resolutions). Call it
        under `lock(slug)`. Raises InputError."""
        from cipbilingual.store.history import open_history

        with open_history(self._history_for_writing(slug)) as log:
            log.append(records)

    def _history_for_writing(self, slug: str) -> Path:
        """The history file's path, refusing a folder that a symbolic link leads out of the
        workspace (the file itself is opened without following links); the first history of
        a workspace makes sure git merges histories by union."""
        path = self.history_path(slug)
        folder = path.parent
        # Two lstat calls on every save; the full resolution only when a link is there.
        if (
            folder.is_symlink() or folder.parent.is_symlink()
        ) and not folder.resolve().is_relative_to(self.root.resolve()):
            raise InputError(f"{folder} leads out of the workspace; refusing to write there")
        self._first_history(path)
        return path

    def history(self, slug: str, segment: str | None = None) -> HistoryRead:
        """The article's history records (only `segment`'s when given), in file order, with
        notices for lines that could not be read. Raises InputError for a history file that is
        a symbolic link or cannot be read."""
        from cipbilingual.store.history import filter_segment, read_history, segment_needle

        path = self.history_path(slug)
        if segment is None:
            return read_history(path)
        return filter_segment(read_history(path, needle=segment_needle(segment)), segment)

    @contextmanager
    def lock(self, slug: str) -> Iterator[None]:
        """An exclusive, process-wide lock on one article (advisory, released on exit/crash)."""
        lock_dir = self.cache_dir / "locks"
        lock_dir.mkdir(parents=True, exist_ok=True)
        fd = os.open(lock_dir / f"{paths.validate_slug(slug)}.lock", os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)

    @contextmanager
    def edit(self, slug: str) -> Iterator[Article]:
        """Lock, load fresh, yield the article for changes, save it if the block ends normally."""
        with self.lock(slug):
            article = self.load(slug)
            yield article
            self.save(article)

    def sweep(self) -> list[Path]:
        """Remove the temporary files and folders that writers killed mid-write left in the
        folders cipbilingual writes to (never through a link, never while a writer is active
        there); returns what was removed. Never raises."""
        from cipbilingual.store.atomic import sweep_folder

        folders: list[Path] = []
        for top in (
            self.root,
            self.root / paths.ARTICLES_DIR,
            self.root / paths.GLOSSARY_PATH.parent,
            self.root / paths.TM_DIR,
        ):
            if top.is_symlink() or not top.is_dir():
                continue
            try:
                self.inside(top.relative_to(self.root))
            except WorkspaceError:
                continue
            folders.append(top)
        articles = self.root / paths.ARTICLES_DIR
        if articles in folders:
            # A real folder (not a link) in a folder inside the workspace is inside it too: no
            # path to resolve for each of an archive's thousands of articles.
            try:
                with os.scandir(articles) as entries:
                    folders += [Path(e.path) for e in entries if e.is_dir(follow_symlinks=False)]
            except OSError:
                pass
        removed: list[Path] = []
        for folder in folders:
            removed += [folder / name for name in sweep_folder(folder)]
        return removed
