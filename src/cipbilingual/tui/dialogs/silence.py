"""Silencing a QA finding of a segment, or taking a silence back: what can be chosen, the
picker, and the reason dialog (the reason follows the one text rule and the reason length
limit, as `cipbilingual silence --reason` does)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from cipbilingual import limits
from cipbilingual.models import Finding, Segment, Severity
from cipbilingual.text import refused_character
from cipbilingual.tui.dialogs.choice import ChoiceDialog
from cipbilingual.tui.dialogs.note import NoteDialog
from cipbilingual.tui.i18n import _, format_count


@dataclass(frozen=True)
class SilenceChoice:
    """One check of a segment's findings: silenced together (a silence is per check), or,
    when a person silenced it, taken back together."""

    check: str
    severity: Severity  # the worst of its findings
    messages: tuple[str, ...]
    silenced_by: str = ""  # who silenced it; "" while it is open

    @property
    def open(self) -> bool:
        return not self.silenced_by

    @property
    def key(self) -> str:
        return ("silence:" if self.open else "unsilence:") + self.check

    def label(self, may_silence_errors: bool) -> str:
        text = f"{self.check}: {'; '.join(self.messages)}"
        if not self.open:
            return "○ " + _("Take back the silence of {finding}").format(finding=text)
        mark = "✖" if self.severity is Severity.ERROR else "⚠"
        label = f"{mark} " + _("Silence {finding}").format(finding=text)
        if self.severity is Severity.ERROR and not may_silence_errors:
            label += " — " + _("editors only")
        return label


def silence_choices(findings: Sequence[Finding], segment: Segment) -> list[SilenceChoice]:
    """The checks of `findings` (one segment's, as the findings panel shows them) a person may
    silence or whose silence they may take back, open ones first, errors before warnings.
    A finding an editor's approval overrode is neither: the override lives with the approval."""
    own = {s.check for s in segment.silences}
    grouped: dict[str, list[Finding]] = {}
    for finding in findings:
        grouped.setdefault(finding.check, []).append(finding)
    out: list[SilenceChoice] = []
    for check, group in grouped.items():
        silence = group[0].silenced
        if silence is not None and (check not in own or segment.silence_for(check) is None):
            continue  # an override, or a silence of some other English: nothing to take back
        worst = (
            Severity.ERROR
            if any(f.severity is Severity.ERROR for f in group)
            else group[0].severity
        )
        messages = tuple(dict.fromkeys(f.message for f in group))
        out.append(SilenceChoice(check, worst, messages, silence.by if silence else ""))
    return sorted(out, key=lambda c: (not c.open, c.severity is not Severity.ERROR))


def silence_picker(
    segment_label: str, choices: Sequence[SilenceChoice], may_silence_errors: bool
) -> ChoiceDialog:
    """Which finding to silence (or whose silence to take back); dismisses with its `key`.
    What the person may not do (an error, for a translator) comes last."""
    ordered = sorted(
        choices, key=lambda c: c.open and c.severity is Severity.ERROR and not may_silence_errors
    )
    return ChoiceDialog(
        _("Silence a finding of {segment}, or take a silence back").format(segment=segment_label),
        [(c.key, c.label(may_silence_errors)) for c in ordered],
        initial=ordered[0].key,
    )


def reason_problem(text: str) -> str | None:
    """What makes `text` no acceptable reason, in the UI language; None when it is one (an
    empty reason is the dialog's own problem)."""
    bad = refused_character(text)
    if bad is not None:
        return _(
            "The reason contains U+{code}, a control character that cannot be stored; remove it."
        ).format(code=f"{ord(bad):04X}")
    if len(text) > limits.REASON_CHARS:
        return _("The reason is {n} characters long, over the limit of {limit}.").format(
            n=format_count(len(text)), limit=format_count(limits.REASON_CHARS)
        )
    return None


def silence_reason_dialog(segment_label: str, choice: SilenceChoice) -> NoteDialog:
    """Ask why the finding is not a problem; dismisses with the reason, or None."""
    return NoteDialog(
        _("Silence “{check}” on {segment}").format(check=choice.check, segment=segment_label),
        "\n".join(choice.messages),
        _("Why is it not a problem? (kept with your name)"),
        _("Silence"),
        _("Silencing a finding needs a reason."),
        refuse=reason_problem,
    )
