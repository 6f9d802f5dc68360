"""Pick one of a few labelled choices: the MT engine, or how to settle a conflict at quit."""

from __future__ import annotations

from collections.abc import Sequence

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from cipbilingual.tui.dialogs.base import Dialog
from cipbilingual.tui.i18n import _
from cipbilingual.tui.services import EngineReadiness


class ChoiceDialog(Dialog[str]):
    """Dismisses with the id of the chosen option, or None."""

    def __init__(
        self, title: str, choices: Sequence[tuple[str, str]], *, detail: str = "", initial: str = ""
    ) -> None:
        super().__init__()
        self._title = title
        self._choices = list(choices)
        self._detail = detail
        self._initial = initial

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(self._title, classes="dialog-title", markup=False)
            if self._detail:
                yield Static(self._detail, classes="dialog-quote", markup=False)
            yield OptionList(*(Option(label, id=key) for key, label in self._choices), id="choices")

    def on_mount(self) -> None:
        options = self.query_one("#choices", OptionList)
        keys = [key for key, _label in self._choices]
        if self._initial in keys:
            options.highlighted = keys.index(self._initial)
        options.focus()

    @on(OptionList.OptionSelected)
    def chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)


def engine_dialog(readiness: Sequence[EngineReadiness], default: str) -> ChoiceDialog:
    """The drafting engine picker: each engine says whether it is ready, and if not, why; the
    workspace's engine is preselected when it is ready, else the first one that is."""
    choices = []
    for engine in readiness:
        state = (
            _("ready") if engine.ready else _("not ready: {reason}").format(reason=engine.reason)
        )
        choices.append((engine.name, f"{engine.name} — {state}"))
    ready = [e.name for e in readiness if e.ready]
    initial = default if default in ready else (ready[0] if ready else default)
    return ChoiceDialog(_("Draft the new segments with"), choices, initial=initial)
