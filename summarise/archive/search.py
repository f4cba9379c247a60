"""`summarise search`: problems across the archive whose text, or one of whose measures, matches.

A query is whitespace-separated terms that must all occur in the same problem heading or the same
measure. Terms of three characters or more use the FTS5 trigram index; shorter ones (公车, 违规 are
two characters, common in Chinese) cannot be trigram-matched, so they are checked with LIKE on the
rows the index has already narrowed down, or scanned when every term is short.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InputError, UsageError
from .index import connect


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
    measure: str | None  # the first matching measure, when the match is in the measures
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
    terms = parse_terms(query)
    conn = connect(Path(index_path), readonly=True)
    try:
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
        problem_text = "(p.title || ' ' || coalesce(p.named_problem, ''))"
        pcond = _conditions(long_terms, short_terms, "p.id", "problems_fts", problem_text)
        mcond = _conditions(
            long_terms, short_terms, "m.id", "measures_fts", "(m.text || ' ' || coalesce(m.quote, ''))"
        )
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
            SELECT f.*, r.path, r.json_path, r.unit, coalesce(r.published_date, r.page_date) AS date,
                   r.inspector, p.level, p.title, p.named_problem, p.status, p.span_start, p.span_end,
                   parent.title AS item, coalesce(m.quote, m.text) AS measure
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
    return SearchResult(query, [_hit(row) for row in rows], int(total), int(reports))


def _hit(row: sqlite3.Row) -> Hit:
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
        measure=row["measure"],
        measures=int(row["measures"]),
        direct=bool(row["direct"]),
        span_start=row["span_start"],
        span_end=row["span_end"],
    )


def _conditions(long_terms: list[str], short_terms: list[str], rowid: str, fts_table: str, text: str) -> str:
    parts = []
    if long_terms:
        parts.append(f"{rowid} IN (SELECT rowid FROM {fts_table} WHERE {fts_table} MATCH :match)")
    parts += [f"{text} LIKE :like{n} ESCAPE '\\'" for n in range(len(short_terms))]
    return " AND ".join(parts)


def _phrase(term: str) -> str:
    """A term as an FTS5 string: user input is never parsed as FTS5 syntax (no AND/OR/NEAR, no errors)."""
    return '"' + term.replace('"', '""') + '"'


def _escape_like(term: str) -> str:
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _has_fts(conn: sqlite3.Connection) -> bool:
    row = conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'problems_fts'").fetchone()
    return row is not None
