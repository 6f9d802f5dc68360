"""What the crash harness kills: each function repeats one kind of write forever, through the
same use cases the CLI and the UI call, numbering each round so a survivor can tell old from
new. It prints "ready" once everything is imported and the first round may start."""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

from cipbilingual.workspace import Workspace

FIRST = "2019-11-24-wang-quan-zai-zhong-yi-chang-zhou"
SECOND = "2019-12-10-zhong-yi-chang-zhou-chuang-xin-yuan"
# A long English text per segment, so one save writes a catalog of a few hundred kilobytes.
PADDING = "The China-Israel Changzhou Innovation Park (CIP) " * 40


def _ready() -> None:
    print("ready", flush=True)


def article_saves(root: str) -> None:
    """Save the second article again and again: round n gives every segment 'save n …'."""
    ws = Workspace.open(Path(root))
    _ready()
    for n in itertools.count():
        with ws.edit(SECOND) as article:
            for segment in article.segments:
                segment.target = f"save {n} {PADDING}"


def in_place_article_saves(root: str) -> None:
    """The benchmark's anchor: the same saves as `article_saves`, written in place (the file
    truncated, then written and synced chunk by chunk as a streaming writer does), to show what
    writing beside the file and renaming it prevents."""
    import os

    from cipbilingual.store import dumps_article

    ws = Workspace.open(Path(root))
    path = ws.catalog_path(SECOND)
    _ready()
    for n in itertools.count():
        article = ws.load(SECOND)
        for segment in article.segments:
            segment.target = f"save {n} {PADDING}"
        data = dumps_article(article).encode("utf-8")
        with path.open("wb") as out:
            for start in range(0, len(data), 4096):
                out.write(data[start : start + 4096])
                out.flush()
                os.fsync(out.fileno())


def glossary_saves(root: str) -> None:
    """Add the terms 词语0, 词语1, … one save each."""
    from cipbilingual.models import Term
    from cipbilingual.workflow.glossary import add_term

    ws = Workspace.open(Path(root))
    _ready()
    for n in itertools.count():
        add_term(ws, Term(f"词语{n}", f"term {n}"))


def imports(root: str, source: str) -> None:
    """Import the same article as imp-0, imp-1, …"""
    from cipbilingual.workflow.articles import import_article

    ws = Workspace.open(Path(root))
    _ready()
    for n in itertools.count():
        import_article(ws, Path(source), f"imp-{n}")


def tm_imports(root: str, first: str, second: str) -> None:
    """Import two versions of agency.tmx in turn, each replacing the other."""
    from cipbilingual.workflow.tm import import_tmx

    ws = Workspace.open(Path(root))
    files = [Path(first), Path(second)]
    _ready()
    for n in itertools.count():
        import_tmx(ws, files[n % 2], replace=True)


def exports(root: str, out: str) -> None:
    """Export the approved article to one file, as HTML and as Markdown in turn."""
    from cipbilingual.store import atomic_write_text
    from cipbilingual.workflow.articles import export_article

    ws = Workspace.open(Path(root))
    _ready()
    for n in itertools.count():
        text = export_article(ws, FIRST, "html" if n % 2 == 0 else "md", bilingual=True)
        atomic_write_text(Path(out), text)


if __name__ == "__main__":
    globals()[sys.argv[1]](*sys.argv[2:])
