"""Hostile input through the UI's dialogs (import, export, term, reject): each is refused with one
error notification that holds no raw control character, the app keeps running, and no file in
the workspace or outside it changes. The same inputs as the CLI's hostile corpus where they apply
(tests/hostile/)."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path
from typing import Any

from cipbilingual.models import State
from cipbilingual.tui.dialogs.files import ExportDialog, ImportDialog
from cipbilingual.tui.dialogs.reject import RejectDialog
from cipbilingual.tui.dialogs.term import TermDialog
from cipbilingual.tui.screens.articles import ArticlesScreen
from cipbilingual.tui.screens.glossary import GlossaryScreen
from cipbilingual.workspace import Workspace
from tests.tui.conftest import open_editor, wait_for

INPUTS = Path(__file__).resolve().parents[1] / "hostile" / "inputs"
CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus"
RAW = [chr(c) for c in range(0x20)] + [chr(c) for c in range(0x7F, 0xA0)] + ["\u2028"]


def snapshot(*roots: Path) -> dict[str, str]:
    out: dict[str, str] = {}
    for root in roots:
        for folder, subdirs, files in os.walk(root):
            subdirs[:] = [d for d in subdirs if d != ".cipbilingual"]
            for name in files:
                path = Path(folder) / name
                out[str(path)] = (
                    f"link {os.readlink(path)}"
                    if path.is_symlink()
                    else hashlib.sha256(path.read_bytes()).hexdigest()
                    if path.is_file()
                    else "other"
                )
            for name in subdirs:
                path = Path(folder) / name
                out[str(path)] = f"link {os.readlink(path)}" if path.is_symlink() else "dir"
    return out


async def refused(pilot: Any, seen: int, expect: str) -> None:
    """Wait for one more error notification; it says `expect` on one clean line."""
    app = pilot.app
    await wait_for(
        pilot,
        lambda: len([n for n in app._notifications if n.severity == "error"]) > seen,
        f"an error saying {expect!r}",
    )
    message = [n for n in app._notifications if n.severity == "error"][-1].message
    assert expect in message, message
    assert not any(ch in message for ch in RAW), repr(message)


def errors(app: Any) -> int:
    return len([n for n in app._notifications if n.severity == "error"])


async def test_import_dialog_refuses_hostile_files_and_slugs(
    build: Any, ws: Workspace, tmp_path: Path
) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    outside = tmp_path / "outside"
    shutil.copytree(ws.article_dir("work-plan"), outside / "evil")
    for name in ("fm-billion-laughs-deeper.md", "article-esc.txt", "article-png.txt"):
        shutil.copy2(INPUTS / name, inputs / name)
    os.mkfifo(inputs / "pipe.txt")
    with (inputs / "huge.txt").open("wb") as out:
        out.truncate(3 * 1024 * 1024)
    good = CORPUS / "cip-2019-12-10-work-plan-meeting.zh.txt"
    cases = [
        (inputs / "fm-billion-laughs-deeper.md", "", "front matter is refused"),
        (inputs / "article-esc.txt", "", "U+001B"),
        (inputs / "article-png.txt", "", "PNG image"),
        (inputs / "pipe.txt", "", "not a regular file"),
        (inputs / "huge.txt", "", "over the limit of 2.0 MB"),
        (inputs, "", "is a folder"),
        (inputs / "nothing.txt", "", "no such file"),
        (good, "meeting\nINJECTED", "not a valid slug"),
        (good, "a\x1b]0;x\x07", "not a valid slug"),
        (good, "evil", "outside the workspace"),  # last: made just before, see below
    ]
    app = build("li")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        await wait_for(pilot, lambda: len(screen.rows) == 2, "the articles")
        before = snapshot(ws.root, outside, inputs)
        for file, slug, expect in cases:
            if slug == "evil":
                # A link leading out, made last: the articles list refuses it too, on refresh.
                (ws.articles_dir / "evil").symlink_to(outside / "evil")
                before[str(ws.articles_dir / "evil")] = f"link {outside / 'evil'}"
            seen = errors(app)
            await pilot.press("i")
            assert isinstance(app.screen, ImportDialog)
            app.screen.query_one("#file").value = str(file)
            app.screen.query_one("#slug").value = slug
            await pilot.press("enter")
            await refused(pilot, seen, expect)
            assert isinstance(app.screen, ArticlesScreen)
    assert snapshot(ws.root, outside, inputs) == before


async def test_export_dialog_refuses_places_it_cannot_write(
    build: Any, ws: Workspace, tmp_path: Path
) -> None:
    (tmp_path / "a-folder.md").mkdir()
    cases = [
        (tmp_path / "a-folder.md", "a folder"),
        (tmp_path / "no" / "such" / "x.md", "no such folder"),
        (tmp_path / "a\nb" / "x.md", "no such folder"),
    ]
    before = snapshot(ws.root, tmp_path)
    app = build("li")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: app.screen.rows, "the articles")
        for dest, expect in cases:
            seen = errors(app)
            await pilot.press("e")
            assert isinstance(app.screen, ExportDialog)
            app.screen.query_one("#dest").value = str(dest)
            await pilot.press("enter")
            await refused(pilot, seen, expect)
    assert snapshot(ws.root, tmp_path) == before


async def test_term_dialog_refuses_control_characters_and_giants(build: Any, ws: Workspace) -> None:
    cases = [
        ({"source": "园区", "target": "the \x1b[31mPark"}, "U+001B"),
        ({"source": "园\x07区", "target": "the Park"}, "U+0007"),
        ({"source": "园区", "target": "the Park", "note": "\x1b]52;c;eA==\x07"}, "U+001B"),
        ({"source": "园区", "target": "the Park\u009b"}, "U+009B"),
        ({"source": "园区", "target": "Park " * 400}, "over the limit of 1,000"),
    ]
    before = snapshot(ws.root)
    app = build("li")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f4")
        assert isinstance(app.screen, GlossaryScreen)
        await pilot.press("enter")  # leave the search box, which has the focus from the start
        for fields, expect in cases:
            seen = errors(app)
            await pilot.press("n")
            assert isinstance(app.screen, TermDialog)
            for name, value in fields.items():
                app.screen.query_one(f"#{name}").value = value
            await pilot.press("enter")
            await refused(pilot, seen, expect)
            assert isinstance(app.screen, GlossaryScreen)
    assert snapshot(ws.root) == before


async def test_reject_dialog_refuses_a_reason_with_control_characters(
    build: Any, ws: Workspace
) -> None:
    before = snapshot(ws.root)
    app = build("wang", slug="work-plan")
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await open_editor(pilot)
        assert str(editor.current) == "t.s1"
        await pilot.press("ctrl+down")  # p1.s1, the machine draft
        for reason, expect in (("bad\x1b[2J", "U+001B"), ("x" * 2001, "over the limit of 2,000")):
            seen = errors(app)
            await pilot.press("alt+r")
            assert isinstance(app.screen, RejectDialog)
            app.screen.query_one("#reason").value = reason
            await pilot.press("enter")
            await refused(pilot, seen, expect)
    assert snapshot(ws.root) == before
    assert ws.load("work-plan").segment("p1.s1").state is State.DRAFT
