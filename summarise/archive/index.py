"""index.sqlite: the record of what is done (the resume state) and the queryable archive.

One writer (the bulk runner, in the main process) holds a long-lived connection in WAL mode, so
`summarise search`, sqlite3 or Datasette can read while a run is writing. Writes are grouped into
transactions committed about once a second: a crash loses at most that second of index rows, never
a summary, because each summary JSON is already on disk and the next run re-indexes it from there.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..i18n import say
from .durable import sync_folder
from .fold import fold_all
from .rows import REPORT_FIELDS, ReportRows
from .schema import CHILD_TABLES, FTS, INDEX_VERSION, SEARCH_VIEWS, TABLES

# Versions this one upgrades in place (docs/bulk.md, "Index versions").
UPGRADES_FROM = ("1",)

COMMIT_SECONDS = 1.0
# Size and sha256 of each report's JSON as written, so a rerun sees a truncated or edited one at the
# cost of a hash. Its own table, made on open, so indexes written before it stay usable.
JSON_FILES = """
CREATE TABLE IF NOT EXISTS json_files (
  report_id INTEGER PRIMARY KEY,
  size      INTEGER NOT NULL,
  sha256    TEXT NOT NULL
)
"""
COMMIT_WRITES = 500


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def trigram_available() -> bool:
    """FTS5 with the trigram tokenizer needs SQLite 3.34+; older builds fall back to LIKE search."""
    try:
        with sqlite3.connect(":memory:") as conn:
            conn.execute("CREATE VIRTUAL TABLE t USING fts5(x, tokenize='trigram')")
        return True
    except sqlite3.OperationalError:
        return False


def connect(path: Path, *, readonly: bool = False) -> sqlite3.Connection:
    if readonly:
        if not path.is_file():
            raise InputError(say("archive.index.none_here", path=path))
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None)
    else:
        conn = sqlite3.connect(path, isolation_level=None)  # autocommit; transactions are explicit
        conn.execute("PRAGMA journal_mode=WAL")
        # NORMAL in WAL mode never corrupts on a crash; it may drop the last commits on power loss,
        # which the JSON files on disk make good on the next run.
        conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("PRAGMA busy_timeout=10000")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.row_factory = sqlite3.Row
    return conn


@dataclass(frozen=True)
class ReportRef:
    id: int
    sha256: str
    path: str
    json_path: str
    engine_key: str
    run_id: int | None
    status: str = "complete"  # partial: some chunks fell back to the rules engine; a rerun redoes it
    text_sha256: str | None = None  # its source text under texts/; None: inside the JSON


_REF = "id, sha256, path, json_path, engine_key, run_id, status, text_sha256"


@dataclass(frozen=True)
class Failure:
    kind: str
    error: str


class Index:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._pending = 0
        self._last_commit = time.monotonic()
        # Full-text rows wait here until the batch commits; see _flush_fts.
        self._fts_problems: list[tuple[int, str]] = []
        self._fts_measures: list[tuple[int, str]] = []
        # Summary files were written, moved or renamed for rows of the open batch: make them durable
        # before the batch commits (one sync per batch, not an fsync per file).
        self._unsynced = False
        self.upgraded_from: str | None = None  # the index version this run upgraded, if any
        self.set_aside: Path | None = None  # where a corrupt index went; this one is rebuilt from the JSONs
        try:
            self._open()
        except sqlite3.OperationalError as exc:  # locked, a read-only share: not ours to replace
            raise InputError(say("archive.index.unusable", path=path, error=exc)) from exc
        except sqlite3.DatabaseError:  # "file is not a database", "disk image is malformed"
            # Every summary is a JSON on disk, so the index can be made again; the damaged file is
            # kept beside it, never deleted.
            self.set_aside = _set_aside(path)
            try:
                self._open()
            except sqlite3.DatabaseError as exc:
                raise InputError(say("archive.index.unusable", path=path, error=exc)) from exc

    def _open(self) -> None:
        self.conn = connect(self.path)
        try:
            self._init_schema()
        except BaseException:
            self.conn.close()
            raise

    # -- schema and transactions -------------------------------------------------------------

    def _init_schema(self) -> None:
        version = self._meta("index_version")
        if version is not None and version != INDEX_VERSION and version not in UPGRADES_FROM:
            key = "archive.err.index_newer" if _newer(version) else "archive.err.index_old"
            raise InputError(say(key, path=self.path, version=version, current=INDEX_VERSION, reason=version))
        with self.transaction():
            if version in UPGRADES_FROM:
                self._drop_v1_search()  # before the tables below: their search tables have a new shape
            # Not executescript(): it would COMMIT first and split the schema across transactions.
            for statement in _statements(TABLES):
                self.conn.execute(statement)
            self.conn.execute(JSON_FILES)
            self._upgrade()
            fts = self._meta("fts")
            if fts is None:
                fts = "trigram" if trigram_available() else "none"
                self._set_meta("fts", fts)
            for statement in _statements(SEARCH_VIEWS + (FTS if fts == "trigram" else "")):
                self.conn.execute(statement)
            self.fts = fts == "trigram"
            if version in UPGRADES_FROM:
                self._fill_search()
                self.upgraded_from = version
            self._set_meta("index_version", INDEX_VERSION)

    def _drop_v1_search(self) -> None:
        """Index version 1 → 2: measures lose `quote` (the words are the source text at the span), and
        search covers headings and measure labels folded to simplified (a `folded` column), not quotes."""
        for name in ("problems_fts_delete", "measures_fts_delete"):
            self.conn.execute(f"DROP TRIGGER IF EXISTS {name}")
        for name in ("problems_fts", "measures_fts"):
            self.conn.execute(f"DROP TABLE IF EXISTS {name}")
        try:
            self.conn.execute("ALTER TABLE measures DROP COLUMN quote")  # SQLite 3.35+
        except sqlite3.OperationalError as exc:
            raise InputError(
                say("archive.err.index_old", path=self.path, version="1", current=INDEX_VERSION, reason=exc)
            ) from None
        self.conn.execute("ALTER TABLE reports ADD COLUMN text_sha256 TEXT")  # null: text inside the JSON
        self.conn.execute("ALTER TABLE problems ADD COLUMN folded TEXT")
        self.conn.execute("ALTER TABLE measures ADD COLUMN folded TEXT")

    def _fill_search(self) -> None:
        for table, plain in (("problems", _PROBLEM_TEXT), ("measures", "text")):
            rows = self.conn.execute(f"SELECT id, {plain} FROM {table}").fetchall()
            folded = fold_all([text for _, text in rows])
            self.conn.executemany(
                f"UPDATE {table} SET folded = ? WHERE id = ?",
                [(f, row[0]) for row, f in zip(rows, folded, strict=True) if f != row[1]],
            )
            if self.fts:
                self.conn.execute(f"INSERT INTO {table}_fts({table}_fts) VALUES ('rebuild')")

    def _upgrade(self) -> None:
        """Bring an index written before report statuses up to date: `reports.status`/`fallbacks`, and
        `files.status` taking `partial` and `pending`. Old reports were complete or are redone anyway."""
        columns = {row[1] for row in self.conn.execute("PRAGMA table_info(reports)")}
        if "status" not in columns:
            self.conn.execute("ALTER TABLE reports ADD COLUMN status TEXT NOT NULL DEFAULT 'complete'")
        if "fallbacks" not in columns:
            self.conn.execute("ALTER TABLE reports ADD COLUMN fallbacks TEXT")
        row = self.conn.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'files'"
        ).fetchone()
        if row is not None and "'pending'" not in row[0]:
            # A CHECK constraint cannot be altered: copy the rows into the table as it is now defined.
            create = next(s for s in _statements(TABLES) if s.startswith("CREATE TABLE IF NOT EXISTS files "))
            self.conn.execute("ALTER TABLE files RENAME TO files_old")
            self.conn.execute("DROP INDEX IF EXISTS files_sha256")
            self.conn.execute("DROP INDEX IF EXISTS files_report")
            self.conn.execute(create)
            self.conn.execute("INSERT INTO files SELECT * FROM files_old")
            self.conn.execute("DROP TABLE files_old")
            for statement in _statements(TABLES):
                if statement.startswith("CREATE INDEX IF NOT EXISTS files_"):
                    self.conn.execute(statement)

    def _meta(self, key: str) -> str | None:
        try:
            row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        except sqlite3.OperationalError:
            return None  # a new file: no meta table yet
        return row[0] if row else None

    def _set_meta(self, key: str, value: str) -> None:
        self.conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, value))

    def transaction(self) -> _Transaction:
        self.commit()  # the open batch first, through its FTS flush and sync
        return _Transaction(self.conn)

    def _write(self) -> None:
        """Open a write transaction if none is open; `maybe_commit` closes it about once a second."""
        if not self.conn.in_transaction:
            self.conn.execute("BEGIN IMMEDIATE")
        self._pending += 1

    def maybe_commit(self) -> None:
        if self.conn.in_transaction and (
            self._pending >= COMMIT_WRITES or time.monotonic() - self._last_commit >= COMMIT_SECONDS
        ):
            self.commit()

    def commit(self) -> None:
        if self.conn.in_transaction:
            self._flush_fts()
            if self._unsynced:
                # The batch's summary files reach the disk before the rows that say they are done:
                # after a power cut the index never names a JSON that is not there whole.
                sync_folder(self.path.parent)
                self._unsynced = False
            self.conn.execute("COMMIT")
        self._pending = 0
        self._last_commit = time.monotonic()

    def close(self) -> None:
        self.commit()
        self.conn.close()

    # -- runs --------------------------------------------------------------------------------

    def unclean_runs(self) -> int:
        """Runs that never recorded an end: the process was killed (SIGKILL, power loss)."""
        return int(self.conn.execute("SELECT count(*) FROM runs WHERE status = 'running'").fetchone()[0])

    def begin_run(self, in_dir: Path, engine: str, engine_key: str, model: str | None, workers: int) -> int:
        with self.transaction():
            self.conn.execute("UPDATE runs SET status = 'interrupted' WHERE status = 'running'")
            cur = self.conn.execute(
                "INSERT INTO runs(started_at, status, in_dir, engine, engine_key, model, workers)"
                " VALUES (?, 'running', ?, ?, ?, ?, ?)",
                (now(), str(in_dir), engine, engine_key, model, workers),
            )
        return int(cur.lastrowid or 0)

    def finish_run(self, run_id: int, status: str, counts: dict[str, int]) -> None:
        self.commit()
        with self.transaction():
            self.conn.execute(
                "UPDATE runs SET finished_at = ?, status = ?, files = ?, summarised = ?, recovered = ?,"
                " unchanged = ?, duplicates = ?, failed = ? WHERE id = ?",
                (
                    now(),
                    status,
                    counts.get("files", 0),
                    counts.get("summarised", 0),
                    counts.get("recovered", 0),
                    counts.get("unchanged", 0),
                    counts.get("duplicates", 0),
                    counts.get("failed", 0),
                    run_id,
                ),
            )

    # -- lookups -----------------------------------------------------------------------------

    def report_for(self, sha256: str) -> ReportRef | None:
        row = self.conn.execute(
            f"SELECT {_REF} FROM reports WHERE sha256 = ?",
            (sha256,),
        ).fetchone()
        return ReportRef(*row) if row else None

    def report_at(self, json_path: str) -> ReportRef | None:
        row = self.conn.execute(
            f"SELECT {_REF} FROM reports WHERE json_path = ?",
            (json_path,),
        ).fetchone()
        return ReportRef(*row) if row else None

    def json_file_of(self, report_id: int) -> tuple[int, str] | None:
        """(size, sha256) of the report's JSON as written, if recorded."""
        row = self.conn.execute(
            "SELECT size, sha256 FROM json_files WHERE report_id = ?", (report_id,)
        ).fetchone()
        return (int(row[0]), str(row[1])) if row else None

    def record_json_file(self, report_id: int, size: int, sha256: str) -> None:
        self._write()
        self.conn.execute(
            "INSERT OR REPLACE INTO json_files(report_id, size, sha256) VALUES (?, ?, ?)",
            (report_id, size, sha256),
        )

    def text_shas(self) -> set[str]:
        """Every source text a report of the index refers to."""
        rows = self.conn.execute("SELECT DISTINCT text_sha256 FROM reports WHERE text_sha256 IS NOT NULL")
        return {r[0] for r in rows}

    def failure_for(self, sha256: str, engine_key: str) -> Failure | None:
        row = self.conn.execute(
            "SELECT error_kind, error FROM files WHERE sha256 = ? AND engine_key = ? AND status = 'failed' LIMIT 1",
            (sha256, engine_key),
        ).fetchone()
        return Failure(row[0], row[1]) if row else None

    # -- writes ------------------------------------------------------------------------------

    def save_report(
        self,
        rows: ReportRows,
        *,
        path: str,
        json_path: str,
        engine_key: str,
        run_id: int,
        replace: int | None,
    ) -> int:
        """Insert a report's rows (or replace an existing report's, keeping its id); returns the id.

        All or nothing: an exception midway rolls back the whole uncommitted batch, so a report row is
        never committed without its children. The batch's other reports lose only their index rows;
        their JSON files are on disk and the next run re-indexes them. (Not a SAVEPOINT per report:
        releasing one makes FTS5 flush its pending terms, which tripled the cost of indexing.)
        """
        with self._atomic():
            self._unsynced = True
            return self._save_report(rows, path, json_path, engine_key, run_id, replace)

    @contextmanager
    def _atomic(self) -> Iterator[None]:
        self._write()
        try:
            yield
        except BaseException:
            self.conn.execute("ROLLBACK")
            self._pending = 0
            self._fts_problems.clear()
            self._fts_measures.clear()
            raise

    def _flush_fts(self) -> None:
        """Index the batch's problem and measure text in one statement per table, just before COMMIT.

        FTS5 keeps pending terms in memory and writes them out as a new segment whenever a statement
        savepoint is taken, which SQLite does for every upsert into `files`. Inserting into the FTS
        tables row by row, between those upserts, wrote one tiny segment per report and made indexing
        cost more than summarising; one insert per batch writes one segment.
        """
        if not self.fts:  # no full-text index: search scans the *_search views
            self._fts_problems.clear()
            self._fts_measures.clear()
            return
        if self._fts_problems:
            self.conn.executemany("INSERT INTO problems_fts(rowid, text) VALUES (?, ?)", self._fts_problems)
            self._fts_problems.clear()
        if self._fts_measures:
            self.conn.executemany("INSERT INTO measures_fts(rowid, text) VALUES (?, ?)", self._fts_measures)
            self._fts_measures.clear()

    def _save_report(
        self, rows: ReportRows, path: str, json_path: str, engine_key: str, run_id: int, replace: int | None
    ) -> int:
        columns: dict[str, Any] = dict(
            rows.report,
            sha256=rows.sha256,
            path=path,
            json_path=json_path,
            engine_key=engine_key,
            run_id=run_id,
            summarised_at=now(),
        )
        if replace is not None:
            self._delete_children(replace)
            sets = ", ".join(f"{name} = :{name}" for name in columns)
            self.conn.execute(f"UPDATE reports SET {sets} WHERE id = :id", dict(columns, id=replace))
            report_id = replace
        else:
            names = ", ".join(columns)
            marks = ", ".join(f":{name}" for name in columns)
            cur = self.conn.execute(f"INSERT INTO reports({names}) VALUES ({marks})", columns)
            report_id = int(cur.lastrowid or 0)
        self._insert_children(report_id, rows)
        return report_id

    def drop_report(self, report_id: int) -> None:
        """Forget a report: the file it was made from now has other content and no copy is left."""
        with self._atomic():
            self._delete_children(report_id)
            self.conn.execute("UPDATE files SET report_id = NULL WHERE report_id = ?", (report_id,))
            self.conn.execute("DELETE FROM json_files WHERE report_id = ?", (report_id,))
            self.conn.execute("DELETE FROM reports WHERE id = ?", (report_id,))

    def move_report(self, report_id: int, path: str, json_path: str) -> None:
        self._write()
        self._unsynced = True  # its JSON was renamed: durable before the row that names the new path
        self.conn.execute(
            "UPDATE reports SET path = ?, json_path = ? WHERE id = ?", (path, json_path, report_id)
        )

    def files_of(self, report_id: int) -> list[str]:
        return [
            r[0]
            for r in self.conn.execute(
                "SELECT path FROM files WHERE report_id = ? ORDER BY path", (report_id,)
            )
        ]

    def _delete_children(self, report_id: int) -> None:
        self._flush_fts()  # the delete triggers must find every row they remove in the index
        # Sub-problems point at their items, so they go first; the FTS triggers follow every delete.
        self.conn.execute("DELETE FROM figures WHERE report_id = ?", (report_id,))
        self.conn.execute("DELETE FROM measures WHERE report_id = ?", (report_id,))
        self.conn.execute("DELETE FROM problems WHERE report_id = ? AND parent_id IS NOT NULL", (report_id,))
        for table in CHILD_TABLES[2:]:
            self.conn.execute(f"DELETE FROM {table} WHERE report_id = ?", (report_id,))

    def _insert_children(self, rid: int, rows: ReportRows) -> None:
        # Ids are assigned here, inside the write transaction, from the current maxima: the worker that
        # built the rows numbered parents locally (1, 2, …) and never saw the database.
        area0, prob0, meas0 = self._max_id("areas"), self._max_id("problems"), self._max_id("measures")
        ex = self.conn.executemany
        ex(
            "INSERT INTO areas(id, report_id, ord, title, span_start, span_end) VALUES (?, ?, ?, ?, ?, ?)",
            [(area0 + a, rid, o, t, s, e) for a, o, t, s, e in rows.areas],
        )
        problems = [
            (prob0 + p, rid, area0 + a, None if parent is None else prob0 + parent, *rest, _changed(f, rest))
            for (p, a, parent, *rest), f in zip(rows.problems, rows.problem_search, strict=True)
        ]
        ex(
            "INSERT INTO problems(id, report_id, area_id, parent_id, level, ord, title, named_problem, status,"
            " span_start, span_end, folded) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            problems,
        )
        measures = [
            (meas0 + n, rid, area0 + a, None if p is None else prob0 + p, *rest, None if f == rest[1] else f)
            for n, ((a, p, *rest), f) in enumerate(
                zip(rows.measures, rows.measure_search, strict=True), start=1
            )
        ]
        ex(
            "INSERT INTO measures(id, report_id, area_id, problem_id, ord, text, status, span_start,"
            " span_end, folded) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            measures,
        )
        # Explicit inserts rather than AFTER INSERT triggers: FTS5 indexes a batch several times faster
        # than row-by-row trigger calls, and indexing is most of the main process's work.
        self._fts_problems += zip((p[0] for p in problems), rows.problem_search, strict=True)
        self._fts_measures += zip((m[0] for m in measures), rows.measure_search, strict=True)
        ex(
            "INSERT INTO figures(report_id, problem_id, label, value, text, unit, span_start, span_end)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [(rid, prob0 + p, *rest) for p, *rest in rows.figures],
        )
        simple = {
            "stated_counts": "key, value, unit, text, span_start, span_end",
            "outstanding": "ord, item, deadline, status, span_start, span_end",
            "discipline": "kind, people",
            "warnings": "code, message, span_start, span_end",
            "text_items": "section, ord, title, text, span_start, span_end",
        }
        for table, cols in simple.items():
            data = getattr(rows, table)
            if data:
                marks = ", ".join("?" * (cols.count(",") + 2))
                ex(f"INSERT INTO {table}(report_id, {cols}) VALUES ({marks})", [(rid, *r) for r in data])

    def _max_id(self, table: str) -> int:
        return int(self.conn.execute(f"SELECT coalesce(max(id), 0) FROM {table}").fetchone()[0])

    def mark_file(
        self,
        path: str,
        *,
        sha256: str,
        size: int | None,
        status: str,
        engine_key: str,
        run_id: int,
        report_id: int | None = None,
        error_kind: str | None = None,
        error: str | None = None,
    ) -> None:
        self._write()
        self.conn.execute(
            "INSERT INTO files(path, sha256, size, status, report_id, engine_key, error_kind, error, run_id,"
            " seen_run) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT(path) DO UPDATE SET sha256 = excluded.sha256, size = coalesce(excluded.size, size),"
            " status = excluded.status, report_id = excluded.report_id, engine_key = excluded.engine_key,"
            " error_kind = excluded.error_kind, error = excluded.error, run_id = excluded.run_id,"
            " seen_run = excluded.seen_run",
            (path, sha256, size, status, report_id, engine_key, error_kind, error, run_id, run_id),
        )

    def forget_unseen(self, run_id: int) -> int:
        """After a complete walk: drop rows of files that are no longer in the input folder.

        Their reports stay (content-addressed, they are reused if the file comes back, and search still
        finds them); only the per-file rows, and so overview.csv and errors.jsonl, follow the folder.
        """
        self._write()
        cur = self.conn.execute("DELETE FROM files WHERE seen_run IS NOT ? ", (run_id,))
        return cur.rowcount

    # -- reading for outputs ----------------------------------------------------------------

    def iter_files(self) -> Iterator[sqlite3.Row]:
        meta = ", ".join(f"r.{name}" for name in REPORT_FIELDS)
        yield from self.conn.execute(
            "SELECT f.path, f.status, f.sha256, f.error_kind, f.error, f.size, r.path AS report_path,"
            f" r.json_path, {meta}, r.areas,"
            " r.items, r.problems, r.stated_problems, r.measures, r.outstanding, r.discipline_people,"
            " r.warnings, r.engine, r.model FROM files f LEFT JOIN reports r ON r.id = f.report_id"
            " ORDER BY f.path"
        )

    def counts(self) -> dict[str, int]:
        tables = ("reports", "files", "areas", "problems", "measures", "figures", "outstanding", "warnings")
        return {t: int(self.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]) for t in tables}


class _Transaction:
    """`with index.transaction():` BEGIN IMMEDIATE … COMMIT, or ROLLBACK on any exception."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def __enter__(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("COMMIT")
        self.conn.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        self.conn.execute("ROLLBACK" if exc_type else "COMMIT")


# A problem's searchable text before folding, as the problems_search view forms it.
_PROBLEM_TEXT = "CASE WHEN named_problem IS NULL THEN title ELSE title || ' ' || named_problem END"


def _changed(folded: str, rest: list[Any]) -> str | None:
    """`folded` when folding changed a problem's text (rest: level, ord, title, named_problem, …)."""
    title, named = rest[2], rest[3]
    return None if folded == (f"{title} {named}" if named else title) else folded


def _newer(version: str) -> bool:
    return version.isdigit() and int(version) > int(INDEX_VERSION)


def _set_aside(path: Path) -> Path:
    """Rename a damaged index (and its WAL files) to index.sqlite.corrupt[-N]; return the new name."""
    n = 0
    while True:
        aside = path.with_name(f"{path.name}.corrupt" + (f"-{n}" if n else ""))
        if not any(Path(f"{aside}{s}").exists() for s in ("", "-wal", "-shm")):
            break
        n += 1
    for suffix in ("-wal", "-shm", ""):  # the WAL first: it must never be replayed into a new file
        if Path(f"{path}{suffix}").exists():
            os.replace(f"{path}{suffix}", f"{aside}{suffix}")
    return aside


def _statements(script: str) -> list[str]:
    """Split DDL on ';' at line ends (trigger bodies keep their inner ';' mid-line or before END)."""
    out: list[str] = []
    buf: list[str] = []
    for line in script.splitlines():
        if line.strip().startswith("--"):
            continue
        buf.append(line)
        joined = "\n".join(buf).strip()
        if joined.endswith(";") and sqlite3.complete_statement(joined):
            out.append(joined)
            buf = []
    return out
