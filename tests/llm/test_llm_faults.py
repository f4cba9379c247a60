"""Each fault kind, injected by the stub and replayed from cassettes/faults: the documented behaviour.

The report is tests/llm/fixtures/mini.txt: three chunks (A1, A2 and the rest R), called one at a time
so that a fault aimed at an entry id lands on one known call.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from summarise.errors import ConfigError
from summarise.evidence import check, iter_evidence
from summarise.ingest import read_path
from summarise.llm import LLMEngine
from summarise.models import ReportSummary
from summarise.rules import summarise_text
from summarise.settings import Settings

from .conftest import DUMMY_KEY, MINI, Sleeps, Target
from .stub_server import Fault

CASSETTE_GROUP = "faults"
pytestmark = pytest.mark.vcr


def run(target: Target, tmp_path: Path, *faults: Fault, timeout: float = 60.0) -> ReportSummary:
    if target.stub is not None:
        target.stub.inject(*faults)
    settings = Settings(
        engine="llm",
        base_url=target.base_url,
        api_key=target.api_key,
        model=target.model,
        mode=target.mode,
        concurrency=1,
        timeout=timeout,
        cache_dir=tmp_path / "cache",
    )
    return LLMEngine(settings).summarise(read_path(MINI))


def codes(summary: ReportSummary) -> list[str]:
    return [w.code for w in summary.warnings if w.code.startswith("llm_")]


def measure_texts(summary: ReportSummary, area: int) -> list[list[str]]:
    return [[m.text for m in item.measures] for item in summary.areas[area].items]


RULES = summarise_text(read_path(MINI))
LLM_A1 = [["落实第一议题制度", "制定中心组学习计划"], ["编制文旅融合三年行动方案", "新增A级旅游景区"]]
LLM_A2 = [["修订公务接待管理办法", "清查并清退不合规接待费用"], ["开展专项资金审计"]]


def test_happy_path_uses_the_models_answers(target: Target, tmp_path: Path) -> None:
    summary = run(target, tmp_path)
    assert codes(summary) == []
    assert measure_texts(summary, 0) == LLM_A1 and measure_texts(summary, 1) == LLM_A2
    assert summary.engine.usage["http_requests"] == 3 and summary.engine.usage["fallback_chunks"] == []
    assert summary.engine.model == "stub-model-20250101"  # the name the provider answered with
    assert check(summary) == [] and all(ev.verified for ev in iter_evidence(summary))


def test_rate_limit_is_retried_after_the_retry_after_delay(
    target: Target, tmp_path: Path, sleeps: Sleeps
) -> None:
    summary = run(target, tmp_path, Fault("rate_limit", when="A1.1", retry_after="2"))
    assert sleeps == [2.0]  # Retry-After honoured (the test's sleep only records it)
    assert summary.engine.usage["retries"] == 1 and summary.engine.usage["http_requests"] == 4
    assert codes(summary) == [] and measure_texts(summary, 0) == LLM_A1


def test_server_error_is_retried(target: Target, tmp_path: Path) -> None:
    summary = run(target, tmp_path, Fault("server_error", when="A2.1", times=2))
    assert summary.engine.usage["retries"] == 2 and summary.engine.usage["http_requests"] == 5
    assert codes(summary) == [] and measure_texts(summary, 1) == LLM_A2


def test_server_error_past_the_retry_limit_falls_back_for_that_chunk(target: Target, tmp_path: Path) -> None:
    summary = run(target, tmp_path, Fault("server_error", when="A2.1", times=4))
    assert summary.engine.usage["retries"] == 3 and summary.engine.usage["fallback_chunks"] == ["A2"]
    assert codes(summary) == ["llm_failed"]
    assert "HTTP 500" in summary.warnings[-1].message and "A2" in summary.warnings[-1].message
    assert summary.areas[1] == RULES.areas[1]  # the rules engine's result for the failed chunk
    assert measure_texts(summary, 0) == LLM_A1  # the other chunks are the model's


def test_malformed_json_is_reasked(target: Target, tmp_path: Path) -> None:
    summary = run(target, tmp_path, Fault("malformed", when="A1.1"))
    assert summary.engine.usage["reasks"] == 1 and summary.engine.usage["retries"] == 0
    assert codes(summary) == [] and measure_texts(summary, 0) == LLM_A1


def test_non_verbatim_quote_is_reasked_and_fixed(target: Target, tmp_path: Path) -> None:
    summary = run(target, tmp_path, Fault("misquote", when="A1.1", times=1))
    assert summary.engine.usage["reasks"] == 1
    assert codes(summary) == []
    assert all(ev.verified for ev in iter_evidence(summary)) and check(summary) == []
    assert (
        summary.areas[0].items[0].measures[0].evidence.quote
        == "严格落实“第一议题”制度,2024年开展集中学习24次"
    )


def test_non_verbatim_quote_after_all_reasks_is_kept_unverified(target: Target, tmp_path: Path) -> None:
    summary = run(target, tmp_path, Fault("misquote", when="A1.1", times=3))
    assert summary.engine.usage["reasks"] == 2  # capped
    measure = summary.areas[0].items[0].measures[0]
    assert measure.text == "落实第一议题制度" and not measure.evidence.verified
    # The model's words are kept and flagged, never passed off as the report's.
    assert measure.evidence.quote.startswith("据悉")
    assert codes(summary) == ["llm_unverified_quote"]
    assert check(summary) == []  # no verified evidence is false
    assert [ev for ev in iter_evidence(summary) if ev.quote.startswith("据悉") and ev.verified] == []


def test_truncated_answer_fails_fast_and_falls_back(target: Target, tmp_path: Path) -> None:
    summary = run(target, tmp_path, Fault("length", when="A2.1"))
    usage = summary.engine.usage
    assert usage["http_requests"] == 3 and usage["retries"] == 0 and usage["reasks"] == 0  # no second try
    assert codes(summary) == ["llm_truncated"]
    assert "finish_reason=length" in summary.warnings[-1].message
    assert summary.areas[1] == RULES.areas[1] and measure_texts(summary, 0) == LLM_A1
    assert usage["completion_tokens"] > 0  # the truncated answer's tokens are still counted


def test_moderation_refusal_falls_back_to_rules_for_that_chunk(target: Target, tmp_path: Path) -> None:
    summary = run(target, tmp_path, Fault("moderation", when="O1"))
    assert summary.engine.usage["retries"] == 0 and summary.engine.usage["fallback_chunks"] == ["R"]
    assert codes(summary) == ["llm_refused"]
    assert "content check" in summary.warnings[-1].message
    assert summary.organisation == RULES.organisation and summary.next_steps == RULES.next_steps
    assert measure_texts(summary, 0) == LLM_A1 and measure_texts(summary, 1) == LLM_A2


def test_sensitive_finish_reason_falls_back_to_rules(target: Target, tmp_path: Path) -> None:
    summary = run(target, tmp_path, Fault("sensitive", when="A1.1"))
    assert codes(summary) == ["llm_refused"] and summary.engine.usage["reasks"] == 0
    assert summary.areas[0] == RULES.areas[0] and measure_texts(summary, 1) == LLM_A2


def test_rejected_key_stops_the_report_with_a_config_error(target: Target, tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="rejected the API key") as caught:
        run(target, tmp_path, Fault("auth", times=99))
    assert DUMMY_KEY not in str(caught.value)
