"""Display width: Chinese characters take two cells and never break the columns."""

from __future__ import annotations

from typing import Any

from rich.cells import cell_len

from cipbilingual.models import State
from cipbilingual.tui.widgets.text import fit, state_bar

from .conftest import open_editor


def test_fit_cuts_and_pads_by_cells() -> None:
    assert fit("创新园", 6) == "创新园"
    assert cell_len(fit("中以常州创新园", 7)) == 7
    assert fit("中以常州创新园", 7).endswith("…")
    assert fit("ab", 4) == "ab  "
    assert fit("a\nb", 3) == "a b"


def test_state_bar_is_exactly_as_wide_as_asked() -> None:
    states = {
        State.NEW: 3,
        State.DRAFT: 1,
        State.TRANSLATED: 5,
        State.NEEDS_WORK: 0,
        State.APPROVED: 2,
    }
    for width in (1, 7, 12, 40):
        assert state_bar(states, width, {}).cell_len == width


async def test_segment_rows_keep_their_columns_at_any_width(build: Any) -> None:
    for size in ((80, 24), (200, 60)):
        app = build("li", slug="work-plan")
        async with app.run_test(size=size) as pilot:
            editor = await open_editor(pilot)
            view = editor.segments_view
            width = view.scrollable_content_region.width
            dividers = set()
            for y in range(len(view._rows)):
                strip = view.render_line(y)
                assert strip.cell_length == width
                text = "".join(seg.text for seg in strip)
                if "│" in text:
                    dividers.add(cell_len(text[: text.index("│")]))
            assert len(dividers) == 1  # the English column starts at the same cell on every row
