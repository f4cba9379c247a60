"""The report's entries, parsed once: areas, items, problems and the other sections, with ids and spans.

Both engines fill the same skeleton. Ids are stable for a given text: A1 is the first area, A1.2 its
second item, A1.2.1 that item's first sub-problem; O1 / U1 / N1 are the entries of the organisation,
outstanding and next-steps sections. Spans are offsets into the normalised view. What the problems
section holds outside every entry is `uncovered()`: the text an engine may still find problems in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from .dates import DateMention, find_dates
from .ingest import Document
from .models import StatedCount
from .normalise import NormView, normalise
from .outline import Heading, Outline, parse
from .sections import Kind, is_area_title, sections

EntryKind = Literal["area", "item", "problem", "organisation", "outstanding", "next_steps"]
Span = tuple[int, int]

_UNNUMBERED_PROBLEM = re.compile(r"^针对.{2,150}问题[。.]?$")
_PROBLEM_WORDS = re.compile(
    r"问题|针对|不够|不到位|不足|不严|不力|不规范|不充分|未|差距|薄弱|滞后|欠缺|偏差|缺乏|有待"
)
_AREA_PREFIX = re.compile(r"^(?:反馈)?问题\s*[:]\s*")
_SPACE = re.compile(r"\s")
# Text between entries shorter than this is a heading's tail or a connective, not a missed problem.
MIN_UNCOVERED = 60
_SECTION_PREFIX = {Kind.organisation: "O", Kind.outstanding: "U", Kind.next_steps: "N"}


@dataclass(frozen=True)
class Entry:
    id: str
    kind: EntryKind
    title: str
    title_span: Span  # the heading (marker and title), or the 针对… line
    span: Span  # the whole entry, children included
    body: Span  # the entry's own text: where its measures are read
    parent: str | None = None
    heading: Heading | None = field(default=None, compare=False, repr=False)
    # How an item's sub-problems were found: numbered children, unnumbered 针对… lines, or none.
    problems_from: Literal["children", "lines", "none"] = "none"
    untitled: bool = False  # an area made of items that sit directly under the section
    mark: int = -1  # where the entry's title begins (after its numbering): where a prompt tags its id


@dataclass
class Skeleton:
    doc: Document
    view: NormView
    outline: Outline
    dates: list[DateMention]
    sections: list[tuple[Kind, Heading]]
    entries: list[Entry]
    problem_sections: list[Heading]
    # Filled by the pipeline from the rules engine's reading of the text, for engines to compare with.
    stated: dict[str, StatedCount] = field(default_factory=dict)
    _by_parent: dict[str | None, list[Entry]] | None = field(
        default=None, init=False, repr=False, compare=False
    )

    @property
    def text(self) -> str:
        return self.view.text

    def by_kind(self, kind: Kind) -> list[Heading]:
        return [h for k, h in self.sections if k is kind]

    def of(self, *kinds: EntryKind) -> list[Entry]:
        return [e for e in self.entries if e.kind in kinds]

    def get(self, entry_id: str) -> Entry | None:
        return next((e for e in self.entries if e.id == entry_id), None)

    def children(self, entry_id: str) -> list[Entry]:
        if self._by_parent is None:
            # Built once: asked for every area and item, a walk over all entries each time is quadratic.
            self._by_parent = {}
            for e in self.entries:
                self._by_parent.setdefault(e.parent, []).append(e)
        return list(self._by_parent.get(entry_id, ()))

    # -- coverage ---------------------------------------------------------------------------------

    def problems_span(self) -> list[Span]:
        """The text that holds the problems: the problems sections, or all of it when none is known."""
        if self.problem_sections:
            return [(h.title_end, h.end) for h in self.problem_sections]
        areas = self.of("area")
        if areas:
            return [(min(e.span[0] for e in areas), max(e.span[1] for e in areas))]
        # No outline to speak of: everything after the opening paragraph may hold problems.
        lines = self.outline.lines
        start = lines[1].start if len(lines) > 1 else 0
        end = self._tail_start()
        return [(start, end)] if end > start else []

    def _tail_start(self) -> int:
        tail = [
            h.start for k, h in self.sections if k in (Kind.outstanding, Kind.next_steps, Kind.discipline)
        ]
        return min(tail) if tail else len(self.view.text)

    def covered_spans(self) -> list[Span]:
        """Spans under an entry that names a problem: items and sub-problems. An area with no items is
        prose that may name problems the outline did not number, so it counts as uncovered."""
        return [e.span for e in self.of("item", "problem")]

    def uncovered(self, extra: list[Span] | None = None, min_chars: int = MIN_UNCOVERED) -> list[Span]:
        """Stretches of the problems text under no entry, at least `min_chars` non-space characters long."""
        covered = sorted(self.covered_spans() + (extra or []))
        out: list[Span] = []
        for start, end in self.problems_span():
            pos = start
            for cs, ce in covered:
                if ce <= pos or cs >= end:
                    continue
                if cs > pos:
                    out.append((pos, cs))
                pos = max(pos, ce)
            if pos < end:
                out.append((pos, end))
        return [s for s in (self._trim(*s) for s in out) if self._chars(s) >= min_chars]

    def coverage(self, extra: list[Span] | None = None) -> float:
        """Share of the problems text (non-space characters) that lies under some entry."""
        total = sum(self._chars(s) for s in self.problems_span())
        if not total:
            return 1.0
        missing = sum(self._chars(s) for s in self.uncovered(extra, min_chars=1))
        return round(1 - missing / total, 3)

    def _chars(self, span: Span) -> int:
        text = self.view.text[span[0] : span[1]]
        return len(text) - len(_SPACE.findall(text))

    def _trim(self, start: int, end: int) -> Span:
        text = self.view.text
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return start, end


def build(doc: Document) -> Skeleton:
    view = normalise(doc.text)
    outline = parse(view)
    classified = sections(outline)
    problem_sections = [h for k, h in classified if k is Kind.problems]
    builder = _Builder(view, outline)
    if problem_sections:
        for h in problem_sections:
            builder.areas(h.children, section=h)
    else:
        # Not under a section of another kind: (一)组织领导方面 in the organisation section is no area.
        free = [root for kind, root in classified if kind is Kind.other]
        heads = [h for root in free for h in root.walk() if is_area_title(h.title)]
        if heads:
            builder.areas(heads, section=None)
    for kind, heading in classified:
        if kind in _SECTION_PREFIX:
            builder.section(kind, heading)
    return Skeleton(
        doc=doc,
        view=view,
        outline=outline,
        dates=find_dates(view.text),
        sections=classified,
        entries=builder.entries,
        problem_sections=problem_sections,
    )


class _Builder:
    def __init__(self, view: NormView, outline: Outline) -> None:
        self.view, self.outline = view, outline
        self.entries: list[Entry] = []
        self._areas = 0
        self._sections: dict[Kind, int] = {}
        self._items: dict[str, int] = {}  # items so far under each area

    def areas(self, children: list[Heading], section: Heading | None) -> None:
        loose: list[Heading] = []

        def flush() -> None:
            if loose:
                first = loose[0]
                area = self._area(
                    title="",
                    title_span=(first.start, first.title_end),
                    span=(first.start, loose[-1].end),
                    body=(first.start, first.start),
                    untitled=True,
                )
                for h in loose:
                    self._item(area, h)
                loose.clear()

        before = self._areas
        # When at least half the headings of the list are areas (方面 wording or items of their own), the
        # rest of the same style that name no problem are areas too, written as prose or 一是/二是
        # paragraphs: they keep their titles and are never loose items of an untitled area.
        area_like = [c for c in children if is_area_title(c.title) or c.children]
        area_styles = {c.style for c in area_like} if 2 * len(area_like) >= len(children) else set()
        for child in children:
            prose_area = child.style in area_styles and not _PROBLEM_WORDS.search(child.title)
            if is_area_title(child.title) or child.children or prose_area:
                flush()
                area = self._area(
                    title=_AREA_PREFIX.sub("", child.title),
                    title_span=(child.start, child.title_end),
                    span=(child.start, child.end),
                    body=(child.body_start, child.own_end),
                    heading=child,
                    mark=child.title_start,
                )
                for h in child.children:
                    self._item(area, h)
            else:
                loose.append(child)
        flush()
        if self._areas == before and section is not None:
            # A problems section with no numbered areas or items: one untitled area, its text the body.
            self._area(
                title="",
                title_span=(section.start, section.title_end),
                span=(section.start, section.end),
                body=(section.body_start, section.end),
                heading=section,
                untitled=True,
                mark=section.title_start,
            )

    def _area(
        self,
        *,
        title: str,
        title_span: Span,
        span: Span,
        body: Span,
        heading: Heading | None = None,
        untitled: bool = False,
        mark: int = -1,
    ) -> Entry:
        self._areas += 1
        entry = Entry(
            id=f"A{self._areas}",
            kind="area",
            title=title,
            title_span=title_span,
            span=span,
            body=body,
            heading=heading,
            untitled=untitled,
            mark=mark,
        )
        self.entries.append(entry)
        return entry

    def _item(self, area: Entry, h: Heading) -> None:
        n = self._items.get(area.id, 0) + 1
        self._items[area.id] = n
        item_id = f"{area.id}.{n}"
        problems: list[tuple[str, Span, Span, int]] = []  # (title, title span, body, mark)
        problems_from: Literal["children", "lines", "none"] = "none"
        body_end = h.own_end
        if h.children and any(_PROBLEM_WORDS.search(c.title) for c in h.children):
            problems_from = "children"
            problems = [
                (c.title, (c.start, c.title_end), (c.title_end, c.end), c.title_start) for c in h.children
            ]
        else:
            own = self.outline.body(h.body_start, h.own_end)
            marks = [ln for ln in own if _UNNUMBERED_PROBLEM.match(ln.text)]
            if marks:
                problems_from = "lines"
                body_end = marks[0].start
                bounds = [ln.start for ln in marks] + [h.own_end]
                for ln, nxt in zip(marks, bounds[1:], strict=False):
                    title = ln.text.rstrip("。.")
                    problems.append((title, (ln.start, ln.start + len(title)), (ln.end, nxt), ln.start))
        self.entries.append(
            Entry(
                id=item_id,
                kind="item",
                title=h.title,
                title_span=(h.start, h.title_end),
                span=(h.start, h.end),
                body=(h.body_start, body_end),
                parent=area.id,
                heading=h,
                problems_from=problems_from,
                mark=h.title_start,
            )
        )
        for k, (title, title_span, body, mark) in enumerate(problems, start=1):
            self.entries.append(
                Entry(
                    id=f"{item_id}.{k}",
                    kind="problem",
                    title=title,
                    title_span=title_span,
                    span=(title_span[0], body[1]),
                    body=body,
                    parent=item_id,
                    mark=mark,
                )
            )

    def section(self, kind: Kind, heading: Heading) -> None:
        prefix = _SECTION_PREFIX[kind]
        field_name: EntryKind = kind.value  # type: ignore[assignment]
        parts = heading.children or [heading]
        for child in parts:
            n = self._sections.get(kind, 0) + 1
            self._sections[kind] = n
            self.entries.append(
                Entry(
                    id=f"{prefix}{n}",
                    kind=field_name,
                    title=child.title,
                    title_span=(child.start, child.title_end),
                    span=(child.start, child.end),
                    body=(child.body_start, child.end),
                    heading=child,
                    mark=child.title_start,
                )
            )
