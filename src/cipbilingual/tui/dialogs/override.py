"""Ask an editor why a segment with QA errors may be approved all the same (an override)."""

from __future__ import annotations

from collections.abc import Sequence

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Static

from cipbilingual.models import Finding
from cipbilingual.tui.dialogs.base import Dialog
from cipbilingual.tui.i18n import _


class OverrideDialog(Dialog[str]):
    """Shows the errors; dismisses with the reason (never empty), or None to leave the segment
    unapproved."""

    def __init__(self, segment_label: str, target: str, errors: Sequence[Finding]) -> None:
        super().__init__()
        self._segment_label = segment_label
        self._target = target
        self._errors = list(errors)

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(
                _("{segment} has QA errors").format(segment=self._segment_label),
                classes="dialog-title",
            )
            yield Static(self._target, classes="dialog-quote", markup=False)
            lines = "\n".join(f"• {f.check}: {f.message}" for f in self._errors)
            yield Static(lines, id="errors", classes="dialog-problem", markup=False)
            yield Input(
                placeholder=_("Why may it be published as it is? (kept with the approval)"),
                id="reason",
            )
            yield Label("", id="problem", classes="dialog-problem")
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("Approve anyway"), variant="warning", id="ok")
                yield Button(_("Cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#reason", Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#ok")
    def submit(self) -> None:
        reason = " ".join(self.query_one("#reason", Input).value.split())
        if not reason:
            self.query_one("#problem", Label).update(_("An override needs a reason."))
            return
        self.dismiss(reason)

    @on(Button.Pressed, "#cancel")
    def cancel(self) -> None:
        self.dismiss(None)
