"""Every key binding of the UI, with an id, a description and a tooltip, in one table; the
person's keymap file (`keymap.toml` in the user config folder) remaps them by id.

Screens take their BINDINGS from here, the Help screen lists this table, and the command palette
offers every action in it.
"""

from __future__ import annotations

import dataclasses
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from textual.binding import Binding, BindingType
from textual.dom import DOMNode

from cipbilingual import limits, paths
from cipbilingual.errors import ConfigError, InputError
from cipbilingual.tui.i18n import N_, _

KEYMAP_FILE = "keymap.toml"


@dataclass(frozen=True)
class Key:
    """One binding: its stable id, default keys, the action it runs and what it says."""

    id: str
    keys: str
    action: str
    description: str  # marked with N_, translated where shown
    tooltip: str = ""
    show: bool = True
    priority: bool = False

    def binding(self) -> Binding:
        return Binding(
            self.keys,
            self.action,
            self.description,
            show=self.show,
            priority=self.priority,
            tooltip=self.tooltip,
            id=self.id,
        )


@dataclass(frozen=True)
class Section:
    name: str  # screen or widget the keys belong to
    title: str  # N_-marked heading for the Help screen
    keys: tuple[Key, ...]


def _insert_keys() -> tuple[Key, ...]:
    return tuple(
        Key(
            f"editor.insert_{n}",
            f"alt+{n},{n}",
            f"insert_suggestion({n})",
            N_("Insert suggestion"),
            N_("Put suggestion number N into the English"),
            show=False,
        )
        for n in range(1, 10)
    )


SILENCE_HELP = N_(  # the editor's and the review queue's silence key say the same
    "Silence a QA finding of the segment with a reason, or take a silence back "
    "(an error takes an editor)"
)

SECTIONS: tuple[Section, ...] = (
    Section(
        "app",
        N_("Everywhere"),
        (
            Key(
                "app.quit",
                "ctrl+q",
                "quit",
                N_("Quit"),
                N_("Save your edit and quit"),
                priority=True,
            ),
            Key("app.help", "f1", "help", N_("Help"), N_("Every key, and what it does")),
            Key(
                "app.articles",
                "f2",
                "articles",
                N_("Articles"),
                N_("The articles of the workspace"),
                show=False,
            ),
            Key(
                "app.review",
                "f3",
                "review",
                N_("Review"),
                N_("Translated segments waiting for an editor"),
            ),
            Key(
                "app.glossary",
                "f4",
                "glossary",
                N_("Glossary"),
                N_("Browse, search, add and edit terms"),
                show=False,
            ),
            Key(
                "app.report",
                "f7",
                "report",
                N_("Report"),
                N_("Who translated, approved and sent back what, per person"),
                show=False,
            ),
            Key(
                "app.switch_user",
                "f5",
                "switch_user",
                N_("User"),
                N_("Act as another person of this workspace"),
            ),
            Key(
                "app.palette",
                "ctrl+p",
                "command_palette",
                N_("Actions"),
                N_("Search and run any action"),
                show=False,
            ),
            Key(
                "app.toggle_theme",
                "f6",
                "toggle_theme",
                N_("Theme"),
                N_("Switch between the dark and the light theme"),
                show=False,
            ),
        ),
    ),
    Section(
        "articles",
        N_("Articles"),
        (
            Key("articles.open", "enter", "open", N_("Open"), N_("Open the article in the editor")),
            Key(
                "articles.import",
                "i",
                "import_file",
                N_("Import"),
                N_("Import a Chinese article from a file"),
            ),
            Key(
                "articles.draft",
                "d",
                "draft",
                N_("Draft with MT"),
                N_("Draft the new segments with machine translation"),
            ),
            Key(
                "articles.export",
                "e",
                "export",
                N_("Export"),
                N_("Export the approved English to a file"),
            ),
            Key(
                "articles.search",
                "slash,ctrl+f",
                "search",
                N_("Search"),
                N_("Show only articles whose title or slug contains a word"),
            ),
            Key(
                "articles.sort",
                "s",
                "sort",
                N_("Sort"),
                N_("Sort by the next column: date, title, progress, QA errors, last act, slug"),
            ),
            Key(
                "articles.close_search",
                "escape",
                "focus_list",
                N_("Close search"),
                N_("Clear the search and go back to the list"),
                show=False,
            ),
            Key(
                "articles.reverse_sort",
                "S",
                "reverse_sort",
                N_("Reverse"),
                N_("Reverse the order of the list"),
                show=False,
            ),
            Key(
                "articles.links",
                "l",
                "links",
                N_("Links"),
                N_("Fix the sentence links of an article made by aligning two files"),
                show=False,
            ),
            Key(
                "articles.refresh",
                "r",
                "refresh",
                N_("Refresh"),
                N_("Read the articles again from disk"),
                show=False,
            ),
        ),
    ),
    Section(
        "article_list",
        N_("Article list"),
        (
            Key("article_list.down", "down,j", "cursor_down", N_("Down"), show=False),
            Key("article_list.up", "up,k", "cursor_up", N_("Up"), show=False),
            Key("article_list.page_down", "pagedown", "page_down", N_("Page down"), show=False),
            Key("article_list.page_up", "pageup", "page_up", N_("Page up"), show=False),
            Key("article_list.first", "home", "first", N_("First"), show=False),
            Key("article_list.last", "end", "last", N_("Last"), show=False),
        ),
    ),
    Section(
        "editor",
        N_("Editor"),
        (
            Key(
                "editor.confirm_next",
                "ctrl+s",
                "confirm_next",
                N_("Confirm"),
                N_("Confirm the English (translated) and go to the next segment"),
            ),
            Key("editor.next", "ctrl+down", "next", N_("Next"), N_("Go to the next segment")),
            Key(
                "editor.previous",
                "ctrl+up",
                "previous",
                N_("Previous"),
                N_("Go to the previous segment"),
                show=False,
            ),
            Key(
                "editor.next_new",
                "alt+n,n",
                "next_state('new')",
                N_("Next new"),
                N_("Go to the next segment without English"),
                show=False,
            ),
            Key(
                "editor.next_draft",
                "alt+d,d",
                "next_state('draft')",
                N_("Next draft"),
                N_("Go to the next machine or memory draft"),
                show=False,
            ),
            Key(
                "editor.next_finding",
                "alt+f,f",
                "next_finding",
                N_("Next finding"),
                N_("Go to the next segment with QA findings"),
                show=False,
            ),
            Key(
                "editor.apply_fix",
                "alt+e,e",
                "apply_fix",
                N_("Fix"),
                N_("Make the change the first finding marked ✎ proposes (spelling, house style)"),
                show=False,
            ),
            Key(
                "editor.silence",
                "alt+s,s",
                "silence",
                N_("Silence"),
                SILENCE_HELP,
                show=False,
            ),
            Key(
                "editor.copy_source",
                "alt+c,c",
                "copy_source",
                N_("Copy source"),
                N_("Put the Chinese into the English box"),
                show=False,
            ),
            Key(
                "editor.insert_best",
                "ctrl+g",
                "insert_suggestion(1)",
                N_("Take suggestion 1"),
                N_("Put the first suggestion (MT draft or best TM match) into the English"),
            ),
            *_insert_keys(),
            Key(
                "editor.search",
                "ctrl+f,slash",
                "search",
                N_("Search"),
                N_("Search the segments and filter them by state"),
            ),
            Key(
                "editor.approve_next",
                "alt+a,a",
                "approve_next",
                N_("Approve"),
                N_("Approve the segment and go to the next (editors only)"),
            ),
            Key(
                "editor.reject",
                "alt+r,r",
                "reject",
                N_("Reject"),
                N_("Send the segment back with a reason (editors only)"),
            ),
            Key(
                "editor.history",
                "alt+h,h",
                "history",
                N_("History"),
                N_("Show or hide the segment's history and comments"),
            ),
            Key(
                "editor.comment",
                "alt+o,o",
                "comment",
                N_("Comment"),
                N_("Comment on the segment; @name addresses a person"),
                show=False,
            ),
            Key(
                "editor.draft",
                "alt+m",
                "draft",
                N_("Draft with MT"),
                N_("Draft the article's new segments with machine translation"),
                show=False,
            ),
            Key(
                "editor.cancel_draft",
                "alt+x",
                "cancel_draft",
                N_("Stop drafting"),
                N_("Stop the machine translation run"),
                show=False,
            ),
            Key(
                "editor.keep_mine",
                "alt+k",
                "keep_mine",
                N_("Keep mine"),
                N_("Keep your version: over a change made on disk, or in a merge conflict"),
                show=False,
            ),
            Key(
                "editor.take_theirs",
                "alt+t",
                "take_theirs",
                N_("Take theirs"),
                N_("Take theirs: the change made on disk, or their side of a merge conflict"),
                show=False,
            ),
            Key(
                "editor.focus_list",
                "escape",
                "focus_list",
                N_("Segments"),
                N_("Leave the English box for the segment list"),
                show=False,
            ),
        ),
    ),
    Section(
        "target",
        N_("English box"),
        (
            Key(
                "target.confirm",
                "enter",
                "screen.confirm_next",
                N_("Confirm"),
                N_("Confirm the English and go to the next segment"),
                show=False,
                priority=True,
            ),
        ),
    ),
    Section(
        "history",
        N_("Segment history"),
        (
            Key(
                "history.revert",
                "r",
                "revert",
                N_("Revert"),
                N_("Put this version's English back (a new translation by you)"),
            ),
            Key(
                "history.resolve",
                "x",
                "resolve",
                N_("Resolve"),
                N_("Resolve the highlighted comment"),
            ),
            Key(
                "history.close",
                "escape",
                "close",
                N_("Back"),
                N_("Back to the English box"),
                show=False,
            ),
        ),
    ),
    Section(
        "segments",
        N_("Segment list"),
        (
            Key(
                "segments.edit",
                "enter",
                "edit",
                N_("Edit"),
                N_("Edit the English of this segment"),
                show=False,
            ),
            Key("segments.down", "down,j", "cursor_down", N_("Down"), show=False),
            Key("segments.up", "up,k", "cursor_up", N_("Up"), show=False),
            Key("segments.page_down", "pagedown", "page_down", N_("Page down"), show=False),
            Key("segments.page_up", "pageup", "page_up", N_("Page up"), show=False),
            Key("segments.first", "home", "first", N_("First"), show=False),
            Key("segments.last", "end", "last", N_("Last"), show=False),
        ),
    ),
    Section(
        "review",
        N_("Review"),
        (
            Key(
                "review.approve",
                "a",
                "approve",
                N_("Approve"),
                N_("Approve the segment (editors only)"),
            ),
            Key(
                "review.reject",
                "r",
                "reject",
                N_("Reject"),
                N_("Send the segment back with a reason (editors only)"),
            ),
            Key(
                "review.silence",
                "s",
                "silence",
                N_("Silence"),
                SILENCE_HELP,
                show=False,
            ),
            Key(
                "review.resolve",
                "x",
                "resolve",
                N_("Resolve"),
                N_("Resolve the comment addressed to you"),
            ),
            Key("review.open", "enter", "open", N_("Open"), N_("Open the segment in the editor")),
            Key(
                "review.refresh",
                "ctrl+r",
                "refresh",
                N_("Refresh"),
                N_("Read the queue again from disk"),
                show=False,
            ),
        ),
    ),
    Section(
        "report",
        N_("Work report"),
        (
            Key(
                "report.since",
                "slash,ctrl+f",
                "since",
                N_("Since"),
                N_("Type the date the report starts from"),
            ),
            Key(
                "report.refresh",
                "ctrl+r",
                "refresh",
                N_("Refresh"),
                N_("Count again from the histories"),
                show=False,
            ),
        ),
    ),
    Section(
        "links",
        N_("Sentence links"),
        (
            Key(
                "links.merge",
                "m",
                "merge",
                N_("Merge"),
                N_("Join this link with the next one"),
            ),
            Key(
                "links.split",
                "s",
                "split",
                N_("Split"),
                N_("Keep the first sentence of each side here; the rest becomes the next link"),
            ),
            Key(
                "links.english_down",
                "d",
                "english_down",
                N_("English ↓"),
                N_("Move this link's last English sentence to the next link"),
            ),
            Key(
                "links.english_up",
                "u",
                "english_up",
                N_("English ↑"),
                N_("Take the next link's first English sentence into this link"),
            ),
            Key(
                "links.chinese_down",
                "D",
                "chinese_down",
                N_("Chinese ↓"),
                N_("Move this link's last Chinese sentence to the next link"),
                show=False,
            ),
            Key(
                "links.chinese_up",
                "U",
                "chinese_up",
                N_("Chinese ↑"),
                N_("Take the next link's first Chinese sentence into this link"),
                show=False,
            ),
            Key(
                "links.open",
                "enter",
                "open",
                N_("Open"),
                N_("Open the link's segment in the editor"),
            ),
            Key(
                "links.refresh",
                "ctrl+r",
                "refresh",
                N_("Refresh"),
                N_("Read the links again from disk"),
                show=False,
            ),
        ),
    ),
    Section(
        "glossary",
        N_("Glossary"),
        (
            Key("glossary.search", "slash,ctrl+f", "search", N_("Search"), N_("Search the terms")),
            Key("glossary.add", "n,plus", "add", N_("Add"), N_("Add a term")),
            Key("glossary.edit", "enter,e", "edit", N_("Edit"), N_("Edit the term")),
        ),
    ),
    Section(
        "dialog",
        N_("Dialogs and help"),
        (
            Key(
                "dialog.close",
                "escape",
                "close",
                N_("Close"),
                N_("Close without changing anything"),
            ),
        ),
    ),
)


def section(name: str) -> Section:
    for sect in SECTIONS:
        if sect.name == name:
            return sect
    raise KeyError(name)


def bindings(name: str) -> list[BindingType]:
    """The Textual bindings of one section, for a class's BINDINGS."""
    return [key.binding() for key in section(name).keys]


def all_keys() -> dict[str, Key]:
    return {key.id: key for sect in SECTIONS for key in sect.keys}


def localize_bindings(node: DOMNode) -> None:
    """Translate the descriptions and tooltips of `node`'s bindings into the UI language.

    BINDINGS are class attributes built once at import, while the UI language is chosen per app,
    so each instance's own copy of its bindings is translated when it is created."""
    table = node._bindings.key_to_bindings
    node._bindings.key_to_bindings = {
        key: [
            dataclasses.replace(
                b,
                description=_(b.description) if b.description else "",
                tooltip=_(b.tooltip) if b.tooltip else "",
            )
            for b in items
        ]
        for key, items in table.items()
    }


def keymap_path() -> Path:
    return paths.user_config_dir() / KEYMAP_FILE


def load_keymap(path: Path | None = None) -> dict[str, str]:
    """The person's key overrides, `binding id -> "key[,key]"`, from the [keys] table of
    keymap.toml; {} when there is no file. Raises ConfigError naming the file and the key."""
    file = path or keymap_path()
    if not file.is_file():
        return {}
    try:
        data = limits.read_file(file, limits.SETTINGS_FILE, "a keymap")
    except InputError as exc:
        raise ConfigError(exc.message, hint=exc.hint) from None
    try:
        raw = tomllib.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{file}: {exc}") from None
    table = raw.get("keys", {})
    if not isinstance(table, Mapping) or set(raw) - {"keys"}:
        raise ConfigError(f'{file}: expected one table [keys] of binding id = "key"')
    known = all_keys()
    out: dict[str, str] = {}
    for binding_id, keys in table.items():
        if binding_id not in known:
            raise ConfigError(
                f"{file}: unknown binding id '{binding_id}'",
                hint="the Help screen (F1) lists every id",
            )
        if not isinstance(keys, str) or not keys.strip():
            raise ConfigError(f'{file}: keys.{binding_id} must be a key such as "ctrl+s"')
        out[binding_id] = ",".join(k.strip() for k in keys.split(","))
    return out
