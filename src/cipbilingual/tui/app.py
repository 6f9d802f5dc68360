"""The application object: who is acting, which screens exist, and how the UI is started and
stopped so that no edit is lost. `build_app` is the one factory the CLI and the tests use."""

from __future__ import annotations

import weakref
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import ClassVar

from textual.app import App
from textual.command import CommandPalette
from textual.reactive import reactive

from cipbilingual.errors import CipError
from cipbilingual.models import Role, SegmentId
from cipbilingual.tui import i18n, keymap
from cipbilingual.tui.commands import ActionsProvider
from cipbilingual.tui.dialogs.choice import ChoiceDialog
from cipbilingual.tui.dialogs.user import UserDialog, role_name
from cipbilingual.tui.i18n import _
from cipbilingual.tui.screens.articles import ArticlesScreen
from cipbilingual.tui.screens.base import CipScreen
from cipbilingual.tui.screens.editor import EditorScreen
from cipbilingual.tui.screens.glossary import GlossaryScreen
from cipbilingual.tui.screens.help import HelpScreen
from cipbilingual.tui.screens.report import ReportScreen
from cipbilingual.tui.screens.review import ReviewScreen
from cipbilingual.tui.services import Services
from cipbilingual.workflow.editing import EditConflict, Step
from cipbilingual.workspace import Workspace

DARK, LIGHT = "textual-dark", "textual-light"


class CipApp(App[None]):
    """The terminal UI of one workspace, for one acting person at a time."""

    CSS_PATH = "app.tcss"
    TITLE = "cipbilingual"
    BINDINGS: ClassVar = keymap.bindings("app")
    COMMANDS: ClassVar = {ActionsProvider}

    user: reactive[str] = reactive("", init=False)

    def __init__(
        self,
        services: Services,
        user: str,
        *,
        slug: str | None = None,
        keymap_overrides: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__()
        keymap.localize_bindings(self)
        self.services = services
        self.set_reactive(CipApp.user, user)
        self.keymap_overrides = dict(keymap_overrides or {})
        self._start_slug = slug
        self._editors: weakref.WeakSet[EditorScreen] = weakref.WeakSet()
        self.exit_notes: list[str] = []
        self._flushed = False

    # -- people -----------------------------------------------------------------------------
    @property
    def role(self) -> Role | None:
        return self.services.role_of(self.user)

    def user_label(self) -> str:
        if not self.user:
            return _("nobody is acting (F5)")
        return f"{self.user} ({role_name(self.role)})"

    def set_user(self, person: str) -> None:
        """Act as `person`, who must be in [people]; raises NotFoundError otherwise."""
        from cipbilingual.workflow.people import require_person

        require_person(self.services.ws.settings, person)
        self.user = person

    def watch_user(self) -> None:
        for screen in self.screen_stack:
            if isinstance(screen, CipScreen):
                screen.on_user_changed()
        self.refresh_bindings()

    # -- screens ----------------------------------------------------------------------------
    def on_mount(self) -> None:
        self.set_keymap(self.keymap_overrides)
        if self._start_slug:
            # The articles screen is built when first asked for, so the article paints sooner.
            self.open_article(self._start_slug)
        else:
            self.push_screen(ArticlesScreen())
        if self.role is None:
            if self.user:
                self.notify(
                    _("{person} is not in [people] of cipbilingual.toml.").format(person=self.user),
                    severity="warning",
                )
            self.action_switch_user()

    def open_article(
        self, slug: str, focus: SegmentId | None = None, draft_engine: str | None = None
    ) -> None:
        editor = EditorScreen(slug, focus=focus, draft_engine=draft_engine)
        self._editors.add(editor)
        self.push_screen(editor)

    def _raise(self, kind: type[CipScreen]) -> bool:
        """Pop screens until one of `kind` is on top; False if there is none."""
        if not any(isinstance(s, kind) for s in self.screen_stack):
            return False
        while not isinstance(self.screen, kind):
            self.pop_screen()
        return True

    def action_articles(self) -> None:
        if not self._raise(ArticlesScreen):
            # Started on one article: close it (saving its edit) and show every article.
            while len(self.screen_stack) > 1:
                self.pop_screen()
            self.push_screen(ArticlesScreen())

    def action_review(self) -> None:
        if not self._raise(ReviewScreen):
            self.push_screen(ReviewScreen())

    def action_report(self) -> None:
        if not self._raise(ReportScreen):
            self.push_screen(ReportScreen())

    def action_glossary(self) -> None:
        if not self._raise(GlossaryScreen):
            self.push_screen(GlossaryScreen())

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_switch_user(self) -> None:
        def chosen(person: str | None) -> None:
            if not person:
                return
            try:
                self.set_user(person)
            except CipError as exc:
                self.notify(exc.message, severity="error")
                return
            self.notify(_("Now acting as {person}.").format(person=self.user_label()))

        self.push_screen(UserDialog(self.services.people(), self.user), chosen)

    def action_help_quit(self) -> None:
        # Ctrl+C outside the English box: say how to quit (nothing is lost either way).
        self.notify(_("Press Ctrl+Q to save and quit."), timeout=3)

    def action_toggle_theme(self) -> None:
        self.theme = LIGHT if self.theme == DARK else DARK

    def action_command_palette(self) -> None:
        if not CommandPalette.is_open(self):  # type: ignore[arg-type]
            self.push_screen(CommandPalette(placeholder=_("Search for actions…")))

    # -- quitting ---------------------------------------------------------------------------
    def open_editors(self) -> list[EditorScreen]:
        return [s for s in self.screen_stack if isinstance(s, EditorScreen)]

    async def action_quit(self) -> None:
        """Save every open edit, wait for the saves, then exit. An unsettled conflict is asked
        about first: nothing is overwritten and nothing is dropped without the person saying so."""
        for editor in self.open_editors():
            if editor.has_conflict():
                self.push_screen(
                    ChoiceDialog(
                        _("Your text for {id} conflicts with a change on disk").format(
                            id=editor.current
                        ),
                        [
                            ("keep", _("Keep my text and quit")),
                            ("theirs", _("Take their text and quit")),
                            ("stay", _("Do not quit")),
                        ],
                    ),
                    lambda choice, e=editor: self._settle_and_quit(e, choice),
                )
                return
        for editor in self.open_editors():
            editor.save_now()
        saves = self.services.saves
        self.run_worker(lambda: saves.drain(), thread=True, group="quit")

    def _settle_and_quit(self, editor: EditorScreen, choice: str | None) -> None:
        if choice == "keep":
            editor.action_keep_mine()
        elif choice == "theirs":
            editor.action_take_theirs()
        else:
            return
        self.call_next(self.action_quit)

    def on_worker_state_changed(self, event: object) -> None:
        worker = getattr(event, "worker", None)
        if worker is not None and worker.group == "quit" and worker.is_finished:
            self.exit()

    def flush_on_exit(self) -> list[str]:
        """After the UI has stopped (normally, by a crash or Ctrl-C): wait for queued saves and
        save any edit still pending. An edit that conflicts with the disk is written to a
        recovery file instead. Returns one line per such file."""
        if self._flushed:
            return []
        self._flushed = True
        notes = list(self.exit_notes)
        saves = self.services.saves
        try:
            saves.drain()
        except TimeoutError:
            # A save stuck behind another process's lock: the pending edit below still goes
            # to disk or to a recovery file.
            notes.append(_("Some saves did not finish in time."))
        for editor in list(self._editors):
            edit = editor.pending_edit(include_conflicted=True)
            if edit is None:
                continue
            try:
                self.services.save(edit, self.user, Step.SAVE)
            except (EditConflict, CipError) as exc:
                folder = self.services.ws.cache_dir / "recovery"
                folder.mkdir(parents=True, exist_ok=True)
                stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
                path = folder / f"{edit.slug}-{edit.segment_id}-{stamp}.txt"
                path.write_text(edit.text + "\n", encoding="utf-8")
                notes.append(
                    _("Not saved ({why}); your text for {slug} {id} is in {path}").format(
                        why=exc, slug=edit.slug, id=edit.segment_id, path=path
                    )
                )
        saves.close()
        return notes


def build_app(
    workspace: Workspace, user: str, lang: str | None = None, slug: str | None = None
) -> CipApp:
    """The UI for `workspace`, acting as `user`, in `lang` (en, zh_CN; None: from the
    environment), opening article `slug` if given. Raises ConfigError for a bad keymap file,
    NotFoundError for an unknown slug, UsageError for an unknown language."""
    i18n.set_language(i18n.resolve_language(lang))
    overrides = keymap.load_keymap()
    if slug is not None and not workspace.exists(slug):
        workspace.load(slug)  # raises NotFoundError with the hint
    return CipApp(Services(workspace), user, slug=slug, keymap_overrides=overrides)


def run_app(app: CipApp) -> list[str]:
    """Run the UI until it stops, then make sure every edit is on disk; returns notes for the
    person (recovery files), to print after the terminal is restored."""
    try:
        app.run()
    finally:
        notes = app.flush_on_exit()
    return notes
