"""QA findings as the command line prints them, in the reader's language."""

from __future__ import annotations

from collections.abc import Sequence

from cipbilingual.messages import N_, translate
from cipbilingual.models import Finding, Severity

SEVERITY = {Severity.ERROR: N_("error"), Severity.WARNING: N_("warning")}


def finding_line(finding: Finding, language: str) -> str:
    """One finding as `qa` prints it: `SLUG SEGMENT: SEVERITY CHECK: MESSAGE`, with the silence."""
    where = f"{finding.slug} {finding.segment or '-'}".strip()
    severity = translate(SEVERITY[finding.severity], language)
    line = f"{where}: {severity} {finding.check}: {finding.message}"
    silence = finding.silenced
    if silence is not None:
        label = translate(N_("silenced by {person}: {reason}"), language)
        line += "  [" + label.format(person=silence.by, reason=silence.reason) + "]"
    return line


def summary_line(findings: Sequence[Finding], language: str) -> str:
    errors = sum(f.blocking for f in findings)
    warnings = sum(f.severity is Severity.WARNING and f.silenced is None for f in findings)
    silenced = sum(f.silenced is not None for f in findings)
    text = translate(N_("{errors} error(s), {warnings} warning(s), {silenced} silenced"), language)
    return text.format(errors=errors, warnings=warnings, silenced=silenced)
