from __future__ import annotations

from cipbilingual.models import State
from cipbilingual.tui.screens.editor import EditorScreen


async def test_type_and_confirm(build, ws) -> None:
    app = build("li", "en", "work-plan")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        for _ in range(20):
            if isinstance(app.screen, EditorScreen) and app.screen.article is not None:
                break
            await pilot.pause(0.05)
        screen = app.screen
        assert isinstance(screen, EditorScreen)
        assert str(screen.current) == "t.s1"
        await pilot.press(*"Innovation Park holds meeting")
        print("TEXT", repr(screen.target.text), app.focused)
        await pilot.press("enter")
        print("NOTES", [n.message for n in app._notifications])
        print("IDS", screen.segments_view.visible_ids(), screen.segments_view._rows[:4])
        print("TEXT2", repr(screen.target.text), app.focused, screen.current)
        await pilot.pause()
        assert str(screen.current) == "p1.s1"
        app.save_screenshot("/tmp/shot.svg")
        await app.action_quit()
        await pilot.pause(0.3)
    seg = ws.load("work-plan").segment("t.s1")
    assert seg.target == "Innovation Park holds meeting"
    assert seg.state is State.TRANSLATED
