"""Who is acting, and whether they may do what they ask."""

from __future__ import annotations

import os
import shutil
import subprocess

from cipbilingual import paths
from cipbilingual.config import Settings
from cipbilingual.errors import NotFoundError, PermissionRefused, UsageError
from cipbilingual.models import Role
from cipbilingual.text import shown


def acting_person(option: str | None = None) -> str:
    """--user, else CIPBILINGUAL_USER, else git's user.name; '' when none is set."""
    if option:
        return option.strip()
    if os.environ.get(paths.USER_ENV):
        return os.environ[paths.USER_ENV].strip()
    git = shutil.which("git")
    if git is None:
        return ""
    try:
        done = subprocess.run(
            [git, "config", "user.name"], capture_output=True, text=True, timeout=5, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout.strip()


def require_person(settings: Settings, person: str) -> Role:
    """The role of `person`; raises UsageError when nobody is named, NotFoundError when the
    person is not in [people] of cipbilingual.toml."""
    if not person:
        raise UsageError("nobody is acting", hint="pass --user NAME or set CIPBILINGUAL_USER")
    role = settings.role_of(person)
    if role is None:
        known = ", ".join(sorted(settings.people)) or "nobody yet"
        raise NotFoundError(
            f"'{shown(person)}' is not in [people] of {settings.path} (known: {known})"
        )
    return role


def require_editor(settings: Settings, person: str) -> None:
    """Raises PermissionRefused (exit 1) unless `person` is an editor."""
    if require_person(settings, person) is not Role.EDITOR:
        raise PermissionRefused(
            f"{person} is a translator; only an editor may approve or reject segments"
        )
