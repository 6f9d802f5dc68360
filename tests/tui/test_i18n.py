"""The UI speaks English and Simplified Chinese; the shipped catalogs are complete and compiled."""

from __future__ import annotations

import gettext
import io
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from cipbilingual.errors import UsageError
from cipbilingual.tui import i18n
from cipbilingual.tui.screens.articles import ArticlesScreen

from .conftest import open_editor

REPO = Path(__file__).resolve().parents[2]
LOCALES = REPO / "src" / "cipbilingual" / "locales"
PO = LOCALES / "zh_CN" / "LC_MESSAGES" / "cipbilingual.po"
MO = PO.with_suffix(".mo")


@pytest.mark.parametrize(
    ("option", "env", "expected"),
    [
        ("zh_CN", {"LANG": "en_US.UTF-8"}, "zh_CN"),
        (None, {"LANG": "zh_CN.UTF-8"}, "zh_CN"),
        (None, {"LC_ALL": "zh_TW.UTF-8", "LANG": "en_US.UTF-8"}, "zh_CN"),
        (None, {"LANGUAGE": "en:zh", "LANG": "zh_CN.UTF-8"}, "en"),
        (None, {"LANG": "C.UTF-8", "LC_MESSAGES": ""}, "en"),
        (None, {}, "en"),
    ],
)
def test_language_from_option_else_environment(
    option: str | None, env: dict[str, str], expected: str
) -> None:
    assert i18n.resolve_language(option, env) == expected


def test_unknown_language_is_a_usage_error() -> None:
    with pytest.raises(UsageError):
        i18n.resolve_language("fr")


def test_dates_are_formatted_in_the_ui_language() -> None:
    i18n.set_language("zh_CN")
    assert i18n.format_date("2019-12-10T10:05:00+08:00") == "2019年12月10日"
    i18n.set_language("en")
    assert i18n.format_date("2019-12-10") == "Dec 10, 2019"
    assert i18n.format_date("not a date") == "not a date"


def test_compiled_catalog_matches_its_source() -> None:
    with PO.open("rb") as f:
        catalog = read_po(f)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    fresh = gettext.GNUTranslations(compiled)
    with MO.open("rb") as f:
        shipped = gettext.GNUTranslations(f)
    # By their messages: the header ("" key) names the Babel release that compiled it, which a
    # new Babel release changes without any message changing.
    assert _messages(shipped) == _messages(fresh), "run: python scripts/ui_catalogs.py"


def _messages(catalog: gettext.GNUTranslations) -> dict[Any, str]:
    messages: dict[Any, str] = catalog._catalog  # type: ignore[attr-defined]
    return {key: text for key, text in messages.items() if key != ""}


def test_every_ui_string_is_translated() -> None:
    done = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "ui_catalogs.py"), "--check"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, (
        done.stderr + "\nrun: python scripts/ui_catalogs.py, then translate"
    )


async def test_the_chinese_ui(build: Any) -> None:
    app = build("li", "zh_CN")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause(0.3)
        assert isinstance(app.screen, ArticlesScreen)
        listing = app.screen.query_one("#articles")
        assert listing.headings[:3] == ["标题", "日期", "进度"]
        editor = await open_editor(pilot, "work-plan")
        descriptions = {b.binding.description for b in editor.active_bindings.values()}
        assert {"确认", "下一句", "批准"} <= descriptions
        assert app.user_label() == "li (译者)"
        assert editor.query_one("#target").border_subtitle is not None
