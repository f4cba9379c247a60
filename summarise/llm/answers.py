"""A chunk's answer into fills: every quote grounded again here, so a cached answer is checked like a fresh one.

The model's words become summaries and short measure texts; every quote becomes evidence, verified when
it is found in the chunk and marked unverified when not. What to keep is decided later, field by field,
by the pipeline's assembly.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..evidence import cut
from ..fill import EntryFill, FoundItem
from ..i18n import say
from ..models import Evidence, Figure, Measure, Status, Warning
from ..skeleton import Skeleton
from .chunking import Chunk, Span
from .failures import Failure
from .grounding import Grounder, parse_number
from .schemas import ChunkAnswer, FigureAnswer, MeasureAnswer

_FALLBACK_CODES = {
    "transient": "llm_failed",
    "invalid": "llm_invalid",
    "truncated": "llm_truncated",
    "refused": "llm_refused",
    "context": "llm_too_long",
    "deadline": "llm_deadline",
    "down": "llm_endpoint_down",
}


def grounder_for(skeleton: Skeleton, chunk: Chunk) -> Grounder:
    return Grounder(
        view=skeleton.view, spans=list(chunk.spans), entry_spans={e.id: e.span for e in chunk.entries}
    )


@dataclass
class Reader:
    skeleton: Skeleton
    warnings: list[Warning] = field(default_factory=list)
    entries: dict[str, EntryFill] = field(default_factory=dict)
    found: list[FoundItem] = field(default_factory=list)
    verified: int = 0  # grounded quotes across every answer read
    answers: int = 0

    def warn(self, code: str, message: str, span: Span | None = None) -> None:
        evidence = self._first_line(span) if span else None
        self.warnings.append(Warning(code=code, message=message, evidence=evidence))

    def _first_line(self, span: Span) -> Evidence:
        text = self.skeleton.view.text
        start, end = span
        nl = text.find("\n", start, end)
        stop = nl if nl > start else end
        while stop > start + 1 and text[stop - 1].isspace():
            stop -= 1
        return cut(self.skeleton.view, start, max(stop, start + 1))

    def fallback(self, chunk: Chunk, failure: Failure) -> None:
        self.warn(
            _FALLBACK_CODES.get(failure.kind, "llm_failed"),
            say(
                "llm.warn.fallback",
                chunk=chunk.id,
                section=chunk.section,
                message=failure.message,
                entries=len(chunk.entries),
            ),
            chunk.spans[0] if chunk.spans else None,
        )

    def read(self, chunk: Chunk, answer: ChunkAnswer) -> None:
        self.answers += 1
        grounder = grounder_for(self.skeleton, chunk)
        listed = {e.id: e for e in chunk.entries}
        done: set[str] = set()
        for a in answer.entries:
            entry = listed.get(a.id)
            if entry is None:
                self.warn("llm_unknown_item", say("llm.warn.unknown_item", chunk=chunk.id, id=a.id))
                continue
            if a.id in done:
                continue
            done.add(a.id)
            where = entry.span
            # A summary with no quote at all is not kept: nothing would let a reader check it.
            quoted = bool(a.quote.strip())
            fill = EntryFill(
                summary=(a.summary.strip() or None) if quoted else None,
                summary_evidence=self._evidence(grounder, a.quote, a.id, where, say("llm.what.summary"))
                if quoted
                else None,
                status=Status(a.status),
                status_evidence=(
                    self._evidence(
                        grounder,
                        a.status_quote,
                        a.id,
                        where,
                        say("llm.what.status"),
                        grounder.near(a.id, None),
                    )
                    if a.status_quote.strip()
                    else None
                ),
                measures=self._measures(grounder, a.id, where, a.measures),
                figures=self._figures(grounder, a.id, where, a.figures),
            )
            self.entries[a.id] = fill
        for e in chunk.entries:
            if e.id not in done:
                self.warn(
                    "llm_missing_item",
                    say("llm.warn.missing_item", chunk=chunk.id, id=e.id, label=e.label),
                    e.span,
                )
        fallback = chunk.uncovered[0] if chunk.uncovered else chunk.spans[0]
        covered = [_original(self.skeleton, s) for s in self.skeleton.covered_spans()]
        for area in answer.found:
            area_ev = grounder.evidence(area.quote, None, fallback) if area.quote.strip() else None
            if area_ev is not None and area_ev.verified:
                self.verified += 1
            for item in area.items:
                ev = self._evidence(
                    grounder, item.quote, None, fallback, say("llm.what.problem", title=item.title)
                )
                if ev.verified and any(s <= ev.start < e for s, e in covered):
                    self.warn(
                        "llm_found_covered",
                        say("llm.warn.found_covered", chunk=chunk.id, title=item.title),
                    )
                    continue
                if ev.verified and any(f.evidence.start == ev.start for f in self.found):
                    continue  # found again by a neighbouring chunk
                fill = EntryFill(
                    summary=item.summary.strip() or None,
                    summary_evidence=ev,
                    status=Status(item.status),
                    status_evidence=(
                        self._evidence(
                            grounder,
                            item.status_quote,
                            None,
                            fallback,
                            say("llm.what.status"),
                            grounder.near(None, grounder.locate(item.quote)),
                        )
                        if item.status_quote.strip()
                        else None
                    ),
                    measures=self._measures(grounder, None, fallback, item.measures),
                    figures=self._figures(grounder, None, fallback, item.figures),
                )
                title = ev.quote if ev.verified else item.title.strip()
                self.found.append(
                    FoundItem(
                        title=title,
                        evidence=ev,
                        fill=fill,
                        area_title=(area.title or "").strip() or None,
                        area_evidence=area_ev,
                    )
                )

    @property
    def unusable(self) -> bool:
        return self.answers > 0 and self.verified == 0

    def _evidence(
        self,
        grounder: Grounder,
        quote: str,
        entry_id: str | None,
        where: Span,
        what: str,
        within: Span | None = None,
    ) -> Evidence:
        ev = grounder.evidence(quote, entry_id, where, within)
        if ev.verified:
            self.verified += 1
        else:
            self.warn(
                "llm_unverified_quote",
                say("llm.warn.unverified", where=entry_id or say("llm.what.new"), what=what, quote=quote),
                where,
            )
        return ev

    def _measures(
        self, grounder: Grounder, entry_id: str | None, where: Span, measures: list[MeasureAnswer]
    ) -> list[Measure]:
        return [
            Measure(
                text=m.text.strip(),
                status=Status(m.status),
                evidence=self._evidence(
                    grounder, m.quote, entry_id, where, say("llm.what.measure", text=m.text)
                ),
            )
            for m in measures
            if m.text.strip()
        ]

    def _figures(
        self, grounder: Grounder, entry_id: str | None, where: Span, figures: list[FigureAnswer]
    ) -> list[Figure]:
        view = self.skeleton.view
        out = []
        for f in figures:
            parsed = parse_number(f.number)
            if parsed is None:
                self.warn(
                    "llm_figure_dropped",
                    say("llm.warn.not_a_number", where=entry_id or say("llm.what.new"), number=f.number),
                    where,
                )
                continue
            value, unit = parsed
            evidence = self._evidence(
                grounder, f.quote, entry_id, where, say("llm.what.figure", label=f.label)
            )
            text = f.number.strip()
            if evidence.verified:
                span = grounder.locate(f.quote, entry_id)
                number = grounder.number_in(f.number, span) if span else None
                if number is None:
                    self.warn(
                        "llm_unverified_quote",
                        say(
                            "llm.warn.number_not_in_quote",
                            where=entry_id or say("llm.what.new"),
                            number=f.number,
                        ),
                        where,
                    )
                    evidence = Evidence(start=evidence.start, end=evidence.end, quote=f.quote, verified=False)
                    self.verified -= 1
                else:
                    ostart, oend = view.to_original(*number)
                    text = view.original[ostart:oend]  # the number as the report writes it
            out.append(Figure(label=f.label.strip(), value=value, text=text, unit=unit, evidence=evidence))
        return out


def _original(skeleton: Skeleton, span: Span) -> Span:
    return skeleton.view.to_original(*span)
