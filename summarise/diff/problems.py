"""Problems of two summaries paired one-to-one: recurring, new, dropped; measures paired inside each pair."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..models import Figure, Measure, ReportSummary, Status
from .match import Corpus, assign, candidate_pairs, cosine, cosine_pairs, nearest_pairs, problem_name
from .models import (
    DiffOptions,
    MeasureDiff,
    MeasureRef,
    MeasureState,
    ProblemChange,
    ProblemDiff,
    ProblemRef,
    ProblemState,
    ScoreParts,
)

# The name of a problem is what an inspection raises again; the measures only help when the name was
# reworded, so they can raise a score (max) but never lower it.
NAME_WEIGHT = 0.6
# Up to this many pairs every pair that shares a gram is scored. Beyond it (archive-scale notices) pairs
# are blocked first: every pair whose name may reach the threshold (exact), and each problem's nearest
# few by the rarer grams of its measures, so the cost grows with the problems, not with their pairs.
EXACT_PAIRS = 40_000
BODY_NEIGHBOURS = 8


@dataclass(frozen=True)
class Unit:
    """A problem as the diff sees it: a sub-problem, or an item that has none."""

    ref: ProblemRef
    name: str
    body: str
    context: str | None
    measures: list[Measure] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)


def units(summary: ReportSummary) -> list[Unit]:
    out: list[Unit] = []
    for ai, area in enumerate(summary.areas, 1):
        for ii, item in enumerate(area.items, 1):
            if not item.problems:
                ref = ProblemRef(
                    path=f"{ai}.{ii}",
                    area=area.title,
                    item=item.title,
                    title=item.title,
                    named_problem=item.named_problem,
                    status=item.status,
                    evidence=item.evidence,
                )
                out.append(_unit(ref, area.title, item.measures, item.figures))
                continue
            for pi, problem in enumerate(item.problems, 1):
                ref = ProblemRef(
                    path=f"{ai}.{ii}.{pi}",
                    area=area.title,
                    item=item.title,
                    title=problem.title,
                    named_problem=problem.named_problem,
                    status=problem.status,
                    evidence=problem.evidence,
                )
                # A sub-problem's item heading is context, like its area: 关于引领作用发挥不充分的问题 → (1)…
                context = " ".join(x for x in (area.title, item.named_problem or item.title) if x)
                figures = _dedupe([*problem.figures, *item.figures])
                out.append(_unit(ref, context, problem.measures, figures))
    return out


def _unit(ref: ProblemRef, context: str | None, measures: list[Measure], figures: list[Figure]) -> Unit:
    return Unit(
        ref=ref,
        name=problem_name(ref.named_problem or ref.title),
        body="\n".join(m.evidence.quote or m.text for m in measures),
        context=problem_name(context) if context else None,
        measures=list(measures),
        figures=figures,
    )


def _dedupe(figures: list[Figure]) -> list[Figure]:
    seen: set[tuple[int, int]] = set()
    out = []
    for f in figures:
        key = (f.evidence.start, f.evidence.end)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def match_problems(
    old: list[Unit],
    new: list[Unit],
    names: Corpus,
    bodies: Corpus,
    options: DiffOptions,
    threshold: float | None = None,
) -> tuple[list[ProblemDiff], list[tuple[int, int]]]:
    """Problem diffs, changes first (dropped, new, changed recurring, unchanged recurring), and the
    (old, new) index pairs behind them. `threshold` overrides options.threshold (a unit mismatch)."""
    threshold = options.threshold if threshold is None else threshold
    scored = _scores(old, new, names, bodies, options, threshold)
    pairs = assign({k: v[0] for k, v in scored.items()}, threshold)
    paired_old = {i for i, _, _ in pairs}
    paired_new = {j for _, j, _ in pairs}
    recurring: list[ProblemDiff] = []
    for i, j, score in sorted(pairs, key=lambda p: p[1]):
        a, b = old[i], new[j]
        measures = match_measures(a.measures, b.measures, bodies, options.measure_threshold)
        recurring.append(
            ProblemDiff(
                state=ProblemState.recurring,
                old=a.ref,
                new=b.ref,
                score=round(score, 3),
                parts=_parts(*scored[(i, j)][1:]),
                reported_done_before=a.ref.status == Status.done,
                measures=measures,
                changes=_changes(a.ref, b.ref, measures),
            )
        )
    diffs = [
        ProblemDiff(state=ProblemState.dropped, old=u.ref) for i, u in enumerate(old) if i not in paired_old
    ]
    diffs += [
        ProblemDiff(state=ProblemState.new, new=u.ref) for j, u in enumerate(new) if j not in paired_new
    ]
    diffs += [p for p in recurring if p.changes] + [p for p in recurring if not p.changes]
    return diffs, [(i, j) for i, j, _ in pairs]


def _same_text(a: str, b: str) -> bool:
    return a.split() == b.split()


def _changes(old: ProblemRef, new: ProblemRef, measures: list[MeasureDiff]) -> list[ProblemChange]:
    """What a reader would see differ between the two sides; none means the pair can be folded away."""
    out = []
    if not _same_text(old.named_problem or old.title, new.named_problem or new.title):
        out.append(ProblemChange.wording)
    if old.status != new.status:
        out.append(ProblemChange.status)
    if any(
        m.state != MeasureState.kept
        or (m.old and m.new and (m.old.status != m.new.status or not _same_text(m.old.text, m.new.text)))
        for m in measures
    ):
        out.append(ProblemChange.measures)
    return out


Scored = tuple[float, float, float | None, float | None]  # score, name, body, context


def _scores(
    old: list[Unit], new: list[Unit], names: Corpus, bodies: Corpus, options: DiffOptions, threshold: float
) -> dict[tuple[int, int], Scored]:
    weight = options.context_weight
    old_names, new_names = [names.vector(u.name) for u in old], [names.vector(u.name) for u in new]
    old_bodies, new_bodies = [bodies.vector(u.body) for u in old], [bodies.vector(u.body) for u in new]
    if len(old) * len(new) <= EXACT_PAIRS:
        name_s = cosine_pairs(old_names, new_names)
        body_s = cosine_pairs(old_bodies, new_bodies)
        candidates = set(name_s) | set(body_s)
    else:
        # Even with identical headings a pair needs a base of `least` to reach the threshold.
        least = (threshold - weight) / (1 - weight) if weight < 1 else 0.0
        rare = max(2, (len(old) + len(new)) // 100)
        candidates = candidate_pairs(old_names, new_names, least) | nearest_pairs(
            old_bodies, new_bodies, BODY_NEIGHBOURS, rare
        )
        # Corpus.vector returns one vector per distinct text, so a text repeated is scored once.
        dots: dict[tuple[int, int], float] = {}

        def dot(a: dict[str, float], b: dict[str, float]) -> float:
            key = (id(a), id(b))
            value = dots.get(key)
            if value is None:
                value = dots[key] = _dot(a, b)
            return value

        name_s = {(i, j): dot(old_names[i], new_names[j]) for i, j in candidates}
        body_s = {
            (i, j): dot(old_bodies[i], new_bodies[j]) for i, j in candidates if old[i].body and new[j].body
        }
    context_cache: dict[tuple[str, str], float] = {}
    out: dict[tuple[int, int], Scored] = {}
    # A pair that shares no gram in name or body can score at most `weight` through its context, and one
    # that cannot reach the threshold even with identical headings cannot be chosen: skip both.
    for i, j in candidates:
        a, b = old[i], new[j]
        name = name_s.get((i, j), 0.0)
        body = body_s.get((i, j), 0.0) if a.body and b.body else None
        base = name if body is None else max(name, NAME_WEIGHT * name + (1 - NAME_WEIGHT) * body)
        if (1 - weight) * base + weight < threshold:
            continue
        context = None
        if a.context and b.context:
            key = (a.context, b.context)
            if key not in context_cache:
                context_cache[key] = cosine(names.vector(a.context), names.vector(b.context))
            context = context_cache[key]
        score = base if context is None else (1 - weight) * base + weight * context
        out[(i, j)] = (score, name, body, context)
    return out


def _dot(a: dict[str, float], b: dict[str, float]) -> float:
    """`cosine`, with the shared grams found by a set intersection: measure texts run to hundreds of grams."""
    return min(1.0, sum(a[g] * b[g] for g in a.keys() & b.keys()))


def _parts(name: float, body: float | None, context: float | None) -> ScoreParts:
    # Built for the chosen pairs only: a pydantic object per candidate pair would dominate the run time.
    return ScoreParts(
        name=round(name, 3),
        body=None if body is None else round(body, 3),
        context=None if context is None else round(context, 3),
    )


def match_measures(
    old: list[Measure], new: list[Measure], corpus: Corpus, threshold: float
) -> list[MeasureDiff]:
    """Kept measures and new ones in NEW's order, then the dropped ones in OLD's order."""
    scores = cosine_pairs(
        [corpus.vector(m.evidence.quote or m.text) for m in old],
        [corpus.vector(m.evidence.quote or m.text) for m in new],
    )
    by_new = {j: (i, s) for i, j, s in assign(scores, threshold)}
    kept_old = {i for i, _ in by_new.values()}
    out: list[MeasureDiff] = []
    for j, m in enumerate(new):
        if j in by_new:
            i, s = by_new[j]
            out.append(
                MeasureDiff(state=MeasureState.kept, old=_mref(old[i]), new=_mref(m), score=round(s, 3))
            )
        else:
            out.append(MeasureDiff(state=MeasureState.new, new=_mref(m)))
    out += [
        MeasureDiff(state=MeasureState.dropped, old=_mref(m)) for i, m in enumerate(old) if i not in kept_old
    ]
    return out


def _mref(m: Measure) -> MeasureRef:
    return MeasureRef(text=m.text, status=m.status, evidence=m.evidence)
