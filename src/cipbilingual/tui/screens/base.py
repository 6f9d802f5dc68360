"""What every screen shares: translated bindings, the services, and running blocking calls in
thread workers whose results and errors come back on the UI thread.

Screens know the application only through `CipHost`, the little of it they use, so the app
module imports the screens and never the other way round."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, ClassVar, Protocol, TypeVar, cast, runtime_checkable

from textual import events
from textual.message_pump import MessagePump
from textual.screen import Screen
from textual.worker import Worker, get_current_worker

from cipbilingual.errors import CipError
from cipbilingual.models import Finding, Role, Segment, SegmentId, Severity
from cipbilingual.text import redact_urls, shown
from cipbilingual.tui import keymap
from cipbilingual.tui.i18n import _
from cipbilingual.tui.services import Services

if TYPE_CHECKING:
    from cipbilingual.tui.dialogs.silence import SilenceChoice

T = TypeVar("T")


@runtime_checkable
class CipHost(Protocol):
    """What screens ask of the application (`tui.app.CipApp` provides it)."""

    services: Services
    keymap_overrides: Mapping[str, str]

    @property
    def user(self) -> str: ...

    @property
    def role(self) -> Role | None: ...

    def user_label(self) -> str: ...

    def open_article(
        self, slug: str, focus: SegmentId | None = None, draft_engine: str | None = None
    ) -> None: ...

    def action_articles(self) -> None: ...


def error_text(error: CipError) -> str:
    """The error's line, its hint, and any list of problems it carries (one per line); nothing
    a terminal would act on, no credentials."""
    text = f"{error.message} ({error.hint})" if error.hint else error.message
    lines = [shown(redact_urls(line), None) for line in (text, *error.details[:5])]
    if len(error.details) > 5:
        lines.append(_("… and {n} more").format(n=len(error.details) - 5))
    return "\n".join(lines)


class Debounce:
    """Call `callback` once, `delay` seconds after the last `poke()`.

    Poked on every keystroke and every move, so it is kept cheap: an event-loop timer handle
    (a Textual Timer is a task of its own), whose firing queues the callback on `node`."""

    def __init__(self, node: MessagePump, delay: float, callback: Callable[[], object]) -> None:
        self._node = node
        self._delay = delay
        self._callback = callback
        self._handle: asyncio.TimerHandle | None = None

    def poke(self) -> None:
        self.cancel()
        self._handle = asyncio.get_running_loop().call_later(self._delay, self._fire)

    def cancel(self) -> None:
        if self._handle is not None:
            self._handle.cancel()
            self._handle = None

    @property
    def pending(self) -> bool:
        return self._handle is not None

    def _fire(self) -> None:
        self._handle = None
        if self._node.is_running:
            self._node.call_next(self._callback)


class CipScreen(Screen[None]):
    """A screen of the UI."""

    EDITOR_ONLY: ClassVar[frozenset[str]] = frozenset()  # actions only an editor may run

    def __init__(self) -> None:
        super().__init__()
        keymap.localize_bindings(self)

    @property
    def cip(self) -> CipHost:
        return cast(CipHost, self.app)

    @property
    def services(self) -> Services:
        return self.cip.services

    def run_blocking(
        self,
        job: Callable[[], T],
        on_done: Callable[[T], Any],
        *,
        group: str,
        exclusive: bool = False,
        on_error: Callable[[CipError], Any] | None = None,
    ) -> Worker[None]:
        """Run `job` in a thread worker; `on_done(result)` or `on_error(error)` then runs on the
        UI thread unless the worker was cancelled (a newer lookup replaced it). A CipError or an
        OSError becomes a notification when there is no `on_error`."""

        def work() -> None:
            worker = get_current_worker()
            try:
                result = job()
            except CipError as exc:
                if not worker.is_cancelled:
                    self.app.call_from_thread(on_error or self.report_error, exc)
                return
            except OSError as exc:
                error = CipError(str(exc))
                if not worker.is_cancelled:
                    self.app.call_from_thread(on_error or self.report_error, error)
                return
            if not worker.is_cancelled:
                self.app.call_from_thread(on_done, result)

        return self.run_worker(
            work, group=group, exclusive=exclusive, thread=True, exit_on_error=True
        )

    def ask_engine(self, chosen: Callable[[str | None], Any]) -> None:
        """Ask which engine drafts, each one saying whether it is ready; `chosen` gets the name
        (None when the person cancels)."""
        from cipbilingual.tui.dialogs.choice import engine_dialog

        services = self.services
        self.run_blocking(
            services.engine_readiness,
            lambda ready: self.app.push_screen(
                engine_dialog(ready, services.default_engine()), chosen
            ),
            group="engines",
            exclusive=True,
        )

    def silenced_notice(self, label: str, check: str, done: object) -> None:
        """Say what silencing `check` on `label` did: `done` is the Silence made, True when a
        silence was taken back, False when there was none to take back."""
        reason = getattr(done, "reason", None)
        if reason is not None:
            self.notify(
                _("Silenced “{check}” on {id}: {reason}").format(
                    check=check, id=label, reason=reason
                )
            )
        elif done:
            self.notify(
                _("Took back the silence of “{check}” on {id}: the finding counts again.").format(
                    check=check, id=label
                )
            )
        else:
            self.notify(
                _("{id} has no silence of “{check}” to take back.").format(id=label, check=check),
                severity="warning",
            )

    def ask_silence(
        self,
        label: str,
        findings: Sequence[Finding],
        segment: Segment,
        then: Callable[[SilenceChoice, str | None], Any],
    ) -> None:
        """Ask which of the segment's findings to silence (a picker when there are several
        checks to choose from) and why, or which silence to take back; then `then(choice,
        reason)` runs, `reason` None meaning "take the silence back". The rules of
        `cipbilingual silence` are checked before anything is asked: only the workspace's
        people may silence, and only an editor an error (the workflow checks them again)."""
        from cipbilingual.tui.dialogs.silence import (
            silence_choices,
            silence_picker,
            silence_reason_dialog,
        )

        person, role = self.cip.user, self.cip.role
        if role is None:
            self.notify(
                _("{person} is not one of this workspace's people, who alone may silence.").format(
                    person=person
                ),
                severity="warning",
            )
            return
        choices = silence_choices(findings, segment)
        if not choices:
            self.notify(_("{id} has no finding to silence.").format(id=label), severity="warning")
            return
        editor = role is Role.EDITOR

        def chosen(choice: SilenceChoice) -> None:
            if not choice.open:
                then(choice, None)
                return
            if choice.severity is Severity.ERROR and not editor:
                self.notify(
                    _("{person} is a translator; only an editor may silence an error.").format(
                        person=person
                    ),
                    severity="warning",
                )
                return

            def given(reason: str | None) -> None:
                if reason:
                    then(choice, reason)

            self.app.push_screen(silence_reason_dialog(label, choice), given)

        if len(choices) == 1:
            chosen(choices[0])
            return
        by_key = {choice.key: choice for choice in choices}

        def picked(key: str | None) -> None:
            if key in by_key:
                chosen(by_key[key])

        self.app.push_screen(silence_picker(label, choices, editor), picked)

    def editors_only_text(self) -> str:
        return _("{person} is a translator; only an editor may approve or reject.").format(
            person=self.cip.user
        )

    def on_key(self, event: events.Key) -> None:
        # Textual ignores the key of a disabled binding; a translator who presses Approve or
        # Reject is told why nothing happens.
        active = self.active_bindings.get(event.key)
        if active is None or active.enabled or active.binding.action not in self.EDITOR_ONLY:
            return
        if self.cip.role is not Role.EDITOR:
            event.stop()
            event.prevent_default()
            self.notify(self.editors_only_text(), severity="warning")

    def report_error(self, error: CipError) -> None:
        self.notify(error_text(error), severity="error", timeout=8)

    def on_user_changed(self) -> None:
        """The acting person changed; screens refresh what depends on the role."""
        self.refresh_bindings()
