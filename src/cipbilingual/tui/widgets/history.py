"""A segment's history in the editor: each version with when, who and what, and a word diff
against the version before; comments, open or resolved. R reverts to the highlighted English,
X resolves the highlighted comment."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.content import Content
from textual.markup import escape
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from cipbilingual.history import Version, word_diff
from cipbilingual.models import Act, HistoryRecord, State
from cipbilingual.tui import keymap
from cipbilingual.tui.i18n import _
from cipbilingual.tui.widgets.text import COMMENT_GLYPH, act_name, state_name


def _state(value: str) -> str:
    try:
        return state_name(State(value))
    except ValueError:
        return value


def diff_markup(before: str, after: str) -> str:
    """Removed words struck through in the error colour, added ones underlined in green."""
    out = []
    for op, text in word_diff(before, after):
        piece = escape(text)
        if op == "equal":
            out.append(piece)
        elif op == "delete":
            out.append(f"[$error strike]{piece}[/]")
        else:
            out.append(f"[$success underline]{piece}[/]")
    return "".join(out)


def render_version(version: Version, open_ids: set[str], now: bool = False) -> Content:
    """One version: `2026-11-25 10:05 · wang · sent back`, the change of state, then what
    changed, the reason, or the comment. `now`: its English is the segment's English now."""
    r = version.record
    when = r.at[:16].replace("T", " ")
    act = act_name(r.act)
    if version.folded > 1:
        act += f" ×{version.folded}"
    head = f"[$text-muted]{escape(when)}[/] · [b]{escape(r.by or '—')}[/] · {escape(act)}"
    lines = [head]
    if r.was and r.state and r.was != r.state:
        lines.append(f"  [$text-muted]{escape(_state(r.was))} → {escape(_state(r.state))}[/]")
    if version.gap:
        outside = _("changed outside cipbilingual before this")
        lines.append(f"  [$warning]{escape(outside)}[/]")
    if r.act == Act.COMMENT:
        to = ", ".join(r.to)
        status = _("open") if r.id in open_ids else _("resolved")
        mark = f"[$warning]{COMMENT_GLYPH}[/] " if r.id in open_ids else ""
        addressed = f" [$text-muted]→ {escape(to)}[/]" if to else ""
        lines.append(f"  {mark}“{escape(r.text)}”{addressed} [$text-muted]({escape(status)})[/]")
    elif r.act == Act.RESOLVE and r.text:
        lines.append(f"  {escape(r.text)}")
    if r.reason:
        why = _("reason: {reason}").format(reason=r.reason)
        lines.append(f"  [$text-muted]{escape(why)}[/]")
    if r.origin and r.act in (Act.DRAFT, Act.REIMPORT, Act.XLIFF_IMPORT, Act.MERGE):
        lines.append(f"  [$text-muted]{escape(r.origin)}[/]")
    if (r.was or r.before) and r.before != r.after:
        lines.append("  " + diff_markup(r.before, r.after))
    if now:
        current = _("the English now")
        lines.append(f"  [$text-muted i]{escape(current)}[/]")
    return Content.from_markup("\n".join(lines))


class HistoryView(OptionList):
    """Shows what `show()` is given, newest first; posts RevertRequested / ResolveRequested /
    Closed. Does no I/O."""

    BINDINGS: ClassVar = keymap.bindings("history")

    class RevertRequested(Message):
        def __init__(self, version: HistoryRecord) -> None:
            super().__init__()
            self.version = version

    class ResolveRequested(Message):
        def __init__(self, comment: HistoryRecord) -> None:
            super().__init__()
            self.comment = comment

    class Closed(Message):
        pass

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        keymap.localize_bindings(self)
        self._versions: list[Version] = []
        self._open: set[str] = set()

    def show(
        self, versions: Sequence[Version], open_ids: set[str], current: str, empty: str = ""
    ) -> None:
        """Show the versions (oldest first in `versions`; shown newest first)."""
        self._versions = list(reversed(versions))
        self._open = set(open_ids)
        self.clear_options()
        if not self._versions:
            self.add_option(Option(empty or _("No history yet for this segment."), disabled=True))
            return
        # The newest version whose English is the segment's English now says so.
        now = next(
            (
                v.record.id
                for v in self._versions
                if (v.record.state or v.record.was) and v.record.after == current
            ),
            "",
        )
        self.add_options(
            Option(render_version(v, self._open, v.record.id == now), id=v.record.id)
            for v in self._versions
        )
        self.highlighted = 0

    def _chosen(self) -> HistoryRecord | None:
        index = self.highlighted
        if index is None or not 0 <= index < len(self._versions):
            return None
        return self._versions[index].record

    def action_revert(self) -> None:
        record = self._chosen()
        if record is None:
            return
        if record.act in (Act.COMMENT, Act.RESOLVE) or not record.after.strip():
            self.notify(_("This version has no English to go back to."), severity="warning")
            return
        self.post_message(self.RevertRequested(record))

    def action_resolve(self) -> None:
        record = self._chosen()
        if record is None or record.act != Act.COMMENT or record.id not in self._open:
            self.notify(_("Highlight an open comment to resolve it."), severity="warning")
            return
        self.post_message(self.ResolveRequested(record))

    def action_close(self) -> None:
        self.post_message(self.Closed())
