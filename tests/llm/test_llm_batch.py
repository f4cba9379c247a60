"""The Batch API route against a local Files + Batch server on loopback (tests/llm/batch_server.py).

An archive of the five seeds plus copies and a repeated seed goes submit → killed after the upload →
resumed (no second upload) → collect, and the bulk run that follows makes no real-time call.
"""

from __future__ import annotations

import io
import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytest_socket import socket_allow_hosts

from summarise.archive import run_bulk
from summarise.archive.progress import PlainReporter
from summarise.llm import LLMEngine, batch
from summarise.settings import Settings

from .batch_server import BatchServer
from .conftest import DUMMY_KEY
from .test_llm_seeds import SEEDS


@pytest.fixture
def server() -> Iterator[BatchServer]:
    socket_allow_hosts(["127.0.0.1"], allow_unix_socket=True)
    live = BatchServer().start()
    yield live
    live.stop()


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    root = tmp_path / "in"
    (root / "copies").mkdir(parents=True)
    for seed in SEEDS:
        shutil.copy(seed, root / seed.name)
        shutil.copy(seed, root / "copies" / seed.name)  # same bytes: summarised once
    # Other bytes, the same text: a distinct report whose chunks are all asked already.
    (root / "again.txt").write_text(SEEDS[0].read_text("utf-8") + "\n\n", "utf-8")
    return root


def _settings(server: BatchServer, tmp_path: Path) -> Settings:
    return Settings(
        engine="llm",
        base_url=server.base_url,
        api_key=DUMMY_KEY,
        model="stub-model",
        mode="json",
        concurrency=2,
        cache_dir=tmp_path / "cache",
        llm_overview=False,  # the overview call is tested in test_llm_overview.py
    )


def _distinct_keys(settings: Settings) -> set[str]:
    """The cache keys the real-time engine computes for the seeds' chunks."""
    from summarise import skeleton
    from summarise.ingest import read_path

    engine = LLMEngine(settings)
    return {row.key for seed in SEEDS for row in engine.estimate(skeleton.build(read_path(seed)))}


def _lines(out: Path) -> list[dict[str, object]]:
    return [
        json.loads(line)
        for f in sorted((out / "batch").glob("*.jsonl"))
        for line in f.read_text("utf-8").splitlines()
    ]


def test_submit_kill_resume_collect_then_bulk_makes_no_real_time_call(
    server: BatchServer, archive: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = _settings(server, tmp_path)
    out = tmp_path / "out"
    keys = _distinct_keys(settings)

    def killed(_client: object, _file_id: str) -> str:
        raise KeyboardInterrupt  # the process dies right after the upload

    with monkeypatch.context() as patch:
        patch.setattr(batch, "_create", killed)
        with pytest.raises(KeyboardInterrupt):
            batch.submit(archive, out, settings)
    state = batch.load_state(out)
    assert state is not None and state["files"][0]["file_id"] and not state["files"][0].get("batch_id")
    assert (server.uploads, server.creates) == (1, 0)

    lines = _lines(out)
    assert len(lines) == len(keys)  # one line per distinct chunk, copies and repeats asked once
    assert {line["custom_id"] for line in lines} == keys  # custom_id = the real-time cache key
    assert all(line["url"] == "/v1/chat/completions" and line["method"] == "POST" for line in lines)
    body = lines[0]["body"]
    assert isinstance(body, dict) and body["model"] == "stub-model"
    assert body["response_format"] == {"type": "json_object"} and "max_tokens" in body

    resumed = batch.submit(archive, out, settings)
    assert resumed.resumed and (resumed.uploaded, resumed.created) == (0, 1)
    assert (server.uploads, server.creates) == (1, 1)  # the recorded file id was reused
    again = batch.submit(archive, out, settings)
    assert (again.uploaded, again.created) == (0, 0) and server.creates == 1

    first = batch.collect(out, settings, wait=False)
    assert first.pending == 1 and first.cached == 0  # in progress: nothing to download yet
    done = batch.collect(out, settings, poll=0.01)
    assert (done.pending, done.cached, done.invalid, done.errors) == (0, len(keys), 0, 0)
    assert server.batch_lines == len(keys)
    assert all(LLMEngine(settings).cache.has(key) for key in keys)

    tally = run_bulk(archive, out, settings, reporter=PlainReporter(io.StringIO()))
    assert tally.failed == 0 and tally.pending == 0 and tally.summarised == len(SEEDS) + 1
    assert server.realtime == 0  # every chunk came from the cache the batch filled


def test_a_killed_download_is_collected_again_without_storing_twice(
    server: BatchServer, archive: Path, tmp_path: Path
) -> None:
    settings = _settings(server, tmp_path)
    out = tmp_path / "out"
    batch.submit(archive, out, settings)
    done = batch.collect(out, settings, poll=0.01)
    state = batch.load_state(out)
    assert state is not None
    state["files"][0]["collected"] = False  # as if killed before the record was saved
    batch.save_state(out, state)
    redo = batch.collect(out, settings, poll=0.01)
    assert redo.cached == 0 and done.cached == len(_distinct_keys(settings))


def test_an_invalid_answer_is_left_out_of_the_cache() -> None:
    assert batch.parse_answer({"choices": [{"finish_reason": "stop", "message": {"content": "{}"}}]}) is None
    assert batch.parse_answer({"choices": [{"finish_reason": "length", "message": {"content": ""}}]}) is None
    good = {
        "choices": [
            {"finish_reason": "stop", "message": {"content": '```json\n{"entries":[],"found":[]}\n```'}}
        ]
    }
    assert batch.parse_answer(good) is not None


def test_files_split_at_the_line_and_byte_limits(tmp_path: Path) -> None:
    requests = [batch.Request(f"k{n}", "A1", {"model": "m", "messages": [{"x": "y" * 50}]}) for n in range(7)]
    records = batch.write_files(requests, tmp_path / "a", max_lines=3)
    assert [r["lines"] for r in records] == [3, 3, 1]
    width = len(requests[0].line().encode())
    records = batch.write_files(requests, tmp_path / "b", max_bytes=2 * width)
    assert [r["lines"] for r in records] == [2, 2, 2, 1]
    mixed = [*requests[:2], batch.Request("o", "A1", {"model": "other", "messages": []})]
    assert [r["model"] for r in batch.write_files(mixed, tmp_path / "c")] == ["m", "other"]
