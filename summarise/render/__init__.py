"""Views of a ReportSummary: terminal text, Markdown, JSON (and HTML, see render/html.py)."""

from __future__ import annotations

from ..models import ReportSummary, Status

STATUS_ZH = {
    Status.done: "已完成",
    Status.in_progress: "推进中",
    Status.long_term: "长期",
    Status.unknown: "未说明",
}

FORMATS = ("text", "md", "json", "html")

# Meta fields in reading order with their Chinese labels, shared by every view.
META_LABELS = [
    ("title", "标题"),
    ("unit", "被巡察单位"),
    ("inspector", "巡察组"),
    ("inspection_kind", "巡察类型"),
    ("inspection_round", "轮次"),
    ("inspection_start", "巡察开始"),
    ("inspection_end", "巡察结束"),
    ("feedback_date", "反馈日期"),
    ("published_date", "落款日期"),
    ("page_date", "网页发布"),
    ("issuer", "发布单位"),
]


def to_json(summary: ReportSummary) -> str:
    return summary.model_dump_json(indent=2) + "\n"


def counts_line(summary: ReportSummary) -> str:
    f = summary.found_counts
    line = f"{f.get('areas', 0)} 个方面 · {f.get('items', 0)} 项 · {f.get('problems', 0)} 个问题"
    stated = summary.stated_counts
    if stated:
        parts = [f"{k}={v.text}{v.unit or ''}" for k, v in stated.items()]
        line += f"（通报自述：{', '.join(parts)}）"
    return line
