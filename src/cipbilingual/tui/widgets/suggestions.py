"""Numbered suggestions for the current segment: their side of a merge conflict, the MT draft,
TM matches (with the source diff and number warnings) and glossary entries. Alt+N or a click
inserts one."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.markup import escape

from cipbilingual.tui.i18n import _
from cipbilingual.tui.services import Suggestion
from cipbilingual.tui.widgets.pane import ContentPane


def _item_markup(n: int, item: Suggestion) -> list[str]:
    click = f"@click=screen.insert_suggestion({n})"
    text = escape(item.text)
    if item.kind == "merge":
        kind = _("Theirs (merge conflict)")
        who = f" [$text-muted]· {escape(item.label)}[/]" if item.label else ""
        head = f"[b]{n}[/b] [$error b]{escape(kind)}[/]{who}"
        lines = [f"[{click}]{head}[/]", f"[{click}]{text}[/]"]
    elif item.kind == "mt":
        score = f" {item.score:.2f}" if item.score is not None else ""
        kind = _("MT")
        head = f"[b]{n}[/b] [$accent]{escape(kind)} {escape(item.label)}{score}[/]"
        lines = [f"[{click}]{head}[/]", f"[{click}]{text}[/]"]
    elif item.kind == "tm":
        pct = f"{item.score:.0f}%" if item.score is not None else ""
        origin = f" [$text-muted]· {escape(item.label)}[/]" if item.label else ""
        kind = _("TM")
        head = f"[b]{n}[/b] [$secondary b]{escape(kind)} {pct}[/]{origin}"
        lines = [f"[{click}]{head}[/]", f"[{click}]{text}[/]"]
        if any(part.op != "equal" for part in item.diff):
            diff = []
            for part in item.diff:
                piece = escape(part.text)
                if part.op == "equal":
                    diff.append(f"[$text-muted]{piece}[/]")
                elif part.op == "delete":
                    diff.append(f"[$error strike]{piece}[/]")
                else:
                    diff.append(f"[$success underline]{piece}[/]")
            lines.append("  " + "".join(diff))
        lines.extend(f"  [$warning]⚠ {escape(w)}[/]" for w in item.warnings)
    else:
        note = f"  [$text-muted]{escape(item.note)}[/]" if item.note else ""
        lines = [
            f"[{click}][b]{n}[/b] [$success]≡[/] {escape(item.source)} → [b]{text}[/b]{note}[/]"
        ]
    return lines


def render_suggestions(items: Sequence[Suggestion], pending_tm: bool = False) -> Content:
    lines: list[str] = []
    for n, item in enumerate(items[:9], start=1):
        lines.extend(_item_markup(n, item))
    if pending_tm:
        waiting = _("Looking up the translation memory…")
        lines.append(f"[$text-muted i]{escape(waiting)}[/]")
    if not lines:
        nothing = _("No suggestions for this segment.")
        lines.append(f"[$text-muted]{escape(nothing)}[/]")
    return Content.from_markup("\n".join(lines))


class SuggestionsView(ContentPane):
    """Shows what `show()` is given; the screen inserts the chosen one."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._items: list[Suggestion] = []
        self._pending = False
        self._ever_shown = False

    def show(self, items: Sequence[Suggestion], pending_tm: bool = False) -> None:
        shown = list(items[:9])
        if self._ever_shown and shown == self._items and pending_tm == self._pending:
            return  # the same suggestions: nothing to repaint
        self._items, self._pending, self._ever_shown = shown, pending_tm, True
        self.show_content(render_suggestions(self._items, pending_tm))

    @property
    def items(self) -> list[Suggestion]:
        return list(self._items)
