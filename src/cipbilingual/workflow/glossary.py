"""Use cases on the house glossary: list, add, remove, import, export, check. Shared by the CLI
and the TUI. Every change is all or nothing: lock, load, change in memory, save atomically."""

from __future__ import annotations

import dataclasses
import fcntl
import os
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cipbilingual.errors import CipError, UsageError
from cipbilingual.glossary import Glossary, check_article, describe, segment_hits
from cipbilingual.interchange.termbase import read_terms, write_terms
from cipbilingual.models import Article, Finding, Term, TermMatch
from cipbilingual.workspace import Workspace

__all__ = [
    "ImportReport",
    "add_term",
    "check_articles",
    "edit_term",
    "export_glossary",
    "glossary_for",
    "import_glossary",
    "load_glossary",
    "remove_term",
    "segment_hits",
    "term_to_json",
]

_cache: dict[Path, tuple[int, int, Glossary]] = {}
_cache_lock = threading.Lock()


def load_glossary(ws: Workspace) -> Glossary:
    """The workspace glossary, freshly read (empty when the catalog does not exist yet).
    Raises CatalogError for an unreadable catalog, InputError/ConflictError (naming the file)
    for an entry that is not a usable term."""
    from cipbilingual.store import load_terms

    path = ws.glossary_path
    if not path.is_file():
        return Glossary()
    terms = load_terms(path)
    try:
        return Glossary(terms)
    except CipError as exc:
        raise type(exc)(f"{path}: {exc.message}", hint=exc.hint) from None


def glossary_for(ws: Workspace) -> Glossary:
    """The workspace glossary, cached until the catalog's modification time or size changes.
    Shared between callers: treat it as read-only. Raises like `load_glossary`."""
    path = ws.glossary_path
    try:
        stat = path.stat()
        stamp = (stat.st_mtime_ns, stat.st_size)
    except FileNotFoundError:
        stamp = (0, -1)
    with _cache_lock:
        cached = _cache.get(path)
        if cached is not None and cached[:2] == stamp:
            return cached[2]
    glossary = load_glossary(ws)
    with _cache_lock:
        _cache[path] = (*stamp, glossary)
    return glossary


@contextmanager
def _editing(ws: Workspace) -> Iterator[Glossary]:
    """Lock the glossary against other processes, load it fresh, yield it, save it if the block
    ends normally. Nothing is written when the block raises."""
    from cipbilingual.store import save_terms

    lock_dir = ws.cache_dir / "locks"
    lock_dir.mkdir(parents=True, exist_ok=True)
    # Not an article slug (those cannot start with "_"), so no article lock is shared.
    fd = os.open(lock_dir / "_glossary.lock", os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        glossary = load_glossary(ws)
        yield glossary
        ws.glossary_path.parent.mkdir(parents=True, exist_ok=True)
        save_terms(glossary.terms, ws.glossary_path)
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def term_to_json(term: Term) -> dict[str, object]:
    """A term as `glossary list --json` prints it."""
    return {
        "source": term.source,
        "target": term.target,
        "sense": term.sense,
        "abbreviation": term.abbreviation,
        "note": term.note,
        "forbidden": list(term.forbidden),
        "variants": list(term.variants),
        "status": str(term.status),
        "case_sensitive": term.case_sensitive,
        "full_form_first": term.full_form_first,
    }


def add_term(ws: Workspace, term: Term, *, replace: bool = False) -> Term:
    """Add a term (or replace the entry with the same term and sense); returns it as stored.
    Raises InputError for an unusable term, ConflictError when the term is there with other
    English and `replace` is not set."""
    with _editing(ws) as glossary:
        return glossary.add(term, replace=replace)


def edit_term(ws: Workspace, source: str, sense: str = "", **changes: Any) -> Term:
    """Change some fields of the entry for (source, sense), keeping the others; returns the
    stored term. `changes` are Term fields (target, abbreviation, note, forbidden, variants,
    status, case_sensitive, full_form_first). Raises NotFoundError, InputError, UsageError."""
    allowed = set(Term.__dataclass_fields__) - {"source", "sense"}
    unknown = set(changes) - allowed
    if unknown:
        raise UsageError(f"cannot edit {', '.join(sorted(unknown))} of a term")
    with _editing(ws) as glossary:
        old = glossary.get(source, sense)
        # Editing an entry a merge left in conflict settles it with what the person wrote.
        return glossary.add(dataclasses.replace(old, conflict=None, **changes), replace=True)


def replace_entry(
    ws: Workspace, source: str, sense: str, change: Callable[[Term], Term | None]
) -> Term | None:
    """Replace the entry for (source, sense) by `change(entry)`, or remove it when that is
    None, under the glossary lock. Raises NotFoundError and whatever `change` raises."""
    with _editing(ws) as glossary:
        new = change(glossary.get(source, sense))
        if new is None:
            glossary.remove(source, sense)
            return None
        return glossary.add(new, replace=True)


def remove_term(ws: Workspace, source: str, sense: str | None = None) -> list[Term]:
    """Remove the entry for (source, sense); with no sense, the term's only entry. Raises
    NotFoundError, UsageError when the term has several senses and none was named."""
    with _editing(ws) as glossary:
        if sense is None:
            senses = glossary.senses(" ".join(source.split()))
            if len(senses) > 1:
                names = ", ".join(f"'{t.sense}'" if t.sense else "''" for t in senses)
                raise UsageError(
                    f"'{source}' has {len(senses)} senses ({names})",
                    hint="name one with --sense, or remove them all with --all-senses",
                )
            if not senses:
                glossary.get(source)  # raises NotFoundError
            return glossary.remove(source, senses[0].sense)
        return glossary.remove(source, sense)


def remove_all_senses(ws: Workspace, source: str) -> list[Term]:
    """Remove every entry for a Chinese term; raises NotFoundError."""
    with _editing(ws) as glossary:
        return glossary.remove(source)


@dataclass
class ImportReport:
    """What `glossary import` did."""

    file: str
    added: list[Term] = field(default_factory=list)
    replaced: list[Term] = field(default_factory=list)
    unchanged: list[Term] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        return {
            "file": self.file,
            "added": len(self.added),
            "replaced": len(self.replaced),
            "unchanged": len(self.unchanged),
            "notices": self.notices,
        }


def import_glossary(
    ws: Workspace,
    path: Path,
    *,
    format: str | None = None,
    replace: bool = False,
    source_lang: str | None = None,
    target_lang: str | None = None,
) -> ImportReport:
    """Merge a TSV, CSV or TBX file into the glossary, all or nothing. Raises UsageError for an
    unknown format, InputError for a bad file (naming the line), ConflictError when a term
    would change and `replace` is not set."""
    content = read_terms(
        path,
        format=format,
        source_lang=source_lang or ws.settings.source_language,
        target_lang=target_lang or ws.settings.target_language,
    )
    with _editing(ws) as glossary:
        merged = glossary.merge(content.terms, replace=replace)
    return ImportReport(str(path), merged.added, merged.replaced, merged.unchanged, content.notices)


def export_glossary(ws: Workspace, path: Path, *, format: str | None = None) -> int:
    """Write the glossary to a TSV, CSV or TBX file (atomically); returns the number of terms.
    Raises UsageError for an unknown format, InputError when the file cannot be written."""
    glossary = load_glossary(ws)
    write_terms(
        glossary.terms,
        path,
        format=format,
        source_lang=ws.settings.source_language,
        target_lang=ws.settings.target_language,
    )
    return len(glossary)


def check_articles(ws: Workspace, slugs: Sequence[str], language: str = "en") -> list[Finding]:
    """Glossary findings for the given articles (every article when `slugs` is empty), each
    article's in document order, messages in `language`, silenced ones flagged as in `qa`.
    Raises NotFoundError for an unknown slug, CatalogError."""
    import dataclasses

    names = list(slugs) if slugs else ws.slugs()
    glossary = glossary_for(ws)
    findings: list[Finding] = []
    for slug in names:
        article = ws.load(slug)
        segments = {str(s.id): s for s in article.segments}
        for finding in check_article(article, glossary, language):
            segment = segments.get(finding.segment)
            silence = segment.silence_for(finding.check) if segment is not None else None
            findings.append(dataclasses.replace(finding, silenced=silence))
    return findings


def article_hits(ws: Workspace, article: Article) -> dict[str, list[TermMatch]]:
    """Glossary matches per segment id of an article, for `status` and the UI."""
    return segment_hits(article, glossary_for(ws))


def describe_term(term: Term) -> str:
    """One line for listings: 中文 [sense] → English (ABBR) and the rules that apply."""
    english = f"{term.target} ({term.abbreviation})" if term.abbreviation else term.target
    rules = []
    if term.full_form_first:
        rules.append("full form first")
    if term.case_sensitive:
        rules.append("case-sensitive")
    if term.forbidden:
        rules.append("not " + ", ".join(term.forbidden))
    if term.status.value != "preferred":
        rules.append(term.status.value)
    tail = f"  [{'; '.join(rules)}]" if rules else ""
    return f"{describe(term)} → {english}{tail}"
