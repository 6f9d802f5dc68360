"""Every location cipbilingual uses: workspace discovery, the workspace layout, user dirs."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path

from cipbilingual.errors import UsageError, WorkspaceError
from cipbilingual.text import shown

CONFIG_NAME = "cipbilingual.toml"
WORKSPACE_ENV = "CIPBILINGUAL_WORKSPACE"
USER_ENV = "CIPBILINGUAL_USER"

ARTICLES_DIR = "articles"
CATALOG_NAME = "en.po"
HISTORY_NAME = "history.jsonl"  # the article's history, beside its catalog
SOURCE_STEM = "source.zh"
GLOSSARY_PATH = Path("locales") / "en" / "LC_MESSAGES" / "glossary.po"
TM_DIR = "tm"
CACHE_DIR = ".cipbilingual"  # workspace-local cache (indexes); git-ignored

_SLUG = re.compile(r"^[a-z0-9][a-z0-9._-]{0,99}$")


def validate_slug(slug: str) -> str:
    """Return the slug if it is a safe folder name; raise UsageError otherwise."""
    if not _SLUG.match(slug) or ".." in slug:
        raise UsageError(
            f"'{shown(slug)}' is not a valid slug",
            hint="use lower-case letters, digits, '.', '-' and '_' (no path separators, no '..')",
        )
    return slug


def find_workspace(
    explicit: Path | None = None,
    *,
    env: Mapping[str, str] | None = None,
    cwd: Path | None = None,
) -> Path:
    """The workspace root as git finds its repository: `--workspace`, else the environment
    variable, else the nearest folder upwards holding cipbilingual.toml. Raises WorkspaceError."""
    environ = os.environ if env is None else env
    if explicit is not None:
        return _checked_root(explicit, "--workspace")
    if environ.get(WORKSPACE_ENV):
        return _checked_root(Path(environ[WORKSPACE_ENV]), WORKSPACE_ENV)
    here = (cwd or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / CONFIG_NAME).is_file():
            return folder
    raise WorkspaceError(
        f"no {CONFIG_NAME} in {here} or any folder above it",
        hint="run 'cipbilingual init DIR' or pass --workspace DIR",
    )


def _checked_root(path: Path, origin: str) -> Path:
    root = path.expanduser().resolve()
    if not root.is_dir():
        raise WorkspaceError(f"{origin}: {path} is not a folder")
    if not (root / CONFIG_NAME).is_file():
        raise WorkspaceError(
            f"{origin}: {root} has no {CONFIG_NAME}",
            hint=f"run 'cipbilingual init {path}' to make it a workspace",
        )
    return root


CONFIG_DIR_ENV = "CIPBILINGUAL_CONFIG_DIR"


def user_config_dir(env: Mapping[str, str] | None = None) -> Path:
    """The person's own settings folder (the UI keymap lives here): $CIPBILINGUAL_CONFIG_DIR,
    else the platform's user config folder for cipbilingual (XDG on Linux)."""
    environ = os.environ if env is None else env
    if environ.get(CONFIG_DIR_ENV):
        return Path(environ[CONFIG_DIR_ENV]).expanduser()
    import platformdirs

    return Path(platformdirs.user_config_dir("cipbilingual", appauthor=False))


def user_cache_dir() -> Path:
    """The person's own cache folder (remembered signature checks live here): the platform's
    user cache folder for cipbilingual (XDG on Linux). Never shared through the workspace."""
    import platformdirs

    return Path(platformdirs.user_cache_dir("cipbilingual", appauthor=False))
