"""The rules engine on the seeds: held to the level measured against hand-annotated gold."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import GOLD, SEEDS, gold_for

from summarise.api import summarise_path
from summarise.evaluate import score_summary
from summarise.evidence import check, iter_evidence

# Measured with `summarise eval` (see README); a drop below these fails.
FLOORS = {
    "areas": (1.0, 1.0),
    "items": (1.0, 1.0),
    "named_problems": (1.0, 1.0),
    "problem_count": (1.0, 1.0),
    "outstanding": (1.0, 1.0),
    "outstanding_deadline": (1.0, 1.0),
    "discipline": (1.0, 1.0),
    "next_steps": (1.0, 1.0),
    "stated_counts": (1.0, 1.0),
}


def test_every_seed_has_its_gold_and_every_gold_its_seed() -> None:
    assert len(SEEDS) >= 5
    assert [s.stem for s in SEEDS] == sorted(g.stem for g in GOLD.glob("*.json"))


@pytest.fixture(scope="module", params=SEEDS, ids=[s.stem[:3] for s in SEEDS])
def seed_summary(request: pytest.FixtureRequest):
    seed: Path = request.param
    return seed, summarise_path(seed)


def test_every_evidence_quote_is_verbatim(seed_summary) -> None:
    seed, summary = seed_summary
    source = seed.read_text(encoding="utf-8")
    assert summary.source.text == source
    evidence = list(iter_evidence(summary))
    assert len(evidence) > 20
    assert check(summary) == []
    for ev in evidence:
        assert source[ev.start : ev.end] == ev.quote and ev.quote.strip()


def test_fields_meet_measured_level(seed_summary) -> None:
    seed, summary = seed_summary
    scores = score_summary(gold_for(seed), summary, seed.name)
    for name, (p_floor, r_floor) in FLOORS.items():
        score = scores.fields[name]
        assert score.precision >= p_floor and score.recall >= r_floor, (name, scores.misses)


@pytest.mark.parametrize("field", ["inspection_start", "inspection_end", "feedback_date", "published_date"])
def test_dates_match_gold(seed_summary, field: str) -> None:
    seed, summary = seed_summary
    assert getattr(summary.meta, field) == gold_for(seed)["meta"][field]


def _seed(prefix: str) -> Path:
    return next(s for s in SEEDS if s.name.startswith(prefix))


def test_004_has_four_areas_and_52_named_problems() -> None:
    summary = summarise_path(_seed("004"))
    assert len(summary.areas) == 4
    assert sum(1 for a in summary.areas for i in a.items if i.named_problem) == 52
    first = summary.areas[0].items[0]
    assert first.named_problem == "执行‘第一议题’制度不到位"
    assert first.status == "done"  # 已制定并印发…


def test_001_counts_reconcile_and_discipline_does_not_add_up() -> None:
    summary = summarise_path(_seed("001"))
    assert (len(summary.areas), summary.item_count(), summary.problem_count()) == (4, 15, 29)
    assert {k: v.value for k, v in summary.stated_counts.items() if k in ("areas", "items", "problems")} == {
        "areas": 4,
        "items": 15,
        "problems": 29,
    }
    assert not [w for w in summary.warnings if w.code == "count_mismatch"]
    assert [o.deadline for o in summary.outstanding] == [
        "2021-03-31",
        "2021-03-31",
        "2021-12-31",
        "2021-03-31",
    ]
    assert summary.discipline.people == 12
    assert summary.discipline.counts == {"政务处分": 1, "诫勉": 1, "提醒谈话": 11}
    mismatch = [w for w in summary.warnings if w.code == "discipline_mismatch"]
    assert len(mismatch) == 1 and "12" in mismatch[0].message and "13" in mismatch[0].message


@pytest.mark.parametrize(("prefix", "areas", "items"), [("000", 4, 16), ("002", 4, 13), ("003", 5, 15)])
def test_area_and_item_counts(prefix: str, areas: int, items: int) -> None:
    summary = summarise_path(_seed(prefix))
    assert (len(summary.areas), summary.item_count()) == (areas, items)


def test_area_without_numbered_items_keeps_its_text_as_measures() -> None:
    summary = summarise_path(_seed("003"))
    first = summary.areas[0]
    assert first.items == [] and first.measures
    assert "以往反馈问题整改" in first.measures[0].evidence.quote
