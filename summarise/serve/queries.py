"""Every question the web app asks index.sqlite, in one place, read-only and parameterised.

The connection is opened with `mode=ro` and `PRAGMA query_only`, one per thread (Starlette runs
handlers in a thread pool and a sqlite3 connection belongs to the thread that made it). Values from
the URL only ever reach SQL as parameters; the only SQL built from text is made of the fixed rules in
facets.py and the column names this module chooses.

The index may be written by a bulk run while the app serves it (WAL lets readers go on); results are
read afresh for every request, except the archive page's totals, which are kept until the reports
change.
"""

from __future__ import annotations

import itertools
import json
import sqlite3
import threading
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .facets import AREA_RULES, LEVEL_RULES, Rule
from .narrow import ReportTexts

# The year a report belongs to: its 落款 date, else the page date, else the inspection's dates.
YEAR = (
    "substr(coalesce(r.published_date, r.page_date, r.feedback_date, r.inspection_end,"
    " r.inspection_start), 1, 4)"
)
DATE = "coalesce(r.published_date, r.page_date, r.feedback_date)"
# Rounds of one unit in time order: the inspection itself first, then feedback and publication.
ROUND_ORDER = (
    "coalesce(r.inspection_start, r.inspection_end, r.feedback_date, r.published_date, r.page_date) IS NULL,"
    " coalesce(r.inspection_start, r.inspection_end, r.feedback_date, r.published_date, r.page_date),"
    " r.feedback_date, r.published_date, r.id"
)
PAGE_SIZE = 50
# A search no index can narrow reads reports newest first, this many at first and twice as many each
# time after, and stops once it has the page and one hit more.
SCAN_CHUNK = 100


class NotFound(Exception):
    """A report, unit or page the index does not hold."""


def _case(rules: Sequence[Rule], alias: str, prefix: str, default: str) -> tuple[str, dict[str, str]]:
    """A CASE expression giving the key of the first matching rule, with its words as parameters."""
    params: dict[str, str] = {}
    whens = []
    for i, rule in enumerate(rules):
        column = f"{alias}.{rule.column}"
        tests = []
        for j, word in enumerate(rule.contains):
            params[f"{prefix}{i}_{j}"] = word
            tests.append(f"instr({column}, :{prefix}{i}_{j}) > 0")
        for j, word in enumerate(rule.ends):
            params[f"{prefix}{i}_e{j}"] = word
            tests.append(f"substr({column}, -{len(word)}) = :{prefix}{i}_e{j}")
        whens.append(f"WHEN {' OR '.join(tests)} THEN '{rule.key}'")
    return f"(CASE {' '.join(whens)} ELSE '{default}' END)", params


LEVEL_CASE, LEVEL_PARAMS = _case(LEVEL_RULES, "r", "lv", "unknown")
AREA_CASE, AREA_PARAMS = _case(AREA_RULES, "a", "ar", "other")


def escape_like(term: str) -> str:
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def fts_phrase(term: str) -> str:
    """A term as an FTS5 string: user input is never parsed as FTS5 syntax."""
    return '"' + term.replace('"', '""') + '"'


@dataclass(frozen=True)
class Filters:
    query: str = ""
    unit: str = ""
    year: str = ""
    level: str = ""
    status: str = ""
    area: str = ""

    @property
    def terms(self) -> list[str]:
        return self.query.split()

    def any(self) -> bool:
        return any((self.query.strip(), self.unit, self.year, self.level, self.status, self.area))


@dataclass(frozen=True)
class Hit:
    sha256: str
    unit: str | None
    unit_key: str | None
    date: str | None
    title: str | None
    area: str | None
    item: str | None  # the numbered item a sub-problem belongs to
    problem: str  # the problem heading (for a measure listed under an area, the area heading)
    named_problem: str | None
    status: str | None
    measure: str | None  # the first matching measure, when the match is in the measures
    measures: int
    direct: bool  # the heading itself matches
    span_start: int | None  # of the problem (or of the matching measure when the heading does not match)
    span_end: int | None


@dataclass(frozen=True)
class SearchPage:
    filters: Filters
    hits: list[Hit]
    total: int
    reports: int
    page: int
    pages: int
    terms: list[str]  # what to highlight: the words, and their simplified forms
    exact: bool = True  # False: a scan stopped once it had enough; `total` is "at least"


@dataclass(frozen=True)
class ReportRow:
    id: int
    sha256: str
    json_path: str
    path: str
    title: str | None
    notice_unit: str | None  # as the notice names it
    unit: str | None  # the unit's name: from its key when there is one
    unit_key: str | None
    inspector: str | None
    inspection_round: str | None
    inspection_start: str | None
    feedback_date: str | None
    published_date: str | None
    date: str | None
    year: str | None
    level: str
    problems: int
    outstanding: int


@dataclass
class Overview:
    reports: int = 0
    problems: int = 0
    measures: int = 0
    outstanding: int = 0
    people: int = 0
    units: int = 0
    by_year: list[dict[str, Any]] = field(default_factory=list)  # year, reports, problems, statuses
    by_level: list[tuple[str, int]] = field(default_factory=list)
    top_units: list[dict[str, Any]] = field(default_factory=list)
    area_years: list[dict[str, Any]] = field(default_factory=list)  # year, {area kind: problems}
    discipline: list[tuple[str, int]] = field(default_factory=list)
    stated_rates: list[tuple[str, float, int]] = field(default_factory=list)  # year, mean rate, reports


@dataclass(frozen=True)
class Layout:
    """What this index holds beyond the core tables: the layout moved on (the search text kept in
    views and folded to simplified characters, the measure's wording left to the source text), and
    `summarise rounds` adds unit keys, rounds and stored diffs. Read on every request: a rounds run
    may add its tables while the app serves."""

    fts: bool
    search_views: bool  # problems_search / measures_search: folded heading and measure-label text
    measure_quote: bool  # measures.quote: the measure as worded (older indexes)
    unit_keys: bool
    rounds: bool
    diffs: bool

    @property
    def unit_key(self) -> str:
        return "uk.unit_key" if self.unit_keys else "r.unit"

    @property
    def unit_name(self) -> str:
        return "coalesce(uk.name, r.unit)" if self.unit_keys else "r.unit"

    @property
    def join_units(self) -> str:
        return " LEFT JOIN unit_keys uk ON uk.sha256 = r.sha256" if self.unit_keys else ""


class Archive:
    """Read-only access to one bulk output folder's index."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir.resolve()
        self.index_path = self.out_dir / "index.sqlite"
        self._local = threading.local()
        self._overview: tuple[int, Overview] | None = None
        self._lock = threading.Lock()
        self._texts = ReportTexts()
        self.layout()  # fail now, with a clear message, rather than on the first request

    def layout(self) -> Layout:
        conn = self.conn()
        names = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
        if "reports" not in names:
            raise sqlite3.DatabaseError("no reports table")
        measures = {row[1] for row in conn.execute("PRAGMA table_info(measures)")}
        return Layout(
            fts="problems_fts" in names and "measures_fts" in names,
            search_views="problems_search" in names and "measures_search" in names,
            measure_quote="quote" in measures,
            unit_keys="unit_keys" in names,
            rounds="rounds" in names,
            diffs="diffs" in names,
        )

    def conn(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(f"{self.index_path.as_uri()}?mode=ro", uri=True, isolation_level=None)
            conn.execute("PRAGMA query_only = ON")
            conn.execute("PRAGMA busy_timeout = 5000")
            conn.row_factory = sqlite3.Row
            self._local.conn = conn
        return conn

    def _rows(self, sql: str, params: dict[str, Any] | None = None) -> list[sqlite3.Row]:
        return self.conn().execute(sql, params or {}).fetchall()

    # -- reports ---------------------------------------------------------------------------------

    def _report_select(self, lay: Layout) -> str:
        return (
            f"SELECT r.id, r.sha256, r.json_path, r.path, r.title, r.unit AS notice_unit, {lay.unit_name} AS unit,"
            f" {lay.unit_key} AS unit_key, r.inspector, r.inspection_round, r.inspection_start,"
            f" r.feedback_date, r.published_date, {DATE} AS date, {YEAR} AS year, {LEVEL_CASE} AS level,"
            " coalesce(r.problems, 0) AS problems, coalesce(r.outstanding, 0) AS outstanding"
            f" FROM reports r{lay.join_units}"
        )

    def report(self, sha256: str) -> ReportRow:
        sql = f"{self._report_select(self.layout())} WHERE r.sha256 = :sha"
        rows = self._rows(sql, {"sha": sha256, **LEVEL_PARAMS})
        if not rows:
            raise NotFound(sha256)
        return ReportRow(**dict(rows[0]))

    def unit_reports(self, key: str) -> list[ReportRow]:
        """The unit's notices in time order: its rounds (a second copy of one notice left out)."""
        lay = self.layout()
        if lay.rounds and lay.unit_keys:
            sql = (
                f"{self._report_select(lay)} JOIN rounds ro ON ro.sha256 = r.sha256 AND ro.unit_key = :key"
                f" WHERE ro.copy_of IS NULL ORDER BY ro.ord, {ROUND_ORDER}"
            )
            rows = self._rows(sql, {"key": key, **LEVEL_PARAMS})
            if rows:
                return [ReportRow(**dict(row)) for row in rows]
        sql = f"{self._report_select(lay)} WHERE {lay.unit_key} = :key ORDER BY {ROUND_ORDER}"
        return [ReportRow(**dict(row)) for row in self._rows(sql, {"key": key, **LEVEL_PARAMS})]

    def stored_diff(self, old_sha: str, new_sha: str, version: str | None) -> str | None:
        """The path (relative to the folder) of the diff `summarise rounds` stored for this pair."""
        if not self.layout().diffs:
            return None
        rows = self._rows(
            "SELECT path FROM diffs WHERE old_sha256 = :old AND new_sha256 = :new"
            " AND (:version IS NULL OR version = :version) ORDER BY computed_at DESC LIMIT 1",
            {"old": old_sha, "new": new_sha, "version": version},
        )
        return str(rows[0][0]) if rows else None

    def units(self, like: str = "", limit: int = 200) -> list[dict[str, Any]]:
        """Units with their number of notices, those with more rounds first."""
        lay = self.layout()
        where = f"WHERE {lay.unit_key} IS NOT NULL"
        params: dict[str, Any] = {"limit": limit}
        if like:
            where += f" AND ({lay.unit_key} LIKE :like ESCAPE '\\' OR {lay.unit_name} LIKE :like ESCAPE '\\')"
            params["like"] = f"%{escape_like(like)}%"
        rows = self._rows(
            f"SELECT {lay.unit_key} AS key, max({lay.unit_name}) AS name, count(*) AS reports,"
            f" sum(coalesce(r.problems, 0)) AS problems, min({YEAR}) AS first, max({YEAR}) AS last"
            f" FROM reports r{lay.join_units} {where} GROUP BY {lay.unit_key}"
            " ORDER BY reports DESC, key LIMIT :limit",
            params,
        )
        return [dict(row) for row in rows]

    def item_problems(self, report_id: int) -> list[sqlite3.Row]:
        return self._rows(
            "SELECT p.title, p.named_problem, p.status, p.level FROM problems p WHERE p.report_id = :id"
            " ORDER BY p.id",
            {"id": report_id},
        )

    # -- the archive page ------------------------------------------------------------------------

    def stamp(self) -> int:
        """What the kept totals and texts depend on, read in a millisecond: a bulk run adds or
        replaces reports (their count, last id, last time), a rounds run adds unit keys. (Not PRAGMA
        data_version: it is per connection, and each thread of the pool has its own.)"""
        row = self.conn().execute("SELECT count(*), max(id), max(summarised_at) FROM reports").fetchone()
        return hash((tuple(row), self.layout()))

    def overview(self) -> Overview:
        stamp = self.stamp()
        with self._lock:
            if self._overview is not None and self._overview[0] == stamp:
                return self._overview[1]
        result = self._compute_overview()
        with self._lock:
            self._overview = (stamp, result)
        return result

    def _compute_overview(self) -> Overview:
        o = Overview()
        lay = self.layout()
        row = self._rows(
            "SELECT count(*) AS reports, coalesce(sum(problems), 0) AS problems,"
            " coalesce(sum(measures), 0) AS measures, coalesce(sum(outstanding), 0) AS outstanding,"
            f" count(DISTINCT {lay.unit_key}) AS units FROM reports r{lay.join_units}"
        )[0]
        o.reports, o.problems, o.measures, o.outstanding, o.units = (int(v) for v in row)
        o.people = int(self._rows("SELECT coalesce(sum(people), 0) FROM discipline")[0][0])
        # A leaf problem: a sub-problem, or an item without sub-problems (what the summary counts).
        # NOT IN over a subquery: SQLite indexes the subquery once (problems has no index on parent_id).
        leaf = "(p.level = 'problem' OR p.id NOT IN (SELECT parent_id FROM problems WHERE parent_id IS NOT NULL))"
        plain = self.conn().cursor()
        plain.row_factory = None  # tuples: tens of thousands of rows are read below
        year_of: dict[int, str | None] = dict(plain.execute(f"SELECT r.id, {YEAR} AS year FROM reports r"))
        years: dict[str, dict[str, Any]] = {}
        for year in year_of.values():
            y = years.setdefault(year or "", {"year": year, "reports": 0, "statuses": {}})
            y["reports"] += 1
        # Reading every problem's row is most of the page's cost: done once, for both the statuses
        # and the kinds of area by year. A heading is filed under its kind once per distinct heading.
        kinds = dict(
            plain.execute(
                f"SELECT title, {AREA_CASE} AS kind FROM (SELECT DISTINCT title FROM areas) a", AREA_PARAMS
            )
        )
        kind_of = {area_id: kinds[title] for area_id, title in plain.execute("SELECT id, title FROM areas")}
        statuses: Counter[tuple[str | None, str]] = Counter()
        area_kinds: Counter[tuple[str | None, str]] = Counter()
        for report_id, area_id, st, n in plain.execute(
            "SELECT p.report_id, p.area_id, coalesce(p.status, 'unknown') AS st, count(*) AS n"
            f" FROM problems p WHERE {leaf} GROUP BY p.report_id, p.area_id, st"
        ):
            if report_id not in year_of:  # rows of a report no longer indexed
                continue
            year = year_of[report_id]
            statuses[year, st] += n
            if area_id in kind_of:
                area_kinds[year, kind_of[area_id]] += n
        for (year, st), n in statuses.items():
            y = years.setdefault(year or "", {"year": year, "reports": 0, "statuses": {}})
            y["statuses"][st] = n
        areas: dict[str, dict[str, Any]] = {}
        for (year, kind), n in area_kinds.items():
            areas.setdefault(year or "", {"year": year, "kinds": {}})["kinds"][kind] = n
        for y in years.values():
            y["problems"] = sum(y["statuses"].values())
        o.by_year = sorted(years.values(), key=lambda y: y["year"] or "9999")
        o.by_level = [
            (r["level"], int(r["n"]))
            for r in self._rows(
                f"SELECT {LEVEL_CASE} AS level, count(*) AS n FROM reports r GROUP BY level ORDER BY n DESC",
                LEVEL_PARAMS,
            )
        ]
        o.top_units = self.units(limit=15)
        o.area_years = sorted(areas.values(), key=lambda y: y["year"] or "9999")
        o.discipline = [
            (r["kind"], int(r["n"]))
            for r in self._rows("SELECT kind, sum(people) AS n FROM discipline GROUP BY kind ORDER BY n DESC")
        ]
        # What the notices say of themselves (完成率 76%), beside what the engine found.
        o.stated_rates = [
            (r["year"], float(r["rate"]), int(r["n"]))
            for r in self._rows(
                f"SELECT {YEAR} AS year, avg(s.value) AS rate, count(*) AS n FROM stated_counts s"
                " JOIN reports r ON r.id = s.report_id WHERE s.key = 'completion_rate'"
                " AND s.value BETWEEN 0 AND 100 GROUP BY year ORDER BY year"
            )
        ]
        return o

    def years(self) -> list[str]:
        return [
            r[0]
            for r in self._rows(
                f"SELECT DISTINCT {YEAR} AS y FROM reports r WHERE y IS NOT NULL ORDER BY y DESC"
            )
        ]

    # -- search ----------------------------------------------------------------------------------

    def search(self, f: Filters, page: int = 1, size: int = PAGE_SIZE) -> SearchPage:
        """Problems whose heading, or one of whose measures, holds every term, newest report first.

        Terms of three characters or more go through the trigram index, which narrows the whole
        archive at once: every hit is counted. Without one (only short words like 公车, or only
        filters) every row must be read, so the reports are read newest first, a slice at a time,
        until the page is full: the count is then "at least".
        """
        lay = self.layout()
        page = max(page, 1)
        offset = (page - 1) * size
        terms = self.search_terms(f, lay)
        if lay.fts and any(len(t) >= 3 for t in terms):
            return self._indexed_search(f, lay, page, offset, size)
        return self._scanned_search(f, lay, page, offset, size)

    def _details(self, lay: Layout, source: str) -> str:
        """The page's hits with their text, from `source`: rows of (report_id, area_id, problem_id,
        measure_id, direct, measures) in page order `ord`."""
        measure = "coalesce(m.quote, m.text)" if lay.measure_quote else "m.text"
        return f"""
            SELECT r.sha256, {lay.unit_name} AS unit, {lay.unit_key} AS unit_key, {DATE} AS date, r.title,
                   a.title AS area, parent.title AS item, p.title AS problem, p.named_problem,
                   coalesce(p.status, m.status) AS status, {measure} AS measure,
                   f.measures, f.direct,
                   CASE WHEN f.direct OR m.id IS NULL THEN p.span_start ELSE m.span_start END AS span_start,
                   CASE WHEN f.direct OR m.id IS NULL THEN p.span_end ELSE m.span_end END AS span_end
            FROM {source} f
            JOIN reports r ON r.id = f.report_id{lay.join_units}
            JOIN areas a ON a.id = f.area_id
            LEFT JOIN problems p ON p.id = f.problem_id
            LEFT JOIN problems parent ON parent.id = p.parent_id
            LEFT JOIN measures m ON m.id = f.measure_id
            ORDER BY f.ord"""

    def _page(
        self, f: Filters, lay: Layout, rows: list[sqlite3.Row], total: int, reports: int, **kw: Any
    ) -> SearchPage:
        hits = [
            Hit(
                **{
                    **dict(row),
                    "problem": row["problem"] if row["problem"] is not None else (row["area"] or ""),
                    "direct": bool(row["direct"]),
                    "measures": int(row["measures"]),
                }
            )
            for row in rows
        ]
        pages = max(1, -(-total // kw["size"]))
        return SearchPage(f, hits, total, reports, kw["page"], pages, self.search_terms(f, lay), kw["exact"])

    def _indexed_search(self, f: Filters, lay: Layout, page: int, offset: int, size: int) -> SearchPage:
        cte, params = self._search_cte(f, lay)
        params.update(limit=size, offset=offset)
        # One pass over the hits: ordered, counted (problems, and reports by the rank of the last one)
        # and cut to the page; only the page's rows are joined to their text. Area and problem ids
        # rise in the order the report lists them.
        counted = self._rows(
            f"""WITH {cte}
            SELECT f.*, count(*) OVER () AS total, max(f.rank) OVER () AS reports FROM (
              SELECT f.*, {DATE} AS d, dense_rank() OVER (ORDER BY f.report_id) AS rank
              FROM found f JOIN reports r ON r.id = f.report_id
            ) f
            ORDER BY d IS NULL, d DESC, f.report_id, f.area_id, f.problem_id
            LIMIT :limit OFFSET :offset""",
            params,
        )
        if counted:
            total, reports = int(counted[0]["total"]), int(counted[0]["reports"])
        else:  # nothing, or past the last page
            total, reports = (
                int(v)
                for v in self.conn()
                .execute(f"WITH {cte} SELECT count(*), count(DISTINCT report_id) FROM found", params)
                .fetchone()
            )
        rows = self._page_rows(lay, counted)
        return self._page(f, lay, rows, total, reports, page=page, size=size, exact=True)

    def _page_rows(self, lay: Layout, hits: Sequence[sqlite3.Row | tuple[Any, ...]]) -> list[sqlite3.Row]:
        keys = [[h[0], h[1], h[2], h[3], h[4], h[5]] for h in hits]
        if not keys:
            return []
        source = (
            "(SELECT key AS ord, json_extract(value, '$[0]') AS problem_id, json_extract(value, '$[1]') AS area_id,"
            " json_extract(value, '$[2]') AS report_id, json_extract(value, '$[3]') AS direct,"
            " json_extract(value, '$[4]') AS measure_id, json_extract(value, '$[5]') AS measures"
            " FROM json_each(:page))"
        )
        return self._rows(self._details(lay, source), {"page": json.dumps(keys)})

    def _scanned_search(self, f: Filters, lay: Layout, page: int, offset: int, size: int) -> SearchPage:
        order: Iterator[int] = iter(self._report_order(f, lay))
        terms = self.search_terms(f, lay)
        texts = (
            self._texts.current(self.conn, self.stamp(), self._row_texts(lay)) if terms or f.status else None
        )
        if texts is not None:
            # Only the reports whose text can hold the words (with the status asked for) are read:
            # a rare word, or a status the newest reports lack, no longer reads the whole archive.
            order = ReportTexts.keep(texts, order, terms, f.status)
        cte, params = self._search_cte(f, lay, chunked=True)
        want = offset + size + 1  # one more than the page: whether there is a next page
        found: list[sqlite3.Row] = []
        exact = True
        chunk = SCAN_CHUNK
        while ids := list(itertools.islice(order, chunk)):
            # Slices grow: a common word fills the page from the first, a rare one needs many reports.
            chunk *= 2
            rank = {rid: n for n, rid in enumerate(ids)}
            rows = self._rows(f"WITH {cte} SELECT * FROM found", {**params, "chunk": json.dumps(ids)})
            rows.sort(key=lambda r: (rank[r["report_id"]], r["area_id"], r["problem_id"] or 0))
            found += rows
            if len(found) >= want:
                exact = next(order, None) is None  # reports left unread: the count is "at least"
                break
        reports = len({r["report_id"] for r in found})
        rows = self._page_rows(lay, found[offset : offset + size])
        return self._page(f, lay, rows, len(found), reports, page=page, size=size, exact=exact)

    def report_texts(self) -> dict[int, list[tuple[str, str]]]:
        """Every report's searchable text by status, kept until the reports change (narrow.py);
        read now if they changed."""
        return self._texts.load(self.conn(), self.stamp(), self._row_texts(self.layout()))

    def warm(self) -> None:
        """Compute what is kept (the archive page's totals, the texts a short word is looked up in)
        before the first request needs it: some seconds on 10,000 reports."""
        self.overview()
        self.report_texts()

    @staticmethod
    def _row_texts(lay: Layout) -> str:
        """(report_id, st, text) of every searchable row, `st` the status a hit on it is listed with:
        the problem's, else (a measure) its own. `text` as the search tests it (see _search_cte)."""
        if lay.search_views:
            ptext, pjoin = "s.text", " JOIN problems_search s ON s.id = p.id"
            mtext, mjoin = "s.text", " JOIN measures_search s ON s.id = m.id"
        else:
            ptext, pjoin = "p.title || ' ' || coalesce(p.named_problem, '')", ""
            mtext = "m.text || ' ' || coalesce(m.quote, '')" if lay.measure_quote else "m.text"
            mjoin = ""
        return (
            f"SELECT p.report_id, coalesce(p.status, 'unknown') AS st, {ptext} AS text FROM problems p{pjoin}"
            f" UNION ALL SELECT m.report_id, coalesce(p.status, m.status, 'unknown'), {mtext} FROM measures m{mjoin}"
            " LEFT JOIN problems p ON p.id = m.problem_id"
        )

    def _report_order(self, f: Filters, lay: Layout) -> list[int]:
        """The reports the filters allow, newest first (the order hits are listed in)."""
        conds, params = self._report_filters(f, lay)
        where = f"WHERE {' AND '.join(conds)}" if conds else ""
        sql = f"SELECT r.id FROM reports r{lay.join_units} {where} ORDER BY {DATE} IS NULL, {DATE} DESC, r.id"
        return [int(row[0]) for row in self.conn().execute(sql, params)]

    def _report_filters(self, f: Filters, lay: Layout) -> tuple[list[str], dict[str, Any]]:
        conds: list[str] = []
        params: dict[str, Any] = {}
        if f.unit:
            names = dict.fromkeys((lay.unit_key, lay.unit_name, "r.unit"))  # the key, its name, the notice's
            conds.append("(" + " OR ".join(f"{n} LIKE :unit ESCAPE '\\'" for n in names) + ")")
            params["unit"] = f"%{escape_like(f.unit)}%"
        if f.year:
            conds.append(f"{YEAR} = :year")
            params["year"] = f.year
        if f.level:
            conds.append(f"{LEVEL_CASE} = :level")
            params.update(LEVEL_PARAMS, level=f.level)
        return conds, params

    def search_reports(self, f: Filters, limit: int) -> list[str]:
        """The sha256 of each report with a hit, newest first (for a ledger of the search)."""
        cte, params = self._search_cte(f, self.layout())
        params["limit"] = limit
        rows = self._rows(
            f"WITH {cte} SELECT r.sha256 FROM found f JOIN reports r ON r.id = f.report_id"
            f" GROUP BY r.id ORDER BY {DATE} IS NULL, {DATE} DESC, r.id LIMIT :limit",
            params,
        )
        return [row[0] for row in rows]

    @staticmethod
    def search_terms(f: Filters, lay: Layout) -> list[str]:
        """The words as the index holds them: folded to simplified characters where the index is."""
        if not lay.search_views or not f.terms:
            return f.terms
        from ..archive.fold import fold_all

        return fold_all(f.terms)

    def _search_cte(self, f: Filters, lay: Layout, *, chunked: bool = False) -> tuple[str, dict[str, Any]]:
        terms = self.search_terms(f, lay)
        long_terms = [t for t in terms if len(t) >= 3] if lay.fts else []
        short_terms = [t for t in terms if t not in long_terms]
        params: dict[str, Any] = {}
        if long_terms:
            params["match"] = " ".join(fts_phrase(t) for t in long_terms)
        tests = []
        for n, term in enumerate(short_terms):
            # instr() for a term without letters (Chinese): an exact substring test, several times
            # faster than LIKE, which folds case; LIKE where case folding matters.
            if term.isascii() and any(ch.isalpha() for ch in term):
                params[f"like{n}"] = f"%{escape_like(term)}%"
                tests.append(f"{{text}} LIKE :like{n} ESCAPE '\\'")
            else:
                params[f"term{n}"] = term
                tests.append(f"instr({{text}}, :term{n}) > 0")

        def cond(rowid: str, table: str, text: str) -> list[str]:
            if lay.search_views and not chunked:  # the index's own searchable text: heading or label, folded
                source, key = (
                    (f"{table}_fts", "rowid") if lay.fts and long_terms else (f"{table}_search", "id")
                )
                parts = [f"{source} MATCH :match"] if long_terms else []
                parts += [test.format(text="text") for test in tests]
                return (
                    [f"{rowid} IN (SELECT {key} FROM {source} WHERE {' AND '.join(parts)})"] if parts else []
                )
            if lay.search_views:  # a slice of reports: each of its rows' text, looked up by id
                text = f"(SELECT text FROM {table}_search WHERE id = {rowid})"
            fts = (
                [f"{rowid} IN (SELECT rowid FROM {table}_fts WHERE {table}_fts MATCH :match)"]
                if long_terms
                else []
            )
            return fts + [test.format(text=text) for test in tests]

        # Filters on the report are applied first, on the few thousand reports rather than on every
        # problem: SQLite makes the subquery's ids into an index once. A scan goes a slice of
        # reports at a time (:chunk, a JSON list of ids already filtered).
        on_report, report_params = self._report_filters(f, lay)
        params.update(report_params)
        if chunked:
            chosen: str | None = "report_id IN (SELECT value FROM json_each(:chunk))"
        elif on_report:
            chosen = (
                f"report_id IN (SELECT r.id FROM reports r{lay.join_units} WHERE {' AND '.join(on_report)})"
            )
        else:
            chosen = None
        pconds = cond("p.id", "problems", "(p.title || ' ' || coalesce(p.named_problem, ''))")
        mtext = "(m.text || ' ' || coalesce(m.quote, ''))" if lay.measure_quote else "m.text"
        mconds = cond("m.id", "measures", mtext)
        if chosen:
            pconds.append("p." + chosen)
            mconds.append("m." + chosen)
        if f.status and not terms:
            pconds.append("coalesce(p.status, 'unknown') = :status")
        # With no words, the filters alone choose problems (every problem of a unit, say); measures
        # then add nothing.
        measure_part = (
            "UNION ALL SELECT m.problem_id, m.area_id, m.report_id, 0, m.id FROM measures m"
            f" WHERE {' AND '.join(mconds)}"
            if terms
            else ""
        )
        where = []
        if f.area:
            # Words narrow the problems to a few: file their headings one by one. Without, file every
            # heading once (there are several problems to each).
            if terms:
                where.append(f"{AREA_CASE} = :area")
            else:
                where.append(f"h.area_id IN (SELECT a.id FROM areas a WHERE {AREA_CASE} = :area)")
            params.update(AREA_PARAMS, area=f.area)
        if f.status:
            where.append("coalesce(ps.status, ms.status, 'unknown') = :status")
            params["status"] = f.status
        # The headings' and statuses' rows are joined only when a filter needs them: a common word hits
        # tens of thousands of problems, and the page shows fifty.
        joins = ""
        if where:
            joins = (
                "JOIN areas a ON a.id = h.area_id LEFT JOIN problems ps ON ps.id = h.problem_id"
                " LEFT JOIN measures ms ON ms.id = h.measure_id WHERE " + " AND ".join(where)
            )
        cte = f"""
            matched AS (
              SELECT p.id AS problem_id, p.area_id, p.report_id, 1 AS direct, NULL AS measure_id
              FROM problems p {"WHERE " + " AND ".join(pconds) if pconds else ""}
              {measure_part}
            ),
            hits AS (
              SELECT problem_id, area_id, report_id, max(direct) AS direct, min(measure_id) AS measure_id,
                     count(measure_id) AS measures
              FROM matched GROUP BY problem_id, area_id, report_id
            ),
            found AS (SELECT h.* FROM hits h {joins})"""
        return cte, params
