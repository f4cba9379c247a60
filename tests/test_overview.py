"""The overview: a few sentences whose every number is one of the summary's own fields.

Run over the seeds and the other corpora (real-world notices, the LLM fixtures), in both languages.
The status breakdown is recounted here from the areas, independently of summarise/overview.py.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import ROOT, SEEDS

from summarise.evidence import check
from summarise.i18n import Lang
from summarise.models import ReportSummary
from summarise.pipeline import Pipeline
from summarise.settings import Settings

CORPORA = (
    SEEDS
    + sorted((ROOT / "tests" / "realworld" / "notices").glob("*.txt"))
    + sorted((ROOT / "tests" / "llm" / "fixtures").glob("*.txt"))
)
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_CACHE: dict[tuple[Path, Lang], ReportSummary] = {}


def summary_of(path: Path, lang: Lang = "zh") -> ReportSummary:
    if (path, lang) not in _CACHE:
        _CACHE[path, lang] = Pipeline(Settings(engine="rules", lang=lang)).summarise_path(path)
    return _CACHE[path, lang]


def recount(s: ReportSummary) -> dict[str, int]:
    counts = {"done": 0, "in_progress": 0, "long_term": 0, "unknown": 0}
    for area in s.areas:
        for item in area.items:
            for status in [p.status for p in item.problems] or [item.status]:
                counts[status.value] += 1
    return counts


def field_numbers(s: ReportSummary) -> set[float]:
    """Every number the overview may quote: counts found and stated, statuses, dates, discipline."""
    m = s.meta
    numbers: set[float] = {float(v) for v in s.found_counts.values()}
    numbers |= {c.value for c in s.stated_counts.values()}
    numbers |= {float(v) for v in recount(s).values()}
    numbers |= {float(len(x)) for x in (s.outstanding, m.units, m.villages, m.inspectors)}
    numbers.add(float(sum(1 for o in s.outstanding if not o.deadline)))
    numbers.add(float(sum(1 for o in s.outstanding if o.overdue_at_publication)))
    if s.discipline.people is not None:
        numbers.add(float(s.discipline.people))
    numbers |= {float(v) for v in s.discipline.counts.values()}
    dates = [getattr(m, f) for f in ("inspection_start", "inspection_end", "feedback_date", "published_date")]
    for iso in dates + [o.deadline for o in s.outstanding]:
        if iso:
            numbers |= {float(part) for part in iso.split("-")}
    return numbers


def quoted_fields(s: ReportSummary) -> list[str]:
    """Report words a sentence may quote whole (a unit named 第3中学 is not a count)."""
    m = s.meta
    words = [m.unit, m.inspector, m.inspection_kind, *m.units[:1], *m.inspectors[:1], *s.discipline.counts]
    return sorted((w for w in words if w), key=len, reverse=True)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("path", CORPORA, ids=lambda p: p.stem)
def test_every_number_in_the_overview_is_a_field_of_the_summary(path: Path, lang: Lang) -> None:
    s = summary_of(path, lang)
    assert s.overview is not None and s.overview.by == "rules"
    allowed = field_numbers(s)
    for sentence in s.overview.sentences:
        text = sentence.text
        for word in quoted_fields(s):
            text = text.replace(word, " ")
        for number in _NUMBER.findall(text):
            assert float(number) in allowed, (path.name, number, sentence.text)
    assert s.overview.text.startswith(s.overview.sentences[0].text)
    assert 1 <= len(s.overview.sentences) <= 5


@pytest.mark.parametrize("path", CORPORA, ids=lambda p: p.stem)
def test_the_status_breakdown_adds_up_to_the_problems_found(path: Path) -> None:
    s = summary_of(path)
    assert s.overview is not None
    assert s.overview.statuses == recount(s)
    assert sum(s.overview.statuses.values()) == s.found_counts["problems"]


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem)
def test_a_seed_overview_says_who_what_and_where_it_stands_with_evidence(path: Path) -> None:
    s = summary_of(path)
    assert s.overview is not None
    sentences = s.overview.sentences
    assert 3 <= len(sentences) <= 5
    who, found, statuses = (x.text for x in sentences[:3])
    assert s.meta.unit and s.meta.unit in who and s.meta.inspector and s.meta.inspector in who
    assert f"{s.found_counts['problems']}个问题" in found and f"{s.found_counts['areas']}个方面" in found
    for status, n in recount(s).items():
        label = {"done": "已完成", "in_progress": "推进中", "long_term": "长期坚持", "unknown": "未说明进展"}[
            status
        ]
        assert (f"{label}{n}个" in statuses) == (n > 0), (status, statuses)
    for sentence in sentences:
        assert sentence.evidence, sentence.text
    assert check(s) == []  # the overview's evidence is the fields' evidence, so it is checked like theirs


def test_seed_001_tells_the_stated_counts_the_outstanding_items_and_the_discipline() -> None:
    s = summary_of(next(p for p in SEEDS if p.name.startswith("001_")))
    assert s.overview is not None
    texts = [x.text for x in s.overview.sentences]
    assert "与通报自述一致" in texts[1]  # 4 areas, 15 items, 29 problems, as stated
    outstanding = next(t for t in texts if t.startswith("尚需整改事项"))
    assert "4项" in outstanding and "2021年3月31日" in outstanding
    discipline = next(x for x in s.overview.sentences if x.text.startswith("问责处理"))
    assert "12人" in discipline.text and "提醒谈话11人" in discipline.text
    assert {e.quote for e in discipline.evidence} >= {"提醒谈话11人"}


def test_the_english_overview_is_english() -> None:
    s = summary_of(next(p for p in SEEDS if p.name.startswith("001_")), "en")
    assert s.overview is not None
    assert "carried out a 联动 inspection of" in s.overview.sentences[0].text
    assert "29 problems" in s.overview.text and "12 people were dealt with" in s.overview.text


def test_an_engine_overview_is_kept_and_the_rules_one_is_the_fallback() -> None:
    from summarise.models import Overview
    from summarise.overview import rules_overview, with_overview

    s = summary_of(SEEDS[0])
    own = Overview(text="x", sentences=[], statuses=s.overview.statuses if s.overview else {}, by="llm")
    assert with_overview(s.model_copy(update={"overview": own})).overview == own
    rebuilt = with_overview(s.model_copy(update={"overview": None})).overview
    assert rebuilt == rules_overview(s) == s.overview
