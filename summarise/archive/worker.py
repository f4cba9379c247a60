"""One report's work: bytes → summary → JSON on disk → index rows. Runs in a worker process or thread.

The worker writes the JSON and the source text itself (atomically, so in parallel; see store.py for
their form) and hands back only plain rows for the index; the main process is the one writer of
index.sqlite, and makes the files durable once per batch before it commits their rows. Errors about the report become a `Failed`
outcome so one bad file never stops the run; errors about the configuration propagate and stop it.
"""

from __future__ import annotations

import asyncio
import hashlib
import os
import signal
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import __version__
from ..errors import ConfigError, InputError, SummariseError, UsageError
from ..i18n import say
from ..ingest import Document, from_bytes
from ..models import ReportSummary
from ..pipeline import Pipeline
from ..settings import Settings
from .rows import ReportRows, fallbacks, flatten
from .store import encode, load_bytes, stored_text_sha, write_quick, write_text

# Failures that the same bytes under the same configuration will always reproduce: a rerun skips
# them (listing them again in errors.jsonl) unless --retry-failed. Engine failures (an LLM outage,
# a rate limit after retries) and internal errors are worth another try, so reruns retry them.
DETERMINISTIC = frozenset({"input", "not_a_report"})


@dataclass(frozen=True)
class Job:
    rel: str  # input path relative to IN_DIR
    json_rel: str  # where the summary goes, relative to OUT_DIR
    sha256: str
    data: bytes
    may_recover: bool  # the index has no row for this content: a JSON on disk may be a killed run's


@dataclass(frozen=True)
class Done:
    rows: ReportRows
    recovered: bool = False  # indexed from a JSON a killed run had written, not summarised again
    json_size: int | None = None  # of the JSON file as written: a rerun checks it is still whole
    json_sha256: str | None = None


@dataclass(frozen=True)
class Failed:
    # input | not_a_report | engine | write | timeout | internal | crash; pending: the endpoint is down,
    # so the report was not tried, and stays for the next run (never recorded as failed)
    kind: str
    error: str


Outcome = Done | Failed


@dataclass(frozen=True)
class Context:
    out_dir: Path
    settings: Settings


def run_job(job: Job, pipeline: Pipeline, ctx: Context) -> Outcome:
    try:
        recovered = _recover(job, ctx)
        if recovered is not None:
            return _recovered(recovered, job, ctx)
        summary = pipeline.summarise(_document(job, ctx))
        return _finish(job, summary, ctx)
    except (ConfigError, UsageError):
        raise
    except Exception as exc:  # isolation: a report-level failure is recorded, never fatal
        return _failed(exc)


async def arun_job(job: Job, pipeline: Pipeline, ctx: Context) -> Outcome:
    """The same as run_job, in the event loop the pipeline's engine calls share; file work runs off it."""
    try:
        recovered = await asyncio.to_thread(_recover, job, ctx)
        if recovered is not None:
            return _recovered(recovered, job, ctx)
        doc = _document(job, ctx)
        summary = await pipeline.asummarise(doc)
        return await asyncio.to_thread(_finish, job, summary, ctx)
    except (ConfigError, UsageError):
        raise
    except Exception as exc:  # as in run_job
        return _failed(exc)


def _document(job: Job, ctx: Context) -> Document:
    # The summary names the file by its path inside the archive, which stays true if the archive moves.
    return from_bytes(job.data, name=job.rel, encoding=ctx.settings.encoding, path=job.rel)


def _finish(job: Job, summary: ReportSummary, ctx: Context) -> Outcome:
    not_report = next((w for w in summary.warnings if w.code == "not_a_report"), None)
    if not_report is not None:
        return Failed("not_a_report", f"{job.rel}: {not_report.message}")
    summary = mark_status(summary)
    # The pipeline checked every quote against the text: stored as spans, they are not checked again.
    data, text_sha = encode(summary)
    try:
        write_text(ctx.out_dir, summary.source.text, text_sha)  # first: a JSON never names a missing text
        write_quick(ctx.out_dir / job.json_rel, data)
    except OSError as exc:
        # A full disk, no permission, a read-only mount: about the output, not the report.
        error = exc.strerror or exc
        return Failed("write", say("archive.fail.write", name=job.rel, json=job.json_rel, error=error))
    return Done(_rows(summary, text_sha), json_size=len(data), json_sha256=hashlib.sha256(data).hexdigest())


def _rows(summary: ReportSummary, text_sha: str | None) -> ReportRows:
    rows = flatten(summary)
    rows.report["text_sha256"] = text_sha  # None: the text is inside the JSON (an index-1 archive)
    return rows


def mark_status(summary: ReportSummary) -> ReportSummary:
    """An LLM summary says in `engine.usage` whether it is whole: `status` complete or partial, and under
    `fallbacks` which chunks the rules engine answered and why. A partial one is redone by the next run."""
    usage = summary.engine.usage
    if "fallback_chunks" not in usage:
        return summary  # the rules engine: nothing to fall back from
    fell_back = fallbacks(summary)
    marked = dict(usage, status="partial" if fell_back else "complete", fallbacks=fell_back)
    return summary.model_copy(update={"engine": summary.engine.model_copy(update={"usage": marked})})


def _recovered(found: tuple[ReportSummary, bytes], job: Job, ctx: Context) -> Done:
    summary, data = found
    rows = _rows(summary, stored_text_sha(data))
    return Done(rows, recovered=True, json_size=len(data), json_sha256=hashlib.sha256(data).hexdigest())


def _failed(exc: Exception) -> Failed:
    if isinstance(exc, InputError):
        return Failed("input", str(exc))
    if isinstance(exc, SummariseError):
        from ..llm.failures import EndpointDown  # here: a rules run never loads the LLM package

        if isinstance(exc, EndpointDown):
            return Failed("pending", str(exc))  # not the report's fault: left for the next run
        return Failed("engine", str(exc))
    return Failed("internal", f"{exc.__class__.__name__}: {exc}")


def _recover(job: Job, ctx: Context) -> tuple[ReportSummary, bytes] | None:
    """A summary a killed run wrote but did not index, if it is this content under this configuration.

    Its quotes are not checked again: the run that wrote it had them checked by the pipeline, and its
    text comes back only if its sha256 is the one the JSON names."""
    if not job.may_recover:
        return None
    path = ctx.out_dir / job.json_rel
    if not path.is_file():
        return None
    try:
        data = path.read_bytes()
        summary = load_bytes(data, path)
    except (OSError, ValueError, InputError):
        return None  # unreadable, its text lost, or from another schema: summarise again, overwrite it
    settings = ctx.settings
    same = (
        summary.source.sha256 == job.sha256
        and summary.engine.name == settings.engine
        # Providers answer with a dated name for the model asked for (gpt-4o → gpt-4o-2024-08-06).
        and (settings.model is None or (summary.engine.model or "").startswith(settings.model))
        and (settings.engine != "rules" or summary.engine.version == __version__)
        and not fallbacks(summary)  # a partial summary is made again, not taken as done
    )
    return (summary, data) if same else None


# -- process pool plumbing: one pipeline per worker process, built once ----------------------------

_pipeline: Pipeline | None = None
_ctx: Context | None = None
_started: Any = None  # a multiprocessing queue: (pool generation, sha256, pid, monotonic start)
_generation = 0


def init_process(ctx: Context, parent: int, started: Any = None, generation: int = 0) -> None:
    global _pipeline, _ctx, _started, _generation
    # Ctrl-C goes to the whole process group; only the main process should act on it (stop feeding
    # work, index what finished). Workers finish the report in hand and exit with the pool.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_with_parent, args=(parent,), name="parent-watchdog", daemon=True).start()
    _ctx = ctx
    _started, _generation = started, generation
    _pipeline = Pipeline(ctx.settings)


def _exit_with_parent(parent: int) -> None:
    """Exit when the main process is gone (SIGKILL, OOM killer).

    A pool worker blocks reading its task queue, and every worker holds that queue's write end too, so
    it never sees end-of-file: without this it would wait for work forever. Exiting mid-report is safe:
    the JSON is either renamed into place whole or left as a temp file the next run sweeps away.
    """
    while True:
        time.sleep(0.5)
        if os.getppid() != parent:
            os._exit(0)


def process_job(job: Job) -> Outcome:
    assert _pipeline is not None and _ctx is not None, "init_process was not run"
    if _started is not None:  # the main process times each file from here (a per-file time budget)
        _started.put((_generation, job.sha256, os.getpid(), time.monotonic()))
    return run_job(job, _pipeline, _ctx)
