"""Ask an editor why a segment goes back to its translator."""

from __future__ import annotations

from cipbilingual.tui.dialogs.note import NoteDialog
from cipbilingual.tui.i18n import _


class RejectDialog(NoteDialog):
    """Dismisses with the reason (never empty), or None."""

    INPUT_ID = "reason"

    def __init__(self, segment_label: str, target: str) -> None:
        super().__init__(
            _("Send {segment} back to the translator").format(segment=segment_label),
            target,
            _("Why? (the translator sees this)"),
            _("Send back"),
            _("A rejection needs a reason."),
            variant="error",
        )
