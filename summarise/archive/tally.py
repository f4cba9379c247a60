"""Counts of a bulk run, as the progress display and the final line show them."""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass
class Tally:
    total: int = 0  # files found by the walk
    summarised: int = 0  # summarised in this run
    recovered: int = 0  # summaries a killed run had written, indexed without summarising again
    unchanged: int = 0  # same content and configuration as a finished summary: skipped
    duplicates: int = 0  # same content as another file: points at that file's summary
    failed: int = 0  # in errors.jsonl (including known failures skipped on a rerun)
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
        parts = [f"{self.processed} files", f"{self.summarised} summarised"]
        if self.partial:
            parts[-1] += f" ({self.partial} partial)"
        if self.recovered:
            parts.append(f"{self.recovered} recovered from an interrupted run")
        parts.append(f"{self.unchanged} unchanged")
        parts.append(f"{self.duplicates} duplicates")
        parts.append(f"{self.failed} failed")
        if self.pending:
            parts.append(f"{self.pending} pending")
        return ", ".join(parts) + f" in {format_seconds(self.elapsed)}"


def format_seconds(seconds: float) -> str:
    seconds = max(0, int(round(seconds)))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}h{minutes:02d}m{secs:02d}s"
    if minutes:
        return f"{minutes}m{secs:02d}s"
    return f"{secs}s"
