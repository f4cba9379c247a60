"""Markdown for pasting into notes and tickets: plain prose and tables, nothing a reader has to skip.

Source offsets are left out unless asked for (`offsets`); then each item gets a footnote that
names its place in the source text, which renderers show as a numbered note, not as markup.
"""

from __future__ import annotations

from ..deadlines import overdue
from ..i18n import say
from ..models import Evidence, Figure, Measure, ReportSummary
from . import (
    ViewOptions,
    counts_line,
    display_title,
    figure_text,
    md_escape,
    measure_deadline,
    meta_labels,
    meta_lists,
    overview_text,
    status_label,
    statuses,
)

_esc = md_escape  # report text is untrusted: never live HTML or Markdown in the output


class _Notes:
    """Footnotes for the evidence of each item, when offsets are asked for; nothing otherwise."""

    def __init__(self, on: bool) -> None:
        self.on = on
        self.lines: list[str] = []

    def ref(self, ev: Evidence | None) -> str:
        if not self.on or ev is None:
            return ""
        n = len(self.lines) + 1
        place = say("view.html.at", start=ev.start, end=ev.end)
        if not ev.verified:
            place += f"（{say('view.unverified')}）"
        self.lines.append(f"[^{n}]: {place}")
        return f"[^{n}]"


def render(summary: ReportSummary, options: ViewOptions | None = None) -> str:
    options = options or ViewOptions()
    notes = _Notes(options.offsets)
    ref = notes.ref

    def due(ms: Measure) -> str:
        return _esc(measure_deadline(ms, options.as_of))

    m = summary.meta
    out: list[str] = [f"# {_esc(display_title(summary))}", ""]
    out += [f"## {say('view.h.overview')}", "", _esc(overview_text(summary)), ""]
    tally = " · ".join(f"{status_label(s)} {n}" for s, n in statuses(summary))
    out += [f"**{say('view.h.statuses')}**{say('view.colon')}{tally}", ""]
    out += [f"| {say('view.col.field')} | {say('view.col.value')} |", "|---|---|"]
    for key, label in meta_labels():
        value = getattr(m, key)
        if value:
            suffix = say("view.meta.inferred") if key in m.dates_inferred else ""
            out.append(f"| {label} | {_esc(str(value))}{suffix}{ref(m.evidence.get(key))} |")
    for label, values in meta_lists(m):
        out.append(f"| {label} | {_esc(say('view.sep').join(values))} |")
    out += ["", f"**{say('view.h.counts')}**{say('view.colon')}{_esc(counts_line(summary))}", ""]
    if summary.warnings:
        out.append(f"## ⚠ {say('view.h.warnings')}")
        out += [f"- {_esc(w.message)}{ref(w.evidence)}" for w in summary.warnings]
        out.append("")
    if summary.organisation:
        out.append(f"## {say('view.h.organisation')}")
        out += [f"- {_esc(t.title or t.text)}{ref(t.evidence)}" for t in summary.organisation]
        out.append("")
    out.append(f"## {say('view.h.areas')}")
    for i, area in enumerate(summary.areas, 1):
        title = _esc(area.title) if area.title else say("view.untitled_area")
        out.append(f"### {i}. {title}{ref(area.evidence)}")
        for item in area.items:
            named = f" —— {say('view.problem', text=_esc(item.named_problem))}" if item.named_problem else ""
            out.append(f"- **{_esc(item.title)}**{named} `{status_label(item.status)}`{ref(item.evidence)}")
            for p in item.problems:
                problem = say("view.problem", text=_esc(p.named_problem or p.title))
                out.append(f"  - {problem} `{status_label(p.status)}`{ref(p.evidence)}")
                out += [f"    - {_esc(ms.text)}{due(ms)}{ref(ms.evidence)}" for ms in p.measures]
                if p.figures:
                    out.append("    - " + _figures(p.figures))
            out += [f"  - {_esc(ms.text)}{due(ms)}{ref(ms.evidence)}" for ms in item.measures]
            if item.figures:
                out.append("  - " + _figures(item.figures))
        out += [f"- {_esc(ms.text)}{due(ms)}{ref(ms.evidence)}" for ms in area.measures]
        out.append("")
    if summary.outstanding:
        out += [
            f"## {say('view.h.outstanding')}",
            "",
            f"_{say('view.as_of', date=options.as_of.isoformat())}_",
            "",
        ]
        out += [
            f"| {say('view.col.item')} | {say('view.col.deadline')} | {say('view.col.status')} |",
            "|---|---|---|",
        ]
        for o in summary.outstanding:
            state = status_label(o.status)
            if overdue(o.deadline, o.status, options.as_of):
                state += f" **{say('view.overdue')}**"
            out.append(f"| {_esc(o.item)}{ref(o.evidence)} | {_esc(o.deadline or '—')} | {state} |")
        out.append("")
    d = summary.discipline
    if d.people is not None or d.counts:
        out.append(f"## {say('view.h.discipline')}")
        if d.people is not None:
            out.append(f"- {say('view.people_total', n=d.people)}")
        out += [f"- {say('view.people_kind', kind=_esc(k), n=v)}" for k, v in d.counts.items()]
        out.append("")
    if summary.next_steps:
        out.append(f"## {say('view.h.next_steps')}")
        out += [f"- {_esc(t.title or t.text)}{ref(t.evidence)}" for t in summary.next_steps]
        out.append("")
    if summary.contact:
        c = summary.contact
        out.append(f"## {say('view.h.contact')}")
        out += [f"- {say('view.phone')}{say('view.colon')}{_esc(p)}" for p in c.phone]
        out += [f"- {say('view.email')}{say('view.colon')}{_esc(e)}" for e in c.email]
        if c.address:
            out.append(f"- {say('view.address')}{say('view.colon')}{_esc(c.address)}")
        out.append("")
    engine = f"{summary.engine.name} {summary.engine.version}"
    out.append(say("view.md.footer", engine=_esc(engine), sha=summary.source.sha256[:12]))
    if notes.lines:
        out += ["", *notes.lines]
    return "\n".join(out) + "\n"


def _figures(figures: list[Figure]) -> str:
    shown = say("view.list_sep").join(_esc(figure_text(f.label, f.text, f.direction)) for f in figures)
    return say("view.figures", figures=shown)
