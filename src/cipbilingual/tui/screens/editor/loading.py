"""Loading the article, and merging in what others change on disk while it is open."""

from __future__ import annotations

from cipbilingual.errors import CipError
from cipbilingual.models import Article, State
from cipbilingual.tui.gc import LONG_ARTICLE, freeze_for, gc_paused
from cipbilingual.tui.i18n import _, format_count
from cipbilingual.tui.messages import ArticleLoaded
from cipbilingual.tui.screens.base import error_text
from cipbilingual.tui.screens.editor.base import EditorBase
from cipbilingual.tui.services import Stamp
from cipbilingual.workflow.editing import merge_reload


class LoadingPart(EditorBase):
    """Reads the article, watches its catalog and merges outside changes in."""

    def _load_failed(self, error: CipError) -> None:
        self.notify(error_text(error), severity="error", timeout=10)
        self.cip.action_articles()

    # -- loading and reloading ---------------------------------------------------------------
    def on_article_loaded(self, message: ArticleLoaded) -> None:
        # Showing an article builds a row, an index entry and a ledger entry per segment and
        # frees none of them: the cycle collector's passes over them would only slow that down.
        with gc_paused():
            self._article_loaded(message)

    def _article_loaded(self, message: ArticleLoaded) -> None:
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
            if len(message.article.segments) > LONG_ARTICLE:
                freeze_for(self)
            # After the first paint: checking a long article would hold the paint back.
            self.call_after_refresh(self._start_article_qa)
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
        self._ledger.seen_all((seg.id, seg.target) for seg in article.segments)
        self._update_status()
        self._fit_source()

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
