"""The translation memory: units from articles and TMX files in an SQLite file, exact lookups by
key, fuzzy lookups through an in-memory prefilter built on first use and kept current in place.

Each *store* (one article, one TMX file) is replaced as a whole when its file changes, so
updates are incremental per store. SQLite gives atomic replacement and safe sharing between
processes; the cache file is derived data and is rebuilt when unreadable.
"""

from __future__ import annotations

import hashlib
import math
import sqlite3
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from rapidfuzz import fuzz, process

from cipbilingual.errors import UsageError
from cipbilingual.models import Article, State
from cipbilingual.tm.diff import char_diff
from cipbilingual.tm.fragments import GRAM, FragmentIndex
from cipbilingual.tm.fuzzy import FuzzyIndex
from cipbilingual.tm.model import (
    EXACT_SCORE,
    IN_CONTEXT_SCORE,
    STATE_RANK,
    MatchKind,
    NumberDifference,
    OriginKind,
    TMMatch,
    TMUnit,
    UnitOrigin,
    normalize,
)
from cipbilingual.tm.quantities import number_differences

SCHEMA_VERSION = 1
_SCHEMA = """
CREATE TABLE IF NOT EXISTS stores (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    mtime_ns INTEGER NOT NULL DEFAULT 0,
    size INTEGER NOT NULL DEFAULT 0,
    digest TEXT NOT NULL DEFAULT '',
    problem TEXT NOT NULL DEFAULT '',
    UNIQUE (kind, name)
);
CREATE TABLE IF NOT EXISTS units (
    id INTEGER PRIMARY KEY,
    store INTEGER NOT NULL,
    ref TEXT NOT NULL,
    key TEXT NOT NULL,
    source TEXT NOT NULL,
    target TEXT NOT NULL,
    state TEXT NOT NULL,
    date TEXT NOT NULL,
    before_key TEXT NOT NULL,
    after_key TEXT NOT NULL,
    pair INTEGER NOT NULL,
    UNIQUE (store, pair)
);
CREATE INDEX IF NOT EXISTS units_key ON units (key);
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
"""
_UNIT_COLUMNS = (
    "u.source, u.target, u.state, u.date, u.before_key, u.after_key, u.ref, s.kind, s.name, u.key"
)
_BATCH = 2000
# Keys the fuzzy index may hold for which no unit remains; asking for more than N keys lets
# such keys drop out without leaving the answer short.
_SLACK = 3
# Past this many keys changed since the index was built, rebuild it instead of patching.
_DELTA_LIMIT = 5000


@dataclass(frozen=True)
class Fingerprint:
    """What a store's file looked like when it was indexed: modification time, size, SHA-256."""

    mtime_ns: int = 0
    size: int = 0
    digest: str = ""

    @classmethod
    def of(cls, path: Path, digest: str | None = None) -> Fingerprint:
        """The file's fingerprint; raises OSError when it cannot be read."""
        stat = path.stat()
        return cls(stat.st_mtime_ns, stat.st_size, digest or file_digest(path))

    def same_stat(self, path: Path) -> bool:
        try:
            stat = path.stat()
        except OSError:
            return False
        return (stat.st_mtime_ns, stat.st_size) == (self.mtime_ns, self.size)


def file_digest(path: Path) -> str:
    """SHA-256 hex of a file, read in chunks."""
    sha = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            sha.update(chunk)
    return sha.hexdigest()


@dataclass(frozen=True)
class StoreInfo:
    """One indexed store (article or TMX file), how many units it gave and any problem."""

    kind: OriginKind
    name: str
    fingerprint: Fingerprint
    units: int
    problem: str = ""


@dataclass(frozen=True)
class StoreReport:
    """What replacing a store did: units kept, and units dropped as duplicates or empty."""

    units: int
    duplicates: int
    empty: int = 0


@dataclass(frozen=True)
class TMStats:
    """Counts for `tm stats`."""

    units: int
    distinct_sources: int
    by_state: dict[str, int]
    articles: int
    tmx_files: int
    problems: tuple[tuple[str, str], ...]  # (store name, problem)

    def to_json(self) -> dict[str, object]:
        return {
            "units": self.units,
            "distinct_sources": self.distinct_sources,
            "states": self.by_state,
            "articles": self.articles,
            "tmx_files": self.tmx_files,
            "problems": [{"store": name, "problem": text} for name, text in self.problems],
        }


def article_units(article: Article) -> list[TMUnit]:
    """The units an article gives the memory: its approved segments, and its translated ones at
    a lower rank. Neighbours are the sources of the segments before and after, in document
    order, whatever their state."""
    units: list[TMUnit] = []
    segments = article.segments
    for i, seg in enumerate(segments):
        if seg.state not in STATE_RANK or not seg.source.strip() or not seg.target.strip():
            continue
        if seg.state is State.APPROVED and seg.approval is not None:
            date = seg.approval.at
        else:
            date = seg.translated_at or article.meta.date
        units.append(
            TMUnit(
                source=seg.source,
                target=seg.target,
                state=seg.state,
                origin=UnitOrigin(OriginKind.ARTICLE, article.slug, str(seg.id)),
                date=date,
                before=segments[i - 1].source if i > 0 else "",
                after=segments[i + 1].source if i + 1 < len(segments) else "",
            )
        )
    return units


def _pair_hash(key: str, target: str, before: str, after: str) -> int:
    payload = "\x1f".join((key, target, before, after)).encode("utf-8")
    return int.from_bytes(hashlib.blake2b(payload, digest_size=8).digest(), "big", signed=True)


def _unit_row(row: Sequence[str]) -> TMUnit:
    source, target, state, date, before, after, ref, kind, name = row[:9]
    return TMUnit(
        source=source,
        target=target,
        state=State(state),
        origin=UnitOrigin(OriginKind(kind), name, ref),
        date=date,
        before=before,
        after=after,
    )


def _numbers(kind: MatchKind, query: str, source: str) -> tuple[NumberDifference, ...]:
    if kind is MatchKind.FUZZY:
        return number_differences(query, source)
    if kind is MatchKind.FRAGMENT:
        # The stored sentence is longer and says more: name only the query's figures it lacks.
        differ = number_differences(query, source)
        return tuple(NumberDifference(d.query, "") for d in differ if d.query)
    return ()


def _sort_key(match: TMMatch) -> tuple[int, int, bool, str]:
    # Best score first; at equal score approved before translated; then the newest, undated
    # last. Dates sort descending by inverting code points: ISO 8601 dates sort as text.
    inverted = "".join(chr(0x10FFFF - ord(c)) for c in match.unit.date)
    return (-match.score, match.unit.rank, not match.unit.date, inverted)


class TranslationMemory:
    """Units from articles and TMX files, with exact, in-context and fuzzy lookup and
    concordance search. Thread-safe; one instance per process is enough."""

    def __init__(self, path: Path | None = None, *, min_score: int = 70, max_matches: int = 5):
        """Open (creating if needed) the memory at `path`, or an in-memory one when None. An
        unreadable or outdated cache file is discarded and rebuilt (it is derived data)."""
        self.path = path
        self.min_score = min_score
        self.max_matches = max_matches
        self._lock = threading.RLock()
        self._db = self._connect()
        self._fuzzy: FuzzyIndex | None = None
        self._fuzzy_generation = -1
        self._fuzzy_pos: dict[str, int] = {}
        self._fragments: FragmentIndex | None = None  # built on first need, over the same keys
        self._delta: set[str] = set()  # keys added since the indexes were built
        self._delta_fragments: FragmentIndex | None = None

    # -- storage ------------------------------------------------------------------------
    def _connect(self) -> sqlite3.Connection:
        target = ":memory:" if self.path is None else str(self.path)
        try:
            if self.path is not None:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            try:
                return self._open(target)
            except sqlite3.OperationalError:
                raise  # locked or not openable: never delete what another process may hold
            except sqlite3.DatabaseError:
                if self.path is None:
                    raise
                # Not a database, or another schema: it is only a cache, start afresh.
                for suffix in ("", "-wal", "-shm", "-journal"):
                    Path(f"{self.path}{suffix}").unlink(missing_ok=True)
                return self._open(target)
        except (OSError, sqlite3.OperationalError) as exc:
            raise UsageError(
                f"cannot open the translation-memory cache {self.path}: {exc}",
                hint="check the folder's permissions; the cache may be deleted, it is rebuilt",
            ) from None

    @staticmethod
    def _open(target: str) -> sqlite3.Connection:
        db = sqlite3.connect(target, timeout=30.0, check_same_thread=False, isolation_level=None)
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version not in (0, SCHEMA_VERSION):
            db.close()
            raise sqlite3.DatabaseError("another schema version")
        if target != ":memory:":
            db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = NORMAL")
        db.executescript(_SCHEMA)
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        return db

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def __enter__(self) -> TranslationMemory:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def generation(self) -> int:
        """A number that changes whenever any unit is added or removed, by any process."""
        row = self._db.execute("SELECT value FROM meta WHERE name = 'generation'").fetchone()
        return int(row[0]) if row else 0

    def _bump(self) -> None:
        self._db.execute(
            "INSERT INTO meta (name, value) VALUES ('generation', 1) "
            "ON CONFLICT (name) DO UPDATE SET value = value + 1"
        )

    # -- writing ------------------------------------------------------------------------
    def replace_store(
        self,
        kind: OriginKind,
        name: str,
        units: Iterable[TMUnit],
        fingerprint: Fingerprint = Fingerprint(),
    ) -> StoreReport:
        """Replace every unit of one store by `units`, atomically. Units repeating a pair
        (source, English, neighbours) already in the store are dropped and counted. If reading
        `units` raises, the store keeps its previous units and the error propagates."""
        with self._lock:
            db = self._db
            try:
                db.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as exc:
                raise UsageError(
                    f"cannot update the translation-memory cache {self.path}: {exc}",
                    hint="another cipbilingual process may hold it; try again",
                ) from None
            try:
                # Read under the write lock: no other process can change units meanwhile.
                patch = self._fuzzy is not None and self._fuzzy_generation == self.generation()
                store_id = self._store_id(kind, name)
                old_keys: set[str] = set()
                if patch:
                    rows = db.execute(
                        "SELECT DISTINCT key FROM units WHERE store = ? LIMIT ?",
                        (store_id, _DELTA_LIMIT + 1),
                    ).fetchall()
                    old_keys = {r[0] for r in rows}
                    patch = len(old_keys) <= _DELTA_LIMIT
                db.execute("DELETE FROM units WHERE store = ?", (store_id,))
                added, seen, empty = 0, 0, 0
                # Keys are tracked only to patch a live fuzzy index, and only up to a bound:
                # a large TMX file streams through in constant memory and the index is rebuilt.
                new_keys: set[str] = set()
                batch: list[tuple[object, ...]] = []
                for unit in units:
                    seen += 1
                    key = normalize(unit.source)
                    if not key or not unit.target.strip():
                        empty += 1
                        continue
                    before, after = normalize(unit.before), normalize(unit.after)
                    pair = _pair_hash(key, unit.target, before, after)
                    batch.append(
                        (store_id, unit.origin.ref, key, unit.source, unit.target,
                         str(unit.state), unit.date, before, after, pair)
                    )  # fmt: skip
                    if patch:
                        new_keys.add(key)
                        patch = len(new_keys) <= _DELTA_LIMIT
                    if len(batch) >= _BATCH:
                        added += self._insert(batch)
                        batch.clear()
                added += self._insert(batch)
                db.execute(
                    "UPDATE stores SET mtime_ns = ?, size = ?, digest = ?, problem = '' "
                    "WHERE id = ?",
                    (fingerprint.mtime_ns, fingerprint.size, fingerprint.digest, store_id),
                )
                self._bump()
                generation = self.generation()
                gone = [k for k in old_keys - new_keys if not self._has_key(k)] if patch else []
                db.execute("COMMIT")
            except BaseException as exc:
                db.execute("ROLLBACK")
                if isinstance(exc, sqlite3.OperationalError):
                    raise UsageError(
                        f"cannot update the translation-memory cache {self.path}: {exc}",
                        hint="another cipbilingual process may hold it; try again",
                    ) from None
                raise
            if patch:
                self._patch_fuzzy(gone, new_keys - old_keys, generation)
            return StoreReport(units=added, duplicates=seen - empty - added, empty=empty)

    def _insert(self, batch: list[tuple[object, ...]]) -> int:
        if not batch:
            return 0
        before = self._db.total_changes
        self._db.executemany(
            "INSERT OR IGNORE INTO units (store, ref, key, source, target, state, date, "
            "before_key, after_key, pair) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            batch,
        )
        return self._db.total_changes - before

    def _store_id(self, kind: OriginKind, name: str) -> int:
        self._db.execute(
            "INSERT OR IGNORE INTO stores (kind, name) VALUES (?, ?)", (str(kind), name)
        )
        row = self._db.execute(
            "SELECT id FROM stores WHERE kind = ? AND name = ?", (str(kind), name)
        ).fetchone()
        return int(row[0])

    def _has_key(self, key: str) -> bool:
        return (
            self._db.execute("SELECT 1 FROM units WHERE key = ? LIMIT 1", (key,)).fetchone()
            is not None
        )

    def remove_store(self, kind: OriginKind, name: str) -> None:
        """Forget a store and its units (its file is gone)."""
        self.replace_store(kind, name, ())
        with self._lock:
            self._db.execute("DELETE FROM stores WHERE kind = ? AND name = ?", (str(kind), name))

    def add_article(
        self, article: Article, fingerprint: Fingerprint = Fingerprint()
    ) -> StoreReport:
        """Index (or re-index) one article's approved and translated segments."""
        return self.replace_store(
            OriginKind.ARTICLE, article.slug, article_units(article), fingerprint
        )

    def set_problem(
        self, kind: OriginKind, name: str, problem: str, fingerprint: Fingerprint
    ) -> None:
        """Record why a store's file (as `fingerprint`) could not be indexed; the store's
        previous units stay in use."""
        self._set_store(kind, name, fingerprint, problem)

    def touch_store(self, kind: OriginKind, name: str, fingerprint: Fingerprint) -> None:
        """Record a new time and size for a store whose content did not change."""
        self._set_store(kind, name, fingerprint, None)

    def _set_store(self, kind: OriginKind, name: str, fp: Fingerprint, problem: str | None) -> None:
        with self._lock:
            store_id = self._store_id(kind, name)
            self._db.execute(
                "UPDATE stores SET mtime_ns = ?, size = ?, digest = ?, "
                "problem = coalesce(?, problem) WHERE id = ?",
                (fp.mtime_ns, fp.size, fp.digest, problem, store_id),
            )

    def stores(self) -> list[StoreInfo]:
        """Every indexed store with its fingerprint and unit count."""
        with self._lock:
            rows = self._db.execute(
                "SELECT s.kind, s.name, s.mtime_ns, s.size, s.digest, s.problem, "
                "(SELECT count(*) FROM units u WHERE u.store = s.id) FROM stores s "
                "ORDER BY s.kind, s.name"
            ).fetchall()
        return [
            StoreInfo(OriginKind(k), n, Fingerprint(m, s, d), count, p)
            for k, n, m, s, d, p, count in rows
        ]

    # -- the fuzzy prefilter ------------------------------------------------------------
    def _fuzzy_index(self) -> FuzzyIndex:
        generation = self.generation()
        if self._fuzzy is None or generation != self._fuzzy_generation:
            keys = [r[0] for r in self._db.execute("SELECT DISTINCT key FROM units ORDER BY key")]
            self._fuzzy = FuzzyIndex(keys)
            self._fuzzy_pos = {k: i for i, k in enumerate(keys)}
            self._fuzzy_generation = generation
            self._fragments = None
            self._delta = set()
            self._delta_fragments = None
        return self._fuzzy

    def _fragment_index(self) -> FragmentIndex:
        index = self._fuzzy_index()
        if self._fragments is None:
            self._fragments = FragmentIndex(index.keys)
            self._fragments.masked = index.masked  # one mask for both: patched together
        return self._fragments

    def _patch_fuzzy(self, gone: Iterable[str], added: Iterable[str], generation: int) -> None:
        """Keep the in-memory indexes current after this process changed one store: hide keys
        no unit holds any more, search keys they lack beside them, rebuild when those pile up."""
        index = self._fuzzy
        if index is None:
            return
        index.mask([self._fuzzy_pos[k] for k in gone if k in self._fuzzy_pos], hidden=True)
        index.mask([self._fuzzy_pos[k] for k in added if k in self._fuzzy_pos], hidden=False)
        self._delta.difference_update(gone)
        self._delta.update(k for k in added if k not in self._fuzzy_pos)
        self._delta_fragments = None
        if len(self._delta) > max(_DELTA_LIMIT, len(index) // 10):
            self._fuzzy = None
        else:
            self._fuzzy_generation = generation

    def warm(self) -> None:
        """Build the in-memory indexes now rather than on the first lookup that needs them."""
        with self._lock:
            self._fragment_index()

    # -- reading ------------------------------------------------------------------------
    def _units_for_keys(self, keys: Sequence[str]) -> list[tuple[TMUnit, str]]:
        out: list[tuple[TMUnit, str]] = []
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self._db.execute(
                f"SELECT {_UNIT_COLUMNS} FROM units u JOIN stores s ON s.id = u.store "
                f"WHERE u.key IN ({marks}) ORDER BY u.id",
                chunk,
            ).fetchall()
            out.extend((_unit_row(row), row[9]) for row in rows)
        return out

    def lookup(
        self,
        query: str,
        *,
        before: str = "",
        after: str = "",
        min_score: int | None = None,
        limit: int | None = None,
        exclude: UnitOrigin | None = None,
        fuzzy: bool = True,
    ) -> list[TMMatch]:
        """Matches for a Chinese sentence, best first: 101 when source and both neighbours are
        the same, 100 for the same source, then fuzzy matches ≥ `min_score` (default: the
        memory's). At most `limit` matches; `exclude` leaves out the query's own segment."""
        floor = self.min_score if min_score is None else min_score
        top = self.max_matches if limit is None else limit
        if not 0 <= floor <= 100:
            raise UsageError(f"the minimum score must be between 0 and 100, not {floor}")
        qkey = normalize(query)
        if not qkey or top <= 0:
            return []
        with self._lock:
            found = self._candidates(qkey, floor, top, fuzzy)
        matches = self._matches(query, qkey, found, before, after, exclude, top)
        if fuzzy and len(matches) < top and len(qkey) >= GRAM:
            seen = {normalize(m.unit.source) for m in matches}
            room = top - len(matches)
            with self._lock:
                fragments = self._fragment_candidates(qkey, floor, room, seen)
            matches += self._matches(query, qkey, fragments, before, after, exclude, room)
        return matches

    def _candidates(
        self, qkey: str, floor: int, top: int, fuzzy: bool
    ) -> list[tuple[TMUnit, str, float, MatchKind]]:
        scores: dict[str, float] = {qkey: 100.0}
        if fuzzy:
            index = self._fuzzy_index()
            for pos, score in index.search(qkey, floor, top * _SLACK):
                scores[index.keys[pos]] = score
            if self._delta:
                for key, score, _ in process.extract(
                    qkey, list(self._delta), scorer=fuzz.ratio, score_cutoff=floor,
                    limit=top * _SLACK,
                ):  # fmt: skip
                    scores[key] = score
        return [
            (unit, key, scores[key], MatchKind.FUZZY)
            for unit, key in self._units_for_keys(list(scores))
        ]

    def _fragment_candidates(
        self, qkey: str, floor: int, room: int, seen: set[str]
    ) -> list[tuple[TMUnit, str, float, MatchKind]]:
        index = self._fragment_index()
        skip = frozenset(self._fuzzy_pos[k] for k in seen if k in self._fuzzy_pos)
        coverage: dict[str, float] = {
            index.keys[pos]: score for pos, score in index.search(qkey, floor, room * _SLACK, skip)
        }
        delta = sorted(self._delta - seen)
        if delta:
            if self._delta_fragments is None or self._delta_fragments.keys != delta:
                self._delta_fragments = FragmentIndex(delta)
            for pos, score in self._delta_fragments.search(qkey, floor, room * _SLACK):
                coverage[delta[pos]] = score
        return [
            (unit, key, coverage[key], MatchKind.FRAGMENT)
            for unit, key in self._units_for_keys(list(coverage))
        ]

    def _matches(
        self,
        query: str,
        qkey: str,
        found: list[tuple[TMUnit, str, float, MatchKind]],
        before: str,
        after: str,
        exclude: UnitOrigin | None,
        top: int,
    ) -> list[TMMatch]:
        before_key, after_key = normalize(before), normalize(after)
        best: dict[tuple[str, str], tuple[TMMatch, int]] = {}
        for unit, key, raw, kind in found:
            if exclude is not None and unit.origin == exclude:
                continue
            if key == qkey:
                context = unit.before == before_key and unit.after == after_key
                score = IN_CONTEXT_SCORE if context else EXACT_SCORE
                kind = MatchKind.IN_CONTEXT if context else MatchKind.EXACT
            else:
                score = min(99, math.floor(raw + 1e-9))
            match = TMMatch(unit=unit, score=score, kind=kind, diff=())
            pair = (key, unit.target)
            held = best.get(pair)
            if held is None:
                best[pair] = (match, 0)
            elif _sort_key(match) < _sort_key(held[0]):
                best[pair] = (match, held[1] + 1)
            else:
                best[pair] = (held[0], held[1] + 1)
        conflict = len({t for (k, t) in best if k == qkey}) > 1
        ranked = sorted(best.values(), key=lambda held: _sort_key(held[0]))[:top]
        # Diffs and numbers only for what is returned: they cost more than the search.
        return [
            replace(
                m,
                diff=char_diff(m.unit.source, query),
                numbers=_numbers(m.kind, query, m.unit.source),
                conflict=conflict and m.kind in (MatchKind.IN_CONTEXT, MatchKind.EXACT),
                duplicates=dups,
            )
            for m, dups in ranked
        ]

    def exact(self, query: str, *, before: str = "", after: str = "") -> list[TMMatch]:
        """Only the 101% and 100% matches, best first, all of them."""
        return self.lookup(query, before=before, after=after, limit=10_000, fuzzy=False)

    def search(self, text: str, *, target: bool = False, limit: int = 50) -> list[TMUnit]:
        """Concordance: units whose source (or, with `target`, English, ignoring ASCII case)
        contains `text`, approved first, newest first. Raises UsageError on empty text."""
        needle = normalize(text) if not target else " ".join(text.split())
        if not needle:
            raise UsageError("give some text to search for")
        column = "lower(u.target)" if target else "u.key"
        with self._lock:
            rows = self._db.execute(
                f"SELECT {_UNIT_COLUMNS} FROM units u JOIN stores s ON s.id = u.store "
                f"WHERE instr({column}, ?) > 0 "
                "ORDER BY CASE u.state WHEN 'approved' THEN 0 ELSE 1 END, u.date DESC, u.id "
                "LIMIT ?",
                (needle.lower() if target else needle, limit),
            ).fetchall()
        return [_unit_row(row) for row in rows]

    def stats(self) -> TMStats:
        """Unit counts by state and store kind, and the stores that could not be indexed."""
        with self._lock:
            db = self._db
            units = db.execute("SELECT count(*) FROM units").fetchone()[0]
            distinct = db.execute("SELECT count(DISTINCT key) FROM units").fetchone()[0]
            by_state = dict(db.execute("SELECT state, count(*) FROM units GROUP BY state"))
            kinds = dict(db.execute("SELECT kind, count(*) FROM stores GROUP BY kind"))
            problems = db.execute(
                "SELECT name, problem FROM stores WHERE problem != '' ORDER BY name"
            ).fetchall()
        return TMStats(
            units=units,
            distinct_sources=distinct,
            by_state={str(s): by_state.get(str(s), 0) for s in STATE_RANK},
            articles=kinds.get(str(OriginKind.ARTICLE), 0),
            tmx_files=kinds.get(str(OriginKind.TMX), 0),
            problems=tuple((n, p) for n, p in problems),
        )
