"""The rules engine: fills the skeleton from the text's wording; deterministic, offline, milliseconds."""

from __future__ import annotations

from .. import __version__
from ..fill import Fill, Parts
from ..i18n import say
from ..models import Discipline, EngineInfo
from ..sections import Kind
from ..skeleton import Skeleton
from . import counts, meta, problems, tail
from .context import Context


class RulesEngine:
    name = "rules"

    def fill(self, skeleton: Skeleton) -> Fill:
        return fill(skeleton)

    async def afill(self, skeleton: Skeleton) -> Fill:
        return fill(skeleton)

    def close(self) -> None:
        return None

    async def aclose(self) -> None:
        return None


def fill(skeleton: Skeleton) -> Fill:
    ctx = Context.of_skeleton(skeleton)
    report_meta = meta.extract(ctx)
    entries = problems.fill_areas(ctx, skeleton)
    areas = skeleton.of("area")
    if not areas:
        ctx.warn("no_problems_section", say("rules.no_problems_section"))
    elif not skeleton.of("item") and not any(skeleton.text[a.body[0] : a.body[1]].strip() for a in areas):
        # A notice cut short at the heading of its problems section.
        ctx.warn(
            "no_problems_section",
            say("rules.problems_empty"),
            areas[0].title_span,
        )

    organisation = [t for h in skeleton.by_kind(Kind.organisation) for t in tail.text_items(ctx, h)]
    next_steps = [t for h in skeleton.by_kind(Kind.next_steps) for t in tail.text_items(ctx, h)]
    outstanding = [o for h in skeleton.by_kind(Kind.outstanding) for o in tail.outstanding(ctx, h)]
    if not outstanding:
        outstanding = ctx.open_items
    discipline_spans = [(h.start, h.end) for h in skeleton.by_kind(Kind.discipline)]
    discipline = tail.discipline(ctx, discipline_spans) if discipline_spans else Discipline()

    count_spans = [(0, skeleton.outline.preamble_end)]
    for h in skeleton.problem_sections:
        count_spans.append((h.start, h.children[0].start if h.children else h.end))
    for h in skeleton.by_kind(Kind.organisation) + skeleton.by_kind(Kind.discipline):
        count_spans.append((h.start, h.end))
    stated = counts.stated(ctx, count_spans)

    return Fill(
        engine=EngineInfo(name="rules", version=__version__),
        entries=entries,
        warnings=ctx.warnings,
        parts=Parts(
            meta=report_meta,
            stated=stated,
            organisation=organisation,
            outstanding=outstanding,
            discipline=discipline,
            next_steps=next_steps,
            contact=tail.contact(ctx),
        ),
    )
