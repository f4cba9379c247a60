"""--rpm / --tpm and the provider's rate-limit headers: the limiter on a fake clock, then the engine
against the stub on loopback, which enforces a request limit and says so in OpenAI's headers."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pytest
from pytest_socket import socket_allow_hosts
from typer.testing import CliRunner

from summarise.cli import app
from summarise.errors import ConfigError
from summarise.ingest import read_path
from summarise.llm.ratelimit import RateLimiter, parse_reset
from summarise.pipeline import Pipeline
from summarise.settings import Settings

from .conftest import MINI
from .stub_server import StubServer
from .test_llm_live_stub import engine_for


class FakeTime:
    def __init__(self) -> None:
        self.now = 0.0
        self.slept: list[float] = []

    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def limiter(rpm: int | None = None, tpm: int | None = None) -> tuple[RateLimiter, FakeTime]:
    t = FakeTime()
    return RateLimiter(rpm, tpm, clock=t.clock, sleep=t.sleep), t


def test_rpm_spaces_calls_over_the_window() -> None:
    rates, t = limiter(rpm=2)

    async def go() -> list[float]:
        times = []
        for _ in range(5):
            await rates.acquire(10)
            times.append(t.now)
        return times

    assert asyncio.run(go()) == [0.0, 0.0, 60.0, 60.0, 120.0]


def test_tpm_waits_until_the_tokens_fit_and_counts_what_was_used() -> None:
    rates, t = limiter(tpm=100)

    async def go() -> list[float]:
        first = await rates.acquire(60)
        rates.settle(first, 30)  # the provider said 30: 70 left in the window
        await rates.acquire(60)
        at_second = t.now
        t.now = 10.0
        await rates.acquire(60)  # 90 used: waits until the first leaves the window at 60 s
        return [at_second, t.now]

    assert asyncio.run(go()) == [0.0, 60.0]


def test_a_call_larger_than_the_budget_goes_alone() -> None:
    rates, t = limiter(tpm=100)

    async def go() -> float:
        await rates.acquire(500)
        await rates.acquire(500)
        return t.now

    assert asyncio.run(go()) == 60.0


def test_headers_hold_every_call() -> None:
    rates, t = limiter()
    rates.observe({"X-RateLimit-Remaining-Requests": "0", "X-RateLimit-Reset-Requests": "1.5s"}, status=200)
    asyncio.run(rates.acquire(1))
    assert t.now == pytest.approx(1.5)
    rates.observe({"x-ratelimit-remaining-tokens": "0", "x-ratelimit-reset-tokens": "6m0s"})
    assert rates.hold_until == pytest.approx(1.5 + 120)  # capped: a header is not trusted beyond 2 min
    rates, t = limiter()
    rates.observe({"retry-after-ms": "250"}, status=429)
    rates.observe({"retry-after": "5"}, status=200)  # only a 429's retry-after holds the others
    asyncio.run(rates.acquire(1))
    assert t.now == pytest.approx(0.25)
    rates.observe({"x-ratelimit-remaining-requests": "7", "x-ratelimit-reset-requests": "9s"})
    assert rates.hold_until == pytest.approx(0.25)


@pytest.mark.parametrize(
    ("raw", "seconds"),
    [
        ("1s", 1.0),
        ("6m0s", 360.0),
        ("20ms", 0.02),
        ("1h2m3.5s", 3723.5),
        ("0.5", 0.5),
        ("soon", None),
        ("", None),
    ],
)
def test_parse_reset(raw: str, seconds: float | None) -> None:
    assert parse_reset(raw) == seconds


def test_settings_and_flags(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SUMMARISE_RPM", "30")
    assert Settings.resolve().rpm == 30 and Settings.resolve(rpm=5).rpm == 5
    monkeypatch.setenv("SUMMARISE_TPM", "0")
    with pytest.raises(ConfigError, match="SUMMARISE_TPM"):
        Settings.resolve()
    result = CliRunner().invoke(app, ["report", str(MINI), "--engine", "llm", "--rpm", "0"])
    assert result.exit_code == 2


def test_the_providers_headers_are_honoured(tmp_path: Path) -> None:
    """Two requests per second at the stub: its headers say when the third may go, so none is refused."""
    stub = StubServer(0).start()
    stub.rate_limit, stub.rate_window = 2, 1.0
    socket_allow_hosts(["127.0.0.1"], allow_unix_socket=True)
    try:
        started = time.monotonic()
        summary = Pipeline(engine=engine_for(stub, tmp_path, concurrency=1)).summarise(read_path(MINI))
        usage = summary.engine.usage
        assert usage["http_requests"] == 4 and usage["retries"] == 0 and not usage["fallback_chunks"]
        assert stub.refused == 0
        assert time.monotonic() - started >= 0.9  # the third call waited for the window
    finally:
        stub.stop()


def test_a_429_holds_the_calls_in_flight_too(tmp_path: Path) -> None:
    """Four at once against a limit of two: two are refused once, and wait out the retry-after."""
    stub = StubServer(0, latency=0.05).start()
    stub.rate_limit, stub.rate_window = 2, 1.0
    socket_allow_hosts(["127.0.0.1"], allow_unix_socket=True)
    try:
        summary = Pipeline(engine=engine_for(stub, tmp_path, concurrency=4)).summarise(read_path(MINI))
        usage = summary.engine.usage
        assert not usage["fallback_chunks"] and stub.refused == usage["retries"] <= 2
    finally:
        stub.stop()


def test_rpm_bounds_what_the_engine_sends(tmp_path: Path) -> None:
    stub = StubServer(0).start()
    stub.rate_limit, stub.rate_window = 1000, 1.0  # no limit to speak of: it only records arrivals
    socket_allow_hosts(["127.0.0.1"], allow_unix_socket=True)
    engine = engine_for(stub, tmp_path, concurrency=4, rpm=2)
    assert engine.rates.rpm == 2
    engine.rates.window = 1.0  # 2 per second instead of per minute, to keep the test short
    try:
        summary = Pipeline(engine=engine).summarise(read_path(MINI))
        assert summary.engine.usage["http_requests"] == 4
        arrivals = stub.arrivals
        # The limiter spaces the sends 1 s apart; arrivals at the server may skew by a few tens of ms
        # on a loaded machine (a first request that arrives late), so the bound leaves 0.1 s for it.
        assert len(arrivals) == 4 and arrivals[2] - arrivals[0] >= 0.9 and arrivals[3] - arrivals[1] >= 0.9
    finally:
        stub.stop()
