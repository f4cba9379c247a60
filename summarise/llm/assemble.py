"""Answers back into the summary: the rules engine's structure, the model's words, grounded evidence.

Titles, named problems, dates, counts and discipline stay the rules engine's (exact by construction);
the model supplies statuses, short measures, figures and summaries. Every quote is grounded again here,
so an answer from the cache is checked against the text exactly like a fresh one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from ..evidence import cut
from ..models import Evidence, Figure, Measure, ReportSummary, Status, Warning
from ..normalise import NormView
from .chunking import Chunk, Entry
from .failures import Failure
from .grounding import Grounder, parse_number
from .schemas import ChunkAnswer, ItemAnswer

_FALLBACK_CODES = {
    "transient": "llm_failed",
    "invalid": "llm_invalid",
    "truncated": "llm_truncated",
    "refused": "llm_refused",
}


def grounder_for(view: NormView, chunk: Chunk) -> Grounder:
    return Grounder(view=view, spans=list(chunk.spans), item_spans={e.id: e.span for e in chunk.entries})


def _first_line(view: NormView, span: tuple[int, int]) -> Evidence:
    start, end = span
    nl = view.text.find("\n", start, end)
    stop = nl if nl > start else end
    while stop > start + 1 and view.text[stop - 1].isspace():
        stop -= 1
    return cut(view, start, stop)


def _has_summary(target: BaseModel) -> bool:
    # ReportSummary gains `summary` / `summary_evidence` on items in a later schema; until then the
    # model's one-line summaries of items have nowhere to go and are not grounded or warned about.
    return "summary" in type(target).model_fields


@dataclass
class Assembler:
    view: NormView
    summary: ReportSummary
    warnings: list[Warning] = field(default_factory=list)

    def warn(self, code: str, message: str, span: tuple[int, int] | None = None) -> None:
        self.warnings.append(
            Warning(code=code, message=message, evidence=_first_line(self.view, span) if span else None)
        )

    def fallback(self, chunk: Chunk, failure: Failure) -> None:
        title = f" ({chunk.title})" if chunk.title else ""
        self.warn(
            _FALLBACK_CODES.get(failure.kind, "llm_failed"),
            f"llm chunk {chunk.id}{title}: {failure.message}; its {len(chunk.entries)} entries are the rules "
            "engine's",
            chunk.entries[0].span if chunk.entries else None,
        )

    def apply(self, chunk: Chunk, answer: ChunkAnswer) -> None:
        grounder = grounder_for(self.view, chunk)
        entries = {e.id: e for e in chunk.entries}
        done: set[str] = set()
        for item in answer.items:
            entry = entries.get(item.id)
            if entry is None:
                self.warn(
                    "llm_unknown_item", f"llm chunk {chunk.id}: ignored an answer for unknown id {item.id!r}"
                )
                continue
            if item.id in done:
                continue
            done.add(item.id)
            self._apply_entry(entry, item, grounder)
        for entry in chunk.entries:
            if entry.id not in done:
                self.warn(
                    "llm_missing_item",
                    f"llm chunk {chunk.id}: the model gave no answer for {entry.id} ({entry.label}); "
                    "the rules engine's result is kept",
                    entry.span,
                )

    def _evidence(self, grounder: Grounder, entry: Entry, quote: str, what: str) -> Evidence:
        fallback = _first_line(self.view, entry.span)
        ev = grounder.evidence(quote, entry.id, fallback)
        if not ev.verified:
            self.warn(
                "llm_unverified_quote",
                f"{entry.id} {what}: the model's quote is not in the report and is kept unverified: {quote!r}",
                entry.span,
            )
        return ev

    def _measures(self, grounder: Grounder, entry: Entry, item: ItemAnswer) -> list[Measure]:
        return [
            Measure(
                text=m.text.strip(),
                status=Status(m.status),
                evidence=self._evidence(grounder, entry, m.quote, f"measure {m.text!r}"),
            )
            for m in item.measures
        ]

    def _figures(self, grounder: Grounder, entry: Entry, item: ItemAnswer) -> list[Figure]:
        out = []
        for f in item.figures:
            parsed = parse_number(f.number)
            if parsed is None:
                self.warn(
                    "llm_figure_dropped",
                    f"{entry.id}: {f.number!r} is not a number; figure left out",
                    entry.span,
                )
                continue
            value, unit = parsed
            evidence = self._evidence(grounder, entry, f.quote, f"figure {f.label!r}")
            text = f.number.strip()
            if evidence.verified:
                span = grounder.locate(f.quote, entry.id)
                number = grounder.number_in(f.number, span) if span else None
                if number is None:
                    self.warn(
                        "llm_unverified_quote",
                        f"{entry.id}: figure {f.number!r} is not in its quote",
                        entry.span,
                    )
                    evidence = Evidence(start=evidence.start, end=evidence.end, quote=f.quote, verified=False)
                else:
                    ostart, oend = self.view.to_original(*number)
                    text = self.view.original[ostart:oend]  # the number as the report writes it
            out.append(Figure(label=f.label.strip(), value=value, text=text, unit=unit, evidence=evidence))
        return out

    def _apply_entry(self, entry: Entry, item: ItemAnswer, grounder: Grounder) -> None:
        kind = entry.ref[0]
        summary = self.summary
        target: Any
        if kind in ("item", "problem"):
            a, i = int(entry.ref[1]), int(entry.ref[2])
            target = summary.areas[a].items[i]
            if kind == "problem":
                target = target.problems[int(entry.ref[3])]
            target.status = Status(item.status)
            target.measures = self._measures(grounder, entry, item)
            target.figures = self._figures(grounder, entry, item)
            self._summary(target, entry, item, grounder)
        elif kind == "area":
            summary.areas[int(entry.ref[1])].measures = self._measures(grounder, entry, item)
        elif kind in ("organisation", "next_steps"):
            target = getattr(summary, str(kind))[int(entry.ref[1])]
            ev = self._evidence(grounder, entry, item.quote, "summary")
            target.text = item.summary.strip()
            if ev.verified:
                target.evidence = ev
        elif kind == "outstanding":
            target = summary.outstanding[int(entry.ref[1])]
            target.status = Status(item.status)
            self._summary(target, entry, item, grounder)

    def _summary(self, target: Any, entry: Entry, item: ItemAnswer, grounder: Grounder) -> None:
        if not _has_summary(target):
            return
        target.summary = item.summary.strip()
        if "summary_evidence" in type(target).model_fields:
            target.summary_evidence = self._evidence(grounder, entry, item.quote, "summary")


def recount(summary: ReportSummary) -> None:
    """Keep found_counts in step with the measures and statuses the model changed."""
    items = [i for a in summary.areas for i in a.items]
    summary.found_counts["measures"] = sum(
        len(i.measures) + sum(len(p.measures) for p in i.problems) for i in items
    )
    summary.found_counts["done"] = sum(1 for i in items if i.status is Status.done)
    summary.found_counts["in_progress"] = sum(1 for i in items if i.status is Status.in_progress)
