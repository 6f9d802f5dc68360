"""The review queue: translated segments of every article, each with its diff against the MT
draft and its QA findings, approved or rejected in one key, a finding silenced (or its silence
taken back) with S; and the comments addressed to the person, resolved with X. F7 shows who did
what (the work report)."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.markup import escape
from textual.widgets import DataTable, Static

from cipbilingual.errors import CipError
from cipbilingual.models import Role, Silence
from cipbilingual.tui import keymap
from cipbilingual.tui.dialogs.note import approval_reason_dialog
from cipbilingual.tui.dialogs.override import OverrideDialog
from cipbilingual.tui.dialogs.reject import RejectDialog
from cipbilingual.tui.i18n import _, format_count
from cipbilingual.tui.screens.base import CipScreen
from cipbilingual.tui.services import ReviewItem, word_diff
from cipbilingual.tui.widgets.findings import any_open, render_findings
from cipbilingual.tui.widgets.footer import KeyFooter
from cipbilingual.tui.widgets.status import StatusLine
from cipbilingual.tui.widgets.text import COMMENT_GLYPH, fit, middle_cut, undated_slug
from cipbilingual.workflow.editing import ApprovalRefused, Saved, SegmentEdit, Step

if TYPE_CHECKING:
    from cipbilingual.tui.dialogs.silence import SilenceChoice


def render_review(item: ReviewItem) -> Content:
    """The item's Chinese, its English, and what the translator changed in the MT draft; for
    a comment, the comment first."""
    seg = item.segment
    lines = [
        f"[$text-muted]{escape(item.slug)} {seg.id} · {escape(seg.translator or '')}[/]",
    ]
    if item.comment is not None:
        c = item.comment
        said = _("{person} wrote to you, {when}:").format(
            person=c.by or "—", when=c.at[:16].replace("T", " ")
        )
        lines.append(f"[$accent]{COMMENT_GLYPH} {escape(said)}[/] {escape(c.text)}")
        resolves = _("X resolves the comment.")
        lines.append(f"[$text-muted]{escape(resolves)}[/]")
    lines += [escape(seg.source), f"[b]{escape(seg.target)}[/b]"]
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
    hint = _("S silences a finding, or takes its silence back.")
    return (
        Content.from_markup("\n".join(lines))
        + Content("\n")
        + render_findings(item.findings, silence_hint=hint)
    )


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
        services, person = self.services, self.cip.user
        self.run_blocking(
            lambda: services.review_queue(person), self._loaded, group="queue", exclusive=True
        )

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
            flag = f"{COMMENT_GLYPH} " if item.comment is not None else ""
            flag += "⚑ " if any_open(item.findings) else ""
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
        comments = sum(1 for item in self._items if item.comment is not None)
        count = _("{n} segment(s) waiting for review").format(
            n=format_count(len(self._items) - comments)
        )
        if comments:
            count += " · " + _("{n} comment(s) for you").format(n=format_count(comments))
        self.query_one("#status", StatusLine).show(count, self.cip.user_label())

    def on_user_changed(self) -> None:
        super().on_user_changed()
        self.action_refresh()  # comments are addressed to a person

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
        self._approve(item, None)

    def _approve(self, item: ReviewItem, override: str | None, reason: str | None = None) -> None:
        """Approve the item; a segment sent back and unchanged since asks for a `reason` first,
        and QA errors ask for the reason of an `override`."""
        services, person, edit = self.services, self.cip.user, self._edit(item)
        seg = item.segment
        if reason is None and seg.sent_back_unchanged():
            sent_back = _("sent back: {reason}").format(reason=seg.reason)
            quote = f"{seg.target}\n{sent_back}"
            label = f"{item.slug} {seg.id}"

            def reason_given(given: str | None) -> None:
                if given is not None:
                    self._approve(item, override, given)

            self.app.push_screen(approval_reason_dialog(label, quote), reason_given)
            return
        why = reason or ""

        def failed(error: CipError) -> None:
            if isinstance(error, ApprovalRefused) and override is None:
                self._ask_override(item, error, why)
            else:
                self._failed(error)

        self.run_blocking(
            lambda: services.save(edit, person, Step.APPROVE, why, override),
            lambda saved: self._settled(item, saved, _("Approved {id}.")),
            group="decide",
            on_error=failed,
        )

    def _ask_override(self, item: ReviewItem, refusal: ApprovalRefused, reason: str) -> None:
        def decided(override: str | None) -> None:
            if override:
                self._approve(item, override, reason)

        label = f"{item.slug} {item.segment.id}"
        self.app.push_screen(OverrideDialog(label, item.segment.target, refusal.findings), decided)

    def action_resolve(self) -> None:
        item = self.current_item()
        if item is None or item.comment is None:
            self.notify(_("Highlight a comment to resolve it."), severity="warning")
            return
        services, person, comment = self.services, self.cip.user, item.comment
        self.run_blocking(
            lambda: services.resolve(item.slug, item.segment.id, comment.id, person),
            lambda record: self._resolved(item),
            group="decide",
            on_error=self._failed,
        )

    def _resolved(self, item: ReviewItem) -> None:
        if item in self._items:
            self._items.remove(item)
        self._fill()
        self.notify(_("Comment resolved."))

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

    def action_silence(self) -> None:
        """Silence a finding of the highlighted segment with a reason, or take a silence back;
        the queue is then read again, with the findings as they now are."""
        item = self.current_item()
        if item is None:
            return
        services, person = self.services, self.cip.user
        slug, sid = item.slug, item.segment.id

        def then(choice: SilenceChoice, reason: str | None) -> None:
            check = choice.check

            def job() -> Silence | bool:
                if reason is None:
                    return services.unsilence(slug, sid, check, person)
                return services.silence(slug, sid, check, reason, person)

            self.run_blocking(
                job,
                lambda done: self._silenced(f"{slug} {sid}", check, done),
                group="decide",
                on_error=self._failed,
            )

        self.ask_silence(f"{slug} {sid}", item.findings, item.segment, then)

    def _silenced(self, label: str, check: str, done: Silence | bool) -> None:
        self.action_refresh()
        self.silenced_notice(str(label), check, done)

    def _editor(self) -> bool:
        if self.cip.role is Role.EDITOR:
            return True
        self.notify(self.editors_only_text(), severity="warning")
        return False

    def _settled(self, item: ReviewItem, saved: Saved, message: str) -> None:
        # The decision settles the segment's review; its comments stay until resolved.
        self._items = [
            i
            for i in self._items
            if i.comment is not None or (i.slug, i.segment.id) != (item.slug, item.segment.id)
        ]
        self._fill()
        self.notify(message.format(id=f"{item.slug} {saved.segment.id}"))

    def _failed(self, error: CipError) -> None:
        self.report_error(error)
        self.action_refresh()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("approve", "reject") and self.cip.role is not Role.EDITOR:
            return None
        return True
