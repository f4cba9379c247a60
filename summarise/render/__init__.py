"""Views of a ReportSummary: terminal text, Markdown, JSON (and HTML, see render/html.py).

This module is what every view shares (labels, the JSON view, the format registry); the views of a
summary by format name are in render/views.py.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Generic, TypeVar

from pydantic import BaseModel

from ..errors import UsageError
from ..models import Meta, ReportSummary, Status

T = TypeVar("T")

STATUS_ZH = {
    Status.done: "已完成",
    Status.in_progress: "推进中",
    Status.long_term: "长期",
    Status.unknown: "未说明",
}

# The meta fields, in Meta's order (the reading order): every view, the diff, the archive index and
# overview.csv take the field list from here: the text fields. The rest (`evidence`, `dates_inferred`,
# `dates_reconstructed`, the lists of inspectors, units and villages, `round_level`) are about them.
META_FIELDS: tuple[str, ...] = tuple(
    name for name, info in Meta.model_fields.items() if info.annotation == str | None
)
# Their Chinese labels, shared by every view (a test checks that each field has one).
META_ZH = {
    "title": "标题",
    "unit": "被巡察单位",
    "inspector": "巡察组",
    "inspection_kind": "巡察类型",
    "inspection_round": "轮次",
    "inspection_start": "巡察开始",
    "inspection_end": "巡察结束",
    "feedback_date": "反馈日期",
    "published_date": "落款日期",
    "page_date": "网页发布",
    "issuer": "发布单位",
}
META_LABELS = [(name, META_ZH.get(name, name)) for name in META_FIELDS]


# Report text is untrusted: a web copy can carry terminal escape sequences (ESC [ 5 m, an OSC 8 link)
# and markup. Whole ESC sequences go first, so no "[5m" residue is left, then any other control.
_ESCAPE_SEQUENCE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]|\x9b[0-?]*[ -/]*[@-~]"  # CSI: colours, cursor moves, blinking
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC: window titles, hyperlinks
    r"|\x1b[ -/]*[0-~]"  # the rest: resets, character sets
)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def strip_controls(text: str) -> str:
    """Text safe to print on a terminal: no escape sequences, no control characters (\n and \t stay)."""
    return _CONTROL.sub("", _ESCAPE_SEQUENCE.sub("", text))


def md_escape(text: str) -> str:
    """Report text as Markdown that cannot become markup or break a table row: HTML entity-escaped
    (renderers that pass raw HTML through ignore backslashes), Markdown punctuation backslash-escaped."""
    text = " ".join(strip_controls(text).split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    for ch in "\\|*_`[]#":
        text = text.replace(ch, "\\" + ch)
    return text


def to_json(result: BaseModel) -> str:
    return result.model_dump_json(indent=2) + "\n"


class Views(Generic[T]):
    """The views of one kind of result by format name, in the order `choose …` lists them.

    The one format dispatch: `report` (render/views.py), `diff` (diff/render.py) and `search`
    (archive/present.py) each hold one of these, so the CLI checks and renders every format alike.
    """

    def __init__(self, views: dict[str, Callable[[T], str]]) -> None:
        self._views = views

    def check(self, fmt: str) -> None:
        """Raise UsageError for a format there is no view in, before any work is done."""
        if fmt not in self._views:
            raise UsageError(f"unknown format {fmt!r}; choose {', '.join(self._views)}")

    def render(self, result: T, fmt: str) -> str:
        self.check(fmt)
        return self._views[fmt](result)


def counts_line(summary: ReportSummary) -> str:
    f = summary.found_counts
    line = f"{f.get('areas', 0)} 个方面 · {f.get('items', 0)} 项 · {f.get('problems', 0)} 个问题"
    stated = summary.stated_counts
    if stated:
        parts = [f"{k}={v.text}{v.unit or ''}" for k, v in stated.items()]
        line += f"（通报自述：{', '.join(parts)}）"
    covered = summary.coverage.get("final", summary.coverage.get("outline"))
    if covered is not None and covered < 0.9:
        # Text of the problems part that no entry covers may hold problems this summary does not list.
        line += f"；问题部分仅 {covered:.0%} 的文字归入条目"
    return line
