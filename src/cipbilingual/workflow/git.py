"""Git as the team's engine: the merge driver for catalogs, its setup, re-merging what git left
with conflict markers, and choosing a side of a clash the driver kept. See docs/git.md."""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from cipbilingual import limits, paths
from cipbilingual.errors import (
    CipError,
    InputError,
    NotFoundError,
    Refusal,
    UsageError,
    WorkspaceError,
)
from cipbilingual.history import recording
from cipbilingual.merge import (
    MergeReport,
    merge_articles,
    merge_fields,
    merge_notes,
    merge_terms,
    resolve,
    resolve_term,
)
from cipbilingual.models import Act, Segment, SegmentId, Term
from cipbilingual.workflow.people import require_person
from cipbilingual.workspace import Workspace, ensure_history_merges

DRIVER = "cipbilingual"
ATTRIBUTES_HEADER = "# cipbilingual: merge catalogs per segment and the glossary per entry"
CHOICES = ("mine", "theirs")


def _git() -> str:
    git = shutil.which("git")
    if git is None:
        raise WorkspaceError("git is not installed", hint="install git to share a workspace")
    return git


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([_git(), *args], cwd=cwd, capture_output=True, check=False)


def repository_root(folder: Path) -> Path:
    """The top folder of the git work tree holding `folder`; raises WorkspaceError."""
    done = _run(["rev-parse", "--show-toplevel"], folder)
    if done.returncode != 0:
        raise WorkspaceError(
            f"{folder} is not in a git repository",
            hint="run 'git init' (or clone the newsroom's repository) first",
        )
    return Path(done.stdout.decode().strip())


# -- setup ------------------------------------------------------------------------------------


@dataclass
class SetupReport:
    repository: Path
    attributes: Path
    patterns: list[str]
    attributes_changed: bool
    driver: str


def catalog_patterns() -> list[str]:
    """The .gitattributes patterns of the catalogs the driver merges (workspace-relative)."""
    return [f"{paths.ARTICLES_DIR}/*/{paths.CATALOG_NAME}", paths.GLOSSARY_PATH.as_posix()]


def driver_command() -> str:
    """What git runs: this Python's cipbilingual, so the clone's venv is the one used."""
    return f"{shlex.quote(sys.executable)} -m cipbilingual git merge-driver %O %A %B %P"


def setup_git(ws: Workspace) -> SetupReport:
    """Register the merge driver: `merge=cipbilingual` for the catalogs in the workspace's
    .gitattributes (to commit, so every clone has it), `merge=union` for the history files,
    and the driver command in this clone's git config (each clone runs `git setup` once).
    Idempotent. Raises WorkspaceError."""
    root = repository_root(ws.root)
    attributes = ws.inside(".gitattributes")
    lines: list[str] = []
    if attributes.exists():
        data = limits.read_file(attributes, limits.SETTINGS_FILE, "a .gitattributes file")
        try:
            lines = data.decode("utf-8").splitlines()
        except UnicodeDecodeError:
            raise InputError(f"{attributes}: not UTF-8 text") from None
    wanted = [f"{pattern} merge={DRIVER}" for pattern in catalog_patterns()]
    missing = [line for line in wanted if line not in (ln.strip() for ln in lines)]
    if missing:
        from cipbilingual.store import atomic_write_text

        if ATTRIBUTES_HEADER not in lines:
            missing.insert(0, ATTRIBUTES_HEADER)
        atomic_write_text(attributes, "\n".join([*lines, *missing]) + "\n")
    # History files merge by union: both branches' appended records are kept.
    history_added = ensure_history_merges(ws.root)
    command = driver_command()
    for key, value in (
        (f"merge.{DRIVER}.name", "cipbilingual: catalogs per segment, the glossary per entry"),
        (f"merge.{DRIVER}.driver", command),
    ):
        done = _run(["config", "--local", key, value], root)
        if done.returncode != 0:
            raise WorkspaceError(f"git config failed: {done.stderr.decode().strip()}")
    return SetupReport(root, attributes, wanted, bool(missing) or history_added, command)


# -- the merge itself -------------------------------------------------------------------------


def is_glossary(path: str) -> bool:
    return Path(path).name == paths.GLOSSARY_PATH.name and Path(path).parent.name == "LC_MESSAGES"


def merge_catalog_texts(base: str, mine: str, theirs: str, path: str) -> tuple[str, MergeReport]:
    """Merge three versions of the catalog at `path` (an article's en.po or the glossary).
    `base` is "" when the two sides have no common version. Raises CatalogError when a
    version is not a readable catalog."""
    from cipbilingual.store import (
        CatalogHeader,
        dumps_article,
        dumps_terms,
        loads_article,
        loads_header,
        loads_terms,
    )

    where = Path(path)
    if is_glossary(path):
        terms, report = merge_terms(
            loads_terms(base, where) if base.strip() else None,
            loads_terms(mine, where),
            loads_terms(theirs, where),
        )
        b = loads_header(base, where) if base.strip() else CatalogHeader()
        m, t = loads_header(mine, where), loads_header(theirs, where)
        header = CatalogHeader(
            fields=tuple(merge_fields(list(b.fields), list(m.fields), list(t.fields))),
            order=m.order,
            comments=tuple(merge_notes(list(b.comments), list(m.comments), list(t.comments))),
            flags=m.flags,
            entries=m.entries,
        )
        return dumps_terms(terms, header), report
    article, report = merge_articles(
        loads_article(base, where) if base.strip() else None,
        loads_article(mine, where),
        loads_article(theirs, where),
    )
    return dumps_article(article), report


def run_merge_driver(base: Path, mine: Path, theirs: Path, path: str) -> tuple[bool, list[str]]:
    """What git calls for a catalog: merge into `mine` (git's %A). Returns (clean, lines to
    show). A version that is not a readable catalog falls back to git's own line merge, so git
    behaves as without the driver (conflict markers) and says why."""
    try:
        from cipbilingual.store import atomic_write_text, read_catalog_text

        base_text, mine_text, theirs_text = (
            read_catalog_text(p) if p.stat().st_size else "" for p in (base, mine, theirs)
        )
        merged, report = merge_catalog_texts(base_text, mine_text, theirs_text, path)
        atomic_write_text(mine, merged)
    except CipError as exc:
        return _line_merge(base, mine, theirs, path, exc.message)
    except Exception as exc:  # a bug must never lose their side: fall back, say so
        return _line_merge(base, mine, theirs, path, f"internal error: {exc!r}")
    lines = [f"{path}: {note}" for note in report.notes]
    if report.conflicts:
        lines.append(
            f"{path}: {len(report.conflicts)} clash(es) kept with both sides: "
            f"{', '.join(report.conflicts)}; choose in the UI or with 'cipbilingual git choose'"
        )
    return report.clean, lines


def _line_merge(
    base: Path, mine: Path, theirs: Path, path: str, why: str
) -> tuple[bool, list[str]]:
    done = subprocess.run(
        [_git(), "merge-file", "-L", "mine", "-L", "base", "-L", "theirs", str(mine), str(base),
         str(theirs)],
        capture_output=True,
        check=False,
    )  # fmt: skip
    note = f"{path}: not merged per segment ({why}); merged line by line instead"
    return done.returncode == 0, [note]


# -- re-merging what git left with markers ----------------------------------------------------


@dataclass
class Resolved:
    path: str  # relative to the repository
    report: MergeReport
    staged: bool


def resolve_unmerged(ws: Workspace, only: list[Path] | None = None) -> list[Resolved]:
    """Re-merge, per segment, every catalog git left unmerged in this workspace (from git's
    index: base, mine, theirs), write the result and stage it when no clash remains. `only`
    limits it to those files. Raises WorkspaceError (no repository), NotFoundError (a named
    file git does not list as unmerged)."""
    root = repository_root(ws.root)
    done = _run(["ls-files", "-u", "-z", "--full-name"], root)
    stages: dict[str, dict[int, str]] = {}
    for record in done.stdout.decode("utf-8", "surrogateescape").split("\0"):
        if not record:
            continue
        info, _, name = record.partition("\t")
        _, sha, stage = info.split()
        stages.setdefault(name, {})[int(stage)] = sha
    wanted = {_relative(p, root) for p in only} if only else None
    if wanted:
        unknown = sorted(wanted - set(stages))
        if unknown:
            raise NotFoundError(
                f"{unknown[0]} is not an unmerged file in git's index",
                hint="'git status' lists what the merge left unmerged",
            )
    out: list[Resolved] = []
    for name, blobs in sorted(stages.items()):
        full = root / name
        if wanted is not None and name not in wanted:
            continue
        if not _is_catalog(full, ws):
            continue
        if 2 not in blobs or 3 not in blobs:
            continue  # deleted on one side: a decision for git, not for a per-segment merge
        base, mine, theirs = (_blob(root, blobs[n]) if n in blobs else "" for n in (1, 2, 3))
        merged, report = merge_catalog_texts(base, mine, theirs, name)
        from cipbilingual.store import atomic_write_text

        atomic_write_text(full, merged)
        staged = False
        if report.clean:
            staged = _run(["add", "--", name], root).returncode == 0
        out.append(Resolved(name, report, staged))
    return out


def _relative(path: Path, root: Path) -> str:
    full = (Path.cwd() / path).resolve() if not path.is_absolute() else path.resolve()
    try:
        return full.relative_to(root.resolve()).as_posix()
    except ValueError:
        raise UsageError(f"{path} is not inside the repository {root}") from None


def _is_catalog(path: Path, ws: Workspace) -> bool:
    try:
        inside = path.resolve().relative_to(ws.root.resolve())
    except ValueError:
        return False
    parts = inside.parts
    is_article = (
        len(parts) == 3 and parts[0] == paths.ARTICLES_DIR and parts[2] == paths.CATALOG_NAME
    )
    return is_article or inside == paths.GLOSSARY_PATH


def _blob(root: Path, sha: str) -> str:
    done = _run(["cat-file", "blob", sha], root)
    return done.stdout.decode("utf-8")


# -- the clashes a merge kept -----------------------------------------------------------------


@dataclass
class Clash:
    """A clash waiting for a person: a segment of an article, or a glossary entry."""

    slug: str  # "" for the glossary
    item: str  # segment id, or the Chinese term (with its sense)
    note: str
    mine: str  # the English on each side
    theirs: str

    def to_json(self) -> dict[str, str]:
        return {
            "slug": self.slug,
            "item": self.item,
            "note": self.note,
            "mine": self.mine,
            "theirs": self.theirs,
        }


def list_clashes(ws: Workspace) -> list[Clash]:
    """Every clash a merge left in the workspace's catalogs, articles first."""
    out: list[Clash] = []
    for slug in ws.slugs():
        for seg in ws.load(slug).conflicts():
            clash = seg.conflict
            assert clash is not None
            theirs = clash.theirs.target if clash.theirs is not None else "(retired)"
            out.append(Clash(slug, str(seg.id), clash.note, clash.mine.target, theirs))
    from cipbilingual.workflow.glossary import load_glossary

    for term in load_glossary(ws).terms:
        if term.conflict is not None:
            name = term.source + (f" ({term.sense})" if term.sense else "")
            theirs = term.conflict.theirs.target if term.conflict.theirs else "(removed)"
            mine = "(removed)" if term.conflict.note == "mine removed it" else term.target
            out.append(Clash("", name, term.conflict.note, mine, theirs))
    return out


def choose_segment(ws: Workspace, slug: str, segment_id: str, choice: str, person: str) -> Segment:
    """Settle a segment's clash with "mine" or "theirs" as it was on that side. Raises
    UsageError (another choice), Refusal (no clash there), NotFoundError."""
    require_person(ws.settings, person)
    if choice not in CHOICES:
        raise UsageError(f"choose mine or theirs, not '{choice}'")
    sid = SegmentId.parse(segment_id)
    with ws.edit(slug) as article:
        segment = article.segment(sid)
        if segment.conflict is None:
            raise Refusal(f"{sid} has no merge conflict to settle")
        with recording(article, Act.MERGE, segment, person, reason=f"settled a merge: {choice}"):
            resolve(segment, choice)
    return segment


def choose_term(ws: Workspace, source: str, sense: str, choice: str) -> Term | None:
    """Settle a glossary entry's clash; returns the entry kept (None: the chosen side had
    removed it). Raises UsageError, Refusal, NotFoundError."""
    from cipbilingual.workflow.glossary import replace_entry

    if choice not in CHOICES:
        raise UsageError(f"choose mine or theirs, not '{choice}'")

    def settle(term: Term) -> Term | None:
        if term.conflict is None:
            raise Refusal(f"'{source}' has no merge conflict to settle")
        return resolve_term(term, choice)

    return replace_entry(ws, source, sense, settle)
