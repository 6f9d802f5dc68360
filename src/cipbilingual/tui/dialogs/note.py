"""Ask for a line of text: a comment on a segment, why an editor approves a segment that was sent
back and has not changed since, or why a QA finding is silenced."""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Static
from textual.widgets.button import ButtonVariant

from cipbilingual.tui.dialogs.base import Dialog
from cipbilingual.tui.i18n import _


class NoteDialog(Dialog[str]):
    """Dismisses with the text (never empty, spaces collapsed), or None. `refuse` names what
    is wrong with the text as typed (None when nothing is): the dialog stays open and says it.
    `details` (the QA errors an override answers) stand between the quote and the input."""

    INPUT_ID = "note"

    def __init__(
        self,
        title: str,
        quote: str,
        placeholder: str,
        button: str,
        empty_problem: str,
        refuse: Callable[[str], str | None] | None = None,
        *,
        details: str = "",
        variant: ButtonVariant = "primary",
    ) -> None:
        super().__init__()
        self._title = title
        self._quote = quote
        self._placeholder = placeholder
        self._button = button
        self._empty_problem = empty_problem
        self._refuse = refuse
        self._details = details
        self._variant: ButtonVariant = variant

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(self._title, classes="dialog-title", markup=False)
            yield Static(self._quote, classes="dialog-quote", markup=False)
            if self._details:
                yield Static(self._details, id="errors", classes="dialog-problem", markup=False)
            yield Input(placeholder=self._placeholder, id=self.INPUT_ID)
            yield Label("", id="problem", classes="dialog-problem")
            with Horizontal(classes="dialog-buttons"):
                yield Button(self._button, variant=self._variant, id="ok")
                yield Button(_("Cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one(f"#{self.INPUT_ID}", Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#ok")
    def submit(self) -> None:
        typed = self.query_one(f"#{self.INPUT_ID}", Input).value
        text = " ".join(typed.split())
        problem = self._refuse(typed) if self._refuse is not None else None
        if problem is None and not text:
            problem = self._empty_problem
        if problem is not None:
            self.query_one("#problem", Label).update(problem)
            return
        self.dismiss(text)

    @on(Button.Pressed, "#cancel")
    def cancel(self) -> None:
        self.dismiss(None)


def comment_dialog(segment_label: str, quote: str) -> NoteDialog:
    return NoteDialog(
        _("Comment on {segment}").format(segment=segment_label),
        quote,
        _("Your comment; @name addresses a person"),
        _("Comment"),
        _("A comment needs some text."),
    )


def approval_reason_dialog(segment_label: str, quote: str) -> NoteDialog:
    return NoteDialog(
        _("{segment} was sent back and has not changed since").format(segment=segment_label),
        quote,
        _("Why may it go out as it is? (kept in the history)"),
        _("Approve"),
        _("Approving it unchanged needs a reason."),
    )
