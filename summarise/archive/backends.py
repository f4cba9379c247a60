"""Where jobs run: in-process, a process pool (rules), a thread pool or an asyncio loop (llm).

Every backend returns `concurrent.futures.Future`s, so the runner has one loop for all of them, and
says how many jobs it wants in flight (`limit`): the runner never submits more, which keeps memory
flat however large the archive is.
"""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing
import os
import signal
import threading
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, Protocol

from ..pipeline import Pipeline
from .worker import Context, Job, Outcome, arun_job, init_process, process_job, run_job


class Backend(Protocol):
    limit: int

    def submit(self, job: Job) -> Future[Outcome]: ...

    def restart(self) -> None: ...

    def shutdown(self, *, cancel: bool) -> None: ...


def default_workers() -> int:
    try:
        return len(os.sched_getaffinity(0))  # honours taskset/cgroup CPU limits, unlike cpu_count()
    except AttributeError:  # pragma: no cover - macOS, Windows
        return os.cpu_count() or 1


class InlineBackend:
    """--workers 1: summarise in the main process; no pool to start, nothing to pickle."""

    limit = 1

    def __init__(self, pipeline: Pipeline, ctx: Context) -> None:
        self.pipeline = pipeline
        self.ctx = ctx

    def submit(self, job: Job) -> Future[Outcome]:
        future: Future[Outcome] = Future()
        try:
            future.set_result(run_job(job, self.pipeline, self.ctx))
        except Exception as exc:  # delivered through the future, like the other backends
            future.set_exception(exc)
        return future

    def restart(self) -> None:
        pass

    def shutdown(self, *, cancel: bool) -> None:
        pass


class ProcessBackend:
    """The rules engine is CPU-bound pure Python: one process per core sidesteps the GIL."""

    def __init__(self, workers: int, ctx: Context, *, timed: bool = False) -> None:
        self.workers = workers
        self.ctx = ctx
        # A few queued jobs per worker keep every core busy while the main process indexes results.
        self.limit = workers * 4
        self.generation = 0  # bumped by restart(), so a breakage restarts the pool only once
        # With `timed`, workers say when each job starts, so the runner can stop one that overruns.
        self._mp = multiprocessing.get_context("spawn")
        self._queue: Any = self._mp.SimpleQueue() if timed else None
        self._running: dict[str, tuple[int, float]] = {}  # sha256 → (pid, start) in this generation
        self.pool = self._start()

    def _start(self) -> ProcessPoolExecutor:
        # spawn, not fork or forkserver: a spawned worker is a direct child of this process, which its
        # watchdog (worker.init_process) needs to notice a SIGKILL of the run and exit with it.
        return ProcessPoolExecutor(
            self.workers,
            mp_context=self._mp,
            initializer=init_process,
            initargs=(self.ctx, os.getpid(), self._queue, self.generation),
        )

    def started(self, sha256: str) -> tuple[int, float] | None:
        """(pid, monotonic start) of the job for this content, if a worker of this pool has begun it."""
        if self._queue is None:
            return None
        while not self._queue.empty():
            generation, sha, pid, start = self._queue.get()
            if generation == self.generation:
                self._running[sha] = (pid, start)
        return self._running.get(sha256)

    def kill(self, pid: int) -> None:
        """Stop a worker that overran: the pool breaks, and the runner restarts it for the other jobs."""
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)

    def submit(self, job: Job) -> Future[Outcome]:
        return self.pool.submit(process_job, job)

    def restart(self) -> None:
        """After a worker died (out of memory, a crash in a C extension): a fresh pool."""
        self.pool.shutdown(wait=False, cancel_futures=True)
        self.generation += 1
        self._running.clear()
        self.pool = self._start()

    def shutdown(self, *, cancel: bool) -> None:
        # Waiting is cheap (milliseconds per report) and lets the reports in hand land on disk.
        self.pool.shutdown(wait=True, cancel_futures=cancel)


class AsyncBackend:
    """An LLM engine with `async asummarise`: one event loop, one semaphore bounding reports in flight.

    The engine instance is shared, so its client, its rate limiter and its answer cache are shared by
    every report of the run.
    """

    def __init__(self, pipeline: Pipeline, ctx: Context, concurrency: int) -> None:
        self.pipeline = pipeline
        self.ctx = ctx
        self.limit = concurrency * 2
        self.loop = asyncio.new_event_loop()
        self.semaphore: asyncio.Semaphore | None = None
        self._concurrency = concurrency
        self.thread = threading.Thread(target=self._serve, name="summarise-bulk-loop", daemon=True)
        self.thread.start()
        asyncio.run_coroutine_threadsafe(self._make_semaphore(), self.loop).result()

    def _serve(self) -> None:
        asyncio.set_event_loop(self.loop)
        self.loop.run_forever()

    async def _make_semaphore(self) -> None:
        # Twice as many reports as calls in flight: while some reports wait for the model, others are
        # parsed and assembled, so the engine's limit of `concurrency` calls stays full.
        self.semaphore = asyncio.Semaphore(self._concurrency * 2)

    async def _run(self, job: Job) -> Outcome:
        assert self.semaphore is not None
        async with self.semaphore:
            return await arun_job(job, self.pipeline, self.ctx)

    def submit(self, job: Job) -> Future[Outcome]:
        return asyncio.run_coroutine_threadsafe(self._run(job), self.loop)

    def restart(self) -> None:
        pass

    def shutdown(self, *, cancel: bool) -> None:
        with contextlib.suppress(Exception):  # shutting down must not hide the error that caused it
            if cancel:
                asyncio.run_coroutine_threadsafe(self._cancel_all(), self.loop).result(timeout=10)
            # The engine's HTTP client belongs to this loop: close it here, before the loop goes.
            asyncio.run_coroutine_threadsafe(self.pipeline.aclose(), self.loop).result(timeout=10)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout=5)
        if not self.thread.is_alive():
            self.loop.close()

    async def _cancel_all(self) -> None:
        """Cancel the reports in flight and wait until they have unwound (and released the engine)."""
        tasks = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
