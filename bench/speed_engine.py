"""The rules engine's CPU per 10k characters, and as a ratio to its floor, measured side by side.

    python bench/speed_engine.py [--rounds 7]

The engine: decode the bytes, summarise (outline, rules, assembly, evidence check) and write the JSON.
The floor: decode the same bytes, one pass of a heading regex over the text and `json.dumps` of the
same summary, already made. Both run on the seeds and the real-world notices, interleaved round by
round in one process so that a noisy machine slows both alike; each figure is the best round.
"""

from __future__ import annotations

import argparse
import json
import re
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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    print(f"{len(texts())} texts")
    for what, measured, goal, met in rows(args.rounds):
        print(f"{what}: {measured} (goal {goal}) {'met' if met else 'NOT met'}")


if __name__ == "__main__":
    main()
