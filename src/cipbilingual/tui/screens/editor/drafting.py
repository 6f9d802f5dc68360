"""The drafting bar: machine drafts for the article's new segments, in a worker, with progress."""

from __future__ import annotations

from textual.widgets import Label, ProgressBar
from textual.worker import get_current_worker

from cipbilingual.errors import CipError
from cipbilingual.tui.i18n import _, format_count
from cipbilingual.tui.messages import DraftProgress
from cipbilingual.tui.screens.editor.base import EditorBase, post_from_thread
from cipbilingual.tui.services import DraftOutcome
from cipbilingual.workflow.editing import Step


class DraftPart(EditorBase):
    """Drafts the article with an engine, shows its progress and stops it on request."""

    # -- drafting -----------------------------------------------------------------------------
    def action_draft(self) -> None:
        if self._draft_worker is not None:
            return

        def chosen(engine: str | None) -> None:
            if engine:
                self.start_draft(engine)

        self.ask_engine(chosen)

    def start_draft(self, engine: str) -> None:
        """Draft the article's new segments with `engine` in a worker; Alt+X stops it."""
        self._save_current(Step.SAVE)
        bar = self.query_one("#draft-progress", ProgressBar)
        bar.update(total=None, progress=0)
        self.query_one("#draft-label", Label).update(_("Drafting with MT…"))
        self.query_one("#draft-bar").add_class("-shown")
        services, slug, screen, person = self.services, self.slug, self, self.cip.user

        def work() -> None:
            worker = get_current_worker()

            def progress(done: int, total: int) -> None:
                post_from_thread(screen, DraftProgress(done, total))

            try:
                outcome = services.draft(
                    slug, engine, progress, lambda: worker.is_cancelled, person=person
                )
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
