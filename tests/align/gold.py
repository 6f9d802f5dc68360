"""The gold alignments in tests/data/align and how to read their files as `align` does."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from cipbilingual.align.evaluate import Pair

REPO = Path(__file__).resolve().parents[2]
GOLD_DIR = REPO / "tests" / "data" / "align"


@dataclass(frozen=True)
class Gold:
    name: str
    domain: str
    zh_file: Path
    en_file: Path
    one_per_line: bool
    zh: list[str]
    en: list[str]
    links: list[Pair]


def load_gold(path: Path) -> Gold:
    data = json.loads(path.read_text(encoding="utf-8"))
    return Gold(
        data["name"],
        data["domain"],
        REPO / data["zh_file"],
        REPO / data["en_file"],
        bool(data["one_per_line"]),
        list(data["zh"]),
        list(data["en"]),
        [(tuple(k["zh"]), tuple(k["en"])) for k in data["links"]],
    )


def all_gold() -> list[Gold]:
    return [load_gold(p) for p in sorted(GOLD_DIR.glob("*.json"))]
