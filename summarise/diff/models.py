"""The DiffResult schema: what `summarise diff OLD NEW --format json` writes.

Every item that comes from a report carries its `Evidence` span; spans on the `old` side index
OLD's `source.text`, spans on the `new` side index NEW's. The names docs/diff.md lists (`old`, `new`,
`problems[].state/old/new/score`, `outstanding[].item/deadline/state/overdue`, `figures[].label/old/new`,
`warnings`) are stable; new fields may be added. Enum values and warning codes are English identifiers
in every language; only `warnings[].message` follows --lang.
"""

from __future__ import annotations

import json
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from ..models import Evidence, Meta, Status

DIFF_SCHEMA_VERSION = "1.0"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ProblemState(StrEnum):
    recurring = "recurring"  # raised in OLD and raised again in NEW: the 屡改屡犯 question
    new = "new"  # only in NEW
    dropped = "dropped"  # only in OLD: no longer raised


class MeasureState(StrEnum):
    kept = "kept"
    new = "new"
    dropped = "dropped"


class ProblemChange(StrEnum):
    """What differs between the two sides of a recurring pair; a pair with none is unchanged."""

    wording = "wording"  # the problem is named otherwise
    status = "status"  # its rectification status moved (推进中 → 已完成)
    measures = "measures"  # a measure was added, dropped or reworded


class DeadlineShift(StrEnum):
    postponed = "postponed"  # NEW's deadline is later than OLD's
    advanced = "advanced"  # earlier
    removed = "removed"  # OLD had a deadline, NEW's matching item has none
    added = "added"  # OLD had none, NEW sets one


class OutstandingState(StrEnum):
    closed = "closed"  # NEW reports it done
    open = "open"  # NEW mentions it, not as done
    not_mentioned = "not_mentioned"


class SourceRef(_Model):
    path: str | None = Field(description="The input path as given, or null for stdin.")
    sha256: str
    chars: int
    engine: str = Field(description="The engine that produced this side's summary.")


class ProblemRef(_Model):
    """One side of a problem pair. An item with no sub-problems is itself the problem."""

    path: str = Field(description="1-based position in the summary: area.item, or area.item.problem.")
    area: str | None = Field(description="The 方面 heading the problem sits under.")
    item: str = Field(description="The item heading; the same as `title` when the item is the problem.")
    title: str
    named_problem: str | None = None
    status: Status
    evidence: Evidence


class MeasureRef(_Model):
    text: str
    status: Status
    evidence: Evidence


class MeasureDiff(_Model):
    state: MeasureState
    old: MeasureRef | None = None
    new: MeasureRef | None = None
    score: float | None = Field(None, description="Similarity of the pair, 0..1; null when unpaired.")


class ScoreParts(_Model):
    """How a problem pair's score was made, so a reader can judge a borderline match."""

    name: float = Field(description="Similarity of the problem names (or task headings).")
    body: float | None = Field(description="Similarity of the measures' text; null when a side has none.")
    context: float | None = Field(
        description="Similarity of the area (and item) headings; null when unknown."
    )


class ProblemDiff(_Model):
    state: ProblemState
    old: ProblemRef | None = None
    new: ProblemRef | None = None
    score: float | None = Field(None, description="0..1; null for new and dropped problems.")
    parts: ScoreParts | None = None
    reported_done_before: bool = Field(
        False, description="Recurring, and OLD reported it rectified (done): the strongest 屡改屡犯 signal."
    )
    measures: list[MeasureDiff] = Field(default_factory=list, description="Measures of a recurring pair.")
    changes: list[ProblemChange] = Field(
        default_factory=list,
        description="What differs in a recurring pair (wording, status, measures); empty when it is unchanged.",
    )


class OutstandingMatch(_Model):
    """Where NEW mentions an outstanding item of OLD."""

    kind: Literal["outstanding", "problem", "measure"]
    text: str
    status: Status
    score: float
    evidence: Evidence


class DeadlineChange(_Model):
    """An outstanding item of OLD whose deadline NEW's matching outstanding item gives otherwise."""

    shift: DeadlineShift
    old: str | None = Field(description="OLD's deadline (ISO), null when it had none.")
    new: str | None = Field(description="NEW's deadline (ISO), null when it has none.")
    days: int | None = Field(
        None, description="new − old in days (negative when advanced); null unless both are whole dates."
    )
    new_evidence: Evidence | None = Field(None, description="Where NEW states its deadline (NEW's offsets).")


class OutstandingDiff(_Model):
    item: str = Field(description="The matter as OLD names it.")
    deadline: str | None = Field(description="OLD's deadline (ISO), or null when none was exact.")
    state: OutstandingState
    overdue: bool | None = Field(
        description="Deadline before NEW's date and not closed; null when either date is unknown."
    )
    old_status: Status
    evidence: Evidence
    deadline_evidence: Evidence | None = None
    new: OutstandingMatch | None = None
    deadline_change: DeadlineChange | None = Field(
        None,
        description="Set when NEW's own outstanding list holds the item with another deadline (or none, or a "
        "first one); null when the deadline is the same or NEW does not list the item as outstanding.",
    )


class FigureRef(_Model):
    label: str = Field(description="The label as this report writes it.")
    value: float
    text: str
    evidence: Evidence


class FigureDelta(_Model):
    label: str = Field(description="The label both sides share, without years and words like 现有/累计.")
    unit: str | None
    old: FigureRef
    new: FigureRef
    change: float
    change_pct: float | None = Field(description="Relative change in percent; null when OLD is 0.")
    scope: Literal["report", "problem"] = Field(
        description="report: the label has one value in each report; problem: paired inside a recurring problem."
    )


class CountDelta(_Model):
    key: str = Field(description="problems, items, areas, completed, completion_rate, …")
    kind: Literal["stated", "found"] = Field(
        description="stated: the report says so; found: what the engine found."
    )
    old: float | None
    new: float | None
    change: float | None


class MetaField(_Model):
    field: str
    old: str | None
    new: str | None
    same: bool


class DiffWarning(_Model):
    code: str = Field(description="Stable identifier, e.g. unit_mismatch.")
    message: str = Field(description="The warning in the language of the run (--lang).")
    params: dict[str, str | int | float] = Field(
        default_factory=dict,
        description="The values the message quotes (counts, dates, unit names, the threshold), for scripts.",
    )


class DiffTotals(_Model):
    recurring: int = 0
    changed: int = Field(0, description="Recurring pairs with a change (wording, status or measures).")
    unchanged: int = Field(0, description="Recurring pairs identical on both sides.")
    new: int = 0
    dropped: int = 0
    reported_done_before: int = 0
    closed: int = 0
    open: int = 0
    not_mentioned: int = 0
    overdue: int = 0
    figures_changed: int = 0
    postponed: int = 0
    advanced: int = 0
    deadline_removed: int = 0
    deadline_added: int = 0


class DiffOptions(_Model):
    threshold: float = Field(0.5, ge=0, le=1, description="Minimum score for a problem pair.")
    measure_threshold: float = Field(0.5, ge=0, le=1, description="Minimum score for a measure pair.")
    outstanding_threshold: float = Field(
        0.6, ge=0, le=1, description="Minimum share of an outstanding item's wording found in NEW."
    )
    context_weight: float = Field(0.2, ge=0, le=1, description="Weight of the area/item headings in a score.")
    mismatch_threshold: float = Field(
        0.75,
        ge=0,
        le=1,
        description="The problem pair threshold when the two notices look like different units: only "
        "near-identical wording pairs then (the higher of this and `threshold` applies).",
    )
    same_unit: bool | None = Field(
        None,
        description="Whether the two are known to be one unit (an archive's unit key); null: judged from "
        "the unit names.",
    )


class DiffResult(_Model):
    schema_version: str = DIFF_SCHEMA_VERSION
    old: Meta
    new: Meta
    old_source: SourceRef
    new_source: SourceRef
    same_unit: bool | None = Field(
        description="Whether the two notices look like the same unit; null if unknown."
    )
    meta: list[MetaField] = Field(default_factory=list)
    totals: DiffTotals = Field(default_factory=DiffTotals)
    pairing_threshold: float = Field(
        0.5, description="The problem pair threshold applied: `options.threshold`, raised on a unit mismatch."
    )
    problems: list[ProblemDiff] = Field(
        default_factory=list,
        description="Changes first: dropped, new, changed recurring pairs, then unchanged recurring pairs.",
    )
    outstanding: list[OutstandingDiff] = Field(default_factory=list, description="OLD's outstanding items.")
    figures: list[FigureDelta] = Field(default_factory=list, description="Changed figures first.")
    counts: list[CountDelta] = Field(default_factory=list)
    warnings: list[DiffWarning] = Field(default_factory=list)
    options: DiffOptions = Field(default_factory=DiffOptions)


def diff_schema() -> dict[str, Any]:
    schema = DiffResult.model_json_schema()
    schema["$id"] = "https://summarise.local/schemas/diff.schema.json"
    return schema


def diff_schema_json() -> str:
    return json.dumps(diff_schema(), ensure_ascii=False, indent=2) + "\n"
