"""The filter bar: search the segments' Chinese and English, and filter them by state."""

from __future__ import annotations

from textual import on
from textual.widgets import Input, Select

from cipbilingual.models import State
from cipbilingual.tui.screens.editor.base import EditorBase

WITH_FINDINGS = "findings"  # the filter's choice beside the states


class FilterPart(EditorBase):
    """Shows only the segments that match the filter bar."""

    # -- searching and filtering -------------------------------------------------------------
    def action_search(self) -> None:
        self.query_one("#filter-bar").add_class("-shown")
        self.query_one("#search", Input).focus()

    @on(Input.Changed, "#search")
    def search_changed(self, event: Input.Changed) -> None:
        self._filter_text = event.value.strip()
        self._search_timer.poke()

    @on(Input.Submitted, "#search")
    def search_submitted(self) -> None:
        self._apply_filter()
        self.target.focus()

    @on(Select.Changed, "#state-filter")
    def state_filter_changed(self, event: Select.Changed) -> None:
        value = event.value
        self._filter_findings = value == WITH_FINDINGS
        self._filter_state = (
            State(str(value)) if isinstance(value, str) and value != WITH_FINDINGS else None
        )
        self._apply_filter()

    def set_filter(
        self, text: str = "", state: State | None = None, *, findings: bool = False
    ) -> None:
        """Show only segments whose Chinese or English contains `text`, in `state`, and with
        `findings` only those with findings nobody silenced."""
        self.query_one("#filter-bar").add_class("-shown")
        self.query_one("#search", Input).value = text
        value: object = WITH_FINDINGS if findings else (str(state) if state else Select.NULL)
        self.query_one("#state-filter", Select).value = value
        self._filter_text, self._filter_state, self._filter_findings = text, state, findings
        self._apply_filter()

    def _apply_filter(self) -> None:
        self._search_timer.cancel()
        if self.article is None:
            return
        visible = self._visible_ids()
        current = self.current
        self._show_list(current=current)
        ids = self.segments_view.visible_ids()
        if current is not None and (visible is None or current in visible):
            self.segments_view.select(current)
        elif ids and self._conflict is None:
            self.show_segment(ids[0])
        self._update_status()
