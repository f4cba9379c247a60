"""Counts of a bulk run, as the progress display and the final line show them."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from ..i18n import say


@dataclass
class Tally:
    total: int = 0  # files found by the walk
    summarised: int = 0  # summarised in this run
    recovered: int = 0  # summaries a killed run had written, indexed without summarising again
    unchanged: int = 0  # same content and configuration as a finished summary: skipped
    duplicates: int = 0  # same content as another file: points at that file's summary
    failed: int = 0  # in errors.jsonl (including known failures skipped on a rerun)
    known_failed: int = 0  # of those: failed as unreadable or not a report in an earlier run, not retried
    partial: int = 0  # of those summarised: some LLM chunks fell back to the rules engine; redone next run
    pending: int = 0  # not sent, the LLM endpoint being down: the next run summarises them
    elapsed: float = 0.0

    @property
    def done(self) -> int:
        return self.summarised + self.recovered

    @property
    def skipped(self) -> int:
        return self.unchanged + self.duplicates

    @property
    def processed(self) -> int:
        return self.done + self.skipped + self.failed + self.pending

    def as_dict(self) -> dict[str, int]:
        data = {k: v for k, v in asdict(self).items() if k != "elapsed"}
        data["files"] = data.pop("total")
        return data

    def line(self) -> str:
        """The final tally: one line, the numbers a user checks first."""
        summarised = say("archive.tally.summarised", n=self.summarised)
        if self.partial:
            summarised += say("archive.tally.partial", n=self.partial)
        parts = [summarised]
        if self.recovered:
            parts.append(say("archive.tally.recovered", n=self.recovered))
        parts.append(say("archive.tally.unchanged", n=self.unchanged))
        parts.append(say("archive.tally.duplicates", n=self.duplicates))
        parts.append(say("archive.tally.failed", n=self.failed))
        if self.pending:
            parts.append(say("archive.tally.pending", n=self.pending))
        return say(
            "archive.tally.line",
            files=self.processed,
            parts=say("archive.tally.sep").join(parts),
            elapsed=format_seconds(self.elapsed),
        )


def format_seconds(seconds: float) -> str:
    seconds = max(0, int(round(seconds)))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return say("archive.seconds.hours", h=hours, m=minutes, s=secs)
    if minutes:
        return say("archive.seconds.minutes", m=minutes, s=secs)
    return say("archive.seconds.seconds", s=secs)
