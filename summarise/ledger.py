"""The ledger (台账): a summary as spreadsheet tables, one row per problem, per outstanding item, per
kind of discipline.

Typer-free and writer-free: this module says what the tables hold (their columns, their headers in
the language in force, their rows); ledger_write.py puts them into xlsx or CSV. Every table takes
any sequence of summaries, so one report, a bulk archive and a search's reports all give the same
ledger; with `context` each row starts with the report's unit, inspector, dates and source file.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from . import i18n
from .errors import UsageError
from .i18n import say
from .models import Evidence, Figure, Item, Measure, Problem, ReportSummary
from .render import status_label

Cell = str | int | float | None
Row = list[Cell]


@dataclass(frozen=True)
class Entry:
    """One report of a ledger: its summary and where it came from (the path a bulk run read)."""

    summary: ReportSummary
    source: str | None = None


@dataclass(frozen=True)
class Column:
    key: str  # ledger.col.<key> in the catalogue
    width: int  # characters, for the xlsx view

    @property
    def header(self) -> str:
        return say(f"ledger.col.{self.key}")


@dataclass(frozen=True)
class Table:
    name: str  # a stable identifier: problems, outstanding, discipline (--table, file suffixes)
    columns: tuple[Column, ...]
    rows: Callable[[ReportSummary], Iterator[Row]]

    @property
    def title(self) -> str:
        return say(f"ledger.sheet.{self.name}")

    def headers(self, *, context: bool) -> list[str]:
        return [c.header for c in (CONTEXT if context else ()) + self.columns]

    def widths(self, *, context: bool) -> list[int]:
        return [c.width for c in (CONTEXT if context else ()) + self.columns]

    def rows_of(self, entry: Entry, *, context: bool) -> Iterator[Row]:
        lead = context_cells(entry) if context else []
        for row in self.rows(entry.summary):
            yield lead + row


# The report a row belongs to, in an archive ledger: who was inspected, by whom, when, from which file.
CONTEXT = (
    Column("unit", 24),
    Column("inspector", 16),
    Column("round", 16),
    Column("feedback_date", 12),
    Column("published_date", 12),
    Column("source", 30),
)


def context_cells(entry: Entry) -> Row:
    meta = entry.summary.meta
    unit = meta.unit or "、".join(meta.units) or None
    return [
        unit,
        meta.inspector,
        meta.inspection_round,
        meta.feedback_date,
        meta.published_date or meta.page_date,
        entry.source if entry.source is not None else entry.summary.source.path,
    ]


def _measures(measures: list[Measure]) -> str | None:
    # One measure a line: Excel and WPS show a cell's line breaks once wrapping is on.
    return "\n".join(" ".join(m.text.split()) for m in measures) or None


def _figures(figures: list[Figure]) -> str | None:
    if not figures:
        return None
    template = template_of("ledger.figure")  # looked up once: a bulk ledger joins millions of figures
    return say("ledger.figures.sep").join(template.format(label=f.label, text=f.text) for f in figures)


def template_of(key: str) -> str:
    zh, en = i18n.both(key)
    return en if i18n.current() == "en" else zh


def _extent(heading: Evidence, measures: list[Measure], figures: list[Figure]) -> tuple[int, int]:
    """Where a problem's own text lies: from its heading to the last of its measures and figures."""
    ends = [heading.end, *(m.evidence.end for m in measures), *(f.evidence.end for f in figures)]
    return heading.start, max(ends)


def _deadlines(summary: ReportSummary) -> list[tuple[int, str]]:
    return sorted((o.evidence.start, o.deadline) for o in summary.outstanding if o.deadline)


def _deadline_in(deadlines: list[tuple[int, str]], start: int, end: int) -> str | None:
    """The deadline of the outstanding item written inside a problem's own text, if there is one (a
    report without a list of outstanding items gives the deadline under the problem itself)."""
    found = [d for at, d in deadlines if start <= at <= end]
    return min(found) if found else None


def problem_rows(summary: ReportSummary) -> Iterator[Row]:
    """One row per problem as the summary counts them (models.tally): each sub-problem of an item, or
    the item itself when it has none, so the rows always number `summary.problem_count()`."""
    deadlines = _deadlines(summary)
    for area in summary.areas:
        for item in area.items:
            entries: list[Item | Problem] = [*item.problems] or [item]
            for entry in entries:
                yield _problem_row(area.title, item, entry, deadlines)


def _problem_row(
    area: str | None, item: Item, entry: Item | Problem, deadlines: list[tuple[int, str]]
) -> Row:
    # A sub-problem's row also carries what its item states before the sub-problems (an opening
    # figure or measure), as it carries the item's title: the row reads whole on its own.
    shared = entry is not item
    measures = (item.measures if shared else []) + entry.measures
    figures = (item.figures if shared else []) + entry.figures
    start, end = _extent(entry.evidence, entry.measures, entry.figures)
    return [
        area,
        item.title,
        entry.title,
        entry.named_problem,
        _measures(measures),
        status_label(entry.status),
        _deadline_in(deadlines, start, end),
        _figures(figures),
        start,
        end,
    ]


def outstanding_rows(summary: ReportSummary) -> Iterator[Row]:
    for item in summary.outstanding:
        overdue = item.overdue_at_publication
        start = item.evidence.start
        end = max(item.evidence.end, item.deadline_evidence.end if item.deadline_evidence else 0)
        yield [
            item.item,
            item.deadline,
            status_label(item.status),
            None if overdue is None else say("ledger.yes" if overdue else "ledger.no"),
            start,
            end,
        ]


def discipline_rows(summary: ReportSummary) -> Iterator[Row]:
    discipline = summary.discipline
    for kind, people in discipline.counts.items():
        yield [kind, people]
    if discipline.people is not None:
        yield [say("ledger.discipline.total"), discipline.people]


PROBLEMS = Table(
    "problems",
    (
        Column("area", 24),
        Column("item", 36),
        Column("problem", 36),
        Column("named_problem", 28),
        Column("measures", 60),
        Column("status", 10),
        Column("deadline", 12),
        Column("figures", 40),
        Column("start", 10),
        Column("end", 10),
    ),
    problem_rows,
)
OUTSTANDING = Table(
    "outstanding",
    (
        Column("item", 40),
        Column("deadline", 12),
        Column("status", 10),
        Column("overdue_at_publication", 12),
        Column("start", 10),
        Column("end", 10),
    ),
    outstanding_rows,
)
DISCIPLINE = Table(
    "discipline",
    (Column("discipline_type", 20), Column("people", 8)),
    discipline_rows,
)
TABLES: tuple[Table, ...] = (PROBLEMS, OUTSTANDING, DISCIPLINE)
TABLE_NAMES = tuple(t.name for t in TABLES)
# The formats `report -f` writes as a ledger: bytes, not a text view (render/views.py has those).
LEDGER_FORMATS = ("xlsx", "csv")


def table_named(name: str) -> Table:
    for table in TABLES:
        if table.name == name:
            return table
    raise UsageError(say("ledger.err.table", table=name, choices=say("ledger.list.sep").join(TABLE_NAMES)))


def check_ledger(fmt: str, table: str | None, output: Path | None) -> bool:
    """Whether `report -f FMT` asks for a ledger; refuses, before any work, what cannot be written."""
    if table is not None:
        if fmt != "csv":
            raise UsageError(say("ledger.err.table_needs_csv"))
        table_named(table)
    if fmt not in LEDGER_FORMATS:
        return False
    if fmt == "xlsx" and (output is None or str(output) == "-") and sys.stdout.isatty():
        raise UsageError(say("ledger.err.xlsx_tty"))
    return True
