"""Outline-first chunking: one chunk per area of the problems section, one for the rest.

The rules engine has already cut the report into areas → items → sub-problems and found the
organisation, outstanding and next-step sections; every item it found becomes an entry with an id
and a span of the normalised view. The model is asked about exactly these entries, so its coverage
can be checked, and an area that is too large is split at item boundaries.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from typing import Literal

from ..models import Evidence, ReportSummary
from ..normalise import NormView
from ..outline import Heading, Outline
from ..rules.sections import Kind, sections

GAP = "\n……\n"  # between non-adjacent spans of one chunk; a quote cannot straddle it

# Where an answer goes back into the summary: ("item", area, item), ("problem", area, item, problem),
# ("area", area) for an area with no items, ("organisation" | "outstanding" | "next_steps", index).
Ref = tuple[str | int, ...]


@dataclass(frozen=True)
class Entry:
    id: str
    label: str
    span: tuple[int, int]  # view offsets
    ref: Ref
    depth: int = 0  # 1 for a sub-problem listed under its item


@dataclass(frozen=True)
class Chunk:
    id: str
    kind: Literal["area", "rest"]
    title: str | None
    spans: tuple[tuple[int, int], ...]
    entries: tuple[Entry, ...]

    def text(self, view: NormView) -> str:
        parts = []
        for start, end in self.spans:
            ostart, oend = view.to_original(start, end)
            parts.append(view.original[ostart:oend].strip())
        return GAP.join(parts)

    def chars(self) -> int:
        return sum(end - start for start, end in self.spans)


def _to_view(view: NormView, original_offset: int) -> int:
    """The first view offset at or after an original offset (the view drops characters, never adds)."""
    if view.pos is None:
        return min(original_offset, len(view.text))
    return min(bisect_left(view.pos, original_offset), len(view.text))


def _ev_view(view: NormView, ev: Evidence) -> tuple[int, int]:
    return _to_view(view, ev.start), max(_to_view(view, ev.end), _to_view(view, ev.start) + 1)


def _merge(spans: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1] + 1:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return tuple(out)


def _label(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class _Headings:
    def __init__(self, outline: Outline) -> None:
        self.view = outline.view
        self.all = [h for root in outline.roots for h in root.walk()]
        self.by_start = {h.start: h for h in self.all}

    def at(self, ev: Evidence) -> Heading | None:
        """The heading whose marker starts where this evidence starts."""
        return self.by_start.get(_to_view(self.view, ev.start))

    def containing(self, pos: int, parent: Heading) -> Heading | None:
        return next((c for c in parent.children if c.start <= pos < c.end), None)


def _split(entries: list[list[Entry]], max_chars: int, max_items: int) -> list[list[list[Entry]]]:
    """Group items (each with its sub-problems) greedily; never split inside an item."""
    groups: list[list[list[Entry]]] = []
    size = count = 0
    for item in entries:
        item_chars = item[0].span[1] - item[0].span[0]
        if groups and (size + item_chars > max_chars or count + len(item) > max_items):
            groups.append([])
            size = count = 0
        if not groups:
            groups.append([])
        groups[-1].append(item)
        size += item_chars
        count += len(item)
    return groups


def plan(
    summary: ReportSummary, outline: Outline, *, max_chars: int = 6000, max_items: int = 12
) -> list[Chunk]:
    heads = _Headings(outline)
    chunks = _area_chunks(summary, heads, max_chars, max_items)
    chunks.extend(_rest_chunks(summary, outline, heads, max_chars, max_items))
    return chunks


def _area_chunks(summary: ReportSummary, heads: _Headings, max_chars: int, max_items: int) -> list[Chunk]:
    view = heads.view
    chunks: list[Chunk] = []
    for a, area in enumerate(summary.areas, start=1):
        area_head = heads.at(area.evidence) if area.title is not None else None
        items: list[list[Entry]] = []
        for i, item in enumerate(area.items, start=1):
            h = heads.at(item.evidence)
            if h is None:
                continue  # not a heading we can span: the rules result stays
            group = [Entry(f"A{a}.{i}", _label(item.title), (h.start, h.end), ("item", a - 1, i - 1))]
            starts = [_to_view(view, p.evidence.start) for p in item.problems]
            for k, problem in enumerate(item.problems, start=1):
                ph = heads.at(problem.evidence)
                end = ph.end if ph else (starts[k] if k < len(starts) else h.end)
                group.append(
                    Entry(
                        f"A{a}.{i}.{k}",
                        _label(problem.title),
                        (starts[k - 1], end),
                        ("problem", a - 1, i - 1, k - 1),
                        depth=1,
                    )
                )
            items.append(group)
        if not area.items and area_head is not None and area.measures:
            # An area with no numbered items: the area itself is the one entry, its measures the answer.
            span = (area_head.start, area_head.end)
            items.append([Entry(f"A{a}", _label(area.title or ""), span, ("area", a - 1))])
        if not items:
            continue
        groups = _split(items, max_chars, max_items)
        for g, part in enumerate(groups, start=1):
            entries = [e for item_entries in part for e in item_entries]
            body = (part[0][0].span[0], part[-1][0].span[1])
            spans = [body]
            if area_head is not None:
                if len(groups) == 1:
                    spans = [(area_head.start, max(area_head.end, body[1]))]
                else:
                    spans.insert(0, (area_head.start, area_head.title_end))
            chunk_id = f"A{a}" if len(groups) == 1 else f"A{a}-{g}"
            chunks.append(Chunk(chunk_id, "area", area.title, _merge(spans), tuple(entries)))
    return chunks


def _rest_chunks(
    summary: ReportSummary, outline: Outline, heads: _Headings, max_chars: int, max_items: int
) -> list[Chunk]:
    view = heads.view
    by_kind: dict[Kind, list[Heading]] = {}
    for kind, heading in sections(outline):
        by_kind.setdefault(kind, []).append(heading)
    contact_start = _to_view(view, summary.contact.evidence.start) if summary.contact else len(view.text)
    groups: list[tuple[str, str, Kind, list[tuple[str, Evidence]]]] = [
        (
            "O",
            "organisation",
            Kind.organisation,
            [(t.title or t.text, t.evidence) for t in summary.organisation],
        ),
        ("U", "outstanding", Kind.outstanding, [(o.item, o.evidence) for o in summary.outstanding]),
        ("N", "next_steps", Kind.next_steps, [(t.title or t.text, t.evidence) for t in summary.next_steps]),
    ]
    entries: list[list[Entry]] = []
    section_of: dict[str, tuple[int, int]] = {}  # entry id → its section's heading line
    for prefix, field, kind, rows in groups:
        starts = [_ev_view(view, ev) for _, ev in rows]
        for k, (label, _) in enumerate(rows):
            start, ev_end = starts[k]
            section = next((s for s in by_kind.get(kind, []) if s.start <= start < s.end), None)
            if section is None:
                continue  # e.g. open items the rules engine found inside the problems section
            child = heads.containing(start, section)
            if child is not None:
                # The last child of the last section runs on into the contact lines and signature.
                span = (
                    child.start,
                    min(child.end, contact_start) if child.start < contact_start else child.end,
                )
            else:
                nxt = starts[k + 1][0] if k + 1 < len(starts) else ev_end
                span = (start, max(ev_end, min(nxt, section.end, contact_start)))
            entry = Entry(f"{prefix}{k + 1}", _label(label), (span[0], max(span[1], span[0] + 1)), (field, k))
            entries.append([entry])
            section_of[entry.id] = (section.start, section.title_end)
    if not entries:
        return []
    chunks = []
    split = _split(entries, max_chars, max_items)
    for g, group in enumerate(split, start=1):
        flat = [e for item in group for e in item]
        spans = _merge([e.span for e in flat] + [section_of[e.id] for e in flat])
        chunks.append(Chunk("R" if len(split) == 1 else f"R-{g}", "rest", None, spans, tuple(flat)))
    return chunks
