"""QA findings of the current segment, errors first."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.markup import escape

from cipbilingual.models import Finding, Severity
from cipbilingual.tui.i18n import _
from cipbilingual.tui.widgets.pane import ContentPane


def any_open(findings: Sequence[Finding]) -> bool:
    """Whether any finding still counts (is not silenced): such a segment is flagged."""
    return any(f.silenced is None for f in findings)


def in_order(findings: Sequence[Finding]) -> list[Finding]:
    """As the panel lists them: open before silenced, errors before warnings."""
    return sorted(
        findings, key=lambda f: (f.silenced is not None, f.severity is not Severity.ERROR)
    )


def first_fix(findings: Sequence[Finding], text: str) -> tuple[Finding, str] | None:
    """The first open finding, in the panel's order, whose fix still applies to `text`, and
    `text` with it applied."""
    for finding in in_order(findings):
        if finding.silenced is None and finding.fix is not None:
            fixed = finding.fix.apply(text)
            if fixed is not None:
                return finding, fixed
    return None


def render_findings(
    findings: Sequence[Finding], checking: bool = False, silence_hint: str = ""
) -> Content:
    """The findings, open before silenced, then the hints: the key of a fix (✎) and
    `silence_hint` (how to silence one) when there is a finding."""
    lines: list[str] = []
    for finding in in_order(findings):
        silence = finding.silenced
        if silence is not None:
            label = _("silenced by {person}: {reason}").format(
                person=silence.by, reason=silence.reason
            )
            lines.append(f"[$text-muted]○ {escape(finding.message)} ({escape(label)})[/]")
            continue
        if finding.severity is Severity.ERROR:
            label = _("error")
            head = f"[$error b]✖ {escape(label)}[/]"
        else:
            label = _("warning")
            head = f"[$warning b]⚠ {escape(label)}[/]"
        # ✎: Alt+E (editor.apply_fix) makes the change the finding proposes.
        mark = " [$accent]✎[/]" if finding.fix is not None else ""
        lines.append(f"{head} {escape(finding.message)}{mark}")
    if any(f.fix is not None and f.silenced is None for f in findings):
        hint = _("✎ Alt+E makes the change the finding proposes")
        lines.append(f"[$text-muted]{escape(hint)}[/]")
    if findings and silence_hint:
        lines.append(f"[$text-muted]{escape(silence_hint)}[/]")
    if not lines:
        quiet = _("Checking…") if checking else _("No findings.")
        lines.append(f"[$text-muted]{escape(quiet)}[/]")
    return Content.from_markup("\n".join(lines))


class FindingsView(ContentPane):
    def __init__(
        self, *, id: str | None = None, classes: str | None = None, silence_hint: str = ""
    ) -> None:
        super().__init__(id=id, classes=classes)
        self._silence_hint = silence_hint
        self.auto_links = False  # nothing to click: skip Textual's per-segment link styling
        self._findings: list[Finding] = []
        self._ever_shown = False

    def show(self, findings: Sequence[Finding], checking: bool = False) -> None:
        if self._ever_shown and not checking and list(findings) == self._findings:
            return  # the same findings: nothing to repaint
        self._findings, self._ever_shown = list(findings), True
        self.show_content(render_findings(self._findings, checking, self._silence_hint))

    @property
    def findings(self) -> list[Finding]:
        return list(self._findings)

    @property
    def silence_hint(self) -> str:
        """The hint line that names the key silencing a finding (shown under any finding)."""
        return self._silence_hint
