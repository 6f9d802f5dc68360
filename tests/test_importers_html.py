"""Saved news pages of the usual shapes: the article's title, time and paragraphs, nothing else."""

from __future__ import annotations

import pytest

from cipbilingual.importers import parse_document
from cipbilingual.models import BlockKind

P1 = (
    "11月21日下午，常州市委书记汪泉专程到中以常州创新园调研。他强调，全市上下要进一步提高思想站位。"
)
P2 = "汪泉一行参观了中以常州创新园以色列中心展厅。该展厅近期刚刚投入使用，运用最新多媒体技术。"
TITLE = "汪泉调研中以常州创新园"

PAGES = {
    # WordPress: entry-content, <time datetime>, an <aside> of recent posts.
    "wordpress": f"""<html><head><title>{TITLE} – 园区新闻</title></head><body>
<header id="masthead"><div class="site-title">园区新闻</div><nav><a>首页</a></nav></header>
<article class="post"><header class="entry-header"><h1 class="entry-title">{TITLE}</h1>
<div class="entry-meta"><time datetime="2019-11-24T16:36:14+08:00">2019年11月24日</time>
作者：<a>管理员</a></div></header>
<div class="entry-content"><p>{P1}</p><p>{P2}</p></div>
<footer class="entry-footer">分类：<a>园区动态</a></footer></article>
<aside class="widget-area"><h2>近期文章</h2><ul><li><a>以色列创新企业代表团来园区考察</a></li></ul>
</aside></body></html>""",
    # A national news site: unlabelled time in a span named for it, editor line in the body.
    "news-agency": f"""<html><head><title>{TITLE}-新华网</title></head><body>
<div class="header"><a>新华网</a> <a>首页</a> <a>时政</a></div>
<div class="h-title">{TITLE}</div>
<div class="h-info"><span class="h-time">2019-11-24 16:36:14</span> <span>来源：新华网</span></div>
<div id="detail"><p>{P1}</p><p>{P2}</p><p>【纠错】 【责任编辑：张三】</p></div>
<div class="share">分享到</div></body></html>""",
    # One broad .content box holding title, metadata, share bar, body and editor line.
    "one-box": f"""<html><head><title>{TITLE}_常州日报</title></head><body>
<div class="menu"><a>首页</a><a>要闻</a></div>
<div class="content"><h1>{TITLE}</h1>
<div class="info">来源：常州日报 时间：2019-11-24 作者：李四</div>
<div class="share">分享到：微信</div><p>{P1}</p><p>{P2}</p>
<div class="editor">责任编辑：王五</div></div>
<div class="copyright">版权所有</div></body></html>""",
    # Paragraphs straight in <body>.
    "bare": f"""<html><head><title>{TITLE}</title></head><body><h2>{TITLE}</h2>
<p>{P1}</p><p>{P2}</p></body></html>""",
}
DATES = {
    "wordpress": "2019-11-24T16:36:14+08:00",
    "news-agency": "2019-11-24T16:36:14",
    "one-box": "2019-11-24",
    "bare": "",
}


@pytest.mark.parametrize("shape", sorted(PAGES))
def test_page_shapes(shape: str) -> None:
    doc = parse_document(PAGES[shape].encode(), name=f"{shape}.html")
    assert doc.title == TITLE
    assert doc.date == DATES[shape]
    assert [(block.kind, block.text) for block in doc.blocks] == [
        (BlockKind.PARAGRAPH, P1),
        (BlockKind.PARAGRAPH, P2),
    ]


def test_a_fragment_without_title() -> None:
    doc = parse_document(f"<p>{P1}</p>\n<p>{P2}</p>".encode(), name="fragment.html")
    assert doc.title == ""
    assert [block.text for block in doc.blocks] == [P1, P2]


def test_a_wrapper_named_like_chrome_keeps_a_long_article() -> None:
    # "main-side" matches the chrome word "side", but it holds the whole article.
    body = "".join(f"<p>{P1}{P2}</p>" for _ in range(4))
    page = f"<html><body><div class='main-side'><h1>{TITLE}</h1>{body}</div></body></html>"
    doc = parse_document(page.encode(), name="p.html")
    assert len(doc.blocks) == 4


def test_html_source_line_breaks_inside_chinese_are_not_spaces() -> None:
    page = f"<html><body><div class='TRS_Editor'><p>{P1[:20]}\n   {P1[20:]}</p></div></body></html>"
    doc = parse_document(page.encode(), name="p.html")
    assert doc.blocks[0].text == P1


def test_nbsp_and_ideographic_indents_are_stripped() -> None:
    page = f"<html><body><article><p>&nbsp;&nbsp;\u3000\u3000{P1}&nbsp;</p></article></body></html>"
    doc = parse_document(page.encode(), name="p.html")
    assert doc.blocks[0].text == P1


def test_raw_html_in_markdown_becomes_blocks() -> None:
    text = (
        '# 标题\n\n正文一。\n\n<div align="center">\n<p>原始段落一。</p>\n'
        '<p>原始段落二。<br>第三段。</p>\n<script>var a = "脚本";</script>\n</div>\n\n正文二。\n'
    )
    doc = parse_document(text.encode(), name="a.md")
    assert [block.text for block in doc.blocks] == [
        "正文一。",
        "原始段落一。",
        "原始段落二。",
        "第三段。",
        "正文二。",
    ]
