"""diff at archive scale: problems are blocked before they are scored, with the pairs an exhaustive
scoring would choose, and a summary JSON whose evidence lies outside its source is refused on load."""

from __future__ import annotations

import json
import time
from functools import cache
from pathlib import Path

import pytest
from disk import changes, snapshot
from typer.testing import CliRunner

import summarise.diff.problems as problems_mod
from summarise.api import summarise_document, summarise_path
from summarise.cli import app
from summarise.diff import diff_summaries
from summarise.diff.problems import units
from summarise.ingest import from_bytes
from summarise.models import ReportSummary

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
REWORDING = [("不到位", "不够到位"), ("不足", "有短板"), ("滞后", "迟缓"), ("加强", "强化"), ("落实", "贯彻")]


@cache
def seed_summaries(reworded: bool) -> tuple[ReportSummary, ...]:
    out = []
    for seed in SEEDS:
        text = seed.read_text(encoding="utf-8")
        for before, after in REWORDING if reworded else ():
            text = text.replace(before, after)
        out.append(summarise_document(from_bytes(text.encode("utf-8"), name=seed.name)))
    return tuple(out)


def merged(reworded: bool, copies: int) -> ReportSummary:
    """Every seed's areas, `copies` times over: a notice with many problems, many of them alike."""
    summaries = seed_summaries(reworded)
    areas = [a for _ in range(copies) for s in summaries for a in s.areas]
    return summaries[0].model_copy(update={"areas": areas})


def pairing(old: ReportSummary, new: ReportSummary) -> list[tuple[str, str | None, str | None]]:
    result = diff_summaries(old, new)
    return [(p.state, p.old.path if p.old else None, p.new.path if p.new else None) for p in result.problems]


def test_blocked_pairing_chooses_the_pairs_exhaustive_scoring_chooses(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    old, new = merged(False, 2), merged(True, 2)
    assert len(units(old)) * len(units(new)) > problems_mod.EXACT_PAIRS  # blocked
    blocked = pairing(old, new)
    monkeypatch.setattr(problems_mod, "EXACT_PAIRS", 10**9)
    exhaustive = pairing(old, new)
    assert blocked == exhaustive
    assert sum(state == "recurring" for state, _, _ in blocked) == len(units(old))


def test_diff_of_two_thousand_problem_summaries_is_fast_and_pairs_every_problem() -> None:
    old, new = merged(False, 8), merged(True, 8)
    assert len(units(old)) == len(units(new)) == 8 * sum(len(units(s)) for s in seed_summaries(False))
    started = time.process_time()
    result = diff_summaries(old, new)
    seconds = time.process_time() - started
    # Scoring every pair took 23 s here; blocked, about 1 s (bench/bench_diff.py prints it).
    assert seconds < 6, seconds
    assert (result.totals.recurring, result.totals.new, result.totals.dropped) == (len(units(old)), 0, 0)


@pytest.mark.parametrize("where", ["past the end", "end before start"])
def test_diff_refuses_a_summary_json_whose_evidence_lies_outside_its_source(
    where: str, tmp_path: Path
) -> None:
    seed = SEEDS[0]
    data = summarise_path(seed).model_dump(mode="json")
    n = len(data["source"]["text"])
    evidence = (
        data["areas"][0]["evidence"]
        if data["areas"][0].get("evidence")
        else data["next_steps"][0]["evidence"]
    )
    evidence["start"], evidence["end"] = (n + 10, n + 20) if where == "past the end" else (50, 40)
    span = f"{evidence['start']}-{evidence['end']}"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    before = snapshot(tmp_path)
    for lang, message in (
        ("en", f"{path}: 1 evidence spans lie outside its source text of {n} characters (the first: {span})"),
        ("zh", f"{path}：有 1 处引文位置超出其 {n} 字的源文本（第一处：{span}）"),
    ):
        result = CliRunner().invoke(app, ["diff", str(path), str(seed), "--lang", lang])
        assert result.exit_code == 2, result.output
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and message in lines[0] and "--format json" in lines[0]
        assert result.stdout == ""
    assert changes(before, snapshot(tmp_path)) == set()
