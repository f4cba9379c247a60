"""Throughput and peak memory of `summarise bulk` with the rules engine.

Builds synthetic archives of N distinct reports (the five seeds, each copy made distinct by trailing
newlines so it is summarised rather than deduplicated, 200 files per folder), then runs the real
command in a subprocess for each size and worker count, sampling the memory of the process tree from
/proc. A second run over the finished archive measures the resume path (every file unchanged).

    python bench/bench_bulk.py                      # 2,000 and 10,000 reports; 1 worker and all cores
    python bench/bench_bulk.py --sizes 500 --workers 2

Peak memory: `main` is the main process's high-water mark (VmHWM), `worker` the largest worker's,
`tree` the largest sum of resident memory across all processes at one sample. Flat in N is the claim.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
PER_FOLDER = 200


def build_archive(root: Path, count: int) -> int:
    """Write `count` distinct reports; returns their total size in bytes."""
    texts = [s.read_text("utf-8") for s in SEEDS]
    size = 0
    for n in range(count):
        seed = n % len(texts)
        data = (texts[seed] + "\n" * (n // len(texts) + 1)).encode("utf-8")
        path = root / f"batch-{n // PER_FOLDER:03d}" / f"{SEEDS[seed].stem}-{n:05d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        size += len(data)
    return size


@dataclass
class Memory:
    main_kb: int = 0
    worker_kb: int = 0
    tree_kb: int = 0


def _status_kb(pid: int, field: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


def _descendants(root: int) -> list[int]:
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            parents[int(stat.parent.name)] = int(fields[1])
        except (OSError, ValueError, IndexError):
            continue
    found, frontier = [], [root]
    while frontier:
        pid = frontier.pop()
        kids = [p for p, pp in parents.items() if pp == pid]
        found += kids
        frontier += kids
    return found


def sample(proc: subprocess.Popen[bytes], memory: Memory, stop: threading.Event) -> None:
    while not stop.is_set() and proc.poll() is None:
        memory.main_kb = max(memory.main_kb, _status_kb(proc.pid, "VmHWM"))
        kids = _descendants(proc.pid)
        for pid in kids:
            memory.worker_kb = max(memory.worker_kb, _status_kb(pid, "VmHWM"))
        tree = _status_kb(proc.pid, "VmRSS") + sum(_status_kb(pid, "VmRSS") for pid in kids)
        memory.tree_kb = max(memory.tree_kb, tree)
        time.sleep(0.1)


@dataclass
class Result:
    seconds: float
    memory: Memory
    tally: str


def run(in_dir: Path, out_dir: Path, workers: int, cpus: Sequence[int] | None = None) -> Result:
    """One `summarise bulk` in a subprocess; `cpus` pins it (and the workers it starts) to those CPUs."""
    env = dict(os.environ, SUMMARISE_ENGINE="rules", SUMMARISE_LANG="en")  # the tally line is parsed
    cmd = [
        sys.executable,
        "-m",
        "summarise",
        "bulk",
        str(in_dir),
        "-o",
        str(out_dir),
        "--workers",
        str(workers),
    ]
    memory, stop = Memory(), threading.Event()
    started = time.perf_counter()
    pin = (lambda: os.sched_setaffinity(0, cpus)) if cpus else None
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, preexec_fn=pin)
    sampler = threading.Thread(target=sample, args=(proc, memory, stop), daemon=True)
    sampler.start()
    _, stderr = proc.communicate()
    seconds = time.perf_counter() - started
    stop.set()
    sampler.join()
    text = stderr.decode("utf-8", "replace")
    if proc.returncode != 0:
        raise SystemExit(f"bulk failed ({proc.returncode}):\n{text}")
    tally = re.findall(r"^bulk: (\d+ files, .*)$", text, re.M)
    return Result(seconds, memory, tally[-1] if tally else "?")


def mb(kb: int) -> str:
    return f"{kb / 1024:.0f} MB" if kb else "n/a"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 10000])
    parser.add_argument("--workers", type=int, nargs="+", default=None, help="default: 1 and all cores")
    parser.add_argument("--tmp", type=Path, default=None, help="where to build the archives")
    args = parser.parse_args()
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    worker_counts = args.workers or sorted({1, cores})
    if not Path("/proc/self/status").exists():
        print("note: no /proc here; memory figures are not available", file=sys.stderr)

    print(f"summarise bulk, rules engine; {cores} cores; Python {sys.version.split()[0]}")
    header = (
        f"{'reports':>8} {'workers':>7} {'seconds':>8} {'reports/s':>9} {'main':>7} {'worker':>7} {'tree':>7}"
    )
    print(header + "   rerun (all unchanged)")
    for size in args.sizes:
        if args.tmp:
            Path(args.tmp).mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=args.tmp, prefix="bench-bulk-") as tmp:
            in_dir = Path(tmp) / "in"
            total = build_archive(in_dir, size)
            for workers in worker_counts:
                out_dir = Path(tmp) / f"out-{workers}"
                first = run(in_dir, out_dir, workers)
                again = run(in_dir, out_dir, workers)
                print(
                    f"{size:>8} {workers:>7} {first.seconds:>8.1f} {size / first.seconds:>9.1f}"
                    f" {mb(first.memory.main_kb):>7} {mb(first.memory.worker_kb):>7} {mb(first.memory.tree_kb):>7}"
                    f"   {again.seconds:.1f} s, {size / again.seconds:.0f} files/s",
                    flush=True,
                )
                json_bytes = sum(p.stat().st_size for p in out_dir.rglob("*.json"))
                index_bytes = sum(p.stat().st_size for p in out_dir.glob("index.sqlite*"))
                shutil.rmtree(out_dir)
            print(
                f"{'':>8} archive {total / 1e6:.0f} MB of text → JSON {json_bytes / 1e6:.0f} MB,"
                f" index.sqlite {index_bytes / 1e6:.0f} MB",
                flush=True,
            )


if __name__ == "__main__":
    main()
