"""The engine's promises: a second run is free, every output mode works, a changed prompt fails loudly,
no secret is written anywhere, a dry run calls nothing, and bad settings are one clear line."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path
from typing import Any

import pytest
from pytest_socket import disable_socket, socket_allow_hosts
from typer.testing import CliRunner

from summarise.cli import app
from summarise.errors import ConfigError, EngineError
from summarise.evidence import check
from summarise.ingest import read_path
from summarise.llm import LLMEngine
from summarise.llm.engine import OVERVIEW_TOKENS_OUT
from summarise.models import ReportSummary
from summarise.pipeline import Pipeline
from summarise.settings import Settings

from .conftest import CASSETTES, DUMMY_KEY, MINI, ROOT, Target, recorder
from .stub_server import StubServer
from .test_llm_faults import FAULT_CHUNK_TOKENS, KEPT, LLM_A1, LLM_A2, RULES, codes, measure_texts, statuses

CASSETTE_GROUP = "engine"
runner = CliRunner()


def settings_for(target: Target, cache_dir: Path, **extra: Any) -> Settings:
    values: dict[str, Any] = {
        "engine": "llm",
        "base_url": target.base_url,
        "api_key": target.api_key,
        "model": target.model,
        "mode": target.mode,
        "concurrency": 1,
        "cache_dir": cache_dir,
        "llm_overview": False,  # the overview call is tested in test_llm_overview.py
    }
    values.update(extra)
    return Settings(**values)


def summarise_mini(settings: Settings) -> ReportSummary:
    """mini.txt with the default chunk budget: one call for the whole notice."""
    pipeline = Pipeline(settings)
    try:
        return pipeline.summarise(read_path(MINI))
    finally:
        pipeline.close()


@pytest.mark.vcr
def test_second_run_of_a_report_makes_no_http_requests(target: Target, tmp_path: Path, vcr: Any) -> None:
    settings = settings_for(target, tmp_path / "cache")
    first = summarise_mini(settings)
    assert first.engine.usage["http_requests"] == 1 and first.engine.usage["cache_hits"] == 0
    assert measure_texts(first, 0) == LLM_A1  # the model's answer, not the rules engine's
    played = vcr.play_count if not target.recording else len(target.stub.seen)  # type: ignore[union-attr]

    second = summarise_mini(settings)
    assert second.engine.usage["http_requests"] == 0 and second.engine.usage["cache_hits"] == 1
    assert second.engine.usage["prompt_tokens"] == 0  # nothing paid twice
    assert (vcr.play_count if not target.recording else len(target.stub.seen)) == played  # type: ignore[union-attr]
    assert second.model_dump(exclude={"engine"}) == first.model_dump(exclude={"engine"})


@pytest.mark.vcr
@pytest.mark.parametrize("mode", ["tools", "json_schema"])
def test_every_output_mode_gives_the_same_summary(target: Target, tmp_path: Path, mode: str) -> None:
    summary = summarise_mini(settings_for(target, tmp_path / "cache", mode=mode))
    assert summary.engine.usage["mode"] == mode and summary.engine.usage["chunks"] == 1
    assert codes(summary) == [KEPT] and check(summary) == []
    assert measure_texts(summary, 0) == LLM_A1 and measure_texts(summary, 1) == LLM_A2
    assert statuses(summary) == statuses(RULES)


# The recorded calls come in as an extra cassette: re-recording (rewrite) deletes only a test's own.
@pytest.mark.vcr("second_run_of_a_report_makes_no_http_requests.yaml")
@pytest.mark.default_cassette("changed_prompt-unused")
def test_a_changed_prompt_no_longer_matches_the_cassette(
    target: Target, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if target.recording:
        pytest.skip("only meaningful when replaying")
    changed = tmp_path / "prompts"
    shutil.copytree(ROOT / "prompts", changed)
    chunk = changed / "chunk.toml"
    text = chunk.read_text(encoding="utf-8")
    assert "version = 1" in text and "所列条目" in text
    chunk.write_text(
        text.replace("version = 1", "version = 2", 1).replace("所列条目", "条目"), encoding="utf-8"
    )
    monkeypatch.setenv("SUMMARISE_PROMPTS_DIR", str(changed))
    # The one call of this notice no longer matches the recorded one: not a silent rules summary, an
    # error that says the request body is what differs.
    with pytest.raises(EngineError, match=r"the closest differ in body"):
        summarise_mini(settings_for(target, tmp_path / "cache"))


def test_no_secret_in_cassettes_cache_or_logs(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, capsys: pytest.CaptureFixture[str]
) -> None:
    stub = StubServer(0).start()
    socket_allow_hosts(["127.0.0.1"], allow_unix_socket=True)
    caplog.set_level(logging.DEBUG)
    target = Target(stub.base_url, "stub-model", "json", DUMMY_KEY, True, stub)
    try:
        with recorder().use_cassette(str(tmp_path / "recorded.yaml"), record_mode="all"):
            summary = summarise_mini(settings_for(target, tmp_path / "cache"))
    finally:
        stub.stop()
    assert summary.engine.usage["http_requests"] == 1
    assert all(seen.authorized for seen in stub.seen)  # the key was really sent...
    written = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert any(p.suffix == ".yaml" for p in written) and any(p.parent.parent.name == "llm" for p in written)
    committed = [p for p in CASSETTES.rglob("*") if p.is_file()]
    for path in written + committed:  # ...and never written down
        text = path.read_text(encoding="utf-8", errors="replace")
        assert DUMMY_KEY not in text, path
        assert "Bearer" not in text and "authorization:" not in text.lower(), path
    out, err = capsys.readouterr()
    assert caplog.text and DUMMY_KEY not in caplog.text + out + err
    assert DUMMY_KEY not in repr(Settings(api_key=DUMMY_KEY)) + repr(
        LLMEngine(settings_for(target, tmp_path)).config
    )


def test_dry_run_estimates_without_a_key_an_endpoint_or_the_network(tmp_path: Path) -> None:
    disable_socket(allow_unix_socket=True)
    summary = summarise_mini(Settings(engine="llm", dry_run=True, cache_dir=tmp_path))
    usage = summary.engine.usage
    assert usage["estimated"] is True and usage["calls"] == 2 and usage["cache_hits"] == 0
    # One chunk listing the nine entries (mini.txt has no uncovered text to search), and the overview.
    assert usage["prompt_tokens"] > 1000 and usage["completion_tokens"] == 9 * 200 + OVERVIEW_TOKENS_OUT
    assert [w.code for w in summary.warnings if w.code.startswith("llm_")] == ["llm_dry_run"]
    # A dry run is the rules engine's summary, said so.
    assert summary.model_dump(exclude={"engine", "warnings"}) == RULES.model_dump(
        exclude={"engine", "warnings"}
    )


def test_dry_run_through_the_cli(tmp_path: Path) -> None:
    disable_socket(allow_unix_socket=True)
    seed = ROOT / "seeds" / "001_ab1517135964eae8.txt"
    result = runner.invoke(app, ["report", str(seed), "--engine", "llm", "--dry-run", "--format", "json"])
    assert result.exit_code == 0, result.output
    # The CLI prints the estimate, not a summary (tests/test_dry_run.py checks its figures).
    assert '"estimated": true' in result.stdout and '"llm_dry_run"' not in result.stdout


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({}, "needs an OpenAI-compatible endpoint: set OPENAI_BASE_URL or pass --base-url"),
        (
            {"OPENAI_BASE_URL": "https://api.deepseek.com/v1"},
            "needs an API key for https://api.deepseek.com/v1",
        ),
        (
            {"OPENAI_BASE_URL": "http://localhost:8000/v1", "OPENAI_API_KEY": DUMMY_KEY},
            "no default model is known for http://localhost:8000/v1: pass --model",
        ),
        (
            {
                "OPENAI_BASE_URL": "https://api.deepseek.com/v1",
                "OPENAI_API_KEY": DUMMY_KEY,
                "SUMMARISE_MODE": "xml",
            },
            "unknown --mode 'xml'",
        ),
    ],
    ids=["no-endpoint", "no-key", "no-model", "bad-mode"],
)
def test_bad_settings_are_one_line_and_exit_2(
    env: dict[str, str], message: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    disable_socket(allow_unix_socket=True)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    result = runner.invoke(app, ["report", str(MINI), "--engine", "llm"])
    assert result.exit_code == 2
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert DUMMY_KEY not in result.stderr


def test_profiles_pick_mode_and_model_per_provider() -> None:
    from summarise.llm.config import LLMConfig

    def resolved(base_url: str) -> tuple[str, str]:
        config = LLMConfig.from_settings(Settings(engine="llm", base_url=base_url, api_key=DUMMY_KEY))
        return config.mode, config.model

    assert resolved("https://api.openai.com/v1") == ("tools", "gpt-4o-mini")
    assert resolved("https://api.deepseek.com/v1") == ("json", "deepseek-chat")
    assert resolved("https://dashscope.aliyuncs.com/compatible-mode/v1") == ("json", "qwen-plus")
    with pytest.raises(ConfigError):
        resolved("http://127.0.0.1:8000/v1")


def test_a_report_whose_every_call_fails_is_an_error_and_caches_nothing(tmp_path: Path) -> None:
    stub = StubServer(0).start()
    socket_allow_hosts(["127.0.0.1"], allow_unix_socket=True)
    from .stub_server import Fault

    stub.inject(Fault("server_error", times=99))
    target = Target(stub.base_url, "stub-model", "json", DUMMY_KEY, True, stub)
    try:
        with pytest.raises(EngineError, match="HTTP 500"):
            # Four calls, all failing.
            summarise_mini(
                settings_for(target, tmp_path / "cache", concurrency=4, chunk_tokens=FAULT_CHUNK_TOKENS)
            )
    finally:
        stub.stop()
    assert len({tuple(seen.ids) for seen in stub.seen}) == 4  # every chunk was tried
    assert not list((tmp_path / "cache").rglob("*.json"))  # failures are never cached
