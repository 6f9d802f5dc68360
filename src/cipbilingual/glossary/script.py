"""Fold Chinese text to one script so a simplified glossary matches traditional sources too.

Folding is character by character (one code point to one code point), so spans found in folded
text are spans in the original. The tables are OpenCC's, as shipped by opencc-python-reimplemented.
"""

from __future__ import annotations

import importlib.util
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
    for code in range(0xFF01, 0xFF5F):  # full-width ! .. ~ -> ASCII
        table[code] = chr(code - 0xFEE0)
    table[0x3000] = " "  # ideographic space
    return table


def fold(text: str) -> str:
    """`text` with traditional characters folded to simplified ones; same length as `text`."""
    return text.translate(fold_table())
