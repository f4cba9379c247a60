"""The problems section: areas (方面) → items (1.) → sub-problems ((1)针对… or an unnumbered 针对… line) → measures."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..fill import EntryFill
from ..i18n import say
from ..models import Measure, OutstandingItem, Status
from ..skeleton import Entry, Skeleton
from ..status_words import explicit_in, status_of
from .context import Context
from .wording import combine, deadline_in, figures, named_problem

# 一是/二是… (one or two numerals) or 首先/其次/再次/一方面/另一方面, not inside a word. The pattern begins
# with the first character and checks the one before it after, so that the scan skips to those few
# characters instead of testing a lookbehind at every position.
_ENUM = re.compile(
    r"[一二三四五六七八九十首其再另](?<![\u4e00-\u9fff\w].)"
    r"(?:(?<=[一二三四五六七八九十])[一二三四五六七八九十]?是|(?<=一)方面|(?<=首)先|(?<=[其再])次|(?<=另)一方面)[,:]?"
)
_CN_ORDER = "一二三四五六七八九十"
_LABEL = re.compile(r"(?:整改(?:落实)?情况|整改措施|整改进展|落实情况|整改成效|具体措施)\s*[:]\s*")
_META_LINE = re.compile(r"^(?:整改(?:状态|进度|进展|结果)|完成时限|整改时限|责任(?:单位|领导|部门|人))\s*[:]")
_LEAD_MAX = 60
_LINE = re.compile(r"[^\n]+")
_SENTENCE = re.compile(r"[^。!?\n]+[。!?]?")
_LEAD_STOP = re.compile(r"[。;!?\n]")


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
    for line in _LINE.finditer(text, start, end):
        ls, le = line.span()
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
        word = m.group(0).rstrip(",:")
        if word[-1] == "是":
            numeral = word[:-1]
            n = _CN_ORDER.index(numeral[-1]) + 1 if numeral in _CN_ORDER else 0
            if n == expected or (n == 1 and expected > 1):
                cuts.append(m.start())
                expected = n + 1
        elif word in ("首先", "一方面") or cuts:
            cuts.append(m.start())
    pieces: list[tuple[int, int]] = []
    if cuts:
        if text[start : cuts[0]].strip(" \n。,;:") and len(text[start : cuts[0]].strip()) >= 8:
            pieces.append((start, cuts[0]))
        bounds = cuts + [end]
        pieces.extend(zip(bounds, bounds[1:], strict=False))
    else:
        for sentence in _SENTENCE.finditer(text, start, end):
            if len(sentence.group(0).strip(" 。;,")) >= 4:
                pieces.append(sentence.span())
    out = []
    for s, e in pieces:
        s, e = _trim(ctx, s, e)
        if e <= s:
            continue
        lead_s = s
        enum = _ENUM.match(text, s)
        if enum and enum.start() == s:
            lead_s = enum.end()
        stop = _LEAD_STOP.search(text, lead_s, e)
        lead_e = stop.start() if stop and stop.start() - lead_s <= _LEAD_MAX else e
        if lead_e - lead_s > 200:
            lead_e = lead_s + 200
        lead_e = _trim(ctx, lead_s, lead_e)[1]
        while lead_e > lead_s and text[lead_e - 1] in "。;,:":
            lead_e -= 1
        out.append(_Segment(s, e, lead_s, lead_e))
    return out


def measures(ctx: Context, start: int, end: int) -> list[Measure]:
    out = []
    for seg in _segments(ctx, start, end):
        if seg.lead_end <= seg.lead_start:
            continue
        text = ctx.text[seg.lead_start : seg.lead_end]
        measure = Measure(
            text=text, status=status_of(ctx.text[seg.start : seg.end]), evidence=ctx.ev(seg.start, seg.end)
        )
        # A measure with its own 完成时限 (rare: notices mostly date the outstanding items) keeps it.
        # Only an exact date: a vague one is warned about where the item's deadline is read.
        due = (
            deadline_in(ctx, seg.start, seg.end, text, warn=False)
            if "限" in ctx.text[seg.start : seg.end]
            else None
        )
        if due is not None and due[0] is not None:
            measure.deadline, measure.deadline_evidence = due
        out.append(measure)
    return out


def _status(ctx: Context, start: int, end: int, parts: list[Status]) -> Status:
    explicit = explicit_in(ctx.text[start:end])
    return explicit if explicit is not None else combine(parts)


def _problem(ctx: Context, entry: Entry) -> EntryFill:
    ms = measures(ctx, *entry.body)
    return EntryFill(
        named_problem=named_problem(entry.title),
        status=_status(ctx, *entry.body, [m.status for m in ms]),
        measures=ms,
        figures=figures(ctx, *entry.body),
    )


def _item(ctx: Context, skeleton: Skeleton, entry: Entry, out: dict[str, EntryFill]) -> None:
    h = entry.heading
    assert h is not None, "items are headings"
    problems = skeleton.children(entry.id)
    for p in problems:
        out[p.id] = _problem(ctx, p)
    body_measures = measures(ctx, *entry.body)
    if entry.problems_from != "children":
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
    parts = [m.status for m in body_measures] + [s for p in problems if (s := out[p.id].status) is not None]
    fill = EntryFill(
        named_problem=named_problem(h.title),
        status=_status(ctx, h.body_start, h.own_end, parts),
        measures=body_measures,
        figures=figures(ctx, h.body_start, h.own_end),
    )
    out[entry.id] = fill
    _note_if_open(ctx, entry, fill)


def _note_if_open(ctx: Context, entry: Entry, fill: EntryFill) -> None:
    """An unfinished item with a deadline or an explicit 整改状态 is an outstanding item (used when the
    report has no section listing them)."""
    h = entry.heading
    assert h is not None
    if fill.status is Status.done:
        return
    name = fill.named_problem or entry.title
    found = deadline_in(ctx, h.title_end, h.end, name)
    if found is None and explicit_in(ctx.text[h.title_end : h.end]) is None:
        return
    ctx.open_items.append(
        OutstandingItem(
            item=name,
            deadline=found[0] if found else None,
            status=fill.status or Status.unknown,
            evidence=ctx.ev(*entry.title_span),
            deadline_evidence=found[1] if found else None,
        )
    )


def fill_areas(ctx: Context, skeleton: Skeleton) -> dict[str, EntryFill]:
    """Measures, statuses and figures of every area, item and sub-problem of the skeleton."""
    out: dict[str, EntryFill] = {}
    for area in skeleton.of("area"):
        items = skeleton.children(area.id)
        if not items and not (area.untitled and area.heading is None):
            out[area.id] = EntryFill(measures=measures(ctx, *area.body))
            if area.untitled and area.heading is not None:
                ctx.warn(
                    "no_areas",
                    say("rules.no_areas"),
                    area.title_span,
                )
        for item in items:
            _item(ctx, skeleton, item, out)
    return out
