"""The rules engine's CPU per 10k characters, and as a ratio to its floor, measured side by side.

    python bench/speed_engine.py [--rounds 7]
    python bench/speed_engine.py --against OLD_TREE [--rounds 15]   # this tree and an older one

The engine: decode the bytes, summarise (outline, rules, assembly, evidence check) and write the JSON.
The floor: decode the same bytes, one pass of a heading regex over the text and `json.dumps` of the
same summary, already made. Both run on the seeds and the real-world notices, interleaved round by
round in one process so that a noisy machine slows both alike; each figure is the best round.

With --against, two processes (the code of this checkout and of OLD_TREE, e.g. a `git worktree` of
an earlier commit; the texts always from this checkout) take turns pass by pass, so that both see
the same load, and each prints its best and median pass.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from summarise.ingest import decode, from_bytes
from summarise.pipeline import Pipeline

ROOT = Path(__file__).resolve().parent.parent
GOAL_MS = 2.0
GOAL_RATIO = 2.5
# The numbering of headings in these notices (一、 (一) 1. (1) ①): what any reader of one must find.
_HEADING = re.compile(
    r"(?m)^\s*(?:[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十\d]{1,3}[)）]|\d{1,3}[.、．]|[①-⑳])"
)


def texts() -> list[tuple[str, bytes]]:
    paths = sorted((ROOT / "seeds").glob("*.txt")) + sorted((ROOT / "tests/realworld/notices").glob("*.txt"))
    return [(p.name, p.read_bytes()) for p in paths]


def _engine(pipeline: Pipeline, name: str, data: bytes) -> str:
    return pipeline.summarise(from_bytes(data, name=name, path=name)).model_dump_json()


def _floor(name: str, data: bytes, result: dict[str, Any]) -> str:
    text, _ = decode(data, name)
    sum(1 for _ in _HEADING.finditer(text))
    return json.dumps(result, ensure_ascii=False)


def measure(rounds: int = 7) -> tuple[float, float, int]:
    """(engine seconds, floor seconds, characters) for one pass over the texts, best of `rounds`."""
    corpus = texts()
    pipeline = Pipeline()
    results = [json.loads(_engine(pipeline, n, d)) for n, d in corpus]  # warm caches and imports
    chars = sum(len(r["source"]["text"]) for r in results)
    best_engine = best_floor = float("inf")
    for _ in range(rounds):
        t0 = time.process_time()
        for n, d in corpus:
            _engine(pipeline, n, d)
        t1 = time.process_time()
        for (n, d), r in zip(corpus, results, strict=True):
            _floor(n, d, r)
        t2 = time.process_time()
        best_engine, best_floor = min(best_engine, t1 - t0), min(best_floor, t2 - t1)
    return best_engine, best_floor, chars


def rows(rounds: int = 7) -> list[tuple[str, str, str, bool]]:
    engine, floor, chars = measure(rounds)
    per_10k = engine / chars * 10_000 * 1000
    ratio = engine / floor
    return [
        (
            "rules engine, CPU per 10k characters",
            f"{per_10k:.2f} ms",
            f"≤ {GOAL_MS:g} ms",
            per_10k <= GOAL_MS,
        ),
        (
            f"the same as a ratio to its floor ({floor / chars * 1e7:.2f} ms per 10k)",
            f"{ratio:.2f}×",
            f"≤ {GOAL_RATIO:g}×",
            ratio <= GOAL_RATIO,
        ),
    ]


def _serve() -> None:
    """One timed pass of the engine per line read: the child side of --against."""
    corpus = texts()
    pipeline = Pipeline()
    chars = sum(len(json.loads(_engine(pipeline, n, d))["source"]["text"]) for n, d in corpus)
    print(chars, flush=True)
    for _ in sys.stdin:
        t0 = time.process_time()
        for n, d in corpus:
            _engine(pipeline, n, d)
        print(time.process_time() - t0, flush=True)


def against(old: Path, rounds: int) -> None:
    trees = {"this tree": ROOT, str(old): old.resolve()}
    procs = {
        name: subprocess.Popen(
            [sys.executable, str(Path(__file__).resolve()), "--serve"],
            env={**os.environ, "PYTHONPATH": str(tree)},
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for name, tree in trees.items()
    }
    chars = {name: int(p.stdout.readline()) for name, p in procs.items()}  # type: ignore[union-attr]
    times: dict[str, list[float]] = {name: [] for name in procs}
    for i in range(rounds):
        order = list(procs) if i % 2 == 0 else list(reversed(procs))
        for name in order:
            p = procs[name]
            p.stdin.write("\n")  # type: ignore[union-attr]
            p.stdin.flush()  # type: ignore[union-attr]
            times[name].append(float(p.stdout.readline()))  # type: ignore[union-attr]
    for p in procs.values():
        p.stdin.close()  # type: ignore[union-attr]
        p.wait()
    for name, ts in times.items():
        scale = 10_000 * 1000 / chars[name]
        print(
            f"{name}: best {min(ts) * scale:.2f} ms, median {statistics.median(ts) * scale:.2f} ms per 10k chars"
        )
    new, old_name = times["this tree"], str(old)
    ratios = sorted(a / b for a, b in zip(new, times[old_name], strict=True))
    print(
        f"this tree / {old_name}: best {min(new) / min(times[old_name]):.3f}, "
        f"median of pass ratios {statistics.median(ratios):.3f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--against", type=Path, help="an older tree to measure side by side with this one")
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        _serve()
        return
    if args.against is not None:
        against(args.against, args.rounds)
        return
    print(f"{len(texts())} texts")
    for what, measured, goal, met in rows(args.rounds):
        print(f"{what}: {measured} (goal {goal}) {'met' if met else 'NOT met'}")


if __name__ == "__main__":
    main()
