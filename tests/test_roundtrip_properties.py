"""Property tests: generated Chinese articles, with every punctuation mark the segmenter knows,
go import → segments → catalog → load → export and back without losing or inventing a character.

For any article: each paragraph's segments join to the paragraph (white space aside), no segment
is empty or padded, the catalog written is the catalog read, and once every segment is translated
and approved the JSON export holds every segment in order and each paragraph's English and
Chinese whole."""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cipbilingual import segment
from cipbilingual.models import Role
from cipbilingual.store import dumps_article
from cipbilingual.workflow.articles import (
    approve_segments,
    export_article,
    import_article,
    init_workspace,
    translate_segment,
)
from cipbilingual.workspace import Workspace

# Every character the segmenter gives a meaning: sentence enders (strong and by context),
# semicolons and colons, quotation marks and brackets of every kind, and the marks that cannot
# start a sentence.
PUNCTUATION = sorted(
    set(
        segment._STRONG
        + segment._PERIODS
        + segment._BANGS
        + segment._SEMICOLONS
        + segment._COLONS
        + "".join(segment._PAIRS)
        + "".join(segment._PAIRS.values())
        + segment._SAME
        + "'"
        + "，,、%％‰"
    )
)
# No 时/间/日/期 (a paragraph must not read as a publication-time line) and no 发布.
HANZI = "中国以色列常州创新园区高新技术产业开发调研强调國際資訊體質發展桥梁项目资本合作示范会议指出"
PIECES = [
    *PUNCTUATION,
    "……",
    "——",
    "。”",
    "？」",
    "3.6亿",
    "2019.11.24",
    "U.S.",
    "Mr. Wang",
    "e.g. ",
    "www.example.com",
    "16:36",
    " ",
    "  ",
    "CIP",
    "17",
]

sentence_text = st.lists(
    st.one_of(st.sampled_from(HANZI), st.sampled_from(HANZI), st.sampled_from(PIECES)),
    min_size=1,
    max_size=40,
).map("".join)
paragraph = st.builds(lambda first, rest: first + rest, st.sampled_from(HANZI), sentence_text)
articles = st.lists(paragraph, min_size=1, max_size=6)


def no_space(text: str) -> str:
    return re.sub(r"\s+", "", text)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(title=paragraph, paragraphs=articles)
def test_import_catalog_load_export_loses_nothing(title: str, paragraphs: list[str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = init_workspace(Path(tmp) / "ws", {"li": Role.TRANSLATOR, "wang": Role.EDITOR})
        ws = Workspace.open(root)
        source = Path(tmp) / "article.txt"
        source.write_text(title + "\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
        report = import_article(ws, source, "prop")
        article = ws.load("prop")
        assert report.segments == len(article.segments)

        # Segments: every paragraph whole, in order, nothing empty or padded.
        by_block = {block.index: segs for block, segs in article.by_block()}
        assert no_space("".join(s.source for s in by_block[0])) == no_space(title)
        for number, text in enumerate(paragraphs, start=1):
            assert no_space("".join(s.source for s in by_block[number])) == no_space(text)
        assert all(s.source and s.source == s.source.strip() for s in article.segments)

        # Catalog: what was written is what is read, and writing it again changes nothing.
        assert dumps_article(article).encode("utf-8") == ws.catalog_path("prop").read_bytes()

        # Export: every segment, its English and its Chinese, in document order.
        for s in article.segments:
            translate_segment(ws, "prop", str(s.id), f"E {s.id}.", "li")
        # The English is a placeholder, so QA finds errors (numbers …): approve over them.
        approve_segments(
            ws, "prop", person="wang", all_translated=True, override="placeholder English"
        )
        data = json.loads(export_article(ws, "prop", "json", bilingual=True))
        assert data["complete"] is True
        assert [(x["id"], x["source"], x["target"]) for x in data["segments"]] == [
            (str(s.id), s.source, f"E {s.id}.") for s in article.segments
        ]
        for number in range(1, len(paragraphs) + 1):
            segs = by_block[number]
            assert data["paragraphs"][number - 1] == " ".join(f"E {s.id}." for s in segs)
            assert data["source_paragraphs"][number - 1] == "".join(s.source for s in segs)
        for fmt in ("md", "html", "txt", "xliff", "tmx"):
            assert export_article(ws, "prop", fmt, bilingual=True)


def test_the_generator_uses_every_mark_the_segmenter_knows() -> None:
    known = set(segment._STRONG + segment._PERIODS + segment._BANGS + segment._SAME)
    known |= set(segment._SEMICOLONS + segment._COLONS) | set(segment._PAIRS)
    known |= set(segment._PAIRS.values()) | set(segment._NON_STARTERS)
    assert known <= set("".join(PIECES))
