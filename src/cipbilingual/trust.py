"""Which approvals count: an editor's in [people], and with `[approvals] sign = "ssh"` only one
whose SSH signature verifies against the workspace's allowed_signers. Any other approval is
void: the segment loads as `translated` and the reason is recorded on the article."""

from __future__ import annotations

from pathlib import Path

from cipbilingual.config import Settings
from cipbilingual.models import Article, Role, Segment, State, VoidApproval


def allowed_signers_path(root: Path, settings: Settings) -> Path:
    return root / settings.approvals.allowed_signers


def untrusted_reason(settings: Settings, segment: Segment) -> str | None:
    """Why the segment's approval cannot count on the approver alone, or None."""
    approval = segment.approval
    if approval is None:
        return "there is no approval record"
    role = settings.role_of(approval.by)
    if role is None:
        who = f"'{approval.by}'" if approval.by else "the approver"
        return f"{who} is not in [people]"
    if role is not Role.EDITOR:
        return f"{approval.by} is a {role.value}, not an editor"
    return None


def apply_trust(article: Article, settings: Settings, root: Path) -> None:
    """Void, in place, every approval of `article` that does not count (see the module).
    Raises SigningError when signatures are required but cannot be checked (no ssh-keygen,
    allowed_signers missing or unparsable): then nothing is voided, so no save can drop them."""
    approved = [s for s in article.segments if s.state is State.APPROVED]
    reasons: dict[int, str] = {}
    to_verify: list[int] = []
    for n, seg in enumerate(approved):
        reason = untrusted_reason(settings, seg)
        if reason is not None:
            reasons[n] = reason
        elif settings.approvals.sign == "ssh":
            assert seg.approval is not None
            if not seg.approval.signature:
                reasons[n] = "it is not signed"
            else:
                to_verify.append(n)
    if to_verify:
        from cipbilingual import signing

        signers = signing.read_allowed_signers(allowed_signers_path(root, settings))
        items = []
        for n in to_verify:
            seg = approved[n]
            assert seg.approval is not None
            message = signing.approval_message(article.slug, seg, seg.approval)
            items.append((message, seg.approval.signature, seg.approval.by, seg.approval.at))
        for n, reason in zip(to_verify, signing.verify_many(items, signers), strict=True):
            if reason is not None:
                reasons[n] = reason
    for n, reason in sorted(reasons.items()):
        _void(article, approved[n], reason)


def _void(article: Article, segment: Segment, reason: str) -> None:
    approval = segment.approval
    by = approval.by if approval is not None else ""
    segment.state = State.TRANSLATED
    segment.approval = None
    article.void_approvals.append(VoidApproval(segment.id, by, reason))
    article.notices.append(f"{segment.id}: approval by {by or 'nobody'} void: {reason}")
