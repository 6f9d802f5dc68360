"""Rebuild the repository's sample workspace (cipbilingual.toml, articles/) from the corpus.

The first article gets the real English release, aligned sentence by sentence by hand
(sample_alignment.json), written by the sample translator and approved by the sample editor;
the second article is imported and left new.
Run from anywhere: python scripts/make_sample_workspace.py
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

from cipbilingual.models import Role
from cipbilingual.workflow.articles import (
    approve_segments,
    import_article,
    init_workspace,
    translate_segment,
)
from cipbilingual.workspace import Workspace

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "tests" / "data" / "corpus"
TRANSLATOR, EDITOR = "li", "wang"


def main() -> int:
    alignment = json.loads((REPO / "scripts" / "sample_alignment.json").read_text("utf-8"))
    (REPO / "cipbilingual.toml").unlink(missing_ok=True)
    shutil.rmtree(REPO / "articles", ignore_errors=True)
    glossary = REPO / "locales" / "en" / "LC_MESSAGES" / "glossary.po"
    kept_glossary = glossary.read_bytes() if glossary.exists() else None
    init_workspace(REPO, {TRANSLATOR: Role.TRANSLATOR, EDITOR: Role.EDITOR})
    if kept_glossary is not None:
        glossary.write_bytes(kept_glossary)
    ws = Workspace.open(REPO)
    first = import_article(ws, CORPUS / "cip-2019-11-24-wang-quan-visit.zh.txt")
    import_article(ws, CORPUS / "cip-2019-12-10-work-plan-meeting.zh.txt")
    article = ws.load(first.slug)
    grouped = [segments for _, segments in article.by_block()]
    blocks = alignment["blocks"]
    if [len(g) for g in grouped] != [len(b) for b in blocks]:
        print(
            f"alignment does not fit the segmentation: {[len(g) for g in grouped]} sentences "
            f"per block, alignment has {[len(b) for b in blocks]}",
            file=sys.stderr,
        )
        return 1
    for segments, english in zip(grouped, blocks, strict=True):
        for segment, text in zip(segments, english, strict=True):
            translate_segment(ws, first.slug, str(segment.id), text, TRANSLATOR)
    approve_segments(ws, first.slug, person=EDITOR, all_translated=True)
    print(f"sample workspace rebuilt in {REPO}: {first.slug} approved, second article new")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
