"""Evidence spans: the one place that cuts quotes from the source and checks them."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, get_args

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


def _may_hold_models(annotation: Any) -> bool:
    if annotation is Any or annotation is object:
        return True
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return True
    return any(_may_hold_models(arg) for arg in get_args(annotation))


_FIELDS: dict[type[BaseModel], tuple[str, ...]] = {}


def _fields_with_models(cls: type[BaseModel]) -> tuple[str, ...]:
    """The fields of a model that can hold another model, last first (the order the stack wants them
    in): the walk skips the others (titles, texts, statuses), most of a summary's values."""
    names = _FIELDS.get(cls)
    if names is None:
        names = tuple(n for n, f in reversed(cls.model_fields.items()) if _may_hold_models(f.annotation))
        _FIELDS[cls] = names
    return names


def _evidence(node: Any) -> list[Evidence]:
    # A summary holds thousands of values: walked with an explicit stack, over only the fields of each
    # model that can hold a model, passing strings, numbers and None before any isinstance test.
    found: list[Evidence] = []
    stack = [node]
    while stack:
        value = stack.pop()
        if type(value) in _LEAVES:
            continue
        if isinstance(value, Evidence):
            found.append(value)
        elif isinstance(value, BaseModel):
            values = value.__dict__
            stack.extend([values.get(n) for n in _fields_with_models(type(value))])
        elif isinstance(value, dict):
            stack.extend(reversed(value.values()))
        elif isinstance(value, list | tuple):
            stack.extend(reversed(value))
    return found


def check(summary: ReportSummary) -> list[Evidence]:
    """Evidence marked verified whose quote is not `source.text[start:end]`; should always be empty."""
    text = summary.source.text
    return [ev for ev in _evidence(summary) if ev.verified and text[ev.start : ev.end] != ev.quote]
