"""A measure that states its own 完成时限 keeps it, and the views mark it 逾期 as of a date.

Built from a seed by writing a 完成时限 into one of its measures (found by the rules, not by offsets),
so the rest of the notice stays as it is."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from summarise import i18n
from summarise.ingest import read_path
from summarise.models import Measure, ReportSummary
from summarise.pipeline import summarise_document
from summarise.render import ViewOptions
from summarise.render.views import SUMMARY_VIEWS

SEEDS = sorted(Path(__file__).resolve().parents[1].joinpath("seeds").glob("*.txt"))
DUE = "完成时限：2021年6月30日"


def _measures(summary: ReportSummary) -> list[Measure]:
    return [
        m
        for a in summary.areas
        for i in a.items
        for m in [*i.measures, *(x for p in i.problems for x in p.measures)]
    ]


def _dated_copy() -> tuple[ReportSummary, ReportSummary]:
    for seed in SEEDS:
        doc = read_path(seed)
        base = summarise_document(doc)
        target = next(
            (m for m in _measures(base) if m.evidence.quote.endswith("。") and m.status.value != "done"), None
        )
        if target is None:
            continue
        cut = target.evidence.end - 1  # before the measure's closing 。
        text = doc.text[:cut] + "，" + DUE + doc.text[cut:]
        return base, summarise_document(replace(doc, text=text))
    raise AssertionError("no seed has a measure to date")


def test_the_rules_read_a_measures_own_deadline_with_its_evidence() -> None:
    base, dated = _dated_copy()
    due = [m for m in _measures(dated) if m.deadline is not None]
    assert [m.deadline for m in due] == ["2021-06-30"]
    ev = due[0].deadline_evidence
    assert ev is not None and dated.source.text[ev.start : ev.end] == ev.quote and "2021年6月30日" in ev.quote
    # Nothing else moved: the same problems, and no other measure got a deadline.
    assert dated.problem_count() == base.problem_count()
    assert all(m.deadline is None for m in _measures(base))


def test_the_views_mark_it_overdue_as_of_a_date() -> None:
    _, dated = _dated_copy()
    for fmt in ("text", "md", "html"):
        today = SUMMARY_VIEWS.render(dated, fmt, ViewOptions(as_of=date(2026, 12, 1)))
        before = SUMMARY_VIEWS.render(dated, fmt, ViewOptions(as_of=date(2021, 1, 1)))
        assert "时限 2021-06-30，逾期" in today, fmt
        assert "时限 2021-06-30）" in before and "时限 2021-06-30，逾期" not in before, fmt
    with i18n.use_lang("en"):
        english = SUMMARY_VIEWS.render(dated, "md", ViewOptions(as_of=date(2026, 12, 1), lang="en"))
    assert "(due 2021-06-30, overdue)" in english
