"""The findings panel: QA of the whole article when it loads, and of the English as it is typed;
a finding's fix (✎) applied with one key."""

from __future__ import annotations

import copy

from cipbilingual.models import Article
from cipbilingual.tui.i18n import _
from cipbilingual.tui.messages import ArticleFindingsReady, FindingsReady
from cipbilingual.tui.screens.editor.base import EditorBase
from cipbilingual.tui.services import SegmentContext
from cipbilingual.tui.widgets.findings import FindingsView, any_open, first_fix


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
        self.run_blocking(
            lambda: services.article_findings(snapshot),
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
