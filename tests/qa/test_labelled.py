"""The labelled set (tests/data/qa/labelled.jsonl): realistic zh→en news pairs, half clean, half
with one real error each, written before the checks were tuned. QA must find the errors and
stay quiet on the clean pairs: segment-level precision and recall at least 0.95."""

from __future__ import annotations

import json
from pathlib import Path

from cipbilingual.glossary import Glossary
from cipbilingual.qa import CheckContext, check_pair

LABELLED = Path(__file__).resolve().parents[1] / "data" / "qa" / "labelled.jsonl"


def _rows() -> list[dict[str, object]]:
    return [json.loads(line) for line in LABELLED.read_text(encoding="utf-8").splitlines()]


def test_the_set_is_big_enough_and_balanced() -> None:
    rows = _rows()
    errors = [r for r in rows if r["expect"] is not None]
    assert len(rows) >= 80
    assert 0.4 <= len(errors) / len(rows) <= 0.6


def test_precision_and_recall(house: Glossary) -> None:
    ctx = CheckContext(glossary=house)
    tp = fp = fn = named = 0
    misses: list[str] = []
    for row in _rows():
        zh, en, date = str(row["zh"]), str(row["en"]), str(row["date"])
        found = check_pair(zh, en, ctx, date=date)
        expect = row["expect"]
        if expect is None:
            if found:
                fp += 1
                misses.append(f"false alarm {[(f.check, f.message) for f in found]}: {en}")
            continue
        wanted = expect if isinstance(expect, list) else [expect]
        if not found:
            fn += 1
            misses.append(f"missed {wanted}: {en}")
            continue
        tp += 1
        named += any(f.check in wanted for f in found)
    precision = tp / (tp + fp)
    recall = tp / (tp + fn)
    assert precision >= 0.95, misses
    assert recall >= 0.95, misses
    # The right check says so, not just any check.
    assert named / tp >= 0.95, misses
