"""Messages workers and screens post: results of background work travel up as these."""

from __future__ import annotations

from collections.abc import Sequence

from textual.message import Message

from cipbilingual.errors import CipError
from cipbilingual.models import Article, Finding, Segment, SegmentId
from cipbilingual.tui.services import Stamp, Suggestion
from cipbilingual.workflow.editing import Saved, SegmentEdit, Step


class ArticleLoaded(Message):
    """The open article was read from disk (first load or a reload after an outside change)."""

    def __init__(self, article: Article, stamp: Stamp | None, reload: bool) -> None:
        super().__init__()
        self.article = article
        self.stamp = stamp
        self.reload = reload


class SegmentSaved(Message):
    """A save finished; `saved.article` is the whole article as it is now on disk."""

    def __init__(self, edit: SegmentEdit, step: Step, saved: Saved, stamp: Stamp | None) -> None:
        super().__init__()
        self.edit = edit
        self.step = step
        self.saved = saved
        self.stamp = stamp


class SaveFailed(Message):
    """A save was refused (a conflict, a permission, bad input); nothing was written."""

    def __init__(self, edit: SegmentEdit, step: Step, error: CipError) -> None:
        super().__init__()
        self.edit = edit
        self.step = step
        self.error = error


class SuggestionsReady(Message):
    def __init__(self, segment_id: SegmentId, items: list[Suggestion]) -> None:
        super().__init__()
        self.segment_id = segment_id
        self.items = items


class FindingsReady(Message):
    """QA of one segment's English as typed; stale when the text has changed since."""

    def __init__(self, segment_id: SegmentId, text: str, findings: list[Finding]) -> None:
        super().__init__()
        self.segment_id = segment_id
        self.text = text
        self.findings = findings


class ArticleFindingsReady(Message):
    """The whole article's findings, and the segments (with their English) they were for."""

    def __init__(
        self, findings: dict[SegmentId, list[Finding]], checked: Sequence[Segment] = ()
    ) -> None:
        super().__init__()
        self.findings = findings
        self.checked = list(checked)


class DraftProgress(Message):
    def __init__(self, done: int, total: int) -> None:
        super().__init__()
        self.done = done
        self.total = total


class UserChanged(Message):
    """The acting person changed (the user switcher)."""

    def __init__(self, person: str) -> None:
        super().__init__()
        self.person = person
