"""The speed table: the rules engine, bulk runs and start-up, each row measured side by side in one run.

    .venv/bin/python bench/bench_speed.py [--only engine,bulk,startup]

Each part lives in its own module with a `rows()` function giving (what, measured, goal, met):
bench/speed_engine.py (engine CPU per 10k characters and its ratio to a floor), bench/speed_bulk.py
(bulk against the in-process engine, output bytes, throughput on 1 and 2 cores, peak memory) and
bench/speed_startup.py (`--version` against `python -c pass`, `report -f json` wall time). A part
whose module is missing or fails is named in a note under the table, and the rest is printed.
"""

from __future__ import annotations

import argparse
import importlib
import inspect
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

Row = tuple[str, str, str, bool]
PARTS = {"engine": "speed_engine", "bulk": "speed_bulk", "startup": "speed_startup"}


def _rows_of(module_name: str, sizes: tuple[int, ...] | None = None) -> tuple[list[Row], str | None]:
    """The part's rows, or none and why."""
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name != module_name:
            raise
        return [], f"bench/{module_name}.py is not there yet: its rows are left out"
    rows: Callable[[], list[Row]] | None = getattr(module, "rows", None)
    if rows is None:
        return [], f"bench/{module_name}.py has no rows(): its rows are left out"
    kwargs = {"sizes": sizes} if sizes is not None and "sizes" in inspect.signature(rows).parameters else {}
    try:
        return rows(**kwargs), None
    except Exception:  # one part failing must not hide the others' figures
        last = traceback.format_exc().strip().splitlines()[-1]
        return [], f"bench/{module_name}.py failed ({last}): its rows are left out"


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--only", default=",".join(PARTS), help="parts to measure, comma-separated")
    parser.add_argument(
        "--bulk-sizes",
        help="archive sizes for the bulk throughput and memory rows, comma-separated (its default: 2000,10000)",
    )
    args = parser.parse_args()
    wanted = [p.strip() for p in args.only.split(",") if p.strip()]
    sizes = tuple(int(n) for n in args.bulk_sizes.split(",")) if args.bulk_sizes else None
    unknown = [p for p in wanted if p not in PARTS]
    if unknown:
        parser.error(f"unknown part(s) {', '.join(unknown)}; choose from {', '.join(PARTS)}")

    table: list[Row] = []
    notes: list[str] = []
    for part in wanted:
        started = time.perf_counter()
        rows, note = _rows_of(PARTS[part], sizes if part == "bulk" else None)
        table.extend(rows)
        if note:
            notes.append(note)
        print(f"[{part}: {time.perf_counter() - started:.0f} s]", file=sys.stderr)

    print("| what | measured | goal | met |")
    print("|---|---|---|---|")
    for what, measured, goal, met in table:
        print(f"| {what} | {measured} | {goal} | {'yes' if met else '**no**'} |")
    for note in notes:
        print(f"\nnote: {note}")
    missed = sum(1 for *_, met in table if not met)
    print(f"\n{len(table) - missed} of {len(table)} goals met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
