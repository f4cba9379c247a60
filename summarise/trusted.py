"""The engine's most numerous models, built from values it made itself, without pydantic's validation.

A report holds dozens of Evidence, Measure and Figure objects, and validating each costs more than
finding it. Their values are right by construction (offsets from the view, quotes cut from the
source, enums and floats made by the rules), and every summary still passes the evidence check
before it leaves the pipeline. The objects are the ones `Model(**fields)` makes: the same field
values in the same order, the same set of fields given, equal and serialised alike
(tests/test_trusted.py holds them to it).
"""

from __future__ import annotations

from typing import Literal

from .models import Evidence, Figure, Measure, Status

_set = object.__setattr__
# Copied per object: assigning a field later adds its name to the set.
_EVIDENCE_SET = frozenset(("start", "end", "quote"))
_MEASURE_SET = frozenset(("text", "status", "evidence"))
_FIGURE_SET = frozenset(("label", "value", "text", "unit", "direction", "evidence"))


def evidence(start: int, end: int, quote: str) -> Evidence:
    ev = Evidence.__new__(Evidence)
    _set(ev, "__dict__", {"start": start, "end": end, "quote": quote, "verified": True})
    _set(ev, "__pydantic_fields_set__", set(_EVIDENCE_SET))
    _set(ev, "__pydantic_extra__", None)
    _set(ev, "__pydantic_private__", None)
    return ev


def measure(text: str, status: Status, ev: Evidence) -> Measure:
    m = Measure.__new__(Measure)
    _set(m, "__dict__", {"text": text, "status": status, "evidence": ev})
    _set(m, "__pydantic_fields_set__", set(_MEASURE_SET))
    _set(m, "__pydantic_extra__", None)
    _set(m, "__pydantic_private__", None)
    return m


def figure(
    label: str, value: float, text: str, unit: str, direction: Literal["up", "down"] | None, ev: Evidence
) -> Figure:
    f = Figure.__new__(Figure)
    _set(
        f,
        "__dict__",
        {"label": label, "value": value, "text": text, "unit": unit, "direction": direction, "evidence": ev},
    )
    _set(f, "__pydantic_fields_set__", set(_FIGURE_SET))
    _set(f, "__pydantic_extra__", None)
    _set(f, "__pydantic_private__", None)
    return f
