"""Figures with the same label in both reports, side by side; stated and found counts compared.

A label is the words before a number (现共有高新技术企业 66家). Years and words such as 现有/目前/累计 are
dropped so that the same quantity in two rounds gets the same label (2020年现有高新技术企业 →
高新技术企业). A label may occur several times in a report (同比 1.5% … 同比 1.0%); such occurrences are
paired by their exact wording, or inside a recurring problem, and otherwise left out rather than guessed.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Literal

from ..models import Figure, ReportSummary
from .models import CountDelta, FigureDelta, FigureRef
from .problems import Unit

_YEARS = re.compile(
    r"^(?:截至|截止|自|从)?\d{4}(?:年)?(?:(?:至|到|-|—|和|、)\d{4}年?)*(?:年)?"
    r"(?:底|末|初|以来|上半年|下半年|前三季度|[一二三四1-4]季度|全年|度)?"
)
_MONTHS = re.compile(r"^\d{1,2}月(?:份|底|末|初)?(?:以来)?")
_LEAD = re.compile(
    r"^(?:截至目前|截止目前|目前|当前|至今|现共有|现有|现|共有|其中|已|累计|共|全年|今年|去年|年内|累积|的)"
)
# Shares and rates relative to something else are meaningless without their sentence.
_RELATIVE = re.compile(r"^(?:占|同比|环比|较|比|增幅|增速|分别|和|及|与|或)")
# Two-character labels (学习, 复评, 总数) name nothing in particular; pairing them across reports pairs noise.
_HAS_WORD = re.compile(r"[\u4e00-\u9fffA-Za-z]{3,}")


def label_key(label: str) -> str | None:
    """The comparable part of a figure's label, or None when nothing meaningful is left."""
    text = label.strip()
    while True:
        before = text
        for pattern in (_YEARS, _MONTHS, _LEAD):
            text = pattern.sub("", text).strip()
        if text == before:
            break
    if not text or _RELATIVE.match(text) or not _HAS_WORD.search(text):
        return None
    return text


Key = tuple[str, str | None]  # (label without years and filler, unit)


@dataclass(frozen=True)
class _Occ:
    """One figure in one report: where it sits (the problem unit) and how its label reads."""

    raw: str
    key: Key
    unit: int
    figure: Figure


def _occurrences(units: list[Unit]) -> list[_Occ]:
    """Every comparable figure once; an item's figures, shared by its sub-problems, go to the first."""
    seen: set[tuple[int, int]] = set()
    out = []
    for n, u in enumerate(units):
        for f in u.figures:
            span = (f.evidence.start, f.evidence.end)
            key = label_key(f.label)
            if span in seen or key is None:
                continue
            seen.add(span)
            out.append(_Occ(f.label.strip(), (key, f.unit), n, f))
    return out


def _pair_unique(olds: list[_Occ], news: list[_Occ], by: Callable[[_Occ], object]) -> list[tuple[_Occ, _Occ]]:
    """Pairs of occurrences whose grouping value occurs exactly once on each side."""
    a: dict[object, list[_Occ]] = defaultdict(list)
    b: dict[object, list[_Occ]] = defaultdict(list)
    for o in olds:
        a[by(o)].append(o)
    for o in news:
        b[by(o)].append(o)
    return [(a[k][0], b[k][0]) for k in a if len(a[k]) == 1 and len(b.get(k, ())) == 1]


def _raw(o: _Occ) -> object:
    return (o.raw, o.key[1])


def _key(o: _Occ) -> object:
    return o.key


def compare_figures(
    old_units: list[Unit], new_units: list[Unit], pairs: list[tuple[int, int]]
) -> tuple[list[FigureDelta], int]:
    """Paired figures (changed first, then in OLD's order) and how many shared labels were left unpaired.

    Most specific first: the label exactly as written, unique in each report; then the normalised label,
    unique in each report; then, inside each recurring problem pair, the same two steps and finally the
    order of occurrence when both sides have as many. Whatever is still ambiguous is not guessed.
    """
    olds, news = _occurrences(old_units), _occurrences(new_units)
    taken: set[int] = set()  # ids of paired occurrences, both sides
    deltas: list[FigureDelta] = []

    def take(found: list[tuple[_Occ, _Occ]], scope: Literal["report", "problem"]) -> None:
        for o, n in found:
            if id(o) not in taken and id(n) not in taken:
                taken.update((id(o), id(n)))
                deltas.append(_delta(o, n, scope))

    def free(occs: list[_Occ]) -> list[_Occ]:
        return [o for o in occs if id(o) not in taken]

    for by in (_raw, _key):
        take(_pair_unique(free(olds), free(news), by), "report")
    for i, j in pairs:
        a = [o for o in free(olds) if o.unit == i]
        b = [o for o in free(news) if o.unit == j]
        for by in (_raw, _key):
            take(_pair_unique(free(a), free(b), by), "problem")
        for key in dict.fromkeys(o.key for o in free(a)):
            xs, ys = [o for o in free(a) if o.key == key], [o for o in free(b) if o.key == key]
            if xs and len(xs) == len(ys):
                take(list(zip(xs, ys, strict=True)), "problem")
    deltas.sort(key=lambda d: (d.change == 0, d.old.evidence.start))
    left = {o.key for o in free(olds)} & {o.key for o in free(news)}
    return deltas, len(left)


def _delta(old: _Occ, new: _Occ, scope: Literal["report", "problem"]) -> FigureDelta:
    a, b = old.figure, new.figure
    change = round(b.value - a.value, 6)
    pct = round(change / a.value * 100, 1) if a.value else None
    return FigureDelta(
        label=old.key[0],
        unit=old.key[1],
        old=FigureRef(label=old.raw, value=a.value, text=a.text, evidence=a.evidence),
        new=FigureRef(label=new.raw, value=b.value, text=b.text, evidence=b.evidence),
        change=change,
        change_pct=pct,
        scope=scope,
    )


def compare_counts(old: ReportSummary, new: ReportSummary) -> list[CountDelta]:
    """What each report says about itself (stated), then what the engine found, key by key."""
    out: list[CountDelta] = []
    for key in _ordered(old.stated_counts, new.stated_counts):
        a, b = old.stated(key), new.stated(key)
        out.append(CountDelta(key=key, kind="stated", old=a, new=b, change=_change(a, b)))
    for key in _ordered(old.found_counts, new.found_counts):
        fa, fb = old.found_counts.get(key), new.found_counts.get(key)
        a2 = float(fa) if fa is not None else None
        b2 = float(fb) if fb is not None else None
        out.append(CountDelta(key=key, kind="found", old=a2, new=b2, change=_change(a2, b2)))
    return out


def _ordered(a: Mapping[str, object], b: Mapping[str, object]) -> list[str]:
    return list(a) + [k for k in b if k not in a]


def _change(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None else round(b - a, 6)
