"""Publication records: what each `export --publish` sent out, kept in the article folder as
`published.json` — per segment id the hashes of the Chinese and the English, the English itself,
approver, approval time, drafting origin, override and signature. A digest over the record
catches a hand edit; `changes` compares the article now with the last publication."""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cipbilingual import limits
from cipbilingual.errors import InputError, RecordError
from cipbilingual.models import Article, Segment, State

MANIFEST_NAME = "published.json"
MANIFEST_FORMAT = 1


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class PublishedSegment:
    """One sentence as it was published."""

    id: str
    source_sha256: str
    english_sha256: str
    english: str
    approver: str
    approved_at: str
    origin: str | None = None  # "argos 0.87 translate-zh_en-1.9", "tm …"; None for a person's
    override: dict[str, object] | None = None  # {"checks": [...], "reason": "..."}
    signature: str | None = None

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "source_sha256": self.source_sha256,
            "english_sha256": self.english_sha256,
            "english": self.english,
            "approver": self.approver,
            "approved_at": self.approved_at,
            "origin": self.origin,
            "override": self.override,
            "signature": self.signature,
        }


@dataclass(frozen=True)
class Publication:
    """One publication of an article."""

    number: int  # 1, 2, …
    at: str  # ISO 8601 UTC
    by: str  # the acting person, or "" for a script without one
    format: str
    source_file: str
    source_sha256: str
    corrects: int | None  # the publication this one replaces, if any
    changed: tuple[str, ...]  # ids that differ from that publication (see `compare`)
    segments: tuple[PublishedSegment, ...]

    def to_json(self) -> dict[str, object]:
        return {
            "number": self.number,
            "published_at": self.at,
            "published_by": self.by,
            "format": self.format,
            "source_file": self.source_file,
            "source_sha256": self.source_sha256,
            "corrects": self.corrects,
            "changed": list(self.changed),
            "segments": [s.to_json() for s in self.segments],
        }

    def summary(self) -> dict[str, object]:
        return {
            "number": self.number,
            "published_at": self.at,
            "published_by": self.by,
            "format": self.format,
        }


@dataclass
class Manifest:
    """Every publication of one article, oldest first."""

    slug: str
    publications: list[Publication] = field(default_factory=list)

    @property
    def last(self) -> Publication | None:
        return self.publications[-1] if self.publications else None


def _origin(segment: Segment) -> str | None:
    o = segment.origin
    if o is None:
        return None
    score = "-" if o.score is None else f"{o.score:g}"
    return " ".join(part for part in (o.engine, score, o.detail) if part)


def published_segment(segment: Segment) -> PublishedSegment:
    """The record of one approved segment as it goes out."""
    approval = segment.approval
    assert approval is not None and segment.state is State.APPROVED
    override = approval.override
    return PublishedSegment(
        id=str(segment.id),
        source_sha256=text_sha256(segment.source),
        english_sha256=text_sha256(segment.target),
        english=segment.target,
        approver=approval.by,
        approved_at=approval.at,
        origin=_origin(segment),
        override=None
        if override is None
        else {"checks": list(override.checks), "reason": override.reason},
        signature=approval.signature or None,
    )


# -- what changed since the last publication --------------------------------------------------


@dataclass(frozen=True)
class Change:
    """A difference between the article now and its last publication."""

    segment: str
    kind: str  # changed | added | removed | source-changed | pending
    before: str  # the published English ("" for added)
    after: str  # the English now ("" for removed)
    state: str  # the segment's state now ("" when it is gone)

    def to_json(self) -> dict[str, object]:
        return {
            "segment": self.segment,
            "change": self.kind,
            "before": self.before,
            "after": self.after,
            "state": self.state,
        }


def compare(previous: Publication, article: Article) -> list[Change]:
    """What an editor must tell readers about: in document order, each sentence whose approved
    English changed, that was added or removed, whose Chinese changed under the same English, and
    each published sentence that is not approved now (`pending`: its new English would not go
    out)."""
    old = {s.id: s for s in previous.segments}
    out: list[Change] = []
    current = set()
    for seg in article.segments:
        sid = str(seg.id)
        current.add(sid)
        before = old.get(sid)
        approved = seg.state is State.APPROVED
        if before is None:
            out.append(Change(sid, "added", "", seg.target, str(seg.state)))
        elif not approved:
            out.append(Change(sid, "pending", before.english, seg.target, str(seg.state)))
        elif before.english_sha256 != text_sha256(seg.target):
            out.append(Change(sid, "changed", before.english, seg.target, str(seg.state)))
        elif before.source_sha256 != text_sha256(seg.source):
            out.append(Change(sid, "source-changed", before.english, seg.target, str(seg.state)))
    for sid, gone in old.items():
        if sid not in current:
            out.append(Change(sid, "removed", gone.english, "", ""))
    return out


# -- the file ---------------------------------------------------------------------------------


def _canonical(body: dict[str, object]) -> bytes:
    return json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def dumps_manifest(manifest: Manifest) -> str:
    """The manifest's text: readable JSON with a digest of everything else in it."""
    body: dict[str, object] = {
        "cipbilingual_publications": MANIFEST_FORMAT,
        "slug": manifest.slug,
        "publications": [p.to_json() for p in manifest.publications],
    }
    body["digest"] = hashlib.sha256(_canonical(body)).hexdigest()
    return json.dumps(body, ensure_ascii=False, indent=2) + "\n"


def loads_manifest(text: str, path: Path, slug: str) -> Manifest:
    """Parse and check a manifest. Raises RecordError naming the file when it is not valid JSON,
    not a publication record of this article, or was changed since cipbilingual wrote it."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise RecordError(
            f"{path}:{exc.lineno}: not a publication record ({exc.msg})",
            hint="restore it from git",
        ) from None
    if not isinstance(data, dict) or data.get("cipbilingual_publications") != MANIFEST_FORMAT:
        raise RecordError(f"{path}: not a cipbilingual publication record (format 1)")
    digest = data.pop("digest", None)
    if digest != hashlib.sha256(_canonical(data)).hexdigest():
        raise RecordError(
            f"{path}: the publication record was changed by hand (its digest does not match)",
            hint="restore it from git; publication records are written only by export --publish",
        )
    if data.get("slug") != slug:
        raise RecordError(f"{path}: this is the record of '{data.get('slug')}', not '{slug}'")
    try:
        publications = [_publication(item) for item in data["publications"]]
    except (KeyError, TypeError, ValueError) as exc:
        raise RecordError(f"{path}: unreadable publication record ({exc})") from None
    numbers = [p.number for p in publications]
    if numbers != list(range(1, len(numbers) + 1)):
        raise RecordError(f"{path}: publications are not numbered 1, 2, …")
    return Manifest(slug, publications)


def _str(item: dict[str, Any], key: str, optional: bool = False) -> Any:
    value = item[key]
    if value is None and optional:
        return None
    if not isinstance(value, str):
        raise ValueError(f"{key} is not a string")
    return value


def _publication(item: dict[str, Any]) -> Publication:
    if not isinstance(item, dict) or not isinstance(item["number"], int):
        raise ValueError("a publication is not an object with a number")
    corrects = item["corrects"]
    if corrects is not None and not isinstance(corrects, int):
        raise ValueError("corrects is not a number")
    segments = []
    for seg in item["segments"]:
        override = seg["override"]
        if override is not None and not isinstance(override, dict):
            raise ValueError("override is not an object")
        segments.append(
            PublishedSegment(
                id=_str(seg, "id"),
                source_sha256=_str(seg, "source_sha256"),
                english_sha256=_str(seg, "english_sha256"),
                english=_str(seg, "english"),
                approver=_str(seg, "approver"),
                approved_at=_str(seg, "approved_at"),
                origin=_str(seg, "origin", True),
                override=override,
                signature=_str(seg, "signature", True),
            )
        )
    return Publication(
        number=item["number"],
        at=_str(item, "published_at"),
        by=_str(item, "published_by"),
        format=_str(item, "format"),
        source_file=_str(item, "source_file"),
        source_sha256=_str(item, "source_sha256"),
        corrects=corrects,
        changed=tuple(str(x) for x in item["changed"]),
        segments=tuple(segments),
    )


def load_manifest(folder: Path, slug: str) -> Manifest:
    """The article's publication record (empty when it was never published). Raises
    RecordError (see loads_manifest)."""
    path = folder / MANIFEST_NAME
    if not os.path.lexists(path):
        return Manifest(slug)
    try:
        text = limits.read_file(path, limits.CATALOG_FILE, "a publication record").decode("utf-8")
    except UnicodeDecodeError:
        raise RecordError(f"{path}: not UTF-8 text", hint="restore it from git") from None
    except InputError as exc:
        raise RecordError(exc.message, hint=exc.hint) from None
    return loads_manifest(text, path, slug)
