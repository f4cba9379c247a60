"""Progress on stderr: a rich bar on a terminal, a plain line every few seconds otherwise, a final tally.

stdout is left alone, so `summarise bulk … > log` captures nothing surprising and scripts can pipe.
"""

from __future__ import annotations

import sys
import time
from typing import Protocol, TextIO

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from .tally import Tally, format_seconds


class Reporter(Protocol):
    def start(self, total: int) -> None: ...

    def update(self, tally: Tally) -> None: ...

    def finish(self, tally: Tally, message: str) -> None: ...


def reporter_for(stream: TextIO | None = None, *, interval: float = 5.0) -> Reporter:
    stream = stream or sys.stderr
    if stream.isatty():
        return RichReporter(Console(file=stream))
    return PlainReporter(stream, interval)


class PlainReporter:
    """For logs and CI: a line every `interval` seconds, never a carriage-return animation."""

    def __init__(self, stream: TextIO, interval: float = 5.0) -> None:
        self.stream = stream
        self.interval = interval
        self.total = 0
        self.started = time.monotonic()
        self.last = self.started

    def start(self, total: int) -> None:
        self.total = total
        self.started = self.last = time.monotonic()
        self._print(f"bulk: {total} files to check")

    def update(self, tally: Tally) -> None:
        now = time.monotonic()
        if now - self.last < self.interval:
            return
        self.last = now
        elapsed = now - self.started
        rate = tally.processed / elapsed if elapsed > 0 else 0.0
        left = self.total - tally.processed
        eta = f", ETA {format_seconds(left / rate)}" if rate > 0 and left > 0 else ""
        pct = 100 * tally.processed / self.total if self.total else 100.0
        self._print(
            f"bulk: {tally.processed}/{self.total} ({pct:.0f}%): {tally.done} done, {tally.skipped} skipped,"
            f" {tally.failed} failed; {rate:.1f} files/s{eta}"
        )

    def finish(self, tally: Tally, message: str) -> None:
        self._print(f"bulk: {tally.line()}")
        if message:
            self._print(f"bulk: {message}")

    def _print(self, line: str) -> None:
        self.stream.write(line + "\n")
        self.stream.flush()


class RichReporter:
    def __init__(self, console: Console) -> None:
        self.console = console
        self.progress = Progress(
            TextColumn("[bold]bulk"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn(
                "[green]{task.fields[done]} done[/] · {task.fields[skipped]} skipped · "
                "[red]{task.fields[failed]} failed[/]"
            ),
            TextColumn("{task.fields[rate]}"),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=console,
            transient=False,
        )
        self.task = self.progress.add_task("bulk", total=None, done=0, skipped=0, failed=0, rate="")
        self.started = time.monotonic()

    def start(self, total: int) -> None:
        self.started = time.monotonic()
        self.progress.update(self.task, total=total)
        self.progress.start()

    def update(self, tally: Tally) -> None:
        elapsed = time.monotonic() - self.started
        rate = f"{tally.processed / elapsed:.1f}/s" if elapsed > 0 else ""
        self.progress.update(
            self.task,
            completed=tally.processed,
            done=tally.done,
            skipped=tally.skipped,
            failed=tally.failed,
            rate=rate,
        )

    def finish(self, tally: Tally, message: str) -> None:
        self.update(tally)
        self.progress.stop()
        style = "red" if tally.failed else "green"
        self.console.print(f"bulk: {tally.line()}", style=style, markup=False, highlight=False)
        if message:
            self.console.print(f"bulk: {message}", markup=False, highlight=False)
