"""One exception family. Each error carries a one-line, user-facing message and an optional hint.

The CLI maps `UsageError` subclasses (bad usage, bad input) to exit code 2 and `Refusal`
(the command ran and the answer is "no") to exit code 1. The core never prints or exits.
"""

from __future__ import annotations


class CipError(Exception):
    """Base of every error cipbilingual raises on purpose."""

    exit_code = 2

    def __init__(self, message: str, *, hint: str = "", details: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        # One line per item when the answer needs a list (every problem of an article).
        self.details = details

    def __str__(self) -> str:
        return self.message


class UsageError(CipError):
    """Bad usage or bad input: exit code 2."""


class WorkspaceError(UsageError):
    """No workspace, or a workspace that is not usable (missing or invalid cipbilingual.toml)."""


class ConfigError(UsageError):
    """cipbilingual.toml is invalid; the message names the file and the key."""


class InputError(UsageError):
    """A file to import or read is missing, empty, binary, undecodable or otherwise unusable."""


class CatalogError(UsageError):
    """A PO catalog cannot be read; the message names the file and the line."""


class NotFoundError(UsageError):
    """An article, segment, term or person that does not exist."""


class ConflictError(UsageError):
    """The operation would overwrite or duplicate something (an existing slug, a term twice)."""


class ReasonRequired(UsageError):
    """The act needs a reason that was not given (approving a segment sent back and unchanged)."""


class EngineError(UsageError):
    """A machine-translation engine is missing, misconfigured or failed."""


class RecordError(UsageError):
    """A publication record (articles/SLUG/published.json) that is unreadable or was changed
    by hand."""


class SigningError(UsageError):
    """Signed approvals cannot be made or checked: no ssh-keygen, no key, a key that is not in
    allowed_signers, an allowed_signers file that does not parse."""


class Refusal(CipError):
    """The command ran and the answer is "no": not publishable, QA errors, not allowed: exit 1."""

    exit_code = 1


class PermissionRefused(Refusal):
    """The acting person lacks the role for the action (a translator trying to approve)."""


class NotPublishable(Refusal):
    """An export was asked for an article that is not publishable: not completely approved,
    sentences missing from the catalog, unsilenced QA errors. `details` lists each problem."""
