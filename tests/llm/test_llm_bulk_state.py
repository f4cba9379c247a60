"""Bulk state with the LLM engine, against the stub on loopback: partial reports and a dead endpoint.

A report with any chunk answered by the rules engine is stored `partial` (its JSON and the index) and
redone by the next run; when the endpoint goes down mid-run the files not yet done stay `pending`, the
run stops with one line, and the next run on a healthy endpoint summarises them.
"""

from __future__ import annotations

import io
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from summarise.archive import run_bulk
from summarise.archive.progress import PlainReporter
from summarise.archive.tally import Tally
from summarise.settings import Settings

from .conftest import DUMMY_KEY, MINI
from .stub_server import Fault, StubServer
from .test_llm_faults import FAULT_CHUNK_TOKENS

FILES = 20


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    root = tmp_path / "in"
    root.mkdir()
    text = MINI.read_text("utf-8")
    for k in range(FILES):  # distinct content (a distinct summary each), the same chunks to answer
        (root / f"r{k:02d}.txt").write_text(text + "\n" * (k + 1), "utf-8")
    return root


def _bulk(stub: StubServer, archive: Path, out: Path, tmp_path: Path, **extra: object) -> tuple[Tally, str]:
    settings = Settings(
        engine="llm",
        base_url=stub.base_url,
        api_key=DUMMY_KEY,
        model="stub-model",
        concurrency=1,
        cache_dir=tmp_path / "cache",
        chunk_tokens=FAULT_CHUNK_TOKENS,
        llm_overview=False,  # the overview call is tested in test_llm_overview.py
        **extra,  # type: ignore[arg-type]
    )
    stream = io.StringIO()
    tally = run_bulk(archive, out, settings, reporter=PlainReporter(stream))
    return tally, stream.getvalue()


def _rows(out: Path, sql: str) -> list[tuple[Any, ...]]:
    with sqlite3.connect(out / "index.sqlite") as conn:
        return [tuple(r) for r in conn.execute(sql)]


def _file_statuses(out: Path) -> dict[str, str]:
    return {str(p): str(s) for p, s in _rows(out, "SELECT path, status FROM files")}


def test_a_dead_endpoint_leaves_every_file_pending_and_a_rerun_summarises_them_all(
    live_stub: StubServer, archive: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    live_stub.inject(Fault("hang", times=10_000))  # accepts every request and never answers
    tally, said = _bulk(live_stub, archive, out, tmp_path, timeout=0.2, down_after=3)
    assert (tally.pending, tally.summarised, tally.failed) == (FILES, 0, 0)
    assert set(_file_statuses(out).values()) == {"pending"} and len(_file_statuses(out)) == FILES
    assert _rows(out, "SELECT count(*) FROM reports") == [(0,)]
    assert _rows(out, "SELECT status FROM runs") == [("stopped",)]
    assert (out / "errors.jsonl").read_text("utf-8") == ""  # pending is not failed
    stopped = [line for line in said.splitlines() if "stopped early" in line]
    assert len(stopped) == 1 and f"{FILES} files left pending" in stopped[0]
    assert "treated as down" in stopped[0]
    # The breaker stopped the run: a few requests, not 4 tries per chunk per file.
    assert len(live_stub.seen) < 10

    live_stub.reset()
    tally, said = _bulk(live_stub, archive, out, tmp_path, timeout=5.0, down_after=3)
    assert (tally.summarised, tally.pending, tally.partial, tally.failed) == (FILES, 0, 0, 0)
    assert set(_file_statuses(out).values()) == {"summarised"}
    assert _rows(out, "SELECT status, count(*) FROM reports GROUP BY status") == [("complete", FILES)]
    assert _rows(out, "SELECT status FROM runs ORDER BY id") == [("stopped",), ("complete",)]
    assert "stopped early" not in said


def test_a_rerun_redoes_exactly_the_partial_reports(
    live_stub: StubServer, archive: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    live_stub.inject(Fault("moderation", when="A1.1", times=2))  # two reports get that chunk refused
    tally, _ = _bulk(live_stub, archive, out, tmp_path)
    assert (tally.summarised, tally.partial, tally.failed) == (FILES, 2, 0)
    before = _file_statuses(out)
    partial = sorted(p for p, s in before.items() if s == "partial")
    assert len(partial) == 2 and sum(s == "summarised" for s in before.values()) == FILES - 2
    reports = _rows(out, "SELECT path, status, fallbacks FROM reports WHERE status = 'partial' ORDER BY path")
    assert [r[0] for r in reports] == partial
    for _path, _status, fallbacks in reports:
        said = json.loads(str(fallbacks))
        assert len(said) == 1 and said[0]["code"] == "llm_refused" and said[0]["chunk"] in said[0]["reason"]
    usage = json.loads((out / f"{partial[0]}.json").read_text("utf-8"))["engine"]["usage"]
    assert usage["status"] == "partial" and usage["fallbacks"][0]["code"] == "llm_refused"
    ids = dict(_rows(out, "SELECT path, id FROM reports"))

    live_stub.reset()  # a clean endpoint: nothing refused
    tally, _ = _bulk(live_stub, archive, out, tmp_path)
    assert (tally.summarised, tally.unchanged, tally.partial) == (2, FILES - 2, 0)
    after = _file_statuses(out)
    assert set(after.values()) == {"summarised"}
    assert _rows(out, "SELECT status, count(*) FROM reports GROUP BY status") == [("complete", FILES)]
    assert dict(_rows(out, "SELECT path, id FROM reports")) == ids  # replaced in place, same ids
    redone = _rows(out, "SELECT path FROM reports WHERE run_id = (SELECT max(id) FROM runs) ORDER BY path")
    assert [r[0] for r in redone] == partial
    usage = json.loads((out / f"{partial[0]}.json").read_text("utf-8"))["engine"]["usage"]
    assert usage["status"] == "complete" and usage["fallbacks"] == []
    # Redone from the answer cache: the refused chunk was answered for a later report of the first run
    # (the 20 files share their chunks), so nothing is paid twice.
    assert live_stub.seen == []
