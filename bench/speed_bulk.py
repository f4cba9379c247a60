"""Bulk against the engine, and what bulk stores, measured side by side in one run (rules engine).

    python bench/speed_bulk.py            # 300 reports for the ratios; 2,000 and 10,000 for rate/memory
    python bench/speed_bulk.py --quick    # ratios only

`rows()` returns (what, measured, goal, met) for bench/bench_speed.py. The archive holds distinct
texts (each copy of a seed gets its own last line), so no text is stored once for several reports.
"""

from __future__ import annotations

import io
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_bulk import SEEDS, run  # noqa: E402

RATIO_REPORTS = 300
ROUNDS = 3


def build(root: Path, count: int) -> int:
    texts = [s.read_bytes() for s in SEEDS]
    size = 0
    for n in range(count):
        data = texts[n % len(texts)] + f"\n（存档编号 {n}）\n".encode()
        path = root / f"batch-{n // 200:03d}" / f"{SEEDS[n % len(texts)].stem}-{n:05d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        size += len(data)
    return size


def _ratios(tmp: Path) -> list[tuple[str, str, str, bool]]:
    from summarise.archive import BulkOptions, run_bulk
    from summarise.archive.progress import PlainReporter
    from summarise.ingest import from_bytes
    from summarise.pipeline import Pipeline
    from summarise.settings import Settings

    in_dir = tmp / "in"
    size = build(in_dir, RATIO_REPORTS)
    files = sorted(in_dir.rglob("*.txt"))
    pipeline = Pipeline(Settings())
    for f in files[:5]:  # warm up both sides alike
        pipeline.summarise(from_bytes(f.read_bytes(), name=f.name))
    # Alternated, best of ROUNDS for each side: on a shared machine one slow spell would otherwise land
    # on one side of the ratio only.
    engine = bulk = float("inf")
    for round_ in range(ROUNDS):
        started = time.process_time()
        for f in files:
            rel = f.relative_to(in_dir).as_posix()
            pipeline.summarise(from_bytes(f.read_bytes(), name=rel, path=rel))
        engine = min(engine, time.process_time() - started)
        out = tmp / f"out-{round_}"
        started = time.process_time()
        run_bulk(
            in_dir,
            out,
            Settings(cache_dir=tmp / "cache"),
            BulkOptions(workers=1),
            PlainReporter(io.StringIO()),
        )
        bulk = min(bulk, time.process_time() - started)
    stored = sum(p.stat().st_size for p in out.rglob("*.json")) + sum(
        p.stat().st_size for p in (out / "texts").rglob("*.gz")
    )
    json_only = sum(p.stat().st_size for p in out.rglob("*.json"))
    index = sum(p.stat().st_size for p in out.glob("index.sqlite*"))
    return [
        (
            "bulk CPU / in-process engine CPU, same reports",
            f"{bulk / engine:.2f}× ({bulk:.1f} s / {engine:.1f} s)",
            "≤ 1.2×",
            bulk / engine <= 1.2,
        ),
        (
            "stored summary bytes (JSON + texts/) / source bytes",
            f"{stored / size:.2f}× (JSON alone {json_only / size:.2f}×)",
            "≤ 2×",
            stored / size <= 2,
        ),
        ("index.sqlite bytes / source bytes", f"{index / size:.2f}×", "≤ 1.5×", index / size <= 1.5),
    ]


def _scale(tmp: Path, sizes: tuple[int, ...]) -> list[tuple[str, str, str, bool]]:
    """Reports/s on 1 and 2 cores (the process tree pinned to them, one worker a core) at the first size;
    peak memory of the whole tree at every size on the most cores, where it is largest. The larger sizes
    are not run on one core as well: memory is what they are for, and one core at 10,000 would take
    minutes to repeat a rate the first size already gives."""
    cpus = (
        sorted(os.sched_getaffinity(0))
        if hasattr(os, "sched_getaffinity")
        else list(range(os.cpu_count() or 1))
    )
    counts = sorted({1, min(2, len(cpus))})
    out: list[tuple[str, str, str, bool]] = []
    for size in sizes:
        in_dir = tmp / f"in-{size}"
        build(in_dir, size)
        for cores in counts if size == sizes[0] else counts[-1:]:
            target = tmp / f"out-{size}-{cores}"
            result = run(in_dir, target, cores, cpus[:cores])
            out.append(
                (
                    f"reports/s, {size:,} reports, {cores} core(s), --workers {cores}",
                    f"{size / result.seconds:.1f} ({result.seconds:.1f} s)",
                    "(informational)",
                    True,
                )
            )
            if cores == counts[-1]:
                memory = result.memory
                out.append(
                    (
                        f"peak memory, {size:,} reports, {cores} core(s)",
                        f"{memory.tree_kb / 1024:.0f} MB (main {memory.main_kb / 1024:.0f},"
                        f" worker {memory.worker_kb / 1024:.0f})",
                        "(informational)",
                        True,
                    )
                )
            shutil.rmtree(target)
        shutil.rmtree(in_dir)
    return out


def rows(sizes: tuple[int, ...] = (2000, 10000)) -> list[tuple[str, str, str, bool]]:
    return list(_rows(sizes))


def _rows(sizes: tuple[int, ...]) -> Iterator[tuple[str, str, str, bool]]:
    with tempfile.TemporaryDirectory(prefix="speed-bulk-") as name:
        tmp = Path(name)
        yield from _ratios(tmp)
        if sizes:
            yield from _scale(tmp, sizes)


def main() -> None:
    sizes: tuple[int, ...] = () if "--quick" in sys.argv else (2000, 10000)
    print(f"{'what':<55} {'measured':<34} {'goal':<16} met")
    for what, measured, goal, met in _rows(sizes):  # each part printed as soon as it is measured
        print(f"{what:<55} {measured:<34} {goal:<16} {'yes' if met else 'NO'}", flush=True)


if __name__ == "__main__":
    main()
