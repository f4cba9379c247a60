"""The ledger as files: an xlsx workbook of three sheets (xlsxwriter) or one CSV per table.

Both stream: rows go out as each summary is read, so an archive of thousands of reports is written
in constant memory (xlsxwriter's constant_memory mode flushes each row to a temp file). Both are
safe to open in Excel or WPS: a cell of report text that would read as a formula (= + - @) is kept
as text, and every CSV starts with a UTF-8 BOM, without which Excel and WPS show Chinese garbled.
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Protocol, TextIO

import xlsxwriter

from .cells import BOM, clean_text, csv_cell, is_formula_like
from .ledger import PROBLEMS, TABLES, Entry, Row, Table, table_named
from .models import ReportSummary


class Sink(Protocol):
    """Where a ledger's rows go: one sheet, or one file, per table."""

    def add(self, table: Table, row: Row) -> None: ...

    def close(self) -> None: ...


@dataclass
class Written:
    reports: int = 0
    rows: dict[str, int] = field(default_factory=lambda: {t.name: 0 for t in TABLES})


def fill(
    sink: Sink, entries: Iterable[Entry], *, context: bool, tables: tuple[Table, ...] = TABLES
) -> Written:
    """Every row of every table for each entry in turn: one pass, so `entries` may be a generator."""
    written = Written()
    for entry in entries:
        written.reports += 1
        for table in tables:
            for row in table.rows_of(entry, context=context):
                sink.add(table, row)
                written.rows[table.name] += 1
    sink.close()
    return written


class XlsxSink:
    """A workbook of one sheet per table, with a bold frozen header row, filters and column widths."""

    def __init__(self, target: str | Path | IO[bytes], *, context: bool, tables: tuple[Table, ...] = TABLES):
        self.book = xlsxwriter.Workbook(
            target if not isinstance(target, Path) else str(target),
            {
                "constant_memory": True,
                # Report text is data: never a formula, a link or a number read out of a string.
                "strings_to_formulas": False,
                "strings_to_urls": False,
                "strings_to_numbers": False,
            },
        )
        self.quoted = self.book.add_format({"quote_prefix": True, "text_wrap": True, "valign": "top"})
        self.plain = self.book.add_format({"text_wrap": True, "valign": "top"})
        header = self.book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "valign": "top"})
        self.sheets: dict[str, Any] = {}
        self.next_row: dict[str, int] = {}
        self.width: dict[str, int] = {}
        for table in tables:
            sheet = self.book.add_worksheet(table.title)
            headers = table.headers(context=context)
            for col, width in enumerate(table.widths(context=context)):
                sheet.set_column(col, col, width)
            sheet.write_row(0, 0, headers, header)
            sheet.freeze_panes(1, 0)
            self.sheets[table.name] = sheet
            self.next_row[table.name] = 1
            self.width[table.name] = len(headers)

    def add(self, table: Table, row: Row) -> None:
        sheet = self.sheets[table.name]
        r = self.next_row[table.name]
        for c, value in enumerate(row):
            if value is None:
                continue
            if isinstance(value, str):
                text = clean_text(value)
                # write_string keeps the text a string; quote_prefix keeps it one when a user edits the cell.
                sheet.write_string(r, c, text, self.quoted if is_formula_like(text) else self.plain)
            else:
                sheet.write_number(r, c, value)
        self.next_row[table.name] = r + 1

    def close(self) -> None:
        for name, sheet in self.sheets.items():
            sheet.autofilter(0, 0, max(self.next_row[name] - 1, 0), self.width[name] - 1)
        self.book.close()


class CsvSink:
    """One CSV per table (tables without a stream are not written)."""

    def __init__(self, streams: dict[str, TextIO], tables: tuple[Table, ...], *, context: bool):
        self.writers = {}
        for table in tables:
            if table.name in streams:
                writer = csv.writer(streams[table.name])
                writer.writerow(table.headers(context=context))
                self.writers[table.name] = writer

    def add(self, table: Table, row: Row) -> None:
        writer = self.writers.get(table.name)
        if writer is not None:
            writer.writerow([csv_cell(v) for v in row])

    def close(self) -> None:
        pass


def xlsx_bytes(entries: Iterable[Entry], *, context: bool = False) -> bytes:
    buf = io.BytesIO()
    fill(XlsxSink(buf, context=context), entries, context=context)
    return buf.getvalue()


def csv_bytes(entries: Iterable[Entry], table: Table, *, context: bool = False) -> bytes:
    """One table as CSV bytes, BOM first (the bytes, so no stdout encoding can lose it)."""
    buf = io.StringIO(newline="")
    fill(CsvSink({table.name: buf}, (table,), context=context), entries, context=context, tables=(table,))
    return (BOM + buf.getvalue()).encode("utf-8")


def report_ledger(summary: ReportSummary, fmt: str, table: str | None = None) -> bytes:
    """`report -f xlsx|csv`: the workbook of one summary, or one of its tables as CSV."""
    entries = [Entry(summary)]
    if fmt == "xlsx":
        return xlsx_bytes(entries)
    return csv_bytes(entries, table_named(table) if table else PROBLEMS)


def write_xlsx(entries: Iterable[Entry], path: Path, *, context: bool = True) -> Written:
    with _atomic(path) as tmp:
        return fill(XlsxSink(tmp, context=context), entries, context=context)


def write_csvs(entries: Iterable[Entry], paths: dict[str, Path], *, context: bool = True) -> Written:
    """The tables `paths` names, each to its file, in one pass over `entries`."""
    tables = tuple(t for t in TABLES if t.name in paths)
    with _atomic_all([paths[t.name] for t in tables]) as tmps, ExitStack() as stack:
        streams: dict[str, TextIO] = {
            table.name: stack.enter_context(open(tmp, "w", encoding="utf-8-sig", newline=""))
            for table, tmp in zip(tables, tmps, strict=True)
        }
        return fill(CsvSink(streams, tables, context=context), entries, context=context, tables=tables)


@contextmanager
def _atomic(path: Path) -> Iterator[Path]:
    with _atomic_all([path]) as tmps:
        yield tmps[0]


@contextmanager
def _atomic_all(paths: list[Path]) -> Iterator[list[Path]]:
    """Temp files beside each path, renamed into place only when all are written: a reader never
    sees half a ledger, and a failure leaves the old one as it was."""
    tmps: list[Path] = []
    try:
        for path in paths:
            fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
            os.close(fd)
            tmps.append(Path(name))
        yield tmps
        umask = os.umask(0)
        os.umask(umask)
        for done, path in zip(tmps, paths, strict=True):
            # mkstemp makes the file private (0600); a ledger is meant to be shared, so honour the umask.
            os.chmod(done, 0o666 & ~umask)
            os.replace(done, path)
    finally:
        for left in tmps:
            left.unlink(missing_ok=True)
