"""`run_bulk` with a network-bound engine: concurrency bounds, failure isolation, fatal configuration errors.

The fake engines stand in for the LLM engine's interface (`summarise(doc)`, optionally
`async asummarise(doc)`): they return the rules engine's summary after a short wait, so these tests
exercise the bulk runner's thread and asyncio paths offline and fast.
"""

from __future__ import annotations

import asyncio
import io
import shutil
import sqlite3
import threading
import time
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import pytest

import summarise.archive.runner as runner
import summarise.pipeline as pipeline_mod
from summarise.archive import BulkOptions, run_bulk
from summarise.archive.backends import InlineBackend
from summarise.archive.keys import engine_key
from summarise.archive.progress import PlainReporter
from summarise.archive.worker import Job, Outcome
from summarise.errors import ConfigError, EngineError
from summarise.fill import Fill
from summarise.ingest import Document
from summarise.models import EngineInfo
from summarise.settings import Settings
from summarise.skeleton import Skeleton

SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))
FAILS = "variant-3.txt"


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    root = tmp_path / "in"
    root.mkdir()
    text = SEEDS[0].read_text("utf-8")
    for k in range(8):
        (root / f"variant-{k}.txt").write_text(text + "\n" * (k + 1), "utf-8")
    shutil.copy(root / "variant-0.txt", root / "z-copy-of-variant-0.txt")  # walked last
    return root


class SlowEngine:
    """Counts the reports in flight at once and remembers which documents it saw."""

    name = "llm"

    def __init__(self, fail: str | None = FAILS) -> None:
        self.fail = fail
        self.seen: list[str] = []
        self.active = 0
        self.peak = 0
        self.lock = threading.Lock()
        self.closed = False

    def _enter(self, doc: Document) -> None:
        with self.lock:
            self.seen.append(str(doc.path))
            self.active += 1
            self.peak = max(self.peak, self.active)

    def _leave(self) -> None:
        with self.lock:
            self.active -= 1

    def _result(self, doc: Document) -> Fill:
        if self.fail and str(doc.path).endswith(self.fail):
            raise EngineError(f"{doc.path}: the model kept answering 429 after 5 retries")
        # As a provider does: the answer names a dated version of the model asked for ("m").
        return Fill(engine=EngineInfo(name="llm", version="test", model="m-20250101"))

    def fill(self, skeleton: Skeleton) -> Fill:
        self._enter(skeleton.doc)
        try:
            time.sleep(0.05)
            return self._result(skeleton.doc)
        finally:
            self._leave()

    async def afill(self, skeleton: Skeleton) -> Fill:
        self._enter(skeleton.doc)
        try:
            await asyncio.sleep(0.05)
            return self._result(skeleton.doc)
        finally:
            self._leave()

    def close(self) -> None:
        pass

    async def aclose(self) -> None:
        self.closed = True


def llm_settings(tmp_path: Path, concurrency: int = 3) -> Settings:
    return Settings(
        engine="llm",
        model="m",
        base_url="http://127.0.0.1:9/v1",
        concurrency=concurrency,
        api_key="sk-test-secret",
        cache_dir=tmp_path / "cache",
        llm_overview=False,
    )


def use(monkeypatch: pytest.MonkeyPatch, engine: SlowEngine) -> list[Settings]:
    made: list[Settings] = []

    def factory(settings: Settings) -> SlowEngine:
        made.append(settings)
        return engine

    monkeypatch.setattr(pipeline_mod, "get_engine", factory)
    return made


def quiet() -> PlainReporter:
    return PlainReporter(io.StringIO(), interval=3600)


def test_reports_run_concurrently_under_the_bound_and_a_failure_does_not_stop_the_run(
    archive: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = SlowEngine()
    made = use(monkeypatch, engine)
    out = tmp_path / "out"

    tally = run_bulk(archive, out, llm_settings(tmp_path, concurrency=3), BulkOptions(), quiet())

    assert len(made) == 1  # one engine for the run: one client, one limiter, one cache
    # Reports in flight: twice the calls the engine allows, so parsing overlaps the waiting.
    assert 3 < engine.peak <= 6
    assert sorted(engine.seen) == sorted(f"variant-{k}.txt" for k in range(8))  # the copy is not sent
    assert (tally.summarised, tally.duplicates, tally.failed) == (7, 1, 1)
    errors = (out / "errors.jsonl").read_text("utf-8")
    assert FAILS in errors and '"kind": "engine"' in errors
    assert engine.closed  # the client belongs to the run's event loop and is closed with it


def test_an_engine_failure_is_retried_on_the_next_run_and_nothing_else_is(
    archive: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    use(monkeypatch, SlowEngine())
    run_bulk(archive, out, llm_settings(tmp_path), BulkOptions(), quiet())

    recovered = SlowEngine(fail=None)
    use(monkeypatch, recovered)
    tally = run_bulk(archive, out, llm_settings(tmp_path), BulkOptions(), quiet())
    assert recovered.seen == [FAILS]
    assert (tally.summarised, tally.failed) == (1, 0)
    assert (out / "errors.jsonl").read_text("utf-8") == ""


def test_a_configuration_error_stops_the_run_before_any_file_is_read(archive: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    settings = Settings(engine="llm", base_url=None, api_key=None, cache_dir=tmp_path / "cache")
    with pytest.raises(ConfigError):
        run_bulk(archive, out, settings, BulkOptions(), quiet())
    assert not (out / "index.sqlite").exists()


def test_a_configuration_error_found_mid_run_stops_it_instead_of_failing_every_file(
    archive: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    class Unauthorised(SlowEngine):
        async def afill(self, skeleton: Skeleton) -> Fill:
            raise ConfigError("the endpoint refused the API key (401); check OPENAI_API_KEY")

    use(monkeypatch, Unauthorised())
    out = tmp_path / "out"
    with pytest.raises(ConfigError, match="401"):
        run_bulk(archive, out, llm_settings(tmp_path), BulkOptions(), quiet())
    db = sqlite3.connect(out / "index.sqlite")
    assert db.execute("SELECT count(*) FROM files WHERE status = 'failed'").fetchone()[0] == 0
    assert db.execute("SELECT status FROM runs").fetchall() == [("failed",)]
    db.close()


def test_an_unexpected_exception_on_one_report_is_recorded_as_internal(
    archive: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    class Buggy(SlowEngine):
        def _result(self, doc: Document) -> Fill:
            if str(doc.path).endswith(FAILS):
                raise IndexError("list index out of range")
            return super()._result(doc)

    use(monkeypatch, Buggy(fail=None))
    out = tmp_path / "out"
    tally = run_bulk(archive, out, llm_settings(tmp_path), BulkOptions(), quiet())
    assert (tally.summarised, tally.failed) == (7, 1)
    assert '"kind": "internal"' in (out / "errors.jsonl").read_text("utf-8")


def test_the_content_address_names_the_engine_configuration_but_never_the_api_key(tmp_path: Path) -> None:
    base = llm_settings(tmp_path)
    assert engine_key(base) == engine_key(Settings(**{**base.__dict__, "api_key": "sk-other"}))
    assert engine_key(base) == engine_key(Settings(**{**base.__dict__, "concurrency": 16}))
    assert engine_key(base) != engine_key(Settings(**{**base.__dict__, "model": "other"}))
    assert engine_key(base) != engine_key(
        Settings(**{**base.__dict__, "base_url": "https://api.deepseek.com/v1"})
    )
    assert engine_key(base) != engine_key(Settings())


def test_the_api_key_is_written_nowhere(
    archive: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    use(monkeypatch, SlowEngine(fail=None))
    out = tmp_path / "out"
    run_bulk(archive, out, llm_settings(tmp_path), BulkOptions(), quiet())
    for path in out.rglob("*"):
        if path.is_file():
            assert b"sk-test-secret" not in path.read_bytes(), path


def test_a_file_that_kills_its_worker_twice_is_recorded_and_the_rest_go_on(
    archive: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    class DyingPool(InlineBackend):
        """Like a process pool whose worker dies (out of memory, say) on one file, every time."""

        limit = 4
        generation = 0

        def submit(self, job: Job) -> Future[Outcome]:
            if job.rel == FAILS:
                future: Future[Outcome] = Future()
                future.set_exception(BrokenProcessPool("A child process terminated abruptly"))
                return future
            return super().submit(job)

        def restart(self) -> None:
            self.generation += 1

    pools: list[DyingPool] = []

    def backend(self: runner._Run) -> DyingPool:
        pools.append(DyingPool(pipeline_mod.Pipeline(Settings()), self.ctx))
        return pools[-1]

    monkeypatch.setattr(runner._Run, "_backend", backend)
    out = tmp_path / "out"
    tally = run_bulk(archive, out, Settings(cache_dir=tmp_path / "cache"), BulkOptions(workers=2), quiet())
    assert (tally.summarised, tally.failed) == (7, 1)
    assert pools[0].generation == 1  # restarted once, then the file was given up on
    assert '"kind": "crash"' in (out / "errors.jsonl").read_text("utf-8")


def test_llm_summaries_a_killed_run_wrote_are_indexed_not_bought_again(
    archive: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    use(monkeypatch, SlowEngine(fail=None))
    run_bulk(archive, out, llm_settings(tmp_path), BulkOptions(), quiet())
    for name in ("index.sqlite", "index.sqlite-wal", "index.sqlite-shm"):
        (out / name).unlink(missing_ok=True)  # as if killed before any index commit

    again = SlowEngine(fail=None)
    use(monkeypatch, again)
    tally = run_bulk(archive, out, llm_settings(tmp_path), BulkOptions(), quiet())
    assert (tally.recovered, tally.summarised, tally.duplicates) == (8, 0, 1)
    assert again.seen == []
