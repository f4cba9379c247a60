"""The diff's wording shared by every view (text, Markdown, HTML): labels and the phrases built from
them, in the language in force (i18n), so the views say the same thing the same way.

The order of the sections is decided here too: changes first (dropped, new, changed), then the
recurring problems that did not change, folded into a count; outstanding items and figures after.
"""

from __future__ import annotations

from ..i18n import say
from ..messages import CATALOGUE
from ..models import Status
from ..render import META_ZH, STATUS_ZH
from .models import (
    CountDelta,
    DeadlineChange,
    DiffResult,
    FigureDelta,
    MeasureState,
    OutstandingDiff,
    OutstandingState,
    ProblemDiff,
    ProblemRef,
    ProblemState,
)

# ---- labels --------------------------------------------------------------------------------------


def status(value: Status) -> str:
    # The report views' labels: a status reads the same in a summary and in a diff.
    return STATUS_ZH[value]


def field_label(name: str) -> str:
    return META_ZH.get(name, name)


def side(old: bool) -> str:
    return say("diff.old" if old else "diff.new")


def outstanding_state(value: OutstandingState) -> str:
    return say(f"diff.outstanding.{value.value}")


def overdue_label(overdue: bool | None) -> str:
    return {True: say("diff.overdue"), False: say("diff.no"), None: say("diff.unknown")}[overdue]


def measure_state(value: MeasureState) -> str:
    return say(f"diff.measure.{value.value}")


def score(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def number(value: float) -> str:
    return f"{value:g}"


# ---- phrases -------------------------------------------------------------------------------------


def heading(result: DiffResult) -> str:
    return say("diff.title", unit=result.new.unit or result.old.unit or say("diff.unit_unknown"))


def overview_parts(result: DiffResult) -> list[str]:
    """The overview in the order of the views: problems, deadlines, outstanding items, figures."""
    t = result.totals
    parts = [
        say(
            "diff.overview.problems",
            dropped=t.dropped,
            new=t.new,
            recurring=t.recurring,
            changed=t.changed,
            unchanged=t.unchanged,
            done_before=t.reported_done_before,
        )
    ]
    if t.postponed or t.advanced or t.deadline_removed or t.deadline_added:
        parts.append(
            say(
                "diff.overview.deadlines",
                postponed=t.postponed,
                advanced=t.advanced,
                removed=t.deadline_removed,
                added=t.deadline_added,
            )
        )
    if result.outstanding:
        parts.append(
            say(
                "diff.overview.outstanding",
                closed=t.closed,
                overdue=t.overdue,
                open=t.open,
                not_mentioned=t.not_mentioned,
            )
        )
    parts.append(say("diff.overview.figures", changed=t.figures_changed))
    return parts


def overview(result: DiffResult) -> str:
    return say("diff.sep").join(overview_parts(result))


def problem_label(ref: ProblemRef) -> str:
    return ref.named_problem or ref.title


def measures_line(p: ProblemDiff) -> str:
    counts = {s: sum(m.state == s for m in p.measures) for s in MeasureState}
    return say(
        "diff.measures",
        kept=counts[MeasureState.kept],
        new=counts[MeasureState.new],
        dropped=counts[MeasureState.dropped],
    )


def changes_line(p: ProblemDiff) -> str:
    what = say("diff.list_sep").join(say(f"diff.change.{c.value}") for c in p.changes)
    return say("diff.changes", what=what)


def fold_line(result: DiffResult) -> str:
    group = unchanged(result)
    return say("diff.fold", n=len(group), done_before=sum(p.reported_done_before for p in group))


def outstanding_note(o: OutstandingDiff) -> str:
    if o.new is None:
        return say("diff.match.none")
    return say(
        "diff.match",
        kind=say(f"diff.match.{o.new.kind}"),
        text=o.new.text,
        status=status(o.new.status),
        score=score(o.new.score),
    )


def shift_label(change: DeadlineChange) -> str:
    return say(f"diff.shift.{change.shift.value}")


def deadline_line(change: DeadlineChange) -> str:
    """推迟：2021-12-31 → 2022-06-30（181 天）: the kind of change and both dates."""
    days = say("diff.shift.days", days=abs(change.days)) if change.days else ""
    return say(
        "diff.shift.line", shift=shift_label(change), old=change.old or "—", new=change.new or "—", days=days
    )


def figure_change(f: FigureDelta) -> str:
    if f.change == 0:
        return say("diff.fig.same")
    sign = "+" if f.change > 0 else ""
    if f.unit == "%":
        # A change between two percentages is in points; a percent of a percent would mislead.
        return say("diff.fig.points", change=f"{sign}{f.change:g}")
    pct = say("diff.fig.pct", pct=f"{sign}{f.change_pct:g}") if f.change_pct is not None else ""
    return f"{sign}{f.change:g}{f.unit or ''}{pct}"


def count_value(value: float | None) -> str:
    return "—" if value is None else f"{value:g}"


def count_label(c: CountDelta) -> str:
    key = f"diff.count.{c.key}"
    label = say(key) if key in CATALOGUE else c.key
    return say(f"diff.count.{c.kind}", label=label)


# ---- what goes where -----------------------------------------------------------------------------


def by_state(result: DiffResult, state: ProblemState) -> list[ProblemDiff]:
    return [p for p in result.problems if p.state == state]


def changed(result: DiffResult) -> list[ProblemDiff]:
    return [p for p in result.problems if p.state == ProblemState.recurring and p.changes]


def unchanged(result: DiffResult) -> list[ProblemDiff]:
    return [p for p in result.problems if p.state == ProblemState.recurring and not p.changes]


def deadline_changes(result: DiffResult) -> list[OutstandingDiff]:
    return [o for o in result.outstanding if o.deadline_change is not None]


_OUTSTANDING_ORDER = {OutstandingState.closed: 0, OutstandingState.open: 2, OutstandingState.not_mentioned: 3}


def outstanding_in_order(result: DiffResult) -> list[OutstandingDiff]:
    """Closed items first, then overdue ones, then the rest, each group in OLD's order."""
    return sorted(result.outstanding, key=lambda o: 1 if o.overdue else _OUTSTANDING_ORDER[o.state])
