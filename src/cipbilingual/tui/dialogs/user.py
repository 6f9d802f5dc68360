"""Choose who is acting, among the [people] of cipbilingual.toml."""

from __future__ import annotations

from collections.abc import Sequence

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from cipbilingual.models import Role
from cipbilingual.tui.dialogs.base import Dialog
from cipbilingual.tui.i18n import _


def role_name(role: Role | None) -> str:
    if role is Role.EDITOR:
        return _("editor")
    if role is Role.TRANSLATOR:
        return _("translator")
    return _("not in this workspace")


class UserDialog(Dialog[str]):
    """Dismisses with the chosen person's name, or None."""

    def __init__(self, people: Sequence[tuple[str, Role]], current: str) -> None:
        super().__init__()
        self._people = list(people)
        self._current = current

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(_("Act as"), classes="dialog-title")
            options = [
                Option(f"{name}  ({role_name(role)})", id=name) for name, role in self._people
            ]
            yield OptionList(*options, id="people")
            if not self._people:
                yield Label(_("Nobody is listed in [people] of cipbilingual.toml."), markup=False)

    def on_mount(self) -> None:
        people = self.query_one("#people", OptionList)
        names = [name for name, _role in self._people]
        if self._current in names:
            people.highlighted = names.index(self._current)
        people.focus()

    @on(OptionList.OptionSelected)
    def chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)
