"""Translation-memory use cases for a workspace: an up-to-date memory, matches for a sentence
or a segment, concordance, TMX import into tm/ and export, statistics. Shared by CLI and TUI."""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from cipbilingual import __version__, limits, paths
from cipbilingual.errors import ConflictError, InputError, Refusal, UsageError
from cipbilingual.models import Article, SegmentId, State
from cipbilingual.store.atomic import TEMP_SUFFIX
from cipbilingual.tm.memory import Fingerprint, TMStats, TranslationMemory, article_units
from cipbilingual.tm.model import OriginKind, TMMatch, TMUnit, UnitOrigin
from cipbilingual.tm.tmx import TMXSummary, read_tmx, write_tmx
from cipbilingual.tm.workspace import SyncReport, open_memory, sync_workspace
from cipbilingual.workspace import Workspace


def tm_for(ws: Workspace, memory: TranslationMemory | None = None) -> TranslationMemory:
    """The workspace's memory, up to date with its catalogs and tm/ files. Pass the memory a
    long-lived caller (the UI) already holds to refresh it in place and keep its fuzzy index."""
    if memory is None:
        return open_memory(ws)
    sync_workspace(memory, ws)
    return memory


def refresh(ws: Workspace, memory: TranslationMemory) -> SyncReport:
    """Re-index what changed since the memory last looked; returns what was done."""
    return sync_workspace(memory, ws)


@dataclass(frozen=True)
class SegmentMatches:
    """The matches for one segment of an article (its own entry left out)."""

    slug: str
    segment: str
    source: str
    matches: list[TMMatch]

    def to_json(self) -> dict[str, object]:
        return {
            "slug": self.slug,
            "segment": self.segment,
            "source": self.source,
            "matches": [m.to_json() for m in self.matches],
        }


def match_text(
    ws: Workspace,
    sentence: str,
    *,
    min_score: int | None = None,
    limit: int | None = None,
    memory: TranslationMemory | None = None,
) -> list[TMMatch]:
    """Matches for a Chinese sentence (no neighbours, so at most 100%). Raises UsageError on an
    empty sentence or a score outside 0–100."""
    if not sentence.strip():
        raise UsageError("give a Chinese sentence to match")
    return tm_for(ws, memory).lookup(sentence, min_score=min_score, limit=limit)


def match_segment(
    ws: Workspace,
    slug: str,
    segment_id: str,
    *,
    min_score: int | None = None,
    limit: int | None = None,
    memory: TranslationMemory | None = None,
) -> SegmentMatches:
    """Matches for one segment, with its neighbours for 101% and without its own entry.
    Raises NotFoundError for an unknown article or segment, CatalogError for a broken one."""
    article = ws.load(slug)
    return matches_for(tm_for(ws, memory), article, segment_id, min_score=min_score, limit=limit)


def matches_for(
    memory: TranslationMemory,
    article: Article,
    segment_id: str | SegmentId,
    *,
    min_score: int | None = None,
    limit: int | None = None,
) -> SegmentMatches:
    """Matches for a segment of an article already in hand (the UI's), neighbours included,
    its own entry left out. No sync: call `refresh` when catalogs may have changed. Raises
    NotFoundError for an unknown segment."""
    sid = SegmentId.parse(segment_id) if isinstance(segment_id, str) else segment_id
    segment = article.segment(sid)  # raises NotFoundError
    segments = article.segments
    index = segments.index(segment)
    before = segments[index - 1].source if index > 0 else ""
    after = segments[index + 1].source if index + 1 < len(segments) else ""
    matches = memory.lookup(
        segment.source,
        before=before,
        after=after,
        min_score=min_score,
        limit=limit,
        exclude=UnitOrigin(OriginKind.ARTICLE, article.slug, str(sid)),
    )
    return SegmentMatches(article.slug, str(sid), segment.source, matches)


def search(
    ws: Workspace,
    text: str,
    *,
    target: bool = False,
    limit: int = 50,
    memory: TranslationMemory | None = None,
) -> list[TMUnit]:
    """Concordance over sources (or English with `target`); raises UsageError on empty text."""
    if limit <= 0:
        raise UsageError(f"--limit must be at least 1, not {limit}")
    return tm_for(ws, memory).search(text, target=target, limit=limit)


def stats(ws: Workspace, memory: TranslationMemory | None = None) -> TMStats:
    """Unit counts after bringing the memory up to date; unreadable stores are listed."""
    return tm_for(ws, memory).stats()


# -- import -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class TMXImportReport:
    """What `tm import` did."""

    file: str  # the name under tm/
    replaced: bool
    unchanged: bool  # the same file was already there: nothing to do
    summary: TMXSummary
    imported: int
    duplicates: int

    def to_json(self) -> dict[str, object]:
        data = self.summary.to_json()
        data.update(
            {
                "file": self.file,
                "replaced": self.replaced,
                "unchanged": self.unchanged,
                "imported": self.imported,
                "duplicates": self.duplicates,
            }
        )
        return data


def import_tmx(ws: Workspace, source: Path, *, replace: bool = False) -> TMXImportReport:
    """Copy a TMX file into tm/ and index it, all or nothing: on malformed XML, no Chinese or
    English, text the text rule refuses, a file over the limits, or an unreadable file, raises
    InputError and neither tm/ nor the index changes. Raises ConflictError when tm/ already holds
    a different file of that name (unless `replace`)."""
    from cipbilingual.store import writing

    size = limits.regular_file(source).st_size
    if size > limits.TMX_FILE:  # before anything is copied
        raise limits.too_big(source, size, limits.TMX_FILE, "a TMX file")
    name = f"{source.stem}.tmx"
    tm_dir = ws.tm_dir
    dest = ws.inside(paths.TM_DIR, name)
    memory = tm_for(ws)
    try:
        exists = dest.is_file()
        if exists and _digest(source) == _digest(dest):
            summary = TMXSummary(source)
            count = sum(1 for _ in read_tmx(source, summary=summary))
            return TMXImportReport(name, False, True, summary, count, 0)
        if exists and not replace:
            raise ConflictError(
                f"{dest} already exists and differs from {source}",
                hint="pass --replace to replace it, or rename the file",
            )
        tm_dir.mkdir(parents=True, exist_ok=True)
        # The copy is a temporary file (.NAME.<8 random characters>.tmp, which tm/*.tmx does not
        # match) until it is indexed; a sweep leaves it alone while this import runs.
        with writing(tm_dir):
            tmp = _copy_beside(source, dest)
            try:
                summary = TMXSummary(source)
                report = memory.replace_store(
                    OriginKind.TMX,
                    name,
                    read_tmx(
                        tmp,
                        ws.settings.source_language,
                        ws.settings.target_language,
                        summary,
                        name=name,
                        label=str(source),
                    ),
                    Fingerprint.of(tmp),
                )
                os.replace(tmp, dest)  # a rename keeps the time and size just fingerprinted
            except BaseException:
                tmp.unlink(missing_ok=True)
                raise
    finally:
        memory.close()
    return TMXImportReport(name, exists, False, summary, report.units, report.duplicates)


def _digest(path: Path) -> str:
    try:
        with path.open("rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError as exc:
        raise InputError(f"{path}: {exc.strerror or exc}") from None


def _copy_beside(source: Path, dest: Path) -> Path:
    fd, name = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=TEMP_SUFFIX, dir=dest.parent)
    tmp = Path(name)
    try:
        with os.fdopen(fd, "wb") as out, source.open("rb") as src:
            shutil.copyfileobj(src, out, 1 << 20)
            out.flush()
            os.fsync(out.fileno())
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise InputError(
            f"cannot copy {source} into {dest.parent}: {exc.strerror or exc}"
        ) from None
    return tmp


# -- export -----------------------------------------------------------------------------------


def export_tmx(
    ws: Workspace,
    path: Path,
    *,
    include_translated: bool = False,
    slugs: Sequence[str] = (),
) -> int:
    """Write the approved segments of the articles (all, or `slugs`) to `path` as TMX 1.4b,
    atomically; with `include_translated`, translated ones too. Returns the number of units.
    Raises NotFoundError for an unknown slug, CatalogError for a broken catalog, UsageError
    for an unwritable path, Refusal (exit 1) when there is nothing to export."""
    chosen = list(slugs) or ws.slugs()
    for slug in chosen:
        if not ws.exists(slug):
            ws.load(slug)  # raises NotFoundError with the usual hint
    states = {State.APPROVED, State.TRANSLATED} if include_translated else {State.APPROVED}

    def units() -> Iterator[TMUnit]:
        for slug in chosen:
            for unit in article_units(ws.load(slug)):
                if unit.state in states:
                    yield unit

    if not any(True for _ in units()):
        what = "approved or translated" if include_translated else "approved"
        raise Refusal(
            f"no {what} segments to export",
            hint="" if include_translated else "pass --include-translated to add translated ones",
        )
    return write_tmx(
        path,
        units(),
        source_language=ws.settings.source_language,
        target_language=ws.settings.target_language,
        tool_version=__version__,
    )
