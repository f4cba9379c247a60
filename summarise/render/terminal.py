"""A readable terminal view (rich): meta, counts, areas → items → measures, outstanding, discipline."""

from __future__ import annotations

import io

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from ..models import ReportSummary, Status
from . import META_ZH, STATUS_ZH, counts_line, strip_controls

_STYLE = {Status.done: "green", Status.in_progress: "yellow", Status.long_term: "cyan", Status.unknown: "dim"}
_MAX = 60


def _short(text: str, limit: int = _MAX) -> str:
    text = _plain(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _plain(text: str) -> str:
    """Report text as it may reach a terminal: no escape sequences or control characters."""
    return strip_controls(text)


def _badge(status: Status) -> Text:
    return Text(f"[{STATUS_ZH[status]}]", style=_STYLE[status])


def build(summary: ReportSummary, measures: bool = True) -> Group:
    m = summary.meta
    meta = Table.grid(padding=(0, 2))
    meta.add_column(style="bold")
    meta.add_column()
    rows = [
        (META_ZH["unit"], m.unit),
        (META_ZH["inspector"], m.inspector),
        (META_ZH["inspection_kind"], m.inspection_kind),
        (META_ZH["inspection_round"], m.inspection_round),
        ("巡察时间", " 至 ".join(x for x in (m.inspection_start, m.inspection_end) if x) or None),
        (META_ZH["feedback_date"], m.feedback_date),
        ("落款", " ".join(x for x in (m.issuer, m.published_date) if x) or None),
        ("规模", counts_line(summary)),
    ]
    for label, value in rows:
        if value:
            meta.add_row(label, Text(_plain(value)))  # Text: report words are never rich markup
    parts: list = [Panel(meta, title=Text(_plain(m.title or "巡察整改通报摘要"), style="bold"), expand=False)]

    if summary.warnings:
        warn = Text()
        for w in summary.warnings:
            warn.append(f"⚠ {_plain(w.message)}\n", style="yellow")
        parts.append(warn)

    tree = Tree(Text("问题与整改", style="bold"))
    for i, area in enumerate(summary.areas, 1):
        branch = tree.add(Text(f"{i}. {_plain(area.title or '（未分方面）')}", style="bold magenta"))
        for item in area.items:
            node = branch.add(
                Text(_short(item.named_problem or item.title)) + Text(" ") + _badge(item.status)
            )
            for p in item.problems:
                pnode = node.add(
                    Text("问题：" + _short(p.named_problem or p.title)) + Text(" ") + _badge(p.status)
                )
                if measures:
                    for ms in p.measures:
                        pnode.add(
                            Text("· " + _short(ms.text), style="dim", no_wrap=True, overflow="ellipsis")
                        )
            if measures:
                for ms in item.measures:
                    node.add(Text("· " + _short(ms.text), style="dim", no_wrap=True, overflow="ellipsis"))
        if measures:
            for ms in area.measures:
                branch.add(Text("· " + _short(ms.text), style="dim", no_wrap=True, overflow="ellipsis"))
    parts.append(tree)

    if summary.outstanding:
        table = Table(title="尚需整改事项", title_justify="left")
        table.add_column("事项")
        table.add_column("完成时限")
        table.add_column("状态")
        for o in summary.outstanding:
            table.add_row(Text(_plain(o.item)), Text(_plain(o.deadline or "—")), _badge(o.status))
        parts.append(table)

    d = summary.discipline
    if d.people is not None or d.counts:
        text = Text("问责处理：", style="bold")
        if d.people is not None:
            text.append(f"共 {d.people} 人；")
        text.append("，".join(f"{_plain(k)} {v} 人" for k, v in d.counts.items()))
        parts.append(text)
    if summary.next_steps:
        ns = Text("下一步：", style="bold")
        ns.append("；".join(_short(t.title or t.text, 30) for t in summary.next_steps))
        parts.append(ns)
    if summary.contact and (summary.contact.phone or summary.contact.email):
        parts.append(
            Text(_plain("联系方式：" + "；".join(summary.contact.phone + summary.contact.email)), style="dim")
        )
    return Group(*parts)


def render(summary: ReportSummary, console: Console) -> None:
    console.print(build(summary))


def to_text(summary: ReportSummary) -> str:
    """The same view as plain text, 100 columns wide and without colour codes, for a file."""
    buf = io.StringIO()
    render(summary, Console(file=buf, width=100, no_color=True, force_terminal=False))
    return buf.getvalue()
