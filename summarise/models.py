"""The ReportSummary schema: the JSON contract every engine produces and every view reads.

Field names listed in the contract (README, "Schema") are stable; new fields may be added.
Every item that comes from the report carries an `Evidence` span into `source.text`.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from . import SCHEMA_VERSION


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Evidence(_Model):
    """A span of the source text: `source.text[start:end] == quote`."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    quote: str
    verified: bool = Field(True, description="False when the quote could not be found in the source.")


class Status(StrEnum):
    done = "done"
    in_progress = "in_progress"
    long_term = "long_term"
    unknown = "unknown"


class Source(_Model):
    path: str | None = Field(None, description="The input path, or null for stdin.")
    sha256: str = Field(description="SHA-256 of the input bytes.")
    chars: int = Field(description="Length of `text` in characters.")
    encoding: str | None = Field(
        description="Python codec that decodes the bytes to `text` (null for PDF/DOCX)."
    )
    format: str = Field("txt", description="txt, md, html, pdf or docx.")
    text: str = Field(description="The text every evidence offset refers to (newlines normalised to \\n).")


class DateValue(_Model):
    value: str | None = Field(
        description="ISO date (YYYY-MM-DD), or null when the report gives none exactly."
    )
    inferred_year: bool = Field(
        False, description="True when the year was not written and came from context."
    )
    evidence: Evidence | None = None


class Meta(_Model):
    title: str | None = None
    unit: str | None = Field(None, description="The inspected Party organisation.")
    inspector: str | None = Field(None, description="e.g. 市委第一巡察组.")
    inspection_kind: str | None = Field(None, description="常规 / 联动 / 专项 / 回头看 / 机动 when stated.")
    inspection_round: str | None = Field(None, description="e.g. 七届市委第八轮, when stated.")
    inspection_start: str | None = None
    inspection_end: str | None = None
    feedback_date: str | None = None
    published_date: str | None = Field(None, description="The date the notice is signed/dated (落款).")
    page_date: str | None = Field(None, description="The web page's 发布时间, when present.")
    issuer: str | None = None
    evidence: dict[str, Evidence] = Field(default_factory=dict, description="Evidence per filled field.")
    dates_inferred: list[str] = Field(
        default_factory=list, description="Fields whose year came from context."
    )
    dates_reconstructed: list[str] = Field(
        default_factory=list,
        description="Date fields read from a copy that lost 年/月/日 (2024717日 → 2024-07-17); each has a warning.",
    )
    inspectors: list[str] = Field(
        default_factory=list,
        description="Every inspection group named, when more than one; `inspector` is the first.",
    )
    units: list[str] = Field(
        default_factory=list,
        description="Each unit of a joint notice or of a round-level notice, when more than one.",
    )
    villages: list[str] = Field(
        default_factory=list, description="Villages (村/社区) inspected with the town that is the unit."
    )
    round_level: bool = Field(
        False,
        description="The notice covers a whole round of many units (listed in `units`); `unit` is null.",
    )


class StatedCount(_Model):
    value: float
    unit: str | None = None
    text: str = Field(description="The number as written, e.g. 二十三 or 76%.")
    evidence: Evidence


class Figure(_Model):
    label: str = Field(
        description="What is counted: a complete phrase of the figure's own clause, before or after the number."
    )
    value: float
    text: str = Field(description="The number with its unit as written, e.g. 38家.")
    unit: str | None = None
    direction: Literal["up", "down"] | None = Field(
        None,
        description="up for 增长/新增/提高/增至…, down for 下降/减少/降至…; null when the text says neither.",
    )
    evidence: Evidence


class Measure(_Model):
    text: str
    status: Status = Status.unknown
    evidence: Evidence
    deadline: str | None = Field(
        None, description="ISO date of the deadline the measure states (完成时限：…), if any."
    )
    deadline_evidence: Evidence | None = None


class Problem(_Model):
    """A sub-problem of an item: (1)针对…的问题, or an unnumbered 针对… line."""

    title: str
    named_problem: str | None = None
    status: Status = Status.unknown
    evidence: Evidence
    summary: str | None = Field(
        None, description="One-sentence summary (LLM engine); null from the rules engine."
    )
    summary_evidence: Evidence | None = None
    measures: list[Measure] = Field(default_factory=list)
    figures: list[Figure] = Field(default_factory=list)


class Item(_Model):
    """A numbered heading under an area: 1.关于…的问题, or a task heading such as 1.全面加强政治理论学习."""

    title: str
    named_problem: str | None = None
    status: Status = Status.unknown
    evidence: Evidence
    summary: str | None = Field(
        None, description="One-sentence summary (LLM engine); null from the rules engine."
    )
    summary_evidence: Evidence | None = None
    measures: list[Measure] = Field(default_factory=list)
    figures: list[Figure] = Field(default_factory=list)
    problems: list[Problem] = Field(default_factory=list)


class Area(_Model):
    title: str | None = Field(description="The 方面 heading; null when the report has none.")
    evidence: Evidence
    items: list[Item] = Field(default_factory=list)
    measures: list[Measure] = Field(default_factory=list, description="Measures of an area with no items.")


class TextItem(_Model):
    title: str | None = None
    text: str
    evidence: Evidence
    summary: str | None = Field(
        None, description="One-sentence summary (LLM engine); null from the rules engine."
    )
    summary_evidence: Evidence | None = None


class OutstandingItem(_Model):
    item: str
    deadline: str | None = None
    status: Status = Status.in_progress
    evidence: Evidence
    deadline_evidence: Evidence | None = None
    overdue_at_publication: bool | None = Field(
        None,
        description="True when the deadline had already passed on the notice's published_date and the item "
        "is not done; null when either date is not exact. Whether it is overdue today is for a view to say.",
    )
    summary: str | None = Field(
        None, description="One-sentence summary (LLM engine); null from the rules engine."
    )
    summary_evidence: Evidence | None = None


class Discipline(_Model):
    people: int | None = Field(None, description="Total people dealt with, as stated.")
    counts: dict[str, int] = Field(default_factory=dict, description="People by type: 党纪处分, 诫勉, …")
    evidence: list[Evidence] = Field(default_factory=list)


class Contact(_Model):
    phone: list[str] = Field(default_factory=list)
    email: list[str] = Field(default_factory=list)
    address: str | None = None
    text: str
    evidence: Evidence


class Warning(_Model):
    code: str = Field(description="Stable identifier, e.g. count_mismatch.")
    message: str
    evidence: Evidence | None = None


class OverviewSentence(_Model):
    text: str
    evidence: list[Evidence] = Field(
        default_factory=list, description="Where the facts of the sentence are stated in the source."
    )


class Overview(_Model):
    """A few sentences on the whole notice: who inspected whom and when, what was found, where it stands."""

    text: str = Field(description="The sentences, joined: what every view prints first.")
    sentences: list[OverviewSentence] = Field(default_factory=list)
    statuses: dict[str, int] = Field(
        default_factory=dict, description="Problems by status: done, in_progress, long_term, unknown."
    )
    by: Literal["rules", "llm"] = Field(
        "rules",
        description="rules: built from this summary's own fields; llm: written by the model, each sentence grounded.",
    )


class EngineInfo(_Model):
    name: str
    version: str
    model: str | None = None
    usage: dict[str, Any] = Field(default_factory=dict)


class ReportSummary(_Model):
    schema_version: str = SCHEMA_VERSION
    source: Source
    meta: Meta
    overview: Overview | None = Field(
        None, description="The notice in a few sentences, with a status breakdown."
    )
    stated_counts: dict[str, StatedCount] = Field(
        default_factory=dict,
        description="Numbers the report states about itself: areas, items (大项/类), sub_items (子项), problems, "
        "suggestions, tasks, measures; completed, basically_completed, partially_completed, in_progress, "
        "long_term (of the problems), the same prefixed tasks_ or measures_ (of tasks, of measures); "
        "completion_rate, rules_made, rules_revised, money_recovered, clues. A previous round's are left out.",
    )
    found_counts: dict[str, int] = Field(default_factory=dict)
    organisation: list[TextItem] = Field(default_factory=list)
    areas: list[Area] = Field(default_factory=list)
    outstanding: list[OutstandingItem] = Field(default_factory=list)
    discipline: Discipline = Field(default_factory=Discipline)
    next_steps: list[TextItem] = Field(default_factory=list)
    contact: Contact | None = None
    warnings: list[Warning] = Field(default_factory=list)
    coverage: dict[str, float] = Field(
        default_factory=dict,
        description="Share of the problems text under some entry: `outline` before any engine, `final` after.",
    )
    engine: EngineInfo

    def problem_count(self) -> int:
        return tally(self.areas, self.outstanding)["problems"]

    def item_count(self) -> int:
        return tally(self.areas, self.outstanding)["items"]

    def stated(self, key: str) -> float | None:
        count = self.stated_counts.get(key)
        return count.value if count else None


def tally(areas: list[Area], outstanding: list[OutstandingItem]) -> dict[str, int]:
    """The found counts: the one definition of what counts as an item, a problem, a measure."""
    items = [i for a in areas for i in a.items]
    return {
        "areas": len(areas),
        "items": len(items),
        # An item with sub-problems counts each of them; an item with none is one problem.
        "problems": sum(max(1, len(i.problems)) for i in items),
        "named_problems": sum(
            (1 if i.named_problem else 0) + sum(1 for p in i.problems if p.named_problem) for i in items
        ),
        "measures": sum(len(i.measures) + sum(len(p.measures) for p in i.problems) for i in items),
        "done": sum(1 for i in items if i.status is Status.done),
        "in_progress": sum(1 for i in items if i.status is Status.in_progress),
        "outstanding": len(outstanding),
    }
