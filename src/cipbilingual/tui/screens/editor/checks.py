"""The findings panel: QA of the whole article when it loads, and of the English as it is typed;
a finding's fix (✎) applied with one key; a finding silenced with a reason, or its silence taken
back."""

from __future__ import annotations

import copy
import dataclasses
from typing import TYPE_CHECKING

from textual.worker import get_current_worker

from cipbilingual.models import Article, SegmentId, Silence
from cipbilingual.tui.i18n import _
from cipbilingual.tui.messages import ArticleFindingsReady, FindingsReady
from cipbilingual.tui.screens.editor.base import EditorBase
from cipbilingual.tui.services import SegmentContext
from cipbilingual.tui.widgets.findings import FindingsView, any_open, first_fix
from cipbilingual.workflow.editing import Step

if TYPE_CHECKING:
    from cipbilingual.tui.dialogs.silence import SilenceChoice


class ChecksPart(EditorBase):
    """Runs the checks in workers and shows their findings."""

    _article_checked = False

    def _start_article_qa(self) -> None:
        article = self.article
        if article is None:
            return
        # Segments are replaced, never changed in place, so a new list is a stable snapshot.
        snapshot = Article(article.meta, article.blocks, list(article.segments))
        services = self.services

        def cancelled() -> bool:  # asked in the worker's thread: the editor closed, or a newer
            return get_current_worker().is_cancelled  # check replaced this one

        self.run_blocking(
            lambda: services.article_findings(snapshot, should_stop=cancelled),
            lambda found: self.post_message(ArticleFindingsReady(found, snapshot.segments)),
            group="article-qa",
            exclusive=True,
        )

    @property
    def article_checked(self) -> bool:
        """The whole article's findings are in (they come in a worker after the first paint)."""
        return self._article_checked

    def on_article_findings_ready(self, message: ArticleFindingsReady) -> None:
        self._article_checked = True
        current = self._findings.get(self.current) if self.current else None
        checked = self._checked_text.get(self.current) if self.current else None
        self._findings = dict(message.findings)
        self._checked_text = {seg.id: seg.target for seg in message.checked}
        if self.current is not None and current is not None:
            self._findings[self.current] = current
            if checked is not None:
                self._checked_text[self.current] = checked
        self.segments_view.set_flagged(sid for sid, f in self._findings.items() if any_open(f))
        if self.current is not None:
            self.query_one("#findings", FindingsView).show(self._findings.get(self.current, []))
        if self._filter_findings:
            self._apply_filter()  # the list shows what QA flags: it now knows more
        self._update_status()

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
        self._checked_text[message.segment_id] = message.text
        self.segments_view.flag(message.segment_id, any_open(message.findings))
        if message.segment_id == self.current and message.text == self.target.text:
            self.query_one("#findings", FindingsView).show(message.findings)

    # -- fixes --------------------------------------------------------------------------------
    def action_apply_fix(self) -> None:
        """Make the change the first fixable finding proposes (✎), as one undoable edit; the
        English is checked again as after any edit, so the next press takes the next fix."""
        sid = self.current
        if sid is None or self._blocked_by_conflict():
            return
        text = self.target.text
        found = first_fix(self.query_one("#findings", FindingsView).findings, text)
        if found is None:
            self.notify(_("No finding of this segment has a fix to apply."), severity="warning")
            return
        finding, _fixed = found
        assert finding.fix is not None
        self.target.replace_span(finding.fix.start, finding.fix.end, finding.fix.new)
        self.target.focus()

    # -- silences -------------------------------------------------------------------------------
    def action_silence(self) -> None:
        """Silence a finding of the current segment with a reason, or take a silence back (a
        picker when the segment has several checks to choose from)."""
        sid = self.current
        if sid is None or self.article is None or self._blocked_by_conflict():
            return
        if self._checked_text.get(sid) != self.target.text:
            self.notify(_("Checking the English… press the key again in a moment."))
            self._check_now()
            return
        findings = self.query_one("#findings", FindingsView).findings
        self.ask_silence(
            str(sid),
            findings,
            self.segment(sid),
            lambda choice, reason: self._silence(sid, choice, reason),
        )

    def _silence(self, sid: SegmentId, choice: SilenceChoice, reason: str | None) -> None:
        """Write the silence (or take it back) after any save asked for before it: a silence
        holds for the English as saved, so what was typed is saved first."""
        if sid == self.current:
            self._save_current(Step.SAVE)
        services, slug, person, check = self.services, self.slug, self.cip.user, choice.check

        def on_save_queue() -> tuple[Silence | bool, Article]:
            done: Silence | bool
            if reason is None:
                done = services.unsilence(slug, sid, check, person)
            else:
                done = services.silence(slug, sid, check, reason, person)
            # Known at once, so the disk watcher does not take this write for someone else's.
            self._stamp = services.stamp(slug)
            return done, services.load(slug)

        self.run_blocking(
            lambda: services.saves.submit(on_save_queue).result(),
            lambda result: self._silence_written(sid, check, *result),
            group="silence",
        )

    def _silence_written(
        self, sid: SegmentId, check: str, done: Silence | bool, fresh: Article
    ) -> None:
        if self.article is None:
            return
        self._merge_from_disk(fresh, notify=False)
        if sid not in self._index:
            return
        segment = self.segment(sid)
        if self._checked_text.get(sid) == segment.target:
            # The panel's findings are for the English as saved: mark them now; a fresh check
            # follows for the current segment.
            found = [
                dataclasses.replace(f, silenced=segment.silence_for(f.check))
                if f.check == check
                else f
                for f in self._findings.get(sid, [])
            ]
            self._findings[sid] = found
            self.segments_view.flag(sid, any_open(found))
            if sid == self.current:
                self.query_one("#findings", FindingsView).show(found)
        if sid == self.current:
            self._check_now()
            self._load_history()
        self._update_status()
        self.silenced_notice(str(sid), check, done)
