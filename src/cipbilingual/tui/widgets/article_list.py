"""The workspace's articles, one per row under a header: title, slug, date, progress by state, QA
errors and the last act. A Line API widget: only the rows on screen are drawn, so an archive of
thousands of articles paints at once. Columns adapt to the width (the title keeps a fair share;
less important columns go first), rows can be searched and sorted.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, ClassVar

from rich.cells import cell_len
from rich.segment import Segment as RichSegment
from rich.style import Style
from textual import events
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from cipbilingual.models import State
from cipbilingual.summaries import ArticleSummary
from cipbilingual.tui import keymap
from cipbilingual.tui.i18n import N_, _, format_count, format_date
from cipbilingual.tui.widgets.text import act_name, fit, middle_cut, state_bar, state_styles

GAP = 2  # cells between columns
SAMPLE_DAY = "2019-12-10"  # the widest day of the month, for the date column's width


def _progress(summary: ArticleSummary) -> float:
    return summary.states.get(State.APPROVED, 0) / summary.segments if summary.segments else 0.0


@dataclass(frozen=True)
class SortKey:
    name: str
    label: str  # N_-marked
    key: Callable[[ArticleSummary], Any]
    newest_first: bool = False  # the natural order of this column is descending


SORTS: tuple[SortKey, ...] = (
    # Oldest first, like the folder listing (slugs start with the date): End is the newest.
    SortKey("date", N_("date"), lambda s: s.date),
    SortKey("title", N_("title"), lambda s: s.title.casefold()),
    SortKey("progress", N_("progress"), _progress),
    SortKey("qa", N_("QA errors"), lambda s: s.qa_errors or 0, newest_first=True),
    SortKey("act", N_("last act"), lambda s: s.last_edited, newest_first=True),
    SortKey("slug", N_("slug"), lambda s: s.slug),
)


@dataclass(frozen=True)
class Column:
    name: str
    heading: str
    width: int


def short_slug(summary: ArticleSummary) -> str:
    """The slug without its leading publication date (the date column shows it)."""
    slug = summary.slug
    if summary.date[:10] and slug.startswith(summary.date[:10] + "-"):
        return slug[11:]
    return slug


class ArticleList(ScrollView, can_focus=True):
    """Rows of article summaries with a cursor. Posts `Highlighted` when the cursor moves and
    `Opened` on Enter or a double click."""

    BINDINGS: ClassVar = keymap.bindings("article_list")

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "article-list--header",
        "article-list--cursor",
        "article-list--odd",
        "article-list--muted",
        "article-list--errors",
        "article-list--empty",
    }

    DEFAULT_CSS = """
    ArticleList { height: 1fr; overflow-x: hidden; }
    """

    cursor: reactive[int] = reactive(0, always_update=True, init=False)

    class Highlighted(Message):
        def __init__(self, slug: str) -> None:
            super().__init__()
            self.slug = slug

    class Opened(Message):
        def __init__(self, slug: str) -> None:
            super().__init__()
            self.slug = slug

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        keymap.localize_bindings(self)
        self._all: dict[str, ArticleSummary] = {}
        self._rows: list[ArticleSummary] = []
        self._pending: set[str] = set()  # stale: being summarised again
        self._needle = ""
        self._sort = SORTS[0]
        self._reverse = False
        self._empty_text = ""
        self._columns: list[Column] = []
        self._strips: dict[tuple[int, int, bool], Strip] = {}
        self._dates: dict[str, str] = {}
        self._styles: dict[str, Style] = {}
        self._state_styles: dict[State, Style] = {}

    # -- data in ----------------------------------------------------------------------------
    def show(
        self, summaries: Iterable[ArticleSummary], pending: Iterable[str] = (), empty_text: str = ""
    ) -> None:
        """Show these articles; `pending` ones are being summarised again (shown muted)."""
        keep = self.current
        self._all = {s.slug: s for s in summaries}
        self._pending = set(pending)
        self._empty_text = empty_text
        self._arrange(keep)

    def update(self, summaries: Iterable[ArticleSummary]) -> None:
        """Fresh summaries of some articles: their rows are redrawn (and resorted)."""
        changed = False
        for summary in summaries:
            old = self._all.get(summary.slug)
            self._pending.discard(summary.slug)
            if old != summary:
                self._all[summary.slug] = summary
                self._dates.pop(summary.slug, None)
                changed = True
        if changed or summaries:
            self._arrange(self.current)

    def set_pending(self, slugs: Iterable[str]) -> None:
        self._pending = set(slugs)
        self._strips.clear()
        self.refresh()

    def search(self, needle: str) -> None:
        """Show only articles whose title or slug contains `needle` (any case)."""
        self._needle = needle.strip().casefold()
        self._arrange(self.current)

    def sort_by(self, name: str, reverse: bool = False) -> None:
        self._sort = next(s for s in SORTS if s.name == name)
        self._reverse = reverse
        self._arrange(self.current)

    def next_sort(self) -> SortKey:
        """Sort by the next column (date, title, progress, QA errors, last act, slug)."""
        index = SORTS.index(self._sort)
        self.sort_by(SORTS[(index + 1) % len(SORTS)].name)
        return self._sort

    def reverse_sort(self) -> None:
        self.sort_by(self._sort.name, not self._reverse)

    @property
    def sort(self) -> tuple[SortKey, bool]:
        return self._sort, self._reverse

    @property
    def rows(self) -> list[ArticleSummary]:
        """The articles shown, in the order shown."""
        return list(self._rows)

    @property
    def headings(self) -> list[str]:
        """The headings of the columns shown, left to right."""
        return [c.heading for c in self._columns]

    @property
    def pending(self) -> set[str]:
        """Slugs whose row shows an old summary while a fresh one is being made."""
        return set(self._pending)

    @property
    def summaries(self) -> list[ArticleSummary]:
        """Every article known to the list, shown or not."""
        return list(self._all.values())

    @property
    def total(self) -> int:
        return len(self._all)

    @property
    def current(self) -> str | None:
        if 0 <= self.cursor < len(self._rows):
            return self._rows[self.cursor].slug
        return None

    def select(self, slug: str) -> bool:
        for i, row in enumerate(self._rows):
            if row.slug == slug:
                self.cursor = i
                return True
        return False

    def _arrange(self, keep: str | None) -> None:
        needle = self._needle
        rows = [
            s
            for s in self._all.values()
            if not needle or needle in s.title.casefold() or needle in s.slug
        ]
        descending = self._sort.newest_first != self._reverse
        rows.sort(key=lambda s: s.slug)  # ties stay in slug order whichever way the list runs
        rows.sort(key=self._sort.key, reverse=descending)
        self._rows = rows
        self._strips.clear()
        self._layout_columns(self.scrollable_content_region.width)
        self.virtual_size = Size(self.scrollable_content_region.width, len(rows) + 1)
        index = next((i for i, r in enumerate(rows) if r.slug == keep), 0) if keep else 0
        self.set_reactive(ArticleList.cursor, min(index, max(len(rows) - 1, 0)))
        self.refresh()
        self.call_after_refresh(self._scroll_to_cursor)

    # -- columns ----------------------------------------------------------------------------
    def _layout_columns(self, width: int) -> None:
        """The title gets what the other columns leave, and at least about two fifths of the
        line; columns that would squeeze it further are left out, least important first."""
        rows = self._rows
        bar = 12 if width >= 100 else 6
        most = max((r.segments for r in rows), default=0)
        acts = max((cell_len(last_act_label(r.last_act, r.last_editor)) for r in rows), default=1)
        counts = cell_len(f"{format_count(most)}/{format_count(most)}")
        wanted: list[Column] = [
            Column("progress", _("Progress"), max(cell_len(_("Progress")), bar + 1 + counts)),
            Column("qa", _("QA errors"), max(cell_len(_("QA errors")), 4)),
            Column(
                "date", _("Date"), max(cell_len(_("Date")), cell_len(format_date("2019-12-10")))
            ),
            Column("act", _("Last act"), max(cell_len(_("Last act")), min(acts, 24))),
            Column("slug", _("Slug"), 24),
        ]
        titles = [r.title for r in rows]
        if len(set(titles)) < len(titles):
            # Two articles with one title: the slug tells them apart, so it stays longest.
            wanted.insert(1, wanted.pop())
        floor = max(24, width * 2 // 5)
        chosen: list[Column] = []
        used = 0
        for column in wanted:
            if width - used - column.width - GAP >= floor:
                chosen.append(column)
                used += column.width + GAP
        title = Column("title", _("Title"), max(width - used, 1))
        order = ["title", "slug", "date", "progress", "qa", "act"]
        self._columns = sorted([title, *chosen], key=lambda c: order.index(c.name))
        self._bar_width = bar

    def _count_text(self, summary: ArticleSummary) -> str:
        done = summary.states.get(State.APPROVED, 0)
        return f"{format_count(done)}/{format_count(summary.segments)}"

    # -- rendering --------------------------------------------------------------------------
    def _style(self, name: str) -> Style:
        style = self._styles.get(name)
        if style is None:
            style = self._styles[name] = self.get_component_rich_style(name)
        return style

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()
        self._strips.clear()
        self._state_styles = {}

    def refresh_theme(self) -> None:
        """Redraw the progress bars in the current theme's colours."""
        self._state_styles = {}
        self._strips.clear()
        self.refresh()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if y == 0:
            return self._header(width)
        index = self.scroll_offset.y + y - 1
        if not self._rows:
            if y == 1 and self._empty_text:
                return Strip(
                    [RichSegment(fit(self._empty_text, width), self._style("article-list--empty"))],
                    width,
                )
            return Strip.blank(width, self.rich_style)
        if index >= len(self._rows):
            return Strip.blank(width, self.rich_style)
        key = (index, width, index == self.cursor)
        strip = self._strips.get(key)
        if strip is None:
            strip = self._strips[key] = self._render_row(index, width)
        return strip

    def _header(self, width: int) -> Strip:
        style = self.rich_style + self._style("article-list--header")
        marker = "▼" if self._sort.newest_first != self._reverse else "▲"
        cells: list[RichSegment] = []
        for n, column in enumerate(self._columns):
            heading = column.heading
            if column.name == self._sort.name:
                heading = f"{heading} {marker}"
            cells.append(RichSegment(fit(heading, column.width), style))
            if n < len(self._columns) - 1:
                cells.append(RichSegment(" " * GAP, style))
        return Strip(cells, width).extend_cell_length(width, style).crop(0, width)

    def _render_row(self, index: int, width: int) -> Strip:
        summary = self._rows[index]
        base = self.rich_style
        if index % 2:
            base = base + self._style("article-list--odd")
        if index == self.cursor:
            base = base + self._style("article-list--cursor")
        muted = base + self._style("article-list--muted")
        text_style = muted if summary.slug in self._pending else base
        cells: list[RichSegment] = []
        for n, column in enumerate(self._columns):
            cells.extend(self._cell(summary, column, text_style, muted))
            if n < len(self._columns) - 1:
                cells.append(RichSegment(" " * GAP, base))
        return Strip(cells, width).extend_cell_length(width, base).crop(0, width)

    def _cell(
        self, summary: ArticleSummary, column: Column, style: Style, muted: Style
    ) -> list[RichSegment]:
        width = column.width
        if column.name == "title":
            return [RichSegment(fit(summary.title or summary.slug, width), style)]
        if column.name == "slug":
            return [RichSegment(fit(middle_cut(short_slug(summary), width), width), muted)]
        if column.name == "date":
            date = self._dates.get(summary.slug)
            if date is None:
                date = self._dates[summary.slug] = (
                    format_date(summary.date) if summary.date else "—"
                )
            return [RichSegment(fit(date, width), style)]
        if column.name == "progress":
            if not self._state_styles:
                self._state_styles = state_styles(self.app.theme_variables)
            bar = state_bar(summary.states, self._bar_width, self._state_styles)
            out = [RichSegment(s.text, style + s.style) for s in bar.render(self.app.console)]
            count = fit(self._count_text(summary), width - self._bar_width - 1)
            return [*out, RichSegment(" " + count, style)]
        if column.name == "qa":
            errors = summary.qa_errors
            if errors is None or summary.slug in self._pending:
                return [RichSegment(fit("…", width), muted)]
            look = style + self._style("article-list--errors") if errors else style
            return [RichSegment(fit(format_count(errors), width), look)]
        label = last_act_label(summary.last_act, summary.last_editor)
        return [RichSegment(fit(label, width), style)]

    def on_resize(self, event: events.Resize) -> None:
        self._strips.clear()
        self._layout_columns(self.scrollable_content_region.width)
        self.virtual_size = Size(self.scrollable_content_region.width, len(self._rows) + 1)

    # -- cursor -----------------------------------------------------------------------------
    _last_cursor = 0

    def watch_cursor(self, old: int, new: int) -> None:
        self.refresh_line(old - self.scroll_offset.y + 1)
        self.refresh_line(self._last_cursor - self.scroll_offset.y + 1)
        self.refresh_line(new - self.scroll_offset.y + 1)
        self._last_cursor = new
        self._scroll_to_cursor()
        slug = self.current
        if slug is not None:
            self.post_message(self.Highlighted(slug))

    def _scroll_to_cursor(self) -> None:
        if not self._rows:
            return
        # The header takes the first line at every scroll position: rows from `top` show.
        height = max(self.scrollable_content_region.height - 1, 1)
        top = self.scroll_offset.y
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, force=True, immediate=True)
        elif self.cursor >= top + height:
            self.scroll_to(y=self.cursor - height + 1, animate=False, force=True, immediate=True)

    def _page(self) -> int:
        return max(self.scrollable_content_region.height - 2, 1)

    def action_cursor_down(self) -> None:
        if self.cursor < len(self._rows) - 1:
            self.cursor += 1

    def action_cursor_up(self) -> None:
        if self.cursor > 0:
            self.cursor -= 1

    def action_page_down(self) -> None:
        if self._rows:
            self.cursor = min(self.cursor + self._page(), len(self._rows) - 1)

    def action_page_up(self) -> None:
        if self._rows:
            self.cursor = max(self.cursor - self._page(), 0)

    def action_first(self) -> None:
        if self._rows:
            self.cursor = 0

    def action_last(self) -> None:
        if self._rows:
            self.cursor = len(self._rows) - 1

    def action_open(self) -> None:
        slug = self.current
        if slug is not None:
            self.post_message(self.Opened(slug))

    def on_click(self, event: events.Click) -> None:
        if event.y == 0:
            self._click_header(event.x)
            return
        row = self.scroll_offset.y + event.y - 1
        if 0 <= row < len(self._rows):
            self.cursor = row
            if event.chain == 2:
                self.action_open()

    def _click_header(self, x: int) -> None:
        start = 0
        for column in self._columns:
            if start <= x < start + column.width + GAP:
                if column.name == self._sort.name:
                    self.reverse_sort()
                else:
                    self.sort_by(column.name)
                return
            start += column.width + GAP



def last_act_label(act: str, person: str) -> str:
    """`wang · sent back`: who did the article's last act, and what."""
    if not act:
        return person or "—"
    return f"{person or '—'} · {act_name(act)}"
