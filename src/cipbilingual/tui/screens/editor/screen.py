"""The segment editor's screen: its layout, the current segment, moving, confirming, approving
and rejecting. The panels' behaviour lives in the sibling modules it combines."""

from __future__ import annotations

import copy
import heapq
from collections.abc import Sequence
from typing import ClassVar

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Input, Label, ProgressBar, Select, Static

from cipbilingual.models import Finding, Role, SegmentId, State
from cipbilingual.tui import keymap
from cipbilingual.tui.dialogs.note import approval_reason_dialog
from cipbilingual.tui.dialogs.override import OverrideDialog
from cipbilingual.tui.dialogs.reject import RejectDialog
from cipbilingual.tui.gc import thaw_for
from cipbilingual.tui.i18n import _
from cipbilingual.tui.messages import ArticleLoaded
from cipbilingual.tui.screens.editor.assist import AssistPart
from cipbilingual.tui.screens.editor.base import EDITOR_ONLY, WATCH_INTERVAL, empty_article
from cipbilingual.tui.screens.editor.checks import ChecksPart
from cipbilingual.tui.screens.editor.drafting import DraftPart
from cipbilingual.tui.screens.editor.english import EnglishPart
from cipbilingual.tui.screens.editor.filtering import WITH_FINDINGS, FilterPart
from cipbilingual.tui.screens.editor.history import HistoryPart
from cipbilingual.tui.screens.editor.loading import LoadingPart
from cipbilingual.tui.screens.editor.merging import MergePart
from cipbilingual.tui.widgets.findings import FindingsView
from cipbilingual.tui.widgets.footer import KeyFooter
from cipbilingual.tui.widgets.history import HistoryView
from cipbilingual.tui.widgets.segment_list import SegmentList
from cipbilingual.tui.widgets.source_view import SourceView
from cipbilingual.tui.widgets.status import StatusLine
from cipbilingual.tui.widgets.suggestions import SuggestionsView
from cipbilingual.tui.widgets.target_editor import TargetEditor
from cipbilingual.tui.widgets.text import state_name
from cipbilingual.workflow.editing import SegmentEdit, Step

SHORT_BELOW = 30  # rows: below this the segment list gives its room to the panels
MAX_SOURCE_LINES = 8


class EditorScreen(
    LoadingPart,
    AssistPart,
    ChecksPart,
    EnglishPart,
    MergePart,
    FilterPart,
    DraftPart,
    HistoryPart,
):
    """Edit one article. `focus` puts the cursor on a segment when the article has loaded."""

    BINDINGS: ClassVar = keymap.bindings("editor")
    EDITOR_ONLY: ClassVar = frozenset(EDITOR_ONLY)

    _source_height = 0

    # -- layout -----------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield StatusLine(id="status")
        yield self._list
        yield SourceView(id="source")
        with Horizontal(id="work-area"):
            with Vertical(id="work"):
                yield Static("", id="conflict", markup=False)
                yield Static("", id="comments", markup=False)
                yield self._target
            with Vertical(id="side"):
                yield SuggestionsView(id="suggestions")
                yield FindingsView(
                    id="findings",
                    silence_hint=_("Alt+S silences a finding, or takes its silence back"),
                )
                yield HistoryView(id="history")
        with Horizontal(id="filter-bar"):
            yield Input(placeholder=_("Search Chinese or English…"), id="search")
            options = [(state_name(s), str(s)) for s in State]
            options.append((_("with findings"), WITH_FINDINGS))
            yield Select(options, prompt=_("All states"), id="state-filter")
        with Horizontal(id="draft-bar"):
            yield Label(_("Drafting with MT…"), id="draft-label")
            yield ProgressBar(id="draft-progress", show_eta=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#source", SourceView).border_title = _("Chinese")
        self.query_one("#target", TargetEditor).border_title = _("English")
        self.query_one("#suggestions").border_title = _("Suggestions")
        self.query_one("#findings").border_title = _("Checks")
        self.query_one("#history").border_title = _("History")
        self.query_one("#segments", SegmentList).show_article(
            empty_article(self.slug), empty_text=_("Loading…")
        )
        self.set_interval(WATCH_INTERVAL, self._poll_disk)
        self.set_interval(WATCH_INTERVAL, self._watch_history)
        services = self.services
        slug = self.slug
        self.run_blocking(
            lambda: (services.load(slug), services.stamp(slug)),
            lambda loaded: self.post_message(ArticleLoaded(loaded[0], loaded[1], reload=False)),
            group="load",
            on_error=self._load_failed,
        )
        self.run_blocking(services.glossary, self._glossary_loaded, group="glossary")
        self._load_comments()

    # -- fitting the layout to the terminal ------------------------------------------------------
    def on_resize(self) -> None:
        self.set_class(self.size.height < SHORT_BELOW, "-short")
        self._fit_source()

    def _fit_source(self) -> None:
        """Make the Chinese panel as tall as the article's longest sentence needs at this
        width, up to a share of the terminal. Every segment then shows in the same layout, so
        moving never reflows the screen; a sentence longer than that scrolls, with a sign."""
        article, source = self.article, self.query_one("#source", SourceView)
        width = self.size.width - source.styles.gutter.width
        if article is None or width <= 0:
            return
        most = max(1, min(MAX_SOURCE_LINES, (self.size.height - 12) // 4))
        longest = heapq.nlargest(8, (s.source for s in article.segments), key=len)
        needed = max((len(Content(text).wrap(width)) for text in longest), default=1)
        height = min(needed, most) + source.styles.gutter.height
        if height != self._source_height:
            self._source_height = height
            source.styles.height = height

    # -- the current segment -------------------------------------------------------------------
    def show_segment(self, sid: SegmentId, *, save: bool = True) -> None:
        """Make `sid` the current segment, saving the one left if it was edited."""
        if self.article is None or sid not in self._index:
            return
        if save and self.current is not None and self.current != sid:
            self._save_current(Step.SAVE)
            self.segments_view.set_preview(self.current, None)
        self.current = sid
        self._inserted = None
        segment = self.segment(sid)
        self.segments_view.select(sid)
        self._shown_text, self._typed = self._ledger.base(sid), False
        self.target.replace_text(self._shown_text)
        self._show_source_and_suggestions(segment)
        findings = self.query_one("#findings", FindingsView)
        findings.show(self._findings.get(sid, []))
        self._update_segment_title(segment)
        self._clear_conflict()
        self._show_merge_clash(segment)
        self._show_comments()
        self._load_history()

    # -- moving -------------------------------------------------------------------------------
    def _go(self, sid: SegmentId | None, *, empty_message: str = "") -> None:
        if sid is None:
            if empty_message:
                self.notify(empty_message)
            return
        if self._blocked_by_conflict():
            return
        self.show_segment(sid)

    def _step(self, offset: int) -> SegmentId | None:
        ids = self.segments_view.visible_ids()
        if not ids:
            return None
        if self.current not in ids:
            return ids[0]
        i = ids.index(self.current) + offset
        return ids[i] if 0 <= i < len(ids) else None

    def _next_matching(self, wanted: Sequence[SegmentId] | set[SegmentId]) -> SegmentId | None:
        ids = self.segments_view.visible_ids()
        if not ids:
            return None
        start = ids.index(self.current) + 1 if self.current in ids else 0
        for sid in ids[start:] + ids[:start]:
            if sid in wanted and sid != self.current:
                return sid
        return None

    def action_next(self) -> None:
        self._go(self._step(1), empty_message=_("This is the last segment."))

    def action_previous(self) -> None:
        self._go(self._step(-1), empty_message=_("This is the first segment."))

    def action_next_state(self, state: str) -> None:
        if self.article is None:
            return
        wanted = {s.id for s in self.article.segments if s.state == state}
        self._go(
            self._next_matching(wanted),
            empty_message=_("No other segment is {state}.").format(state=state_name(State(state))),
        )

    def action_next_finding(self) -> None:
        self._go(
            self._next_matching(self.segments_view.flagged),
            empty_message=_("No other segment has findings."),
        )

    def on_segment_list_highlighted(self, message: SegmentList.Highlighted) -> None:
        if message.segment_id == self.current:
            return
        if self._conflict is not None:
            if self.current is not None:
                self.segments_view.select(self.current)
            self._blocked_by_conflict()
            return
        self.show_segment(message.segment_id)

    def on_segment_list_edit_requested(self, message: SegmentList.EditRequested) -> None:
        self.target.focus()

    def action_focus_list(self) -> None:
        if self.query_one("#filter-bar").has_class("-shown") and self.focused in (
            self.query_one("#search"),
            self.query_one("#state-filter"),
        ):
            self.target.focus()
            return
        self.segments_view.focus()

    # -- confirming, approving, rejecting ----------------------------------------------------
    def action_confirm_next(self) -> None:
        sid = self.current
        if sid is None or self._blocked_by_conflict():
            return
        if not self.target.text.strip():
            self.notify(_("There is no English to confirm."), severity="warning")
            return
        if self.target.text != self.target.text.strip():
            self.target.set_text_undoably(self.target.text.strip())
        self._save_current(Step.CONFIRM)  # first: the save takes its base from before the change
        self._optimistic(sid, State.TRANSLATED)
        self._go(self._step(1), empty_message=_("Confirmed. This was the last segment."))

    def action_approve_next(self) -> None:
        sid = self.current
        if sid is None or self._blocked_by_conflict():
            return
        if self.role is not Role.EDITOR:
            self.notify(self._editors_only(), severity="warning")
            return
        if not self.target.text.strip():
            self.notify(_("There is no English to approve."), severity="warning")
            return
        if self.merge_clash() is not None and not self._is_dirty():
            self.notify(
                _("Settle the merge conflict first: Alt+K keeps mine, Alt+T takes theirs."),
                severity="warning",
            )
            return
        segment = self.segment(sid)
        errors = self._known_errors(sid)

        def then_override(reason: str) -> None:
            if not errors:
                self._approve(sid, reason, None)
                return

            # Ask now, before moving on, rather than when the save is refused.
            def decided(override: str | None) -> None:
                if not override:
                    self.notify(
                        _("{id} is not approved: it has QA errors.").format(id=sid),
                        severity="warning",
                    )
                elif self.current == sid:
                    self._approve(sid, reason, override)

            self.app.push_screen(OverrideDialog(str(sid), self.target.text, errors), decided)

        if segment.sent_back_unchanged() and self.target.text.strip() == segment.target:

            def reason_given(reason: str | None) -> None:
                if reason and sid == self.current:
                    then_override(reason)

            sent_back = _("sent back: {reason}").format(reason=segment.reason)
            quote = f"{segment.target}\n{sent_back}"
            self.app.push_screen(approval_reason_dialog(str(sid), quote), reason_given)
            return
        then_override("")

    def _approve(self, sid: SegmentId, reason: str, override: str | None) -> None:
        # First the save: it takes its base from before the optimistic change.
        self._save_current(Step.APPROVE, reason=reason, override=override)
        self._optimistic(sid, State.APPROVED)
        self._go(self._step(1), empty_message=_("Approved. This was the last segment."))

    def _known_errors(self, sid: SegmentId) -> list[Finding]:
        """The errors that would stop an approval of the English in the box, when its findings
        are known for exactly that text (else the save finds out, and asks then)."""
        if self._checked_text.get(sid, "").strip() != self.target.text.strip():
            return []
        return [f for f in self._findings.get(sid, []) if f.blocking]

    def action_reject(self) -> None:
        sid = self.current
        if sid is None or self._blocked_by_conflict():
            return
        if self.role is not Role.EDITOR:
            self.notify(self._editors_only(), severity="warning")
            return
        text = self.target.text
        if not text.strip():
            self.notify(_("There is no English to send back."), severity="warning")
            return
        base = self._ledger.base(sid)

        def rejected(reason: str | None) -> None:
            if not reason:
                return
            self._optimistic(sid, State.NEEDS_WORK)
            self.submit(SegmentEdit(self.slug, sid, text, base), Step.SAVE, reason=reason)
            if sid == self.current:
                self._update_segment_title(self.segment(sid))

        self.app.push_screen(RejectDialog(str(sid), text), rejected)

    def _editors_only(self) -> str:
        return self.editors_only_text()

    def _optimistic(self, sid: SegmentId, state: State) -> None:
        segment = copy.copy(self.segment(sid))
        segment.state = state
        segment.target = self.target.text.strip() if sid == self.current else segment.target
        self._replace_segment(segment)
        self.segments_view.set_preview(sid, None)
        self._update_status()

    # -- bindings -----------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in EDITOR_ONLY and self.role is not Role.EDITOR:
            return None  # shown, but disabled: the tooltip says editors only
        if action in ("keep_mine", "take_theirs"):
            return self._conflict is not None or self.merge_clash() is not None
        if action == "cancel_draft":
            return self._draft_worker is not None
        if action == "draft":
            return self._draft_worker is None
        return True

    def on_user_changed(self) -> None:
        super().on_user_changed()
        self._update_status()

    def on_screen_suspend(self) -> None:
        self._save_current(Step.SAVE)

    def on_unmount(self) -> None:
        self._save_current(Step.SAVE)
        thaw_for(self)
