"""The UI's narrow door to the workspace: plain data in, plain data out, no Textual.

Every read or write of the workspace the UI makes goes through `Services`, which calls the
workflow use cases. Screens call it from thread workers only; widgets never call it. Features that
live in optional modules (glossary, translation memory, machine drafting, QA) are reached through
one method each, so each plugs in where its module provides it.
"""

from __future__ import annotations

import dataclasses
import difflib
import importlib
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar, cast

from cipbilingual.errors import CipError, ConflictError, NotFoundError, NotPublishable, UsageError
from cipbilingual.models import (
    Article,
    Finding,
    HistoryRecord,
    Origin,
    Role,
    Segment,
    SegmentId,
    Silence,
    Term,
    TermMatch,
)
from cipbilingual.summaries import ArticleSummary
from cipbilingual.tui.i18n import N_, _
from cipbilingual.workflow import articles as article_cases
from cipbilingual.workflow import editing
from cipbilingual.workflow import history as history_cases
from cipbilingual.workflow import summaries as summary_cases
from cipbilingual.workspace import Workspace

if TYPE_CHECKING:
    from cipbilingual.glossary import Glossary
    from cipbilingual.workflow.align import LinkView, RelinkReport

T = TypeVar("T")

Stamp = tuple[int, int, int]
"""A catalog file's (inode, mtime in ns, size): it changes whenever anyone rewrites the file."""


@dataclass(frozen=True)
class EngineReadiness:
    """Whether drafting with an engine can start, and if not, why."""

    name: str
    ready: bool
    reason: str = ""


# Hints in the words of the UI's dialogs: the workflow's hints name the CLI's flags.
UPDATE_HINT = N_("tick “Update an existing article” to update it, or choose another slug")
NEW_HINT = N_("untick “Update an existing article” to import it as a new article")
PARTIAL_HINT = N_("approve every segment, or tick “Allow a partial export”")


def _ui(hint: str) -> str:
    return _(hint)


@dataclass(frozen=True)
class DiffPart:
    """A piece of a diff: `op` is "equal", "insert" (only in the new text) or "delete"."""

    op: str
    text: str


@dataclass(frozen=True)
class Suggestion:
    """Something the translator may insert: the MT draft, a TM match or a glossary entry."""

    kind: str  # "merge" (their side of a merge conflict), "mt", "tm" or "term"
    text: str  # what is inserted
    label: str  # engine name, match origin, or the Chinese term
    score: float | None = None  # MT score, or TM match percent
    source: str = ""  # the TM match's Chinese, or the term's Chinese
    diff: tuple[DiffPart, ...] = ()  # TM: the match's Chinese against this segment's
    warnings: tuple[str, ...] = ()  # TM: numbers that differ between the two sources
    note: str = ""  # glossary usage note, abbreviation
    origin: Origin | None = None  # recorded on the segment when the suggestion is used


@dataclass(frozen=True)
class ReviewItem:
    """A translated segment waiting for an editor, or a comment addressed to the person."""

    slug: str
    title: str
    segment: Segment
    findings: tuple[Finding, ...] = ()
    comment: HistoryRecord | None = None


class Progress(Protocol):
    def __call__(self, done: int, total: int) -> None: ...


@dataclass
class DraftOutcome:
    """What a drafting run did, in numbers."""

    drafted: int
    cancelled: bool
    skipped: int = 0  # the engine had nothing to offer (the TM engine without an exact match)
    changed: int = 0  # written by someone else meanwhile: left alone


@dataclass
class SegmentContext:
    """What QA of one segment needs beside the segment: the glossary and the article."""

    article: Article | None = None
    glossary: Glossary | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def word_diff(old: str, new: str) -> list[DiffPart]:
    """A word-level diff from `old` to `new` (for the reviewer: MT draft -> translation; in the
    history: one version -> the next)."""
    from cipbilingual.history import word_diff as words

    return [DiffPart(op, text) for op, text in words(old, new)]


def char_diff(old: str, new: str) -> list[DiffPart]:
    """A character-level diff from `old` to `new` (Chinese sources have no spaces)."""
    return _diff(list(old), list(new))


def _diff(a: Sequence[str], b: Sequence[str]) -> list[DiffPart]:
    out: list[DiffPart] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out.append(DiffPart("equal", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(DiffPart("delete", "".join(a[i1:i2])))
        if j2 > j1:
            out.append(DiffPart("insert", "".join(b[j1:j2])))
    return out


class SaveQueue:
    """Runs saves one after another on one background thread, in the order they were asked for,
    so a later edit of a segment never lands before an earlier one."""

    def __init__(self) -> None:
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="cipbilingual-save")
        self._pending: set[Future[Any]] = set()
        self._lock = threading.Lock()

    def submit(self, job: Callable[[], T]) -> Future[T]:
        future = self._pool.submit(job)
        with self._lock:
            self._pending.add(future)
        future.add_done_callback(self._forget)
        return future

    def _forget(self, future: Future[Any]) -> None:
        with self._lock:
            self._pending.discard(future)

    def busy(self) -> bool:
        with self._lock:
            return bool(self._pending)

    def drain(self, timeout: float | None = 30.0) -> None:
        """Wait until every save asked for so far has finished."""
        self._pool.submit(lambda: None).result(timeout)

    def close(self) -> None:
        self._pool.shutdown(wait=True)


TM_SYNC_INTERVAL = 2.0  # seconds between checks of the catalogs for the translation memory


def tm_suggestion(match: Any) -> Suggestion:
    """A translation-memory match (cipbilingual.tm.model.TMMatch) as something to insert: its
    English, score and origin, the diff of its Chinese against this segment's, and the figures
    that differ, so a stale number is never copied silently."""
    diff: list[DiffPart] = []
    for chunk in match.diff:
        op = str(chunk.op)
        if op == "equal":
            diff.append(DiffPart("equal", chunk.old))
            continue
        if op in ("delete", "replace") and chunk.old:
            diff.append(DiffPart("delete", chunk.old))
        if op in ("insert", "replace") and chunk.new:
            diff.append(DiffPart("insert", chunk.new))
    unit = match.unit
    warnings = [str(n) for n in match.numbers]
    notes = []
    if str(unit.state) != "approved":
        notes.append(str(unit.state))
    if match.conflict:
        notes.append("conflict")
    label = " · ".join([_short_origin(unit.origin), *notes])
    return Suggestion(
        "tm",
        unit.target,
        label,
        float(match.score),
        source=unit.source,
        diff=tuple(diff),
        warnings=tuple(warnings),
        origin=Origin("tm", str(unit.origin), float(match.score)),
    )


def _short_origin(origin: Any) -> str:
    """`p3.s1 2019-11-24-wang-quan…`: the segment first, the article's slug cut short."""
    name = str(origin.name)
    if len(name) > 24:
        name = name[:23] + "…"
    return f"{origin.ref} {name}" if str(origin.kind) == "article" else f"{name}#{origin.ref}"


def _optional(module: str) -> Any:
    """The feature module, or None when this installation does not have it."""
    try:
        return importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name and module.startswith(exc.name):
            return None
        raise


class Services:
    """Everything the UI asks of the workspace. Methods block; call them from workers."""

    def __init__(self, ws: Workspace) -> None:
        self.ws = ws
        self.saves = SaveQueue()
        self._modules: dict[str, Any] = {}

        self._memory: Any = None
        self._memory_synced = 0.0
        self._tm_lock = threading.Lock()
        self._aligner: Any = None
        self._aligner_lock = threading.Lock()

    def feature(self, module: str) -> Any:
        """A feature module (glossary, tm, qa, drafting, numbers), imported once; None when
        this installation does not have it."""
        if module not in self._modules:
            self._modules[module] = _optional(f"cipbilingual.{module}")
        return self._modules[module]

    @property
    def has_tm(self) -> bool:
        return self.feature("workflow.tm") is not None

    # -- people -----------------------------------------------------------------------------
    def people(self) -> list[tuple[str, Role]]:
        return sorted(self.ws.settings.people.items())

    def role_of(self, person: str) -> Role | None:
        return self.ws.settings.role_of(person)

    # -- articles ---------------------------------------------------------------------------
    def cached_summaries(self) -> tuple[list[ArticleSummary], list[str]]:
        """Every article as the summary cache knows it, at once, and the slugs whose catalog
        changed since (their rows are to be refreshed)."""
        return summary_cases.cached_summaries(self.ws)

    def refresh_summaries(
        self,
        slugs: Sequence[str],
        should_stop: Callable[[], bool],
        on_batch: Callable[[list[ArticleSummary]], object],
    ) -> list[ArticleSummary]:
        """Summarise the articles from their catalogs, a batch at a time; raises CatalogError."""
        return summary_cases.refresh_summaries(
            self.ws, slugs, should_stop=should_stop, on_batch=on_batch
        )

    def count_errors(
        self,
        summaries: Sequence[ArticleSummary],
        should_stop: Callable[[], bool],
        on_batch: Callable[[list[ArticleSummary]], object],
    ) -> list[ArticleSummary]:
        """QA error counts for the articles not counted yet; raises CatalogError."""
        return summary_cases.count_errors(
            self.ws, summaries, should_stop=should_stop, on_batch=on_batch
        )

    def load(self, slug: str) -> Article:
        return self.ws.load(slug)

    def stamp(self, slug: str) -> Stamp | None:
        """The catalog's stamp, or None when it is gone."""
        try:
            st = self.ws.catalog_path(slug).stat()
        except FileNotFoundError:
            return None
        return (st.st_ino, st.st_mtime_ns, st.st_size)

    def save(
        self,
        edit: editing.SegmentEdit,
        person: str,
        step: editing.Step = editing.Step.SAVE,
        reason: str = "",
        override: str | None = None,
    ) -> editing.Saved:
        """Save (confirm, approve) one segment; approving raises editing.ApprovalRefused for
        QA errors unless `override` gives the reason, ReasonRequired for a segment sent back and
        unchanged since without a `reason`."""
        return editing.save_segment(self.ws, edit, person, step, reason, override=override)

    def reject(self, edit: editing.SegmentEdit, reason: str, person: str) -> editing.Saved:
        return editing.reject_with_reason(self.ws, edit, reason, person)

    def choose(self, slug: str, segment_id: SegmentId, choice: str, person: str) -> Segment:
        """Settle a clash a git merge kept in the segment with "mine" or "theirs"."""
        from cipbilingual.workflow.git import choose_segment

        return choose_segment(self.ws, slug, str(segment_id), choice, person)

    def import_file(
        self, file: Path, slug: str | None = None, person: str = "", *, update: bool = False
    ) -> article_cases.ImportReport:
        """Import a Chinese article as `person`, or with `update` a revised source of an existing
        one (every translation kept). Raises InputError, ConflictError, NotFoundError, with hints
        that name the dialog's choices rather than the CLI's flags."""
        try:
            return article_cases.import_article(
                self.ws, file.expanduser(), slug, update=update, person=person
            )
        except ConflictError as exc:
            exc.hint = _ui(UPDATE_HINT)
            raise
        except NotFoundError as exc:
            if update:
                exc.hint = _ui(NEW_HINT)
            raise

    def export(
        self,
        slug: str,
        fmt: str,
        dest: Path,
        *,
        allow_partial: bool = False,
        bilingual: bool = False,
    ) -> Path:
        """Write the article in `fmt` to `dest` through the publish gate (the review formats
        show every segment); raises NotPublishable, UsageError."""
        try:
            text = article_cases.export_article(
                self.ws, slug, fmt, bilingual=bilingual, allow_partial=allow_partial
            )
        except NotPublishable as exc:
            if "--allow-partial" in exc.hint:
                exc.hint = _ui(PARTIAL_HINT)
            raise
        target = dest.expanduser()
        if not target.is_absolute():
            target = self.ws.root / target
        if not target.parent.is_dir():
            raise UsageError(f"{target.parent}: no such folder")
        from cipbilingual.store.output import write_output

        write_output(target, text.encode("utf-8"))
        return target

    def export_formats(self) -> tuple[str, ...]:
        from cipbilingual import export

        return tuple(export.FORMATS)

    # -- review -----------------------------------------------------------------------------
    def review_queue(self, person: str = "") -> list[ReviewItem]:
        """Translated segments of every article, and the open comments addressed to `person`,
        in article then document order, with each segment's QA findings."""
        queued, _notices = history_cases.review_queue(self.ws, person)
        glossary = self.glossary()
        findings: dict[str, dict[SegmentId, list[Finding]]] = {}
        items: list[ReviewItem] = []
        for item in queued:
            if item.slug not in findings:
                findings[item.slug] = self.article_findings(self.ws.load(item.slug), glossary)
            found = tuple(findings[item.slug].get(item.segment.id, ()))
            items.append(ReviewItem(item.slug, item.title, item.segment, found, item.comment))
        return items

    # -- history ----------------------------------------------------------------------------
    def history(self, slug: str, segment_id: SegmentId) -> history_cases.SegmentLog:
        """The segment's history, oldest first. Raises InputError, NotFoundError."""
        return history_cases.segment_log(self.ws, slug, str(segment_id))

    def history_stamp(self, slug: str) -> Stamp | None:
        """The history file's stamp, or None when there is none yet."""
        try:
            st = self.ws.history_path(slug).lstat()
        except FileNotFoundError:
            return None
        return (st.st_ino, st.st_mtime_ns, st.st_size)

    def open_comments(self, slug: str) -> dict[SegmentId, list[HistoryRecord]]:
        """The article's open comments by segment. Raises InputError."""
        found = history_cases.article_comments(self.ws, slug)
        return {SegmentId.parse(sid): items for sid, items in found.items() if sid}

    def comment(self, slug: str, segment_id: SegmentId, text: str, person: str) -> HistoryRecord:
        return history_cases.add_comment(self.ws, slug, str(segment_id), text, person)

    def resolve(
        self, slug: str, segment_id: SegmentId, comment_id: str, person: str
    ) -> HistoryRecord:
        return history_cases.resolve_comment(self.ws, slug, str(segment_id), comment_id, person)

    def report(self, since: str | None = None) -> history_cases.WorkReport:
        """Who did what since `since` (a date; default a week ago). Raises UsageError."""
        return history_cases.work_report(self.ws, history_cases.parse_since(since))

    # -- aligned articles ---------------------------------------------------------------------
    def is_aligned(self, slug: str) -> bool:
        """Whether the article was made by `align` (its links can be fixed)."""
        from cipbilingual.workflow.align import aligned_slug

        return aligned_slug(self.ws, slug)

    def link_views(self, slug: str) -> list[LinkView]:
        """The links of an aligned article; raises NotFoundError, CatalogError, ConflictError."""
        from cipbilingual.workflow.align import link_views

        return link_views(self.ws, slug)

    def relink(self, slug: str, op: str, index: int, person: str) -> RelinkReport:
        """Fix link `index` (merge, split, move a sentence) as `person`; raises UsageError when
        the fix does not apply, ConflictError when it would overwrite edited English. The
        first call loads the dictionary (about two seconds)."""
        from cipbilingual.workflow.align import relink

        with self._aligner_lock:
            if self._aligner is None:
                from cipbilingual.align import Aligner

                self._aligner = Aligner(glossary=self.glossary())
            aligner = self._aligner
        return relink(self.ws, slug, op, index, person, aligner)

    # -- glossary ---------------------------------------------------------------------------
    def glossary(self) -> Glossary | None:
        """The house glossary (reloaded when its file changes); None when this installation
        has no glossary module. Raises CatalogError for a broken glossary file."""
        glossary_cases = self.feature("workflow.glossary")
        if glossary_cases is None:
            return None
        return cast("Glossary", glossary_cases.glossary_for(self.ws))

    def terms(self) -> list[Term]:
        """Every term of the house glossary, freshly read; raises CatalogError."""
        glossary_cases = self._require("workflow.glossary")
        return list(glossary_cases.load_glossary(self.ws).terms)

    def _require(self, module: str) -> Any:
        found = self.feature(module)
        if found is None:
            raise CipError(f"this installation has no cipbilingual.{module}")
        return found

    def save_term(self, term: Term, replacing: Term | None = None) -> Term:
        """Add a term, or put it in place of `replacing`; returns it as stored. Raises
        ConflictError (the Chinese term is there with other English), InputError."""
        glossary_cases = self._require("workflow.glossary")
        if replacing is None:
            return cast(Term, glossary_cases.add_term(self.ws, term))
        if replacing.tool_comments and not term.tool_comments:
            # Other tools' comments on the entry go with it, renamed or not.
            term = dataclasses.replace(term, tool_comments=replacing.tool_comments)
        same_entry = (term.source, term.sense) == (replacing.source, replacing.sense)
        stored = cast(Term, glossary_cases.add_term(self.ws, term, replace=same_entry))
        if not same_entry:
            # A renamed term: the new entry is in place before the old one goes.
            glossary_cases.remove_term(self.ws, replacing.source, replacing.sense)
        return stored

    # -- suggestions and findings ---------------------------------------------------------
    def term_suggestions(self, matches: Sequence[TermMatch]) -> list[Suggestion]:
        seen: set[tuple[str, str]] = set()
        out: list[Suggestion] = []
        for match in matches:
            term = match.term
            if (term.source, term.target) in seen:
                continue
            seen.add((term.source, term.target))
            note = " · ".join(x for x in (term.abbreviation, term.note) if x)
            out.append(Suggestion("term", term.target, term.source, source=term.source, note=note))
        return out

    def machine_suggestion(self, segment: Segment) -> Suggestion | None:
        if not segment.machine_draft:
            return None
        origin = segment.origin
        label = origin.engine if origin else "mt"
        score = origin.score if origin else None
        return Suggestion("mt", segment.machine_draft, label, score, origin=origin)

    def tm_suggestions(self, article: Article, segment_id: SegmentId) -> list[Suggestion]:
        """Translation-memory matches for a segment of `article` (neighbours give 101%), best
        first; [] when this installation has no translation memory. Raises CatalogError."""
        tm_cases = self.feature("workflow.tm")
        if tm_cases is None:
            return []
        memory = self._memory_now(tm_cases)
        limit = self.ws.settings.tm.max_matches
        found = tm_cases.matches_for(memory, article, segment_id, limit=limit)
        return [tm_suggestion(match) for match in found.matches]

    def _memory_now(self, tm_cases: Any) -> Any:
        """The workspace memory, opened once and brought up to date at most every few seconds
        (a stat per catalog), so saves made here or elsewhere show up in the next lookups."""
        with self._tm_lock:
            now = time.monotonic()
            if self._memory is None:
                self._memory = tm_cases.tm_for(self.ws)
                self._memory_synced = now
            elif now - self._memory_synced > TM_SYNC_INTERVAL:
                tm_cases.refresh(self.ws, self._memory)
                self._memory_synced = now
            return self._memory

    def findings(self, segment: Segment, text: str, context: SegmentContext) -> list[Finding]:
        """QA findings for `segment` as if its English were `text`, in the UI language: every
        check of the workspace's registry, the first-mention rule judged on the segments before
        it. Silenced findings come flagged."""
        from cipbilingual.qa import check_pair, check_segment

        ctx = self._qa_context(context.glossary)
        article = context.article
        if article is None or not any(s.id == segment.id for s in article.segments):
            return check_pair(segment.source, text, ctx)
        return check_segment(article, segment.id, ctx, text=text)

    def _qa_context(self, glossary: Glossary | None) -> Any:
        from cipbilingual.qa import CheckContext
        from cipbilingual.tui.i18n import language

        return CheckContext(self.ws.settings.qa, glossary, language())

    def silence(
        self, slug: str, segment_id: SegmentId, check: str, reason: str, person: str
    ) -> Silence:
        """Silence the `check` findings of the segment's saved English with a reason, as
        `cipbilingual silence` does (recorded in the catalog and the history). Anyone in
        [people] may silence a warning, only an editor an error. Raises UsageError (no such
        finding, no reason), InputError (a control character, too long), PermissionRefused,
        NotFoundError."""
        from cipbilingual.workflow.qa import silence_finding

        return silence_finding(self.ws, slug, str(segment_id), check, reason, person)

    def unsilence(self, slug: str, segment_id: SegmentId, check: str, person: str) -> bool:
        """Take a silence back (the finding counts again); whether there was one. Raises
        NotFoundError (a person not in [people], an unknown segment)."""
        from cipbilingual.workflow.qa import unsilence_finding

        return unsilence_finding(self.ws, slug, str(segment_id), check, person)

    def article_findings(
        self,
        article: Article,
        glossary: Glossary | None = None,
        *,
        should_stop: Callable[[], bool] | None = None,
    ) -> dict[SegmentId, list[Finding]]:
        """Every finding of the article (as `qa` reports them), by segment; {} when
        `should_stop` said to stop first (the editor closed, a newer check began)."""
        from cipbilingual.qa import check_article
        from cipbilingual.qa.engine import Stopped

        out: dict[SegmentId, list[Finding]] = {}
        ids = {str(s.id): s.id for s in article.segments}
        ctx = self._qa_context(glossary or self.glossary())
        try:
            found = check_article(article, ctx, should_stop=should_stop)
        except Stopped:
            return out
        for finding in found:
            sid = ids.get(finding.segment)
            if sid is not None:
                out.setdefault(sid, []).append(finding)
        return out

    # -- machine drafting -----------------------------------------------------------------
    def engines(self) -> list[str]:
        from cipbilingual.mt.registry import ENGINE_NAMES

        return list(ENGINE_NAMES)

    def engine_readiness(self) -> list[EngineReadiness]:
        """Each engine, and whether drafting with it can start: the registry builds it as
        drafting would (a model installed, a server configured); what stops it is the reason.
        Nothing is translated and no server is contacted."""
        from cipbilingual.mt.registry import ENGINE_NAMES, engine_for

        out: list[EngineReadiness] = []
        for name in ENGINE_NAMES:
            try:
                engine_for(name, self.ws.settings, self.ws.root)
            except CipError as exc:
                out.append(EngineReadiness(name, False, exc.message))
            else:
                out.append(EngineReadiness(name, True))
        return out

    def default_engine(self) -> str:
        return self.ws.settings.mt.engine

    def draft(
        self,
        slug: str,
        engine: str,
        progress: Progress | None = None,
        should_stop: Callable[[], bool] | None = None,
        person: str = "",
    ) -> DraftOutcome:
        """Draft the article's new segments with the engine called `engine`, saving after each
        batch; stops between batches when `should_stop()` says so. Raises EngineError (no
        model, no server), NotFoundError."""
        from cipbilingual.mt.registry import engine_for
        from cipbilingual.workflow.drafting import draft_article

        chosen = engine_for(engine, self.ws.settings, self.ws.root)
        report = draft_article(
            self.ws, slug, chosen, progress=progress, should_stop=should_stop, person=person
        )
        return DraftOutcome(
            len(report.drafted),
            report.interrupted,
            skipped=len(report.skipped),
            changed=len(report.changed),
        )

    def close(self) -> None:
        self.saves.close()
