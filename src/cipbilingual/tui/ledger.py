"""What the editor believes each segment's English is on disk, and which saves are on their way.

A save's base is the text of the save queued before it, so several saves of one segment chain
without being taken for someone else's change; what is read from disk only replaces the belief
about a segment once none of its saves is still on its way.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from cipbilingual.models import SegmentId


class SaveLedger:
    def __init__(self) -> None:
        self._expected: dict[SegmentId, str] = {}
        self._inflight: Counter[SegmentId] = Counter()

    def base(self, sid: SegmentId) -> str:
        """The English a new save of `sid` expects to find on disk."""
        return self._expected.get(sid, "")

    def is_dirty(self, sid: SegmentId, text: str) -> bool:
        return text != self.base(sid)

    def in_flight(self, sid: SegmentId) -> bool:
        return self._inflight[sid] > 0

    def sent(self, sid: SegmentId, text: str) -> None:
        """A save of `text` was queued."""
        self._inflight[sid] += 1
        self._expected[sid] = text

    def landed(self, sid: SegmentId) -> None:
        """A queued save finished (saved or refused)."""
        self._inflight[sid] = max(self._inflight[sid] - 1, 0)

    def seen(self, sid: SegmentId, disk: str) -> None:
        """`disk` was read from the catalog; it is the truth once no save is on its way."""
        if not self._inflight[sid]:
            self._expected[sid] = disk

    def seen_all(self, segments: Iterable[tuple[SegmentId, str]]) -> None:
        """`seen` for every (segment, English) read from the catalog, at once."""
        inflight = self._inflight
        self._expected.update((sid, disk) for sid, disk in segments if not inflight[sid])

    def settle(self, sid: SegmentId, disk: str) -> None:
        """The person took what is on disk."""
        self._expected[sid] = disk
