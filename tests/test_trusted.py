"""The engine's unvalidated constructors make the very objects pydantic's validation makes."""

from __future__ import annotations

from pathlib import Path

from summarise import trusted
from summarise.evidence import check, iter_evidence
from summarise.ingest import from_bytes
from summarise.models import Evidence, Figure, Measure, Status
from summarise.pipeline import Pipeline

ROOT = Path(__file__).resolve().parent.parent


def _same(a: object, b: object) -> None:
    assert a == b
    assert repr(a) == repr(b)
    assert a.model_dump_json() == b.model_dump_json()  # type: ignore[attr-defined]
    assert a.model_fields_set == b.model_fields_set  # type: ignore[attr-defined]


def test_evidence_measure_figure_match_validated_models() -> None:
    ev = trusted.evidence(3, 7, "整改到位")
    _same(ev, Evidence(start=3, end=7, quote="整改到位"))
    _same(
        trusted.measure("完善制度", Status.done, ev),
        Measure(text="完善制度", status=Status.done, evidence=Evidence(start=3, end=7, quote="整改到位")),
    )
    _same(
        trusted.figure("企业", 38.0, "38家", "家", "up", ev),
        Figure(label="企业", value=38.0, text="38家", unit="家", direction="up", evidence=ev),
    )


def test_trusted_objects_take_assignment_and_copies() -> None:
    ev = trusted.evidence(0, 2, "通报")
    other = trusted.evidence(0, 2, "通报")
    ev.verified = False  # the field set is the object's own, not shared
    assert ev.model_fields_set == {"start", "end", "quote", "verified"}
    assert other.model_fields_set == {"start", "end", "quote"}
    copy = other.model_copy(update={"quote": "x"})
    assert copy.quote == "x" and other.quote == "通报"


def test_evidence_walk_finds_every_span_and_a_broken_one() -> None:
    path = ROOT / "seeds"
    sample = sorted(path.glob("*.txt"))[0]
    summary = Pipeline().summarise(from_bytes(sample.read_bytes(), name=sample.name, path=sample.name))
    spans = list(iter_evidence(summary))
    # Every Evidence reachable through the summary's fields, found by a walk over all of its values.
    everything = []
    stack: list[object] = [summary.model_dump()]
    while stack:
        v = stack.pop()
        if isinstance(v, dict):
            if set(v) == {"start", "end", "quote", "verified"}:
                everything.append(v)
            else:
                stack.extend(v.values())
        elif isinstance(v, list):
            stack.extend(v)
    assert len(spans) == len(everything) > 20
    assert check(summary) == []
    item = next(i for a in summary.areas for i in a.items if i.measures)
    item.measures[-1].evidence.quote += "X"
    assert check(summary) == [item.measures[-1].evidence]
