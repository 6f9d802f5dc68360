"""Character diffs between a matched source and a query, the same alignment the score uses."""

from __future__ import annotations

from rapidfuzz.distance import Indel

from cipbilingual.tm.model import DiffChunk, DiffOp


def char_diff(old: str, new: str) -> tuple[DiffChunk, ...]:
    """The diff from `old` (the matched source) to `new` (the query), as runs of equal, deleted,
    inserted and replaced characters; a deletion next to an insertion becomes one replacement."""
    chunks: list[DiffChunk] = []
    for op in Indel.opcodes(old, new):
        removed, added = old[op.src_start : op.src_end], new[op.dest_start : op.dest_end]
        kind = DiffOp.EQUAL if op.tag == "equal" else DiffOp.DELETE if removed else DiffOp.INSERT
        if chunks and kind is not DiffOp.EQUAL and chunks[-1].op is not DiffOp.EQUAL:
            last = chunks.pop()
            removed, added = last.old + removed, last.new + added
            kind = DiffOp.REPLACE if removed and added else kind
        chunks.append(DiffChunk(kind, removed, added))
    return tuple(chunks)


def render_diff(chunks: tuple[DiffChunk, ...]) -> str:
    """A one-line rendering for terminals and logs: `[-old-]{+new+}` around the changes."""
    out: list[str] = []
    for chunk in chunks:
        if chunk.op is DiffOp.EQUAL:
            out.append(chunk.old)
            continue
        if chunk.old:
            out.append(f"[-{chunk.old}-]")
        if chunk.new:
            out.append(f"{{+{chunk.new}+}}")
    return "".join(out)
