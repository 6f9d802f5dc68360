"""Ask an editor why a segment with QA errors may be approved all the same (an override)."""

from __future__ import annotations

from collections.abc import Sequence

from cipbilingual.models import Finding
from cipbilingual.tui.dialogs.note import NoteDialog
from cipbilingual.tui.i18n import _


class OverrideDialog(NoteDialog):
    """Shows the errors; dismisses with the reason (never empty), or None to leave the segment
    unapproved."""

    INPUT_ID = "reason"

    def __init__(self, segment_label: str, target: str, errors: Sequence[Finding]) -> None:
        super().__init__(
            _("{segment} has QA errors").format(segment=segment_label),
            target,
            _("Why may it be published as it is? (kept with the approval)"),
            _("Approve anyway"),
            _("An override needs a reason."),
            details="\n".join(f"• {f.check}: {f.message}" for f in errors),
            variant="warning",
        )
