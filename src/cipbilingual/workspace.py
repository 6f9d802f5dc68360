"""A workspace on disk: settings, articles, glossary, TM folder and cache, with safe edits.

Edits go through `Workspace.edit(slug)`: an exclusive per-article lock, a fresh load, the change,
an atomic save. Two processes editing one article therefore never lose each other's work.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from cipbilingual import paths
from cipbilingual.config import Settings, load_settings
from cipbilingual.errors import NotFoundError
from cipbilingual.models import Article


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
        """Find the workspace as git finds its repository; raises WorkspaceError, ConfigError."""
        return cls.open(paths.find_workspace(explicit))

    # -- layout ---------------------------------------------------------------------------
    @property
    def articles_dir(self) -> Path:
        return self.root / paths.ARTICLES_DIR

    @property
    def glossary_path(self) -> Path:
        return self.root / paths.GLOSSARY_PATH

    @property
    def tm_dir(self) -> Path:
        return self.root / paths.TM_DIR

    @property
    def cache_dir(self) -> Path:
        return self.root / paths.CACHE_DIR

    def article_dir(self, slug: str) -> Path:
        return self.articles_dir / paths.validate_slug(slug)

    def catalog_path(self, slug: str) -> Path:
        return self.article_dir(slug) / paths.CATALOG_NAME

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
        """Save atomically. Prefer `edit()`, which also locks and reloads."""
        from cipbilingual.store import save_article

        save_article(article, self.catalog_path(article.slug))

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
            self._remove_stale_temp_files(slug)
            article = self.load(slug)
            yield article
            self.save(article)

    def _remove_stale_temp_files(self, slug: str) -> None:
        # Under the lock no other writer is mid-save, so a temporary catalog left here was
        # abandoned by a writer that was killed between writing and renaming it.
        for stale in self.article_dir(slug).glob(f".{paths.CATALOG_NAME}.*.tmp"):
            stale.unlink(missing_ok=True)
