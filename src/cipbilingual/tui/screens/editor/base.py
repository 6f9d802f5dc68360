"""The state every part of the segment editor shares, and the views they all update."""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

from textual.message import Message
from textual.worker import Worker

from cipbilingual.glossary import Glossary
from cipbilingual.models import (
    Article,
    ArticleMeta,
    Finding,
    HistoryRecord,
    Origin,
    Role,
    Segment,
    SegmentId,
    State,
)
from cipbilingual.tui.i18n import _, format_count
from cipbilingual.tui.ledger import SaveLedger
from cipbilingual.tui.screens.base import CipScreen, Debounce
from cipbilingual.tui.services import Stamp
from cipbilingual.tui.widgets.findings import any_open
from cipbilingual.tui.widgets.segment_list import SegmentList
from cipbilingual.tui.widgets.status import StatusLine
from cipbilingual.tui.widgets.target_editor import TargetEditor
from cipbilingual.tui.widgets.text import STATE_GLYPHS, state_name
from cipbilingual.workflow.editing import SegmentEdit, Step

AUTOSAVE_DELAY = 1.0  # seconds after the last keystroke
QA_DELAY = 0.3
SEARCH_DELAY = 0.15
TM_DELAY = 0.15  # seconds the cursor rests on a segment before its TM lookup starts
WATCH_INTERVAL = 1.0

EDITOR_ONLY = {"approve_next", "reject"}


class EditorBase(CipScreen):
    """What the parts of the editor share: the article, the current segment, what is known of
    the disk, the status line and the segment list."""

    def __init__(
        self, slug: str, focus: SegmentId | None = None, draft_engine: str | None = None
    ) -> None:
        super().__init__()
        self.slug = slug
        self._initial_focus = focus
        self._draft_on_load = draft_engine
        self.article: Article | None = None
        self.current: SegmentId | None = None
        self._index: dict[SegmentId, int] = {}
        self._ledger = SaveLedger()
        self._stamp: Stamp | None = None
        self._conflict: Segment | None = None  # theirs, for the current segment
        self._inserted: Origin | None = None  # origin of the suggestion inserted last
        self._shown_text = ""  # the English put in the box when the segment was shown
        self._typed = False  # the English was changed since
        self._glossary: Glossary | None = None
        self._findings: dict[SegmentId, list[Finding]] = {}
        # The English each segment's findings were computed for (approving asks before moving
        # on when it knows the text in the box has errors).
        self._checked_text: dict[SegmentId, str] = {}
        self._filter_text = ""
        self._filter_state: State | None = None
        self._filter_findings = False  # only segments with findings nobody silenced
        self._draft_worker: Worker[None] | None = None
        self._comments: dict[SegmentId, list[HistoryRecord]] = {}  # open ones, by segment
        self._history_stamp: object = None  # the history file's stamp when last read
        self._autosave = Debounce(self, AUTOSAVE_DELAY, self._autosave_now)
        self._qa_timer = Debounce(self, QA_DELAY, self._check_now)
        self._search_timer = Debounce(self, SEARCH_DELAY, self._apply_filter)
        self._tm_timer = Debounce(self, TM_DELAY, self._look_up_tm)
        # Kept by reference: the save-on-exit path reads the English after the DOM is gone.
        self._list = SegmentList(id="segments")
        self._target = TargetEditor(id="target")

    if TYPE_CHECKING:
        # Provided by the parts of the editor (see the package docstring), which call each
        # other; declared here for the type checker only.
        def show_segment(self, sid: SegmentId, *, save: bool = True) -> None: ...
        def start_draft(self, engine: str) -> None: ...
        def submit(
            self, edit: SegmentEdit, step: Step, reason: str = "", override: str | None = None
        ) -> None: ...
        def _save_current(
            self,
            step: Step,
            *,
            force: bool = False,
            reason: str = "",
            override: str | None = None,
        ) -> bool: ...
        def _optimistic(self, sid: SegmentId, state: State) -> None: ...
        def _load_comments(self) -> None: ...
        def _show_comments(self) -> None: ...
        def _load_history(self) -> None: ...
        def _watch_history(self) -> None: ...
        def _is_dirty(self) -> bool: ...
        def _autosave_now(self) -> None: ...
        def _merge_from_disk(self, fresh: Article, notify: bool) -> None: ...
        def _poll_disk(self) -> None: ...
        def _set_conflict(self, theirs: Segment) -> None: ...
        def _clear_conflict(self) -> None: ...
        def _blocked_by_conflict(self) -> bool: ...
        def _show_merge_clash(self, segment: Segment) -> None: ...
        def _settle_merge(self, choice: str) -> None: ...
        def _show_source_and_suggestions(self, segment: Segment) -> None: ...
        def _look_up_tm(self) -> None: ...
        def _start_article_qa(self) -> None: ...
        def _check_now(self) -> None: ...
        def _apply_filter(self) -> None: ...
        def _fit_source(self) -> None: ...

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

    # -- the segment list, the status line, the segment's title ------------------------------
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
            flagged=(sid for sid, f in self._findings.items() if any_open(f)),
            current=current,
            empty_text=empty,
        )

    def _visible_ids(self) -> set[SegmentId] | None:
        if self.article is None or (
            not self._filter_text and self._filter_state is None and not self._filter_findings
        ):
            return None
        needle = self._filter_text.casefold()
        out: set[SegmentId] = set()
        for seg in self.article.segments:
            if self._filter_state is not None and seg.state is not self._filter_state:
                continue
            if self._filter_findings and not any_open(self._findings.get(seg.id, ())):
                continue
            if (
                needle
                and needle not in seg.source.casefold()
                and needle not in seg.target.casefold()
            ):
                continue
            out.add(seg.id)
        return out

    def _update_segment_title(self, segment: Segment) -> None:
        parts = [f"{STATE_GLYPHS[segment.state]} {state_name(segment.state)}"]
        if segment.origin is not None and segment.state is State.DRAFT:
            parts.append(segment.origin.engine)
        if segment.translator:
            parts.append(segment.translator)
        if segment.approval is not None and segment.state is State.APPROVED:
            parts.append(_("approved by {person}").format(person=segment.approval.by))
        if segment.state is State.NEEDS_WORK and segment.rejection is not None:
            parts.append(
                _("sent back by {person} {when}: {reason}").format(
                    person=segment.rejection.by,
                    when=segment.rejection.at[:16].replace("T", " "),
                    reason=segment.reason,
                )
            )
        elif segment.state is State.NEEDS_WORK and segment.reason:
            parts.append(_("sent back: {reason}").format(reason=segment.reason))
        self.target.show_state(" · ".join(parts))
        self.target.set_class(segment.state is State.NEEDS_WORK, "-needs-work")
        self.target.set_class(segment.state is State.APPROVED, "-approved")

    def _update_status(self) -> None:
        article = self.article
        if article is None:
            return
        counts = article.counts()
        done = counts[State.TRANSLATED] + counts[State.APPROVED]
        parts = [
            _("{done}/{total} translated · {approved} approved").format(
                done=format_count(done),
                total=format_count(len(article.segments)),
                approved=format_count(counts[State.APPROVED]),
            )
        ]
        visible = self._visible_ids()
        if visible is not None:
            parts.append(_("showing {n}").format(n=format_count(len(visible))))
        flagged = sum(1 for f in self._findings.values() if any_open(f))
        if flagged:
            parts.append(_("{n} with findings").format(n=format_count(flagged)))
        parts.append(self.cip.user_label())
        self.query_one("#status", StatusLine).show(
            article.meta.title or article.slug, " · ".join(parts)
        )

    def _replace_segment(self, segment: Segment) -> None:
        assert self.article is not None
        index = self._index.get(segment.id)
        if index is None:
            return
        self.article.segments[index] = segment
        self._ledger.seen(segment.id, segment.target)
        self.segments_view.update_segment(segment)


def post_from_thread(screen: EditorBase, message: Message) -> None:
    """Post from the save thread; after the app has stopped there is nobody to tell."""
    with contextlib.suppress(RuntimeError):
        screen.post_message(message)


def empty_article(slug: str) -> Article:
    return Article(ArticleMeta(slug), [], [])
