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


def iter_evidence(node: Any) -> Iterator[Evidence]:
    """Every Evidence inside a model, depth first."""
    if isinstance(node, Evidence):
        yield node
    elif isinstance(node, BaseModel):
        for name in type(node).model_fields:
            yield from iter_evidence(getattr(node, name))
    elif isinstance(node, dict):
        for value in node.values():
            yield from iter_evidence(value)
    elif isinstance(node, list | tuple):
        for value in node:
            yield from iter_evidence(value)


def check(summary: ReportSummary) -> list[Evidence]:
    """Evidence marked verified whose quote is not `source.text[start:end]`; should always be empty."""
    text = summary.source.text
    return [ev for ev in iter_evidence(summary) if ev.verified and text[ev.start : ev.end] != ev.quote]
