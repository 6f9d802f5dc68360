"""The memory of a workspace: its cache file, kept in step with the articles' catalogs and the
TMX files in tm/ by re-indexing only what changed since the last look."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from cipbilingual.errors import CipError
from cipbilingual.paths import TM_DIR
from cipbilingual.tm.memory import Fingerprint, StoreInfo, TranslationMemory, file_digest
from cipbilingual.tm.model import OriginKind
from cipbilingual.tm.tmx import read_tmx
from cipbilingual.workspace import Workspace

CACHE_NAME = "tm.sqlite"


@dataclass
class SyncReport:
    """What a sync did: stores re-indexed, forgotten, and those that could not be read."""

    indexed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    problems: list[tuple[str, str]] = field(default_factory=list)  # (store, message)


def memory_path(ws: Workspace) -> Path:
    return ws.cache_dir / CACHE_NAME


def tmx_files(ws: Workspace) -> list[Path]:
    """The TMX files of the workspace's tm/ folder, sorted by name."""
    if not ws.tm_dir.is_dir():
        return []
    return sorted(p for p in ws.tm_dir.iterdir() if p.suffix.lower() == ".tmx" and p.is_file())


def open_memory(ws: Workspace, *, sync: bool = True) -> TranslationMemory:
    """The workspace's memory from its cache, brought up to date unless `sync` is False."""
    settings = ws.settings.tm
    memory = TranslationMemory(
        memory_path(ws), min_score=settings.min_score, max_matches=settings.max_matches
    )
    if sync:
        sync_workspace(memory, ws)
    return memory


def sync_workspace(memory: TranslationMemory, ws: Workspace) -> SyncReport:
    """Re-index every article catalog and TMX file whose size, time and then content changed,
    forget those that are gone. A store that cannot be read keeps its previous units and is
    reported (and retried next time); this never raises for one bad file."""
    report = SyncReport()
    known = {(s.kind, s.name): s for s in memory.stores()}
    present: set[tuple[OriginKind, str]] = set()
    for slug in ws.slugs():
        try:
            path = ws.catalog_path(slug)  # refuses a folder that leads outside the workspace
        except CipError as exc:
            report.problems.append((slug, exc.message))
            continue
        present.add((OriginKind.ARTICLE, slug))
        _sync_one(memory, ws, OriginKind.ARTICLE, slug, path, known, report)
    for path in tmx_files(ws):
        try:
            ws.inside(TM_DIR, path.name)  # a link to a file elsewhere is not the workspace's
        except CipError as exc:
            report.problems.append((path.name, exc.message))
            continue
        present.add((OriginKind.TMX, path.name))
        _sync_one(memory, ws, OriginKind.TMX, path.name, path, known, report)
    for kind, name in sorted(set(known) - present):
        memory.remove_store(kind, name)
        report.removed.append(name)
    return report


def _sync_one(
    memory: TranslationMemory,
    ws: Workspace,
    kind: OriginKind,
    name: str,
    path: Path,
    known: dict[tuple[OriginKind, str], StoreInfo],
    report: SyncReport,
) -> None:
    info = known.get((kind, name))
    stored = info.fingerprint if info is not None else None
    if stored is not None and stored.same_stat(path):
        return
    try:
        fingerprint = Fingerprint.of(path, file_digest(path))
    except OSError as exc:
        report.problems.append((name, f"{path}: {exc.strerror or exc}"))
        return
    if stored is not None and stored.digest == fingerprint.digest:
        memory.touch_store(kind, name, fingerprint)
        return
    try:
        if kind is OriginKind.ARTICLE:
            memory.add_article(ws.load(name), fingerprint)
        else:
            units = read_tmx(path, ws.settings.source_language, ws.settings.target_language)
            memory.replace_store(kind, name, units, fingerprint)
    except CipError as exc:
        # Remember the broken file's fingerprint too, so it is read again only once it changes.
        memory.set_problem(kind, name, exc.message, fingerprint)
        report.problems.append((name, exc.message))
        return
    report.indexed.append(name)
