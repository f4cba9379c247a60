"""The ledger of a bulk output folder: every summary the index lists, read from its JSON one at a
time and streamed into ledger.xlsx (or three CSVs), so thousands of reports take constant memory.

A follow-up to `bulk`, not part of it: a run stays as fast as before, and the ledger is made when
(and as often as) someone wants it, from the summaries on disk, the contract every view reads.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError, OutputError
from ..i18n import say
from ..ledger import PROBLEMS, TABLES, Entry, Table
from ..ledger_write import Written, write_csvs, write_xlsx
from .index import connect
from .runner import INDEX_NAME
from .store import load_summary

LEDGER_STEM = "ledger"


@dataclass
class ArchiveLedger:
    paths: list[Path]
    tables: list[str]  # the names of the tables written, one per path (xlsx: all three in one)
    written: Written
    skipped: list[str] = field(default_factory=list)  # one line per summary that could not be read


def default_paths(out_dir: Path, fmt: str) -> dict[str, Path]:
    """ledger.xlsx; or ledger.csv (the problems) with ledger-outstanding.csv, ledger-discipline.csv."""
    if fmt == "xlsx":
        return {"": out_dir / f"{LEDGER_STEM}.xlsx"}
    return {
        t.name: out_dir / (f"{LEDGER_STEM}.csv" if t is PROBLEMS else f"{LEDGER_STEM}-{t.name}.csv")
        for t in TABLES
    }


def archive_reports(out_dir: Path) -> list[tuple[str, str]]:
    """(source path, summary JSON path) of every report the index lists, in path order."""
    conn = connect(out_dir / INDEX_NAME, readonly=True)
    try:
        rows = conn.execute("SELECT path, json_path FROM reports ORDER BY path").fetchall()
    except sqlite3.DatabaseError as exc:  # not an index, or not a database at all
        raise InputError(say("ledger.err.index", path=out_dir / INDEX_NAME, error=exc)) from exc
    finally:
        conn.close()
    return [(str(source), str(json_rel)) for source, json_rel in rows]


def iter_entries(out_dir: Path, reports: list[tuple[str, str]], skipped: list[str]) -> Iterator[Entry]:
    """The summaries, each read from its JSON only when its rows are wanted."""
    root = out_dir.resolve()
    for source, json_rel in reports:
        path = (root / json_rel).resolve()
        if not path.is_relative_to(root):  # an index is a file anyone can edit: stay inside OUT_DIR
            skipped.append(say("ledger.err.skipped", error=say("ledger.err.outside", path=json_rel)))
            continue
        try:
            summary = load_summary(path)
        except InputError as exc:  # a JSON damaged or removed since the run: say so, go on with the rest
            skipped.append(say("ledger.err.skipped", error=exc))
            continue
        yield Entry(summary, source)


def write_archive_ledger(
    out_dir: Path, fmt: str, *, output: Path | None = None, table: Table = PROBLEMS
) -> ArchiveLedger:
    """ledger.xlsx (or the CSVs) in OUT_DIR, or the one file `output` names (for CSV, `table`)."""
    if output is not None:
        target = _target(output)
        paths = {"": target} if fmt == "xlsx" else {table.name: target}
    else:
        paths = default_paths(out_dir, fmt)
    reports = archive_reports(out_dir)
    skipped: list[str] = []
    entries = iter_entries(out_dir, reports, skipped)
    try:
        if fmt == "xlsx":
            written = write_xlsx(entries, paths[""], context=True)
        else:
            written = write_csvs(entries, paths, context=True)
    except OSError as exc:
        raise OutputError(
            say("ledger.err.write", path=output or out_dir, error=exc.strerror or exc)
        ) from None
    tables = [t.name for t in TABLES] if fmt == "xlsx" else list(paths)
    return ArchiveLedger(list(paths.values()), tables, written, skipped)


def describe(done: ArchiveLedger) -> str:
    """What a user reads after a ledger is written: each summary left out, then where the ledger is
    and how many rows each table has."""
    tables = [
        say("ledger.table_rows", table=t.title, rows=done.written.rows[t.name])
        for t in TABLES
        if t.name in done.tables
    ]
    wrote = say(
        "ledger.wrote",
        paths=say("ledger.list.sep").join(str(p) for p in done.paths),
        reports=done.written.reports,
        tables=say("ledger.list.sep").join(tables),
    )
    return "\n".join([*done.skipped, wrote])


def _target(output: Path) -> Path:
    """The file -o names: a symlink is written through (the link stays), a folder or device refused."""
    target = Path(os.path.realpath(output))
    if target.exists() and not target.is_file():
        raise OutputError(say("ledger.err.write", path=output, error=say("ledger.err.not_a_file")))
    return target
