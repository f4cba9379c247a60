"""Markdown for pasting into notes and tickets; every item keeps its source offsets."""

from __future__ import annotations

from ..models import Evidence, ReportSummary
from . import META_LABELS, STATUS_ZH, counts_line, md_escape


def _ref(ev: Evidence) -> str:
    return f"<sub>[{ev.start}–{ev.end}]</sub>" if ev.verified else f"<sub>[{ev.start}–{ev.end} 未核验]</sub>"


_esc = md_escape  # report text is untrusted: never live HTML or Markdown in the output


def render(summary: ReportSummary) -> str:
    m = summary.meta
    out: list[str] = [f"# {_esc(m.title or m.unit or '巡察整改通报摘要')}", ""]
    out += ["| 字段 | 内容 |", "|---|---|"]
    for key, label in META_LABELS:
        value = getattr(m, key)
        if value:
            suffix = "（年份据上下文推定）" if key in m.dates_inferred else ""
            out.append(f"| {label} | {_esc(str(value))}{suffix} |")
    out += ["", f"**规模**：{counts_line(summary)}", ""]
    if summary.warnings:
        out.append("## ⚠ 提示")
        out += [f"- `{w.code}` {_esc(w.message)}" for w in summary.warnings]
        out.append("")
    if summary.organisation:
        out.append("## 整改组织")
        out += [f"- {_esc(t.title or t.text)} {_ref(t.evidence)}" for t in summary.organisation]
        out.append("")
    out.append("## 问题与整改")
    for i, area in enumerate(summary.areas, 1):
        out.append(f"### {i}. {_esc(area.title or '（未分方面）')} {_ref(area.evidence)}")
        for item in area.items:
            named = f" —— 问题：{_esc(item.named_problem)}" if item.named_problem else ""
            out.append(f"- **{_esc(item.title)}**{named} `{STATUS_ZH[item.status]}` {_ref(item.evidence)}")
            for p in item.problems:
                out.append(
                    f"  - 问题：{_esc(p.named_problem or p.title)} `{STATUS_ZH[p.status]}` {_ref(p.evidence)}"
                )
                out += [f"    - {_esc(ms.text)} {_ref(ms.evidence)}" for ms in p.measures]
            out += [f"  - {_esc(ms.text)} {_ref(ms.evidence)}" for ms in item.measures]
            if item.figures:
                out.append("  - 数据：" + "；".join(_esc(f"{f.label} {f.text}") for f in item.figures))
        out += [f"- {_esc(ms.text)} {_ref(ms.evidence)}" for ms in area.measures]
        out.append("")
    if summary.outstanding:
        out += ["## 尚需整改事项", "", "| 事项 | 完成时限 | 状态 |", "|---|---|---|"]
        out += [
            f"| {_esc(o.item)} {_ref(o.evidence)} | {_esc(o.deadline or '—')} | {STATUS_ZH[o.status]} |"
            for o in summary.outstanding
        ]
        out.append("")
    d = summary.discipline
    if d.people is not None or d.counts:
        out.append("## 问责处理")
        if d.people is not None:
            out.append(f"- 共处理 {d.people} 人")
        out += [f"- {_esc(k)}：{v} 人" for k, v in d.counts.items()]
        out.append("")
    if summary.next_steps:
        out.append("## 下一步")
        out += [f"- {_esc(t.title or t.text)} {_ref(t.evidence)}" for t in summary.next_steps]
        out.append("")
    if summary.contact:
        c = summary.contact
        out.append("## 联系方式")
        out += [f"- 电话：{_esc(p)}" for p in c.phone] + [f"- 邮箱：{_esc(e)}" for e in c.email]
        if c.address:
            out.append(f"- 地址：{_esc(c.address)}")
        out.append("")
    out.append(
        f"_引擎：{summary.engine.name} {summary.engine.version}；来源 sha256 {summary.source.sha256[:12]}…；偏移为源文本字符位置。_"
    )
    return "\n".join(out) + "\n"
