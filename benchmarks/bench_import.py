"""Import throughput: generated Chinese news text through read_document (and sentence
segmentation when cipbilingual.segment is there), beside a bare read + decode + re.split."""

from __future__ import annotations

import random
import re
import tempfile
from collections.abc import Callable
from pathlib import Path

from common import Figure, median_time

from cipbilingual.config import SegmentationRules
from cipbilingual.importers import read_document

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "tests" / "data" / "corpus"
MB = 1024 * 1024
_SENTENCE = re.compile(r"(?<=[。！？])")


def _sentences() -> list[str]:
    text = "".join(
        path.read_text(encoding="utf-8").split("\n\n", 1)[1] for path in CORPUS.glob("*.zh.txt")
    )
    return [s for s in _SENTENCE.split(text.replace("\n", "")) if s]


def _article(size: int, seed: int = 7) -> str:
    """A news article of about `size` bytes in UTF-8: corpus sentences in random paragraphs,
    numbers varied so no two paragraphs are alike."""
    rng = random.Random(seed)
    sentences = _sentences()
    parts = ["中以常州创新园召开2020年中以合作重点工作计划研讨会\n发布时间：2019-12-10 10:05:00\n"]
    written = 0
    while written < size:
        paragraph = "".join(rng.choice(sentences) for _ in range(rng.randint(2, 6)))
        paragraph = re.sub(r"\d+", lambda _: str(rng.randint(1, 2025)), paragraph)
        parts.append(paragraph)
        written += len(paragraph.encode("utf-8")) + 2
    return "\n\n".join(parts) + "\n"


def _splitter() -> tuple[str, Callable[[str], list[str]] | None]:
    try:
        from cipbilingual.segment import split_sentences
    except ImportError:
        return "import (no segment.py yet)", None
    rules = SegmentationRules()
    return "import+segment", lambda text: split_sentences(text, rules)


def run(quick: bool) -> list[Figure]:
    size = (2 if quick else 10) * MB
    repeat = 3 if quick else 5
    label, split = _splitter()
    figures = []
    with tempfile.TemporaryDirectory(prefix="cip-bench-import-") as tmp:
        text = _article(size)
        for codec in ("utf-8", "gb18030"):
            path = Path(tmp) / f"article-{codec}.txt"
            path.write_bytes(text.encode(codec))
            megabytes = path.stat().st_size / MB

            def ours(path: Path = path) -> int:
                # The reader's speed on more text than one import accepts (2 MB): its limit is
                # lifted here so that the figure is a rate, not the cost of starting up.
                doc, _ = read_document(path, max_bytes=2 * size)
                if split is None:
                    return len(doc.blocks)
                return sum(len(split(block.text)) for block in doc.blocks)

            def anchor(path: Path = path, codec: str = codec) -> int:
                return len(_SENTENCE.split(path.read_bytes().decode(codec)))

            ours_rate = megabytes / median_time(ours, repeat)
            anchor_rate = megabytes / median_time(anchor, repeat)
            figures.append(
                Figure(
                    name="import" if codec == "utf-8" else f"import.{codec}",
                    note=f"{label}, {megabytes:.1f} MB of {codec} text",
                    value=ours_rate,
                    unit="MB/s",
                    anchor="read+decode+re.split",
                    anchor_value=anchor_rate,
                    anchor_unit="MB/s",
                    ratio=ours_rate / anchor_rate,
                )
            )
    return figures
