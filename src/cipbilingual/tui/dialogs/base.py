"""The common frame of every dialog: a titled box, Escape to cancel, translated bindings."""

from __future__ import annotations

from typing import ClassVar, TypeVar

from textual.screen import ModalScreen

from cipbilingual.tui import keymap

T = TypeVar("T")


class Dialog(ModalScreen[T]):
    """A modal box; subclasses compose its body inside `#dialog` and dismiss with a result."""

    BINDINGS: ClassVar = keymap.bindings("dialog")

    def __init__(self) -> None:
        super().__init__()
        keymap.localize_bindings(self)

    def action_close(self) -> None:
        self.dismiss(None)
