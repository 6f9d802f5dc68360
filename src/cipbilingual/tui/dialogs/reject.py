"""Ask an editor why a segment goes back to its translator."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Static

from cipbilingual.tui.dialogs.base import Dialog
from cipbilingual.tui.i18n import _


class RejectDialog(Dialog[str]):
    """Dismisses with the reason (never empty), or None."""

    def __init__(self, segment_label: str, target: str) -> None:
        super().__init__()
        self._segment_label = segment_label
        self._target = target

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(
                _("Send {segment} back to the translator").format(segment=self._segment_label),
                classes="dialog-title",
            )
            yield Static(self._target, classes="dialog-quote", markup=False)
            yield Input(placeholder=_("Why? (the translator sees this)"), id="reason")
            yield Label("", id="problem", classes="dialog-problem")
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("Send back"), variant="error", id="ok")
                yield Button(_("Cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#reason", Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#ok")
    def submit(self) -> None:
        reason = " ".join(self.query_one("#reason", Input).value.split())
        if not reason:
            self.query_one("#problem", Label).update(_("A rejection needs a reason."))
            return
        self.dismiss(reason)

    @on(Button.Pressed, "#cancel")
    def cancel(self) -> None:
        self.dismiss(None)
