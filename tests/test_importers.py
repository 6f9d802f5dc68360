"""The importers' public API on real files: formats, encodings, refusals, slugs."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from cipbilingual import paths
from cipbilingual.errors import InputError, UsageError
from cipbilingual.importers import (
    ImportedBlock,
    ImportedDocument,
    derive_slug,
    detect_format,
    parse_document,
    read_document,
)
from cipbilingual.models import BlockKind

DATA = Path(__file__).parent / "data"
IMPORT = DATA / "import"
CORPUS = DATA / "corpus"
WANG_QUAN = CORPUS / "cip-2019-11-24-wang-quan-visit.zh.txt"
WORK_PLAN = CORPUS / "cip-2019-12-10-work-plan-meeting.zh.txt"


def corpus_paragraphs(path: Path) -> list[str]:
    """The corpus convention read by hand: title, time, blank, paragraphs between blank lines."""
    return [p.strip() for p in path.read_text(encoding="utf-8").split("\n\n")[1:] if p.strip()]


def texts(doc: ImportedDocument, kind: BlockKind = BlockKind.PARAGRAPH) -> list[str]:
    return [block.text for block in doc.blocks if block.kind is kind]


# -- plain text -----------------------------------------------------------------------------


def test_corpus_article_reads_title_time_and_paragraphs() -> None:
    doc, data = read_document(WANG_QUAN)
    assert data == WANG_QUAN.read_bytes()
    assert doc.title == (
        "汪泉在中以常州创新园调研时强调 提高站位担当国家使命 "
        "把中以常州创新园建成中以技术转移的真正“桥梁”"
    )
    assert doc.date == "2019-11-24T16:36:14"
    assert (doc.format, doc.encoding) == ("txt", "utf-8")
    assert texts(doc) == corpus_paragraphs(WANG_QUAN)
    assert all(block.markup == "" for block in doc.blocks)
    assert doc.front_matter == {}


def test_second_corpus_article() -> None:
    doc, _ = read_document(WORK_PLAN)
    assert doc.title == "中以常州创新园召开2020年中以合作重点工作计划研讨会"
    assert doc.date == "2019-12-10T10:05:00"
    assert texts(doc) == corpus_paragraphs(WORK_PLAN)


def test_utf8_with_bom_and_crlf() -> None:
    raw = (IMPORT / "work-plan.utf8-bom.txt").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    doc, _ = read_document(IMPORT / "work-plan.utf8-bom.txt")
    assert doc.encoding == "utf-8-sig"
    assert doc.title == "中以常州创新园召开2020年中以合作重点工作计划研讨会"
    assert texts(doc) == corpus_paragraphs(WORK_PLAN)


def test_utf16_with_bom() -> None:
    doc, _ = read_document(IMPORT / "wang-quan.utf16.txt")
    assert doc.encoding == "utf-16"
    assert doc.date == "2019-11-24T16:36:14"
    assert texts(doc) == corpus_paragraphs(WANG_QUAN)


def test_big5_traditional_text_is_kept_traditional() -> None:
    doc, _ = read_document(IMPORT / "work-plan-traditional.big5.txt")
    assert doc.encoding == "big5"
    assert doc.title == "中以常州創新園召開2020年中以合作重點工作計劃研討會"
    assert doc.date == "2019-12-10T10:05:00"  # 發布時間 is a time label too
    assert len(doc.blocks) == 4
    assert doc.blocks[2].text.startswith("會議指出，中以常州創新園是我國首個由兩國政府")


def test_gb18030_text(tmp_path: Path) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(WORK_PLAN.read_text(encoding="utf-8").encode("gb18030"))
    doc, _ = read_document(path)
    assert doc.encoding == "gb18030"
    assert texts(doc) == corpus_paragraphs(WORK_PLAN)


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_crlf_and_cr_line_endings(tmp_path: Path, newline: str) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(WANG_QUAN.read_text(encoding="utf-8").replace("\n", newline).encode())
    doc, _ = read_document(path)
    assert doc.date == "2019-11-24T16:36:14"
    assert texts(doc) == corpus_paragraphs(WANG_QUAN)
    assert not any("\r" in block.text for block in doc.blocks)


def test_hard_wrapped_paragraphs_are_joined() -> None:
    doc, _ = read_document(IMPORT / "wang-quan.hard-wrapped.txt")
    expected = corpus_paragraphs(WANG_QUAN)
    expected[-1] = expected[-1].replace(
        "园区积极实施“中以常州创新园以色列高科技项目申报计划（CIP计划）”",
        "园区积极实施 China-Israel Changzhou Innovation Park (CIP) Initiative 计划",
    )
    assert texts(doc) == expected
    # The file really was wrapped, inside Chinese text and between Latin words.
    raw = (IMPORT / "wang-quan.hard-wrapped.txt").read_text(encoding="utf-8")
    assert "China-Israel\nChangzhou" in raw and "(CIP)\nInitiative" in raw
    assert max(len(line) for line in raw.splitlines()[2:]) < 40


def test_indented_paragraphs_without_blank_lines() -> None:
    doc, _ = read_document(IMPORT / "wang-quan.indented.txt")
    assert doc.date == "2019-11-24"
    assert texts(doc) == corpus_paragraphs(WANG_QUAN)[:3]
    assert not any(block.text.startswith("\u3000") for block in doc.blocks)


def test_one_paragraph_per_line_without_blank_lines() -> None:
    doc, _ = read_document(IMPORT / "work-plan.one-per-line.txt")
    assert doc.title == "中以常州创新园2020年中以合作重点工作计划"
    assert doc.date == "2019-12-10"
    assert texts(doc) == [
        "一、总体要求",
        *corpus_paragraphs(WORK_PLAN)[:2],
        "二、重点任务",
        "（一）推动平台提档升级：加快江苏中以产业技术研究院建设。",
        "（二）加快项目集聚孵化：引进一批以色列高科技项目。",
    ]


def test_second_line_that_is_not_a_time_is_a_paragraph() -> None:
    doc = parse_document("标题\n第一段正文。\n\n第二段正文。\n".encode(), name="a.txt")
    assert doc.title == "标题"
    assert doc.date == ""
    assert texts(doc) == ["第一段正文。", "第二段正文。"]


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("发布时间：2019-11-24 16:36:14", "2019-11-24T16:36:14"),
        ("时间：2019-11-24", "2019-11-24"),
        ("日期: 2019/11/24", "2019-11-24"),
        ("2019年11月24日", "2019-11-24"),
        ("2019年11月24日 16:36", "2019-11-24T16:36:00"),
        ("2019-11-24", "2019-11-24"),
        ("来源：常州日报　发布时间：2019-11-24 16:36:14", "2019-11-24T16:36:14"),
        ("　　发布时间：2019-11-24 16:36:14　　", "2019-11-24T16:36:14"),
    ],
)
def test_publication_time_forms(line: str, date: str) -> None:
    doc = parse_document(f"标题\n{line}\n\n正文。\n".encode(), name="a.txt")
    assert doc.date == date
    assert texts(doc) == ["正文。"]


def test_latin_words_across_a_wrap_get_one_space() -> None:
    text = "标题\n\n园区与 Israel Innovation\nAuthority 签署协议，合作\n项目达到24个。\n"
    doc = parse_document(text.encode(), name="a.txt")
    assert texts(doc) == ["园区与 Israel Innovation Authority 签署协议，合作项目达到24个。"]


def test_wrapped_paragraphs_without_blank_lines_split_after_a_short_closing_line() -> None:
    text = (
        "标题\n\n"
        "十二月九日上午，中以常州创新园召开重点工作计划\n"
        "研讨会。市各相关部门负责同志参加会议，会议由\n"
        "园区负责人主持。\n"
        "会上，园区负责人汇报了运行情况和工作思路，与\n"
        "会人员进行了深入讨论。\n"
    )
    doc = parse_document(text.encode(), name="a.txt")
    assert texts(doc) == [
        "十二月九日上午，中以常州创新园召开重点工作计划研讨会。市各相关部门负责同志参加会议，"
        "会议由园区负责人主持。",
        "会上，园区负责人汇报了运行情况和工作思路，与会人员进行了深入讨论。",
    ]


def test_one_per_line_run_continues_only_a_full_line_that_stops_mid_sentence() -> None:
    text = (
        "标题\n\n"
        "一、总体要求\n"
        "园区要不断完善市场化体制机制，加快集聚、孵化和转化一批以色列高科技项目，\n"
        "推动园区高质量发展。\n"
        "二、重点任务\n"
        "截至目前，园区累计运营以色列外商独资企业和合作企业达90家。\n"
    )
    doc = parse_document(text.encode(), name="a.txt")
    assert texts(doc) == [
        "一、总体要求",
        "园区要不断完善市场化体制机制，加快集聚、孵化和转化一批以色列高科技项目，推动园区高质量发展。",
        "二、重点任务",
        "截至目前，园区累计运营以色列外商独资企业和合作企业达90家。",
    ]


# -- Markdown -------------------------------------------------------------------------------


def test_markdown_with_front_matter_headings_lists_and_quotes() -> None:
    doc, _ = read_document(IMPORT / "work-plan.md")
    assert doc.format == "md"
    assert doc.title == "中以常州创新园召开2020年中以合作重点工作计划研讨会"
    assert doc.date == "2019-12-10T10:05:00"
    assert doc.front_matter["author"] == "园区办公室"
    assert doc.front_matter["draft"] == "false"
    assert doc.front_matter["tags"] == '["园区动态", "中以合作"]'
    assert [(b.kind, b.markup, b.text) for b in doc.blocks] == [
        (
            BlockKind.PARAGRAPH,
            "",
            "12月9日上午，中以常州创新园召开2020年中以合作重点工作计划研讨会。"
            "市各相关部门、武进区和武进国家高新区负责同志参加会议。",
        ),
        (BlockKind.HEADING, "## ", "会议内容"),
        (BlockKind.PARAGRAPH, "", corpus_paragraphs(WORK_PLAN)[1]),
        (
            BlockKind.QUOTE,
            "> ",
            "中以常州创新园是我国首个由两国政府共同建立的创新示范园区。各相关部门要落实主体责任。",
        ),
        (BlockKind.HEADING, "### ", "重点任务"),
        (BlockKind.LIST_ITEM, "- ", "推动平台提档升级"),
        (BlockKind.LIST_ITEM, "- ", "加快项目集聚孵化"),
        (BlockKind.LIST_ITEM, "  1. ", "引进以色列高科技项目"),
        (BlockKind.LIST_ITEM, "  2. ", "建设 Israel Jiangsu Innovation Center平台"),
        (BlockKind.LIST_ITEM, "1. ", "完善市场化体制机制"),
        (BlockKind.LIST_ITEM, "2. ", "探索现代企业管理制度"),
        (
            BlockKind.PARAGRAPH,
            "",
            "会议要求，园区要不断完善市场化体制机制。"
            "截至目前，园区累计运营以色列外商独资企业和合作企业达90家。",
        ),
    ]


def test_markdown_heading_at_top_is_the_title_without_front_matter() -> None:
    doc = parse_document("# 园区动态\n\n正文第一段。\n\n## 小标题\n".encode(), name="a.md")
    assert doc.title == "园区动态"
    assert doc.date == ""
    assert doc.front_matter == {}
    assert [(b.kind, b.markup, b.text) for b in doc.blocks] == [
        (BlockKind.PARAGRAPH, "", "正文第一段。"),
        (BlockKind.HEADING, "## ", "小标题"),
    ]


def test_markdown_front_matter_title_wins_over_heading() -> None:
    text = "---\ntitle: 前言标题\n---\n# 正文标题\n\n正文。\n"
    doc = parse_document(text.encode(), name="a.md")
    assert doc.title == "前言标题"
    assert doc.blocks[0] == ImportedBlock(BlockKind.HEADING, "正文标题", "# ")


def test_markdown_lists_inside_quotes_and_setext_headings() -> None:
    text = "园区动态\n====\n\n> 引用的话。\n>\n> - 引用中的条目\n\n小标题\n---\n\n正文。\n"
    doc = parse_document(text.encode(), name="a.md")
    assert doc.title == "园区动态"
    assert [(b.kind, b.markup, b.text) for b in doc.blocks] == [
        (BlockKind.QUOTE, "> ", "引用的话。"),
        (BlockKind.LIST_ITEM, "> - ", "引用中的条目"),
        (BlockKind.HEADING, "## ", "小标题"),
        (BlockKind.PARAGRAPH, "", "正文。"),
    ]


def test_markdown_bad_front_matter_names_the_line() -> None:
    text = "---\ntitle: 标题\ndate: [2019-11-24\nauthor: 张三\n---\n正文。\n"
    with pytest.raises(InputError, match=r"^a\.md: the front matter is not valid YAML at line \d"):
        parse_document(text.encode(), name="a.md")


def test_markdown_front_matter_must_be_a_mapping() -> None:
    with pytest.raises(InputError, match="front matter"):
        parse_document("---\n- 一\n- 二\n---\n正文。\n".encode(), name="a.md")


def test_markdown_is_sniffed_without_extension() -> None:
    doc = parse_document((IMPORT / "work-plan.md").read_bytes(), name="article")
    assert doc.format == "md"


# -- HTML -----------------------------------------------------------------------------------


def test_html_page_utf8() -> None:
    doc, _ = read_document(IMPORT / "cip-news-utf8.html")
    assert (doc.format, doc.encoding) == ("html", "utf-8")
    assert doc.title == (
        "汪泉在中以常州创新园调研时强调 提高站位担当国家使命 "
        "把中以常州创新园建成中以技术转移的真正“桥梁”"
    )
    assert doc.date == "2019-11-24T16:36:14"
    assert texts(doc) == corpus_paragraphs(WANG_QUAN)
    assert texts(doc, BlockKind.CAPTION) == ["汪泉一行参观以色列中心展厅", "图为座谈会现场"]
    # Captions sit where they were, right after their pictures.
    kinds = [block.kind for block in doc.blocks]
    assert kinds.index(BlockKind.CAPTION) == 1
    chrome = ("服务热线", "当前位置", "浏览次数", "分享到", "上一篇", "版权所有", "欢迎", "打印")
    everything = "\n".join(block.text for block in doc.blocks)
    for word in chrome:
        assert word not in everything
    assert "本文仅供内部参考" not in everything  # hidden
    assert "编辑备注" not in everything  # an HTML comment


def test_html_page_gb2312_table_layout() -> None:
    raw = (IMPORT / "cip-news-gb2312.html").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    doc, _ = read_document(IMPORT / "cip-news-gb2312.html")
    assert (doc.format, doc.encoding) == ("html", "gb18030")
    assert doc.title == "中以常州创新园召开2020年中以合作重点工作计划研讨会"
    # The page shows the day; its PubDate meta tag adds the time.
    assert doc.date == "2019-12-10T10:05:00"
    assert texts(doc) == corpus_paragraphs(WORK_PLAN)  # <br>-separated in one <td>
    assert texts(doc, BlockKind.CAPTION) == ["研讨会现场"]
    everything = "\n".join(block.text for block in doc.blocks)
    for word in ("责任编辑", "点击数", "咨询热线", "部门动态", "主办", "打印", "分辨率"):
        assert word not in everything


def test_html_without_known_classes_is_found_by_density() -> None:
    page = (IMPORT / "cip-news-utf8.html").read_text(encoding="utf-8")
    assert page.count("v_news_content") == 2  # the CSS rule and the container
    doc = parse_document(page.replace("v_news_content", "wenzhang").encode(), name="p.html")
    assert texts(doc) == corpus_paragraphs(WANG_QUAN)
    assert texts(doc, BlockKind.CAPTION) == ["汪泉一行参观以色列中心展厅", "图为座谈会现场"]


def test_html_is_sniffed_without_extension() -> None:
    doc = parse_document((IMPORT / "cip-news-utf8.html").read_bytes(), name="download")
    assert doc.format == "html"


def test_html_structures_keep_their_markup() -> None:
    page = """<html><head><title>标题测试_某网站</title></head><body><article>
    <h1>标题测试</h1>
    <p>这是文章的第一段，介绍了园区的基本情况。</p>
    <h2>一、工作进展</h2>
    <ul><li>完成了江苏中以产业技术研究院的建设。</li><li>引进以色列高科技项目十七个。</li></ul>
    <ol start="3"><li>第三项工作内容。</li><li>第四项工作内容。</li></ol>
    <blockquote><p>园区是两国政府共同建立的创新示范园区。</p></blockquote>
    </article></body></html>"""
    doc = parse_document(page.encode(), name="p.html")
    assert doc.title == "标题测试"
    assert [(b.kind, b.markup, b.text) for b in doc.blocks] == [
        (BlockKind.PARAGRAPH, "", "这是文章的第一段，介绍了园区的基本情况。"),
        (BlockKind.HEADING, "## ", "一、工作进展"),
        (BlockKind.LIST_ITEM, "- ", "完成了江苏中以产业技术研究院的建设。"),
        (BlockKind.LIST_ITEM, "- ", "引进以色列高科技项目十七个。"),
        (BlockKind.LIST_ITEM, "3. ", "第三项工作内容。"),
        (BlockKind.LIST_ITEM, "4. ", "第四项工作内容。"),
        (BlockKind.QUOTE, "> ", "园区是两国政府共同建立的创新示范园区。"),
    ]


def test_html_title_from_og_title_and_date_from_meta() -> None:
    page = """<html><head><meta property="og:title" content="园区召开工作会议">
    <meta property="article:published_time" content="2019-12-10T10:05:00+08:00">
    <title>首页</title></head><body><div class="logo"><h1>某某网站</h1></div>
    <div><p>十二月九日上午，园区召开工作会议，各相关部门负责同志参加会议。</p>
    <p>会议要求，园区要不断完善市场化体制机制。</p></div></body></html>"""
    doc = parse_document(page.encode(), name="p.html")
    assert doc.title == "园区召开工作会议"
    assert doc.date == "2019-12-10T10:05:00+08:00"
    assert len(doc.blocks) == 2


def test_html_image_only_paragraphs_and_long_text_after_images_are_not_captions() -> None:
    page = """<html><body><div class="article-content">
    <p>园区召开工作会议，各相关部门负责同志参加会议。</p>
    <p><img src="a.jpg"></p>
    <p>会议指出，中以常州创新园是我国首个由两国政府共同建立的创新示范园区，各相关部门要落实主体责任，
    统筹考虑园区发展需求，用好用足现有资源，为中以常州创新园提供有力支撑，推动园区高质量发展。</p>
    <p><img src="b.jpg"></p>
    <p>图为会议现场</p>
    </div></body></html>"""
    doc = parse_document(page.encode(), name="p.html")
    assert [block.kind for block in doc.blocks] == [
        BlockKind.PARAGRAPH,
        BlockKind.PARAGRAPH,
        BlockKind.CAPTION,
    ]


def test_html_page_without_an_article_is_refused() -> None:
    page = """<html><head><title>首页_中以常州创新园</title></head><body>
    <div class="nav"><a href="/">首页</a><a href="/a">园区概况</a><a href="/b">新闻中心</a></div>
    <ul class="list"><li><a href="/1">园区召开工作会议</a></li>
    <li><a href="/2">代表团来园区考察交流</a></li></ul>
    <div class="footer">版权所有 中以常州创新园</div></body></html>"""
    with pytest.raises(InputError, match=r"^home\.html: no article found in this HTML page"):
        parse_document(page.encode(), name="home.html")


def test_html_declared_charset_is_verified(tmp_path: Path) -> None:
    # The page says gb2312 but was saved as Big5: the bytes win.
    page = (
        '<html><head><meta charset="gb2312"><title>園區動態</title></head><body>'
        "<div class='TRS_Editor'><p>會議指出，中以常州創新園是我國首個"
        "由兩國政府共同建立的創新示範園區。</p>"
        "</div></body></html>"
    )
    doc = parse_document(page.encode("big5"), name="p.html")
    assert doc.encoding == "big5"
    assert doc.blocks[0].text.startswith("會議指出")


# -- refusals -------------------------------------------------------------------------------


def _refusal(path: Path, **kwargs: int) -> str:
    with pytest.raises(InputError) as caught:
        read_document(path, **kwargs)
    message = str(caught.value)
    assert "\n" not in message and message
    assert isinstance(caught.value, UsageError)  # exit code 2
    return message


def test_missing_file(tmp_path: Path) -> None:
    assert "no such file" in _refusal(tmp_path / "nope.txt")


def test_directory(tmp_path: Path) -> None:
    assert "is a folder" in _refusal(tmp_path)


@pytest.mark.parametrize(
    "content", [b"", b"   \n\n\t  \r\n", "\u3000\u3000\n".encode(), b"\xef\xbb\xbf"]
)
def test_empty_or_white_space_only(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    assert "empty" in _refusal(path)


def test_binary_files_are_refused(tmp_path: Path) -> None:
    png = tmp_path / "photo.txt"
    png.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64))
    assert "PNG image" in _refusal(png)
    pdf = tmp_path / "article.html"
    pdf.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n")
    assert "PDF document" in _refusal(pdf)
    docx = tmp_path / "article.docx"
    with zipfile.ZipFile(docx, "w") as archive:
        archive.writestr("word/document.xml", "<w:document>园区</w:document>")
    assert "ZIP archive" in _refusal(docx)
    nul = tmp_path / "data.md"
    nul.write_bytes(b"\x00\x01\x02\x03binary\x00\xff\xfe\x00" * 50)
    assert "binary" in _refusal(nul)


def test_undecodable_bytes(tmp_path: Path) -> None:
    path = tmp_path / "noise.txt"
    path.write_bytes(bytes(range(0x80, 0x100)) * 4)
    assert "encoding" in _refusal(path)


def test_damaged_utf8_names_the_byte(tmp_path: Path) -> None:
    raw = WORK_PLAN.read_bytes()
    path = tmp_path / "damaged.txt"
    path.write_bytes(raw[:300] + raw[301:])  # one byte of a character cut out
    message = _refusal(path)
    assert "damaged" in message and "byte 299" in message and "line 6" in message


def test_no_chinese(tmp_path: Path) -> None:
    message = _refusal(CORPUS / "cip-2019-11-24-wang-quan-visit.en.txt")
    assert "no Chinese" in message
    page = tmp_path / "english.html"
    page.write_text("<html><body><article><p>Only English here.</p></article></body></html>")
    assert "no Chinese" in _refusal(page)


def test_over_the_size_limit_says_size_and_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(WANG_QUAN.read_bytes() * 300)  # about 1.1 MB
    message = _refusal(path, max_bytes=1024 * 1024)
    assert "1.1 MB" in message and "limit of 1.0 MB" in message


# -- formats and slugs ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "fmt"),
    [("a.txt", "txt"), ("a.TEXT", "txt"), ("a.md", "md"), ("a.markdown", "md"), ("a.htm", "html")],
)
def test_format_from_extension(name: str, fmt: str) -> None:
    assert detect_format("<html><body><p>x</p></body></html>\n# 标题", name) == fmt


def test_plain_text_is_sniffed_as_text() -> None:
    assert detect_format(WANG_QUAN.read_text(encoding="utf-8"), "article") == "txt"


def test_slug_from_date_and_title_pinyin() -> None:
    doc, data = read_document(WANG_QUAN)
    assert derive_slug(doc, data) == "2019-11-24-wang-quan-zai-zhong-yi-chang-zhou"


def test_slug_of_traditional_title() -> None:
    doc, data = read_document(IMPORT / "work-plan-traditional.big5.txt")
    assert derive_slug(doc, data) == "2019-12-10-zhong-yi-chang-zhou-chuang-xin-yuan"


def test_slug_without_date_uses_a_hash_of_the_bytes() -> None:
    doc = parse_document("中以常州创新园简介\n\n园区位于常州。\n".encode(), name="a.txt")
    slug = derive_slug(doc, b"one")
    assert slug.endswith("-zhong-yi-chang-zhou-chuang-xin-yuan")
    assert slug != derive_slug(doc, b"two")
    assert len(slug.split("-")[0]) == 8


@pytest.mark.parametrize(
    "title",
    [
        "",
        "../../etc/passwd",
        "《关于2020年CIP/WOFE项目的通知》：Ⅱ期",
        "Ｆｕｌｌ－ｗｉｄｔｈ　ＡＢＣ　１２３ 测试",
        "绿色发展 " + "超长标题" * 40,
    ],
)
def test_slugs_are_always_safe(title: str) -> None:
    doc = ImportedDocument(title, "2019-11-24", (), "txt", "utf-8")
    slug = derive_slug(doc, title.encode())
    assert paths.validate_slug(slug) == slug
    assert len(slug) <= 60 and ".." not in slug and "/" not in slug
    assert slug.startswith("2019-11-24-")


def test_slug_keeps_latin_words_and_numbers() -> None:
    doc = ImportedDocument("CIP计划2019年新增17个项目", "2019-11-24T16:36:14", (), "txt", "utf-8")
    assert derive_slug(doc, b"") == "2019-11-24-cip-ji-hua-2019-nian-xin-zeng"
