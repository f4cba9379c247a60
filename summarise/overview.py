"""The overview of a summary, built from its own fields: a few sentences and a status breakdown.

Every number in a sentence is a field of the summary (a count found, a count the report states, a
date, a discipline figure), and each sentence carries the evidence of the fields it quotes, so a
reader can check it as they check any item. The sentences are in the language in force. This is the
overview of every engine; the LLM engine may put sentences of its own in its place (`by="llm"`),
and falls back to this one.
"""

from __future__ import annotations

from collections.abc import Iterator

from . import deadlines
from .i18n import current, say
from .models import Evidence, Meta, Overview, OverviewSentence, ReportSummary, StatedCount, Status
from .reconcile import STATES, stated_problems


def problems(summary: ReportSummary) -> Iterator[tuple[Status, Evidence]]:
    """Each problem as `tally` counts them: a sub-problem, or an item that has none."""
    for area in summary.areas:
        for item in area.items:
            if item.problems:
                for p in item.problems:
                    yield p.status, p.evidence
            else:
                yield item.status, item.evidence


def status_breakdown(summary: ReportSummary) -> dict[str, int]:
    """Problems by their own status; the four counts add up to the problems found."""
    counts = {s.value: 0 for s in Status}
    for status, _ in problems(summary):
        counts[status.value] += 1
    return counts


def say_date(iso: str) -> str:
    """2021-03-31 as a sentence writes it: 2021年3月31日 in Chinese, ISO in English."""
    day = deadlines.parse_day(iso)
    if day is None or current() == "en":
        return iso
    return f"{day.year}年{day.month}月{day.day}日"


def number(count: StatedCount) -> str:
    """A stated count as a number (二十三 → 23), so every figure reads alike and can be checked."""
    return f"{count.value:g}"


def rules_overview(summary: ReportSummary) -> Overview:
    """The overview every summary gets; an engine's own overview replaces `text` and `sentences` only."""
    built = [
        s
        for s in (
            _who(summary),
            _found(summary),
            _statuses(summary),
            _outstanding(summary),
            _discipline(summary),
        )
        if s
    ]
    joiner = " " if current() == "en" else ""
    return Overview(
        text=joiner.join(s.text for s in built),
        sentences=built,
        statuses=status_breakdown(summary),
        by="rules",
    )


def with_overview(summary: ReportSummary) -> ReportSummary:
    """The summary with an overview: its own when an engine wrote one, else the rules overview."""
    if summary.overview is not None:
        return summary
    return summary.model_copy(update={"overview": rules_overview(summary)})


def _sentence(text: str, evidence: list[Evidence | None]) -> OverviewSentence:
    seen: set[tuple[int, int]] = set()
    kept = []
    for ev in evidence:
        if ev is not None and (ev.start, ev.end) not in seen:
            seen.add((ev.start, ev.end))
            kept.append(ev)
    return OverviewSentence(text=text, evidence=sorted(kept, key=lambda e: (e.start, e.end)))


def _who(summary: ReportSummary) -> OverviewSentence:
    m = summary.meta
    used: list[str] = []

    def field(name: str) -> str | None:
        value: str | None = getattr(m, name)
        if value:
            used.append(name)
        return value

    inspector, unit = field("inspector"), field("unit")
    published = field("published_date")
    published_part = say("view.ov.published", date=say_date(published)) if published else ""
    if not (inspector or unit or m.units):
        return _sentence(say("view.ov.who_unknown", published=published_part), _meta_evidence(m, used))
    if len(m.inspectors) > 1:
        inspector = say("view.ov.inspectors", first=m.inspectors[0], n=len(m.inspectors))
    if len(m.units) > 1:
        unit = say("view.ov.units", first=m.units[0], n=len(m.units))
    whom = (unit or say("view.ov.unit_unknown")) + (
        say("view.ov.villages", n=len(m.villages)) if m.villages else ""
    )
    start, end = field("inspection_start"), field("inspection_end")
    if start and end:
        when = say("view.ov.when_range", start=say_date(start), end=say_date(end))
    else:
        when = say("view.ov.when_start", start=say_date(start)) if start else ""
    # 巡视 is the central and provincial word, 巡察 the city and county one: the notice's own word.
    word = "xunshi" if "巡视" in (m.inspector or "") + (m.title or "") else "xuncha"
    kind = field("inspection_kind")
    kind_part = say(f"view.ov.kind.{word}", kind=kind) if kind else say(f"view.ov.kind.none_{word}")
    feedback = field("feedback_date")
    text = say(
        "view.ov.who",
        inspector=inspector or say("view.ov.inspector_unknown"),
        when=when,
        unit=whom,
        kind=kind_part,
        feedback=say("view.ov.feedback", date=say_date(feedback)) if feedback else "",
        published=published_part,
    )
    return _sentence(text, _meta_evidence(m, used))


def _meta_evidence(m: Meta, fields: list[str]) -> list[Evidence | None]:
    return [m.evidence.get(name) for name in fields]


def _stated_levels(summary: ReportSummary) -> list[tuple[str, str, StatedCount]]:
    """(found key, stated key, count) for the levels the report states: areas, items, problems."""
    stated = summary.stated_counts
    levels: list[tuple[str, str, StatedCount]] = [
        (key, key, stated[key]) for key in ("areas", "items") if key in stated
    ]
    found = stated_problems(stated)
    if found is not None:
        levels.append(("problems", found[0], found[1]))
    return levels


def _found(summary: ReportSummary) -> OverviewSentence:
    f = summary.found_counts
    levels = _stated_levels(summary)
    if levels and all(int(c.value) == f.get(key, 0) and c.value == int(c.value) for key, _, c in levels):
        stated = say("view.ov.stated_same")
    elif levels:
        parts = say("view.sep").join(say(f"view.ov.n.{name}", n=number(c)) for _, name, c in levels)
        stated = say("view.ov.stated_other", parts=parts)
    else:
        stated = ""
    evidence: list[Evidence | None] = [c.evidence for _, _, c in levels]
    if not f.get("items"):
        return _sentence(say("view.ov.found_none", stated=stated), evidence)
    text = say(
        "view.ov.found",
        areas=f.get("areas", 0),
        items=f.get("items", 0),
        problems=f.get("problems", 0),
        stated=stated,
    )
    return _sentence(text, evidence + [a.evidence for a in summary.areas])


def _statuses(summary: ReportSummary) -> OverviewSentence | None:
    counts = status_breakdown(summary)
    if not sum(counts.values()):
        return None
    parts = say("view.sep").join(say(f"view.ov.status.{k}", n=n) for k, n in counts.items() if n)
    said = [(state, summary.stated_counts[state]) for state in STATES if state in summary.stated_counts]
    stated = ""
    if said:
        stated = say(
            "view.ov.statuses_stated",
            parts=say("view.sep").join(say(f"view.stated.{state}") + " " + number(c) for state, c in said),
        )
    evidence: list[Evidence | None] = [ev for status, ev in problems(summary) if status is not Status.unknown]
    return _sentence(
        say("view.ov.statuses", parts=parts, stated=stated), evidence + [c.evidence for _, c in said]
    )


def _outstanding(summary: ReportSummary) -> OverviewSentence | None:
    items = summary.outstanding
    if not items:
        return None
    first = deadlines.earliest(items)
    undated = sum(1 for o in items if deadlines.parse_day(o.deadline) is None)
    late = sum(1 for o in items if o.overdue_at_publication)
    text = say(
        "view.ov.outstanding",
        n=len(items),
        deadline=say("view.ov.earliest", date=say_date(first.deadline)) if first and first.deadline else "",
        undated=say("view.ov.undated", n=undated) if undated and first is not None else "",
        overdue=say("view.ov.overdue_at_publication", n=late) if late else "",
    )
    evidence: list[Evidence | None] = [o.evidence for o in items]
    if first is not None:
        evidence.append(first.deadline_evidence)
    if late:
        evidence.append(summary.meta.evidence.get("published_date"))
    return _sentence(text, evidence)


def _discipline(summary: ReportSummary) -> OverviewSentence | None:
    d = summary.discipline
    if d.people is None and not d.counts:
        return None
    parts = say("view.sep").join(say("view.ov.kind_people", kind=k, n=n) for k, n in d.counts.items())
    if d.people is None:
        text = say("view.ov.discipline_only_kinds", parts=parts)
    else:
        kinds = say("view.ov.discipline_kinds", parts=parts) if parts else ""
        text = say("view.ov.discipline", people=d.people, kinds=kinds)
    return _sentence(text, list(d.evidence))
