"""Rules-engine throughput: the seeds repeated to N reports, one process and then all cores.

    python bench/bench_rules.py [--reports 1000]

Prints reports/s and peak RSS (ru_maxrss of this process and of the pool's workers).
"""

from __future__ import annotations

import argparse
import os
import resource
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from summarise.ingest import from_bytes
from summarise.pipeline import Pipeline
from summarise.settings import Settings

SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))


_PIPELINE = Pipeline(Settings(engine="rules"))


def _one(data: bytes) -> int:
    return _PIPELINE.summarise(from_bytes(data, name="bench")).problem_count()


def _peak_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reports", type=int, default=1000)
    args = parser.parse_args()
    blobs = [p.read_bytes() for p in SEEDS]
    work = [blobs[i % len(blobs)] for i in range(args.reports)]
    chars = sum(len(b.decode("utf-8")) for b in work)

    t0 = time.perf_counter()
    problems = sum(_one(b) for b in work)
    single = time.perf_counter() - t0
    print(
        f"1 process : {args.reports} reports ({chars / 1e6:.1f}M chars, {problems} problems) in {single:.2f}s "
        f"= {args.reports / single:.0f} reports/s; peak RSS {_peak_mb(resource.RUSAGE_SELF):.0f} MB"
    )

    cores = os.cpu_count() or 1
    t0 = time.perf_counter()
    with ProcessPoolExecutor(cores) as pool:
        problems_pool = sum(pool.map(_one, work, chunksize=16))
    multi = time.perf_counter() - t0
    assert problems_pool == problems
    print(
        f"{cores} processes: {args.reports} reports in {multi:.2f}s = {args.reports / multi:.0f} reports/s; "
        f"peak worker RSS {_peak_mb(resource.RUSAGE_CHILDREN):.0f} MB"
    )


if __name__ == "__main__":
    main()
