"""The segment editor: the article's segments beside each other, and for the current one its
Chinese with glossary terms, its English in a text area, suggestions and QA findings.

Edits are saved when the person leaves a segment, a second after they stop typing, and on quit;
saves run on the services' save thread. The catalog is watched on disk: other people's changes
are merged in, and a change to the segment being edited is a conflict the person settles.
"""

from __future__ import annotations

import contextlib
import copy
from collections.abc import Sequence
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Footer, Input, Label, ProgressBar, Select, Static, TextArea
from textual.worker import Worker, get_current_worker

from cipbilingual.errors import CipError
from cipbilingual.glossary import Glossary
from cipbilingual.models import (
    Article,
    ArticleMeta,
    Finding,
    Origin,
    Role,
    Segment,
    SegmentId,
    State,
)
from cipbilingual.tui import keymap
from cipbilingual.tui.dialogs.choice import ChoiceDialog
from cipbilingual.tui.dialogs.reject import RejectDialog
from cipbilingual.tui.i18n import _, format_count
from cipbilingual.tui.ledger import SaveLedger
from cipbilingual.tui.messages import (
    ArticleFindingsReady,
    ArticleLoaded,
    DraftProgress,
    FindingsReady,
    SaveFailed,
    SegmentSaved,
    SuggestionsReady,
)
from cipbilingual.tui.screens.base import CipScreen, Debounce, error_text
from cipbilingual.tui.services import DraftOutcome, SegmentContext, Stamp, Suggestion
from cipbilingual.tui.widgets.findings import FindingsView
from cipbilingual.tui.widgets.segment_list import SegmentList
from cipbilingual.tui.widgets.source_view import SourceView
from cipbilingual.tui.widgets.suggestions import SuggestionsView
from cipbilingual.tui.widgets.target_editor import TargetEditor
from cipbilingual.tui.widgets.text import STATE_GLYPHS, state_name
from cipbilingual.workflow.editing import EditConflict, SegmentEdit, Step, merge_reload

AUTOSAVE_DELAY = 1.0  # seconds after the last keystroke
QA_DELAY = 0.3
SEARCH_DELAY = 0.15
TM_DELAY = 0.15  # seconds the cursor rests on a segment before its TM lookup starts
WATCH_INTERVAL = 1.0

EDITOR_ONLY = {"approve_next", "reject"}


class EditorScreen(CipScreen):
    """Edit one article. `focus` puts the cursor on a segment when the article has loaded."""

    BINDINGS: ClassVar = keymap.bindings("editor")

    def __init__(
        self, slug: str, focus: SegmentId | None = None, draft_engine: str | None = None
    ) -> None:
        super().__init__()
        self.slug = slug
        self._draft_on_load = draft_engine
        self.article: Article | None = None
        self.current: SegmentId | None = None
        self._initial_focus = focus
        self._index: dict[SegmentId, int] = {}
        self._ledger = SaveLedger()
        self._stamp: Stamp | None = None
        self._conflict: Segment | None = None  # theirs, for the current segment
        self._inserted: Origin | None = None  # origin of the suggestion inserted last
        self._glossary: Glossary | None = None
        self._findings: dict[SegmentId, list[Finding]] = {}
        self._filter_text = ""
        self._filter_state: State | None = None
        self._draft_worker: Worker[None] | None = None
        self._autosave = Debounce(self, AUTOSAVE_DELAY, self._autosave_now)
        self._qa_timer = Debounce(self, QA_DELAY, self._check_now)
        self._search_timer = Debounce(self, SEARCH_DELAY, self._apply_filter)
        self._tm_timer = Debounce(self, TM_DELAY, self._look_up_tm)
        # Kept by reference: the save-on-exit path reads the English after the DOM is gone.
        self._list = SegmentList(id="segments")
        self._target = TargetEditor(id="target")

    # -- layout -----------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Static("", id="status", markup=False)
        yield self._list
        with Horizontal(id="work-area"):
            with Vertical(id="work"):
                yield SourceView(id="source")
                yield Static("", id="conflict", markup=False)
                yield self._target
            with Vertical(id="side"):
                yield SuggestionsView(id="suggestions")
                yield FindingsView(id="findings")
        with Horizontal(id="filter-bar"):
            yield Input(placeholder=_("Search Chinese or English…"), id="search")
            options = [(state_name(s), str(s)) for s in State]
            yield Select(options, prompt=_("All states"), id="state-filter")
        with Horizontal(id="draft-bar"):
            yield Label(_("Drafting with MT…"), id="draft-label")
            yield ProgressBar(id="draft-progress", show_eta=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#source", SourceView).border_title = _("Chinese")
        self.query_one("#target", TargetEditor).border_title = _("English")
        self.query_one("#side").border_title = _("Suggestions")
        self.query_one("#segments", SegmentList).show_article(
            _empty_article(self.slug), empty_text=_("Loading…")
        )
        self.set_interval(WATCH_INTERVAL, self._poll_disk)
        services = self.services
        slug = self.slug
        self.run_blocking(
            lambda: (services.load(slug), services.stamp(slug)),
            lambda loaded: self.post_message(ArticleLoaded(loaded[0], loaded[1], reload=False)),
            group="load",
            on_error=self._load_failed,
        )
        self.run_blocking(services.glossary, self._glossary_loaded, group="glossary")

    def _load_failed(self, error: CipError) -> None:
        self.notify(error_text(error), severity="error", timeout=10)
        self.cip.action_articles()

    # -- widgets ----------------------------------------------------------------------------
    @property
    def segments_view(self) -> SegmentList:
        return self._list

    @property
    def target(self) -> TargetEditor:
        return self._target

    def segment(self, sid: SegmentId) -> Segment:
        assert self.article is not None
        return self.article.segments[self._index[sid]]

    @property
    def role(self) -> Role | None:
        return self.cip.role

    # -- loading and reloading ---------------------------------------------------------------
    def on_article_loaded(self, message: ArticleLoaded) -> None:
        if not message.reload:
            self._stamp = message.stamp
            self._adopt(message.article)
            focus = self._initial_focus or next(
                (s.id for s in message.article.segments if s.state is not State.APPROVED),
                message.article.segments[0].id if message.article.segments else None,
            )
            self._show_list(current=focus)
            if focus is not None:
                self.show_segment(focus)
            self.target.focus()
            self._start_article_qa()
            if self._draft_on_load:
                self.start_draft(self._draft_on_load)
            return
        if self.services.saves.busy() or message.stamp == self._stamp:
            return  # our own save brings (or brought) this article
        self._stamp = message.stamp
        self._merge_from_disk(message.article, notify=True)

    def _adopt(self, article: Article) -> None:
        self.article = article
        self._index = {s.id: i for i, s in enumerate(article.segments)}
        for seg in article.segments:
            self._ledger.seen(seg.id, seg.target)
        self._update_status()

    def _merge_from_disk(self, fresh: Article, notify: bool) -> None:
        held = self.article
        if held is None:
            return
        sid = self.current
        text = self.target.text
        unsaved = text if sid is not None and self._is_dirty() else None
        base = self._ledger.base(sid) if sid is not None else ""
        report = merge_reload(held, fresh, sid, unsaved, base)
        self._adopt(fresh)
        if sid is not None and sid not in self._index:
            sid = fresh.segments[0].id if fresh.segments else None
            self.current = None
        if report.structure_changed:
            self._show_list(current=sid)
        else:
            for changed in report.changed:
                self.segments_view.update_segment(self.segment(changed))
        if sid is not None:
            self.segments_view.update_segment(self.segment(sid))
            if report.conflict is not None:
                self._set_conflict(report.conflict)
            elif unsaved is None and (report.refresh_open or self.current is None):
                self.show_segment(sid, save=False)
            elif unsaved is not None:
                self.segments_view.set_preview(sid, text)
        if notify and (report.changed or report.refresh_open or report.structure_changed):
            count = len(report.changed) + int(report.refresh_open)
            self.notify(
                _("Reloaded {count} segment(s) changed on disk.").format(count=format_count(count))
            )

    def _poll_disk(self) -> None:
        if self.article is None or self.services.saves.busy():
            return
        services, slug, known = self.services, self.slug, self._stamp

        def check() -> tuple[Article, Stamp | None] | None:
            stamp = services.stamp(slug)
            if stamp is None or stamp == known:
                return None
            return services.load(slug), stamp

        def done(result: tuple[Article, Stamp | None] | None) -> None:
            if result is not None:
                self.post_message(ArticleLoaded(result[0], result[1], reload=True))

        self.run_blocking(check, done, group="watch", exclusive=True, on_error=self._watch_failed)

    def _watch_failed(self, error: CipError) -> None:
        # A half-written file from a tool that does not write atomically: try again next poll.
        self.log.warning(f"reload failed: {error}")

    def _glossary_loaded(self, glossary: Glossary | None) -> None:
        self._glossary = glossary
        if self.current is not None and self.article is not None:
            self._show_source_and_suggestions(self.segment(self.current))

    def _start_article_qa(self) -> None:
        article = self.article
        if article is None:
            return
        # Segments are replaced, never changed in place, so a new list is a stable snapshot.
        snapshot = Article(article.meta, article.blocks, list(article.segments))
        services = self.services
        self.run_blocking(
            lambda: services.article_findings(snapshot),
            lambda found: self.post_message(ArticleFindingsReady(found)),
            group="article-qa",
            exclusive=True,
        )

    def on_article_findings_ready(self, message: ArticleFindingsReady) -> None:
        current = self._findings.get(self.current) if self.current else None
        self._findings = dict(message.findings)
        if self.current is not None and current is not None:
            self._findings[self.current] = current
        self.segments_view.set_flagged(sid for sid, f in self._findings.items() if f)
        if self.current is not None:
            self.query_one("#findings", FindingsView).show(self._findings.get(self.current, []))
        self._update_status()

    # -- the current segment -------------------------------------------------------------------
    def _show_list(self, current: SegmentId | None) -> None:
        if self.article is None:
            return
        visible = self._visible_ids()
        empty = (
            _("No segment matches the filter.")
            if visible is not None
            else _("This article has no segments.")
        )
        self.segments_view.show_article(
            self.article,
            visible,
            flagged=(sid for sid, f in self._findings.items() if f),
            current=current,
            empty_text=empty,
        )

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
        self.target.replace_text(self._ledger.base(sid))
        self._show_source_and_suggestions(segment)
        findings = self.query_one("#findings", FindingsView)
        findings.show(self._findings.get(sid, []))
        self._update_segment_title(segment)
        self._clear_conflict()

    def _show_source_and_suggestions(self, segment: Segment) -> None:
        matches = self._glossary.find(segment.source) if self._glossary else []
        self.query_one("#source", SourceView).show(segment.source, matches)
        local = [*self._local_suggestions(segment), *self._term_suggestions()]
        services = self.services
        suggestions = self.query_one("#suggestions", SuggestionsView)
        suggestions.show(local, pending_tm=services.has_tm)
        if services.has_tm:
            # Looked up once the cursor rests: running through segments costs no lookups.
            self._tm_timer.poke()

    def _look_up_tm(self) -> None:
        if self.article is None or self.current is None:
            return
        services = self.services
        # Segments are replaced, never changed in place, so a new list is a stable snapshot.
        snapshot = Article(self.article.meta, self.article.blocks, list(self.article.segments))
        sid = self.current
        self.run_blocking(
            lambda: services.tm_suggestions(snapshot, sid),
            lambda items: self.post_message(SuggestionsReady(sid, items)),
            group="tm",
            exclusive=True,
            on_error=lambda error: self._tm_failed(sid, error),
        )

    def _local_suggestions(self, segment: Segment) -> list[Suggestion]:
        out: list[Suggestion] = []
        machine = self.services.machine_suggestion(segment)
        if machine is not None:
            out.append(machine)
        return out

    def _term_suggestions(self) -> list[Suggestion]:
        matches = self.query_one("#source", SourceView).matches
        return self.services.term_suggestions(matches)

    def on_suggestions_ready(self, message: SuggestionsReady) -> None:
        if message.segment_id != self.current:
            return
        segment = self.segment(message.segment_id)
        items = [*self._local_suggestions(segment), *message.items, *self._term_suggestions()]
        self.query_one("#suggestions", SuggestionsView).show(items)

    def _tm_failed(self, sid: SegmentId, error: CipError) -> None:
        self.on_suggestions_ready(SuggestionsReady(sid, []))
        self.notify(error_text(error), severity="warning")

    def _update_segment_title(self, segment: Segment) -> None:
        parts = [f"{STATE_GLYPHS[segment.state]} {state_name(segment.state)}"]
        if segment.origin is not None and segment.state is State.DRAFT:
            parts.append(segment.origin.engine)
        if segment.translator:
            parts.append(segment.translator)
        if segment.approval is not None and segment.state is State.APPROVED:
            parts.append(_("approved by {person}").format(person=segment.approval.by))
        if segment.state is State.NEEDS_WORK and segment.reason:
            parts.append(_("sent back: {reason}").format(reason=segment.reason))
        self.target.border_subtitle = " · ".join(parts)
        self.target.set_class(segment.state is State.NEEDS_WORK, "-needs-work")
        self.target.set_class(segment.state is State.APPROVED, "-approved")

    def _update_status(self) -> None:
        article = self.article
        if article is None:
            return
        counts = article.counts()
        done = counts[State.TRANSLATED] + counts[State.APPROVED]
        text = _("{title} · {done}/{total} translated · {approved} approved").format(
            title=article.meta.title or article.slug,
            done=format_count(done),
            total=format_count(len(article.segments)),
            approved=format_count(counts[State.APPROVED]),
        )
        visible = self._visible_ids()
        if visible is not None:
            text += " · " + _("showing {n}").format(n=format_count(len(visible)))
        flagged = sum(1 for f in self._findings.values() if f)
        if flagged:
            text += " · " + _("{n} with findings").format(n=format_count(flagged))
        self.query_one("#status", Static).update(f"{text} · {self.cip.user_label()}")

    # -- typing -------------------------------------------------------------------------------
    def _is_dirty(self) -> bool:
        sid = self.current
        return sid is not None and self._ledger.is_dirty(sid, self.target.text)

    @on(TextArea.Changed, "#target")
    def target_changed(self) -> None:
        sid = self.current
        if sid is None:
            return
        dirty = self._is_dirty()
        self.segments_view.set_preview(sid, self.target.text if dirty else None)
        if dirty:
            self._autosave.poke()
        self._qa_timer.poke()

    def _autosave_now(self) -> None:
        self._save_current(Step.SAVE)

    def _check_now(self) -> None:
        sid = self.current
        if sid is None or self.article is None:
            return
        segment = copy.copy(self.segment(sid))
        text = self.target.text
        assert self.article is not None
        context = SegmentContext(self.article, self._glossary)
        services = self.services
        self.run_blocking(
            lambda: services.findings(segment, text, context),
            lambda found: self.post_message(FindingsReady(sid, text, found)),
            group="qa",
            exclusive=True,
        )

    def on_findings_ready(self, message: FindingsReady) -> None:
        self._findings[message.segment_id] = message.findings
        self.segments_view.flag(message.segment_id, bool(message.findings))
        if message.segment_id == self.current and message.text == self.target.text:
            self.query_one("#findings", FindingsView).show(message.findings)

    # -- saving -------------------------------------------------------------------------------
    def pending_edit(self, *, include_conflicted: bool = False) -> SegmentEdit | None:
        """The current segment's unsaved English, if there is any (and, unless asked, no
        conflict holds it)."""
        sid = self.current
        if sid is None or not self._is_dirty():
            return None
        if self._conflict is not None and not include_conflicted:
            return None
        return SegmentEdit(self.slug, sid, self.target.text, self._ledger.base(sid), self._inserted)

    def has_conflict(self) -> bool:
        return self._conflict is not None

    def save_now(self) -> None:
        """Queue a save of the current segment's English if it was edited."""
        self._save_current(Step.SAVE)

    def _save_current(self, step: Step, *, force: bool = False) -> bool:
        sid = self.current
        if sid is None or self.article is None:
            return False
        if self._conflict is not None and not force:
            return False
        text = self.target.text
        if step is Step.SAVE and not self._is_dirty():
            return False
        self._autosave.cancel()
        base = self._conflict.target if force and self._conflict else self._ledger.base(sid)
        edit = SegmentEdit(self.slug, sid, text, base, self._inserted, force=force)
        self.submit(edit, step)
        return True

    def submit(self, edit: SegmentEdit, step: Step, reason: str = "") -> None:
        """Queue a save; its outcome comes back as SegmentSaved or SaveFailed."""
        sid = edit.segment_id
        self._ledger.sent(sid, edit.text.strip() if step is not Step.SAVE else edit.text)
        services, person = self.services, self.cip.user

        def job() -> None:
            try:
                if reason:
                    saved = services.reject(edit, reason, person)
                else:
                    saved = services.save(edit, person, step)
                stamp = services.stamp(edit.slug)
                # Known at once, so the disk watcher does not take our own save for someone
                # else's (a plain assignment; the UI thread only reads it).
                self._stamp = stamp
            except CipError as exc:
                _post(self, SaveFailed(edit, step, exc))
                return
            _post(self, SegmentSaved(edit, step, saved, stamp))

        services.saves.submit(job)

    def on_segment_saved(self, message: SegmentSaved) -> None:
        sid = message.edit.segment_id
        self._ledger.landed(sid)
        if message.stamp is not None:
            self._stamp = message.stamp
        if self.article is None:
            return
        if self.services.saves.busy():
            self._replace_segment(message.saved.segment)
        else:
            self._merge_from_disk(message.saved.article, notify=False)
        if sid == self.current:
            self._update_segment_title(self.segment(sid))
            if not self._is_dirty():
                self.segments_view.set_preview(sid, None)
        self._update_status()

    def _replace_segment(self, segment: Segment) -> None:
        assert self.article is not None
        index = self._index.get(segment.id)
        if index is None:
            return
        self.article.segments[index] = segment
        self._ledger.seen(segment.id, segment.target)
        self.segments_view.update_segment(segment)

    def on_save_failed(self, message: SaveFailed) -> None:
        sid = message.edit.segment_id
        self._ledger.landed(sid)
        error = message.error
        if isinstance(error, EditConflict):
            self._ledger.seen(sid, error.theirs.target)
            if sid != self.current:
                # The person moved on; bring them back to the segment their text belongs to.
                self.show_segment(sid, save=False)
            if self.target.text != message.edit.text:
                self.target.replace_text(message.edit.text)
                self.segments_view.set_preview(sid, message.edit.text)
            self._set_conflict(error.theirs)
            return
        if self.article is not None:
            self._ledger.seen(sid, self.segment(sid).target)
        if sid != self.current:
            self.show_segment(sid, save=False)
            self.target.replace_text(message.edit.text)
            self.segments_view.set_preview(sid, message.edit.text)
        self.notify(error_text(error), severity="error", timeout=8)

    # -- conflicts ----------------------------------------------------------------------------
    def _set_conflict(self, theirs: Segment) -> None:
        self._conflict = theirs
        self._autosave.cancel()
        who = theirs.translator or _("someone else")
        bar = self.query_one("#conflict", Static)
        bar.update(
            _(
                "{who} changed this segment on disk: “{text}”. "
                "Alt+K keeps your text, Alt+T takes theirs."
            ).format(who=who, text=theirs.target or _("(empty)"))
        )
        bar.add_class("-shown")
        self.refresh_bindings()
        self.notify(
            _("This segment was changed on disk while you were editing it."), severity="warning"
        )

    def _clear_conflict(self) -> None:
        if self._conflict is None:
            return
        self._conflict = None
        self.query_one("#conflict", Static).remove_class("-shown")
        self.refresh_bindings()

    def action_keep_mine(self) -> None:
        if self._conflict is None:
            return
        self._save_current(Step.SAVE, force=True)
        self._clear_conflict()

    def action_take_theirs(self) -> None:
        theirs = self._conflict
        if theirs is None or self.article is None:
            return
        self._clear_conflict()
        self._replace_segment(theirs)
        self._ledger.settle(theirs.id, theirs.target)
        self.target.replace_text(theirs.target)
        self.segments_view.set_preview(theirs.id, None)
        self._update_segment_title(theirs)

    def _blocked_by_conflict(self) -> bool:
        if self._conflict is None:
            return False
        self.notify(
            _("Settle the conflict first: Alt+K keeps your text, Alt+T takes theirs."),
            severity="warning",
        )
        return True

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
        self._save_current(Step.APPROVE)  # first: the save takes its base from before the change
        self._optimistic(sid, State.APPROVED)
        self._go(self._step(1), empty_message=_("Approved. This was the last segment."))

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
        return _("{person} is a translator; only an editor may approve or reject.").format(
            person=self.cip.user
        )

    def _optimistic(self, sid: SegmentId, state: State) -> None:
        segment = copy.copy(self.segment(sid))
        segment.state = state
        segment.target = self.target.text.strip() if sid == self.current else segment.target
        self._replace_segment(segment)
        self.segments_view.set_preview(sid, None)
        self._update_status()

    # -- inserting ----------------------------------------------------------------------------
    def action_insert_suggestion(self, n: int) -> None:
        items = self.query_one("#suggestions", SuggestionsView).items
        if not 1 <= n <= len(items):
            self.notify(_("There is no suggestion {n}.").format(n=n), severity="warning")
            return
        item = items[n - 1]
        if item.kind == "term":
            self.target.insert_text(item.text)
        else:
            self.target.set_text_undoably(item.text)
            self._inserted = item.origin
        self.target.focus()

    def on_source_view_term_chosen(self, message: SourceView.TermChosen) -> None:
        self.target.insert_text(message.term.target)
        self.target.focus()

    def action_copy_source(self) -> None:
        if self.current is None:
            return
        self.target.set_text_undoably(self.segment(self.current).source)
        self.target.focus()

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
        self._filter_state = State(str(value)) if isinstance(value, str) else None
        self._apply_filter()

    def set_filter(self, text: str = "", state: State | None = None) -> None:
        """Show only segments whose Chinese or English contains `text`, in `state`."""
        self.query_one("#filter-bar").add_class("-shown")
        self.query_one("#search", Input).value = text
        self.query_one("#state-filter", Select).value = str(state) if state else Select.NULL
        self._filter_text, self._filter_state = text, state
        self._apply_filter()

    def _visible_ids(self) -> set[SegmentId] | None:
        if self.article is None or (not self._filter_text and self._filter_state is None):
            return None
        needle = self._filter_text.casefold()
        out: set[SegmentId] = set()
        for seg in self.article.segments:
            if self._filter_state is not None and seg.state is not self._filter_state:
                continue
            if (
                needle
                and needle not in seg.source.casefold()
                and needle not in seg.target.casefold()
            ):
                continue
            out.add(seg.id)
        return out

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

    # -- drafting -----------------------------------------------------------------------------
    def action_draft(self) -> None:
        if self._draft_worker is not None:
            return
        services = self.services
        engines = [(name, name) for name in services.engines()]

        def chosen(engine: str | None) -> None:
            if engine:
                self.start_draft(engine)

        self.app.push_screen(
            ChoiceDialog(
                _("Draft the new segments with"), engines, initial=services.default_engine()
            ),
            chosen,
        )

    def start_draft(self, engine: str) -> None:
        """Draft the article's new segments with `engine` in a worker; Alt+X stops it."""
        self._save_current(Step.SAVE)
        bar = self.query_one("#draft-progress", ProgressBar)
        bar.update(total=None, progress=0)
        self.query_one("#draft-label", Label).update(_("Drafting with MT…"))
        self.query_one("#draft-bar").add_class("-shown")
        services, slug, screen = self.services, self.slug, self

        def work() -> None:
            worker = get_current_worker()

            def progress(done: int, total: int) -> None:
                _post(screen, DraftProgress(done, total))

            try:
                outcome = services.draft(slug, engine, progress, lambda: worker.is_cancelled)
            except CipError as exc:
                screen.app.call_from_thread(screen._draft_finished, None, exc)
                return
            screen.app.call_from_thread(screen._draft_finished, outcome, None)

        self._draft_worker = self.run_worker(work, group="draft", thread=True, exclusive=True)
        self.refresh_bindings()

    def on_draft_progress(self, message: DraftProgress) -> None:
        self.query_one("#draft-progress", ProgressBar).update(
            total=message.total, progress=message.done
        )

    def _draft_finished(self, outcome: object, error: CipError | None) -> None:
        self._draft_worker = None
        self.query_one("#draft-bar").remove_class("-shown")
        self.refresh_bindings()
        if error is not None:
            self.report_error(error)
        elif isinstance(outcome, DraftOutcome):
            message = (
                _("Drafting stopped after {n} segment(s).")
                if outcome.cancelled
                else _("Drafted {n} segment(s).")
            )
            text = message.format(n=format_count(outcome.drafted))
            if outcome.skipped:
                text += " " + _("{n} had no draft.").format(n=format_count(outcome.skipped))
            self.notify(text)
        self._stamp = None  # read the drafted article at the next poll
        self._poll_disk()
        self._start_article_qa()

    def action_cancel_draft(self) -> None:
        if self._draft_worker is not None:
            self._draft_worker.cancel()
            self.query_one("#draft-label", Label).update(_("Stopping…"))

    # -- bindings -----------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in EDITOR_ONLY and self.role is not Role.EDITOR:
            return None  # shown, but disabled: the tooltip says editors only
        if action in ("keep_mine", "take_theirs"):
            return self._conflict is not None
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


def _post(screen: EditorScreen, message: Message) -> None:
    """Post from the save thread; after the app has stopped there is nobody to tell."""
    with contextlib.suppress(RuntimeError):
        screen.post_message(message)


def _empty_article(slug: str) -> Article:
    return Article(ArticleMeta(slug), [], [])
