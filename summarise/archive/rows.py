"""A ReportSummary flattened into index rows: plain tuples that pickle cheaply from a worker process.

Parents are referred to by local numbers (1, 2, …) within the report; the index turns them into row
ids when it inserts, so workers never need the database.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from ..i18n import both, say
from ..models import Evidence, Item, Problem, ReportSummary, tally
from ..reconcile import stated_problems
from ..render import META_FIELDS
from .fold import fold_all

Row = tuple[Any, ...]

# Columns of `reports` filled from the summary's meta (the index adds id, path, json_path, run and keys).
REPORT_FIELDS = META_FIELDS


@dataclass
class ReportRows:
    sha256: str
    report: dict[str, Any]
    stated_counts: list[Row] = field(default_factory=list)  # key, value, unit, text, start, end
    areas: list[Row] = field(default_factory=list)  # local, ord, title, start, end
    # local, area_local, parent_local, level, ord, title, named_problem, status, start, end
    problems: list[Row] = field(default_factory=list)
    # area_local, problem_local, ord, text, status, start, end (the measure as worded is the text at its span)
    measures: list[Row] = field(default_factory=list)
    figures: list[Row] = field(default_factory=list)  # problem_local, label, value, text, unit, start, end
    outstanding: list[Row] = field(default_factory=list)  # ord, item, deadline, status, start, end
    discipline: list[Row] = field(default_factory=list)  # kind, people
    warnings: list[Row] = field(default_factory=list)  # code, message, start, end
    text_items: list[Row] = field(default_factory=list)  # section, ord, title, text, start, end
    # What search matches, folded to simplified characters: one per problem row, one per measure row.
    problem_search: list[str] = field(default_factory=list)
    measure_search: list[str] = field(default_factory=list)


def fallbacks(summary: ReportSummary) -> list[dict[str, str]]:
    """The chunks the rules engine answered for the LLM, each with the warning that says why.

    From the summary alone (the engine's `fallback_chunks` and its `llm_*` warnings, which name their
    chunk), so the index rebuilt from the JSON files says the same.
    """
    chunks = summary.engine.usage.get("fallback_chunks") or []
    out: list[dict[str, str]] = []
    for chunk in chunks:
        # The warning as worded in either language (the summary may have been made under the other).
        heads = tuple(t.split("{section}")[0].format(chunk=chunk) for t in both("llm.warn.fallback"))
        said = next((w for w in summary.warnings if w.message.startswith(heads)), None)
        out.append(
            {
                "chunk": str(chunk),
                "code": said.code if said else "llm_failed",
                "reason": said.message if said else say("archive.fail.fallback"),
            }
        )
    return out


def _span(ev: Evidence | None) -> tuple[int | None, int | None]:
    return (ev.start, ev.end) if ev else (None, None)


def flatten(summary: ReportSummary) -> ReportRows:
    meta = summary.meta
    report: dict[str, Any] = {name: getattr(meta, name) for name in REPORT_FIELDS}
    report.update(
        format=summary.source.format,
        encoding=summary.source.encoding,
        chars=summary.source.chars,
        engine=summary.engine.name,
        engine_version=summary.engine.version,
        model=summary.engine.model,
        discipline_people=summary.discipline.people,
        warnings=len(summary.warnings),
    )
    fell_back = fallbacks(summary)
    report["status"] = "partial" if fell_back else "complete"
    report["fallbacks"] = json.dumps(fell_back, ensure_ascii=False) if fell_back else None
    stated = stated_problems(summary.stated_counts)  # 问题, or 子项问题 when the notice counts 大项 and 子项
    report["stated_problems"] = stated[1].value if stated else None
    rows = ReportRows(sha256=summary.source.sha256, report=report)
    rows.stated_counts = [
        (key, c.value, c.unit, c.text, *_span(c.evidence)) for key, c in summary.stated_counts.items()
    ]

    problem_no = 0
    for a_ord, area in enumerate(summary.areas):
        area_no = a_ord + 1
        rows.areas.append((area_no, a_ord, area.title, *_span(area.evidence)))
        for m_ord, m in enumerate(area.measures):
            rows.measures.append((area_no, None, m_ord, m.text, m.status.value, *_span(m.evidence)))
        for i_ord, item in enumerate(area.items):
            problem_no += 1
            item_no = problem_no
            _add_problem(rows, item, item_no, area_no, None, "item", i_ord)
            for p_ord, sub in enumerate(item.problems):
                problem_no += 1
                _add_problem(rows, sub, problem_no, area_no, item_no, "problem", p_ord)

    # Folded here, in the worker: one call for the whole report, and the main process only inserts.
    folded = fold_all([_problem_text(p[5], p[6]) for p in rows.problems] + [m[3] for m in rows.measures])
    rows.problem_search = folded[: len(rows.problems)]
    rows.measure_search = folded[len(rows.problems) :]
    rows.outstanding = [
        (o_ord, o.item, o.deadline, o.status.value, *_span(o.evidence))
        for o_ord, o in enumerate(summary.outstanding)
    ]
    rows.discipline = list(summary.discipline.counts.items())
    rows.warnings = [(w.code, w.message, *_span(w.evidence)) for w in summary.warnings]
    for section, items in (("organisation", summary.organisation), ("next_steps", summary.next_steps)):
        rows.text_items += [
            (section, t_ord, t.title, t.text, *_span(t.evidence)) for t_ord, t in enumerate(items)
        ]

    found = tally(summary.areas, summary.outstanding)  # once: item_count() and problem_count() each count all
    report.update(
        areas=len(rows.areas),
        items=found["items"],
        problems=found["problems"],
        measures=len(rows.measures),
        outstanding=len(rows.outstanding),
    )
    return rows


def _problem_text(title: str, named_problem: str | None) -> str:
    return f"{title} {named_problem}" if named_problem else title


def _add_problem(
    rows: ReportRows,
    node: Item | Problem,
    no: int,
    area_no: int,
    parent_no: int | None,
    level: str,
    ord_: int,
) -> None:
    rows.problems.append(
        (
            no,
            area_no,
            parent_no,
            level,
            ord_,
            node.title,
            node.named_problem,
            node.status.value,
            *_span(node.evidence),
        )
    )
    for m_ord, m in enumerate(node.measures):
        rows.measures.append((area_no, no, m_ord, m.text, m.status.value, *_span(m.evidence)))
    for f in node.figures:
        rows.figures.append((no, f.label, f.value, f.text, f.unit, *_span(f.evidence)))
