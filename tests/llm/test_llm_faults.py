"""Each fault kind, injected by the stub and replayed from cassettes/faults: the documented behaviour.

The report is tests/llm/fixtures/mini.txt. By default it is one chunk; here it is packed to
FAULT_CHUNK_TOKENS estimated tokens, which makes four chunks called one at a time (C1 = area A1,
C2 = area A2, C3 = O1 O2 U1, C4 = N1 N2), so that a fault aimed at an entry id lands on one known
call and a chunk that falls back leaves the others the model's.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from summarise import skeleton
from summarise.errors import ConfigError
from summarise.evidence import check, iter_evidence
from summarise.ingest import read_path
from summarise.llm.chunking import plan
from summarise.models import ReportSummary, Warning
from summarise.pipeline import Pipeline, summarise_document
from summarise.settings import Settings

from .conftest import DUMMY_KEY, MINI, Sleeps, Target
from .stub_server import Fault

CASSETTE_GROUP = "faults"
pytestmark = pytest.mark.vcr
FAULT_CHUNK_TOKENS = 170
FAULT_CHUNKS = [["A1.1", "A1.2"], ["A2.1", "A2.2"], ["O1", "O2", "U1"], ["N1", "N2"]]
# The model's statuses come without the words that state them (the answer file has no status_quote),
# so the rules engine's statuses stay, said once per report.
KEPT = "llm_status_kept"


def run(
    target: Target,
    tmp_path: Path,
    *faults: Fault,
    timeout: float = 60.0,
    chunk_tokens: int = FAULT_CHUNK_TOKENS,
    path: Path = MINI,
) -> ReportSummary:
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
        chunk_tokens=chunk_tokens,
        llm_overview=False,  # the overview call is tested in test_llm_overview.py
    )
    pipeline = Pipeline(settings)
    try:
        return pipeline.summarise(read_path(path))
    finally:
        pipeline.close()


def codes(summary: ReportSummary) -> list[str]:
    return [w.code for w in summary.warnings if w.code.startswith("llm_")]


def warning(summary: ReportSummary, code: str) -> Warning:
    return next(w for w in summary.warnings if w.code == code)


def measure_texts(summary: ReportSummary, area: int) -> list[list[str]]:
    return [[m.text for m in item.measures] for item in summary.areas[area].items]


def statuses(summary: ReportSummary) -> list[str]:
    return [i.status.value for a in summary.areas for i in a.items] + [
        o.status.value for o in summary.outstanding
    ]


# The rules engine's summary, in English like every summary these tests make (conftest.english_messages).
RULES = summarise_document(read_path(MINI), Settings(lang="en"))
LLM_A1 = [["落实第一议题制度", "制定中心组学习计划"], ["编制文旅融合三年行动方案", "新增A级旅游景区"]]
LLM_A2 = [["修订公务接待管理办法", "清查并清退不合规接待费用"], ["开展专项资金审计"]]


def test_the_fault_report_is_one_chunk_per_area() -> None:
    """What every test below relies on; the default budget makes mini.txt a single chunk."""
    sk = skeleton.build(read_path(MINI))
    assert [[e.id for e in c.entries] for c in plan(sk, budget=FAULT_CHUNK_TOKENS)] == FAULT_CHUNKS
    assert len(plan(sk)) == 1
    # The model's measures differ from the rules engine's, so the tests below can tell whose they are.
    assert measure_texts(RULES, 0) != LLM_A1 and measure_texts(RULES, 1) != LLM_A2


def test_happy_path_uses_the_models_answers(target: Target, tmp_path: Path) -> None:
    summary = run(target, tmp_path)
    assert codes(summary) == [KEPT]
    assert measure_texts(summary, 0) == LLM_A1 and measure_texts(summary, 1) == LLM_A2
    usage = summary.engine.usage
    assert usage["chunks"] == usage["calls"] == usage["http_requests"] == 4 and usage["fallback_chunks"] == []
    assert summary.engine.model == "stub-model-20250101"  # the name the provider answered with
    assert check(summary) == [] and all(ev.verified for ev in iter_evidence(summary))
    items = [i for a in summary.areas for i in a.items]
    assert all(i.summary and i.summary_evidence and i.summary_evidence.verified for i in items)
    assert all(t.summary for t in summary.organisation + summary.next_steps)  # C3 and C4 answered too
    # "done" for A2.1 with no words saying so changes nothing: the statuses are the rules engine's.
    assert statuses(summary) == statuses(RULES)
    assert summary.areas[1].items[0].status.value == "unknown"


def test_rate_limit_is_retried_after_the_retry_after_delay(
    target: Target, tmp_path: Path, sleeps: Sleeps
) -> None:
    summary = run(target, tmp_path, Fault("rate_limit", when="A1.1", retry_after="2"))
    assert sleeps == [2.0]  # Retry-After honoured (the test's sleep only records it)
    assert summary.engine.usage["retries"] == 1 and summary.engine.usage["http_requests"] == 5
    assert codes(summary) == [KEPT] and measure_texts(summary, 0) == LLM_A1


def test_server_error_is_retried(target: Target, tmp_path: Path) -> None:
    summary = run(target, tmp_path, Fault("server_error", when="A2.1", times=2))
    assert summary.engine.usage["retries"] == 2 and summary.engine.usage["http_requests"] == 6
    assert codes(summary) == [KEPT] and measure_texts(summary, 1) == LLM_A2


def test_server_error_past_the_retry_limit_falls_back_for_that_chunk(target: Target, tmp_path: Path) -> None:
    summary = run(target, tmp_path, Fault("server_error", when="A2.1", times=4))
    assert summary.engine.usage["retries"] == 3 and summary.engine.usage["fallback_chunks"] == ["C2"]
    assert codes(summary) == ["llm_failed"]  # A2.1, the one unquoted status, fell back with C2
    failed = warning(summary, "llm_failed").message
    assert "HTTP 500" in failed and "C2" in failed
    assert summary.areas[1] == RULES.areas[1]  # the rules engine's result for the failed chunk
    assert measure_texts(summary, 0) == LLM_A1  # the other chunks are the model's


def test_malformed_json_is_reasked(target: Target, tmp_path: Path) -> None:
    summary = run(target, tmp_path, Fault("malformed", when="A1.1"))
    assert summary.engine.usage["reasks"] == 1 and summary.engine.usage["retries"] == 0
    assert codes(summary) == [KEPT] and measure_texts(summary, 0) == LLM_A1


def test_non_verbatim_quote_is_reasked_and_fixed(target: Target, tmp_path: Path) -> None:
    summary = run(target, tmp_path, Fault("misquote", when="A1.1", times=1))
    assert summary.engine.usage["reasks"] == 1
    assert codes(summary) == [KEPT]
    assert all(ev.verified for ev in iter_evidence(summary)) and check(summary) == []
    assert (
        summary.areas[0].items[0].measures[0].evidence.quote
        == "严格落实“第一议题”制度,2024年开展集中学习24次"
    )


def test_non_verbatim_quote_after_all_reasks_is_kept_unverified(target: Target, tmp_path: Path) -> None:
    summary = run(target, tmp_path, Fault("misquote", when="A1.1", times=5))
    assert summary.engine.usage["reasks"] == 1  # capped (SUMMARISE_MAX_REASKS, default 1)
    measure = summary.areas[0].items[0].measures[0]
    assert measure.text == "落实第一议题制度" and not measure.evidence.verified
    # The model's words are kept and flagged, never passed off as the report's.
    assert measure.evidence.quote.startswith("据悉")
    assert codes(summary) == ["llm_unverified_quote", KEPT]
    assert check(summary) == []  # no verified evidence is false
    assert [ev for ev in iter_evidence(summary) if ev.quote.startswith("据悉") and ev.verified] == []


def test_truncated_answer_fails_fast_and_falls_back(target: Target, tmp_path: Path) -> None:
    summary = run(target, tmp_path, Fault("length", when="A2.1"))
    usage = summary.engine.usage
    assert usage["http_requests"] == 4 and usage["retries"] == 0 and usage["reasks"] == 0  # no second try
    assert codes(summary) == ["llm_truncated"] and usage["fallback_chunks"] == ["C2"]
    assert "finish_reason=length" in warning(summary, "llm_truncated").message
    assert summary.areas[1] == RULES.areas[1] and measure_texts(summary, 0) == LLM_A1
    assert usage["completion_tokens"] > 0  # the truncated answer's tokens are still counted


def test_moderation_refusal_falls_back_to_rules_for_that_chunk(target: Target, tmp_path: Path) -> None:
    summary = run(target, tmp_path, Fault("moderation", when="O1"))
    assert summary.engine.usage["retries"] == 0 and summary.engine.usage["fallback_chunks"] == ["C3"]
    assert codes(summary) == ["llm_refused", KEPT]
    assert "content check" in warning(summary, "llm_refused").message
    # C3 (organisation and outstanding) is the rules engine's; C4 (next steps) is still the model's.
    assert summary.organisation == RULES.organisation and summary.outstanding == RULES.outstanding
    assert summary.next_steps != RULES.next_steps and all(t.summary for t in summary.next_steps)
    assert measure_texts(summary, 0) == LLM_A1 and measure_texts(summary, 1) == LLM_A2


def test_sensitive_finish_reason_falls_back_to_rules(target: Target, tmp_path: Path) -> None:
    summary = run(target, tmp_path, Fault("sensitive", when="A1.1"))
    assert codes(summary) == ["llm_refused", KEPT] and summary.engine.usage["reasks"] == 0
    assert summary.engine.usage["fallback_chunks"] == ["C1"]
    assert summary.areas[0] == RULES.areas[0] and measure_texts(summary, 1) == LLM_A2


def test_rejected_key_stops_the_report_with_a_config_error(target: Target, tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="rejected the API key") as caught:
        run(target, tmp_path, Fault("auth", times=99))
    assert DUMMY_KEY not in str(caught.value)
