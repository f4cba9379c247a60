"""Rounds of one unit: its notices in time order, and the diff of each pair of consecutive rounds.

Everything here is derived from the summaries a bulk run left in OUT, and kept beside them: the unit
keys and rounds as tables of OUT/index.sqlite (their own CREATE TABLE IF NOT EXISTS, so an index of
any version takes them), the diffs as JSON files under OUT/diffs/ named by both summaries' hashes and
the diff version. A rerun reads the index, finds every key and diff already made for the same
summaries, and computes nothing; a changed summary, alias file or release recomputes only its part.
docs/rounds.md describes the tables for users.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from .. import __version__
from ..diff import DiffOptions, DiffResult, diff_summaries
from ..diff.models import DIFF_SCHEMA_VERSION
from ..errors import InputError
from ..fileio import write_atomic
from ..i18n import say
from ..models import ReportSummary
from . import store
from .units import Aliases, UnitKey, read_aliases, tables_fingerprint, unit_key

INDEX_NAME = "index.sqlite"
DIFFS_DIR = "diffs"
ALIAS_NAMES = ("aliases.toml", "aliases.csv")  # read from OUT when --aliases is not given

TABLES = """
CREATE TABLE IF NOT EXISTS unit_keys (
  sha256           TEXT PRIMARY KEY,      -- reports.sha256: the input's content address
  summary_sha256   TEXT NOT NULL,         -- the summary JSON the key was read from
  rules            TEXT NOT NULL,         -- fingerprint of the rules, their tables and the alias file
  unit_key         TEXT,                  -- place/body, null when the notice gets none (reason)
  name             TEXT,
  place            TEXT,
  body             TEXT,
  unit_field       TEXT,                  -- unit | issuer | title: the name the key was read from
  unit_text        TEXT,
  unit_start       INTEGER,               -- offsets into the summary's source.text
  unit_end         INTEGER,
  place_field      TEXT,                  -- unit | issuer | title | opening | inspector
  place_text       TEXT,
  place_start      INTEGER,
  place_end        INTEGER,
  rules_applied    TEXT NOT NULL,         -- JSON list: strip:中共, abbr:卫健委→卫生健康委员会, alias:…→…
  reason           TEXT,                  -- no_unit | round_level | place_unknown
  inspection_start TEXT,
  inspection_end   TEXT,
  feedback_date    TEXT,
  published_date   TEXT
);
CREATE INDEX IF NOT EXISTS unit_keys_key ON unit_keys(unit_key);

CREATE TABLE IF NOT EXISTS rounds (
  unit_key TEXT NOT NULL,
  ord      INTEGER NOT NULL,              -- 1, 2, … in time order
  sha256   TEXT NOT NULL,
  copy_of  TEXT,                          -- another copy of the same notice (same dates): its sha256
  PRIMARY KEY (unit_key, sha256)
);

CREATE TABLE IF NOT EXISTS diffs (
  id                   INTEGER PRIMARY KEY,
  old_summary          TEXT NOT NULL,     -- sha256 of the earlier round's summary JSON
  new_summary          TEXT NOT NULL,
  version              TEXT NOT NULL,     -- the diff version: schema, release and options
  unit_key             TEXT NOT NULL,
  old_sha256           TEXT NOT NULL,     -- reports.sha256 of each side
  new_sha256           TEXT NOT NULL,
  path                 TEXT NOT NULL,     -- the DiffResult JSON, relative to OUT
  size                 INTEGER NOT NULL,
  computed_at          TEXT NOT NULL,
  recurring            INTEGER NOT NULL,
  new                  INTEGER NOT NULL,
  dropped              INTEGER NOT NULL,
  reported_done_before INTEGER NOT NULL,
  closed               INTEGER NOT NULL,
  open                 INTEGER NOT NULL,
  not_mentioned        INTEGER NOT NULL,
  overdue              INTEGER NOT NULL,
  postponed            INTEGER NOT NULL,
  figures_changed      INTEGER NOT NULL,
  UNIQUE (old_summary, new_summary, version)
);
CREATE INDEX IF NOT EXISTS diffs_unit ON diffs(unit_key);

-- What each diff found, one row per finding, for queries across the archive.
CREATE TABLE IF NOT EXISTS diff_items (
  id        INTEGER PRIMARY KEY,
  diff_id   INTEGER NOT NULL REFERENCES diffs(id) ON DELETE CASCADE,
  kind      TEXT NOT NULL CHECK (kind IN ('problem', 'outstanding', 'deadline', 'figure')),
  state     TEXT NOT NULL,                -- problem: recurring, new, dropped. outstanding: closed, open,
                                          -- not_mentioned. deadline: postponed, advanced, removed, added.
                                          -- figure: changed, same
  text      TEXT NOT NULL,                -- the problem, item or figure label
  old_value TEXT,                         -- figure: OLD's number as written, deadline: OLD's date
  new_value TEXT,
  flag      INTEGER NOT NULL DEFAULT 0,   -- problem: reported done before, outstanding: overdue
  old_start INTEGER,                      -- offsets into each side's source.text
  old_end   INTEGER,
  new_start INTEGER,
  new_end   INTEGER
);
CREATE INDEX IF NOT EXISTS diff_items_diff ON diff_items(diff_id);
CREATE INDEX IF NOT EXISTS diff_items_kind ON diff_items(kind, state);
"""


def diff_options() -> DiffOptions:
    # The archive's key says the two are one unit; the diff need not guess it from the names.
    return DiffOptions(same_unit=True)


def diff_version() -> str:
    options = diff_options().model_dump_json()
    digest = hashlib.sha256(f"{DIFF_SCHEMA_VERSION}|{__version__}|{options}".encode()).hexdigest()[:8]
    return f"{DIFF_SCHEMA_VERSION}-{__version__}-{digest}"


# -- reading the archive ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Notice:
    sha256: str  # the input's content address (reports.sha256)
    summary_sha256: str
    json_path: str  # relative to OUT
    path: str  # the input file, relative to the bulk input folder
    title: str | None
    inspection_start: str | None
    inspection_end: str | None
    feedback_date: str | None
    published_date: str | None

    @property
    def dated(self) -> bool:
        return any(self._dates())

    def _dates(self) -> tuple[str | None, ...]:
        return (self.inspection_start, self.inspection_end, self.feedback_date, self.published_date)

    def order(self) -> tuple[str, str, str, str, str]:
        """Inspection period, then feedback, then publication; the first date known leads, so a notice
        that gives only some dates still sorts among the others."""
        lead = next((d for d in self._dates() if d), "9999")
        return (
            lead,
            self.inspection_start or self.inspection_end or "",
            self.feedback_date or "",
            self.published_date or "",
            self.sha256,
        )

    def same_round(self, other: Notice) -> bool:
        """Two copies of one notice (a txt and an html, a mirror): every date the same."""
        return self.dated and self._dates() == other._dates()


def load_summary(out_dir: Path, json_path: str) -> ReportSummary:
    """The one place summaries are read from OUT: the archive's loader, which puts the text back."""
    return store.load_summary(out_dir / json_path)


def _connect(out_dir: Path) -> sqlite3.Connection:
    path = out_dir / INDEX_NAME
    if not path.is_file():
        raise InputError(say("units.err.no_index", out=out_dir))
    try:
        conn = sqlite3.connect(path, isolation_level=None)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA busy_timeout=10000")
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("SELECT count(*) FROM reports").fetchone()
    except sqlite3.DatabaseError as exc:
        raise InputError(say("units.err.bad_index", path=path, error=exc)) from None
    conn.execute("BEGIN IMMEDIATE")
    for statement in TABLES.split(";"):
        if statement.strip():
            conn.execute(statement)
    conn.execute("COMMIT")
    return conn


def _reports(conn: sqlite3.Connection, out_dir: Path) -> list[tuple[sqlite3.Row, str]]:
    """Each summarised report with the hash of its JSON: the one the bulk run recorded when the file
    is still that size, else hashed now."""
    has_json_files = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'json_files'"
    ).fetchone()
    join = "LEFT JOIN json_files j ON j.report_id = r.id" if has_json_files else ""
    cols = (
        "j.size AS json_size, j.sha256 AS json_sha256"
        if has_json_files
        else "NULL AS json_size, NULL AS json_sha256"
    )
    rows = conn.execute(
        f"SELECT r.sha256, r.path, r.json_path, r.title, {cols} FROM reports r {join} ORDER BY r.sha256"
    ).fetchall()
    out = []
    for row in rows:
        file = out_dir / row["json_path"]
        try:
            size = file.stat().st_size
        except OSError:
            continue  # a summary the next bulk run makes again
        digest = row["json_sha256"]
        if digest is None or row["json_size"] != size:
            digest = hashlib.sha256(file.read_bytes()).hexdigest()
        out.append((row, digest))
    return out


def default_aliases(out_dir: Path) -> Path | None:
    return next((out_dir / n for n in ALIAS_NAMES if (out_dir / n).is_file()), None)


# -- the result ---------------------------------------------------------------------------------------


@dataclass
class PairDiff:
    unit_key: str
    old: Notice
    new: Notice
    path: str  # the DiffResult JSON, relative to OUT
    totals: dict[str, int]
    computed: bool  # made by this run (False: reused)


@dataclass
class UnitRounds:
    key: str
    name: str
    notices: list[Notice]
    copy_of: dict[str, str] = field(default_factory=dict)  # sha256 → the first copy's sha256
    diffs: list[PairDiff] = field(default_factory=list)


@dataclass
class RoundsResult:
    units: list[UnitRounds]  # units with more than one notice, by name
    unkeyed: dict[str, int]  # reason → notices without a key
    keyed: int  # notices with a key
    keys_computed: int  # keys read from a summary this run (the rest were reused)
    computed: int  # diffs computed this run
    reused: int
    removed: int  # diffs of pairs that are no longer consecutive rounds


TOTALS = (
    "recurring",
    "new",
    "dropped",
    "reported_done_before",
    "closed",
    "open",
    "not_mentioned",
    "overdue",
    "postponed",
    "figures_changed",
)


def _totals(result: DiffResult) -> dict[str, int]:
    return {name: int(getattr(result.totals, name)) for name in TOTALS}


def as_dict(result: RoundsResult) -> dict[str, object]:
    """The JSON form `summarise rounds OUT --format json` prints (stable English keys)."""

    def notice(n: Notice, unit: UnitRounds) -> dict[str, object]:
        return {
            "sha256": n.sha256,
            "summary_sha256": n.summary_sha256,
            "path": n.path,
            "json": n.json_path,
            "title": n.title,
            "inspection_start": n.inspection_start,
            "inspection_end": n.inspection_end,
            "feedback_date": n.feedback_date,
            "published_date": n.published_date,
            "copy_of": unit.copy_of.get(n.sha256),
        }

    return {
        "units": [
            {
                "key": u.key,
                "name": u.name,
                "notices": [notice(n, u) for n in u.notices],
                "diffs": [
                    {
                        "old": d.old.sha256,
                        "new": d.new.sha256,
                        "path": d.path,
                        "computed": d.computed,
                        **d.totals,
                    }
                    for d in u.diffs
                ],
            }
            for u in result.units
        ],
        "keyed": result.keyed,
        "unkeyed": result.unkeyed,
        "keys_computed": result.keys_computed,
        "diffs": {"computed": result.computed, "reused": result.reused, "removed": result.removed},
    }


# -- the work -------------------------------------------------------------------------------------------


def update_rounds(out_dir: Path, aliases_path: Path | None = None) -> RoundsResult:
    """Key every summary in OUT, order each unit's notices, and diff each pair of consecutive rounds,
    reusing what an earlier run already made for the same summaries."""
    conn = _connect(out_dir)
    try:
        aliases = read_aliases(aliases_path if aliases_path is not None else default_aliases(out_dir))
        return _update(conn, out_dir, aliases)
    finally:
        conn.close()


def _update(conn: sqlite3.Connection, out_dir: Path, aliases: Aliases) -> RoundsResult:
    rules = f"{tables_fingerprint()}-{aliases.fingerprint or 'none'}"
    reports = _reports(conn, out_dir)
    known = {r["sha256"]: r for r in conn.execute("SELECT * FROM unit_keys")}
    notices: dict[str, Notice] = {}
    keys: dict[str, tuple[str | None, str | None, str | None]] = {}  # sha → (key, name, reason)
    fresh: list[tuple[str, str, UnitKey, ReportSummary]] = []
    for row, digest in reports:
        sha = row["sha256"]
        old = known.get(sha)
        if old is not None and old["summary_sha256"] == digest and old["rules"] == rules:
            dates = (
                old["inspection_start"],
                old["inspection_end"],
                old["feedback_date"],
                old["published_date"],
            )
            keys[sha] = (old["unit_key"], old["name"], old["reason"])
        else:
            try:
                summary = load_summary(out_dir, row["json_path"])
            except InputError:
                # A damaged summary is the next bulk run's to make again; the rest are keyed meanwhile.
                keys[sha] = (None, None, "unreadable")
                continue
            key = unit_key(summary, aliases)
            m = summary.meta
            dates = (m.inspection_start, m.inspection_end, m.feedback_date, m.published_date or m.page_date)
            fresh.append((sha, digest, key, summary))
            keys[sha] = (key.key, key.name, key.reason)
        notices[sha] = Notice(sha, digest, row["json_path"], row["path"], row["title"], *dates)

    conn.execute("BEGIN IMMEDIATE")
    try:
        for sha, digest, key, _summary in fresh:
            _save_key(conn, sha, digest, rules, key, notices[sha])
        gone = set(known) - set(notices)
        conn.executemany("DELETE FROM unit_keys WHERE sha256 = ?", [(s,) for s in gone])
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise

    groups: dict[str, list[Notice]] = defaultdict(list)
    names: dict[str, str] = {}
    unkeyed: dict[str, int] = defaultdict(int)
    for sha, (key_, name, reason) in keys.items():
        if key_ is None:
            unkeyed[reason or "no_unit"] += 1
            continue
        groups[key_].append(notices[sha])
        names.setdefault(key_, name or key_)

    units = []
    for key_, members in groups.items():
        members.sort(key=Notice.order)
        unit = UnitRounds(key_, names[key_], members)
        for a, b in zip(members, members[1:], strict=False):
            if b.same_round(a):
                unit.copy_of[b.sha256] = unit.copy_of.get(a.sha256, a.sha256)
        units.append(unit)
    units.sort(key=lambda u: (u.name, u.key))

    version = diff_version()
    summaries = {sha: s for sha, _, _, s in fresh}
    computed = reused = 0
    wanted: set[tuple[str, str]] = set()
    for unit in units:
        rounds = [n for n in unit.notices if n.sha256 not in unit.copy_of and n.dated]
        for old, new in zip(rounds, rounds[1:], strict=False):
            wanted.add((old.summary_sha256, new.summary_sha256))
            pair = _pair(conn, out_dir, unit.key, old, new, version, summaries)
            unit.diffs.append(pair)
            computed += pair.computed
            reused += not pair.computed
    removed = _prune(conn, out_dir, wanted, version)
    _save_rounds(conn, units)
    multi = [u for u in units if len(u.notices) > 1]
    return RoundsResult(
        units=multi,
        unkeyed=dict(unkeyed),
        keyed=sum(len(u.notices) for u in units),
        keys_computed=len(fresh),
        computed=computed,
        reused=reused,
        removed=removed,
    )


def _save_key(conn: sqlite3.Connection, sha: str, digest: str, rules: str, key: UnitKey, n: Notice) -> None:
    u, p = key.unit_from, key.place_from
    conn.execute(
        "INSERT OR REPLACE INTO unit_keys(sha256, summary_sha256, rules, unit_key, name, place, body,"
        " unit_field, unit_text, unit_start, unit_end, place_field, place_text, place_start, place_end,"
        " rules_applied, reason, inspection_start, inspection_end, feedback_date, published_date)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            sha,
            digest,
            rules,
            key.key,
            key.name,
            key.place,
            key.body,
            u.field if u else None,
            u.text if u else None,
            u.start if u else None,
            u.end if u else None,
            p.field if p else None,
            p.text if p else None,
            p.start if p else None,
            p.end if p else None,
            json.dumps(list(key.rules), ensure_ascii=False),
            key.reason,
            n.inspection_start,
            n.inspection_end,
            n.feedback_date,
            n.published_date,
        ),
    )


def diff_name(old: Notice, new: Notice, version: str) -> str:
    return f"{DIFFS_DIR}/{old.summary_sha256[:16]}_{new.summary_sha256[:16]}_{version}.json"


def _pair(
    conn: sqlite3.Connection,
    out_dir: Path,
    unit: str,
    old: Notice,
    new: Notice,
    version: str,
    summaries: dict[str, ReportSummary],
) -> PairDiff:
    row = conn.execute(
        "SELECT * FROM diffs WHERE old_summary = ? AND new_summary = ? AND version = ?",
        (old.summary_sha256, new.summary_sha256, version),
    ).fetchone()
    if row is not None:
        try:
            intact = (out_dir / row["path"]).stat().st_size == row["size"]
        except OSError:
            intact = False
        if intact:
            if row["unit_key"] != unit:
                conn.execute("UPDATE diffs SET unit_key = ? WHERE id = ?", (unit, row["id"]))
            return PairDiff(unit, old, new, row["path"], {t: int(row[t]) for t in TOTALS}, computed=False)
    a = summaries.get(old.sha256) or load_summary(out_dir, old.json_path)
    b = summaries.get(new.sha256) or load_summary(out_dir, new.json_path)
    result = diff_summaries(a, b, diff_options())
    rel = diff_name(old, new, version)
    data = result.model_dump_json(indent=1).encode("utf-8")
    write_atomic(out_dir / rel, data)
    totals = _totals(result)
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute(
            "DELETE FROM diffs WHERE old_summary = ? AND new_summary = ? AND version = ?",
            (old.summary_sha256, new.summary_sha256, version),
        )
        cur = conn.execute(
            f"INSERT INTO diffs(old_summary, new_summary, version, unit_key, old_sha256, new_sha256, path,"
            f" size, computed_at, {', '.join(TOTALS)}) VALUES ({', '.join('?' * (9 + len(TOTALS)))})",
            (
                old.summary_sha256,
                new.summary_sha256,
                version,
                unit,
                old.sha256,
                new.sha256,
                rel,
                len(data),
                datetime.now(UTC).isoformat(timespec="seconds"),
                *(totals[t] for t in TOTALS),
            ),
        )
        conn.executemany(
            "INSERT INTO diff_items(diff_id, kind, state, text, old_value, new_value, flag, old_start,"
            " old_end, new_start, new_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(cur.lastrowid, *item) for item in _items(result)],
        )
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return PairDiff(unit, old, new, rel, totals, computed=True)


Item = tuple[str, str, str, str | None, str | None, int, int | None, int | None, int | None, int | None]


def _items(result: DiffResult) -> list[Item]:
    out: list[Item] = []
    for p in result.problems:
        ref = p.new or p.old
        assert ref is not None
        o, n = p.old.evidence if p.old else None, p.new.evidence if p.new else None
        out.append(
            (
                "problem",
                str(p.state),
                ref.named_problem or ref.title,
                None,
                None,
                int(p.reported_done_before),
                o.start if o else None,
                o.end if o else None,
                n.start if n else None,
                n.end if n else None,
            )
        )
    for item in result.outstanding:
        n = item.new.evidence if item.new else None
        out.append(
            (
                "outstanding",
                str(item.state),
                item.item,
                item.deadline,
                None,
                int(bool(item.overdue)),
                item.evidence.start,
                item.evidence.end,
                n.start if n else None,
                n.end if n else None,
            )
        )
        change = item.deadline_change
        if change is not None:
            ne = change.new_evidence
            out.append(
                (
                    "deadline",
                    str(change.shift),
                    item.item,
                    change.old,
                    change.new,
                    0,
                    item.evidence.start,
                    item.evidence.end,
                    ne.start if ne else None,
                    ne.end if ne else None,
                )
            )
    for f in result.figures:
        out.append(
            (
                "figure",
                "changed" if f.change else "same",
                f.label,
                f.old.text,
                f.new.text,
                0,
                f.old.evidence.start,
                f.old.evidence.end,
                f.new.evidence.start,
                f.new.evidence.end,
            )
        )
    return out


def _prune(conn: sqlite3.Connection, out_dir: Path, wanted: set[tuple[str, str]], version: str) -> int:
    """Forget diffs of pairs that are no longer consecutive rounds (or of another diff version)."""
    stale = [
        (r["id"], r["path"])
        for r in conn.execute("SELECT id, old_summary, new_summary, version, path FROM diffs")
        if (r["old_summary"], r["new_summary"]) not in wanted or r["version"] != version
    ]
    if not stale:
        return 0
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.executemany("DELETE FROM diffs WHERE id = ?", [(i,) for i, _ in stale])
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    live = {r[0] for r in conn.execute("SELECT path FROM diffs")}
    for _, path in stale:
        if path not in live:
            (out_dir / path).unlink(missing_ok=True)
    return len(stale)


def _save_rounds(conn: sqlite3.Connection, units: list[UnitRounds]) -> None:
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute("DELETE FROM rounds")
        conn.executemany(
            "INSERT INTO rounds(unit_key, ord, sha256, copy_of) VALUES (?, ?, ?, ?)",
            [
                (u.key, i, n.sha256, u.copy_of.get(n.sha256))
                for u in units
                for i, n in enumerate(u.notices, start=1)
            ],
        )
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
