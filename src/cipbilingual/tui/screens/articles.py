"""The articles of the workspace: title, date, progress by state, QA errors, last editor; open,
import, draft with MT and export."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.widgets import DataTable, Static

from cipbilingual.models import State
from cipbilingual.tui import keymap
from cipbilingual.tui.dialogs.choice import ChoiceDialog
from cipbilingual.tui.dialogs.files import ExportDialog, ExportRequest, ImportDialog, ImportRequest
from cipbilingual.tui.i18n import _, format_count, format_date
from cipbilingual.tui.screens.base import CipScreen
from cipbilingual.tui.services import ArticleRow
from cipbilingual.tui.widgets.footer import KeyFooter
from cipbilingual.tui.widgets.status import StatusLine
from cipbilingual.tui.widgets.text import fit, state_bar, state_styles

BAR_WIDTH = 12


class ArticlesScreen(CipScreen):
    """The first screen: every article of the workspace."""

    BINDINGS: ClassVar = keymap.bindings("articles")

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[ArticleRow] = []
        self._errors: dict[str, int] = {}

    def compose(self) -> ComposeResult:
        yield StatusLine(id="status")
        yield DataTable(id="articles", cursor_type="row", zebra_stripes=True)
        yield Static("", id="empty", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.refresh_rows()
        self._update_status()
        # The progress bars are drawn in the theme's colours: redraw them when it changes.
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self._fill())

    def on_screen_resume(self) -> None:
        if self._rows:
            self.refresh_rows()

    def on_resize(self) -> None:
        self._fill()

    def _update_status(self) -> None:
        self.query_one("#status", StatusLine).show(
            self.services.ws.root.name, self.cip.user_label()
        )

    def on_user_changed(self) -> None:
        super().on_user_changed()
        self._update_status()

    # -- data -------------------------------------------------------------------------------
    def action_refresh(self) -> None:
        self.refresh_rows()

    def refresh_rows(self) -> None:
        services = self.services
        self.run_blocking(services.article_rows, self._rows_loaded, group="rows", exclusive=True)

    def _rows_loaded(self, rows: list[ArticleRow]) -> None:
        self._rows = rows
        self._fill()
        services = self.services
        slugs = [r.slug for r in rows]

        def count() -> dict[str, int]:
            return {slug: services.error_count(services.load(slug)) for slug in slugs}

        self.run_blocking(count, self._errors_counted, group="qa", exclusive=True)

    def _errors_counted(self, errors: dict[str, int]) -> None:
        self._errors = errors
        self._fill()

    def _fill(self) -> None:
        table = self.query_one("#articles", DataTable)
        keep = table.cursor_row
        table.clear(columns=True)
        width = max(self.size.width, 40)
        headings = [_("Title"), _("Date"), _("Progress"), _("QA errors"), _("Last editor")]
        dates = [format_date(r.date) for r in self._rows]
        counts = [
            f" {format_count(r.states.get(State.APPROVED, 0))}/{format_count(r.segments)}"
            for r in self._rows
        ]
        editors = [r.last_editor or "—" for r in self._rows]
        widths = [
            max([cell_len(headings[1]), *map(cell_len, dates)]),
            max([cell_len(headings[2]), *(BAR_WIDTH + cell_len(c) for c in counts)]),
            cell_len(headings[3]),
            max([cell_len(headings[4]), *map(cell_len, editors)]),
        ]
        # Every column has one cell of padding each side; the title takes what is left.
        title_width = max(width - sum(widths) - 2 * len(headings) - 2, 12)
        for key, heading, column_width in zip(
            ("title", "date", "progress", "qa", "editor"),
            headings,
            [title_width, *widths],
            strict=True,
        ):
            table.add_column(heading, key=key, width=column_width)
        styles = state_styles(self.app.theme_variables)
        for row in self._rows:
            done = row.states.get(State.APPROVED, 0)
            bar = state_bar(row.states, BAR_WIDTH, styles)
            bar.append(f" {format_count(done)}/{format_count(row.segments)}")
            errors = self._errors.get(row.slug)
            qa = Text(
                "…" if errors is None else format_count(errors), style="bold" if errors else ""
            )
            table.add_row(
                Text(fit(row.title or row.slug, title_width)),
                Text(format_date(row.date)),
                bar,
                qa,
                Text(row.last_editor or "—"),
                key=row.slug,
            )
        empty = self.query_one("#empty", Static)
        empty.update(
            ""
            if self._rows
            else _(
                "No articles yet. Press I to import a Chinese article, "
                "or run 'cipbilingual import FILE'."
            )
        )
        if self._rows:
            table.move_cursor(row=min(max(keep, 0), len(self._rows) - 1))

    def selected_slug(self) -> str | None:
        table = self.query_one("#articles", DataTable)
        if not self._rows:
            return None
        return self._rows[min(table.cursor_row, len(self._rows) - 1)].slug

    @property
    def rows(self) -> Sequence[ArticleRow]:
        return list(self._rows)

    # -- actions ----------------------------------------------------------------------------
    @on(DataTable.RowSelected)
    def row_selected(self) -> None:
        self.action_open()

    def action_open(self) -> None:
        slug = self.selected_slug()
        if slug is not None:
            self.cip.open_article(slug)

    def action_import_file(self) -> None:
        def chosen(request: ImportRequest | None) -> None:
            if request is None:
                return
            services = self.services

            def done(report: object) -> None:
                title = getattr(report, "title", "")
                count = getattr(report, "segments", 0)
                self.notify(
                    _("Imported {title} ({n} segments).").format(title=title, n=format_count(count))
                )
                self.refresh_rows()

            self.run_blocking(
                lambda: services.import_file(request.file, request.slug), done, group="import"
            )

        self.app.push_screen(ImportDialog(), chosen)

    def action_draft(self) -> None:
        slug = self.selected_slug()
        if slug is None:
            return
        services = self.services

        def chosen(engine: str | None) -> None:
            if engine:
                self.cip.open_article(slug, draft_engine=engine)

        choices = [(name, name) for name in services.engines()]
        self.app.push_screen(
            ChoiceDialog(
                _("Draft the new segments with"), choices, initial=services.default_engine()
            ),
            chosen,
        )

    def action_export(self) -> None:
        slug = self.selected_slug()
        if slug is None:
            return

        def chosen(request: ExportRequest | None) -> None:
            if request is None:
                return
            services = self.services

            def job() -> object:
                return services.export(
                    slug,
                    request.fmt,
                    request.dest,
                    allow_partial=request.allow_partial,
                    bilingual=request.bilingual,
                )

            self.run_blocking(
                job,
                lambda path: self.notify(_("Exported to {path}.").format(path=path)),
                group="export",
            )

        self.app.push_screen(ExportDialog(slug, self.services.export_formats()), chosen)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("open", "draft", "export") and not self._rows:
            return None
        return True
