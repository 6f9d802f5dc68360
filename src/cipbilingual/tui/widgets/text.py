"""Display-width helpers: Chinese characters take two terminal cells, so columns are cut and
padded by cells, never by characters."""

from __future__ import annotations

import re
from collections.abc import Mapping

from rich.cells import cell_len, set_cell_size
from rich.style import Style
from rich.text import Text
from textual.color import Color, ColorParseError

from cipbilingual.models import Act, State
from cipbilingual.tui.i18n import N_, _

ELLIPSIS = "…"

STATE_GLYPHS: Mapping[State, str] = {
    State.NEW: "○",
    State.DRAFT: "◑",
    State.TRANSLATED: "●",
    State.NEEDS_WORK: "!",
    State.APPROVED: "✔",
}

STATE_NAMES: Mapping[State, str] = {
    State.NEW: N_("new"),
    State.DRAFT: N_("draft"),
    State.TRANSLATED: N_("translated"),
    State.NEEDS_WORK: N_("needs work"),
    State.APPROVED: N_("approved"),
}

# The theme variable each state is drawn in, so states read in dark and light themes alike.
STATE_THEME_VARIABLES: Mapping[State, str] = {
    State.NEW: "foreground-darken-3",
    State.DRAFT: "warning",
    State.TRANSLATED: "primary",
    State.NEEDS_WORK: "error",
    State.APPROVED: "success",
}


def state_styles(theme_variables: Mapping[str, str]) -> dict[State, Style]:
    """Rich styles for the states in the current theme."""
    out: dict[State, Style] = {}
    for state, name in STATE_THEME_VARIABLES.items():
        try:
            color = Color.parse(theme_variables[name]).rich_color
        except (KeyError, ColorParseError):
            color = None
        out[state] = Style(color=color)
    return out


def state_name(state: State) -> str:
    return _(STATE_NAMES[state])


COMMENT_GLYPH = "✉"  # a segment with an open comment

ACT_NAMES: Mapping[str, str] = {
    Act.IMPORT: N_("imported"),
    Act.REIMPORT: N_("re-imported"),
    Act.RETIRE: N_("retired"),
    Act.DRAFT: N_("drafted"),
    Act.EDIT: N_("edited"),
    Act.TRANSLATE: N_("translated"),
    Act.APPROVE: N_("approved"),
    Act.REJECT: N_("sent back"),
    Act.OVERRIDE: N_("overrode a check"),
    Act.SILENCE: N_("silenced a check"),
    Act.XLIFF_IMPORT: N_("XLIFF import"),
    Act.MERGE: N_("merged"),
    Act.ALIGN: N_("aligned"),
    Act.RELINK: N_("relinked"),
    Act.COMMENT: N_("commented"),
    Act.RESOLVE: N_("resolved"),
}


def act_name(act: str) -> str:
    """What a history record's act is called in the UI (an unknown act by its own name)."""
    name = ACT_NAMES.get(act)
    return _(name) if name else act


def fit(text: str, width: int) -> str:
    """`text` on one line in exactly `width` cells: cut with an ellipsis, or padded."""
    if width <= 0:
        return ""
    flat = " ".join(text.split())
    if cell_len(flat) <= width:
        return set_cell_size(flat, width)
    return set_cell_size(flat, width - 1) + ELLIPSIS


def middle_cut(text: str, width: int) -> str:
    """`text` in at most `width` cells, cut in the middle so that its start and its end (where
    slugs of the same day differ) both show."""
    if cell_len(text) <= width:
        return text
    if width <= 1:
        return ELLIPSIS[:width]
    head = cut_right(text, (width - 1) // 2 + 1)[:-1] if (width - 1) // 2 else ""
    tail = cut_left(text, width - cell_len(head) - 1 + 1)[1:] if width - cell_len(head) > 1 else ""
    return head + ELLIPSIS + tail


_DATED = re.compile(r"^\d{4}-\d{2}-\d{2}-(?=.)")


def undated_slug(slug: str) -> str:
    """The slug without the publication date it starts with (shown elsewhere)."""
    return _DATED.sub("", slug)


def cut_right(text: str, width: int) -> str:
    """`text` on one line in at most `width` cells, its end replaced by an ellipsis if cut."""
    flat = " ".join(text.split())
    if cell_len(flat) <= width:
        return flat
    if width <= 0:
        return ""
    return set_cell_size(flat, width - 1).rstrip() + ELLIPSIS


def cut_left(text: str, width: int) -> str:
    """`text` on one line in at most `width` cells, its start replaced by an ellipsis if cut."""
    flat = " ".join(text.split())
    if cell_len(flat) <= width:
        return flat
    if width <= 0:
        return ""
    kept = ""
    for char in reversed(flat):
        if cell_len(char + kept) > width - 1:
            break
        kept = char + kept
    return ELLIPSIS + kept


# The bar fills from the left as work gets done: approved first, new (still to do) last.
BAR_ORDER = (State.APPROVED, State.TRANSLATED, State.NEEDS_WORK, State.DRAFT, State.NEW)


def state_bar(states: Mapping[State, int], width: int, styles: Mapping[State, Style]) -> Text:
    """A bar `width` cells wide, split by the share of segments in each state."""
    total = sum(states.values())
    bar = Text()
    if total == 0 or width <= 0:
        return Text(" " * max(width, 0))
    cells = [states.get(s, 0) * width / total for s in BAR_ORDER]
    whole = [int(c) for c in cells]
    # Largest remainders get the cells left over, so the bar is always exactly `width` wide.
    leftover = width - sum(whole)
    for i in sorted(range(len(cells)), key=lambda i: cells[i] - whole[i], reverse=True)[:leftover]:
        whole[i] += 1
    for state, n in zip(BAR_ORDER, whole, strict=True):
        if n:
            glyph = "█" if state is not State.NEW else "░"
            bar.append(glyph * n, style=styles.get(state, Style()))
    return bar
