"""Field-level acceptance: a second engine's values replace the rules engine's only where they are grounded."""

from __future__ import annotations

from pathlib import Path

from summarise import skeleton as skeleton_mod
from summarise.assemble import assemble
from summarise.evidence import cut
from summarise.fill import EntryFill, Fill
from summarise.ingest import read_path
from summarise.models import EngineInfo, Evidence, Measure, Status
from summarise.rules import RulesEngine

MINI = Path(__file__).resolve().parent / "llm" / "fixtures" / "mini.txt"


def _setup() -> tuple[skeleton_mod.Skeleton, Fill]:
    skel = skeleton_mod.build(read_path(MINI))
    return skel, RulesEngine().fill(skel)


def _ev(skel: skeleton_mod.Skeleton, words: str) -> Evidence:
    at = skel.view.text.index(words)
    return cut(skel.view, at, at + len(words))


def _overlay(entries: dict[str, EntryFill]) -> Fill:
    return Fill(engine=EngineInfo(name="llm", version="test"), entries=entries)


def test_an_empty_answer_deletes_no_measure_and_changes_no_status() -> None:
    skel, base = _setup()
    rules = assemble(skel, base)
    lazy = {e.id: EntryFill(status=Status.done) for e in skel.entries}
    merged = assemble(skel, base, _overlay(lazy))
    for a, b in zip(rules.areas, merged.areas, strict=True):
        for i, j in zip(a.items, b.items, strict=True):
            assert (i.measures, i.figures, i.status) == (j.measures, j.figures, j.status)
    assert any(w.code == "llm_status_kept" for w in merged.warnings)


def test_a_status_changes_only_on_a_verified_quote_that_says_it() -> None:
    skel, base = _setup()
    item = next(e for e in skel.of("item") if "项目资金监管不严" in e.title)
    before = assemble(skel, base).areas[1].items[1].status
    assert before is Status.in_progress
    says_in_progress = _ev(skel, "正在开展专项资金使用情况审计")
    wrong = assemble(
        skel, base, _overlay({item.id: EntryFill(status=Status.done, status_evidence=says_in_progress)})
    )
    assert wrong.areas[1].items[1].status is Status.in_progress
    unverified = Evidence(start=0, end=3, quote="已完成", verified=False)
    made_up = assemble(
        skel, base, _overlay({item.id: EntryFill(status=Status.done, status_evidence=unverified)})
    )
    assert made_up.areas[1].items[1].status is Status.in_progress
    says_done = _ev(skel, "已完成8个项目的核查")
    right = assemble(
        skel, base, _overlay({item.id: EntryFill(status=Status.done, status_evidence=says_done)})
    )
    assert right.areas[1].items[1].status is Status.done


def test_unverified_measures_are_added_marked_and_never_replace_verified_ones() -> None:
    skel, base = _setup()
    item = skel.of("item")[0]
    rules_measures = assemble(skel, base).areas[0].items[0].measures
    guess = Measure(text="编造的措施", evidence=Evidence(start=0, end=2, quote="不在原文", verified=False))
    merged = assemble(skel, base, _overlay({item.id: EntryFill(measures=[guess])}))
    assert merged.areas[0].items[0].measures == [*rules_measures, guess]
    grounded = Measure(text="落实第一议题制度", evidence=_ev(skel, "严格落实“第一议题”制度"))
    replaced = assemble(skel, base, _overlay({item.id: EntryFill(measures=[grounded])}))
    assert replaced.areas[0].items[0].measures == [grounded]


def test_an_outstanding_item_never_becomes_done_without_a_quote_that_says_so() -> None:
    skel, base = _setup()
    entry = skel.of("outstanding")[0]
    merged = assemble(skel, base, _overlay({entry.id: EntryFill(status=Status.done, summary="已完成")}))
    assert merged.outstanding[0].status is Status.in_progress
    assert merged.outstanding[0].summary == "已完成"
