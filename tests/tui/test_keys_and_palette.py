"""Bindings have ids and tooltips, a keymap file remaps them, the palette offers every action."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from cipbilingual.errors import ConfigError
from cipbilingual.models import State
from cipbilingual.tui import keymap
from cipbilingual.tui.commands import commands_for
from cipbilingual.tui.screens.help import HelpScreen
from cipbilingual.workspace import Workspace

from .conftest import open_editor, settle


def test_every_binding_has_an_id_a_description_and_ids_are_unique() -> None:
    ids = [key.id for sect in keymap.SECTIONS for key in sect.keys]
    assert len(ids) == len(set(ids))
    for sect in keymap.SECTIONS:
        for key in sect.keys:
            assert key.id.startswith(sect.name + ".") and key.description
            if key.show:
                assert key.tooltip, key.id


def test_keymap_file(tmp_path: Path) -> None:
    path = tmp_path / "keymap.toml"
    assert keymap.load_keymap(path) == {}
    path.write_text('[keys]\n"editor.confirm_next" = "ctrl+t, f9"\n', encoding="utf-8")
    assert keymap.load_keymap(path) == {"editor.confirm_next": "ctrl+t,f9"}
    path.write_text('[keys]\n"editor.nope" = "x"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=re.escape("unknown binding id 'editor.nope'")):
        keymap.load_keymap(path)
    path.write_text("[keys\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=re.escape(str(path))):
        keymap.load_keymap(path)


async def test_a_remapped_key_confirms(build: Any, ws: Workspace) -> None:
    keymap.keymap_path().parent.mkdir(parents=True, exist_ok=True)
    keymap.keymap_path().write_text('[keys]\n"editor.confirm_next" = "f9"\n', encoding="utf-8")
    try:
        app = build("li", slug="work-plan")
        async with app.run_test(size=(120, 40)) as pilot:
            editor = await open_editor(pilot)
            editor.target.insert_text("Remapped")
            await pilot.press("f9")
            assert str(editor.current) == "p1.s1"
            await settle(pilot)
    finally:
        keymap.keymap_path().unlink()
    assert ws.load("work-plan").segment("t.s1").state is State.TRANSLATED


async def test_palette_lists_every_action_and_says_why_one_is_disabled(build: Any) -> None:
    app = build("li", slug="work-plan")
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await open_editor(pilot)
        commands = {c.name: c for c in commands_for(editor, app)}
        for key in (*keymap.section("editor").keys, *keymap.section("app").keys):
            if key.action != "command_palette":
                assert any(name.startswith(key.description) for name in commands), key.id
        assert "editors only" in commands["Approve"].help
        assert commands["Approve"].help.startswith("Not available now")
        commands["Show only draft segments"].run()
        await pilot.pause()
        assert [str(s) for s in editor.segments_view.visible_ids()] == ["p1.s1"]


async def test_help_lists_every_binding(build: Any) -> None:
    app = build("li")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        table = app.screen.query_one("#keys")
        shown = {str(row_key.value) for row_key in table.rows}
        assert set(keymap.all_keys()) <= shown
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)
