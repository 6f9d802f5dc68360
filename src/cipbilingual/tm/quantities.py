"""Numbers that differ between a query and a matched source, so no stale figure is copied.

`number_differences` is the one switch point: it delegates to `cipbilingual.numbers` when that
module is present and falls back to a small digit-and-magnitude reader otherwise.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from collections.abc import Callable

from cipbilingual.tm.model import NumberDifference

_QUANTITY = re.compile(r"\d+(?:[.,]\d+)*(?:\s*(?:万亿|亿|万|千|百))?(?:\s*(?:%|‰|个百分点))?")


def _quantities(text: str) -> list[str]:
    return [m.group(0) for m in _QUANTITY.finditer(unicodedata.normalize("NFKC", text))]


def _key(quantity: str) -> str:
    return quantity.replace(",", "").replace(" ", "")


def _fallback(query: str, source: str) -> list[tuple[str, str]]:
    """Quantities of `query` without an equal one in `source`, paired in order of appearance
    with the unmatched ones of `source`; an unpaired side is ''."""
    left, right = _quantities(query), _quantities(source)
    common = Counter(map(_key, left)) & Counter(map(_key, right))
    only_left: list[str] = []
    only_right: list[str] = []
    for items, out in ((left, only_left), (right, only_right)):
        budget = common.copy()
        for item in items:
            if budget[_key(item)] > 0:
                budget[_key(item)] -= 1
            else:
                out.append(item)
    pairs = list(zip(only_left, only_right, strict=False))
    n = len(pairs)
    pairs += [(q, "") for q in only_left[n:]] + [("", s) for s in only_right[n:]]
    return pairs


def number_differences(query: str, source: str) -> tuple[NumberDifference, ...]:
    """Quantities that differ between the Chinese `query` and a matched Chinese `source`."""
    return tuple(NumberDifference(q, s) for q, s in _differ()(query, source))


@functools.cache
def _differ() -> Callable[[str, str], list[tuple[str, str]]]:
    try:
        from cipbilingual.numbers import quantities_differ  # type: ignore[import-not-found]
    except ImportError:
        return _fallback
    found: Callable[[str, str], list[tuple[str, str]]] = quantities_differ
    return found
