"""Numbers that differ between a query and a matched source, so no stale figure is copied.

The reading of Chinese figures (digits, 亿/万, percentages, dates, Chinese numerals) is
`cipbilingual.numbers`; this turns its pairs into the match's vocabulary.
"""

from __future__ import annotations

from cipbilingual.numbers import quantities_differ
from cipbilingual.tm.model import NumberDifference


def number_differences(query: str, source: str) -> tuple[NumberDifference, ...]:
    """Figures that differ between the Chinese `query` and a matched Chinese `source`, as
    (in the query, in the match) pairs in order; a figure only one side has pairs with ''."""
    return tuple(NumberDifference(q, s) for q, s in quantities_differ(query, source))
