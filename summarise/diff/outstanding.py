"""OLD's outstanding items (需要进一步整改的事项) followed into NEW: closed, still open, or not mentioned.

An item is looked for where a later notice would report on it, most authoritative first: NEW's own
outstanding list (one-to-one), then NEW's problem headings, then the text of NEW's measures. The score
is the share of the item's (IDF-weighted) wording found in the candidate: items are short phrases
(往来账款未结清) that a later notice repeats inside longer sentences, so containment, not symmetry, is
the question.
"""

from __future__ import annotations

from datetime import date

from ..models import Evidence, OutstandingItem, ReportSummary, Status
from .match import Corpus, Vec, assign, coverage, grams
from .models import (
    DeadlineChange,
    DeadlineShift,
    DiffOptions,
    OutstandingDiff,
    OutstandingMatch,
    OutstandingState,
)
from .problems import Unit


def reference_date(summary: ReportSummary) -> str | None:
    """The date a notice speaks as of: its signature date, else the web page's date."""
    return summary.meta.published_date or summary.meta.page_date


def track(
    old: ReportSummary, new: ReportSummary, new_units: list[Unit], names: Corpus, options: DiffOptions
) -> list[OutstandingDiff]:
    threshold = options.outstanding_threshold
    queries = [names.vector(o.item) for o in old.outstanding]
    found: dict[int, OutstandingMatch] = {}

    # 1. NEW's own outstanding items, paired one-to-one.
    targets = [set(grams(n.item)) for n in new.outstanding]
    scores = {
        (i, j): s
        for i, q in enumerate(queries)
        for j, t in enumerate(targets)
        if (s := coverage(q, t)) >= threshold
    }
    shifts: dict[int, DeadlineChange] = {}
    for i, j, s in assign(scores, threshold):
        n = new.outstanding[j]
        found[i] = OutstandingMatch(
            kind="outstanding", text=n.item, status=n.status, score=round(s, 3), evidence=n.evidence
        )
        shift = deadline_change(old.outstanding[i], n)
        if shift:
            shifts[i] = shift

    # 2./3. Problem headings, then measures: many OLD items may point at one passage, so no assignment.
    headings = [(u.ref.title, u.ref.status, u.ref.evidence, set(grams(u.ref.title))) for u in new_units]
    measures = [
        (m.text, m.status, m.evidence, set(grams(m.evidence.quote or m.text)))
        for u in new_units
        for m in u.measures
    ]
    for i, q in enumerate(queries):
        if i in found:
            continue
        for kind, pool in (("problem", headings), ("measure", measures)):
            best = _best(q, pool)
            if best and best[0] >= threshold:
                score, (text, status, evidence, _) = best
                found[i] = OutstandingMatch(
                    kind=kind, text=text, status=status, score=round(score, 3), evidence=evidence
                )
                break

    as_of = reference_date(new)
    return [_diff(o, found.get(i), shifts.get(i), as_of) for i, o in enumerate(old.outstanding)]


def deadline_change(old: OutstandingItem, new: OutstandingItem) -> DeadlineChange | None:
    """How NEW's outstanding item moved OLD's deadline: later, earlier, gone, or set; None if unchanged.

    Only NEW's own outstanding list counts: a problem heading or a measure that mentions the matter
    says nothing about its deadline, so its silence is not a removal.
    """
    a, b = old.deadline, new.deadline
    if a == b:
        return None
    if a and b:
        shift = DeadlineShift.postponed if b > a else DeadlineShift.advanced  # ISO dates order as strings
    else:
        shift = DeadlineShift.removed if a else DeadlineShift.added
    return DeadlineChange(
        shift=shift, old=a, new=b, days=_days(a, b), new_evidence=new.deadline_evidence if b else None
    )


def _days(a: str | None, b: str | None) -> int | None:
    # A deadline may be a month (2021-12) or a year; days only between two whole dates.
    try:
        return (date.fromisoformat(b or "") - date.fromisoformat(a or "")).days
    except ValueError:
        return None


def _best(
    query: Vec, pool: list[tuple[str, Status, Evidence, set[str]]]
) -> tuple[float, tuple[str, Status, Evidence, set[str]]] | None:
    best = None
    for entry in pool:
        s = coverage(query, entry[3])
        if best is None or s > best[0]:
            best = (s, entry)
    return best


def _diff(
    item: OutstandingItem, match: OutstandingMatch | None, shift: DeadlineChange | None, as_of: str | None
) -> OutstandingDiff:
    if match is None:
        state = OutstandingState.not_mentioned
    elif match.status == Status.done:
        state = OutstandingState.closed
    else:
        state = OutstandingState.open
    overdue = None
    if item.deadline and as_of:
        # ISO dates compare as strings.
        overdue = state != OutstandingState.closed and item.deadline < as_of
    return OutstandingDiff(
        item=item.item,
        deadline=item.deadline,
        state=state,
        overdue=overdue,
        old_status=item.status,
        evidence=item.evidence,
        deadline_evidence=item.deadline_evidence,
        new=match,
        deadline_change=shift,
    )
