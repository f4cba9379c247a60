"""`summarise search`: problems across the archive whose heading, or one of whose measures, matches.

A query is whitespace-separated terms that must all occur in the same problem heading (with its named
problem) or the same measure label. Query and index are both folded to simplified characters, so
公務用車 finds 公务用车. Terms of three characters or more use the FTS5 trigram index; shorter ones
(公车, 违规 are two characters, common in Chinese) cannot be trigram-matched, so they are checked with
LIKE on the rows the index has already narrowed down, or scanned when every term is short.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InputError, UsageError
from ..i18n import say
from .fold import fold_all
from .index import connect
from .schema import INDEX_VERSION
from .store import source_text


@dataclass(frozen=True)
class Hit:
    path: str  # the input file summarised (relative to IN_DIR)
    json_path: str  # its summary (relative to the index's folder)
    unit: str | None
    date: str | None  # published (落款) date, else the page date
    inspector: str | None
    area: str | None
    level: str  # item | problem | area (a measure listed directly under an area)
    problem: str  # the problem heading; for level "area", the area heading
    item: str | None  # for a sub-problem, the numbered item it belongs to
    named_problem: str | None
    status: str | None
    measure: str | None  # the first matching measure as worded, when the match is in the measures
    measures: int  # how many of the problem's measures match
    direct: bool  # the problem heading itself matches
    span_start: int | None
    span_end: int | None


@dataclass(frozen=True)
class SearchResult:
    query: str
    hits: list[Hit]
    total: int  # matching problems, before --limit
    reports: int  # distinct reports among them


def parse_terms(query: str) -> list[str]:
    terms = query.split()  # str.split also splits on the ideographic space U+3000
    if not terms:
        raise UsageError("empty search query")
    return terms


def search(index_path: str | Path, query: str, *, limit: int = 100, unit: str | None = None) -> SearchResult:
    terms = fold_all(parse_terms(query))
    path = Path(index_path)
    conn = connect(path, readonly=True)
    try:
        _check_version(conn, path)
        fts = _has_fts(conn)
        long_terms = [t for t in terms if len(t) >= 3] if fts else []
        short_terms = [t for t in terms if t not in long_terms]
        params: dict[str, Any] = {"limit": limit}
        if long_terms:
            params["match"] = " ".join(_phrase(t) for t in long_terms)
        for n, term in enumerate(short_terms):
            params[f"like{n}"] = f"%{_escape_like(term)}%"
        if unit:
            params["unit"] = f"%{_escape_like(unit)}%"
        pcond = _condition(long_terms, short_terms, "p.id", "problems", fts)
        mcond = _condition(long_terms, short_terms, "m.id", "measures", fts)
        unit_filter = "WHERE r.unit LIKE :unit ESCAPE '\\'" if unit else ""
        hits_cte = f"""
            hits AS (
              SELECT problem_id, area_id, max(direct) AS direct, min(measure_id) AS measure_id,
                     count(measure_id) AS measures
              FROM (
                SELECT p.id AS problem_id, p.area_id, 1 AS direct, NULL AS measure_id FROM problems p WHERE {pcond}
                UNION ALL
                SELECT m.problem_id, m.area_id, 0, m.id FROM measures m WHERE {mcond}
              )
              GROUP BY problem_id, area_id
            ),
            found AS (
              SELECT h.*, a.report_id, a.title AS area, a.ord AS area_ord FROM hits h
              JOIN areas a ON a.id = h.area_id
              JOIN reports r ON r.id = a.report_id
              {unit_filter}
            )"""
        rows = conn.execute(
            f"""WITH {hits_cte}
            SELECT f.*, r.path, r.json_path, r.text_sha256, r.unit,
                   coalesce(r.published_date, r.page_date) AS date,
                   r.inspector, p.level, p.title, p.named_problem, p.status, p.span_start, p.span_end,
                   parent.title AS item, m.text AS measure, m.span_start AS m_start, m.span_end AS m_end
            FROM found f
            JOIN reports r ON r.id = f.report_id
            LEFT JOIN problems p ON p.id = f.problem_id
            LEFT JOIN problems parent ON parent.id = p.parent_id
            LEFT JOIN measures m ON m.id = f.measure_id
            ORDER BY date IS NULL, date DESC, r.path, f.area_ord, p.id
            LIMIT :limit""",
            params,
        ).fetchall()
        total, reports = conn.execute(
            f"WITH {hits_cte} SELECT count(*), count(DISTINCT report_id) FROM found", params
        ).fetchone()
    except sqlite3.DatabaseError as exc:  # not an index, or not a database at all
        raise InputError(f"{index_path}: cannot search this index ({exc})") from exc
    finally:
        conn.close()
    texts = _Texts(path.parent)
    return SearchResult(query, [_hit(row, texts) for row in rows], int(total), int(reports))


class _Texts:
    """Source texts of the reports with measure hits, read once each (hits are few: --limit)."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        self._texts: dict[str, str | None] = {}

    def measure(self, row: sqlite3.Row) -> str | None:
        label, start, end = row["measure"], row["m_start"], row["m_end"]
        if label is None or start is None or end is None:
            return label
        key = row["json_path"]
        if key not in self._texts:
            try:
                self._texts[key] = source_text(self.out_dir, key, row["text_sha256"])
            except InputError:
                self._texts[key] = None  # moved or damaged: the label still says what matched
        text = self._texts[key]
        return text[start:end] if text is not None and end <= len(text) else label


def _hit(row: sqlite3.Row, texts: _Texts) -> Hit:
    area_level = row["problem_id"] is None
    return Hit(
        path=row["path"],
        json_path=row["json_path"],
        unit=row["unit"],
        date=row["date"],
        inspector=row["inspector"],
        area=row["area"],
        level="area" if area_level else row["level"],
        problem=(row["area"] or "") if area_level else row["title"],
        item=row["item"],
        named_problem=row["named_problem"],
        status=row["status"],
        measure=texts.measure(row),
        measures=int(row["measures"]),
        direct=bool(row["direct"]),
        span_start=row["span_start"],
        span_end=row["span_end"],
    )


def _condition(long_terms: list[str], short_terms: list[str], rowid: str, table: str, fts: bool) -> str:
    """Rows of `table` whose searchable text holds every term: the full-text index narrows by the long
    terms, LIKE checks the short ones; without the index, LIKE scans the table's *_search view."""
    source, key = (f"{table}_fts", "rowid") if fts else (f"{table}_search", "id")
    parts = [f"{source} MATCH :match"] if long_terms else []
    parts += [f"text LIKE :like{n} ESCAPE '\\'" for n in range(len(short_terms))]
    return f"{rowid} IN (SELECT {key} FROM {source} WHERE {' AND '.join(parts)})"


def _phrase(term: str) -> str:
    """A term as an FTS5 string: user input is never parsed as FTS5 syntax (no AND/OR/NEAR, no errors)."""
    return '"' + term.replace('"', '""') + '"'


def _escape_like(term: str) -> str:
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _has_fts(conn: sqlite3.Connection) -> bool:
    row = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE name = 'problems_fts' AND sql LIKE 'CREATE VIRTUAL TABLE%'"
    ).fetchone()
    return row is not None


def _check_version(conn: sqlite3.Connection, path: Path) -> None:
    """An index another version wrote has other tables: say what to do rather than fail on a column."""
    try:
        row = conn.execute("SELECT value FROM meta WHERE key = 'index_version'").fetchone()
    except sqlite3.OperationalError:
        return  # not an index at all: the search query says so
    version = row[0] if row else None
    if version is not None and version != INDEX_VERSION:
        raise InputError(say("archive.err.search_version", path=path, version=version, current=INDEX_VERSION))


def search_index(flag: Path | None) -> Path:
    """The index to search: --index, else SUMMARISE_INDEX (through Settings, like every setting)."""
    from ..settings import Settings

    index = Settings.resolve(index=flag).index
    if index is None:
        raise UsageError(say("archive.err.no_index"))
    return index
