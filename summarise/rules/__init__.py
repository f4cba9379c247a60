"""The rules engine: outline → ReportSummary, deterministic, offline, milliseconds per report."""

from __future__ import annotations

import re

from .. import __version__
from ..ingest import Document
from ..models import Discipline, EngineInfo, ReportSummary, Source, Status
from . import counts, meta, problems, tail
from .context import Context
from .sections import Kind, is_area_title, sections

_GENRE = re.compile(r"巡[察视]|整改")


class RulesEngine:
    name = "rules"

    def summarise(self, doc: Document) -> ReportSummary:
        return summarise_text(doc)


def summarise_text(doc: Document) -> ReportSummary:
    ctx = Context.of(doc.text)
    report_meta = meta.extract(ctx)
    classified = sections(ctx.outline)
    by_kind: dict[Kind, list] = {}
    for kind, heading in classified:
        by_kind.setdefault(kind, []).append(heading)

    problem_sections = by_kind.get(Kind.problems, [])
    if problem_sections:
        areas = [a for h in problem_sections for a in problems.areas(ctx, h)]
    else:
        # No section reads as the problems section: use 方面 headings wherever they sit.
        area_heads = [h for root in ctx.outline.roots for h in root.walk() if is_area_title(h.title)]
        areas = problems.areas(ctx, None, area_heads) if area_heads else []
        if not areas:
            ctx.warn("no_problems_section", "no section listing the inspection's problems was found")

    organisation = [t for h in by_kind.get(Kind.organisation, []) for t in tail.text_items(ctx, h)]
    next_steps = [t for h in by_kind.get(Kind.next_steps, []) for t in tail.text_items(ctx, h)]
    outstanding = [o for h in by_kind.get(Kind.outstanding, []) for o in tail.outstanding(ctx, h)]
    if not outstanding:
        outstanding = ctx.open_items
    discipline_spans = [(h.start, h.end) for h in by_kind.get(Kind.discipline, [])]
    discipline = tail.discipline(ctx, discipline_spans) if discipline_spans else Discipline()

    intro_end = ctx.outline.preamble_end
    count_spans = [(0, intro_end)]
    for h in problem_sections:
        count_spans.append((h.start, h.children[0].start if h.children else h.end))
    for h in by_kind.get(Kind.organisation, []) + by_kind.get(Kind.discipline, []):
        count_spans.append((h.start, h.end))
    stated = counts.stated(ctx, count_spans)

    found = {
        "areas": len(areas),
        "items": sum(len(a.items) for a in areas),
        "problems": sum(max(1, len(i.problems)) for a in areas for i in a.items),
        "named_problems": sum(
            (1 if i.named_problem else 0) + sum(1 for p in i.problems if p.named_problem)
            for a in areas
            for i in a.items
        ),
        "measures": sum(
            len(i.measures) + sum(len(p.measures) for p in i.problems) for a in areas for i in a.items
        ),
        "done": sum(1 for a in areas for i in a.items if i.status is Status.done),
        "in_progress": sum(1 for a in areas for i in a.items if i.status is Status.in_progress),
        "outstanding": len(outstanding),
    }
    counts.reconcile(ctx, stated, found)
    if not _GENRE.search(doc.text[:3000]) or (not areas and not outstanding):
        ctx.warn(
            "not_a_report",
            "this text does not look like an inspection rectification notice (巡察/巡视整改); the summary is likely empty",
        )

    return ReportSummary(
        source=Source(
            path=doc.path,
            sha256=doc.sha256,
            chars=len(doc.text),
            encoding=doc.encoding,
            format=doc.format,
            text=doc.text,
        ),
        meta=report_meta,
        stated_counts=stated,
        found_counts=found,
        organisation=organisation,
        areas=areas,
        outstanding=outstanding,
        discipline=discipline,
        next_steps=next_steps,
        contact=tail.contact(ctx),
        warnings=ctx.warnings,
        engine=EngineInfo(name="rules", version=__version__),
    )
