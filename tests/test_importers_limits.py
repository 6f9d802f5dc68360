"""The importers' limits: YAML front matter within an alias and size budget (ordinary aliases
still work), Markdown and HTML within their line, tag and nesting limits (markdown-it would
otherwise drop text nested 20 levels deep without a word), one text rule for what comes in."""

from __future__ import annotations

import re
import time

import pytest

from cipbilingual import limits
from cipbilingual.errors import InputError
from cipbilingual.importers import parse_document

BODY = "园区动态很好。\n"


def md(front: str, body: str = BODY) -> bytes:
    return f"---\n{front}---\n{body}".encode()


def test_ordinary_aliases_are_read() -> None:
    doc = parse_document(
        md("tags: &t [园区, 合作]\nalso: *t\ntitle: 中以常州创新园\nauthor: &a 李\neditor: *a\n"),
        name="a.md",
    )
    assert doc.title == "中以常州创新园"
    assert doc.front_matter["also"] == '["园区", "合作"]'
    assert doc.front_matter["editor"] == "李"


def laughs(levels: int) -> str:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for n in range(1, levels):
        lines.append(f"a{n}: &a{n} [" + ",".join([f"*a{n - 1}"] * 9) + "]")
    return "\n".join(lines) + "\ntitle: 园区\n"


@pytest.mark.parametrize("levels", [5, 9, 12])
def test_billion_laughs_are_refused_at_once(levels: int) -> None:
    started = time.process_time()
    with pytest.raises(InputError, match="front matter is refused: with its aliases"):
        parse_document(md(laughs(levels)), name="a.md")
    assert time.process_time() - started < 5  # refused by counting, never by building


@pytest.mark.parametrize(
    ("front", "message"),
    [
        ("a: &a [1, *a]\n", "refers to itself"),
        ("a: &a {b: *a}\n", "refers to itself"),
        ("x: " + "[" * 40 + "]" * 40 + "\n", "more than 16 levels deep"),
        ("k: " + "x" * (limits.FRONT_MATTER + 1) + "\n", "over the limit of 65,536"),
        ("x: [" + "1," * limits.FRONT_MATTER_NODES + "]\n", "10,000 values"),
        ("".join(f"k{n}: *a\n" for n in range(102)).replace("k0: *a", "k0: &a 1"), "100 aliases"),
        ("a: !!binary R0lGODlh\n", "binary data"),
        ("a: !!python/object/apply:os.system [ls]\n", "could not determine a constructor"),
        ("a: b\x07\n", "control character U+0007"),
    ],
    ids=[
        "recursive-list",
        "recursive-map",
        "deep",
        "long",
        "many-values",
        "many-aliases",
        "binary",
        "python-tag",
        "bell",
    ],
)
def test_front_matter_over_a_budget_is_refused(front: str, message: str) -> None:
    with pytest.raises(InputError, match=re.escape(message)):
        parse_document(md("title: 园区\n" + front), name="a.md")


def test_aliases_that_nest_deep_only_when_followed_are_refused() -> None:
    chain = ["a0: &a0 [1]"] + [f"a{n}: &a{n} [*a{n - 1}]" for n in range(1, 20)]
    with pytest.raises(InputError, match="levels deep"):
        parse_document(md("\n".join(chain) + "\n"), name="a.md")


def test_markdown_nested_to_the_limit_is_read_and_deeper_is_refused() -> None:
    # Each quote level is one level of markdown-it's nesting; its paragraph sits one deeper.
    ok = "# 标题\n\n" + "> " * (limits.NESTING - 2) + "引文。\n\n最后一段。\n"
    doc = parse_document(ok.encode(), name="a.md")
    assert [b.text for b in doc.blocks][-2:] == ["引文。", "最后一段。"]
    deep = "# 标题\n\n" + "> " * 25 + "引文。\n\n最后一段。\n"
    with pytest.raises(InputError, match="levels deep"):
        parse_document(deep.encode(), name="a.md")


def test_markdown_over_the_line_limit_is_refused_before_parsing() -> None:
    text = "# 标题\n\n" + "- 中\n" * (limits.MARKDOWN_LINES + 1)
    started = time.process_time()
    with pytest.raises(InputError, match=r"over the limit of 20,000"):
        parse_document(text.encode(), name="a.md")
    assert time.process_time() - started < 5


def test_html_over_the_tag_limit_or_too_deep_is_refused() -> None:
    many = "<html><body><article><h1>标题</h1>" + "<p>中</p>" * (limits.HTML_TAGS + 1)
    with pytest.raises(InputError, match="over the limit of 60,000"):
        parse_document(many.encode(), name="a.html")
    deep = "<html><body><article><h1>标题</h1>" + "<div>" * 2000 + "<p>中文。</p>"
    with pytest.raises(InputError, match=r"2,00[0-9] levels deep; at most 128"):
        parse_document(deep.encode(), name="a.html")


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("标题\n\n第一段。\n\n第二\x1b[2J段。\n", "line 5"),
        ("标题\x07\n\n正文。\n", "line 1"),
        ("标题\n\n正文\u009b。\n", "line 3"),
    ],
)
def test_control_characters_are_refused_with_their_line(text: str, where: str) -> None:
    with pytest.raises(InputError, match=rf"a\.txt: {where}: the text contains the control"):
        parse_document(text.encode(), name="a.txt")


def test_a_file_name_is_quoted_safely() -> None:
    with pytest.raises(InputError) as err:
        parse_document(b"English only\n", name="a\nb\x1b.txt")
    assert err.value.message.startswith("a\\nb\\e.txt: ")
