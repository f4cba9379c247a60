"""overview.csv and errors.jsonl, regenerated from the index at the end of every run.

Both are views of the index, so they describe the whole archive (not just this run's part of it)
and a rerun never appends duplicate lines. Rows stream from SQLite into a temp file that is renamed
into place: memory stays flat and a reader never sees half a file.
"""

from __future__ import annotations

import csv
import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from ..cells import csv_cell
from .index import Index
from .rows import REPORT_FIELDS

OVERVIEW_COLUMNS = (
    "path",
    "status",
    "duplicate_of",
    "json",
    # The meta fields but the page's own date, with the long title after the short fields.
    *(name for name in REPORT_FIELDS if name not in ("title", "page_date")),
    "title",
    "areas",
    "items",
    "problems",
    "stated_problems",
    "measures",
    "outstanding",
    "discipline_people",
    "warnings",
    "engine",
    "model",
    "sha256",
    "error",
)


@contextmanager
def _atomic_text(path: Path, encoding: str = "utf-8") -> Iterator[TextIO]:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        if hasattr(os, "fchmod"):
            # mkstemp makes the file private (0600); these are reports to share, so honour the umask.
            umask = os.umask(0)
            os.umask(umask)
            os.fchmod(fd, 0o666 & ~umask)
        with os.fdopen(fd, "w", encoding=encoding, newline="") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_overview(index: Index, path: Path) -> None:
    # utf-8-sig: Excel and WPS, which most analysts open a CSV with, read BOM-less UTF-8 as GBK/ANSI
    # and show the Chinese as mojibake. Python, pandas and Datasette read the BOM fine.
    with _atomic_text(path, encoding="utf-8-sig") as fh:
        writer = csv.writer(fh)
        writer.writerow(OVERVIEW_COLUMNS)
        for row in index.iter_files():
            record = dict(row)
            record["duplicate_of"] = record["report_path"] if record["status"] == "duplicate" else None
            record["json"] = record.pop("json_path")
            writer.writerow([_cell(record.get(c)) for c in OVERVIEW_COLUMNS])


def _cell(value: object) -> object:
    if isinstance(value, float) and value.is_integer():
        return int(value)  # stated counts are stored as REAL (76% is a count too); 29.0 reads as 29
    return csv_cell(value)  # titles and units are report text: never a formula in Excel


def write_errors(index: Index, path: Path) -> int:
    count = 0
    with _atomic_text(path) as fh:
        for row in index.iter_files():
            if row["status"] != "failed":
                continue
            record = {
                "path": row["path"],
                "kind": row["error_kind"],
                "error": row["error"],
                "sha256": row["sha256"],
            }
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
    return count
