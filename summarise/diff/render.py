"""Views of a DiffResult: plain text, Markdown, JSON and a self-contained HTML page.

Recurring problems come first in every view: they are the question the diff exists to answer.
Text and Markdown are plain strings (no colour codes) so they can be piped, saved and compared.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..models import Evidence
from ..render import META_ZH, STATUS_ZH, Views, md_escape, strip_controls, to_json
from .html import to_html
from .models import DiffResult, ProblemState
from .wording import (
    OUTSTANDING_ZH,
    STATE_ZH,
    by_state,
    count_label,
    count_value,
    figure_change,
    heading,
    measures_line,
    outstanding_note,
    overview,
    problem_label,
)


def _ref(ev: Evidence) -> str:
    return f"[{ev.start}–{ev.end}]"


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# ---- text ----------------------------------------------------------------------------------------


def to_text(result: DiffResult) -> str:
    out: list[str] = [heading(result), ""]
    for side, meta, src in (("旧", result.old, result.old_source), ("新", result.new, result.new_source)):
        date = meta.published_date or meta.page_date or "日期不详"
        out.append(f"{side}  {date}  {meta.inspector or ''}  {src.path or '<stdin>'}".rstrip())
    out += ["", overview(result), ""]
    if result.warnings:
        out += [f"⚠ {w.code}: {w.message}" for w in result.warnings] + [""]

    out.append("基本信息")
    for m in result.meta:
        if m.old or m.new:
            value = (m.old or "—") if m.same else f"{m.old or '—'} → {m.new or '—'}"
            out.append(f"  {META_ZH.get(m.field, m.field)}：{value}")
    out.append("")

    recurring = by_state(result, ProblemState.recurring)
    out.append(f"‼ 再次出现的问题（屡改屡犯？）{len(recurring)}")
    for p in recurring:
        assert p.old and p.new
        flag = "  ★ 上轮已报整改完成" if p.reported_done_before else ""
        out.append(
            f"  [{p.score:.2f}] 旧 {p.old.path} {_short(problem_label(p.old))} [{STATUS_ZH[p.old.status]}] {_ref(p.old.evidence)}"
        )
        same = problem_label(p.old) == problem_label(p.new)
        new_label = "（同上）" if same else _short(problem_label(p.new))
        out.append(
            f"         新 {p.new.path} {new_label} [{STATUS_ZH[p.new.status]}] {_ref(p.new.evidence)}{flag}"
        )
        if p.measures:
            out.append(f"         {measures_line(p)}")
    for state, mark in ((ProblemState.new, "+"), (ProblemState.dropped, "−")):
        group = by_state(result, state)
        out += ["", f"{mark} {STATE_ZH[state]}的问题 {len(group)}"]
        for p in group:
            ref = p.new if state == ProblemState.new else p.old
            assert ref
            side = "新" if state == ProblemState.new else "旧"
            out.append(
                f"  {side} {ref.path} {_short(problem_label(ref))} [{STATUS_ZH[ref.status]}] {_ref(ref.evidence)}"
            )

    if result.outstanding:
        out += ["", "尚需整改事项（旧通报所列）"]
        for o in result.outstanding:
            overdue = " · 逾期" if o.overdue else ""
            out.append(f"  {o.item}  时限 {o.deadline or '—'}  {OUTSTANDING_ZH[o.state]}{overdue}")
            out.append(f"      {outstanding_note(o)}")

    changed = [f for f in result.figures if f.change != 0]
    out += ["", f"数据变化 {len(changed)}（同名数据共 {len(result.figures)} 项）"]
    for f in changed:
        out.append(f"  {f.label}  {f.old.text} → {f.new.text}  {figure_change(f)}")

    if result.counts:
        out += ["", "数字对比"]
        for c in result.counts:
            out.append(f"  {count_label(c)}  {count_value(c.old)} → {count_value(c.new)}")
    # Report text goes to a terminal: control characters (an ESC sequence in a web copy) must not act.
    return strip_controls("\n".join(out)) + "\n"


# ---- Markdown ------------------------------------------------------------------------------------


def _md(text: str | None) -> str:
    """Cell text that cannot break a table row or become markup: HTML is entity-escaped (renderers that
    pass raw HTML through ignore backslashes), Markdown punctuation backslash-escaped."""
    return "—" if text is None else md_escape(text)


def _rows(header: Iterable[str], rows: Iterable[Iterable[str]]) -> list[str]:
    head = list(header)
    out = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    out += ["| " + " | ".join(row) + " |" for row in rows]
    return out + [""]


def to_markdown(result: DiffResult) -> str:
    out = [f"# {_md(heading(result))}", "", f"**概览**：{_md(overview(result))}", ""]
    if result.warnings:
        out += ["## ⚠ 提示", ""] + [f"- `{w.code}` {_md(w.message)}" for w in result.warnings] + [""]
    out += ["## 基本信息", ""]
    out += _rows(
        ["字段", "旧", "新"],
        ([META_ZH.get(m.field, m.field), _md(m.old), _md(m.new) + ("" if m.same else " **≠**")] for m in result.meta
         if m.old or m.new),
    )  # fmt: skip

    recurring = by_state(result, ProblemState.recurring)
    out += [f"## ‼ 再次出现的问题（{len(recurring)}）", ""]
    rows = []
    for p in recurring:
        assert p.old and p.new
        flag = " ★上轮已报完成" if p.reported_done_before else ""
        rows.append([
            f"{p.score:.2f}",
            f"{p.old.path} {_md(problem_label(p.old))} `{STATUS_ZH[p.old.status]}` <sub>{_ref(p.old.evidence)}</sub>",
            f"{p.new.path} {_md(problem_label(p.new))} `{STATUS_ZH[p.new.status]}` <sub>{_ref(p.new.evidence)}</sub>{flag}",
            _md(measures_line(p)) if p.measures else "—",
        ])  # fmt: skip
    out += _rows(["相似度", "旧", "新", "措施"], rows)
    for state in (ProblemState.new, ProblemState.dropped):
        group = by_state(result, state)
        out += [f"## {STATE_ZH[state]}的问题（{len(group)}）", ""]
        for p in group:
            ref = p.new or p.old
            assert ref
            out.append(
                f"- {ref.path} {_md(problem_label(ref))} `{STATUS_ZH[ref.status]}` <sub>{_ref(ref.evidence)}</sub>"
            )
        out.append("")

    if result.outstanding:
        out += ["## 尚需整改事项（旧通报所列）", ""]
        out += _rows(
            ["事项", "完成时限", "状态", "逾期", "新通报中"],
            ([_md(o.item), o.deadline or "—", OUTSTANDING_ZH[o.state], {True: "**逾期**", False: "否", None: "不详"}[o.overdue],
              _md(outstanding_note(o))] for o in result.outstanding),
        )  # fmt: skip
    if result.figures:
        out += ["## 数据对比", ""]
        out += _rows(
            ["数据", "旧", "新", "变化"],
            ([_md(f.label), _md(f.old.text), _md(f.new.text), _md(figure_change(f))] for f in result.figures),
        )
    if result.counts:
        out += ["## 数字对比", ""]
        out += _rows(
            ["项目", "旧", "新", "变化"],
            (
                [count_label(c), count_value(c.old), count_value(c.new), count_value(c.change)]
                for c in result.counts
            ),
        )
    src = f"旧 sha256 {result.old_source.sha256[:12]}… · 新 sha256 {result.new_source.sha256[:12]}…"
    out.append(f"_阈值 {result.options.threshold:g}；{src}；偏移为各自源文本的字符位置。_")
    return "\n".join(out) + "\n"


DIFF_VIEWS: Views[DiffResult] = Views({"text": to_text, "md": to_markdown, "json": to_json, "html": to_html})
