"""The provider error table (summarise/llm/failures.py, TABLE): one test per row, and the time bounds.

Every row with an HTTP answer is replayed from cassettes/providers: the stub answered with that
provider's own status and body (tests/llm/stub_server.py, PROVIDER_ERRORS), and the test runs the CLI
on mini.txt (one chunk, one call at a time) and checks the reaction the row names: the exit code, the
number of requests, and the warning or the one-line message. Rows with no HTTP answer (a DNS failure,
a refused connection, a malformed URL, a timeout, a dropped connection) leave nothing to record; they
run live, against nothing or against the stub on loopback, as do the deadline and breaker tests.
"""

from __future__ import annotations

import json
import logging
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from pytest_socket import disable_socket, socket_allow_hosts
from typer.testing import CliRunner, Result

from summarise.errors import ConfigError, EngineError
from summarise.ingest import read_path
from summarise.llm import LLMEngine
from summarise.llm.config import LLMConfig
from summarise.llm.failures import MAX_SPLITS, TABLE, EndpointDown
from summarise.pipeline import Pipeline
from summarise.settings import Settings

from .conftest import DUMMY_KEY, MINI, Target
from .stub_server import PROVIDER_ERRORS, Fault, StubServer
from .test_llm_faults import FAULT_CHUNK_TOKENS, KEPT, LLM_A1, codes, measure_texts, run, warning

CASSETTE_GROUP = "providers"
runner = CliRunner()


@dataclass(frozen=True)
class Case:
    row: str  # the TABLE row
    fault: str  # what the stub answers
    expect: str = ""  # words the warning or the error line must hold
    times: int = 99  # how many requests get the fault


# One per TABLE row with an HTTP answer. `expect` is the provider's own words where the row passes
# them on, else the hint the row gives.
CASES = [
    Case("deepseek_risk", "deepseek_risk", "(HTTP 400: Content Exists Risk)"),
    Case("dashscope_inspection", "moderation", "Input data may contain inappropriate content."),
    Case("zhipu_unsafe", "zhipu_unsafe", "系统检测到输入或生成内容可能包含不安全或敏感内容"),
    Case("moonshot_high_risk", "moonshot_high_risk", "rejected because it was considered high risk"),
    Case("openai_content_filter", "azure_content_filter", "Azure OpenAI's content management policy"),
    Case("finish_filtered", "sensitive", "finish_reason=sensitive"),
    Case("refusal", "refusal", "the model refused: I'm sorry, I can't help with that request."),
    Case("finish_length", "length", "cut off at max_tokens=8192 (finish_reason=length)"),
    Case("zhipu_balance", "zhipu_balance", "(HTTP 429: 余额不足或无可用资源包,请充值。)"),
    Case("zhipu_account", "zhipu_locked", "(HTTP 429: 您的账户已被锁定,请联系客服解锁)"),
    Case(
        "dashscope_arrearage",
        "arrearage",
        "(HTTP 400: Access denied, please make sure your account is in good standing.)",
    ),
    Case(
        "dashscope_free_tier",
        "dashscope_free_tier",
        "(HTTP 403: The free tier of the model has been exhausted.",
    ),
    Case("deepseek_balance", "deepseek_balance", "(HTTP 402: Insufficient Balance)"),
    Case("openai_quota", "openai_quota", "(HTTP 429: You exceeded your current quota"),
    Case("moonshot_quota", "moonshot_suspended", "is suspended, please check your plan and billing details)"),
    Case("context_length", "openai_context", times=1),
    Case("dashscope_input_length", "dashscope_input_length", times=1),
    Case("zhipu_prompt_long", "zhipu_prompt_long", times=1),
    Case("moonshot_token_limit", "moonshot_token_limit", times=1),
    Case("llamacpp_context", "llamacpp_context", times=1),
    Case("too_large", "proxy_too_large", times=1),
    Case("unknown_model", "zhipu_no_model", "(HTTP 400: 模型不存在,请检查模型代码。); check --model"),
    Case(
        "output_mode",
        "openai_response_format",
        "does not take --mode json: try --mode tools or --mode json_schema",
    ),
    Case("max_tokens", "deepseek_max_tokens", "max_tokens is [1, 8192]); set SUMMARISE_MAX_TOKENS to what"),
    Case("temperature", "openai_temperature", "'temperature' does not support 0.0"),
    Case("key", "auth", "rejected the API key (HTTP 401); check OPENAI_API_KEY"),
    Case("forbidden", "openai_no_access", "(HTTP 403: Project `proj_stub` does not have access to model"),
    Case("not_found", "openai_no_model", "check --model and that --base-url ends with /v1"),
    Case("rate_limit", "rate_limit", "HTTP 429 from"),
    Case("server", "server_error", "HTTP 500 from"),
    Case("request_other", "deepseek_format", "missing field `content`"),
]
LIVE_ROWS = {"dns", "refused_connection", "malformed_url", "timeout", "connection"}  # tested below
ROW = {row.name: row for row in TABLE}
FALLBACK_CODE = {"refused": "llm_refused", "truncated": "llm_truncated"}


def test_every_row_of_the_table_has_a_test() -> None:
    assert sorted([c.row for c in CASES] + sorted(LIVE_ROWS)) == sorted(ROW)
    assert len({c.row for c in CASES}) == len(CASES)
    # Each fault is the stub's copy of what a provider sends, or one of its older generic faults.
    generic = {"moderation", "sensitive", "refusal", "length", "auth", "rate_limit", "server_error"}
    assert all(c.fault in PROVIDER_ERRORS or c.fault in generic for c in CASES)


def cli(
    target: Target, monkeypatch: pytest.MonkeyPatch, *faults: Fault, chunk_tokens: int | None = None
) -> Result:
    if target.stub is not None:
        target.stub.inject(*faults)
    monkeypatch.setenv("OPENAI_BASE_URL", target.base_url)
    monkeypatch.setenv("OPENAI_API_KEY", target.api_key)
    monkeypatch.setenv("SUMMARISE_MODEL", target.model)
    monkeypatch.setenv("SUMMARISE_MODE", target.mode)
    monkeypatch.setenv("SUMMARISE_CONCURRENCY", "1")
    if chunk_tokens:
        monkeypatch.setenv("SUMMARISE_CHUNK_TOKENS", str(chunk_tokens))
    return runner.invoke(app_(), ["report", str(MINI), "--engine", "llm", "--format", "json"])


def app_() -> Any:
    from summarise.cli import app

    return app


def requests_made(vcr: Any, target: Target) -> int:
    """HTTP requests the engine sent: counted by the stub when recording, by the cassette on replay."""
    return len(target.stub.seen) if target.stub is not None else int(vcr.play_count)


def stderr_lines(result: Result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.strip()]


@pytest.mark.vcr
@pytest.mark.parametrize("case", CASES, ids=[c.row for c in CASES])
def test_table_row(case: Case, target: Target, vcr: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    row = ROW[case.row]
    result = cli(target, monkeypatch, Fault(case.fault, times=case.times))
    sent = requests_made(vcr, target)
    if row.kind in ("account", "config", "request"):
        # Stop at once, no retries: exit 2 and one line, in the provider's words or with the fix.
        assert result.exit_code == 2, result.output
        assert sent == 1
        [line] = stderr_lines(result)
        assert line.startswith("summarise: error: ") and case.expect in line, line
        assert DUMMY_KEY not in result.output
    elif row.kind in FALLBACK_CODE:
        # That chunk falls back to the rules engine, named in a warning; nothing is retried.
        assert result.exit_code == 0, result.output
        assert sent == 1
        summary = json.loads(result.stdout)
        [fallback] = [w for w in summary["warnings"] if w["code"] == FALLBACK_CODE[row.kind]]
        assert case.expect in fallback["message"], fallback["message"]
        assert summary["engine"]["usage"]["fallback_chunks"] == ["C1"]
    elif row.kind == "context":
        # Split in two and asked again: one refused request, then one for each half; nothing falls back.
        assert result.exit_code == 0, result.output
        assert sent == 3
        usage = json.loads(result.stdout)["engine"]["usage"]
        assert usage["split_chunks"] == ["C1"] and usage["chunks"] == 2 and usage["fallback_chunks"] == []
    else:
        assert row.kind == "transient"
        # Retried (4 tries), then the report is an error: no call got through.
        assert result.exit_code == 1, result.output
        assert sent == 4
        assert stderr_lines(result)[-1].startswith("summarise: error: no call to ")
        assert case.expect in stderr_lines(result)[-1]


# -- the same rows in a report of four chunks: only the chunk that met the fault is the rules engine's --


@pytest.mark.vcr
def test_deepseek_refusing_one_chunk_leaves_the_others_to_the_model(
    target: Target, vcr: Any, tmp_path: Path
) -> None:
    summary = run(target, tmp_path, Fault("deepseek_risk", when="A2.1"))
    assert requests_made(vcr, target) == 4 and summary.engine.usage["retries"] == 0
    assert summary.engine.usage["fallback_chunks"] == ["C2"]
    assert codes(summary) == ["llm_refused"]  # A2.1's unquoted status fell back with C2: no KEPT
    assert "Content Exists Risk" in warning(summary, "llm_refused").message
    assert measure_texts(summary, 0) == LLM_A1


@pytest.mark.vcr
def test_an_account_error_on_a_later_chunk_stops_the_report_without_retrying(
    target: Target, vcr: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = cli(target, monkeypatch, Fault("zhipu_balance", when="A2.1"), chunk_tokens=FAULT_CHUNK_TOKENS)
    assert result.exit_code == 2 and requests_made(vcr, target) == 2  # C1 answered, C2 refused, C3 never sent
    assert stderr_lines(result) == [
        f"summarise: error: the account behind the API key cannot pay for calls at {target.base_url} "
        "(HTTP 429: 余额不足或无可用资源包,请充值。); top it up or check its plan, then run again"
    ]


@pytest.mark.vcr
def test_a_chunk_over_the_context_limit_is_asked_in_halves(target: Target, vcr: Any, tmp_path: Path) -> None:
    """A context limit by size: the whole report (one chunk) is over it, each half is under it."""
    summary = run(target, tmp_path, Fault("context_length", times=99, context=1300), chunk_tokens=16000)
    usage = summary.engine.usage
    assert requests_made(vcr, target) == 3 and usage["split_chunks"] == ["C1"]
    assert usage["fallback_chunks"] == [] and codes(summary) == [KEPT]
    assert measure_texts(summary, 0) == LLM_A1  # the model's answers, from the halves


# -- no HTTP answer: nothing to record -------------------------------------------------------------


def _settings(base_url: str, tmp_path: Path, **extra: Any) -> Settings:
    values: dict[str, Any] = {
        "engine": "llm",
        "base_url": base_url,
        "api_key": DUMMY_KEY,
        "model": "stub-model",
        "mode": "json",
        "concurrency": 1,
        "cache_dir": tmp_path / "cache",
        "chunk_tokens": FAULT_CHUNK_TOKENS,
        "llm_overview": False,  # the overview call is tested in test_llm_overview.py
        **extra,
    }
    return Settings(**values)


def _summarise(settings: Settings) -> Any:
    pipeline = Pipeline(settings)
    try:
        return pipeline.summarise(read_path(MINI))
    finally:
        pipeline.close()


def test_dns_failure_is_a_configuration_error_at_once(tmp_path: Path) -> None:
    # The name never resolves (.invalid, RFC 6761); were it to, connecting anywhere but loopback fails.
    socket_allow_hosts(["127.0.0.1"], allow_unix_socket=True)
    started = time.monotonic()
    with pytest.raises(
        ConfigError, match=r"cannot resolve llm\.nonexistent\.invalid, the host of --base-url"
    ):
        _summarise(_settings("http://llm.nonexistent.invalid/v1", tmp_path))
    assert time.monotonic() - started < 10  # no retries, no backoff


def test_refused_connection_is_a_configuration_error_at_once(tmp_path: Path) -> None:
    socket_allow_hosts(["127.0.0.1"], allow_unix_socket=True)
    engine = LLMEngine(_settings("http://127.0.0.1:9/v1", tmp_path))  # port 9: nothing listens
    with pytest.raises(ConfigError, match=r"nothing accepts connections at http://127\.0\.0\.1:9/v1"):
        Pipeline(engine=engine).summarise(read_path(MINI))
    assert engine.breaker.failures == 0  # not a retry, not a breaker count: a wrong address


@pytest.mark.parametrize(
    ("base_url", "why"),
    [
        ("api.deepseek.com/v1", "it needs http:// or https:// in front"),
        ("htp://api.deepseek.com/v1", "htp:// is not http:// or https://"),
        ("http://127.0.0.1:99999/v1", "has a port that is not a number"),
        ("http:///v1", "names no host"),
        ("http://api.deep seek.com/v1", "names no host"),
    ],
)
def test_malformed_base_url_is_a_configuration_error_before_any_call(
    base_url: str, why: str, tmp_path: Path
) -> None:
    disable_socket(allow_unix_socket=True)
    with pytest.raises(
        ConfigError, match=r"^--base-url .*\(e\.g\. https://api\.deepseek\.com/v1\)$"
    ) as caught:
        LLMEngine(_settings(base_url, tmp_path))
    assert why in str(caught.value)


def test_malformed_base_url_through_the_cli_is_exit_2_with_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    disable_socket(allow_unix_socket=True)
    monkeypatch.setenv("OPENAI_BASE_URL", "api.deepseek.com/v1")
    monkeypatch.setenv("OPENAI_API_KEY", DUMMY_KEY)
    result = runner.invoke(app_(), ["report", str(MINI), "--engine", "llm"])
    assert result.exit_code == 2
    assert stderr_lines(result) == [
        "summarise: error: --base-url 'api.deepseek.com/v1' is not a URL the client can call: it needs http:// or "
        "https:// in front; write it as https://host/v1 (e.g. https://api.deepseek.com/v1)"
    ]


def test_the_read_timeout_is_sized_to_max_tokens_unless_set() -> None:
    sized = LLMConfig.from_settings(_settings("http://127.0.0.1:1/v1", Path("unused")))
    assert (sized.read_timeout, sized.connect_timeout) == (30 + 8192 / 20, 10)
    small = LLMConfig.from_settings(_settings("http://127.0.0.1:1/v1", Path("unused"), max_tokens=2048))
    assert small.read_timeout == 30 + 2048 / 20
    fixed = LLMConfig.from_settings(
        Settings.resolve(engine="llm", base_url="http://h/v1", model="m", api_key="k")
    )
    assert fixed.report_deadline == 600 and fixed.down_after == 3
    with pytest.MonkeyPatch.context() as env:
        env.setenv("SUMMARISE_TIMEOUT", "45")
        env.setenv("SUMMARISE_REPORT_DEADLINE", "120")
        env.setenv("SUMMARISE_DOWN_AFTER", "5")
        resolved = LLMConfig.from_settings(
            Settings.resolve(engine="llm", base_url="http://h/v1", model="m", api_key="k")
        )
        assert (resolved.read_timeout, resolved.connect_timeout) == (45, 10)
        assert (resolved.report_deadline, resolved.down_after) == (120, 5)
        env.setenv("SUMMARISE_REPORT_DEADLINE", "0")
        with pytest.raises(ConfigError, match="SUMMARISE_REPORT_DEADLINE='0' must be more than 0 seconds"):
            Settings.resolve()


# -- a dead endpoint: the deadline and the circuit breaker ------------------------------------------


def test_an_endpoint_that_never_answers_ends_the_report_at_its_deadline(tmp_path: Path) -> None:
    """The call timeout (60 s here) is not what ends it: the report's deadline is."""
    stub = StubServer(0).start()
    socket_allow_hosts(["127.0.0.1"], allow_unix_socket=True)
    stub.inject(Fault("hang", times=99))
    settings = _settings(stub.base_url, tmp_path, timeout=60.0, report_deadline=1.5, concurrency=4)
    started = time.monotonic()
    try:
        with pytest.raises(
            EngineError, match=r"no call to .* succeeded: the report's deadline of 1\.5 s"
        ) as caught:
            _summarise(settings)
    finally:
        stub.stop()
    elapsed = time.monotonic() - started
    assert 1.5 <= elapsed < 3.5, elapsed
    assert len(stub.seen) == 4  # the four chunks, each sent once and never answered
    assert not isinstance(caught.value, EndpointDown)  # one slow report does not condemn the endpoint


def test_a_report_past_its_deadline_keeps_what_was_answered(tmp_path: Path) -> None:
    stub = StubServer(0).start()
    socket_allow_hosts(["127.0.0.1"], allow_unix_socket=True)
    stub.inject(Fault("hang", when="A2.1", times=99))
    settings = _settings(stub.base_url, tmp_path, timeout=60.0, report_deadline=1.0, concurrency=4)
    try:
        summary = _summarise(settings)
    finally:
        stub.stop()
    assert summary.engine.usage["fallback_chunks"] == ["C2"]
    assert (
        "llm_deadline" in codes(summary)
        and "SUMMARISE_REPORT_DEADLINE" in warning(summary, "llm_deadline").message
    )
    assert measure_texts(summary, 0) == LLM_A1


def test_the_breaker_opens_after_three_timeouts_and_no_further_call_is_sent(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    stub = StubServer(0).start()
    socket_allow_hosts(["127.0.0.1"], allow_unix_socket=True)
    stub.inject(Fault("hang", times=99))
    engine = LLMEngine(_settings(stub.base_url, tmp_path, timeout=0.2))
    pipeline = Pipeline(engine=engine)
    caplog.set_level(logging.WARNING, logger="summarise.llm")
    try:
        started = time.monotonic()
        with pytest.raises(
            EndpointDown, match=r"treated as down for the rest of this run \(3 calls in a row"
        ):
            pipeline.summarise(read_path(MINI))
        first = time.monotonic() - started
        assert len(stub.seen) == 3  # C1's first try and two retries; C2-C4 never sent
        assert engine.endpoint_down is not None and engine.breaker.open
        # The next report of the run makes no request at all and says so at once.
        started = time.monotonic()
        with pytest.raises(EndpointDown):
            pipeline.summarise(read_path(MINI))
        assert len(stub.seen) == 3 and time.monotonic() - started < 0.5
    finally:
        stub.stop()
    assert first < 3
    said = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert [m for m in said if "treated as down" in m] == [
        f"{stub.base_url} is treated as down for the rest of this run: 3 calls in a row got no answer; "
        f"the last: timed out waiting for {stub.base_url}"
    ]  # said once for the run, not once per chunk or per report


def test_a_server_that_goes_away_after_answering_is_retried_then_the_breaker_opens(tmp_path: Path) -> None:
    """Refused after an answer: the address is right, the server is gone; retried and counted, not exit 2."""
    stub = StubServer(0).start()
    socket_allow_hosts(["127.0.0.1"], allow_unix_socket=True)
    engine = LLMEngine(_settings(stub.base_url, tmp_path))
    engine.cache.directory = None
    pipeline = Pipeline(engine=engine)
    first = pipeline.summarise(read_path(MINI))
    assert first.engine.usage["fallback_chunks"] == []
    stub.stop()
    with pytest.raises(
        EndpointDown, match="3 calls in a row got no answer; the last: nothing accepts connections"
    ):
        pipeline.summarise(read_path(MINI))
    assert engine.breaker.answered and engine.breaker.failures == 3


@pytest.mark.parametrize(
    ("fault", "timeout"),
    [(Fault("slow", when="A1.1", times=2, delay=1.0), 0.3), (Fault("drop", when="A1.1", times=2), 60.0)],
    ids=["timeout", "connection"],
)
def test_a_timeout_or_dropped_connection_is_retried_and_an_answer_resets_the_count(
    fault: Fault, timeout: float, tmp_path: Path
) -> None:
    stub = StubServer(0).start()
    socket_allow_hosts(["127.0.0.1"], allow_unix_socket=True)
    stub.inject(fault)
    engine = LLMEngine(_settings(stub.base_url, tmp_path, timeout=timeout))
    try:
        summary = Pipeline(engine=engine).summarise(read_path(MINI))
    finally:
        stub.stop()
    # Two failures with no answer, then an answer: retried, below the breaker, and the count reset.
    assert summary.engine.usage["retries"] == 2 and summary.engine.usage["fallback_chunks"] == []
    assert len(stub.seen) == 6 and not engine.breaker.open and engine.breaker.failures == 0


def test_a_chunk_still_too_long_after_every_halving_falls_back(tmp_path: Path) -> None:
    stub = StubServer(0).start()
    socket_allow_hosts(["127.0.0.1"], allow_unix_socket=True)
    stub.inject(Fault("context_length", times=999, context=10))  # nothing fits
    try:
        summary = _summarise(_settings(stub.base_url, tmp_path, chunk_tokens=16000))
    finally:
        stub.stop()
    assert len(stub.seen) == 1 + 2 + 4 + 8 == 2 ** (MAX_SPLITS + 1) - 1
    assert set(codes(summary)) == {"llm_too_long"}
    assert "halved 3 times (at most 3), still too long" in warning(summary, "llm_too_long").message
