"""The importers read a published English version too (for alignment): the same formats, an
English-first choice of encodings, and one-line refusals."""

from __future__ import annotations

from pathlib import Path

import pytest

from cipbilingual.errors import InputError
from cipbilingual.importers import parse_document, read_document, read_lines

CORPUS = Path(__file__).resolve().parent / "data" / "corpus"
EN1 = CORPUS / "cip-2019-11-24-wang-quan-visit.en.txt"
ZH1 = CORPUS / "cip-2019-11-24-wang-quan-visit.zh.txt"


def test_english_text_with_title_and_time_line() -> None:
    doc, data = read_document(EN1, language="en")
    assert doc.title.startswith("Requirement of the Municipal Committee Secretary")
    assert doc.date == "2019-11-24T16:36:14"
    assert len(doc.blocks) == 6
    assert data == EN1.read_bytes()


def _page() -> str:
    paragraphs = EN1.read_text(encoding="utf-8").split("\n\n")
    title = paragraphs[0].splitlines()[0]
    body = "".join(f"<p>{p}</p>" for p in paragraphs[1:])
    return (
        f"<html><head><title>CIP News - {title}</title></head><body>"
        "<div class=nav><a href=/>Home</a> <a href=/news>News</a></div>"
        f"<h1>{title}</h1><div class=article-content>{body}</div>"
        "<footer>Copyright China-Israel Changzhou Innovation Park</footer></body></html>"
    )


@pytest.mark.parametrize("encoding", ["utf-8", "cp1252"])
def test_an_english_web_page_finds_its_article(encoding: str) -> None:
    doc = parse_document(_page().encode(encoding), name="release.html", language="en")
    assert doc.title.startswith("Requirement of the Municipal")
    assert len(doc.blocks) == 6
    assert "“bridge”" in doc.blocks[0].text  # curly quotes decoded, not mojibake
    assert not any("Copyright" in b.text or "Home" in b.text for b in doc.blocks)
    assert doc.encoding == encoding


def test_chinese_bytes_are_not_english() -> None:
    with pytest.raises(InputError, match="no English"):
        read_document(ZH1, language="en")


def test_english_bytes_are_not_chinese() -> None:
    with pytest.raises(InputError, match="no Chinese"):
        read_document(EN1)


def test_sentence_per_line_files(tmp_path: Path) -> None:
    file = tmp_path / "lines.txt"
    file.write_text("First line.\n\n  Second line.  \n\u3000\nThird.\n", encoding="utf-8")
    lines, _ = read_lines(file, language="en")
    assert lines == ["First line.", "Second line.", "Third."]
    with pytest.raises(InputError, match="no Chinese"):
        read_lines(file, language="zh")
    gb = tmp_path / "gb.txt"
    gb.write_bytes("第一句。\n第二句。\n".encode("gb18030"))
    assert read_lines(gb, language="zh")[0] == ["第一句。", "第二句。"]


@pytest.mark.parametrize(
    ("data", "message"),
    [(b"", "empty"), (b"\x89PNG\r\n\x1a\n" + bytes(40), "PNG"), (b"   \n\n", "white space")],
)
def test_bad_english_files_are_refused(data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message):
        parse_document(data, name="x.txt", language="en")
