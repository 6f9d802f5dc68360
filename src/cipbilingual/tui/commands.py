"""The command palette: every action of the app and of the current screen, from the binding
table, with its key; actions not available now say why instead of running."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import Any

from textual.command import DiscoveryHit, Hit, Hits, Provider

from cipbilingual.models import State
from cipbilingual.tui import keymap
from cipbilingual.tui.i18n import _
from cipbilingual.tui.widgets.text import state_name

SCREEN_SECTIONS = {
    "ArticlesScreen": "articles",
    "EditorScreen": "editor",
    "ReviewScreen": "review",
    "GlossaryScreen": "glossary",
    "AlignmentScreen": "links",
    "ReportScreen": "report",
}


@dataclass(frozen=True)
class Command:
    name: str
    help: str
    run: Callable[[], Any]


def _split_action(action: str) -> tuple[str, tuple[object, ...]]:
    name, _sep, rest = action.partition("(")
    if not rest:
        return name, ()
    args = rest.rstrip(")")
    params: tuple[object, ...] = tuple(
        int(a) if a.strip().isdigit() else a.strip().strip("'\"")
        for a in args.split(",")
        if a.strip()
    )
    return name, params


def commands_for(screen: Any, app: Any) -> Iterator[Command]:
    """The palette's entries for `screen`: the app's actions, then the screen's."""
    names = ["app"]
    section_name = SCREEN_SECTIONS.get(type(screen).__name__)
    if section_name:
        names.append(section_name)
    for name in names:
        node = app if name == "app" else screen
        for key in keymap.section(name).keys:
            action, params = _split_action(key.action)
            if action == "command_palette":
                continue
            title = _(key.description)
            if params and action == "insert_suggestion":
                title = f"{title} {params[0]}"
            keys = key.keys.split(",")[0]
            help_text = f"{keys} · {_(key.tooltip)}" if key.tooltip else keys
            allowed = node.check_action(action, params)
            if allowed:
                yield Command(title, help_text, partial(node.run_action, key.action))
            else:
                reason = _("Not available now: {why}").format(why=_(key.tooltip) or title)
                yield Command(title, reason, partial(app.notify, reason, severity="warning"))
    if section_name == "editor":
        set_filter = getattr(screen, "set_filter", None)
        if set_filter is not None:
            for state in State:
                label = _("Show only {state} segments").format(state=state_name(state))
                yield Command(
                    label, _("Filter the segment list by state"), partial(set_filter, "", state)
                )
            yield Command(
                _("Show only segments with findings"),
                _("Filter the segment list to the segments QA flags"),
                partial(set_filter, "", None, findings=True),
            )
            yield Command(
                _("Show all segments"),
                _("Clear the search and the filter"),
                partial(set_filter, "", None),
            )


class ActionsProvider(Provider):
    """Offers `commands_for` the screen the palette was opened on."""

    def _commands(self) -> list[Command]:
        return list(commands_for(self.screen, self.app))

    async def discover(self) -> Hits:
        for command in self._commands():
            yield DiscoveryHit(command.name, command.run, help=command.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in self._commands():
            score = max(matcher.match(command.name), matcher.match(command.help) * 0.5)
            if score > 0:
                yield Hit(score, matcher.highlight(command.name), command.run, help=command.help)
