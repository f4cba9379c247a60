"""What an engine hands back: values for the skeleton's entries, entries it found, and report-level parts.

Engines never build a ReportSummary themselves; `assemble` does, the same way for every engine, so
counts, reconciliation and the evidence check live in one place.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .models import (
    Contact,
    Discipline,
    EngineInfo,
    Evidence,
    Figure,
    Measure,
    Meta,
    OutstandingItem,
    StatedCount,
    Status,
    TextItem,
    Warning,
)


@dataclass
class EntryFill:
    """An engine's values for one entry. None means "no opinion"; an empty list says nothing either."""

    named_problem: str | None = None
    summary: str | None = None
    summary_evidence: Evidence | None = None
    status: Status | None = None
    # The words that state the status. A status without verified status evidence never changes one.
    status_evidence: Evidence | None = None
    measures: list[Measure] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)


@dataclass
class FoundItem:
    """A problem the engine found in text no entry covered; placed into the summary by its offset."""

    title: str
    evidence: Evidence
    fill: EntryFill
    area_title: str | None = None
    area_evidence: Evidence | None = None


@dataclass
class Parts:
    """The report-level parts only the rules engine reads: metadata, counts, discipline, contact."""

    meta: Meta
    stated: dict[str, StatedCount] = field(default_factory=dict)
    organisation: list[TextItem] = field(default_factory=list)
    outstanding: list[OutstandingItem] = field(default_factory=list)
    discipline: Discipline = field(default_factory=Discipline)
    next_steps: list[TextItem] = field(default_factory=list)
    contact: Contact | None = None


@dataclass
class Fill:
    engine: EngineInfo
    entries: dict[str, EntryFill] = field(default_factory=dict)
    found: list[FoundItem] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)
    parts: Parts | None = None
    # Whether every answer the engine got was unusable (nothing in it could be grounded).
    unusable: bool = False
