"""`import` takes Chinese articles only: XLIFF, PO, TMX, TBX and other XML are refused with the
command that reads them, and an `--update` with one of them leaves the article untouched."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.conftest import Run

XLIFF = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2">'
    '<file original="x" source-language="zh-CN" datatype="plaintext"><body>'
    '<trans-unit id="p1.s1"><source>园区体制机制逐步完善。</source></trans-unit>'
    "</body></file></xliff>\n"
)
XLIFF2 = (
    "<xliff xmlns='urn:oasis:names:tc:xliff:document:2.0' version='2.0' srcLang='zh'>"
    "<file id='f'><unit id='u'><segment><source>园区。</source></segment></unit></file></xliff>"
)
PO = 'msgid ""\nmsgstr ""\n"Language: en\\n"\n\nmsgctxt "p1.s1"\nmsgid "园区。"\nmsgstr "Park."\n'
TMX = (
    '<?xml version="1.0"?>\n<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n<tmx version="1.4"><header/>'
    '<body><tu><tuv xml:lang="zh"><seg>园区。</seg></tuv></tu></body></tmx>'
)
TBX = '<?xml version="1.0"?>\n<tbx type="TBX-Basic" style="dca" xml:lang="en"><text/></tbx>'
MARTIF = '<?xml version="1.0"?>\n<!-- old --><martif type="TBX"><text>园区</text></martif>'
OTHER_XML = (
    '<?xml version="1.0"?>\n<rss version="2.0"><channel><title>园区动态</title></channel></rss>'
)

CASES = [
    ("agency.xlf", XLIFF, "XLIFF", "xliff import"),
    ("agency.txt", XLIFF, "XLIFF", "xliff import"),  # renamed: the content decides
    ("agency.xml", XLIFF2, "XLIFF", "xliff import"),
    ("weblate.po", PO, "gettext catalog", "git setup"),
    ("weblate.txt", PO, "gettext catalog", "git setup"),
    ("memory.tmx", TMX, "TMX", "tm import"),
    ("memory.html", TMX, "TMX", "tm import"),
    ("terms.tbx", TBX, "TBX", "glossary import"),
    ("terms.txt", MARTIF, "TBX", "glossary import"),
    ("feed.xml", OTHER_XML, "XML document (<rss>)", ".txt, .md or .html"),
]


@pytest.mark.parametrize(("name", "text", "what", "hint"), CASES)
def test_non_articles_are_refused_with_the_right_command(
    workspace: Path, run: Run, tmp_path: Path, name: str, text: str, what: str, hint: str
) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = run("import", path)
    assert result.code == 2, result.out
    assert what in result.err and hint in result.err
    assert result.err.count("\n") == 1
    assert list((workspace / "articles").iterdir()) == []


def test_update_with_an_xliff_destroys_nothing(
    imported: str, run: Run, workspace: Path, tmp_path: Path
) -> None:
    run("--user", "wang", "translate", imported, "p1.s1", "On 21 November ...")
    run("--user", "wang", "approve", imported, "p1.s1")
    folder = workspace / "articles" / imported
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    agency = tmp_path / "agency.xlf"
    assert run("export", imported, "--format", "xliff", "-o", agency).code == 0
    result = run("import", agency, "--slug", imported, "--update")
    assert result.code == 2
    assert "cipbilingual xliff import" in result.err
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def test_xhtml_with_an_xml_declaration_is_still_an_article(
    workspace: Path, run: Run, tmp_path: Path
) -> None:
    page = tmp_path / "page"
    page.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html>\n'
        '<html xmlns="http://www.w3.org/1999/xhtml"><head><title>园区动态</title></head>'
        "<body><article><h1>园区动态</h1><p>中以常州创新园召开工作会议，部署明年的重点工作。</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    result = run("import", page)
    assert result.code == 0, result.err
