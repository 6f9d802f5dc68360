"""The PO store: load + save of a 50,000-segment article catalog, beside polib and babel.

The catalog is generated from the corpus: Chinese news sentences of 20–120 characters with
English targets, in every state. All three libraries read and write the same GNU-formatted
file; only ours writes it back byte-identical to msgcat.
"""

from __future__ import annotations

import io
import random
import re
import tempfile
from pathlib import Path

from common import Figure, median_time

from cipbilingual.models import (
    Approval,
    Article,
    ArticleMeta,
    Block,
    BlockKind,
    Origin,
    Segment,
    SegmentId,
    State,
    approval_digest,
)
from cipbilingual.store import load_article, save_article

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "data" / "corpus"


def _fragments() -> tuple[list[str], list[str]]:
    zh_text = "".join(p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.zh.txt")))
    zh = [f for f in re.split(r"(?<=[，、；。：])", zh_text.replace("\n", "")) if len(f) > 3]
    en_text = " ".join(p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.en.txt")))
    return zh, en_text.split()


def generate_article(count: int, seed: int = 7) -> Article:
    """A realistic article with `count` segments in mixed states."""
    rng = random.Random(seed)
    zh, en = _fragments()
    segments: list[Segment] = []
    blocks = [Block(0, BlockKind.TITLE)]
    block, sentence = 0, 1
    states = [State.NEW, State.DRAFT, State.TRANSLATED, State.NEEDS_WORK, State.APPROVED]
    for n in range(count):
        if n and (block == 0 or rng.random() < 0.2):
            block, sentence = block + 1, 1
            kind = BlockKind.HEADING if rng.random() < 0.05 else BlockKind.PARAGRAPH
            blocks.append(Block(block, kind, "## " if kind is BlockKind.HEADING else ""))
        length = rng.randint(20, 120)
        source = ""
        while len(source) < length:
            source += rng.choice(zh)
        source = source[:length].rstrip("，、；：") + "。"
        words = [rng.choice(en) for _ in range(max(4, int(length * 0.55)))]
        target = " ".join(words).rstrip(".,") + "."
        sid = SegmentId(block, sentence)
        state = states[n % len(states)]
        seg = Segment(sid, source, target if state is not State.NEW else "", state)
        if state is not State.NEW:
            seg.origin = Origin("argos", "translate-zh_en 1.9", round(rng.random(), 3))
            seg.machine_draft = target
        if state in (State.TRANSLATED, State.NEEDS_WORK, State.APPROVED):
            seg.translator, seg.translated_at = "Li Na", "2026-11-25T09:12:00Z"
        if state is State.NEEDS_WORK:
            seg.reason = "Use the house term for 高新区: High-tech Zone."
        if state is State.APPROVED:
            digest = approval_digest(sid, source, target)
            seg.approval = Approval("Wang Wei", "2026-11-25T10:00:00Z", digest)
        segments.append(seg)
        sentence += 1
    meta = ArticleMeta("bench", "基准", "2019-11-24T16:36:14", "source.zh.txt", "txt", "utf-8")
    return Article(meta, blocks, segments)


def run(quick: bool) -> list[Figure]:
    import babel.messages.pofile as babel_po
    import polib

    count = 5_000 if quick else 50_000
    repeat = 2 if quick else 3
    with tempfile.TemporaryDirectory(prefix="cipbilingual-bench-") as tmp:
        folder = Path(tmp) / "bench"
        folder.mkdir()
        source = folder / "en.po"
        save_article(generate_article(count), source)
        out = Path(tmp) / "out.po"

        def ours_load() -> None:
            load_article(source)

        def ours_both() -> None:
            save_article(load_article(source), out)

        def polib_both() -> None:
            polib.pofile(str(source)).save(str(out))

        def polib_load() -> None:
            polib.pofile(str(source))

        def babel_both() -> None:
            with source.open("rb") as handle:
                catalog = babel_po.read_po(handle)
            buffer = io.BytesIO()
            babel_po.write_po(buffer, catalog)
            out.write_bytes(buffer.getvalue())

        ours = median_time(ours_both, repeat)
        if out.read_bytes() != source.read_bytes():
            raise AssertionError("a load+save changed the GNU-formatted catalog")
        ours_l = median_time(ours_load, repeat)
        theirs = median_time(polib_both, repeat)
        theirs_l = median_time(polib_load, repeat)
        babel = median_time(babel_both, 1 if quick else 2)
        size = f"{count // 1000}k segments"
        return [
            Figure(
                "store",
                ours,
                "s",
                "polib pofile()+save()",
                theirs,
                "s",
                theirs / ours,
                target="≥ 0.83× (ours ≤ 1.2× polib's time)",
                note=f"load+save, {size}",
            ),
            Figure(
                "store.load",
                ours_l,
                "s",
                "polib pofile()",
                theirs_l,
                "s",
                theirs_l / ours_l,
                note=f"load, {size}",
            ),
            Figure(
                "store.babel",
                ours,
                "s",
                "babel read_po()+write_po()",
                babel,
                "s",
                babel / ours,
                note=f"load+save, {size}",
            ),
        ]
