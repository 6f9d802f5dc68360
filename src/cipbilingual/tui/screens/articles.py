"""The articles of the workspace: title, slug, date, progress by state, QA errors, last act;
search and sort them; open, import, draft with MT and export."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.widgets import Input
from textual.worker import get_current_worker

from cipbilingual.errors import CipError
from cipbilingual.summaries import ArticleSummary
from cipbilingual.tui import keymap
from cipbilingual.tui.dialogs.files import ExportDialog, ExportRequest, ImportDialog, ImportRequest
from cipbilingual.tui.i18n import _, format_count
from cipbilingual.tui.screens.base import CipScreen, Debounce
from cipbilingual.tui.widgets.article_list import ArticleList
from cipbilingual.tui.widgets.footer import KeyFooter
from cipbilingual.tui.widgets.status import StatusLine
from cipbilingual.workflow.articles import ImportReport

SEARCH_DELAY = 0.15


class ArticlesScreen(CipScreen):
    """The first screen: every article of the workspace. It paints from the summary cache at
    once; articles whose catalog changed since are summarised again in the background, then
    QA errors are counted where they are not known yet."""

    BINDINGS: ClassVar = keymap.bindings("articles")

    def __init__(self) -> None:
        super().__init__()
        self._loaded = False
        self._busy = ""
        self._search_timer = Debounce(self, SEARCH_DELAY, self._apply_search)

    def compose(self) -> ComposeResult:
        yield StatusLine(id="status")
        yield Input(placeholder=_("Search titles and slugs…"), id="article-search")
        yield ArticleList(id="articles")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.refresh_rows()
        self._update_status()
        self.query_one(ArticleList).focus()
        # The progress bars are drawn in the theme's colours: redraw them when it changes.
        self.app.theme_changed_signal.subscribe(
            self, lambda _theme: self.query_one(ArticleList).refresh_theme()
        )

    def on_screen_resume(self) -> None:
        if self._loaded:
            self.refresh_rows()

    @property
    def article_list(self) -> ArticleList:
        return self.query_one("#articles", ArticleList)

    def _update_status(self) -> None:
        listing = self.article_list
        total = listing.total
        shown = len(listing.rows)
        parts = [self.services.ws.root.name]
        if self._loaded:
            if shown == total:
                parts.append(_("{n} articles").format(n=format_count(total)))
            else:
                parts.append(
                    _("{shown} of {total} articles").format(
                        shown=format_count(shown), total=format_count(total)
                    )
                )
            sort, reverse = listing.sort
            arrow = "▼" if sort.newest_first != reverse else "▲"
            parts.append(_("sorted by {column}").format(column=_(sort.label)) + f" {arrow}")
        if self._busy:
            parts.append(self._busy)
        self.query_one("#status", StatusLine).show(" · ".join(parts), self.cip.user_label())

    def on_user_changed(self) -> None:
        super().on_user_changed()
        self._update_status()

    # -- data -------------------------------------------------------------------------------
    def action_refresh(self) -> None:
        self.refresh_rows()

    def refresh_rows(self) -> None:
        """Show the cached summaries now, then bring the stale ones up to date."""
        services = self.services
        self.run_blocking(services.cached_summaries, self._cached, group="rows", exclusive=True)

    def _cached(self, cached: tuple[list[ArticleSummary], list[str]]) -> None:
        summaries, stale = cached
        self._loaded = True
        self.article_list.show(
            summaries,
            pending=stale,
            empty_text=_(
                "No articles yet. Press I to import a Chinese article, "
                "or run 'cipbilingual import FILE'."
            ),
        )
        self._update_status()
        self.refresh_bindings()
        # After the rows are on screen: the background work would compete with the first paint.
        self.call_after_refresh(self._refresh_in_background, stale)

    def _refresh_in_background(self, stale: list[str]) -> None:
        services, screen = self.services, self
        listing = self.article_list

        def post(batch: list[ArticleSummary]) -> None:
            screen.app.call_from_thread(screen._updated, batch)

        def work() -> None:
            worker = get_current_worker()
            stop = lambda: worker.is_cancelled  # noqa: E731
            try:
                if stale:
                    screen.app.call_from_thread(screen._set_busy, _("reading changed articles…"))
                    services.refresh_summaries(stale, stop, post)
                if worker.is_cancelled:
                    return
                current = screen.app.call_from_thread(lambda: list(listing.summaries))
                screen.app.call_from_thread(screen._set_busy, _("counting QA errors…"))
                services.count_errors(current, stop, post)
            except CipError as exc:
                if not worker.is_cancelled:
                    screen.app.call_from_thread(screen.report_error, exc)
            finally:
                if not worker.is_cancelled:
                    screen.app.call_from_thread(screen._set_busy, "")

        self.run_worker(work, group="summaries", thread=True, exclusive=True)

    def _updated(self, batch: list[ArticleSummary]) -> None:
        self.article_list.update(batch)
        self._update_status()

    def _set_busy(self, text: str) -> None:
        self._busy = text
        self._update_status()

    @property
    def settled(self) -> bool:
        """Every row is up to date and every QA count is in (nothing runs in the background)."""
        return self._loaded and not self._busy and not self.article_list.pending

    def selected_slug(self) -> str | None:
        return self.article_list.current

    @property
    def rows(self) -> Sequence[ArticleSummary]:
        """The articles listed, in the order shown."""
        return self.article_list.rows

    # -- searching and sorting --------------------------------------------------------------
    def action_search(self) -> None:
        box = self.query_one("#article-search", Input)
        box.add_class("-shown")
        box.focus()

    @on(Input.Changed, "#article-search")
    def search_changed(self) -> None:
        self._search_timer.poke()

    @on(Input.Submitted, "#article-search")
    def search_submitted(self) -> None:
        self._apply_search()
        self.article_list.focus()

    def _apply_search(self) -> None:
        self._search_timer.cancel()
        box = self.query_one("#article-search", Input)
        self.article_list.search(box.value)
        if not box.value.strip() and self.focused is not box:
            box.remove_class("-shown")
        self._update_status()

    def action_sort(self) -> None:
        sort = self.article_list.next_sort()
        self.notify(_("Sorted by {column}.").format(column=_(sort.label)), timeout=2)
        self._update_status()

    def action_reverse_sort(self) -> None:
        self.article_list.reverse_sort()
        self._update_status()

    def action_focus_list(self) -> None:
        box = self.query_one("#article-search", Input)
        if self.focused is box:
            if box.value:
                box.value = ""
                self._apply_search()
            box.remove_class("-shown")
            self.article_list.focus()

    # -- actions ----------------------------------------------------------------------------
    def on_article_list_opened(self, message: ArticleList.Opened) -> None:
        self.cip.open_article(message.slug)

    def action_open(self) -> None:
        slug = self.selected_slug()
        if slug is not None:
            self.cip.open_article(slug)

    def action_links(self) -> None:
        slug = self.selected_slug()
        if slug is None:
            return
        services = self.services

        def checked(aligned: bool) -> None:
            if not aligned:
                self.notify(
                    _("{slug} was not made by aligning two files: it has no links.").format(
                        slug=slug
                    ),
                    severity="warning",
                )
                return
            from cipbilingual.tui.screens.alignment import AlignmentScreen

            self.app.push_screen(AlignmentScreen(slug))

        self.run_blocking(lambda: services.is_aligned(slug), checked, group="links")

    def action_import_file(self) -> None:
        def chosen(request: ImportRequest | None) -> None:
            if request is None:
                return
            services, person = self.services, self.cip.user

            def done(report: ImportReport) -> None:
                if report.created:
                    text = _("Imported {title} ({n} segments).").format(
                        title=report.title, n=format_count(report.segments)
                    )
                else:
                    text = _(
                        "Updated {title}: {unchanged} unchanged, {changed} changed (now drafts), "
                        "{added} new, {removed} removed."
                    ).format(
                        title=report.title,
                        unchanged=format_count(report.unchanged),
                        changed=format_count(len(report.changed)),
                        added=format_count(len(report.added)),
                        removed=format_count(len(report.removed)),
                    )
                self.notify(text, timeout=8)
                self.refresh_rows()

            self.run_blocking(
                lambda: services.import_file(
                    request.file, request.slug, person, update=request.update
                ),
                done,
                group="import",
            )

        self.app.push_screen(ImportDialog(), chosen)

    def action_draft(self) -> None:
        slug = self.selected_slug()
        if slug is None:
            return

        def chosen(engine: str | None) -> None:
            if engine:
                self.cip.open_article(slug, draft_engine=engine)

        self.ask_engine(chosen)

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
        if action in ("open", "draft", "export", "links") and not self.rows:
            return None
        return True

