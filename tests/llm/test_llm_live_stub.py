"""What a cassette cannot hold, against the stub itself on loopback (every other host stays blocked).

vcrpy records responses; a request that never got one (a timeout, a refused connection) leaves nothing
to replay, and concurrency is a property of timing. These tests talk to a real server on 127.0.0.1,
with mini.txt packed into the four chunks of test_llm_faults (FAULT_CHUNK_TOKENS).
"""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pytest
from pytest_socket import socket_allow_hosts

from summarise.errors import ConfigError
from summarise.ingest import read_path
from summarise.llm import LLMEngine
from summarise.pipeline import Pipeline
from summarise.settings import Settings

from .conftest import DUMMY_KEY, MINI, Target
from .stub_server import Fault, StubServer
from .test_llm_faults import FAULT_CHUNK_TOKENS, KEPT, LLM_A1, codes, measure_texts, run


def test_timeout_is_retried(live_stub: StubServer, tmp_path: Path) -> None:
    target = Target(live_stub.base_url, "stub-model", "json", DUMMY_KEY, True, live_stub)
    started = time.monotonic()
    summary = run(target, tmp_path, Fault("slow", when="A1.1", delay=1.0), timeout=0.3)
    assert summary.engine.usage["retries"] == 1 and codes(summary) == [KEPT]
    assert measure_texts(summary, 0) == LLM_A1
    assert time.monotonic() - started < 5  # gave up after 0.3 s, did not wait out the slow answer


def test_nothing_listening_at_the_address_is_a_configuration_error_not_a_rules_summary(
    tmp_path: Path,
) -> None:
    socket_allow_hosts(["127.0.0.1"], allow_unix_socket=True)
    target = Target("http://127.0.0.1:9/v1", "stub-model", "json", DUMMY_KEY, True)  # port 9: nothing listens
    with pytest.raises(ConfigError, match=r"nothing accepts connections at http://127.0.0.1:9/v1"):
        run(target, tmp_path)


def engine_for(stub: StubServer, tmp_path: Path, concurrency: int, **extra: object) -> LLMEngine:
    """mini.txt's four-chunk split against a live stub; `extra` sets more Settings fields."""
    settings = Settings(
        engine="llm",
        base_url=stub.base_url,
        api_key=DUMMY_KEY,
        model="stub-model",
        concurrency=concurrency,
        cache_dir=tmp_path / "cache",
        chunk_tokens=FAULT_CHUNK_TOKENS,
        llm_overview=False,  # the overview call is tested in test_llm_overview.py
        **extra,  # type: ignore[arg-type]
    )
    return LLMEngine(settings)


def test_calls_of_one_report_run_concurrently_up_to_the_limit(tmp_path: Path) -> None:
    stub = StubServer(0, latency=0.2).start()
    socket_allow_hosts(["127.0.0.1"], allow_unix_socket=True)
    try:
        summary = Pipeline(engine=engine_for(stub, tmp_path, concurrency=2)).summarise(read_path(MINI))
        assert summary.engine.usage["http_requests"] == 4
        assert stub.max_in_flight == 2  # four chunks, two at a time
    finally:
        stub.stop()


def test_many_reports_share_one_limit_in_one_event_loop(tmp_path: Path) -> None:
    stub = StubServer(0, latency=0.1).start()
    socket_allow_hosts(["127.0.0.1"], allow_unix_socket=True)
    doc = read_path(MINI)
    engine = engine_for(stub, tmp_path, concurrency=3)
    pipeline = Pipeline(engine=engine)

    async def bulk() -> list[int]:
        # The second copy would be answered from the cache; use no cache to make 8 calls.
        engine.cache.directory = None
        summaries = await asyncio.gather(pipeline.asummarise(doc), pipeline.asummarise(doc))
        await pipeline.aclose()
        return [s.engine.usage["http_requests"] for s in summaries]

    try:
        assert asyncio.run(bulk()) == [4, 4]
        assert stub.max_in_flight == 3  # eight calls, never more than three at once across both reports
    finally:
        stub.stop()


def test_one_engine_used_from_several_threads(tmp_path: Path) -> None:
    """A thread pool calling the sync API shares the engine, never a connection pool or event loop."""
    from concurrent.futures import ThreadPoolExecutor

    stub = StubServer(0, latency=0.05).start()
    socket_allow_hosts(["127.0.0.1"], allow_unix_socket=True)
    engine = engine_for(stub, tmp_path, concurrency=2)
    engine.cache.directory = None
    pipeline = Pipeline(engine=engine)
    try:
        with ThreadPoolExecutor(max_workers=3) as pool:
            summaries = list(pool.map(pipeline.summarise, [read_path(MINI)] * 3))
    finally:
        stub.stop()
    assert [s.engine.usage["http_requests"] for s in summaries] == [4, 4, 4]
    assert all(codes(s) == [KEPT] and measure_texts(s, 0) == LLM_A1 for s in summaries)
