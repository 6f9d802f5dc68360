"""Engines by name: argos (local), libretranslate (a shared server), tm (translation memory)."""

from __future__ import annotations

from pathlib import Path

from cipbilingual.config import Settings
from cipbilingual.errors import EngineError
from cipbilingual.mt.base import Engine

ENGINE_NAMES: tuple[str, ...] = ("argos", "libretranslate", "tm")


def engine_for(name: str | None, settings: Settings, ws_root: Path) -> Engine:
    """The engine called `name` (default: mt.engine from the settings), configured from the
    workspace's settings. Cheap: models load and servers are contacted on first use. Raises
    EngineError for an unknown name, a missing model or an unconfigured server."""
    chosen = (name or settings.mt.engine).strip().lower()
    if chosen == "argos":
        from cipbilingual.mt.argos import ArgosEngine

        return ArgosEngine.from_settings(settings.mt)
    if chosen == "libretranslate":
        from cipbilingual.mt.libretranslate import LibreTranslateEngine

        return LibreTranslateEngine.from_settings(settings.mt)
    if chosen == "tm":
        from cipbilingual.mt.tm import TMEngine
        from cipbilingual.workspace import Workspace

        engine: Engine = TMEngine.for_workspace(Workspace(ws_root, settings))
        return engine
    raise EngineError(
        f"unknown MT engine '{chosen}'", hint=f"choose one of: {', '.join(ENGINE_NAMES)}"
    )
