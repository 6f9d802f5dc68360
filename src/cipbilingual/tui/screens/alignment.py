"""The links of an article made by aligning a Chinese file with its published English: each
link's sentences and score, lowest scores easy to find, and one key per fix (merge, split, move a
sentence to the next link or take one from it)."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.markup import escape
from textual.widgets import DataTable, Footer, Static

from cipbilingual.errors import CipError
from cipbilingual.models import SegmentId
from cipbilingual.tui import keymap
from cipbilingual.tui.i18n import _, format_count
from cipbilingual.tui.screens.base import CipScreen
from cipbilingual.tui.widgets.text import STATE_GLYPHS, fit

if TYPE_CHECKING:
    from cipbilingual.workflow.align import LinkView, RelinkReport

# Scores below this are shown as doubtful.
DOUBTFUL = 0.3


def render_link(view: LinkView, following: LinkView | None) -> Content:
    """The link's whole Chinese and English, and where the next link starts (what a move would
    take or give)."""
    none = _("(none)")
    segment = view.segment or _("no segment: English without Chinese")
    heading = _("Link {n}").format(n=view.index + 1)
    score = _("score {score}").format(score=f"{view.score:.2f}")
    lines = [
        f"[$text-muted]{escape(heading)} · {escape(segment)} · {escape(score)}[/]",
        escape(view.source or none),
        f"[b]{escape(view.target or none)}[/b]",
    ]
    if view.edited:
        edited = _("Its English was edited after alignment.")
        lines.append(f"[$warning]{escape(edited)}[/]")
    if following is not None:
        next_link = _("Next link:")
        lines.append(f"[$text-muted]{escape(next_link)}[/]")
        lines.append(f"[$text-muted]{escape(following.source or none)}[/]")
        lines.append(f"[$text-muted]{escape(following.target or none)}[/]")
    return Content.from_markup("\n".join(lines))


class AlignmentScreen(CipScreen):
    """Fix the links of one aligned article."""

    BINDINGS: ClassVar = keymap.bindings("links")

    def __init__(self, slug: str) -> None:
        super().__init__()
        self.slug = slug
        self._views: list[LinkView] = []
        self._focus: int | None = None

    def compose(self) -> ComposeResult:
        yield Static("", id="status", markup=False)
        yield DataTable(id="links", cursor_type="row", zebra_stripes=True)
        with VerticalScroll(id="link-detail"):
            yield Static("", id="link-text")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#link-detail").border_title = _("Link")
        self.query_one("#links", DataTable).focus()
        self.action_refresh()

    def on_screen_resume(self) -> None:
        self.action_refresh()

    def action_refresh(self) -> None:
        services, slug = self.services, self.slug
        self.run_blocking(
            lambda: services.link_views(slug), self._loaded, group="links", exclusive=True
        )

    def _loaded(self, views: list[LinkView]) -> None:
        self._views = views
        self._fill()

    def on_resize(self) -> None:
        self._fill()

    def _fill(self) -> None:
        table = self.query_one("#links", DataTable)
        keep = self._focus if self._focus is not None else table.cursor_row
        self._focus = None
        table.clear(columns=True)
        width = max(self.size.width - 30, 20)
        left = width // 2
        table.add_column("#", key="n", width=4)
        table.add_column(_("Score"), key="score", width=5)
        table.add_column(_("Chinese"), key="source", width=left)
        table.add_column(_("English"), key="target", width=width - left)
        table.add_column(_("Segment"), key="segment", width=12)
        for view in self._views:
            score = Text(f"{view.score:.2f}", style="bold" if view.score < DOUBTFUL else "")
            state = STATE_GLYPHS[view.state] if view.state else ""
            table.add_row(
                Text(str(view.index + 1)),
                score,
                Text(fit(view.source or "—", left)),
                Text(fit(view.target or "—", width - left)),
                Text(fit(f"{state} {view.segment or '—'}", 12)),
                key=str(view.index),
            )
        if self._views:
            table.move_cursor(row=min(max(keep, 0), len(self._views) - 1))
        self._show_detail()
        self._update_status()

    def _update_status(self) -> None:
        doubtful = sum(1 for v in self._views if v.score < DOUBTFUL)
        text = _("{slug}: {n} link(s), {doubtful} doubtful").format(
            slug=self.slug,
            n=format_count(len(self._views)),
            doubtful=format_count(doubtful),
        )
        self.query_one("#status", Static).update(f"{text} · {self.cip.user_label()}")

    def on_user_changed(self) -> None:
        super().on_user_changed()
        self._update_status()

    def current(self) -> LinkView | None:
        if not self._views:
            return None
        row = self.query_one("#links", DataTable).cursor_row
        return self._views[min(max(row, 0), len(self._views) - 1)]

    @on(DataTable.RowHighlighted)
    def _show_detail(self) -> None:
        view = self.current()
        text = self.query_one("#link-text", Static)
        if view is None:
            text.update(_("This article has no links."))
            return
        following = self._views[view.index + 1] if view.index + 1 < len(self._views) else None
        text.update(render_link(view, following))

    # -- fixes ------------------------------------------------------------------------------
    def _fix(self, op: str, done: str) -> None:
        view = self.current()
        if view is None:
            return
        services, slug, person, index = self.services, self.slug, self.cip.user, view.index

        def settled(report: RelinkReport) -> None:
            self._focus = report.focus
            message = done.format(n=index + 1)
            if report.voided:
                message += " " + _("Approval withdrawn: {ids}.").format(
                    ids=", ".join(report.voided)
                )
            self.notify(message)
            self.action_refresh()

        self.run_blocking(
            lambda: services.relink(slug, op, index, person),
            settled,
            group="fix",
            on_error=self._failed,
        )

    def _failed(self, error: CipError) -> None:
        self.report_error(error)
        self.action_refresh()

    def action_merge(self) -> None:
        self._fix("merge", _("Merged link {n} with the next one."))

    def action_split(self) -> None:
        self._fix("split", _("Split link {n}."))

    def action_english_down(self) -> None:
        self._fix("english-down", _("Moved the last English sentence of link {n} down."))

    def action_english_up(self) -> None:
        self._fix("english-up", _("Took the next English sentence into link {n}."))

    def action_chinese_down(self) -> None:
        self._fix("chinese-down", _("Moved the last Chinese sentence of link {n} down."))

    def action_chinese_up(self) -> None:
        self._fix("chinese-up", _("Took the next Chinese sentence into link {n}."))

    @on(DataTable.RowSelected)
    def row_selected(self) -> None:
        self.action_open()

    def action_open(self) -> None:
        view = self.current()
        if view is None:
            return
        if view.segment is None:
            self.notify(_("This link has no Chinese, so no segment: merge or move its English."))
            return
        self.cip.open_article(self.slug, focus=SegmentId.parse(view.segment))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        fixes = ("merge", "split", "english_down", "english_up", "chinese_down", "chinese_up")
        if action in fixes and (not self._views or self.cip.role is None):
            return None
        return True
