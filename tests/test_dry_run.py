"""`--dry-run`: an estimate table of calls, tokens and cost, for one report or an archive, calling nothing.

Every figure is the sum over chunks of the engine's own per-chunk estimate; no key, no network, and in
bulk nothing is written (OUT_DIR is not even created)."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from language import english_sentences
from pytest_socket import disable_socket, enable_socket
from typer.testing import CliRunner

from summarise import i18n
from summarise import skeleton as skeleton_mod
from summarise.cli import app
from summarise.ingest import read_path
from summarise.llm.engine import LLMEngine
from summarise.llm.estimate import estimate_archive, estimate_document
from summarise.llm.usage import Price
from summarise.pipeline import summarise_document
from summarise.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
PRICES = """
[models."deepseek-chat"]
input = 0.27
output = 1.10
currency = "USD"

[models."qwen-plus"]
input = 0.8
output = 2.0
batch_input = 0.32
currency = "CNY"
"""
runner = CliRunner()


@pytest.fixture(autouse=True)
def no_network() -> Iterator[None]:
    """No socket but the unix pair asyncio's event loop needs."""
    disable_socket(allow_unix_socket=True)
    yield
    enable_socket()


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No key, no endpoint; a price table; caches in a temp folder."""
    for name in ("OPENAI_API_KEY", "SUMMARISE_API_KEY", "OPENAI_BASE_URL", "SUMMARISE_BASE_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("SUMMARISE_HOME", str(tmp_path / "home"))
    prices = tmp_path / "prices.toml"
    prices.write_text(PRICES, encoding="utf-8")
    monkeypatch.setenv("SUMMARISE_PRICES", str(prices))
    return tmp_path


def settings(tmp_path: Path, **extra: object) -> Settings:
    values: dict[str, object] = {
        "engine": "llm",
        "dry_run": True,
        "model": "deepseek-chat",
        "cache_dir": tmp_path / "home" / "cache",
        "prices": tmp_path / "prices.toml",
    }
    values.update(extra)
    return Settings(**values)  # type: ignore[arg-type]


def engine_sums(engine: LLMEngine, paths: list[Path]) -> tuple[int, int, int, int]:
    """calls, cache hits, prompt and completion tokens: the engine's rows summed by hand."""
    calls = hits = tokens_in = tokens_out = 0
    seen: set[str] = set()
    for path in paths:
        for row in engine.estimate(skeleton_mod.build(read_path(path)), seen):
            hits += row.cached
            calls += not row.cached
            tokens_in += row.prompt_tokens
            tokens_out += row.completion_tokens
    return calls, hits, tokens_in, tokens_out


def test_one_report_is_the_sum_of_the_engines_chunk_estimates(env: Path) -> None:
    seed = SEEDS[1]
    s = settings(env, chunk_tokens=2000)  # several chunks, so the sum is a sum
    estimate = estimate_document(read_path(seed), s)
    engine = LLMEngine(s)
    assert estimate.chunks > 1
    calls, hits, tokens_in, tokens_out = engine_sums(engine, [seed])
    # A call per chunk, and the overview call.
    assert (estimate.calls, estimate.cache_hits) == (calls, hits) == (estimate.chunks + 1, 0)
    assert (estimate.prompt_tokens, estimate.completion_tokens) == (tokens_in, tokens_out)
    # The same figures the library's dry-run summary carries in engine.usage.
    usage = summarise_document(read_path(seed), s).engine.usage
    assert (usage["calls"], usage["prompt_tokens"], usage["completion_tokens"]) == (
        calls,
        tokens_in,
        tokens_out,
    )
    # Cost: the price table's rates, batch at half unless the table says otherwise.
    assert estimate.cost() == round((tokens_in * 0.27 + tokens_out * 1.10) / 1e6, 6)
    assert estimate.cost(batch=True) == round((tokens_in * 0.135 + tokens_out * 0.55) / 1e6, 6)
    qwen = estimate_document(read_path(seed), replace(s, model="qwen-plus"))
    assert qwen.cost(batch=True) == round((qwen.prompt_tokens * 0.32 + qwen.completion_tokens * 1.0) / 1e6, 6)


def test_batch_prices_default_to_half() -> None:
    price = Price(input=2.0, output=8.0, cached_input=0.5, batch_output=3.0)
    assert price.batch() == Price(input=1.0, output=3.0, cached_input=0.25)


def test_report_prints_the_table_not_a_summary(env: Path) -> None:
    seed = SEEDS[0]
    args = ["report", str(seed), "--engine", "llm", "--model", "deepseek-chat", "--dry-run"]
    result = runner.invoke(app, [*args, "-f", "json"])
    assert result.exit_code == 0, result.output
    table = json.loads(result.stdout)
    expected = estimate_document(read_path(seed), settings(env)).as_dict()
    assert table == expected
    assert table["calls"] >= 1 and table["currency"] == "USD"
    assert table["cost"]["batch"] == pytest.approx(table["cost"]["real_time"] / 2, abs=2e-6)
    assert "problems" not in result.stdout and "llm_dry_run" not in result.stdout
    text = runner.invoke(app, args)
    assert text.exit_code == 0, text.output
    # Chinese by default: the real-time and batch columns are 实时 and 批量.
    assert "实时" in text.stdout and "批量" in text.stdout and f"{table['prompt_tokens']:,}" in text.stdout
    assert english_sentences(text.stdout) == [], text.stdout
    with i18n.use_lang("en"):
        english = runner.invoke(app, args)
    assert "real-time" in english.stdout and "batch" in english.stdout and "实时" not in english.stdout


def test_without_a_price_the_cost_is_null(env: Path) -> None:
    result = runner.invoke(
        app, ["report", str(SEEDS[0]), "--engine", "llm", "--model", "unpriced", "--dry-run", "-f", "json"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["cost"] == {"real_time": None, "batch": None}
    text = runner.invoke(
        app, ["report", str(SEEDS[0]), "--engine", "llm", "--model", "unpriced", "--dry-run"]
    )
    assert "没有 unpriced 的价格" in text.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["--engine", "llm", "--dry-run", "true"],  # a plain flag: a value is an extra argument
        ["--dry-run"],  # the rules engine calls nothing: there is nothing to estimate
        ["--engine", "llm", "--dry-run", "-f", "html"],
    ],
)
def test_usage_errors(env: Path, args: list[str]) -> None:
    result = runner.invoke(app, ["report", str(SEEDS[0]), *args])
    assert result.exit_code == 2, result.output


def archive(tmp_path: Path) -> Path:
    """The seeds, a copy of each, and one seed with a trailing blank line (same chunks, other bytes)."""
    folder = tmp_path / "in"
    (folder / "copies").mkdir(parents=True)
    for seed in SEEDS:
        shutil.copy(seed, folder / seed.name)
        shutil.copy(seed, folder / "copies" / seed.name)
    (folder / "z_padded.txt").write_bytes(SEEDS[2].read_bytes() + b"\n\n")
    return folder


def test_bulk_is_the_sum_over_distinct_texts_and_writes_nothing(env: Path) -> None:
    folder = archive(env)
    out = env / "out"
    result = runner.invoke(
        app,
        [
            "bulk",
            str(folder),
            "-o",
            str(out),
            "--engine",
            "llm",
            "--model",
            "deepseek-chat",
            "--dry-run",
            "-f",
            "json",
        ],
    )
    assert result.exit_code == 0, result.output
    table = json.loads(result.stdout)
    assert not out.exists()
    assert (table["files"], table["distinct_texts"]) == (2 * len(SEEDS) + 1, len(SEEDS) + 1)
    distinct = [*SEEDS, folder / "z_padded.txt"]
    calls, hits, tokens_in, tokens_out = engine_sums(LLMEngine(settings(env)), distinct)
    assert (table["calls"], table["cache_hits"]) == (calls, hits)
    assert (table["prompt_tokens"], table["completion_tokens"]) == (tokens_in, tokens_out)
    # The padded copy asks what its seed asked: its chunks are cache hits, not new calls.
    # Each distinct text also makes the overview call, estimated and never counted as cached.
    assert hits >= 1 and table["chunks"] == calls + hits - len(distinct)
    assert table == estimate_archive(folder, settings(env)).as_dict()


def test_bulk_counts_answers_already_cached(env: Path) -> None:
    folder = archive(env)
    s = settings(env)
    engine = LLMEngine(s)
    first = engine.estimate(skeleton_mod.build(read_path(SEEDS[0])))[0]
    engine.cache.put(first.key, {"answer": {}, "model": "deepseek-chat"})
    before = estimate_archive(folder, replace(s, no_cache=True))
    after = estimate_archive(folder, s)
    assert after.cache_hits == before.cache_hits + 1 and after.calls == before.calls - 1
    assert after.prompt_tokens == before.prompt_tokens - first.prompt_tokens


def test_bulk_dry_run_needs_the_llm_engine_and_a_folder(env: Path) -> None:
    folder = archive(env)
    out = env / "out"
    assert runner.invoke(app, ["bulk", str(folder), "-o", str(out), "--dry-run"]).exit_code == 2
    missing = runner.invoke(app, ["bulk", str(env / "nope"), "-o", str(out), "--engine", "llm", "--dry-run"])
    assert missing.exit_code == 2 and not out.exists()
    text = runner.invoke(app, ["bulk", str(folder), "-o", str(out), "--engine", "llm", "--dry-run"])
    assert text.exit_code == 0 and "不同文本" in text.stdout and not out.exists()
