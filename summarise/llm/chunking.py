"""Chunks from the skeleton: its entries and the text no entry covers, packed to a token budget.

Each area of the problems section is a unit (the area, its items and sub-problems, the uncovered text
inside it); uncovered text outside every area is a unit of its own; the organisation, outstanding and
next-steps entries form the last units. Units are packed in text order into chunks of at most
`budget` estimated tokens; a unit larger than the budget is split between its items.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..normalise import NormView
from ..skeleton import Entry, Skeleton
from .usage import estimate_tokens

GAP = "\n……\n"  # between non-adjacent spans of one chunk; a quote cannot straddle it
Span = tuple[int, int]
_LABEL_MAX = 24


@dataclass(frozen=True)
class Listed:
    """An entry as the model sees it: its id, tagged into the excerpt where its title begins."""

    id: str
    label: str
    span: Span
    kind: str
    mark: int


@dataclass(frozen=True)
class Chunk:
    id: str
    section: str
    spans: tuple[Span, ...]
    entries: tuple[Listed, ...]
    uncovered: tuple[Span, ...]  # where the model is to look for problems no entry names

    def text(self, view: NormView) -> str:
        """The excerpt, each listed entry's id tagged `[A1.2]` where its title begins."""
        marks = sorted((e.mark, e.id) for e in self.entries if e.mark >= 0)
        parts = []
        for start, end in self.spans:
            ostart, oend = view.to_original(start, end)
            pieces, last = [], ostart
            for at, entry_id in marks:
                if start <= at < end:
                    o = view.to_original(at, at + 1)[0]
                    pieces.append(view.original[last:o])
                    pieces.append(f"[{entry_id}]")
                    last = o
            pieces.append(view.original[last:oend])
            parts.append("".join(pieces).strip())
        return GAP.join(parts)


def label(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _LABEL_MAX else text[: _LABEL_MAX - 1] + "…"


def _listed(e: Entry) -> Listed:
    return Listed(e.id, label(e.title) or "(未命名)", e.span, e.kind, e.mark)


def _merge(spans: list[Span]) -> tuple[Span, ...]:
    out: list[Span] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1] + 1:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return tuple(out)


@dataclass
class _Unit:
    section: str
    spans: list[Span]
    entries: list[Listed]
    uncovered: list[Span]

    def tokens(self, view: NormView) -> int:
        # Text to search for problems counts twice: the answer to it is long (every problem found,
        # with its measures and quotes), and it is the answer that hits max_tokens first.
        sent = sum(estimate_tokens(view.text[s:e]) for s, e in self.spans)
        return sent + sum(estimate_tokens(view.text[s:e]) for s, e in self.uncovered)


def _inside(span: Span, outer: Span) -> bool:
    return outer[0] <= span[0] < outer[1]


def _pieces(skeleton: Skeleton, span: Span, budget: int) -> list[Span]:
    """A long stretch of text cut at line boundaries into pieces of at most `budget` estimated tokens."""
    pieces: list[Span] = []
    start, size = span[0], 0
    for line in skeleton.outline.body(*span):
        tokens = estimate_tokens(line.text)
        if size and size + tokens > budget:
            pieces.append((start, line.start))
            start, size = line.start, 0
        size += tokens
    pieces.append((start, span[1]))
    return pieces


def _clip(spans: list[Span], piece: Span) -> list[Span]:
    return [(max(s, piece[0]), min(e, piece[1])) for s, e in spans if s < piece[1] and e > piece[0]]


def _units(skeleton: Skeleton, budget: int) -> list[_Unit]:
    uncovered = skeleton.uncovered()
    claimed: set[Span] = set()
    units: list[_Unit] = []
    for area in skeleton.of("area"):
        members = [area] + [
            e for e in skeleton.entries if e.id.startswith(area.id + ".") and e.kind in ("item", "problem")
        ]
        gaps = [u for u in uncovered if _inside(u, area.span)]
        claimed.update(gaps)
        section = area.title or "巡察反馈问题整改情况"
        items = [e for e in members if e.kind == "item"]
        if not items:
            # The area entry (its measures) goes with the first piece; every piece is searched.
            for k, piece in enumerate(_pieces(skeleton, area.span, budget // 2)):
                units.append(_Unit(section, [piece], [_listed(area)] if k == 0 else [], _clip(gaps, piece)))
            continue
        head = (area.title_span[0], area.title_span[1]) if not area.untitled else None
        for item in items:
            group = [item] + [e for e in members if e.parent == item.id]
            spans = [item.span] + ([head] if head else [])
            own_gaps = [g for g in gaps if _inside(g, item.span)]
            units.append(_Unit(section, spans, [_listed(e) for e in group], own_gaps))
        for gap in gaps:
            if not any(_inside(gap, i.span) for i in items):
                for piece in _pieces(skeleton, gap, budget // 2):
                    units.append(_Unit(section, [piece] + ([head] if head else []), [], [piece]))
    for gap in uncovered:
        if gap not in claimed:
            for piece in _pieces(skeleton, gap, budget // 2):
                units.append(_Unit("巡察反馈问题整改情况", [piece], [], [piece]))
    units.sort(key=lambda u: min(s for s, _ in u.spans))
    for kind, section in (
        ("organisation", "整改组织"),
        ("outstanding", "需进一步整改事项"),
        ("next_steps", "下一步安排"),
    ):
        for e in skeleton.of(kind):  # type: ignore[arg-type]
            end = min(e.span[1], _contact_start(skeleton, e.span))
            units.append(_Unit(section, [(e.span[0], max(end, e.title_span[1]))], [_listed(e)], []))
    return units


def _contact_start(skeleton: Skeleton, span: Span) -> int:
    """The last section runs on into the contact lines and signature: stop before them."""
    for line in skeleton.outline.body(span[0], span[1]):
        if line.text.startswith("欢迎") or "联系电话" in line.text[:20] or "联系方式" in line.text[:20]:
            return line.start
    return span[1]


def plan(skeleton: Skeleton, *, budget: int = 16000, max_entries: int = 64) -> list[Chunk]:
    """Units packed in text order, up to `budget` estimated tokens and `max_entries` entries a chunk."""
    view = skeleton.view
    chunks: list[Chunk] = []
    current: list[_Unit] = []
    size = 0

    def flush() -> None:
        nonlocal size
        if not current:
            return
        spans = _merge([s for u in current for s in u.spans])
        entries = tuple(e for u in current for e in u.entries)
        gaps = tuple(g for u in current for g in u.uncovered)
        sections = list(dict.fromkeys(u.section for u in current))
        chunks.append(Chunk(f"C{len(chunks) + 1}", "；".join(sections), spans, entries, gaps))
        current.clear()
        size = 0

    for unit in _units(skeleton, budget):
        tokens = unit.tokens(view)
        count = sum(len(u.entries) for u in current)
        if current and (size + tokens > budget or count + len(unit.entries) > max_entries):
            flush()
        current.append(unit)
        size += tokens
    flush()
    return chunks


def halve(chunk: Chunk, view: NormView) -> tuple[Chunk, Chunk] | None:
    """A chunk too long for the model's context, cut in two near the middle of its text: at the start
    of an entry when it lists two or more, else at a line or sentence end. None when it cannot be cut."""
    total = sum(e - s for s, e in chunk.spans)
    start, end = chunk.spans[0][0], chunk.spans[-1][1]
    mark = {e.id: (e.mark if e.mark >= 0 else e.span[0]) for e in chunk.entries}

    def before(at: int) -> int:  # characters of the chunk's text before `at`
        return sum(min(e, at) - s for s, e in chunk.spans if s < at)

    cuts = sorted({m for m in mark.values() if start < m < end})
    if not cuts:
        inside = [at for s, e in chunk.spans for at in range(s + 1, e)]
        cuts = [at for at in inside if view.text[at - 1] in "\n。；;"] or inside
    for cut in sorted(cuts, key=lambda at: abs(2 * before(at) - total)):
        first = tuple(_clip(list(chunk.spans), (start, cut)))
        second = tuple(_clip(list(chunk.spans), (cut, end)))
        if not any(view.text[s:e].strip() for s, e in first) or not any(
            view.text[s:e].strip() for s, e in second
        ):
            continue
        return (
            Chunk(
                f"{chunk.id}.1",
                chunk.section,
                first,
                tuple(e for e in chunk.entries if mark[e.id] < cut),
                tuple(_clip(list(chunk.uncovered), (start, cut))),
            ),
            Chunk(
                f"{chunk.id}.2",
                chunk.section,
                second,
                tuple(e for e in chunk.entries if mark[e.id] >= cut),
                tuple(_clip(list(chunk.uncovered), (cut, end))),
            ),
        )
    return None
