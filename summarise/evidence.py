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
    """Every Evidence inside a model, depth first."""
    return iter(_evidence(node))


def _evidence(node: Any) -> list[Evidence]:
    # A summary holds thousands of values: walked with an explicit stack over each model's own field
    # values (its __dict__), passing strings, numbers and None before any isinstance test.
    found: list[Evidence] = []
    stack = [node]
    while stack:
        value = stack.pop()
        if type(value) in _LEAVES:
            continue
        if isinstance(value, Evidence):
            found.append(value)
        elif isinstance(value, BaseModel):
            stack.extend(reversed(value.__dict__.values()))
        elif isinstance(value, dict):
            stack.extend(reversed(value.values()))
        elif isinstance(value, list | tuple):
            stack.extend(reversed(value))
    return found


def check(summary: ReportSummary) -> list[Evidence]:
    """Evidence marked verified whose quote is not `source.text[start:end]`; should always be empty."""
    text = summary.source.text
    return [ev for ev in _evidence(summary) if ev.verified and text[ev.start : ev.end] != ev.quote]
