"""Fixtures for UI tests: a workspace with a translator and an editor and two articles, and the
app built through the same factory as the CLI."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from cipbilingual.models import (
    Approval,
    Article,
    ArticleMeta,
    Block,
    BlockKind,
    Origin,
    Segment,
    SegmentId,
    State,
    approval_digest,
)
from cipbilingual.workspace import Workspace

CONFIG = """\
[people]
li = "translator"
wang = "editor"

[mt]
engine = "tm"
"""

SOURCES = [
    ["中以常州创新园举行工作会议。"],
    ["会议由园区管委会主任主持。", "与会人员讨论了2020年工作计划。"],
    ["园区今年引进了36个以色列项目。", "项目总投资达3.6亿元。"],
]


def make_article(slug: str, title: str, paragraphs: list[list[str]]) -> Article:
    blocks = [Block(0, BlockKind.TITLE)]
    segments = [Segment(SegmentId(0, 1), title)]
    for b, sentences in enumerate(paragraphs, start=1):
        blocks.append(Block(b, BlockKind.PARAGRAPH))
        segments.extend(Segment(SegmentId(b, n), s) for n, s in enumerate(sentences, start=1))
    return Article(ArticleMeta(slug, title=title, date="2019-12-10"), blocks, segments)


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    return make_workspace(tmp_path / "newsroom")


def make_workspace(root: Path) -> Workspace:
    """A workspace: translator li, editor wang; article `approved-one` fully approved by wang
    (one of its sentences is also in the other article, for the TM), article `work-plan` new
    except a machine draft on p1.s1."""
    (root / "articles").mkdir(parents=True)
    (root / "cipbilingual.toml").write_text(CONFIG, encoding="utf-8")
    workspace = Workspace.open(root)
    first = make_article(
        "approved-one", "中以创新园", [["园区位于常州。", "项目总投资达3.6亿元。"]]
    )
    approved = [
        "China-Israel Innovation Park",
        "The park is in Changzhou.",
        "Total investment reached 360 million yuan.",  # the same sentence as work-plan p3.s2
    ]
    for seg, english in zip(first.segments, approved, strict=True):
        seg.target, seg.state, seg.translator = english, State.APPROVED, "li"
        seg.approval = Approval(
            "wang", "2019-11-25T10:00:00Z", approval_digest(seg.id, seg.source, english)
        )
    second = make_article("work-plan", "创新园召开工作会议", SOURCES)
    draft = second.segment("p1.s1")
    draft.target = draft.machine_draft = "The CIP held a work meeting."
    draft.state, draft.origin = State.DRAFT, Origin("argos", "zh-en 1.9", 0.82)
    for article in (first, second):
        workspace.article_dir(article.slug).mkdir()
        keep_source(workspace, article)
        workspace.save(article)
    return workspace


def keep_source(workspace: Workspace, article: Article) -> None:
    """Write the article's source as an imported one is kept (the publish gate compares the
    catalog with it): a title line, then one line per paragraph."""
    lines = [article.meta.title]
    for block, segments in article.by_block():
        if block.index:
            lines.append("".join(s.source for s in segments))
    name = "source.zh.txt"
    (workspace.article_dir(article.slug) / name).write_text(
        "\n\n".join(lines) + "\n", encoding="utf-8"
    )
    article.meta.source_file = name


@pytest.fixture
def build(ws: Workspace) -> Callable[..., object]:
    from cipbilingual.tui.app import build_app

    def _build(user: str = "li", lang: str = "en", slug: str | None = None) -> object:
        return build_app(ws, user, lang, slug)

    return _build


def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    """Run `async def` tests of this folder on a fresh event loop (no plugin needed)."""
    import asyncio
    import inspect

    if not inspect.iscoroutinefunction(pyfuncitem.obj):
        return None
    names = pyfuncitem._fixtureinfo.argnames
    kwargs = {name: pyfuncitem.funcargs[name] for name in names}
    asyncio.run(pyfuncitem.obj(**kwargs))
    return True


async def open_editor(pilot: Any, slug: str | None = None) -> Any:
    """Wait until the editor on top has loaded its article (opening `slug` first if given)."""
    from cipbilingual.tui.screens.editor import EditorScreen

    app = pilot.app
    if slug is not None:
        app.open_article(slug)

    def loaded() -> bool:
        screen = app.screen
        return (
            isinstance(screen, EditorScreen) and screen.article is not None and bool(screen.current)
        )

    await wait_for(pilot, loaded, "the editor to load its article")
    return app.screen


async def settle(pilot: Any) -> None:
    """Wait until every queued save has finished and its result has been handled."""
    saves = pilot.app.services.saves
    await wait_for(pilot, lambda: not saves.busy(), "the saves")
    await pilot.pause(0.05)


async def dialog_ready(pilot: Any, kind: type) -> Any:
    """The dialog of `kind` once it is on top and one of its own widgets has the focus, so keys
    typed next reach it (a dialog just pushed may not have focused its input yet on a busy
    machine, and the keys would be lost)."""
    app = pilot.app

    def ready() -> bool:
        focused = app.focused
        return isinstance(app.screen, kind) and focused is not None and focused.screen is app.screen

    await wait_for(pilot, ready, f"the {kind.__name__} to take the focus")
    return app.screen


async def wait_for(
    pilot: Any, condition: Callable[[], object], what: str = "condition", timeout: float = 15
) -> None:
    """Poll `condition` while the app runs; generous, as the test machine may be busy."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError(f"timed out waiting for {what}")
