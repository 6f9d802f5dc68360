"""HTML pages saved from a news website: find the article (title, time, body) and leave the chrome.

Well-known content containers first (CMS classes such as `.TRS_Editor`), then a text-density
score per container; inside it, chrome (share bars, view counts, metadata lines) is dropped and
captions after images are kept. The rules are written down in docs/import.md.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from bs4 import BeautifulSoup
from bs4.element import NavigableString, PreformattedString, Tag

from cipbilingual import limits
from cipbilingual.errors import InputError
from cipbilingual.importers.common import (
    clean,
    find_date,
    find_labelled_date,
    hanzi_count,
    join_wrapped,
    normalize_date,
)
from cipbilingual.importers.document import ImportedBlock
from cipbilingual.models import BlockKind

_START_TAG = re.compile(r"<[A-Za-z]")

# Never article text.
_JUNK_TAGS = (
    "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas",
    "form", "input", "button", "select", "textarea", "nav", "map", "audio", "video", "aside",
)  # fmt: skip

# Containers the big Chinese CMSs (TRS, VSB/WebPlus, Hanweb, Dedecms, WordPress …) put the body
# in. Specific ones are trusted as they are; broad ones only narrow the density search.
_BODY_SELECTORS = (
    "[itemprop=articleBody]", ".TRS_Editor", ".trs_editor_view", ".v_news_content",
    "#vsb_content", ".wp_articlecontent", "#UCAP-CONTENT", "#zoom", ".zoom", "#fontzoom",
    ".article-content", ".article_content", ".articleContent", ".article-body", ".article_body",
    ".news_content", ".news-content", ".newsContent", ".news_txt", ".content_text",
    ".detail-content", ".detail_content", ".pages_content", ".entry-content", ".post-content",
)  # fmt: skip
_SCOPE_SELECTORS = ("article", "main", "[role=main]", "#content", ".content", "#main", ".main")

# fmt: off
_BLOCK_TAGS = frozenset((
    "p", "div", "section", "article", "main", "header", "footer", "aside", "li", "ul", "ol",
    "dl", "dt", "dd", "blockquote", "figure", "figcaption", "table", "thead", "tbody", "tfoot",
    "tr", "td", "th", "caption", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "center",
    "address", "hr", "body", "html",
))
# fmt: on
_HEADINGS = {f"h{n}": n for n in range(1, 7)}

# Class or id words of site chrome. Short words must stand alone ("nav", not "canvas").
_CHROME_SUBSTRINGS = re.compile(
    r"share|bdshare|jiathis|breadcrumb|crumb|pagination|pager|footer|comment|qrcode|erweima|"
    r"copyright|sidebar|toolbar|hotline|advert|dayin|guanbi|fontsize|font-size|zihao|"
    r"weizhi|dqwz|position|location",
    re.I,
)
_CHROME_WORDS = re.compile(
    r"(?:^|[^a-z])(?:nav|navbar|menu|foot|side|tags?|hot|ads?|print|prev|next|tool|tools|"
    r"related|recommend|search|login|social|banner|header|logo|links|friend|friendlink)"
    r"(?:$|[^a-z])",
    re.I,
)
_CAPTION_CLASS = re.compile(r"caption|pic-?title|pic_?txt|img-?title|img_?desc|pictext|tuzhu", re.I)
_CENTERED_CLASS = re.compile(r"(?:^|[^a-z])(?:center|text-center|tac|tc)(?:$|[^a-z])", re.I)
_CENTERED_STYLE = re.compile(r"text-align\s*:\s*center", re.I)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)

# Lines of page furniture that survive inside a body container.
_CHROME_TEXT = re.compile(
    r"浏览次数|瀏覽次數|点击数|點擊數|点击量|阅读次数|閱讀次數|访问量|【字体|字体：|字號|字号|"
    r"打印本页|打印本頁|关闭窗口|關閉窗口|【打印】|【关闭】|分享到|扫一扫|掃一掃|返回顶部|上一篇|下一篇|"
    r"当前位置|您现在的位置|您的位置|當前位置|服务热线|咨询热线|View count|Service Hotline",
    re.I,
)
# A line made only of labelled fields (来源：… 作者：… 发布时间：…) is metadata, not prose.
_META_FIELD = re.compile(
    r"(?:^|(?<=[\s（(【\[|]))(?:来源|來源|作者|编辑|編輯|责任编辑|責任編輯|审核|審核|校对|校對|供稿|发布者|發布者|"
    r"发布机构|信息来源|文章来源|摄影|攝影|记者|記者|通讯员|通訊員|发布时间|發布時間|发布日期|"
    r"发表时间|时间|時間|日期|字号|浏览次数|点击数|阅读|Source|Author|Editor|Time|Date)"
    r"\s*[:：]",
    re.I,
)
_SENTENCE_MARK = re.compile(r"[。！？!?；;]")
_CAPTION_START = re.compile(r"^[（(]?(?:图为|圖為|图：|圖：|图片|圖片|图\d|圖\d|摄影|攝影)")
_TITLE_CLASS = re.compile(r"title|biaoti|(?:^|[^a-z])(?:bt|tit)(?:$|[^a-z])", re.I)
_TITLE_SEPARATOR = re.compile(r"\s+[-–—|｜]+\s+|_+|\s*[|｜]\s*|\s*—{2}\s*|\s*-{2}\s*")
_META_DATE_NAMES = (
    "article:published_time", "og:article:published_time", "og:published_time",
    "og:release_date", "pubdate", "publishdate", "publish_date", "publish-date", "pubtime",
    "firstpublishedtime", "dc.date.issued", "dc.date", "date", "publishedtime",
)  # fmt: skip
_TIME_CLASS = re.compile(r"time|date|shijian|riqi|fbsj", re.I)
_MIN_ARTICLE_HANZI = 10  # a body container with fewer Chinese characters is not an article

Weight = Callable[[str], int]
"""How much text of the article's language a string holds, in Chinese characters (hanzi_count)
or their equivalent (latin_weight for an English page read for alignment)."""
_CAPTION_MAX = 80  # characters: a caption is short


@dataclass
class _Context:
    kind: BlockKind
    markup: str
    centered: bool


@dataclass
class _Piece:
    kind: BlockKind
    markup: str
    text: str
    centered: bool
    after_image: bool
    link_share: float


@dataclass
class _Walker:
    pieces: list[_Piece] = field(default_factory=list)
    buffer: list[str] = field(default_factory=list)
    link_chars: int = 0
    image_pending: bool = False


def parse_html(text: str, weight: Weight = hanzi_count) -> tuple[str, str, list[ImportedBlock]]:
    """(title, date, body blocks) of a saved news page; `weight` measures text of the page's
    language (Chinese by default). Raises InputError when no article text can be found, and for a
    page over the tag or nesting limits."""
    soup = _soup(text, "lxml")
    _remove_hidden(soup)
    # Title and time are read before the chrome goes: they often sit in a header-like box.
    date = _date(soup)
    titles = _Titles.of(soup, weight)
    _remove_chrome(soup, weight)
    container = _find_container(soup, weight)
    if container is None:
        raise InputError(
            "no article found in this HTML page",
            hint="save the article's own page, not a list or home page, or paste its text in .txt",
        )
    title = titles.choose(container)
    blocks = _body_blocks(container, title, weight)
    if not blocks:
        language = "Chinese" if weight is hanzi_count else "English"
        raise InputError(f"no article found in this HTML page: it has no {language} paragraphs")
    return title, date, blocks


def _soup(text: str, parser: str) -> BeautifulSoup:
    """The parsed page, within limits: its tags are counted before parsing (each costs about
    2 KB of memory) and its depth after (the article search is quadratic in it)."""
    tags = len(_START_TAG.findall(text))
    if tags > limits.HTML_TAGS:
        raise InputError(f"the page has {tags:,} tags, over the limit of {limits.HTML_TAGS:,}")
    soup = BeautifulSoup(text, parser)
    deepest = _depth(soup)
    if deepest > limits.HTML_NESTING:
        raise InputError(
            f"the page nests elements {deepest:,} levels deep; "
            f"at most {limits.HTML_NESTING} are read"
        )
    return soup


def _depth(soup: BeautifulSoup) -> int:
    deepest = 0
    stack: list[tuple[Tag, int]] = [(soup, 0)]
    while stack:
        tag, level = stack.pop()
        deepest = max(deepest, level)
        stack.extend((child, level + 1) for child in tag.children if isinstance(child, Tag))
    return deepest


# -- cleaning -------------------------------------------------------------------------------


def _remove_hidden(soup: BeautifulSoup) -> None:
    """Scripts, styles, forms, comments and hidden elements: never article text."""
    for node in soup.find_all(_JUNK_TAGS):
        node.decompose()
    for comment in soup.find_all(string=lambda s: isinstance(s, PreformattedString)):
        comment.extract()
    for node in soup.find_all(True):
        if node.decomposed:
            continue
        hidden = node.has_attr("hidden") or _attr(node, "aria-hidden") == "true"
        if hidden or _HIDDEN_STYLE.search(_attr(node, "style")):
            node.decompose()


def _remove_chrome(soup: BeautifulSoup, weight: Weight) -> None:
    for node in soup.find_all(True):
        if not node.decomposed and _is_chrome(node, weight):
            node.decompose()


def _is_chrome(node: Tag, weight: Weight) -> bool:
    """Site furniture: footers, and elements whose class or id names chrome — unless such an
    element holds a lot of plain text (then a name like "main-side" is lying, and removing it
    would lose the article)."""
    if node.name == "footer":
        return True
    if node.name in ("body", "html"):
        return False
    names = f"{_attr(node, 'class')} {_attr(node, 'id')}"
    if not (_CHROME_SUBSTRINGS.search(names) or _CHROME_WORDS.search(names)):
        return False
    text = node.get_text()
    links = sum(len(a.get_text()) for a in node.find_all("a"))
    return weight(text) < 200 or links > 0.5 * max(len(text.strip()), 1)


def _attr(node: Tag, name: str) -> str:
    value = node.get(name)
    if value is None:
        return ""
    return " ".join(value) if isinstance(value, list) else str(value)


# -- finding the article --------------------------------------------------------------------


def _find_container(soup: BeautifulSoup, weight: Weight) -> Tag | None:
    def plain(node: Tag) -> int:
        return _plain_text(node, weight)

    for selector in _BODY_SELECTORS:
        found = [node for node in soup.select(selector) if plain(node) >= _MIN_ARTICLE_HANZI]
        if found:
            return max(found, key=plain)
    scope: Tag | None = None
    for selector in _SCOPE_SELECTORS:
        found = [node for node in soup.select(selector) if plain(node) >= _MIN_ARTICLE_HANZI]
        if found:
            scope = max(found, key=plain)
            break
    if scope is None:
        scope = soup.body or soup
    return _densest(scope, weight)


def _plain_text(node: Tag, weight: Weight) -> int:
    """Text in the node that is not link text (menus and lists are links)."""
    total = weight(node.get_text())
    return total - sum(weight(a.get_text()) for a in node.find_all("a"))


def _densest(scope: Tag, weight: Weight) -> Tag | None:
    """The container whose own paragraphs hold the most Chinese text outside links: each
    text-holding element scores its Chinese characters to its parent and half to the grandparent."""
    scores: dict[int, float] = {}
    nodes: dict[int, Tag] = {}
    for holder in [scope, *scope.find_all(True)]:
        own = _own_text(holder)
        count = weight(own)
        if count < _MIN_ARTICLE_HANZI:
            continue
        parent = holder if holder is scope else holder.parent
        for node, share in ((parent, 1.0), (parent.parent if parent else None, 0.5)):
            if node is None or not _inside(node, scope):
                continue
            scores[id(node)] = scores.get(id(node), 0.0) + count * share
            nodes[id(node)] = node
    if not scores:
        return None
    best = max(scores, key=lambda key: scores[key])
    return nodes[best]


def _inside(node: Tag, scope: Tag) -> bool:
    return node is scope or any(parent is scope for parent in node.parents)


def _own_text(node: Tag) -> str:
    """Text of the node outside its block-level children and outside links."""
    parts: list[str] = []
    for child in node.children:
        if isinstance(child, NavigableString):
            if not isinstance(child, PreformattedString):
                parts.append(str(child))
        elif isinstance(child, Tag) and child.name not in _BLOCK_TAGS and child.name != "a":
            parts.append(child.get_text())
    return "".join(parts)


# -- title and date -------------------------------------------------------------------------


@dataclass
class _Titles:
    """What the page offers as its title, collected before the chrome is removed."""

    og: str
    page: str
    headings: list[tuple[int, str, Tag]]  # (document position, text, element)
    order: dict[int, int]
    weight: Weight

    @classmethod
    def of(cls, soup: BeautifulSoup, weight: Weight) -> _Titles:
        order = {id(node): index for index, node in enumerate(soup.find_all(True))}
        headings = []
        for node in soup.find_all(["h1", "h2", "h3", "h4", "div", "p", "span", "td", "strong"]):
            named = _TITLE_CLASS.search(f"{_attr(node, 'class')} {_attr(node, 'id')}")
            if node.name[0] != "h" and not named:
                continue
            text = join_wrapped(node.get_text().splitlines())
            if weight(text) >= 2 and len(text) <= 200:
                headings.append((order[id(node)], text, node))
        page = clean(soup.title.get_text()) if soup.title else ""
        return cls(_meta_content(soup, "og:title"), page, headings, order, weight)

    def choose(self, container: Tag) -> str:
        """A heading the page's <title> or og:title repeats (the longest: a site logo is often
        an <h1> too), else og:title, else the heading nearest before the body, else the first
        part of <title> (the site name comes after a separator)."""
        repeated = [
            text
            for _, text, _ in self.headings
            if (self.og and text == self.og) or (len(text) >= 4 and text in self.page)
        ]
        if repeated:
            return max(repeated, key=len)
        if self.weight(self.og):
            return self.og
        start = self.order.get(id(container), 0)
        before = [(pos, text) for pos, text, _ in self.headings if pos <= start]
        if before:
            return max(before)[1]
        inside = [(pos, text) for pos, text, node in self.headings if _inside(node, container)]
        if inside:
            return min(inside)[1]
        for part in _TITLE_SEPARATOR.split(self.page):
            if self.weight(part):
                return clean(part)
        return ""


def _meta_content(soup: BeautifulSoup, name: str) -> str:
    for meta in soup.find_all("meta"):
        key = _attr(meta, "property") or _attr(meta, "name") or _attr(meta, "itemprop")
        if key.strip().lower() == name:
            return clean(_attr(meta, "content"))
    return ""


def _date(soup: BeautifulSoup) -> str:
    """The time the page shows (发布时间：…), else its meta tags; a meta time of the same day
    completes a shown date that has no time."""
    meta = _meta_date(soup)
    labelled = find_labelled_date((soup.body or soup).get_text(" "))
    if labelled is None:
        return meta
    shown = labelled[0]
    if len(shown) == 10 and meta.startswith(shown) and len(meta) > 10:
        return meta
    return shown


def _meta_date(soup: BeautifulSoup) -> str:
    for name in _META_DATE_NAMES:
        value = _meta_content(soup, name)
        if value:
            return normalize_date(value)
    stamp = soup.find("time")
    if isinstance(stamp, Tag):
        value = _attr(stamp, "datetime") or stamp.get_text()
        if value.strip():
            return normalize_date(value)
    # An unlabelled time in an element named for it: <span class="h-time">2019-11-24 16:36</span>
    for node in soup.find_all(["span", "div", "p", "em", "i", "td", "li"]):
        names = f"{_attr(node, 'class')} {_attr(node, 'id')}"
        if _TIME_CLASS.search(names):
            text = node.get_text(" ")
            found = find_date(text) if len(text) <= 200 else None
            if found:
                return found
    return ""


# -- the body -------------------------------------------------------------------------------


def _body_blocks(container: Tag, title: str, weight: Weight) -> list[ImportedBlock]:
    walker = _Walker()
    _walk(container, walker)
    blocks: list[ImportedBlock] = []
    for piece in walker.pieces:
        text = piece.text
        if not weight(text) or _is_furniture(text, piece.link_share):
            continue
        stem = text.rstrip(".…")
        if (
            len(blocks) < 3
            and title
            and (text == title or (len(stem) >= 6 and title.startswith(stem)))
        ):
            continue  # the title, or its truncated form, repeated above the body
        kind = piece.kind
        short_after_image = piece.after_image and len(text) <= _CAPTION_MAX
        if kind is BlockKind.PARAGRAPH and short_after_image and _looks_like_caption(piece):
            kind = BlockKind.CAPTION
        markup = "" if kind is BlockKind.CAPTION else piece.markup
        blocks.append(ImportedBlock(kind, text, markup))
    return blocks


def _looks_like_caption(piece: _Piece) -> bool:
    return piece.centered or _CAPTION_START.match(piece.text) is not None


def _is_furniture(text: str, link_share: float) -> bool:
    if len(text) <= 60 and _CHROME_TEXT.search(text):
        return True
    if len(text) <= 40 and link_share >= 0.9:
        return True
    if len(text) <= 100 and _META_FIELD.search(text) and not _SENTENCE_MARK.search(text):
        # Every field must be labelled: "来源：常州日报 作者：张三", not a sentence with a colon.
        rest = _META_FIELD.sub("", text)
        return len(rest) <= 60
    return False


def _walk(container: Tag | BeautifulSoup, walker: _Walker) -> None:
    """Visit the container in document order without recursion (pages nest thousands deep when
    tags are left open), cutting a block at every block element and every <br>."""
    contexts = [_Context(BlockKind.PARAGRAPH, "", _is_centered(container))]
    stack: list[tuple[object, bool, int]] = [(container, False, 0)]
    while stack:
        node, closing, in_link = stack.pop()
        if closing:
            _flush(walker, contexts[-1])
            contexts.pop()
            continue
        if isinstance(node, NavigableString):
            if not isinstance(node, PreformattedString):
                walker.buffer.append(str(node))
                if in_link:
                    walker.link_chars += len(str(node).strip())
            continue
        if not isinstance(node, Tag):
            continue
        name = node.name
        if name == "br":
            _flush(walker, contexts[-1])
            continue
        if name == "img":
            if not "".join(walker.buffer).strip():
                walker.image_pending = True
            continue
        link = in_link + (name == "a")
        if name in _BLOCK_TAGS and node is not container:
            _flush(walker, contexts[-1])
            contexts.append(_context_of(node, contexts[-1]))
            stack.append((node, True, link))
        stack.extend((child, False, link) for child in reversed(list(node.children)))
    _flush(walker, contexts[-1])


def _context_of(node: Tag, parent: _Context) -> _Context:
    centered = parent.centered or _is_centered(node)
    name = node.name
    if name in _HEADINGS:
        return _Context(BlockKind.HEADING, "#" * _HEADINGS[name] + " ", centered)
    if name == "li":
        depth = sum(1 for ancestor in node.parents if ancestor.name in ("ul", "ol")) - 1
        indent = "  " * max(depth, 0)
        holder = node.parent
        if isinstance(holder, Tag) and holder.name == "ol":
            start = _int(_attr(holder, "start"), 1)
            number = start + sum(1 for sibling in node.find_previous_siblings("li"))
            return _Context(BlockKind.LIST_ITEM, f"{indent}{number}. ", centered)
        return _Context(BlockKind.LIST_ITEM, f"{indent}- ", centered)
    if name == "blockquote":
        return _Context(BlockKind.QUOTE, "> ", centered)
    if name == "figcaption" or _CAPTION_CLASS.search(_attr(node, "class")):
        return _Context(BlockKind.CAPTION, "", centered)
    if parent.kind is not BlockKind.PARAGRAPH:
        return _Context(parent.kind, parent.markup, centered)
    return _Context(BlockKind.PARAGRAPH, "", centered)


def _is_centered(node: Tag) -> bool:
    return (
        node.name == "center"
        or _attr(node, "align").lower() == "center"
        or bool(_CENTERED_STYLE.search(_attr(node, "style")))
        or bool(_CENTERED_CLASS.search(_attr(node, "class")))
    )


def _int(text: str, default: int) -> int:
    try:
        return int(text)
    except ValueError:
        return default


def _flush(walker: _Walker, context: _Context) -> None:
    raw = "".join(walker.buffer)
    walker.buffer.clear()
    links, walker.link_chars = walker.link_chars, 0
    text = join_wrapped(re.split(r"[ \t\r\f\v]*\n\s*", raw))
    if not text:
        return
    walker.pieces.append(
        _Piece(
            kind=context.kind,
            markup=context.markup,
            text=text,
            centered=context.centered,
            after_image=walker.image_pending,
            link_share=links / max(len(text), 1),
        )
    )
    walker.image_pending = False


def fragment_blocks(fragment: str) -> list[ImportedBlock]:
    """The blocks of an HTML fragment taken as a whole (raw HTML inside Markdown): no search
    for an article, no chrome removed beyond scripts, styles and hidden elements."""
    soup = _soup(fragment, "html.parser")
    _remove_hidden(soup)
    walker = _Walker()
    _walk(soup, walker)
    return [
        ImportedBlock(
            piece.kind, piece.text, "" if piece.kind is BlockKind.CAPTION else piece.markup
        )
        for piece in walker.pieces
    ]


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in its first bytes (`<meta charset>`, the http-equiv form, or
    an XML declaration), or None."""
    head = data[:4096].decode("ascii", errors="replace")
    match = re.search(
        r"<meta[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", head, re.I
    ) or re.search(r"<\?xml[^>]*encoding\s*=\s*[\"']([A-Za-z0-9_.:-]+)", head, re.I)
    return match.group(1) if match else None
