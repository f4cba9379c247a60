"""A readable terminal view (rich): overview and status breakdown, meta, counts, areas → items →
measures, outstanding items (逾期 as of a date), discipline."""

from __future__ import annotations

import io

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from ..deadlines import overdue
from ..i18n import say
from ..models import Figure, Measure, ReportSummary, Status
from . import (
    META_ZH,
    ViewOptions,
    counts_line,
    display_title,
    figure_text,
    measure_deadline,
    meta_lists,
    overview_text,
    status_label,
    statuses,
    strip_controls,
)

_STYLE = {Status.done: "green", Status.in_progress: "yellow", Status.long_term: "cyan", Status.unknown: "dim"}
_MAX = 60


def _plain(text: str) -> str:
    """Report text as it may reach a terminal: no escape sequences or control characters."""
    return strip_controls(text)


def _badge(status: Status) -> Text:
    return Text(f"[{status_label(status)}]", style=_STYLE[status])


class _Writer:
    """What the options change: whole texts or cut ones."""

    def __init__(self, options: ViewOptions) -> None:
        self.options = options

    def short(self, text: str, limit: int = _MAX) -> str:
        text = _plain(text)
        if self.options.full or len(text) <= limit:
            return text
        return text[: limit - 1] + "…"

    def measure(self, ms: Measure) -> Text:
        due = measure_deadline(ms, self.options.as_of)
        if self.options.full:
            return Text("· " + _plain(ms.text) + due, style="dim")
        return Text("· " + self.short(ms.text) + due, style="dim", no_wrap=True, overflow="ellipsis")

    def figures(self, figures: list[Figure]) -> Text:
        shown = say("view.list_sep").join(_plain(figure_text(f.label, f.text, f.direction)) for f in figures)
        return Text(say("view.figures", figures=shown), style="dim")


def _head(summary: ReportSummary) -> Panel:
    m = summary.meta
    meta = Table.grid(padding=(0, 2))
    meta.add_column(style="bold")
    meta.add_column(overflow="fold")  # a long run of Chinese has no space to wrap at: fold, never cut
    span = say("view.meta.range", start=m.inspection_start, end=m.inspection_end)
    rows = [
        (META_ZH["unit"], m.unit),
        (META_ZH["inspector"], m.inspector),
        (META_ZH["inspection_kind"], m.inspection_kind),
        (META_ZH["inspection_round"], m.inspection_round),
        (
            say("view.meta.inspection_time"),
            span if m.inspection_start and m.inspection_end else m.inspection_start or m.inspection_end,
        ),
        (META_ZH["feedback_date"], m.feedback_date),
        (say("view.meta.signed"), " ".join(x for x in (m.issuer, m.published_date) if x) or None),
    ]
    rows += [(label, say("view.sep").join(values)) for label, values in meta_lists(m)]
    rows.append((say("view.h.counts"), counts_line(summary)))
    for label, value in rows:
        if value:
            meta.add_row(label, Text(_plain(value)))  # Text: report words are never rich markup
    tally = Text(say("view.h.statuses") + say("view.colon"), style="bold")
    for n, (status, count) in enumerate(statuses(summary)):
        if n:
            tally.append(" · ")
        tally.append(f"{status_label(status)} {count}", style=_STYLE[status])
    body = Group(Text(_plain(overview_text(summary))), Text(""), tally, Text(""), meta)
    return Panel(body, title=Text(display_title(summary), style="bold"), expand=False)


def _areas(summary: ReportSummary, w: _Writer, measures: bool) -> Tree:
    tree = Tree(Text(say("view.h.areas"), style="bold"))
    for i, area in enumerate(summary.areas, 1):
        title = _plain(area.title) if area.title else say("view.untitled_area")
        branch = tree.add(Text(f"{i}. {title}", style="bold magenta"))
        for item in area.items:
            node = branch.add(
                Text(w.short(item.named_problem or item.title)) + Text(" ") + _badge(item.status)
            )
            if measures and w.options.full and item.figures:  # many per item: whole view only
                node.add(w.figures(item.figures))
            for p in item.problems:
                label = say("view.problem", text=w.short(p.named_problem or p.title))
                pnode = node.add(Text(label) + Text(" ") + _badge(p.status))
                if measures:
                    if w.options.full and p.figures:
                        pnode.add(w.figures(p.figures))
                    for ms in p.measures:
                        pnode.add(w.measure(ms))
            if measures:
                for ms in item.measures:
                    node.add(w.measure(ms))
        if measures:
            for ms in area.measures:
                branch.add(w.measure(ms))
    return tree


def _outstanding(summary: ReportSummary, options: ViewOptions) -> Table:
    table = Table(
        title=say("view.h.outstanding"),
        title_justify="left",
        caption=say("view.as_of", date=options.as_of.isoformat()),
        caption_justify="left",
    )
    table.add_column(say("view.col.item"))
    table.add_column(say("view.col.deadline"))
    table.add_column(say("view.col.status"))
    for o in summary.outstanding:
        state = _badge(o.status)
        if overdue(o.deadline, o.status, options.as_of):
            state.append(" " + say("view.overdue"), style="bold red")
        table.add_row(Text(_plain(o.item)), Text(_plain(o.deadline or "—")), state)
    return table


def build(summary: ReportSummary, options: ViewOptions | None = None, measures: bool = True) -> Group:
    options = options or ViewOptions()
    w = _Writer(options)
    parts: list[RenderableType] = [_head(summary)]
    if summary.warnings:
        warn = Text()
        for wn in summary.warnings:
            warn.append(f"⚠ {_plain(wn.message)}\n", style="yellow")
        parts.append(warn)
    parts.append(_areas(summary, w, measures))
    if summary.outstanding:
        parts.append(_outstanding(summary, options))
    d = summary.discipline
    if d.people is not None or d.counts:
        said = [say("view.people_total", n=d.people)] if d.people is not None else []
        said += [say("view.people_kind", kind=_plain(k), n=v) for k, v in d.counts.items()]
        parts.append(Text(say("view.discipline_line", text=say("view.list_sep").join(said))))
    if summary.next_steps:
        steps = say("view.list_sep").join(w.short(t.title or t.text, 30) for t in summary.next_steps)
        parts.append(Text(say("view.next_steps", steps=steps)))
    if summary.contact and (summary.contact.phone or summary.contact.email):
        contact = say("view.list_sep").join(summary.contact.phone + summary.contact.email)
        parts.append(Text(_plain(say("view.contact", contact=contact)), style="dim"))
    return Group(*parts)


def render(summary: ReportSummary, console: Console, options: ViewOptions | None = None) -> None:
    console.print(build(summary, options))


def to_text(summary: ReportSummary, options: ViewOptions | None = None) -> str:
    """The same view as plain text, 100 columns wide and without colour codes, for a file."""
    buf = io.StringIO()
    render(summary, Console(file=buf, width=100, no_color=True, force_terminal=False), options)
    return buf.getvalue()
