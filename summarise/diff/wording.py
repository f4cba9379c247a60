"""The diff's wording shared by every view (text, Markdown, HTML): Chinese labels and the phrases built
from them, so the views say the same thing the same way."""

from __future__ import annotations

from ..render import STATUS_ZH
from .models import (
    CountDelta,
    DiffResult,
    FigureDelta,
    MeasureState,
    OutstandingDiff,
    OutstandingState,
    ProblemDiff,
    ProblemRef,
    ProblemState,
)

STATE_ZH = {ProblemState.recurring: "再次出现", ProblemState.new: "新出现", ProblemState.dropped: "不再提及"}
OUTSTANDING_ZH = {
    OutstandingState.closed: "已完成",
    OutstandingState.open: "仍未完成",
    OutstandingState.not_mentioned: "未提及",
}
MATCH_KIND_ZH = {"outstanding": "尚需整改事项", "problem": "问题", "measure": "整改措施"}
COUNT_ZH = {
    "areas": "方面", "items": "项", "problems": "问题", "suggestions": "意见建议", "measures": "整改措施",
    "completed": "已完成", "basically_completed": "基本完成", "partially_completed": "阶段性完成",
    "in_progress": "正在整改", "completion_rate": "完成率", "rules_made": "建章立制", "money_recovered": "挽回资金",
    "clues": "问题线索", "named_problems": "具名问题", "done": "已完成", "outstanding": "尚需整改事项",
}  # fmt: skip


# ---- phrases -------------------------------------------------------------------------------


def heading(result: DiffResult) -> str:
    unit = result.new.unit or result.old.unit or "（单位不详）"
    return f"巡察整改对比 · {unit}"


def overview(result: DiffResult) -> str:
    t = result.totals
    parts = [
        f"再次出现 {t.recurring}（上轮已报完成 {t.reported_done_before}）",
        f"新出现 {t.new}",
        f"不再提及 {t.dropped}",
    ]
    if result.outstanding:
        parts.append(
            f"尚需整改事项：已完成 {t.closed} · 仍未完成 {t.open} · 未提及 {t.not_mentioned} · 逾期 {t.overdue}"
        )
    parts.append(f"数据变化 {t.figures_changed}")
    return " · ".join(parts)


def problem_label(ref: ProblemRef) -> str:
    return ref.named_problem or ref.title


def measures_line(p: ProblemDiff) -> str:
    counts = {s: sum(m.state == s for m in p.measures) for s in MeasureState}
    return f"措施：保留 {counts[MeasureState.kept]} · 新增 {counts[MeasureState.new]} · 不再提及 {counts[MeasureState.dropped]}"


def outstanding_note(o: OutstandingDiff) -> str:
    if o.new is None:
        return "新通报未提及"
    return f"新通报{MATCH_KIND_ZH[o.new.kind]}：{o.new.text}（{STATUS_ZH[o.new.status]}，{o.new.score:.2f}）"


def figure_change(f: FigureDelta) -> str:
    if f.change == 0:
        return "不变"
    sign = "+" if f.change > 0 else ""
    if f.unit == "%":
        # A change between two percentages is in points; a percent of a percent would mislead.
        return f"{sign}{f.change:g}个百分点"
    pct = f"，{sign}{f.change_pct:g}%" if f.change_pct is not None else ""
    return f"{sign}{f.change:g}{f.unit or ''}{pct}"


def count_value(value: float | None) -> str:
    return "—" if value is None else f"{value:g}"


def count_label(c: CountDelta) -> str:
    return COUNT_ZH.get(c.key, c.key) + ("（自述）" if c.kind == "stated" else "（识别）")


def by_state(result: DiffResult, state: ProblemState) -> list[ProblemDiff]:
    return [p for p in result.problems if p.state == state]
