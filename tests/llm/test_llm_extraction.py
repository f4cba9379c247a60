"""Where the outline finds nothing, the model finds the problems; a lazy model destroys nothing.

Fixtures in tests/llm/fixtures/ (synthetic notices with no numbering, 一是/二是 prose, a table, a
half-structured outline); answers hand-written in tests/llm/answers/, replayed from cassettes/extraction.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from summarise.evidence import iter_evidence
from summarise.ingest import read_path
from summarise.models import ReportSummary
from summarise.pipeline import summarise_document
from summarise.settings import Settings

from .conftest import MINI, ROOT, Target
from .stub_server import Fault
from .test_llm_faults import run as run_faulted

CASSETTE_GROUP = "extraction"
pytestmark = pytest.mark.vcr
FIXTURES = Path(__file__).resolve().parent / "fixtures"
ANSWERS = Path(__file__).resolve().parent / "answers"
UNSTRUCTURED = ["unnumbered", "narrative", "table", "half_structured"]


def run(target: Target, tmp_path: Path, path: Path, *faults: Fault) -> ReportSummary:
    """One call for the whole notice: the default chunk budget, not the fault tests' small one."""
    return run_faulted(target, tmp_path, *faults, chunk_tokens=Settings().chunk_tokens, path=path)


def named_in_answers(name: str) -> list[str]:
    """The quotes of the problems the hand-written answer names: entries it fills and problems it adds."""
    data = yaml.safe_load((ANSWERS / f"{name}.yaml").read_text(encoding="utf-8"))
    return [item["quote"] for area in data.get("found") or [] for item in area["items"]]


def problem_quotes(summary: ReportSummary) -> list[str]:
    return [item.evidence.quote for area in summary.areas for item in area.items]


@pytest.mark.parametrize("name", UNSTRUCTURED)
def test_the_model_recovers_every_problem_the_outline_missed(
    name: str, target: Target, tmp_path: Path
) -> None:
    path = FIXTURES / f"{name}.txt"
    rules = summarise_document(read_path(path))
    llm = run(target, tmp_path, path)
    missed = named_in_answers(name)
    assert missed, "the answer file names problems the outline missed"
    found = problem_quotes(llm)
    for quote in missed:
        assert any(quote.replace(" ", "") in q.replace(" ", "") for q in found), quote
    assert llm.problem_count() == rules.problem_count() + len(missed)
    added = [i for a in llm.areas for i in a.items if i.evidence.quote in missed]
    assert added and all(i.evidence.verified for i in added)
    assert all(m.evidence.verified for i in added for m in i.measures)
    assert llm.coverage["final"] > llm.coverage["outline"]
    text = llm.source.text
    assert all(text[e.start : e.end] == e.quote for e in iter_evidence(llm) if e.verified)
    print(
        f"\n{name}: rules {rules.problem_count()} problems, llm {llm.problem_count()}; coverage {llm.coverage}"
    )


def test_a_lazy_model_leaves_the_rules_engines_values_and_says_so(target: Target, tmp_path: Path) -> None:
    rules = summarise_document(read_path(MINI))
    llm = run(target, tmp_path, MINI, Fault("lazy", times=99))

    def values(s: ReportSummary) -> list[object]:
        items = [i for a in s.areas for i in a.items]
        return (
            [
                [(m.text, m.status, m.evidence) for m in i.measures]
                + [(f.label, f.value) for f in i.figures]
                + [i.status]
                for i in items
            ]
            + [(o.item, o.status, o.deadline) for o in s.outstanding]
            + [t.text for t in s.organisation]
        )

    assert values(llm) == values(rules)
    codes = [w.code for w in llm.warnings]
    assert "llm_unusable" in codes
    assert all(
        i.summary is None for a in llm.areas for i in a.items
    )  # "已完成整改" with no quote is not kept


def test_quotes_with_their_punctuation_normalised_are_all_grounded(target: Target, tmp_path: Path) -> None:
    llm = run(target, tmp_path, MINI, Fault("punctuate", times=99))
    assert [w for w in llm.warnings if w.code == "llm_unverified_quote"] == []
    model_evidence = [m.evidence for a in llm.areas for i in a.items for m in i.measures]
    assert model_evidence and all(e.verified for e in model_evidence)
    # The model wrote "第一议题" with straight quotes; the evidence keeps the report's own “”.
    assert any("“" in e.quote for e in model_evidence)


def test_fixtures_are_synthetic_and_answer_files_name_their_source() -> None:
    for name in UNSTRUCTURED:
        data = yaml.safe_load((ANSWERS / f"{name}.yaml").read_text(encoding="utf-8"))
        assert (ROOT / data["source"]).resolve() == (FIXTURES / f"{name}.txt").resolve()
