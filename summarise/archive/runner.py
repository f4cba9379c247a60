"""`summarise bulk`: walk IN_DIR, summarise each distinct report once, index it, write the outputs.

The main process walks, hashes, decides and indexes; workers summarise and write the JSON. A file is
work only when no finished summary has its content hash and engine configuration; everything else is
a lookup. State lives in index.sqlite and the JSON files, never only in memory, so a run killed at any
moment (SIGINT or SIGKILL) is finished by running the same command again.
"""

from __future__ import annotations

import contextlib
import glob
import hashlib
import os
import signal
import tempfile
import threading
import time
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, CancelledError, Future, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError, OutputError, UsageError
from ..i18n import say
from ..ingest import read_file
from ..pipeline import Pipeline
from ..settings import Settings
from .backends import AsyncBackend, Backend, InlineBackend, ProcessBackend, default_workers
from .index import Index, ReportRef
from .keys import engine_key
from .outputs import write_errors, write_overview
from .progress import Reporter, reporter_for
from .store import TEXTS_DIR, load_bytes, text_rel
from .tally import Tally
from .walk import Found, count_reports, iter_reports
from .worker import DETERMINISTIC, Context, Done, Failed, Job, Outcome

INDEX_NAME = "index.sqlite"
OVERVIEW_NAME = "overview.csv"
ERRORS_NAME = "errors.jsonl"
LOCK_NAME = ".summarise-bulk.lock"
# Far above any notice within the input size limit (a 20 MB text takes about 15 s), so only a file
# that would hold up the run for good is stopped.
DEFAULT_FILE_SECONDS = 300.0


@dataclass(frozen=True)
class BulkOptions:
    workers: int | None = None  # rules engine processes; None = every core
    patterns: tuple[str, ...] = ()  # --glob; empty = the report suffixes ingest reads
    force: bool = False  # summarise again even when a matching summary exists
    retry_failed: bool = False  # retry files that failed for reasons a retry cannot change
    # Seconds one file may take in the rules engine's process pool (--workers 2 or more); a file over it
    # is stopped, its worker restarted, and the file recorded as failed (kind `timeout`). None: no limit.
    # In-process (--workers 1) and LLM runs are not bounded: nothing could stop a stuck file there safely.
    file_seconds: float | None = DEFAULT_FILE_SECONDS


def json_path_for(rel: str) -> str:
    # Keep the input suffix (a.txt → a.txt.json) so a.txt and a.html in one folder never collide.
    return rel + ".json"


def run_bulk(
    in_dir: str | Path,
    out_dir: str | Path,
    settings: Settings,
    options: BulkOptions | None = None,
    reporter: Reporter | None = None,
) -> Tally:
    source, target = Path(in_dir), Path(out_dir)
    if settings.dry_run:
        # A dry-run summary is the rules engine's output labelled llm: stored, it would pass for done.
        raise UsageError(say("archive.run.dry_run"))
    if not source.is_dir():
        raise InputError(say("archive.run.not_folder", path=source))
    if source.resolve() == target.resolve():
        raise UsageError(say("archive.run.same_folder"))
    _output_folder(target)
    with _exclusive(target):
        pipeline = Pipeline(settings)  # a configuration error stops the run before any file is read
        index = Index(target / INDEX_NAME)
        try:
            return _Run(source, target, settings, options or BulkOptions(), pipeline, index).execute(
                reporter or reporter_for()
            )
        finally:
            index.close()


@dataclass
class _Pending:
    job: Job
    size: int
    replace: ReportRef | None  # a summary of this content under another configuration
    generation: int
    attempts: int = 1


@dataclass
class _Run:
    in_dir: Path
    out_dir: Path
    settings: Settings
    options: BulkOptions
    pipeline: Pipeline
    index: Index
    tally: Tally = field(default_factory=Tally)
    inflight: dict[Future[Outcome], _Pending] = field(default_factory=dict)
    # Content hashes being summarised now → later files with the same content, settled with them.
    waiting: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    damaged: int = 0  # finished summaries whose JSON was truncated or changed: made again
    overran: set[str] = field(default_factory=set)  # content hashes stopped for their time budget
    killed: set[int] = field(default_factory=set)  # pool generations broken by such a stop
    # Why the LLM endpoint is down for the rest of the run (its circuit breaker opened), once it is:
    # from then on no file is sent; each is left pending for the next run.
    down: str | None = None

    def __post_init__(self) -> None:
        self.key = engine_key(self.settings)
        self.ctx = Context(self.out_dir, self.settings)
        self.workers = self._workers()
        self.interrupts = _Interrupts()

    def _workers(self) -> int:
        if self.settings.engine == "rules":
            return max(1, self.options.workers or default_workers())
        return self.settings.concurrency

    def _backend(self) -> Backend:
        if self.settings.engine == "rules":
            if self.workers == 1:
                return InlineBackend(self.pipeline, self.ctx)
            return ProcessBackend(self.workers, self.ctx, timed=self.options.file_seconds is not None)
        return AsyncBackend(self.pipeline, self.ctx, self.workers)

    def execute(self, reporter: Reporter) -> Tally:
        # The handler covers the outputs too: a Ctrl-C after the last file no longer interrupts the
        # writing of overview.csv and errors.jsonl or the run's record; the run simply completes.
        with self.interrupts:
            return self._execute(reporter)

    def _execute(self, reporter: Reporter) -> Tally:
        if self.index.unclean_runs():
            _sweep_temp_files(self.out_dir)
        self.run_id = self.index.begin_run(
            self.in_dir.resolve(), self.settings.engine, self.key, self.settings.model, self.workers
        )
        started = time.monotonic()
        status, message = "failed", ""
        exclude = (self.out_dir,)
        try:
            self.tally.total = count_reports(self.in_dir, self.options.patterns, exclude)
            reporter.start(self.tally.total)
            self.interrupts.check()
            self.backend = self._backend()
            try:
                for found in iter_reports(self.in_dir, self.options.patterns, exclude):
                    self._handle(found)
                    self._drain(block=len(self.inflight) >= self.backend.limit)
                    self.index.maybe_commit()
                    reporter.update(self.tally)
                    self.interrupts.check()
                while self.inflight:
                    self._drain(block=True)
                    self.index.maybe_commit()
                    reporter.update(self.tally)
            except BaseException:
                self.backend.shutdown(cancel=True)
                self._drain(block=False)  # index what finished while shutting down
                raise
            self.backend.shutdown(cancel=False)
            self.index.forget_unseen(self.run_id)
            self.index.commit()
            _sweep_texts(self.out_dir, self.index.text_shas())
            status = "complete"
            if self.down is not None:
                status = "stopped"
                message = say("archive.run.stopped", reason=self.down, pending=self.tally.pending)
        except KeyboardInterrupt:
            status, message = "interrupted", say("archive.run.interrupted")
            raise
        finally:
            self.tally.elapsed = time.monotonic() - started
            self.index.finish_run(self.run_id, status, self.tally.as_dict())
            failed = write_errors(self.index, self.out_dir / ERRORS_NAME)
            write_overview(self.index, self.out_dir / OVERVIEW_NAME)
            notes = [message] if message else []
            if self.index.set_aside is not None:
                notes.append(
                    say("archive.run.index_set_aside", index=INDEX_NAME, aside=self.index.set_aside.name)
                )
            if self.damaged:
                notes.append(say("archive.run.damaged", n=self.damaged))
            if failed and not message:
                notes.append(say("archive.run.see_errors", n=failed, path=self.out_dir / ERRORS_NAME))
            message = say("archive.run.sep").join(notes)
            reporter.finish(self.tally, message)
        return self.tally

    # -- deciding what a file needs ------------------------------------------------------------

    def _handle(self, found: Found) -> None:
        try:
            if found.error:
                raise InputError(found.error)
            # Bounded, and only a regular file: a FIFO slipped into the tree must not hang the run.
            data = read_file(found.path, self.settings.max_bytes, name=found.rel, regular=True)
        except InputError as exc:
            self._mark(found.rel, "", None, "failed", error_kind="input", error=str(exc))
            self.tally.failed += 1
            return
        sha = hashlib.sha256(data).hexdigest()
        if sha in self.waiting:
            self.waiting[sha].append((found.rel, len(data)))
            return
        ref = self.index.report_for(sha)
        if ref is not None and self._fresh(ref):
            if ref.path != found.rel and not (self.in_dir / ref.path).is_file():
                # The file was renamed or moved: its summary follows it instead of being made again.
                self._move(ref, found.rel)
                self._mark(found.rel, sha, len(data), "summarised", report_id=ref.id)
                self.tally.unchanged += 1
                return
            duplicate = ref.path != found.rel
            self._mark(
                found.rel, sha, len(data), "duplicate" if duplicate else "summarised", report_id=ref.id
            )
            if duplicate:
                self.tally.duplicates += 1
            else:
                self.tally.unchanged += 1
            return
        if not (self.options.retry_failed or self.options.force):
            known = self.index.failure_for(sha, self.key)
            if known is not None and known.kind in DETERMINISTIC:
                self._mark(found.rel, sha, len(data), "failed", error_kind=known.kind, error=known.error)
                self.tally.failed += 1
                self.tally.known_failed += 1
                return
        if self._endpoint_down():
            self._mark(found.rel, sha, len(data), "pending")
            self.tally.pending += 1
            return
        job = Job(found.rel, json_path_for(found.rel), sha, data, may_recover=ref is None)
        self._claim(job.json_rel, keep=ref)
        self._submit(_Pending(job, len(data), ref, getattr(self.backend, "generation", 0)))

    def _fresh(self, ref: ReportRef) -> bool:
        """A finished summary of this content that this run may reuse."""
        if ref.engine_key != self.key or ref.status == "partial":
            return False  # another configuration, or some chunks fell back: summarised again
        if self.options.force and ref.run_id != self.run_id:
            return False
        path = self.out_dir / ref.json_path
        if not path.is_file():
            return False  # a deleted JSON is made again
        if ref.text_sha256 is not None and not (self.out_dir / text_rel(ref.text_sha256)).is_file():
            self.damaged += 1  # its text is gone: the summary cannot be read back, so it is made again
            return False
        if self._whole(ref, path):
            return True
        self.damaged += 1
        return False

    def _whole(self, ref: ReportRef, path: Path) -> bool:
        """The JSON is the one written: its recorded size and sha256, or (written before those were
        recorded) a summary of this content that loads, which is then recorded. A hash, not a parse,
        per rerun."""
        recorded = self.index.json_file_of(ref.id)
        try:
            if recorded is not None and path.stat().st_size != recorded[0]:
                return False
            data = path.read_bytes()
        except OSError:
            return False
        sha = hashlib.sha256(data).hexdigest()
        if recorded is not None:
            return sha == recorded[1]
        try:
            if load_bytes(data, path).source.sha256 != ref.sha256:
                return False
        except (ValueError, InputError):
            return False
        self.index.record_json_file(ref.id, len(data), sha)
        return True

    def _endpoint_down(self) -> bool:
        """The LLM endpoint is down for this run (its breaker opened): nothing more is sent to it."""
        if self.down is None:
            self.down = getattr(self.pipeline.engine, "endpoint_down", None)
        return self.down is not None

    def _submit(self, pending: _Pending) -> None:
        self.waiting.setdefault(pending.job.sha256, [])
        self.inflight[self.backend.submit(pending.job)] = pending

    # -- settling finished work ----------------------------------------------------------------

    def _drain(self, *, block: bool) -> None:
        if not self.inflight:
            return
        if block:
            done: set[Future[Outcome]] = set()
            while not done:  # wake up now and then: a Ctrl-C must not wait for a slow LLM report
                self._enforce_budget()
                done, _ = wait(self.inflight, timeout=0.25, return_when=FIRST_COMPLETED)
                self.interrupts.check()
        else:
            done = {f for f in self.inflight if f.done()}
        for future in done:
            self._settle(future, self.inflight.pop(future))

    def _settle(self, future: Future[Outcome], pending: _Pending) -> None:
        job = pending.job
        try:
            outcome = future.result()
        except CancelledError:
            return
        except BrokenProcessPool:
            if job.sha256 in self.overran:
                seconds = f"{self.options.file_seconds:g}"
                outcome = Failed("timeout", say("archive.fail.timeout", name=job.rel, seconds=seconds))
                _remove_temp_files(self.out_dir / job.json_rel)
            elif pending.attempts < 2 or pending.generation in self.killed:
                self._resubmit(pending)
                return
            else:
                outcome = Failed("crash", say("archive.fail.crash", name=job.rel))
        if isinstance(outcome, Done):
            report_id = self._save(pending, outcome)
            partial = outcome.rows.report.get("status") == "partial"
            self._mark(
                job.rel, job.sha256, pending.size, "partial" if partial else "summarised", report_id=report_id
            )
            if partial:
                self.tally.partial += 1
            if outcome.recovered:
                self.tally.recovered += 1
            else:
                self.tally.summarised += 1
            for rel, size in self.waiting.pop(job.sha256, []):
                self._mark(rel, job.sha256, size, "duplicate", report_id=report_id)
                self.tally.duplicates += 1
        elif outcome.kind == "pending":  # the endpoint went down before this report got an answer
            self.down = self.down or outcome.error
            for rel, size in [(job.rel, pending.size), *self.waiting.pop(job.sha256, [])]:
                self._mark(rel, job.sha256, size, "pending")
                self.tally.pending += 1
        else:
            self._mark(
                job.rel, job.sha256, pending.size, "failed", error_kind=outcome.kind, error=outcome.error
            )
            self.tally.failed += 1
            for rel, size in self.waiting.pop(job.sha256, []):
                error = say("archive.fail.same_content", name=rel, other=job.rel, error=outcome.error)
                self._mark(rel, job.sha256, size, "failed", error_kind=outcome.kind, error=error)
                self.tally.failed += 1

    def _enforce_budget(self) -> None:
        """Stop the worker of a file that has run past its time budget (process pool only)."""
        budget = self.options.file_seconds
        started = getattr(self.backend, "started", None)
        if budget is None or started is None:
            return
        now = time.monotonic()
        for future, pending in list(self.inflight.items()):
            sha = pending.job.sha256
            begun = started(sha)
            if begun is None or future.done() or sha in self.overran or now - begun[1] <= budget:
                continue
            self.overran.add(sha)
            self.killed.add(pending.generation)
            self.backend.kill(begun[0])  # type: ignore[attr-defined]

    def _resubmit(self, pending: _Pending) -> None:
        # Every job in flight fails when one worker dies; restart the pool once per breakage, then give
        # each job a second chance. The file that really kills a worker fails twice and is recorded.
        backend = self.backend
        if pending.generation == getattr(backend, "generation", 0):
            backend.restart()
        if pending.generation not in self.killed:  # a stop for another file's overrun is no attempt
            pending.attempts += 1
        pending.generation = getattr(backend, "generation", 0)
        self.inflight[backend.submit(pending.job)] = pending

    def _save(self, pending: _Pending, outcome: Done) -> int:
        job, replace = pending.job, pending.replace
        report_id = self.index.save_report(
            outcome.rows,
            path=job.rel,
            json_path=job.json_rel,
            engine_key=self.key,
            run_id=self.run_id,
            replace=replace.id if replace else None,
        )
        if outcome.json_size is not None and outcome.json_sha256 is not None:
            self.index.record_json_file(report_id, outcome.json_size, outcome.json_sha256)
        if replace is not None and replace.json_path != job.json_rel:
            # Summarised again from another copy of the same content: the old JSON is stale.
            with contextlib.suppress(OSError):
                (self.out_dir / replace.json_path).unlink()
        return report_id

    # -- keeping one JSON per path: edits, renames, copies ----------------------------------------

    def _claim(self, json_rel: str, *, keep: ReportRef | None) -> None:
        """Free `json_rel` for a new summary of its file, which was edited since it was summarised.

        The report there now describes the file's old content: it moves to another file that still
        has that content (a copy), or is dropped with its JSON when no copy is left. Done here, before
        the worker overwrites the JSON, so a copy's summary is never lost.
        """
        occupant = self.index.report_at(json_rel)
        if occupant is None or (keep is not None and occupant.id == keep.id):
            return
        for rel in self.index.files_of(occupant.id):
            if rel != occupant.path and (self.in_dir / rel).is_file():
                self._move(occupant, rel)
                self._mark(rel, occupant.sha256, None, "summarised", report_id=occupant.id)
                return
        self.index.drop_report(occupant.id)
        with contextlib.suppress(OSError):
            (self.out_dir / occupant.json_path).unlink()

    def _move(self, ref: ReportRef, rel: str) -> None:
        """Give a report, and its JSON, the path of another file with its content."""
        json_rel = json_path_for(rel)
        occupant = self.index.report_at(json_rel)
        if occupant is not None and occupant.id != ref.id:
            self.index.drop_report(occupant.id)  # that file's content changed: it is summarised anew
        target = self.out_dir / json_rel
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(self.out_dir / ref.json_path, target)
        self.index.move_report(ref.id, rel, json_rel)

    def _mark(
        self,
        rel: str,
        sha: str,
        size: int | None,
        status: str,
        *,
        report_id: int | None = None,
        error_kind: str | None = None,
        error: str | None = None,
    ) -> None:
        self.index.mark_file(
            rel,
            sha256=sha,
            size=size,
            status=status,
            engine_key=self.key,
            run_id=self.run_id,
            report_id=report_id,
            error_kind=error_kind,
            error=error,
        )


class _Interrupts:
    """Ctrl-C asks the run to stop at the next safe point: between files, never inside an index write
    or between a summary's JSON and its rows. A second Ctrl-C stops it at once (still without a
    corrupt file: the JSON writes are atomic and each report's rows are one savepoint)."""

    def __init__(self) -> None:
        self.requested = False
        self._previous: Any = None

    def __enter__(self) -> _Interrupts:
        # Signal handlers can only be set from the main thread; elsewhere Ctrl-C is the caller's.
        if threading.current_thread() is threading.main_thread():
            self._previous = signal.signal(signal.SIGINT, self._on_sigint)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._previous is not None:
            signal.signal(signal.SIGINT, self._previous)

    def _on_sigint(self, signum: int, frame: object) -> None:
        if self.requested:
            raise KeyboardInterrupt
        self.requested = True

    def check(self) -> None:
        if self.requested:
            raise KeyboardInterrupt


def _output_folder(target: Path) -> None:
    """OUT_DIR exists (or is made) and takes files: otherwise one line and exit 2, before any work."""
    if target.exists() and not target.is_dir():
        raise OutputError(say("archive.run.out_not_folder", path=target))
    try:
        target.mkdir(parents=True, exist_ok=True)
        # A write there fails now as every later one would: a read-only disk, no permission.
        with tempfile.TemporaryFile(dir=target):
            pass
    except OSError as exc:
        raise OutputError(say("archive.run.out_unwritable", path=target, error=exc.strerror or exc)) from None


@contextlib.contextmanager
def _exclusive(out_dir: Path) -> Iterator[None]:
    """One bulk run per output folder: two writers would interleave JSON files and index rows."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: no advisory lock, SQLite still guards the index
        yield
        return
    with open(out_dir / LOCK_NAME, "a+") as fh:
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise UsageError(say("archive.run.locked", path=out_dir)) from None
        # The lock dies with the process, so a SIGKILLed run never leaves a stale lock behind.
        yield


def _remove_temp_files(target: Path) -> None:
    """The temp files of a write to `target` that a stopped worker left (.<name>.<random>.tmp)."""
    with contextlib.suppress(OSError):
        for path in target.parent.glob(f".{glob.escape(target.name)}.*.tmp"):
            path.unlink()


def _sweep_texts(out_dir: Path, keep: set[str]) -> None:
    """After a complete run: drop the source texts no report refers to any more (their reports were
    replaced or dropped). Only files named like ours, only under OUT_DIR/texts."""
    root = out_dir / TEXTS_DIR
    if not root.is_dir():
        return
    for path in root.glob("??/*.txt.gz"):
        if path.name[: -len(".txt.gz")] not in keep:
            with contextlib.suppress(OSError):
                path.unlink()


def _sweep_temp_files(out_dir: Path) -> None:
    """Remove the temp files of writes a killed run left half done (.<name>.<random>.tmp)."""
    for folder, _dirs, files in os.walk(out_dir):
        for name in files:
            if name.startswith(".") and name.endswith(".tmp"):
                with contextlib.suppress(OSError):
                    Path(folder, name).unlink()
