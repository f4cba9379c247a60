"""The problems section: areas (方面) → items (1.) → sub-problems ((1)针对… or an unnumbered 针对… line) → measures."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..models import Area, Evidence, Item, Measure, OutstandingItem, Problem, Status
from ..outline import Heading
from .context import Context
from .sections import is_area_title
from .wording import combine, deadline_in, explicit_in, figures, named_problem, status_of

_ENUM = re.compile(
    r"(?<![\u4e00-\u9fff\w])(?:(?P<n>[一二三四五六七八九十]{1,2})是|(?P<w>首先|其次|再次|一方面|另一方面))[,:]?"
)
_CN_ORDER = "一二三四五六七八九十"
_LABEL = re.compile(r"(?:整改(?:落实)?情况|整改措施|整改进展|落实情况|整改成效|具体措施)\s*[:]\s*")
_META_LINE = re.compile(r"^(?:整改(?:状态|进度|进展|结果)|完成时限|整改时限|责任(?:单位|领导|部门|人))\s*[:]")
_UNNUMBERED_PROBLEM = re.compile(r"^针对.{2,150}问题[。.]?$")
_PROBLEM_WORDS = re.compile(
    r"问题|针对|不够|不到位|不足|不严|不力|不规范|不充分|未|差距|薄弱|滞后|欠缺|偏差|缺乏|有待"
)
_LEAD_MAX = 60
_AREA_PREFIX = re.compile(r"^(?:反馈)?问题\s*[:]\s*")


@dataclass
class _Segment:
    start: int
    end: int
    lead_start: int
    lead_end: int


def _trim(ctx: Context, start: int, end: int) -> tuple[int, int]:
    text = ctx.text
    while start < end and text[start] in " \n\t。;,":
        start += 1
    while end > start and text[end - 1] in " \n\t":
        end -= 1
    return start, end


def _segments(ctx: Context, start: int, end: int) -> list[_Segment]:
    """Split a body into measures: at 一是/二是… (in order), else at sentences; labels and meta lines skipped."""
    text = ctx.text
    spans: list[tuple[int, int]] = []
    # Lines such as 整改状态:完成 or 完成时限:… are facts about the item, not measures.
    pos = start
    for line in re.finditer(r"[^\n]+", text[start:end]):
        ls, le = start + line.start(), start + line.end()
        stripped = line.group(0).strip()
        if _META_LINE.match(stripped):
            if ls > pos:
                spans.append((pos, ls))
            pos = le
    if pos < end:
        spans.append((pos, end))
    out: list[_Segment] = []
    for s, e in spans:
        out.extend(_split_span(ctx, s, e))
    return out


def _split_span(ctx: Context, start: int, end: int) -> list[_Segment]:
    text = ctx.text
    start = _trim(ctx, start, end)[0]
    label = _LABEL.match(text, start, end)
    if label is not None:
        start = label.end()
    cuts: list[int] = []
    expected = 1
    for m in _ENUM.finditer(text, start, end):
        if m.group("n"):
            n = _CN_ORDER.index(m.group("n")[-1]) + 1 if m.group("n") in _CN_ORDER else 0
            if n == expected or (n == 1 and expected > 1):
                cuts.append(m.start())
                expected = n + 1
        elif m.group("w") in ("首先", "一方面") or cuts:
            cuts.append(m.start())
    pieces: list[tuple[int, int]] = []
    if cuts:
        if text[start : cuts[0]].strip(" \n。,;:") and len(text[start : cuts[0]].strip()) >= 8:
            pieces.append((start, cuts[0]))
        bounds = cuts + [end]
        pieces.extend(zip(bounds, bounds[1:], strict=False))
    else:
        for sentence in re.finditer(r"[^。!?\n]+[。!?]?", text[start:end]):
            if len(sentence.group(0).strip(" 。;,")) >= 4:
                pieces.append((start + sentence.start(), start + sentence.end()))
    out = []
    for s, e in pieces:
        s, e = _trim(ctx, s, e)
        if e <= s:
            continue
        lead_s = s
        enum = _ENUM.match(text, s)
        if enum and enum.start() == s:
            lead_s = enum.end()
        stop = re.compile(r"[。;!?\n]").search(text, lead_s, e)
        lead_e = stop.start() if stop and stop.start() - lead_s <= _LEAD_MAX else e
        if lead_e - lead_s > 200:
            lead_e = lead_s + 200
        lead_e = _trim(ctx, lead_s, lead_e)[1]
        while lead_e > lead_s and text[lead_e - 1] in "。;,:":
            lead_e -= 1
        out.append(_Segment(s, e, lead_s, lead_e))
    return out


def measures(ctx: Context, start: int, end: int) -> list[Measure]:
    return [
        Measure(
            text=ctx.text[seg.lead_start : seg.lead_end],
            status=status_of(ctx.text[seg.start : seg.end]),
            evidence=ctx.ev(seg.start, seg.end),
        )
        for seg in _segments(ctx, start, end)
        if seg.lead_end > seg.lead_start
    ]


def _heading_evidence(ctx: Context, h: Heading) -> Evidence:
    return ctx.ev(h.start, h.title_end)


def _status(ctx: Context, start: int, end: int, parts: list[Status]) -> Status:
    explicit = explicit_in(ctx.text[start:end])
    return explicit if explicit is not None else combine(parts)


def _problem(ctx: Context, title: str, title_span: tuple[int, int], body: tuple[int, int]) -> Problem:
    ms = measures(ctx, *body)
    return Problem(
        title=title,
        named_problem=named_problem(title),
        status=_status(ctx, *body, [m.status for m in ms]),
        evidence=ctx.ev(*title_span),
        measures=ms,
        figures=figures(ctx, *body),
    )


def _item(ctx: Context, h: Heading) -> Item:
    problems: list[Problem] = []
    body_measures: list[Measure] = []
    children_are_problems = bool(h.children) and any(_PROBLEM_WORDS.search(c.title) for c in h.children)
    if children_are_problems:
        for child in h.children:
            problems.append(
                _problem(ctx, child.title, (child.start, child.title_end), (child.title_end, child.end))
            )
        body_measures = measures(ctx, h.body_start, h.own_end)
    else:
        own_lines = ctx.outline.body(h.body_start, h.own_end)
        first = next((ln for ln in own_lines if _UNNUMBERED_PROBLEM.match(ln.text)), None)
        if first is not None:
            marks = [ln for ln in own_lines if _UNNUMBERED_PROBLEM.match(ln.text)]
            bounds = [ln.start for ln in marks] + [h.own_end]
            body_measures = measures(ctx, h.body_start, first.start)
            for ln, nxt in zip(marks, bounds[1:], strict=False):
                title = ln.text.rstrip("。.")
                problems.append(_problem(ctx, title, (ln.start, ln.start + len(title)), (ln.end, nxt)))
        else:
            body_measures = measures(ctx, h.body_start, h.own_end)
        for child in h.children:
            # Numbered sub-points that are not problems are measures of the item.
            body_measures.append(
                Measure(
                    text=child.title,
                    status=status_of(ctx.text[child.start : child.end]),
                    evidence=ctx.ev(
                        child.start, child.end if child.end - child.start < 400 else child.title_end
                    ),
                )
            )
    parts = [m.status for m in body_measures] + [p.status for p in problems]
    item = Item(
        title=h.title,
        named_problem=named_problem(h.title),
        status=_status(ctx, h.body_start, h.own_end, parts),
        evidence=_heading_evidence(ctx, h),
        measures=body_measures,
        figures=figures(ctx, h.body_start, h.own_end),
        problems=problems,
    )
    _note_if_open(ctx, item, h)
    return item


def _note_if_open(ctx: Context, item: Item, h: Heading) -> None:
    """An unfinished item with a deadline or an explicit 整改状态 is an outstanding item (used when the
    report has no section listing them)."""
    if item.status is Status.done:
        return
    found = deadline_in(ctx, h.title_end, h.end, item.named_problem or item.title)
    if found is None and explicit_in(ctx.text[h.title_end : h.end]) is None:
        return
    ctx.open_items.append(
        OutstandingItem(
            item=item.named_problem or item.title,
            deadline=found[0] if found else None,
            status=item.status,
            evidence=item.evidence,
            deadline_evidence=found[1] if found else None,
        )
    )


def areas(ctx: Context, section: Heading | None, area_headings: list[Heading] | None = None) -> list[Area]:
    """Areas of the problems section; items directly under the section form one untitled area."""
    children = area_headings if area_headings is not None else (section.children if section else [])
    out: list[Area] = []
    loose: list[Heading] = []

    def flush() -> None:
        if loose:
            out.append(
                Area(
                    title=None,
                    evidence=ctx.ev(loose[0].start, loose[0].title_end),
                    items=[_item(ctx, h) for h in loose],
                )
            )
            loose.clear()

    for child in children:
        if is_area_title(child.title) or child.children:
            flush()
            area_body_end = child.own_end
            out.append(
                Area(
                    title=_AREA_PREFIX.sub("", child.title),
                    evidence=_heading_evidence(ctx, child),
                    items=[_item(ctx, h) for h in child.children],
                    measures=measures(ctx, child.body_start, area_body_end) if not child.children else [],
                )
            )
        else:
            loose.append(child)
    flush()
    if not out and section is not None:
        ctx.warn(
            "no_areas",
            "the problems section has no numbered areas or items; its text is kept as measures",
            (section.start, section.title_end),
        )
        out.append(
            Area(
                title=None,
                evidence=_heading_evidence(ctx, section),
                measures=measures(ctx, section.body_start, section.end),
            )
        )
    return out
