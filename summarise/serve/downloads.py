"""The ledger (台账) of what a page shows, as xlsx or CSV: the tool's own ledger writer, fed the
summaries of the reports on that page, each row led by its report's unit, dates and source file."""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import quote

from ..models import ReportSummary

FORMATS = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}
# A ledger of a search is of the reports it found, newest first, up to this many (a few seconds of
# reading JSON); the page says so when a search found more.
MAX_REPORTS = 500


def ledger(summaries: Iterable[tuple[ReportSummary, str]], fmt: str) -> bytes:
    """`summaries`: (summary, its input path); fmt: xlsx (every table) or csv (the problems table)."""
    from ..ledger import Entry, table_named
    from ..ledger_write import csv_bytes, xlsx_bytes

    entries = (Entry(summary, source=path) for summary, path in summaries)
    if fmt == "xlsx":
        return xlsx_bytes(entries, context=True)
    return csv_bytes(entries, table_named("problems"), context=True)


def disposition(name: str) -> str:
    """An attachment header for a file name in Chinese: an ASCII fallback and the UTF-8 name."""
    ascii_name = name.encode("ascii", "ignore").decode() or "ledger"
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name)}"
