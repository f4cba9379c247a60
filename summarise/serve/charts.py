"""Charts as geometry: the templates draw these as inline SVG, so a chart needs no script, no library
and no network, prints, and escapes its labels like any other text on the page."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    w: float
    h: float
    cls: str
    tip: str  # shown on hover (an SVG <title>)


@dataclass(frozen=True)
class Label:
    x: float
    y: float
    text: str
    anchor: str = "middle"
    cls: str = ""


@dataclass
class Chart:
    width: int
    height: int
    title: str
    rects: list[Rect] = field(default_factory=list)
    labels: list[Label] = field(default_factory=list)
    legend: list[tuple[str, str]] = field(default_factory=list)  # (css class, label)


def columns(
    title: str,
    categories: Sequence[str],
    series: Sequence[tuple[str, str]],
    values: Sequence[dict[str, int]],
    *,
    height: int = 220,
    note: Sequence[str] | None = None,
) -> Chart:
    """Stacked columns: one per category (a year), one band per series (a status, an area kind).

    `series` is (key, label); `values[i][key]` the amount of that series in category i; `note[i]` an
    optional text above column i (a completion rate).
    """
    pad_left, pad_bottom, pad_top = 36, 28, 22
    col, gap = 46, 18
    width = max(pad_left + len(categories) * (col + gap) + gap, 240)
    chart = Chart(width, height, title, legend=[(f"k-{key}", label) for key, label in series])
    top = max((sum(v.values()) for v in values), default=0) or 1
    plot = height - pad_bottom - pad_top
    for tick in (0, top // 2, top) if top > 1 else (0, top):
        y = pad_top + plot - plot * tick / top
        chart.labels.append(Label(pad_left - 6, y + 4, str(tick), "end", "axis"))
    for i, (category, amounts) in enumerate(zip(categories, values, strict=True)):
        x = pad_left + gap + i * (col + gap)
        y = pad_top + plot
        for key, label in series:
            n = amounts.get(key, 0)
            if not n:
                continue
            h = plot * n / top
            y -= h
            chart.rects.append(Rect(x, y, col, h, f"k-{key}", f"{category} · {label}：{n}"))
        total = sum(amounts.values())
        chart.labels.append(Label(x + col / 2, height - pad_bottom + 16, category))
        above = note[i] if note else str(total)
        chart.labels.append(Label(x + col / 2, y - 5, above, "middle", "value"))
    return chart


def bars(title: str, rows: Sequence[tuple[str, int]], *, width: int = 420) -> Chart:
    """Horizontal bars, one per row (a level, a kind of discipline), largest first as given."""
    label_w, row_h, pad = 130, 24, 8
    height = max(len(rows) * row_h + 2 * pad, 40)
    chart = Chart(width, height, title)
    top = max((n for _, n in rows), default=0) or 1
    span = width - label_w - 60
    for i, (label, n) in enumerate(rows):
        y = pad + i * row_h
        w = max(span * n / top, 1.0)
        chart.labels.append(Label(label_w - 8, y + 16, label, "end"))
        chart.rects.append(Rect(label_w, y + 4, w, row_h - 8, "k-bar", f"{label}：{n}"))
        chart.labels.append(Label(label_w + w + 6, y + 16, str(n), "start", "value"))
    return chart
