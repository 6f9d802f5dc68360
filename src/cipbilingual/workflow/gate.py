"""The publish gate: what stops an article or a segment. QA errors (unless silenced or overridden
with a reason), sentences of the kept source missing from the catalog, approvals that do not
count. Shared by approve, status, qa and export; see docs/publishing.md."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from cipbilingual.errors import Refusal, UsageError
from cipbilingual.models import (
    Approval,
    Article,
    Finding,
    Override,
    Segment,
    Severity,
    State,
    approval_digest,
)
from cipbilingual.workflow.completeness import source_findings
from cipbilingual.workspace import Workspace


class QAErrors(Refusal):
    """Approving a segment with unsilenced QA errors without an override (exit 1). `findings`
    are the errors, so that a UI can show them and ask for the reason of an override."""

    def __init__(
        self,
        message: str,
        findings: tuple[Finding, ...],
        *,
        hint: str = "",
        details: tuple[str, ...] = (),
    ) -> None:
        super().__init__(message, hint=hint, details=details)
        self.findings = findings


# -- QA: the one seam between the gate and the checks ------------------------------------------


def qa_findings(ws: Workspace, article: Article, *, errors_only: bool = False) -> list[Finding]:
    """Every QA finding of the loaded article in document order (workflow.qa's checks, glossary
    included), silenced ones flagged: a person's silence, or the override recorded with the
    segment's approval (`Segment.silence_for`). With `errors_only`, only the checks that can
    find errors run: what blocks is the same, found without the warnings' dictionaries."""
    from cipbilingual.qa.engine import check_article
    from cipbilingual.workflow.qa import qa_context

    return check_article(article, qa_context(ws, errors_only=errors_only))


def unsilenced_errors(
    ws: Workspace, article: Article, findings: Sequence[Finding] | None = None
) -> list[Finding]:
    """The article's QA errors that still stop it: those nobody silenced or overrode."""
    found = qa_findings(ws, article, errors_only=True) if findings is None else findings
    return [f for f in found if f.blocking]


def finding_line(finding: Finding) -> str:
    """`SEGMENT CHECK: MESSAGE`, one line, as export and approve list them."""
    return f"{finding.segment or '-'} {finding.check}: {' '.join(finding.message.split())}"


# -- approving --------------------------------------------------------------------------------


def grant_approvals(
    ws: Workspace,
    article: Article,
    segments: Sequence[Segment],
    person: str,
    override: str | None = None,
    *,
    reason: str = "",
    interactive: bool = False,
    stamp: str | None = None,
) -> list[Segment]:
    """Approve `segments` of `article` (held under its lock) as `person`, an editor the caller
    has checked. A segment with unsilenced QA errors is approved only with an `override`
    reason, recorded with the approval and naming the checks; with `[approvals] sign = "ssh"`
    every approval is signed with the person's SSH key (one ssh-keygen run) and checked against
    allowed_signers before anything changes. A segment an editor sent back and unchanged since
    needs a `reason`. Each approval is recorded in the history (act `override` when it covers
    errors). Raises UsageError (empty override reason), Refusal (a segment holds a merge
    conflict), ReasonRequired, QAErrors (errors and no override: nothing approved),
    SigningError."""
    from cipbilingual.history import recording
    from cipbilingual.models import Act
    from cipbilingual.workflow.common import apply_approval, now_iso, require_no_reason

    why = " ".join(reason.split())
    overriding = None if override is None else " ".join(override.split())
    if overriding is not None and not overriding:
        raise UsageError(
            "an override needs a reason", hint="say why the QA errors may be published"
        )
    if not segments:
        return []
    clashes = [str(s.id) for s in segments if s.conflict is not None]
    if clashes:
        raise Refusal(
            f"{', '.join(clashes)} holds a merge conflict: choose a side first",
            hint="cipbilingual git choose SLUG SEGMENT_ID mine|theirs, or translate it anew",
        )
    if not why:
        require_no_reason(segments)
    ids = {str(s.id) for s in segments}
    errors = [f for f in unsilenced_errors(ws, article) if f.segment in ids]
    if errors and overriding is None:
        named = [str(s.id) for s in segments if any(f.segment == str(s.id) for f in errors)]
        raise QAErrors(
            f"{', '.join(named)}: {len(errors)} QA error(s); nothing was approved",
            tuple(errors),
            hint="correct the English, or approve with --override REASON",
            details=tuple(finding_line(f) for f in errors),
        )
    when = stamp or now_iso()
    approvals = []
    for seg in segments:
        checks = tuple(sorted({f.check for f in errors if f.segment == str(seg.id)}))
        approvals.append(
            Approval(
                person,
                when,
                approval_digest(seg.id, seg.source, seg.target),
                Override(checks, overriding) if checks and overriding else None,
            )
        )
    if ws.settings.approvals.sign == "ssh":
        approvals = _signed(ws, article, segments, approvals, interactive)
    for seg, approval in zip(segments, approvals, strict=True):
        if approval.override is not None:
            act, note = Act.OVERRIDE, "; ".join(filter(None, (why, approval.override.reason)))
        else:
            act, note = Act.APPROVE, why
        with recording(article, act, seg, person, reason=note, at=when):
            apply_approval(seg, approval)
    return list(segments)


def _signed(
    ws: Workspace,
    article: Article,
    segments: Sequence[Segment],
    approvals: list[Approval],
    interactive: bool,
) -> list[Approval]:
    from cipbilingual import signing
    from cipbilingual.errors import SigningError
    from cipbilingual.trust import allowed_signers_path

    signers = signing.read_allowed_signers(allowed_signers_path(ws.root, ws.settings))
    key = signing.find_signing_key()
    messages = [
        signing.approval_message(article.slug, seg, a)
        for seg, a in zip(segments, approvals, strict=True)
    ]
    lines = signing.sign_messages(messages, key, interactive=interactive)
    signed = [replace(a, signature=line) for a, line in zip(approvals, lines, strict=True)]
    # An approval that would be void on the next load is refused now, before it is written.
    problem = signing.verify(messages[0], lines[0], signed[0].by, signers, signed[0].at)
    if problem is not None:
        raise SigningError(
            f"{key} does not sign for {signed[0].by}: {problem}",
            hint=f"add {signed[0].by}'s public key to {signers.path.name}, or sign with "
            f"the key listed there ({signing.SIGNING_KEY_ENV})",
        )
    return signed


# -- the whole gate ---------------------------------------------------------------------------


@dataclass
class Assessment:
    """Whether an article may be published, and everything that stops it."""

    article: Article
    findings: list[Finding]  # every QA finding, warnings included (for proofs)
    source: list[Finding]  # completeness against the kept source
    errors: list[Finding]  # unsilenced QA errors

    @property
    def waiting(self) -> list[Segment]:
        return [s for s in self.article.segments if s.state is not State.APPROVED]

    @property
    def publishable(self) -> bool:
        return self.article.complete and not self.source and not self.errors

    def problems(self) -> list[Finding]:
        """Everything that blocks, completeness first, then QA errors in document order."""
        return [*self.source, *self.errors]


def waiting_line(article: Article) -> str:
    counts = article.counts()
    waiting = ", ".join(
        f"{n} {state}" for state, n in counts.items() if n and state is not State.APPROVED
    )
    return f"not every segment is approved: {waiting or 'no segments'}"


def assess(ws: Workspace, article: Article, *, errors_only: bool = False) -> Assessment:
    """The gate's view of an article as loaded (void approvals already voided). With
    `errors_only` its findings are the errors alone (enough for its verdict and problems)."""
    findings = qa_findings(ws, article, errors_only=errors_only)
    return Assessment(
        article,
        findings,
        source_findings(ws, article),
        unsilenced_errors(ws, article, findings),
    )


# -- a cache of the gate's verdict, for status ------------------------------------------------

_CACHE_FORMAT = "1"
_CODE_FINGERPRINT: list[str] = []


def _code_fingerprint() -> str:
    # Any change to cipbilingual's code (a new check, other segmentation) invalidates the cache.
    if not _CODE_FINGERPRINT:
        import cipbilingual

        package = Path(cipbilingual.__file__).parent
        digest = hashlib.sha256(cipbilingual.__version__.encode())
        for path in sorted(package.rglob("*.py")):
            info = path.stat()
            digest.update(f"{path.relative_to(package)} {info.st_mtime_ns} {info.st_size}".encode())
        _CODE_FINGERPRINT.append(digest.hexdigest())
    return _CODE_FINGERPRINT[0]


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        return b"\0missing"


def gate_key(ws: Workspace, slug: str) -> str:
    """A hash of everything the gate's verdict on an article depends on: the catalog, the kept
    source, the glossary, cipbilingual.toml, allowed_signers, and cipbilingual's own code."""
    from cipbilingual.paths import CONFIG_NAME

    folder = ws.article_dir(slug)
    digest = hashlib.sha256(f"{_CACHE_FORMAT} {_code_fingerprint()}".encode())
    parts = [
        folder / "en.po",
        *sorted(folder.glob("source.zh.*")),
        folder / "alignment.json",
        ws.glossary_path,
        ws.root / CONFIG_NAME,
        ws.root / ws.settings.approvals.allowed_signers,
    ]
    for path in parts:
        data = _read(path)
        digest.update(f"\0{path.name}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()


def _cache_file(ws: Workspace, slug: str) -> Path:
    return ws.cache_dir / "gate" / f"{slug}.json"


def cached_problems(ws: Workspace, slug: str, key: str) -> list[Finding] | None:
    """The problems the gate found for exactly this state of the article, if remembered.
    Used by `status` only: export always runs the gate afresh."""
    import json

    try:
        data = json.loads(_cache_file(ws, slug).read_text(encoding="utf-8"))
        if data.get("key") != key:
            return None
        return [
            Finding(slug, p["segment"], p["check"], Severity(p["severity"]), p["message"])
            for p in data["problems"]
        ]
    except (OSError, ValueError, KeyError, TypeError):
        return None


def remember_problems(ws: Workspace, slug: str, key: str, problems: Sequence[Finding]) -> None:
    """Keep the gate's verdict under `key`; a cache that cannot be written is no error."""
    import json

    from cipbilingual.errors import InputError
    from cipbilingual.store import atomic_write_text

    path = _cache_file(ws, slug)
    data = {"key": key, "problems": [f.to_json() for f in problems]}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_text(path, json.dumps(data, ensure_ascii=False))
    except (OSError, InputError):
        pass


def errors_in(findings: Iterable[Finding], ids: set[str]) -> list[Finding]:
    """The findings on the named segments, plus article-level ones (no segment)."""
    return [f for f in findings if not f.segment or f.segment in ids]
