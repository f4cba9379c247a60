"""The overview in the model's words: one more call a report, each sentence grounded or dropped.

Against the stub on loopback: it answers the overview call by writing each fact of the prompt as a
sentence quoting a clause of the notice's opening (stub_server.answer_overview), and its faults
reach that call with Fault(..., when="overview")."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from language import english_sentences

from summarise import i18n
from summarise.ingest import read_path
from summarise.models import ReportSummary
from summarise.overview import status_breakdown
from summarise.pipeline import Pipeline, summarise_document
from summarise.settings import Settings

from .conftest import DUMMY_KEY, MINI
from .stub_server import Fault, StubServer


def settings(stub: StubServer, tmp_path: Path, **extra: Any) -> Settings:
    values: dict[str, Any] = {
        "engine": "llm",
        "base_url": stub.base_url,
        "api_key": DUMMY_KEY,
        "model": "stub-model",
        "mode": "json",
        "concurrency": 1,
        "cache_dir": tmp_path / "cache",
        "lang": "zh",
        **extra,
    }
    return Settings(**values)


def summarise(stub: StubServer, tmp_path: Path, *faults: Fault, **extra: Any) -> ReportSummary:
    stub.inject(*faults)
    pipeline = Pipeline(settings(stub, tmp_path, **extra))
    try:
        return pipeline.summarise(read_path(MINI))
    finally:
        pipeline.close()


def _overview_calls(stub: StubServer) -> int:
    return sum(1 for s in stub.seen if s.ids == ["overview"])


def test_the_model_writes_the_overview_and_every_sentence_is_grounded(
    live_stub: StubServer, tmp_path: Path
) -> None:
    summary = summarise(live_stub, tmp_path)
    overview = summary.overview
    assert overview is not None and overview.by == "llm"
    assert 2 <= len(overview.sentences) <= 5 and all(s.text.startswith("据通报") for s in overview.sentences)
    text = summary.source.text
    for sentence in overview.sentences:
        assert sentence.evidence and all(
            e.verified and text[e.start : e.end] == e.quote for e in sentence.evidence
        )
    assert overview.text == "".join(s.text for s in overview.sentences)
    # The breakdown is the summary's own count, whoever writes the sentences.
    assert overview.statuses == status_breakdown(summary)
    assert _overview_calls(live_stub) == 1 and summary.engine.usage["overview_call"] is True
    chunk_calls = sum(1 for s in live_stub.seen if s.ids != ["overview"])
    assert summary.engine.usage["calls"] == chunk_calls + 1
    assert not [w for w in summary.warnings if w.code.startswith("llm_overview")]


def test_a_second_run_takes_the_overview_from_the_cache(live_stub: StubServer, tmp_path: Path) -> None:
    first = summarise(live_stub, tmp_path)
    asked = len(live_stub.seen)
    again = summarise(live_stub, tmp_path)
    assert len(live_stub.seen) == asked and again.overview == first.overview
    assert again.engine.usage["cache_hits"] >= 1 and again.engine.usage["calls"] == 0


def test_quotes_not_in_the_report_keep_the_rules_overview(live_stub: StubServer, tmp_path: Path) -> None:
    # Misquoted twice: the first answer and the re-ask's answer.
    summary = summarise(live_stub, tmp_path, Fault("misquote", when="overview", times=2))
    rules = summarise_document(read_path(MINI), Settings(lang="zh"))
    assert summary.overview is not None and summary.overview.by == "rules"
    assert summary.overview.text == rules.overview.text if rules.overview else False
    ungrounded = [w for w in summary.warnings if w.code == "llm_overview_ungrounded"]
    assert len(ungrounded) == 1 and english_sentences(ungrounded[0].message) == []
    assert _overview_calls(live_stub) == 2  # asked again once (SUMMARISE_MAX_REASKS=1), then given up


def test_a_number_no_fact_holds_drops_the_sentence(live_stub: StubServer, tmp_path: Path) -> None:
    summary = summarise(live_stub, tmp_path, Fault("lazy", when="overview", times=2))
    assert summary.overview is not None and summary.overview.by == "rules"
    assert "987" not in summary.overview.text
    assert [w.code for w in summary.warnings if w.code.startswith("llm_overview")] == [
        "llm_overview_ungrounded"
    ]


def test_a_failed_overview_call_keeps_the_rules_overview_and_says_why(
    live_stub: StubServer, tmp_path: Path
) -> None:
    summary = summarise(live_stub, tmp_path, Fault("auth", when="overview"))
    assert summary.overview is not None and summary.overview.by == "rules"
    failed = [w for w in summary.warnings if w.code == "llm_overview_failed"]
    assert len(failed) == 1 and "401" in failed[0].message
    # The chunks' answers are kept: only the overview fell back.
    assert summary.engine.name == "llm" and not [w for w in summary.warnings if w.code == "llm_unusable"]


def test_switched_off_there_is_no_overview_call(live_stub: StubServer, tmp_path: Path) -> None:
    summary = summarise(live_stub, tmp_path, llm_overview=False)
    assert _overview_calls(live_stub) == 0
    assert summary.overview is not None and summary.overview.by == "rules"


def test_in_english_the_model_is_asked_for_english(live_stub: StubServer, tmp_path: Path) -> None:
    with i18n.use_lang("en"):
        summary = summarise(live_stub, tmp_path, lang="en")
    assert summary.overview is not None and summary.overview.by == "llm"
    assert "Language: " not in str(live_stub.seen)  # the prompt is Chinese; it names the language
    assert summary.overview.text == " ".join(s.text for s in summary.overview.sentences)


def test_bulk_runs_write_the_overview_through_the_async_path(live_stub: StubServer, tmp_path: Path) -> None:
    pipeline = Pipeline(settings(live_stub, tmp_path))

    async def both() -> list[ReportSummary]:
        try:
            return list(await asyncio.gather(*(pipeline.asummarise(read_path(MINI)) for _ in range(2))))
        finally:
            await pipeline.aclose()

    summaries = asyncio.run(both())
    assert all(s.overview is not None and s.overview.by == "llm" for s in summaries)
