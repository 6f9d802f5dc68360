"""The search always returns one monotone chain of links covering both sides once, whatever the
costs, and widens its band when the best path runs along its edge."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from cipbilingual.align.search import MIN_BAND, search


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 40), st.integers(0, 40), st.integers(0, 10_000))
def test_any_costs_give_a_covering_monotone_path(n: int, m: int, seed: int) -> None:
    rng = random.Random(seed)
    table: dict[tuple[int, int, int, int], float] = {}

    def cost(i0: int, i1: int, j0: int, j1: int) -> float:
        return table.setdefault((i0, i1, j0, j1), rng.uniform(0, 10))

    steps = search(n, m, cost)
    assert [i for s in steps for i in range(s.i0, s.i1)] == list(range(n))
    assert [j for s in steps for j in range(s.j0, s.j1)] == list(range(m))
    assert all((s.i1 - s.i0, s.j1 - s.j0) != (0, 0) for s in steps)


def test_the_band_widens_for_a_path_far_from_the_diagonal() -> None:
    # 30 extra target items up front (menus, chrome) and then a clean diagonal.
    extra = 3 * MIN_BAND
    n, m = 60, 60 + extra

    def cost(i0: int, i1: int, j0: int, j1: int) -> float:
        if i1 - i0 == 1 and j1 - j0 == 1:
            return 0.0 if j0 == i0 + extra else 20.0
        return 3.0 if i0 == i1 or j0 == j1 else 20.0

    steps = search(n, m, cost)
    pairs = [(s.i0, s.j0) for s in steps if s.i1 - s.i0 == 1 and s.j1 - s.j0 == 1]
    assert pairs == [(i, i + extra) for i in range(n)]


def test_a_forbidden_group_is_never_chosen() -> None:
    def cost(i0: int, i1: int, j0: int, j1: int) -> float:
        return 0.0 if (i1 - i0, j1 - j0) == (2, 1) else 5.0

    steps = search(4, 2, cost, allowed=lambda i0, i1: i0 != 1)
    assert all(not (s.i0 == 1 and s.i1 == 3) for s in steps)
