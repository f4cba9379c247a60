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

from ..i18n import say
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
        self._print(say("archive.progress.start", total=total))

    def update(self, tally: Tally) -> None:
        now = time.monotonic()
        if now - self.last < self.interval:
            return
        self.last = now
        elapsed = now - self.started
        rate = tally.processed / elapsed if elapsed > 0 else 0.0
        left = self.total - tally.processed
        eta = say("archive.progress.eta", left=format_seconds(left / rate)) if rate > 0 and left > 0 else ""
        pct = 100 * tally.processed / self.total if self.total else 100.0
        self._print(
            say(
                "archive.progress.update",
                processed=tally.processed,
                total=self.total,
                pct=f"{pct:.0f}",
                done=tally.done,
                skipped=tally.skipped,
                failed=tally.failed,
                rate=f"{rate:.1f}",
                eta=eta,
            )
        )

    def finish(self, tally: Tally, message: str) -> None:
        self._print(tally.line())
        if message:
            self._print(message)

    def _print(self, text: str) -> None:
        self.stream.write(say("archive.progress.line", text=text) + "\n")
        self.stream.flush()


class RichReporter:
    def __init__(self, console: Console) -> None:
        self.console = console
        self.progress = Progress(
            # Report text never reaches these columns; the labels are the catalogue's, shown as plain text.
            TextColumn(say("archive.progress.bar"), style="bold", markup=False),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[counts]}", markup=False),
            TextColumn("{task.fields[rate]}", markup=False),
            TimeElapsedColumn(),
            TextColumn(say("archive.progress.remaining"), markup=False),
            TimeRemainingColumn(),
            console=console,
            transient=False,
        )
        self.task = self.progress.add_task("bulk", total=None, counts=_counts(Tally()), rate="")
        self.started = time.monotonic()

    def start(self, total: int) -> None:
        self.started = time.monotonic()
        self.progress.update(self.task, total=total)
        self.progress.start()

    def update(self, tally: Tally) -> None:
        elapsed = time.monotonic() - self.started
        rate = say("archive.progress.rate", rate=f"{tally.processed / elapsed:.1f}") if elapsed > 0 else ""
        self.progress.update(self.task, completed=tally.processed, counts=_counts(tally), rate=rate)

    def finish(self, tally: Tally, message: str) -> None:
        self.update(tally)
        self.progress.stop()
        style = "red" if tally.failed else "green"
        line = say("archive.progress.line", text=tally.line())
        self.console.print(line, style=style, markup=False, highlight=False)
        if message:
            self.console.print(say("archive.progress.line", text=message), markup=False, highlight=False)


def _counts(tally: Tally) -> str:
    return say("archive.progress.counts", done=tally.done, skipped=tally.skipped, failed=tally.failed)
