"""Fold Chinese text to one script so a simplified glossary matches traditional sources too.

Folding is character by character (one code point to one code point), so spans found in folded
text are spans in the original. The tables are OpenCC's, as shipped by opencc-python-reimplemented.
"""

from __future__ import annotations

import importlib.util
import re
from functools import lru_cache
from pathlib import Path

from cipbilingual.errors import ConfigError

# Traditional -> simplified characters, then regional variants (Taiwan, Hong Kong) -> OpenCC's
# standard traditional form, which the first table folds further.
_TABLES = ("TSCharacters.txt", "TWVariantsRev.txt", "HKVariantsRev.txt")


def _dictionary_dir() -> Path:
    spec = importlib.util.find_spec("opencc")
    locations = list(spec.submodule_search_locations or []) if spec else []
    for location in locations:
        folder = Path(location) / "dictionary"
        if (folder / _TABLES[0]).is_file():
            return folder
    raise ConfigError(
        "the traditional/simplified character tables (OpenCC) are missing",
        hint="pip install opencc-python-reimplemented",
    )


def _read_table(path: Path) -> dict[str, str]:
    table: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        key, _, values = line.partition("\t")
        first = values.split(" ")[0] if values else ""
        # Phrases and one-to-many entries would shift offsets: single characters only.
        if len(key) == 1 and len(first) == 1 and key != first:
            table[key] = first
    return table


@lru_cache(maxsize=1)
def fold_table() -> dict[int, str]:
    """A `str.translate` table folding traditional and variant characters to simplified ones,
    and full-width ASCII to ASCII. Raises ConfigError when OpenCC's tables are not installed."""
    folder = _dictionary_dir()
    to_simplified = _read_table(folder / _TABLES[0])
    variants: dict[str, str] = {}
    for name in _TABLES[1:]:
        if (folder / name).is_file():
            variants.update(_read_table(folder / name))
    table: dict[int, str] = {}
    for char in set(to_simplified) | set(variants):
        folded = char
        # Follow variant -> traditional -> simplified until nothing changes (at most a few steps).
        for _ in range(4):
            step = to_simplified.get(variants.get(folded, folded), variants.get(folded, folded))
            if step == folded:
                break
            folded = step
        if folded != char:
            table[ord(char)] = folded
    # Full-width Latin letters and digits -> ASCII, for terms like "CIP计划". Not punctuation:
    # nearly every Chinese sentence has full-width punctuation, and a text with nothing to fold
    # is matched as it is, which is what keeps matching fast.
    for first, last in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A)):
        for code in range(first, last + 1):
            table[code] = chr(code - 0xFEE0)
    return table


@lru_cache(maxsize=1)
def foldable() -> frozenset[str]:
    """The characters `fold` changes."""
    return frozenset(chr(code) for code in fold_table())


@lru_cache(maxsize=1)
def foldable_pattern() -> re.Pattern[str]:
    """A pattern that finds any character `fold` could change."""
    # One character class: re compiles the BMP part to a bitmap, so a search costs a fraction
    # of `translate`. Every astral character counts as foldable (rare, and then we just fold).
    bmp = sorted(c for c in foldable() if ord(c) < 0x10000)
    return re.compile("[" + "".join(re.escape(c) for c in bmp) + "\U00010000-\U0010ffff]")


def needs_folding(text: str) -> bool:
    """Whether `fold` could change `text` (false for plain simplified text)."""
    return foldable_pattern().search(text) is not None


def fold(text: str) -> str:
    """`text` with traditional characters folded to simplified ones; same length as `text`."""
    return text.translate(fold_table()) if needs_folding(text) else text
