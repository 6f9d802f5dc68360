"""Who did what since a date (a week ago by default): per person, segments and Chinese
characters translated, approved and sent back, their translations sent back, the median
post-edit distance of their approved English, and drafts approved unedited."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import DataTable, Footer, Input, Label, Static

from cipbilingual.errors import CipError
from cipbilingual.tui import keymap
from cipbilingual.tui.i18n import _, format_count
from cipbilingual.tui.screens.base import CipScreen
from cipbilingual.workflow.history import WorkReport


class ReportScreen(CipScreen):
    """The work report; type another date and press Enter to change the period."""

    BINDINGS: ClassVar = keymap.bindings("report")

    def __init__(self) -> None:
        super().__init__()
        self.report: WorkReport | None = None

    def compose(self) -> ComposeResult:
        yield Static("", id="status", markup=False)
        with Horizontal(id="report-bar"):
            yield Label(_("Since"), id="since-label")
            yield Input(placeholder=_("YYYY-MM-DD"), id="since")
        yield DataTable(id="report-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="report-note", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#report-table", DataTable).focus()
        self.action_refresh()

    def on_screen_resume(self) -> None:
        self.action_refresh()

    def action_refresh(self) -> None:
        services = self.services
        since = self.query_one("#since", Input).value.strip() or None
        self.run_blocking(
            lambda: services.report(since),
            self._loaded,
            group="report",
            exclusive=True,
            on_error=self._failed,
        )

    def action_since(self) -> None:
        self.query_one("#since", Input).focus()

    @on(Input.Submitted, "#since")
    def since_changed(self) -> None:
        self.action_refresh()
        self.query_one("#report-table", DataTable).focus()

    def _failed(self, error: CipError) -> None:
        self.report_error(error)

    def _loaded(self, report: WorkReport) -> None:
        self.report = report
        table = self.query_one("#report-table", DataTable)
        table.clear(columns=True)
        for key, heading in (
            ("person", _("Person")),
            ("translated", _("Translated")),
            ("approved", _("Approved")),
            ("sent_back", _("Sent back")),
            ("returned", _("Returned")),
            ("distance", _("Edit distance")),
            ("unedited", _("Unedited MT")),
        ):
            table.add_column(heading, key=key)
        for p in report.people:
            median = p.median_distance
            table.add_row(
                Text(p.person),
                Text(_pair(len(p.translated), p.translated_chars), justify="right"),
                Text(_pair(len(p.approved), p.approved_chars), justify="right"),
                Text(_pair(len(p.sent_back), p.sent_back_chars), justify="right"),
                Text(format_count(p.returned), justify="right"),
                Text("—" if median is None else f"{median:.1f}", justify="right"),
                Text(format_count(p.unedited), justify="right"),
                key=p.person,
            )
        since = report.since[:16].replace("T", " ")
        status = _("Work since {since} UTC").format(since=since)
        if not report.people:
            status += " · " + _("nobody did anything in this period")
        self.query_one("#status", Static).update(status)
        self.query_one("#report-note", Static).update(
            _(
                "Segments / Chinese characters. Returned: their translations sent back. Edit "
                "distance: median of 100 − chrF of their approved English against the machine "
                "draft (0 = kept as drafted). Unedited MT: machine drafts of theirs approved as "
                "they were."
            )
        )
        for notice in report.notices:
            self.notify(notice, severity="warning", timeout=8)


def _pair(segments: int, chars: int) -> str:
    return f"{format_count(segments)} / {format_count(chars)}"
