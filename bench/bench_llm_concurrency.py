"""LLM-engine concurrency against the local stub with a fixed latency per call.

    python bench/bench_llm_concurrency.py [--latency 0.3] [--concurrency 1 4 16]

The stub runs in its own process (as a real endpoint would, so its work does not share our GIL). The
five seeds are summarised together in one event loop under one limit on calls in flight (the way the
bulk runner calls `asummarise`), with an empty cache each time. Prints the wall time next to the
ideal, calls × latency / concurrency, and their ratio.
"""

from __future__ import annotations

import argparse
import asyncio
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the stub lives in the test tree

from summarise.ingest import read_path  # noqa: E402
from summarise.llm import LLMEngine  # noqa: E402
from summarise.settings import Settings  # noqa: E402

SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


async def _all(engine: LLMEngine) -> int:
    docs = [read_path(seed) for seed in SEEDS]
    summaries = await asyncio.gather(*(engine.asummarise(doc) for doc in docs))
    await engine.aclose()
    return sum(s.engine.usage["http_requests"] for s in summaries)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--latency", type=float, default=0.3)
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 4, 16])
    args = parser.parse_args()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [
        sys.executable,
        "-m",
        "tests.llm.stub_server",
        "--port",
        str(port),
        "--latency",
        str(args.latency),
    ]
    stub = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert stub.stdout is not None
    stub.stdout.readline()  # "stub … on http://…": it is listening
    base_url = f"http://127.0.0.1:{port}/v1"
    started = time.perf_counter()
    import instructor  # noqa: F401
    import openai

    # openai builds its resource classes on first use; pay that once, outside the timings.
    _ = openai.AsyncOpenAI(base_url=base_url, api_key="bench-dummy").chat.completions
    print(f"one-time import of openai + instructor: {time.perf_counter() - started:.2f} s")
    print(f"stub latency {args.latency:.2f} s per call; {len(SEEDS)} seeds in one event loop")
    print(f"{'concurrency':>11} {'calls':>6} {'wall s':>8} {'ideal s':>8} {'wall/ideal':>10}")
    try:
        for concurrency in args.concurrency:
            with tempfile.TemporaryDirectory() as cache:
                settings = Settings(
                    engine="llm",
                    base_url=base_url,
                    api_key="bench-dummy",
                    model="stub-model",
                    concurrency=concurrency,
                    cache_dir=Path(cache),
                )
                engine = LLMEngine(settings)
                started = time.perf_counter()
                calls = asyncio.run(_all(engine))
                wall = time.perf_counter() - started
            ideal = calls * args.latency / concurrency
            print(
                f"{concurrency:>11} {calls:>6} {wall:>8.2f} {ideal:>8.2f} {(wall / ideal if ideal else float('inf')):>10.2f}"
            )
    finally:
        stub.terminate()
        stub.wait()


if __name__ == "__main__":
    main()
