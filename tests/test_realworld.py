"""The real-world set (tests/realworld): complete, well-formed, and every notice summarises with sound evidence.

The accuracy figures on this set are a measured baseline printed by bench/eval_realworld.py; they are
deliberately not asserted here.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import pytest

from summarise.evidence import iter_evidence
from summarise.pipeline import Pipeline
from summarise.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
REALWORLD = ROOT / "tests" / "realworld"
NOTICES = sorted((REALWORLD / "notices").glob("*.txt"))
GOLDS = sorted((REALWORLD / "gold").glob("*.json"))
LEVELS = {"中央", "省", "市", "区县", "乡镇村", "企业", "高校", "other"}
META = ("unit", "inspector", "inspection_start", "inspection_end", "feedback_date")
DATES = ("inspection_start", "inspection_end", "feedback_date")


def _gold(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline(Settings(engine="rules"))


def test_the_set_is_large_enough_to_mean_something() -> None:
    assert len(NOTICES) >= 40


def test_every_notice_has_a_gold_file_and_every_gold_file_a_notice() -> None:
    assert [p.stem for p in NOTICES] == [p.stem for p in GOLDS]
    for gold in GOLDS:
        assert _gold(gold)["notice"] == f"{gold.stem}.txt"


def test_notice_names_are_numbered_ascii_slugs() -> None:
    for i, notice in enumerate(NOTICES, start=1):
        assert notice.name.isascii(), notice.name
        assert notice.name.startswith(f"{i:03d}_"), notice.name


@pytest.mark.parametrize("gold_path", GOLDS, ids=lambda p: p.stem)
def test_gold_file_validates(gold_path: Path) -> None:
    gold = _gold(gold_path)
    assert set(gold) == {"notice", "source_url", "level", "whole", "meta", "stated_counts", "notes"}
    assert gold["source_url"].startswith(("http://", "https://"))
    assert gold["level"] in LEVELS
    assert isinstance(gold["whole"], bool)
    assert isinstance(gold["notes"], str) and gold["notes"]
    assert set(gold["meta"]) == set(META)
    for name in ("unit", "inspector"):
        value = gold["meta"][name]
        assert value is None or (isinstance(value, str) and value.strip() == value and value)
    for name in DATES:
        value = gold["meta"][name]
        if value is not None:
            assert len(value) == 10 and dt.date.fromisoformat(value).isoformat() == value, value
    start, end = gold["meta"]["inspection_start"], gold["meta"]["inspection_end"]
    if start and end:
        assert start <= end
    stated = gold["stated_counts"]
    if stated is not None:
        assert set(stated) == {"problems"}
        assert isinstance(stated["problems"], int) and stated["problems"] > 0


@pytest.mark.parametrize("notice", NOTICES, ids=lambda p: p.stem)
def test_notice_is_utf8_text(notice: Path) -> None:
    text = notice.read_bytes().decode("utf-8")
    assert text.strip()
    assert not text.startswith("\ufeff")


@pytest.mark.parametrize("notice", NOTICES, ids=lambda p: p.stem)
def test_notice_summarises_with_sound_evidence(pipeline: Pipeline, notice: Path) -> None:
    summary = pipeline.summarise_path(notice)
    text = summary.source.text
    checked = 0
    for ev in iter_evidence(summary):
        assert 0 <= ev.start <= ev.end <= len(text)
        if ev.verified:
            assert text[ev.start : ev.end] == ev.quote
            checked += 1
    assert checked, "a notice with no verified evidence at all"


def test_the_eval_counts_every_non_null_gold_value(pipeline: Pipeline) -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import eval_realworld
    finally:
        sys.path.remove(str(ROOT / "bench"))
    result = eval_realworld.evaluate(REALWORLD, pipeline)
    golds = [_gold(p) for p in GOLDS]
    assert result.notices == len(golds)
    for name in META:
        assert result.rates[name].total == sum(g["meta"][name] is not None for g in golds)
    assert result.rates["stated_problems"].total == sum(bool(g["stated_counts"]) for g in golds)
    rendered = eval_realworld.render(result)
    assert "metadata (pooled)" in rendered and "stated problems" in rendered
