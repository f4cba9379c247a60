"""Fills into a ReportSummary, the same way for every engine.

The rules engine's fill is the grounded base. A second engine's fill (the model's) is laid over it
field by field, and only where it is grounded: an empty list never deletes measures or figures, a
status changes only when a verified quote says so, and an unverified value is added, marked, never
put in place of a verified one. Entries the second engine found in uncovered text are placed by
their offsets. Counts and their reconciliation are computed here, once.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import replace
from typing import TypeVar

from . import deadlines, genre
from .evidence import cut
from .fill import EntryFill, Fill, FoundItem
from .i18n import say
from .models import (
    Area,
    Evidence,
    Figure,
    Item,
    Measure,
    OutstandingItem,
    Problem,
    ReportSummary,
    Source,
    Status,
    TextItem,
    Warning,
    tally,
)
from .reconcile import reconcile
from .skeleton import Entry, Skeleton
from .status_words import supports

_Listed = TypeVar("_Listed", Measure, Figure)


def assemble(skeleton: Skeleton, base: Fill, overlay: Fill | None = None) -> ReportSummary:
    parts = base.parts
    if parts is None:
        raise ValueError("the base fill must carry the report-level parts")
    merger = _Merger(
        skeleton,
        {
            "organisation": [t.evidence.start for t in parts.organisation],
            "next_steps": [t.evidence.start for t in parts.next_steps],
            "outstanding": [o.evidence.start for o in parts.outstanding],
        },
    )
    fills = {
        e.id: merger.entry(e, base.entries.get(e.id), overlay.entries.get(e.id) if overlay else None)
        for e in skeleton.entries
    }
    areas = _areas(skeleton, fills)
    organisation = [merger.text_item(t, "organisation", overlay) for t in parts.organisation]
    next_steps = [merger.text_item(t, "next_steps", overlay) for t in parts.next_steps]
    outstanding = deadlines.at_publication(
        [merger.outstanding(o, overlay) for o in parts.outstanding], parts.meta.published_date
    )
    found_before = len(areas)
    if overlay is not None and overlay.found:
        areas = _place(skeleton, areas, overlay.found)

    warnings = list(base.warnings)
    found = tally(areas, outstanding)
    warnings.extend(reconcile(parts.stated, found))
    if not genre.is_notice(skeleton, structured=bool(areas or outstanding)):
        warnings.append(
            Warning(
                code="not_a_report",
                message=say("warn.not_a_report"),
            )
        )
    elif (short := genre.cut_short(skeleton)) is not None:
        warnings.append(
            Warning(
                code="truncated",
                message=say("warn.truncated", why=say(f"warn.truncated.{short[0]}")),
                evidence=cut(skeleton.view, *short[1]),
            )
        )
    if overlay is not None:
        warnings.extend(overlay.warnings)
        warnings.extend(merger.warnings)
        if merger.unquoted:
            warnings.append(
                Warning(
                    code="llm_status_kept",
                    message=say("warn.llm_status_unquoted", n=merger.unquoted),
                )
            )
        if overlay.unusable:
            warnings.append(
                Warning(
                    code="llm_unusable",
                    message=say("warn.llm_unusable"),
                )
            )
    coverage = {"outline": skeleton.coverage()}
    if overlay is not None:
        extra = [_span_of(skeleton, f.evidence) for f in overlay.found if f.evidence.verified]
        coverage["final"] = skeleton.coverage(_extend(skeleton, extra))
    elif found_before:
        coverage["final"] = coverage["outline"]
    doc = skeleton.doc
    return ReportSummary(
        source=Source(
            path=doc.path,
            sha256=doc.sha256,
            chars=len(doc.text),
            encoding=doc.encoding,
            format=doc.format,
            text=doc.text,
        ),
        meta=parts.meta,
        stated_counts=parts.stated,
        found_counts=found,
        organisation=organisation,
        areas=areas,
        outstanding=outstanding,
        discipline=parts.discipline,
        next_steps=next_steps,
        contact=parts.contact,
        warnings=warnings,
        coverage=coverage,
        engine=(overlay or base).engine,
    )


# -- building areas from entries ----------------------------------------------------------------------


def _filled(title: str, evidence: Evidence, f: EntryFill) -> dict[str, object]:
    """What an item and a sub-problem share: the entry's title and evidence, and the fill's values."""
    return {
        "title": title,
        "named_problem": f.named_problem,
        "status": f.status or Status.unknown,
        "evidence": evidence,
        "summary": f.summary,
        "summary_evidence": f.summary_evidence,
        "measures": f.measures,
        "figures": f.figures,
    }


def _areas(skeleton: Skeleton, fills: dict[str, EntryFill]) -> list[Area]:
    def node(entry: Entry) -> dict[str, object]:
        return _filled(entry.title, cut(skeleton.view, *entry.title_span), fills[entry.id])

    out: list[Area] = []
    for area in skeleton.of("area"):
        items = [
            Item.model_validate(
                {
                    **node(entry),
                    "problems": [Problem.model_validate(node(p)) for p in skeleton.children(entry.id)],
                }
            )
            for entry in skeleton.children(area.id)
        ]
        out.append(
            Area(
                title=None if area.untitled else area.title,
                evidence=cut(skeleton.view, *area.title_span),
                items=items,
                measures=fills[area.id].measures if not items else [],
            )
        )
    return out


def _item_from(found: FoundItem) -> Item:
    return Item.model_validate(_filled(found.title, found.evidence, found.fill))


def _place(skeleton: Skeleton, areas: list[Area], found: list[FoundItem]) -> list[Area]:
    """New items go into the area whose text holds them, or into a new area in text order."""
    area_entries = skeleton.of("area")
    spans = [_to_original(skeleton, e.span) for e in area_entries]
    new_areas: dict[str, Area] = {}
    for item in sorted(found, key=lambda f: f.evidence.start):
        at = item.evidence.start
        home = next((i for i, (s, e) in enumerate(spans) if s <= at < e), None)
        if home is not None and item.evidence.verified:
            target = areas[home]
        else:
            key = item.area_title or ""
            if key not in new_areas:
                verified_title = item.area_evidence is not None and item.area_evidence.verified
                new_areas[key] = Area(
                    title=item.area_title if verified_title else None,
                    evidence=item.area_evidence if verified_title and item.area_evidence else item.evidence,
                )
            target = new_areas[key]
        starts = [i.evidence.start for i in target.items]
        target.items.insert(bisect_left(starts, at), _item_from(item))
    merged = areas + list(new_areas.values())
    return sorted(merged, key=lambda a: a.evidence.start)


def _to_original(skeleton: Skeleton, span: tuple[int, int]) -> tuple[int, int]:
    return skeleton.view.to_original(*span)


def _span_of(skeleton: Skeleton, ev: Evidence) -> tuple[int, int]:
    """The view span of a piece of evidence (the view drops characters, never adds them)."""
    pos = skeleton.view.pos
    if pos is None:
        return ev.start, ev.end
    return bisect_left(pos, ev.start), bisect_left(pos, ev.end)


def _extend(skeleton: Skeleton, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A found problem covers its text up to the next entry or found problem."""
    starts = sorted({s for s, _ in spans} | {e.span[0] for e in skeleton.entries})
    out = []
    for start, end in spans:
        nxt = next((s for s in starts if s > start), len(skeleton.view.text))
        out.append((start, max(end, nxt)))
    return out


# -- field-level acceptance ---------------------------------------------------------------------------


class _Merger:
    def __init__(self, skeleton: Skeleton, starts: dict[str, list[int]]) -> None:
        self.skeleton = skeleton
        self.warnings: list[Warning] = []
        self.unquoted = 0  # status changes the other engine claimed without quoting any words for them
        self._starts = starts  # original offsets of the rules engine's items, per section kind

    def warn(self, code: str, message: str, evidence: Evidence | None = None) -> None:
        self.warnings.append(Warning(code=code, message=message, evidence=evidence))

    def entry(self, entry: Entry, base: EntryFill | None, over: EntryFill | None) -> EntryFill:
        result = replace(base) if base is not None else EntryFill()
        if over is None:
            return result
        if over.summary and over.summary.strip():
            result.summary, result.summary_evidence = over.summary.strip(), over.summary_evidence
        if entry.kind in ("item", "problem"):  # outstanding items are merged with their own rules item
            result.status = self.status(entry.id, result.status, over)
        result.measures = self.listed(entry.id, "measures", result.measures, over.measures)
        result.figures = self.listed(entry.id, "figures", result.figures, over.figures)
        return result

    def status(self, entry_id: str, current: Status | None, over: EntryFill) -> Status | None:
        claimed = over.status
        if claimed is None or claimed is Status.unknown or claimed == current:
            return current
        ev = over.status_evidence
        if ev is not None and ev.verified and supports(claimed, ev.quote):
            return claimed
        if ev is None:
            self.unquoted += 1  # said once for the report, not once per entry
            return current
        said = f"「{ev.quote}」" if ev.quote else say("warn.no_quote")
        self.warn(
            "llm_status_kept",
            say(
                "warn.llm_status_unsupported",
                entry=entry_id,
                claimed=say(f"view.status.{claimed.value}"),
                said=said,
                current=say(f"view.status.{(current or Status.unknown).value}"),
            ),
            ev if ev is not None and ev.verified else None,
        )
        return current

    def listed(
        self,
        entry_id: str,
        what: str,
        current: list[_Listed],
        new: list[_Listed],
    ) -> list[_Listed]:
        """The model's list when it has grounded members; otherwise the current list, plus marked extras."""
        verified = [x for x in new if x.evidence.verified]
        unverified = [x for x in new if not x.evidence.verified]
        if verified:
            return [_keep_deadline(x, current) for x in new]
        if unverified:
            self.warn(
                "llm_unverified_kept",
                say("warn.llm_unverified", entry=entry_id, n=len(unverified), what=say(f"warn.what.{what}")),
            )
        return list(current) + unverified

    def _owner(self, kind: str, ev: Evidence) -> Entry | None:
        for entry in self.skeleton.of(kind):  # type: ignore[arg-type]
            start, end = _to_original(self.skeleton, entry.span)
            if start <= ev.start < end:
                return entry
        return None

    def _sole(self, kind: str, ev: Evidence, overlay: Fill | None) -> tuple[Entry, EntryFill] | None:
        """The overlay's fill for the entry holding this item, when that entry holds this item alone."""
        if overlay is None:
            return None
        owner = self._owner(kind, ev)
        if owner is None or owner.id not in overlay.entries:
            return None
        parts = self._parts_in(kind, owner)
        return (owner, overlay.entries[owner.id]) if parts == 1 else None

    def _parts_in(self, kind: str, owner: Entry) -> int:
        start, end = _to_original(self.skeleton, owner.span)
        return sum(1 for s in self._starts.get(kind, []) if start <= s < end)

    def text_item(self, item: TextItem, kind: str, overlay: Fill | None) -> TextItem:
        if overlay is None:
            return item
        hit = self._sole(kind, item.evidence, overlay)
        if hit is None or not (hit[1].summary or "").strip():
            return item
        fill = hit[1]
        return item.model_copy(
            update={"summary": (fill.summary or "").strip(), "summary_evidence": fill.summary_evidence}
        )

    def outstanding(self, item: OutstandingItem, overlay: Fill | None) -> OutstandingItem:
        if overlay is None:
            return item
        hit = self._sole("outstanding", item.evidence, overlay)
        if hit is None:
            return item
        entry, fill = hit
        update: dict[str, object] = {}
        if (fill.summary or "").strip():
            update.update(summary=(fill.summary or "").strip(), summary_evidence=fill.summary_evidence)
        status = self.status(entry.id, item.status, fill)
        if status is not None:
            update["status"] = status
        return item.model_copy(update=update)


def _keep_deadline(new: _Listed, current: list[_Listed]) -> _Listed:
    """A model's measure inside a measure the rules dated keeps that deadline: the model is not asked
    for deadlines, and its answer must not delete a grounded one."""
    if not isinstance(new, Measure) or new.deadline is not None or not new.evidence.verified:
        return new
    for old in current:
        dated = isinstance(old, Measure) and old.deadline is not None
        if dated and old.evidence.start <= new.evidence.start < old.evidence.end:
            return new.model_copy(
                update={"deadline": old.deadline, "deadline_evidence": old.deadline_evidence}
            )
    return new
