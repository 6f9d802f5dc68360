"""The hostile corpus: bad input for every command that reads a file, an argument, a setting or a
catalog edited by hand, with the exit code and the one stderr line each must give.

Small inputs are files in tests/hostile/inputs/; large ones are generated here (sparse where
only the size matters). Exit code 2 is bad usage or bad input, 1 "the command ran and the answer
is no" (README, "Command line").
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable

from tests.hostile.harness import FIRST, INPUTS, SECOND, Case, Dirs

MB = 1024 * 1024
SECRET = "s3cretKEY"


# -- builders -------------------------------------------------------------------------------------


def sparse(name: str, size: int) -> Callable[[Dirs], None]:
    """A file of `size` bytes that takes no disk space: only its size matters."""

    def make(dirs: Dirs) -> None:
        with (dirs.inputs / name).open("wb") as out:
            out.truncate(size)

    return make


def text_file(name: str, text: str) -> Callable[[Dirs], None]:
    def make(dirs: Dirs) -> None:
        (dirs.inputs / name).write_text(text, encoding="utf-8")

    return make


def fifo(name: str) -> Callable[[Dirs], None]:
    def make(dirs: Dirs) -> None:
        os.mkfifo(dirs.inputs / name)

    return make


def link_article_out(dirs: Dirs) -> None:
    """articles/evil is a symbolic link to an article folder outside the workspace."""
    (dirs.ws / "articles" / "evil").symlink_to(dirs.outside / "evil")


def link_articles_dir_out(dirs: Dirs) -> None:
    """articles/ itself leads outside."""
    shutil.move(dirs.ws / "articles", dirs.outside / "articles")
    (dirs.ws / "articles").symlink_to(dirs.outside / "articles")


def link_catalog_out(dirs: Dirs) -> None:
    """An article folder whose en.po is a link to a file outside."""
    folder = dirs.ws / "articles" / "linked"
    folder.mkdir()
    shutil.copy2(dirs.outside / "evil" / "source.zh.txt", folder / "source.zh.txt")
    (folder / "en.po").symlink_to(dirs.outside / "evil" / "en.po")


def link_glossary_out(dirs: Dirs) -> None:
    glossary = dirs.ws / "locales" / "en" / "LC_MESSAGES" / "glossary.po"
    shutil.move(glossary, dirs.outside / "glossary.po")
    glossary.symlink_to(dirs.outside / "glossary.po")


def link_tm_out(dirs: Dirs) -> None:
    shutil.move(dirs.ws / "tm", dirs.outside / "tm")
    (dirs.ws / "tm").symlink_to(dirs.outside / "tm")


def link_cache_out(dirs: Dirs) -> None:
    (dirs.outside / "cache").mkdir()
    (dirs.ws / ".cipbilingual").symlink_to(dirs.outside / "cache")


def half_made(dirs: Dirs) -> None:
    """A folder an interrupted import of an older version left: a source and no catalog."""
    folder = dirs.ws / "articles" / "half"
    folder.mkdir()
    shutil.copy2(INPUTS / "catalog-source.zh.txt", folder / "source.zh.txt")


def catalog(name: str) -> Callable[[Dirs], None]:
    """articles/hand-edited/en.po is tests/hostile/inputs/catalog-NAME.po."""

    def make(dirs: Dirs) -> None:
        folder = dirs.ws / "articles" / "hand-edited"
        folder.mkdir()
        shutil.copy2(INPUTS / f"catalog-{name}.po", folder / "en.po")
        shutil.copy2(INPUTS / "catalog-source.zh.txt", folder / "source.zh.txt")

    return make


def catalog_over_limit(dirs: Dirs) -> None:
    folder = dirs.ws / "articles" / "hand-edited"
    folder.mkdir()
    with (folder / "en.po").open("wb") as out:
        out.truncate(40 * MB)


def glossary_file(name: str) -> Callable[[Dirs], None]:
    def make(dirs: Dirs) -> None:
        shutil.copy2(INPUTS / name, dirs.ws / "locales" / "en" / "LC_MESSAGES" / "glossary.po")

    return make


def glossary_over_limit(dirs: Dirs) -> None:
    with (dirs.ws / "locales" / "en" / "LC_MESSAGES" / "glossary.po").open("wb") as out:
        out.truncate(40 * MB)


def settings(name: str) -> Callable[[Dirs], None]:
    def make(dirs: Dirs) -> None:
        shutil.copy2(INPUTS / name, dirs.ws / "cipbilingual.toml")

    return make


def settings_edit(old: str, new: str) -> Callable[[Dirs], None]:
    """The workspace's settings with `old` replaced by `new` ('' for old: `new` appended)."""

    def make(dirs: Dirs) -> None:
        path = dirs.ws / "cipbilingual.toml"
        text = path.read_text(encoding="utf-8")
        assert not old or old in text, old
        path.write_text(text.replace(old, new) if old else text + new, encoding="utf-8")

    return make


def settings_over_limit(dirs: Dirs) -> None:
    with (dirs.ws / "cipbilingual.toml").open("ab") as out:
        out.write(b"# " + b"x" * (2 * MB) + b"\n")


def keymap(name: str) -> Callable[[Dirs], None]:
    def make(dirs: Dirs) -> None:
        shutil.copy2(INPUTS / name, dirs.home / "config" / "keymap.toml")

    return make


def dense_sentences(dirs: Dirs) -> None:
    """Just under the size limit, one paragraph of the shortest sentences there are."""
    body = "中。" * ((2 * MB - 100) // 6)
    (dirs.inputs / "dense.txt").write_text(f"标题\n\n{body}\n", encoding="utf-8")


def many_paragraphs(dirs: Dirs) -> None:
    body = "中文\n\n" * ((2 * MB - 100) // 8)
    (dirs.inputs / "paragraphs.txt").write_text(f"标题\n\n{body}", encoding="utf-8")


def markdown_list_flood(dirs: Dirs) -> None:
    body = "- 中\n" * ((2 * MB - 100) // 7)
    (dirs.inputs / "flood.md").write_text(f"# 标题\n\n{body}", encoding="utf-8")


def markdown_nested_flood(dirs: Dirs) -> None:
    line = "> - " * 8 + "中\n"
    body = line * ((2 * MB - 100) // len(line.encode()))
    (dirs.inputs / "nested.md").write_text(f"# 标题\n\n{body}", encoding="utf-8")


def markdown_too_deep(dirs: Dirs) -> None:
    items = "".join("  " * i + f"- 第{i}项\n" for i in range(30))
    (dirs.inputs / "deep.md").write_text(f"# 标题\n\n{items}\n最后一段。\n", encoding="utf-8")


def markdown_quotes_too_deep(dirs: Dirs) -> None:
    (dirs.inputs / "quotes.md").write_text("# 标题\n\n" + "> " * 25 + "引文。\n", encoding="utf-8")


def html_tag_flood(dirs: Dirs) -> None:
    body = "<p>中</p>" * ((2 * MB - 200) // 11)
    (dirs.inputs / "flood.html").write_text(
        f"<html><body><article><h1>标题</h1>{body}</article></body></html>", encoding="utf-8"
    )


def html_deep(dirs: Dirs) -> None:
    depth = 5_000
    (dirs.inputs / "deep.html").write_text(
        "<html><body><article><h1>标题</h1>"
        + "<div>" * depth
        + "<p>中文。</p>"
        + "</div>" * depth
        + "</article></body></html>",
        encoding="utf-8",
    )


def terms_too_many(dirs: Dirs) -> None:
    rows = "".join(f"词{n}\tterm {n}\n" for n in range(100_001))
    (dirs.inputs / "many.tsv").write_text("zh\ten\n" + rows, encoding="utf-8")


def long_text(name: str, chars: int) -> Callable[[Dirs], None]:
    def make(dirs: Dirs) -> None:
        (dirs.inputs / name).write_text("The park " * (chars // 9 + 1), encoding="utf-8")

    return make


def bad_utf8_stdin(dirs: Dirs) -> None:
    (dirs.inputs / "latin1.txt").write_bytes(b"The park caf\xe9.\n")


def name_with_newline(dirs: Dirs) -> None:
    (dirs.inputs / "evil\nname.txt").write_text("no Chinese here\n", encoding="utf-8")


def name_with_escape(dirs: Dirs) -> None:
    (dirs.inputs / "evil\x1b[2Jname.txt").write_text("no Chinese here\n", encoding="utf-8")


def tmx_clash(dirs: Dirs) -> None:
    shutil.copy2(INPUTS / "tm-no-english.tmx", dirs.inputs / "office.tmx")


def _c(*parts: Case) -> list[Case]:
    return list(parts)


# -- the table ------------------------------------------------------------------------------------


def imp(id: str, file: str, expect: str, *extra: str, **kw: object) -> Case:
    """`import {in}/FILE`, FILE copied from the inputs unless a `make` generates it."""
    files = () if "make" in kw else (file,)
    return Case(id, ("import", f"{{in}}/{file}", *extra), expect, files=files, **kw)  # type: ignore[arg-type]


IMPORT = _c(
    imp("import-missing", "nothing.txt", "no such file", make=lambda d: None),
    imp("import-folder", "", "is a folder", make=lambda d: None),
    imp("import-fifo", "pipe.txt", "not a regular file", make=fifo("pipe.txt")),
    Case("import-device", ("import", "/dev/zero"), "not a regular file"),
    imp("import-empty", "article-empty.txt", "empty"),
    imp("import-blank", "article-blank.txt", "empty"),
    imp("import-english", "article-english.txt", "no Chinese"),
    imp("import-png", "article-png.txt", "PNG image"),
    imp("import-pdf", "article-pdf.md", "PDF"),
    imp("import-zip", "article-zip.html", "ZIP archive"),
    imp("import-random-bytes", "article-random.txt", "article-random.txt"),
    imp("import-nul", "article-nul.txt", "article-nul.txt"),
    imp("import-esc", "article-esc.txt", "U+001B"),
    imp("import-osc-title", "article-osc-title.txt", "U+001B"),
    imp("import-bel-front-matter", "article-bel.md", "U+0007"),
    imp("import-c1", "article-c1.txt", "U+009B"),
    imp("import-utf16-lone-surrogate", "article-utf16-surrogate.txt", "utf-16"),
    imp("import-html-only-nav", "article-only-nav.html", "no article"),
    imp("import-html-only-script", "article-only-script.html", "no"),
    imp("import-xhtml-entity-bomb", "article-entities.xhtml", "article-entities.xhtml"),
    imp("import-xhtml-xxe", "article-xxe.xhtml", "article-xxe.xhtml"),
    imp("import-yaml-billion-laughs", "fm-billion-laughs.md", "front matter"),
    imp("import-yaml-billion-laughs-deeper", "fm-billion-laughs-deeper.md", "front matter"),
    imp("import-yaml-alias-maps", "fm-aliases-map.md", "front matter"),
    imp("import-yaml-recursive", "fm-recursive.md", "front matter"),
    imp("import-yaml-recursive-map", "fm-recursive-map.md", "front matter"),
    imp("import-yaml-deep-flow", "fm-deep.md", "front matter"),
    imp("import-yaml-deep-block", "fm-deep-block.md", "front matter"),
    imp("import-yaml-python-tag", "fm-python-tag.md", "front matter"),
    imp("import-yaml-not-mapping", "fm-not-mapping.md", "front matter"),
    imp("import-yaml-invalid", "fm-invalid.md", "front matter"),
    imp("import-yaml-escape-in-title", "fm-esc-title.md", "U+001B"),
    imp("import-yaml-nul-in-title", "fm-nul-escape.md", "U+0000"),
    imp("import-yaml-binary", "fm-binary-tag.md", "front matter"),
    imp("import-yaml-key-flood", "fm-key-flood.md", "front matter"),
    imp(
        "import-over-size-limit",
        "huge.txt",
        "over the limit of 2.0 MB",
        make=sparse("huge.txt", 3 * MB),
    ),
    imp("import-dense-sentences", "dense.txt", "limit of 10,000", make=dense_sentences),
    imp("import-many-paragraphs", "paragraphs.txt", "limit of 10,000", make=many_paragraphs),
    imp("import-markdown-list-flood", "flood.md", "limit", make=markdown_list_flood),
    imp("import-markdown-nested-flood", "nested.md", "limit", make=markdown_nested_flood),
    imp("import-markdown-lists-too-deep", "deep.md", "levels deep", make=markdown_too_deep),
    imp(
        "import-markdown-quotes-too-deep", "quotes.md", "levels deep", make=markdown_quotes_too_deep
    ),
    imp("import-html-tag-flood", "flood.html", "limit", make=html_tag_flood),
    imp("import-html-deep", "deep.html", "levels deep", make=html_deep),
    imp("import-name-with-newline", "evil\nname.txt", "no Chinese", make=name_with_newline),
    imp("import-name-with-escape", "evil\x1b[2Jname.txt", "no Chinese", make=name_with_escape),
    imp(
        "import-slug-newline",
        "catalog-source.zh.txt",
        "not a valid slug",
        "--slug",
        "good\nINJECTED",
    ),
    imp(
        "import-slug-escape", "catalog-source.zh.txt", "not a valid slug", "--slug", "a\x1b]0;x\x07"
    ),
    imp(
        "import-slug-traversal",
        "catalog-source.zh.txt",
        "not a valid slug",
        "--slug",
        "../../outside",
    ),
    imp("import-slug-absolute", "catalog-source.zh.txt", "not a valid slug", "--slug", "/tmp/x"),
    imp("import-slug-empty", "catalog-source.zh.txt", "not a valid slug", "--slug", ""),
    imp("import-slug-too-long", "catalog-source.zh.txt", "not a valid slug", "--slug", "a" * 300),
    imp("import-slug-exists", "catalog-source.zh.txt", "already exists", "--slug", SECOND),
    imp(
        "import-slug-half-made",
        "catalog-source.zh.txt",
        "no en.po",
        "--slug",
        "half",
        make=lambda d: (shutil.copy2(INPUTS / "catalog-source.zh.txt", d.inputs), half_made(d)),
    ),
    imp(
        "import-slug-symlink-out",
        "catalog-source.zh.txt",
        "outside the workspace",
        "--slug",
        "evil",
        make=lambda d: (
            shutil.copy2(INPUTS / "catalog-source.zh.txt", d.inputs),
            link_article_out(d),
        ),
    ),
    imp(
        "import-update-symlink-out",
        "catalog-source.zh.txt",
        "outside the workspace",
        "--slug",
        "evil",
        "--update",
        make=lambda d: (
            shutil.copy2(INPUTS / "catalog-source.zh.txt", d.inputs),
            link_article_out(d),
        ),
    ),
    imp(
        "import-articles-dir-symlink-out",
        "catalog-source.zh.txt",
        "outside the workspace",
        "--slug",
        "fresh",
        make=lambda d: (
            shutil.copy2(INPUTS / "catalog-source.zh.txt", d.inputs),
            link_articles_dir_out(d),
        ),
    ),
    imp(
        "import-cache-symlink-out",
        "catalog-source.zh.txt",
        "outside the workspace",
        "--slug",
        "fresh",
        make=lambda d: (
            shutil.copy2(INPUTS / "catalog-source.zh.txt", d.inputs),
            link_cache_out(d),
        ),
    ),
)

ARTICLES = _c(
    Case("status-symlink-out", ("status", "evil"), "outside the workspace", make=link_article_out),
    Case("status-all-symlink-out", ("status",), "outside the workspace", make=link_article_out),
    Case(
        "translate-symlink-out",
        ("translate", "evil", "p1.s1", "Hi."),
        "outside the workspace",
        make=link_article_out,
    ),
    Case(
        "translate-catalog-symlink-out",
        ("translate", "linked", "p1.s1", "Hi."),
        "outside the workspace",
        make=link_catalog_out,
    ),
    Case(
        "export-symlink-out",
        ("export", "evil", "--format", "json", "--allow-partial"),
        "outside the workspace",
        make=link_article_out,
    ),
    Case("translate-escape", ("translate", SECOND, "p1.s1", "The \x1b[2Jpark."), "U+001B"),
    Case("translate-osc", ("translate", SECOND, "p1.s1", "\x1b]52;c;eA==\x07The park."), "U+001B"),
    Case("translate-c1", ("translate", SECOND, "p1.s1", "The park\u009b."), "U+009B"),
    Case("translate-line-separator", ("translate", SECOND, "p1.s1", "The\u2028park."), "U+2028"),
    Case("translate-empty", ("translate", SECOND, "p1.s1", "   "), "empty"),
    Case(
        "translate-stdin-over-limit",
        ("translate", SECOND, "p1.s1", "-"),
        "limit",
        make=long_text("long.txt", 3 * MB),
        stdin="long.txt",
    ),
    Case(
        "translate-text-over-limit",
        ("translate", SECOND, "p1.s1", "-"),
        "limit",
        make=long_text("long.txt", 30_000),
        stdin="long.txt",
    ),
    Case(
        "translate-stdin-not-utf8",
        ("translate", SECOND, "p1.s1", "-"),
        "UTF-8",
        make=bad_utf8_stdin,
        stdin="latin1.txt",
    ),
    Case(
        "translate-id-newline", ("translate", SECOND, "p1.s1\nINJECTED", "Hi."), "not a segment id"
    ),
    Case("translate-id-escape", ("translate", SECOND, "p1\x1b[31m.s1", "Hi."), "not a segment id"),
    Case("translate-unknown-id", ("translate", SECOND, "p99.s1", "Hi."), "p99.s1"),
    Case("translate-slug-newline", ("translate", "x\ny", "p1.s1", "Hi."), "not a valid slug"),
    Case(
        "translate-slug-traversal", ("translate", "../outside", "p1.s1", "Hi."), "not a valid slug"
    ),
    Case("translate-unknown-slug", ("translate", "nothing-here", "p1.s1", "Hi."), "no article"),
    Case(
        "translate-user-escape",
        ("translate", SECOND, "p1.s1", "Hi."),
        "not in [people]",
        user="ev\x1b[2Jil",
    ),
    Case("approve-translator", ("approve", FIRST, "p1.s1"), "editor", code=1, user="li"),
    Case("approve-id-newline", ("approve", FIRST, "p1.s1\nx"), "not a segment id"),
    Case("approve-nothing-named", ("approve", FIRST), "name the segments"),
    Case("reject-reason-escape", ("reject", FIRST, "p1.s1", "--reason", "bad\x1b[2J"), "U+001B"),
    Case("reject-reason-empty", ("reject", FIRST, "p1.s1", "--reason", " "), "reason"),
    Case("reject-reason-over-limit", ("reject", FIRST, "p1.s1", "--reason", "x" * 5000), "limit"),
    Case(
        "export-not-publishable", ("export", SECOND, "--format", "json"), "not publishable", code=1
    ),
    Case("export-to-folder", ("export", FIRST, "--format", "md", "-o", "{out}"), "folder"),
    Case(
        "export-to-missing-folder",
        ("export", FIRST, "--format", "md", "-o", "{out}/no/such/x.md"),
        "does not exist",
    ),
    Case("export-bad-format", ("export", FIRST, "--format", "docx"), "docx"),
    Case(
        "export-path-newline",
        ("export", FIRST, "--format", "md", "-o", "{out}/a\nb/x.md"),
        "does not exist",
    ),
    Case("qa-unknown-slug-escape", ("qa", "evil\x1b[2J"), "not a valid slug"),
    Case("ui-without-terminal", ("ui",), "terminal"),
    Case("bare-without-terminal", (), "terminal"),
    Case("workspace-is-a-file", ("--workspace", "{out}/secret.txt", "status"), "secret.txt"),
    Case("workspace-without-settings", ("--workspace", "{out}", "status"), "cipbilingual.toml"),
)

CATALOGS = _c(
    Case("catalog-escape-status", ("status", "hand-edited"), "U+001B", make=catalog("esc-msgstr")),
    Case(
        "catalog-escape-export",
        ("export", "hand-edited", "--format", "txt", "--allow-partial"),
        "U+001B",
        make=catalog("esc-msgstr"),
    ),
    Case("catalog-c1-qa", ("qa", "hand-edited"), "U+009B", make=catalog("c1-msgstr")),
    Case(
        "catalog-c1-draft-tm",
        ("draft", "hand-edited", "--engine", "tm"),
        "U+009B",
        make=catalog("c1-msgstr"),
    ),
    Case("catalog-nul-status", ("status", "hand-edited"), "en.po", make=catalog("nul")),
    Case(
        "catalog-unterminated-translate",
        ("translate", "hand-edited", "p1.s1", "Hi."),
        "en.po:",
        make=catalog("unterminated"),
    ),
    Case("catalog-duplicate-id-status", ("status",), "appears twice", make=catalog("duplicate-id")),
    Case(
        "catalog-bad-id-status",
        ("status", "hand-edited"),
        "not a segment id",
        make=catalog("bad-id"),
    ),
    Case("catalog-escape-in-id", ("status", "hand-edited"), "en.po:", make=catalog("esc-id")),
    Case(
        "catalog-unknown-state",
        ("status", "hand-edited"),
        "unknown state",
        make=catalog("unknown-state"),
    ),
    Case("catalog-nan-score", ("status", "hand-edited"), "origin", make=catalog("nan-score")),
    Case("catalog-format-99", ("status", "hand-edited"), "format 99", make=catalog("format-99")),
    Case(
        "catalog-bad-front-matter",
        ("status", "hand-edited"),
        "header",
        make=catalog("bad-front-matter"),
    ),
    Case(
        "catalog-unknown-charset",
        ("status", "hand-edited"),
        "KLINGON-8",
        make=catalog("unknown-charset"),
    ),
    Case(
        "catalog-utf16-charset", ("status", "hand-edited"), "UTF-16", make=catalog("utf16-charset")
    ),
    Case(
        "catalog-latin1-bytes",
        ("status", "hand-edited"),
        "not valid utf-8",
        make=catalog("latin1-bytes"),
    ),
    Case(
        "catalog-escape-in-reason", ("status", "hand-edited"), "U+001B", make=catalog("esc-comment")
    ),
    Case("catalog-escape-in-title", ("status", "hand-edited"), "U+001B", make=catalog("esc-title")),
    Case(
        "catalog-over-limit", ("status", "hand-edited"), "over the limit", make=catalog_over_limit
    ),
    Case(
        "catalog-tm-export", ("tm", "export", "{out}/all.tmx"), "U+001B", make=catalog("esc-msgstr")
    ),
    Case(
        "catalog-glossary-check",
        ("glossary", "check", "--all"),
        "U+009B",
        make=catalog("c1-msgstr"),
    ),
)

GLOSSARY = _c(
    Case("glossary-add-escape", ("glossary", "add", "园区", "the \x1b[31mPark"), "U+001B"),
    Case("glossary-add-escape-in-source", ("glossary", "add", "园\x1b区", "the Park"), "U+001B"),
    Case(
        "glossary-add-osc-note",
        ("glossary", "add", "园区", "the Park", "--note", "\x1b]52;c;eA==\x07"),
        "U+001B",
    ),
    Case(
        "glossary-add-bel-abbreviation",
        ("glossary", "add", "园区", "the Park", "-a", "P\x07"),
        "U+0007",
    ),
    Case(
        "glossary-add-c1-forbidden",
        ("glossary", "add", "园区", "the Park", "--forbid", "Zone\u009b"),
        "U+009B",
    ),
    Case("glossary-add-line-separator", ("glossary", "add", "园区", "the\u2028Park"), "U+2028"),
    Case("glossary-add-empty", ("glossary", "add", " ", "the Park"), "empty"),
    Case("glossary-add-too-long", ("glossary", "add", "园区", "Park " * 1000), "limit"),
    Case("glossary-edit-escape", ("glossary", "edit", "以色列", "--note", "\x1b[2J"), "U+001B"),
    Case("glossary-remove-unknown-escape", ("glossary", "remove", "无\x1b[2J"), "not in the"),
    Case("glossary-import-missing", ("glossary", "import", "{in}/none.tsv"), "no such file"),
    Case(
        "glossary-import-folder",
        ("glossary", "import", "{in}/x.tsv"),
        "folder",
        make=lambda d: (d.inputs / "x.tsv").mkdir(),
    ),
    Case(
        "glossary-import-fifo",
        ("glossary", "import", "{in}/pipe.tsv"),
        "not a regular file",
        make=fifo("pipe.tsv"),
    ),
    Case(
        "glossary-import-escape",
        ("glossary", "import", "{in}/terms-esc.tsv"),
        "U+001B",
        files=("terms-esc.tsv",),
    ),
    Case(
        "glossary-import-osc-note",
        ("glossary", "import", "{in}/terms-osc-note.tsv"),
        "U+001B",
        files=("terms-osc-note.tsv",),
    ),
    Case(
        "glossary-import-c1-csv",
        ("glossary", "import", "{in}/terms-c1.csv"),
        "U+009B",
        files=("terms-c1.csv",),
    ),
    Case(
        "glossary-import-nul-csv",
        ("glossary", "import", "{in}/terms-nul.csv"),
        "terms-nul",
        files=("terms-nul.csv",),
    ),
    Case(
        "glossary-import-bel-source",
        ("glossary", "import", "{in}/terms-bel-source.tsv"),
        "U+0007",
        files=("terms-bel-source.tsv",),
    ),
    Case(
        "glossary-import-line-separator",
        ("glossary", "import", "{in}/terms-ls.tsv"),
        "U+2028",
        files=("terms-ls.tsv",),
    ),
    Case(
        "glossary-import-escaped-delete",
        ("glossary", "import", "{in}/terms-escaped-esc.tsv"),
        "U+007F",
        files=("terms-escaped-esc.tsv",),
    ),
    Case(
        "glossary-import-gbk",
        ("glossary", "import", "{in}/terms-gbk.tsv"),
        "UTF-8",
        files=("terms-gbk.tsv",),
    ),
    Case(
        "glossary-import-no-header",
        ("glossary", "import", "{in}/terms-no-header.tsv"),
        "terms-no-header.tsv",
        files=("terms-no-header.tsv",),
    ),
    Case(
        "glossary-import-no-english",
        ("glossary", "import", "{in}/terms-no-en.tsv"),
        "terms-no-en.tsv",
        files=("terms-no-en.tsv",),
    ),
    Case(
        "glossary-import-ragged",
        ("glossary", "import", "{in}/terms-ragged.tsv"),
        "cells",
        files=("terms-ragged.tsv",),
    ),
    Case(
        "glossary-import-bad-quote",
        ("glossary", "import", "{in}/terms-bad-quote.csv"),
        "CSV",
        files=("terms-bad-quote.csv",),
    ),
    Case(
        "glossary-import-conflict",
        ("glossary", "import", "{in}/terms-conflict.tsv"),
        "terms-conflict.tsv",
        files=("terms-conflict.tsv",),
    ),
    Case(
        "glossary-import-bad-flag",
        ("glossary", "import", "{in}/terms-bad-flag.tsv"),
        "yes or no",
        files=("terms-bad-flag.tsv",),
    ),
    Case(
        "glossary-import-long-term",
        ("glossary", "import", "{in}/terms-long.tsv"),
        "limit",
        files=("terms-long.tsv",),
    ),
    Case(
        "glossary-import-empty",
        ("glossary", "import", "{in}/terms-empty.tsv"),
        "empty",
        files=("terms-empty.tsv",),
    ),
    Case(
        "glossary-import-header-only",
        ("glossary", "import", "{in}/terms-header-only.tsv"),
        "no terms",
        files=("terms-header-only.tsv",),
    ),
    Case(
        "glossary-import-over-size",
        ("glossary", "import", "{in}/huge.tsv"),
        "over the limit of 64.0 MB",
        make=sparse("huge.tsv", 65 * MB),
    ),
    Case(
        "glossary-import-too-many-terms",
        ("glossary", "import", "{in}/many.tsv"),
        "100,000",
        make=terms_too_many,
    ),
    Case(
        "glossary-import-tbx-entity-bomb",
        ("glossary", "import", "{in}/terms-laughs.tbx"),
        "DTD",
        files=("terms-laughs.tbx",),
    ),
    Case(
        "glossary-import-tbx-xxe",
        ("glossary", "import", "{in}/terms-xxe.tbx"),
        "DTD",
        files=("terms-xxe.tbx",),
    ),
    Case(
        "glossary-import-tbx-c1",
        ("glossary", "import", "{in}/terms-esc.tbx"),
        "U+009B",
        files=("terms-esc.tbx",),
    ),
    Case(
        "glossary-import-tbx-malformed",
        ("glossary", "import", "{in}/terms-malformed.tbx"),
        "XML",
        files=("terms-malformed.tbx",),
    ),
    Case(
        "glossary-import-tbx-wrong-root",
        ("glossary", "import", "{in}/terms-wrong-root.tbx"),
        "not a TBX",
        files=("terms-wrong-root.tbx",),
    ),
    Case(
        "glossary-import-unknown-format",
        ("glossary", "import", "{in}/terms.docx"),
        "format",
        make=text_file("terms.docx", "zh\ten\n"),
    ),
    Case(
        "glossary-export-to-folder",
        ("glossary", "export", "{out}/x.tsv"),
        "folder",
        make=lambda d: (d.outside / "x.tsv").mkdir(),
    ),
    Case(
        "glossary-export-missing-folder", ("glossary", "export", "{out}/no/x.tbx"), "does not exist"
    ),
    Case(
        "glossary-list-escape-in-catalog",
        ("glossary", "list"),
        "U+001B",
        make=glossary_file("glossary-esc.po"),
    ),
    Case(
        "glossary-export-c1-in-catalog",
        ("glossary", "export", "{out}/g.tbx"),
        "U+009B",
        make=glossary_file("glossary-c1-note.po"),
    ),
    Case(
        "glossary-bad-status-in-catalog",
        ("glossary", "list"),
        "status",
        make=glossary_file("glossary-bad-status.po"),
    ),
    Case(
        "glossary-unterminated-catalog",
        ("glossary", "add", "园区", "the Park"),
        "glossary.po:",
        make=glossary_file("glossary-unterminated.po"),
    ),
    Case(
        "glossary-catalog-over-limit",
        ("glossary", "list"),
        "over the limit",
        make=glossary_over_limit,
    ),
    Case(
        "glossary-symlink-out-add",
        ("glossary", "add", "园区", "the Park"),
        "outside the workspace",
        make=link_glossary_out,
    ),
    Case(
        "glossary-symlink-out-list",
        ("glossary", "list"),
        "outside the workspace",
        make=link_glossary_out,
    ),
)

TM = _c(
    Case("tm-import-c1", ("tm", "import", "{in}/tm-c1.tmx"), "U+009B", files=("tm-c1.tmx",)),
    Case(
        "tm-import-escape-reference",
        ("tm", "import", "{in}/tm-esc-ref.tmx"),
        "tm-esc-ref",
        files=("tm-esc-ref.tmx",),
    ),
    Case(
        "tm-import-line-separator",
        ("tm", "import", "{in}/tm-ls.tmx"),
        "U+2028",
        files=("tm-ls.tmx",),
    ),
    Case(
        "tm-import-entity-bomb",
        ("tm", "import", "{in}/tm-laughs.tmx"),
        "DTD",
        files=("tm-laughs.tmx",),
    ),
    Case("tm-import-xxe", ("tm", "import", "{in}/tm-xxe.tmx"), "DTD", files=("tm-xxe.tmx",)),
    Case(
        "tm-import-malformed",
        ("tm", "import", "{in}/tm-malformed.tmx"),
        "line",
        files=("tm-malformed.tmx",),
    ),
    Case(
        "tm-import-wrong-root",
        ("tm", "import", "{in}/tm-wrong-root.tmx"),
        "not a TMX",
        files=("tm-wrong-root.tmx",),
    ),
    Case(
        "tm-import-no-english",
        ("tm", "import", "{in}/tm-no-english.tmx"),
        "English",
        files=("tm-no-english.tmx",),
    ),
    Case(
        "tm-import-empty", ("tm", "import", "{in}/tm-empty.tmx"), "empty", files=("tm-empty.tmx",)
    ),
    Case(
        "tm-import-binary",
        ("tm", "import", "{in}/tm-binary.tmx"),
        "tm-binary.tmx",
        files=("tm-binary.tmx",),
    ),
    Case("tm-import-missing", ("tm", "import", "{in}/none.tmx"), "no such file"),
    Case(
        "tm-import-fifo",
        ("tm", "import", "{in}/pipe.tmx"),
        "not a regular file",
        make=fifo("pipe.tmx"),
    ),
    Case(
        "tm-import-over-size",
        ("tm", "import", "{in}/huge.tmx"),
        "over the limit",
        make=sparse("huge.tmx", 600 * MB),
    ),
    Case("tm-import-clash", ("tm", "import", "{in}/office.tmx"), "already exists", make=tmx_clash),
    Case(
        "tm-import-tm-symlink-out",
        ("tm", "import", "{in}/tm-c1.tmx"),
        "outside the workspace",
        files=("tm-c1.tmx",),
        make=link_tm_out,
    ),
    Case("tm-export-to-folder", ("tm", "export", "{out}"), "directory"),
    Case("tm-export-missing-folder", ("tm", "export", "{out}/no/x.tmx"), "does not exist"),
    Case("tm-match-unknown-segment", ("tm", "match", SECOND, "p99.s9"), "p99.s9"),
    Case(
        "tm-match-symlink-out",
        ("tm", "match", "evil", "p1.s1"),
        "outside the workspace",
        make=link_article_out,
    ),
)

SETTINGS = _c(
    Case(
        "settings-invalid-toml",
        ("status",),
        "cipbilingual.toml",
        make=settings("toml-invalid.toml"),
    ),
    Case("settings-unknown-key", ("status",), "tm.fuzzy", make=settings("toml-unknown-key.toml")),
    Case("settings-person-escape", ("status",), "U+001B", make=settings("toml-person-esc.toml")),
    Case("settings-not-utf8", ("status",), "UTF-8", make=settings("toml-not-utf8.toml")),
    Case("settings-over-limit", ("status",), "over the limit", make=settings_over_limit),
    Case(
        "settings-house-word-escape",
        ("qa", "--all"),
        "U+001B",
        make=settings_edit("", '[qa.spelling]\nwords = ["Tech\\u001b[2Jnion"]\n'),
    ),
    Case(
        "settings-house-words-not-a-list",
        ("qa", "--all"),
        "list of strings",
        make=settings_edit("", '[qa.spelling]\nwords = "Technion"\n'),
    ),
    Case(
        "settings-style-unknown-form",
        ("qa", "--all"),
        '"%" or "percent"',
        make=settings_edit('form = "%"', 'form = "per cent"'),
    ),
    Case(
        "settings-style-numerals-not-whole",
        ("qa", "--all"),
        "a whole number",
        make=settings_edit("spell_out_below = 10", "spell_out_below = 1e308"),
    ),
    Case(
        "settings-url-credentials",
        ("draft", SECOND, "--engine", "libretranslate"),
        "LibreTranslate",
        make=settings("toml-url-key.toml"),
        forbidden=(SECRET, "newsroom:"),
    ),
    Case(
        "settings-url-credentials-bad-scheme",
        ("draft", SECOND, "--engine", "libretranslate"),
        "http",
        make=settings("toml-url-key-ftp.toml"),
        forbidden=(SECRET, "newsroom:"),
    ),
    Case(
        "env-url-credentials",
        ("draft", SECOND, "--engine", "libretranslate"),
        "LibreTranslate",
        env=(("CIPBILINGUAL_LIBRETRANSLATE_URL", f"http://desk:{SECRET}@127.0.0.1:9/"),),
        forbidden=(SECRET, "desk:"),
    ),
    Case("keymap-escape", ("ui",), "terminal", make=keymap("keymap-esc.toml")),
)

def model(name: str, members: dict[str, str] | None) -> Callable[[Dirs], None]:
    """A hostile .argosmodel built here (the repository ignores *.argosmodel): a zip of
    `members`, or with None a file that is no zip at all."""

    def make(dirs: Dirs) -> None:
        import zipfile

        path = dirs.inputs / name
        if members is None:
            path.write_text("This is not a zip archive\n", encoding="utf-8")
            return
        with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
            for member, text in members.items():
                archive.writestr(member, text)

    return make


_ZH_EN = '{"type": "translate", "from_code": "zh", "to_code": "en", "package_version": "1.0"}'
_DE_EN = '{"type": "translate", "from_code": "de", "to_code": "en"}'

MT = _c(
    Case(
        "mt-install-not-zip",
        ("mt", "install", "{in}/model-not-zip.argosmodel"),
        "not a zip",
        make=model("model-not-zip.argosmodel", None),
    ),
    Case(
        "mt-install-traversal",
        ("mt", "install", "{in}/model-traversal.argosmodel"),
        "unsafe path",
        make=model(
            "model-traversal.argosmodel",
            {"pkg/metadata.json": _ZH_EN, "pkg/../../escape.txt": "x"},
        ),
    ),
    Case(
        "mt-install-wrong-pair",
        ("mt", "install", "{in}/model-wrong-pair.argosmodel"),
        "not a zh→en",
        make=model("model-wrong-pair.argosmodel", {"pkg/metadata.json": _DE_EN}),
    ),
    Case("mt-install-missing", ("mt", "install", "{in}/none.argosmodel"), "no such file"),
    Case(
        "mt-install-fifo",
        ("mt", "install", "{in}/pipe.argosmodel"),
        "not a regular file",
        make=fifo("pipe.argosmodel"),
    ),
)


def git_repository(name: str) -> Callable[[Dirs], None]:
    """The workspace as a git repository whose .gitattributes is inputs/NAME."""

    def make(dirs: Dirs) -> None:
        import subprocess

        subprocess.run(["git", "init", "-q", str(dirs.ws)], check=True)
        shutil.copy2(INPUTS / name, dirs.ws / ".gitattributes")

    return make


def xliff(id: str, name: str, expect: str, code: int = 2) -> Case:
    return Case(id, ("xliff", "import", f"{{in}}/{name}"), expect, code=code, files=(name,))


def align(id: str, zh: str, en: str, expect: str, **kw: object) -> Case:
    files = tuple(n for n in (zh, en) if (INPUTS / n).is_file() and "make" not in kw)
    return Case(id, ("align", f"{{in}}/{zh}", f"{{in}}/{en}"), expect, files=files, **kw)  # type: ignore[arg-type]


LATER = _c(
    Case("show-symlink-out", ("show", "evil"), "outside the workspace", make=link_article_out),
    Case("show-catalog-escape", ("show", "hand-edited"), "U+001B", make=catalog("esc-msgstr")),
    Case("show-catalog-nul", ("show", "hand-edited"), "en.po", make=catalog("nul")),
    Case(
        "silence-reason-escape",
        ("silence", FIRST, "p1.s1", "numbers", "--reason", "fine\x1b[2J"),
        "U+001B",
    ),
    Case(
        "silence-unknown-check-escape",
        ("silence", FIRST, "p1.s1", "no\x1b[2J", "--reason", "x"),
        "not a QA check",
    ),
    xliff("xliff-import-tool-escape", "xliff-tool-escape.xlf", "U+009B"),
    xliff("xliff-import-target-escape", "xliff-target-escape.xlf", "refused", code=1),
    xliff("xliff-import-entity-bomb", "xliff-laughs.xlf", "DTD"),
    xliff("xliff-import-xxe", "xliff-xxe.xlf", "DTD"),
    xliff("xliff-import-malformed", "xliff-malformed.xlf", "XML"),
    xliff("xliff-import-not-xliff", "xliff-not-xliff.xlf", "not an XLIFF"),
    xliff("xliff-import-binary", "article-png.txt", "not well-formed XML"),
    Case("xliff-import-missing", ("xliff", "import", "{in}/none.xlf"), "no such file"),
    Case(
        "xliff-import-fifo",
        ("xliff", "import", "{in}/pipe.xlf"),
        "not a regular file",
        make=fifo("pipe.xlf"),
    ),
    Case(
        "xliff-import-over-size",
        ("xliff", "import", "{in}/huge.xlf"),
        "over the limit of 64.0 MB",
        make=sparse("huge.xlf", 65 * MB),
    ),
    align("align-zh-escape", "align-zh-esc.txt", "align-en.txt", "U+001B"),
    align("align-en-escape", "catalog-source.zh.txt", "align-en-esc.txt", "U+001B"),
    align("align-zh-binary", "article-png.txt", "align-en.txt", "PNG image"),
    align("align-en-is-chinese", "catalog-source.zh.txt", "catalog-source.zh.txt", "English"),
    align("align-zh-missing", "none.txt", "align-en.txt", "no such file"),
    align(
        "align-zh-over-size",
        "huge.txt",
        "align-en.txt",
        "over the limit of 2.0 MB",
        make=lambda d: (
            sparse("huge.txt", 3 * MB)(d),
            shutil.copy2(INPUTS / "align-en.txt", d.inputs),
        ),
    ),
    align(
        "align-en-fifo",
        "catalog-source.zh.txt",
        "pipe.txt",
        "not a regular file",
        make=lambda d: (
            fifo("pipe.txt")(d),
            shutil.copy2(INPUTS / "catalog-source.zh.txt", d.inputs),
        ),
    ),
    Case(
        "align-slug-symlink-out",
        ("align", "{in}/catalog-source.zh.txt", "{in}/align-en.txt", "--slug", "evil"),
        "outside the workspace",
        files=("catalog-source.zh.txt", "align-en.txt"),
        make=link_article_out,
    ),
    Case("git-setup-not-a-repository", ("git", "setup"), "git"),
    Case(
        "git-setup-gitattributes-not-utf8",
        ("git", "setup"),
        "not UTF-8",
        make=git_repository("gitattributes-latin1"),
    ),
)


def history_over_limit(dirs: Dirs) -> None:
    with (dirs.ws / "articles" / SECOND / "history.jsonl").open("ab") as out:
        out.truncate(65 * MB)


def history_link_out(dirs: Dirs) -> None:
    history = dirs.ws / "articles" / SECOND / "history.jsonl"
    (dirs.outside / "history.jsonl").write_text("", encoding="utf-8")
    history.unlink(missing_ok=True)
    history.symlink_to(dirs.outside / "history.jsonl")


def manifest(content: bytes | None) -> Callable[[Dirs], None]:
    """articles/FIRST/published.json as given (None: a sparse file over the limit)."""

    def make(dirs: Dirs) -> None:
        path = dirs.ws / "articles" / FIRST / "published.json"
        if content is None:
            with path.open("wb") as out:
                out.truncate(40 * MB)
        else:
            path.write_bytes(content)

    return make


PUBLISHING = _c(
    Case(
        "changes-symlink-out", ("changes", "evil"), "outside the workspace", make=link_article_out
    ),
    Case(
        "changes-record-not-json",
        ("changes", FIRST),
        "published.json",
        make=manifest(b'{"slug": "x", [broken\n'),
    ),
    Case(
        "changes-record-not-utf8",
        ("changes", FIRST),
        "not UTF-8",
        make=manifest(b'{"slug": "caf\xe9"}\n'),
    ),
    Case(
        "changes-record-over-limit",
        ("changes", FIRST),
        "over the limit of 32.0 MB",
        make=manifest(None),
    ),
)

HISTORY = _c(
    Case("comment-escape", ("comment", SECOND, "p1.s1", "look\x1b[2J here"), "U+001B"),
    Case("comment-c1", ("comment", SECOND, "p1.s1", "look\u009b here"), "U+009B"),
    Case("comment-too-long", ("comment", SECOND, "p1.s1", "x" * 2001), "at most 2000"),
    Case(
        "comment-stdin-over-limit",
        ("comment", SECOND, "p1.s1", "-"),
        "limit",
        make=long_text("long.txt", 3 * MB),
        stdin="long.txt",
    ),
    Case(
        "comment-symlink-out",
        ("comment", "evil", "p1.s1", "hi"),
        "outside the workspace",
        make=link_article_out,
    ),
    Case("log-symlink-out", ("log", "evil"), "outside the workspace", make=link_article_out),
    Case(
        "log-history-over-limit",
        ("log", SECOND),
        "over the limit of 64.0 MB",
        make=history_over_limit,
    ),
    Case("log-history-link-out", ("log", SECOND), "history.jsonl", make=history_link_out),
    Case(
        "comment-history-link-out",
        ("comment", SECOND, "p1.s1", "hi"),
        "history.jsonl",
        make=history_link_out,
    ),
    Case("revert-unknown-version-escape", ("revert", SECOND, "p1.s1", "ab\x1b[2J"), "ab\\e"),
    Case("report-bad-date", ("report", "--since", "yesterday\x1b[2J"), "yesterday"),
)

CASES: list[Case] = [
    *IMPORT,
    *ARTICLES,
    *CATALOGS,
    *GLOSSARY,
    *TM,
    *SETTINGS,
    *MT,
    *LATER,
    *HISTORY,
    *PUBLISHING,
]
