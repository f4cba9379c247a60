"""Evidence spans: the one place that cuts quotes from the source and checks them."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from .models import Evidence, ReportSummary
from .normalise import NormView


def cut(view: NormView, start: int, end: int) -> Evidence:
    """Evidence for a span of the normalised view, quoted from the original text."""
    ostart, oend = view.to_original(start, end)
    return Evidence(start=ostart, end=oend, quote=view.original[ostart:oend])


def cut_original(source: str, start: int, end: int) -> Evidence:
    return Evidence(start=start, end=end, quote=source[start:end])


# Values that hold no evidence: most of a summary's leaves, passed over before any isinstance test.
_LEAVES = frozenset({str, int, float, bool, type(None)})


def iter_evidence(node: Any) -> Iterator[Evidence]:
    """Every Evidence inside a model, depth first.

    A summary holds thousands of values; walked with an explicit stack and each model's own field
    values (its __dict__), not a recursive generator per value and getattr per field."""
    stack = [node]
    while stack:
        value = stack.pop()
        kind = type(value)
        if kind in _LEAVES:
            continue
        if isinstance(value, Evidence):
            yield value
        elif isinstance(value, BaseModel):
            stack.extend(reversed([value.__dict__[name] for name in type(value).model_fields]))
        elif isinstance(value, dict):
            stack.extend(reversed(list(value.values())))
        elif isinstance(value, list | tuple):
            stack.extend(reversed(value))


def check(summary: ReportSummary) -> list[Evidence]:
    """Evidence marked verified whose quote is not `source.text[start:end]`; should always be empty."""
    text = summary.source.text
    return [ev for ev in iter_evidence(summary) if ev.verified and text[ev.start : ev.end] != ev.quote]
