"""The editors' queue: translated segments of every article, each with its diff against the MT
draft and its QA findings; approve or reject in one key."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.markup import escape
from textual.widgets import DataTable, Static

from cipbilingual.errors import CipError
from cipbilingual.models import Role
from cipbilingual.tui import keymap
from cipbilingual.tui.dialogs.reject import RejectDialog
from cipbilingual.tui.i18n import _, format_count
from cipbilingual.tui.screens.base import CipScreen
from cipbilingual.tui.services import ReviewItem, word_diff
from cipbilingual.tui.widgets.findings import render_findings
from cipbilingual.tui.widgets.footer import KeyFooter
from cipbilingual.tui.widgets.status import StatusLine
from cipbilingual.tui.widgets.text import fit, middle_cut, undated_slug
from cipbilingual.workflow.editing import Saved, SegmentEdit, Step


def render_review(item: ReviewItem) -> Content:
    """The item's Chinese, its English, and what the translator changed in the MT draft."""
    seg = item.segment
    lines = [
        f"[$text-muted]{escape(item.slug)} {seg.id} · {escape(seg.translator or '')}[/]",
        escape(seg.source),
        f"[b]{escape(seg.target)}[/b]",
    ]
    if seg.machine_draft:
        parts = []
        for part in word_diff(seg.machine_draft, seg.target):
            piece = escape(part.text)
            if part.op == "equal":
                parts.append(piece)
            elif part.op == "delete":
                parts.append(f"[$error strike]{piece}[/]")
            else:
                parts.append(f"[$success underline]{piece}[/]")
        origin = seg.origin.engine if seg.origin else _("MT")
        changes = _("Changes to the {engine} draft:").format(engine=origin)
        lines.append(f"[$text-muted]{escape(changes)}[/]")
        lines.append("".join(parts))
    elif seg.origin is not None and seg.origin.engine == "aligned":
        score = seg.origin.score if seg.origin.score is not None else 0.0
        aligned = _("Aligned from the published English ({detail}), link score {score}.").format(
            detail=seg.origin.detail, score=f"{score:.2f}"
        )
        lines.append(f"[$text-muted]{escape(aligned)}[/]")
    else:
        scratch = _("No machine draft: written from scratch.")
        lines.append(f"[$text-muted]{escape(scratch)}[/]")
    return Content.from_markup("\n".join(lines)) + Content("\n") + render_findings(item.findings)


class ReviewScreen(CipScreen):
    BINDINGS: ClassVar = keymap.bindings("review")
    EDITOR_ONLY: ClassVar = frozenset({"approve", "reject"})

    def __init__(self) -> None:
        super().__init__()
        self._items: list[ReviewItem] = []

    def compose(self) -> ComposeResult:
        yield StatusLine(id="status")
        yield DataTable(id="queue", cursor_type="row")
        with VerticalScroll(id="review-detail"):
            yield Static("", id="detail")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#review-detail").border_title = _("Segment")
        self.action_refresh()

    def on_screen_resume(self) -> None:
        self.action_refresh()

    def action_refresh(self) -> None:
        services = self.services
        self.run_blocking(services.review_queue, self._loaded, group="queue", exclusive=True)

    def _loaded(self, items: list[ReviewItem]) -> None:
        self._items = items
        self._fill()

    def on_resize(self) -> None:
        self._fill()

    def _fill(self) -> None:
        table = self.query_one("#queue", DataTable)
        keep = table.cursor_row
        table.clear(columns=True)
        # The article column shows the slug without its date (articles of one day share it),
        # cut in the middle: "zhong-yi…xin-yuan-2" tells two articles of that day apart.
        article = max(14, self.size.width // 6)
        width = max(self.size.width - article - 7 - 8, 20)
        left = width // 2
        table.add_column(_("Article"), key="article", width=article)
        table.add_column(_("Segment"), key="segment", width=7)
        table.add_column(_("Chinese"), key="source", width=left)
        table.add_column(_("English"), key="target", width=width - left)
        for n, item in enumerate(self._items):
            flag = "⚑ " if item.findings else ""
            table.add_row(
                Text(middle_cut(undated_slug(item.slug), article)),
                Text(flag + str(item.segment.id)),
                Text(fit(item.segment.source, left)),
                Text(fit(item.segment.target, width - left)),
                key=str(n),
            )
        if self._items:
            table.move_cursor(row=min(max(keep, 0), len(self._items) - 1))
        self._show_detail()
        self._update_status()

    def _update_status(self) -> None:
        count = _("{n} segment(s) waiting for review").format(n=format_count(len(self._items)))
        self.query_one("#status", StatusLine).show(count, self.cip.user_label())

    def on_user_changed(self) -> None:
        super().on_user_changed()
        self._update_status()

    def current_item(self) -> ReviewItem | None:
        if not self._items:
            return None
        row = self.query_one("#queue", DataTable).cursor_row
        return self._items[min(max(row, 0), len(self._items) - 1)]

    @on(DataTable.RowHighlighted)
    def _show_detail(self) -> None:
        item = self.current_item()
        detail = self.query_one("#detail", Static)
        if item is None:
            detail.update(_("Nothing waits for review."))
        else:
            detail.update(render_review(item))

    @on(DataTable.RowSelected)
    def row_selected(self) -> None:
        self.action_open()

    def action_open(self) -> None:
        item = self.current_item()
        if item is not None:
            self.cip.open_article(item.slug, focus=item.segment.id)

    def _edit(self, item: ReviewItem) -> SegmentEdit:
        seg = item.segment
        return SegmentEdit(item.slug, seg.id, seg.target, seg.target)

    def action_approve(self) -> None:
        item = self.current_item()
        if item is None or not self._editor():
            return
        services, person, edit = self.services, self.cip.user, self._edit(item)
        self.run_blocking(
            lambda: services.save(edit, person, Step.APPROVE),
            lambda saved: self._settled(item, saved, _("Approved {id}.")),
            group="decide",
            on_error=self._failed,
        )

    def action_reject(self) -> None:
        item = self.current_item()
        if item is None or not self._editor():
            return
        services, person, edit = self.services, self.cip.user, self._edit(item)

        def rejected(reason: str | None) -> None:
            if reason:
                self.run_blocking(
                    lambda: services.reject(edit, reason, person),
                    lambda saved: self._settled(item, saved, _("Sent {id} back.")),
                    group="decide",
                    on_error=self._failed,
                )

        self.app.push_screen(
            RejectDialog(f"{item.slug} {item.segment.id}", item.segment.target), rejected
        )

    def _editor(self) -> bool:
        if self.cip.role is Role.EDITOR:
            return True
        self.notify(self.editors_only_text(), severity="warning")
        return False

    def _settled(self, item: ReviewItem, saved: Saved, message: str) -> None:
        if item in self._items:
            self._items.remove(item)
        self._fill()
        self.notify(message.format(id=f"{item.slug} {saved.segment.id}"))

    def _failed(self, error: CipError) -> None:
        self.report_error(error)
        self.action_refresh()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("approve", "reject") and self.cip.role is not Role.EDITOR:
            return None
        return True
