"""The bulk ledger's xlsx writer, chosen by speed: xlsxwriter (constant_memory) against openpyxl
(write_only), on the ledger of 2,000 reports, side by side in one run.

Run: python bench/bench_ledger.py [--reports 500 2000] [--repeat 3]

The reports are the seeds and their surface variants (tests/variants.py: full-width punctuation,
other numbering, indentation, page chrome, stray spaces, CRLF) summarised by the rules engine, then
replicated under distinct source paths up to the count; summarising is not timed. Each writer runs
in a fresh process; its peak memory is what Python allocated while writing (tracemalloc, in a run
of its own, untimed), so a writer that holds rows shows it and one that streams stays flat. Both writers fill the same three sheets through the same ledger rows, with the
same header, column widths and formula-safe cells, so the only difference is the library. The CSV
ledger (the standard library) is timed alongside for reference.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from summarise.api import summarise_document  # noqa: E402
from summarise.cells import clean_text, is_formula_like  # noqa: E402
from summarise.ingest import from_bytes  # noqa: E402
from summarise.ledger import PROBLEMS, TABLES, Entry, Row, Table  # noqa: E402
from summarise.ledger_write import XlsxSink, fill, write_csvs  # noqa: E402
from summarise.models import ReportSummary  # noqa: E402

SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
WRITERS = ("xlsxwriter", "openpyxl", "csv")


class OpenpyxlSink:
    """The same workbook as XlsxSink, written with openpyxl's write-only (streaming) mode."""

    def __init__(self, target: Path, *, context: bool) -> None:
        from openpyxl import Workbook
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Alignment, Font, PatternFill

        self.Cell = WriteOnlyCell
        self.book = Workbook(write_only=True)
        self.target = target
        self.wrap = Alignment(wrap_text=True, vertical="top")
        self.sheets: dict[str, Any] = {}
        bold, fill_ = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
        for table in TABLES:
            sheet = self.book.create_sheet(table.title)
            for n, width in enumerate(table.widths(context=context)):
                sheet.column_dimensions[_column(n)].width = width
            sheet.freeze_panes = "A2"
            header = []
            for text in table.headers(context=context):
                cell = WriteOnlyCell(sheet, value=text)
                cell.font, cell.fill = bold, fill_
                header.append(cell)
            sheet.append(header)
            self.sheets[table.name] = sheet

    def add(self, table: Table, row: Row) -> None:
        sheet = self.sheets[table.name]
        cells = []
        for value in row:
            if isinstance(value, str):
                text = clean_text(value)
                cell = self.Cell(sheet, value=text)
                cell.data_type = "s"  # openpyxl reads a leading = as a formula; report text is not one
                cell.alignment = self.wrap
                if is_formula_like(text):
                    cell.quotePrefix = True
                cells.append(cell)
            else:
                cells.append(value)
        sheet.append(cells)

    def close(self) -> None:
        self.book.save(self.target)


def _column(n: int) -> str:
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(n + 1))


def summaries() -> list[ReportSummary]:
    from variants import TEXT_VARIANTS

    out = []
    for seed in SEEDS:
        text = seed.read_text("utf-8")
        for name, variant in {"original": lambda t: t, **TEXT_VARIANTS}.items():
            doc = from_bytes(variant(text).encode("utf-8"), name=f"{seed.stem}-{name}.txt")
            out.append(summarise_document(doc))
    return out


def entries(pool: list[ReportSummary], count: int) -> Iterator[Entry]:
    """`count` reports cycled from the pool, each under its own source path, made as they are read."""
    for n in range(count):
        summary = pool[n % len(pool)]
        yield Entry(summary, f"{2000 + n % 25}/{n:05d}_{Path(summary.source.path or 'x').name}")


def child(writer: str, count: int, pool_file: str, measure: str) -> dict[str, float]:
    pool = [
        ReportSummary.model_validate_json(line) for line in Path(pool_file).read_text("utf-8").splitlines()
    ]
    if measure == "memory":  # a run of its own: tracing allocations slows the writers down
        tracemalloc.start()
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        if writer == "csv":
            paths = {t.name: Path(tmp) / f"{t.name}.csv" for t in TABLES}
            written = write_csvs(entries(pool, count), paths, context=True)
        else:
            target = Path(tmp) / "ledger.xlsx"
            sink = (
                XlsxSink(target, context=True)
                if writer == "xlsxwriter"
                else OpenpyxlSink(target, context=True)
            )
            written = fill(sink, entries(pool, count), context=True)
        seconds = time.perf_counter() - started
        size = sum(p.stat().st_size for p in Path(tmp).iterdir())
    peak = tracemalloc.get_traced_memory()[1] if measure == "memory" else 0
    return {
        "seconds": seconds,
        "rows": float(sum(written.rows.values())),
        "problems": float(written.rows[PROBLEMS.name]),
        "peak_mib": peak / 2**20,
        "size_mib": size / 2**20,
        "pool": float(len(pool)),
    }


def run(writer: str, count: int, pool_file: Path, measure: str = "time") -> dict[str, float]:
    command = [sys.executable, __file__, "--child", writer, str(count), str(pool_file), measure]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--reports", type=int, nargs="+", default=[500, 2000])
    parser.add_argument("--repeat", type=int, default=3, help="runs per writer and size; the median is shown")
    parser.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child[0], int(args.child[1]), args.child[2], args.child[3])))
        return
    # Summarised once here; each child only loads them (one JSON a line), then times its writer.
    pool_file = Path(tempfile.mkstemp(prefix="bench-ledger-", suffix=".jsonl")[1])
    pool_file.write_text("".join(s.model_dump_json() + "\n" for s in summaries()), "utf-8")
    print(f"{'reports':>8} {'writer':<11} {'seconds':>8} {'rows/s':>9} {'peak MiB':>9} {'file MiB':>9}  rows")
    for count in args.reports:
        medians: dict[str, float] = {}
        for writer in WRITERS:
            runs = [run(writer, count, pool_file) for _ in range(args.repeat)]
            seconds = statistics.median(r["seconds"] for r in runs)
            peak = run(writer, count, pool_file, "memory")["peak_mib"]
            first = runs[0]
            medians[writer] = seconds
            print(
                f"{count:>8} {writer:<11} {seconds:>8.2f} {first['rows'] / seconds:>9,.0f} {peak:>9.1f}"
                f" {first['size_mib']:>9.1f}  {first['rows']:,.0f} ({first['problems']:,.0f} problems,"
                f" {first['pool']:.0f} distinct summaries)"
            )
        ratio = medians["openpyxl"] / medians["xlsxwriter"]
        print(f"{count:>8} openpyxl / xlsxwriter time: {ratio:.2f}x")
    pool_file.unlink()


if __name__ == "__main__":
    main()
