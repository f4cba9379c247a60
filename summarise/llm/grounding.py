"""Grounding: every quote the model returns must be found verbatim in its chunk.

Quotes are compared after the same normalisation as ingest (full-width punctuation, zero-width
characters) and with whitespace ignored, because models re-flow line breaks; the evidence itself is
always cut from the original text, so `source[start:end] == quote` holds by construction.
"""

from __future__ import annotations

import re
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..evidence import cut
from ..models import Evidence
from ..normalise import NormView, normalise
from ..numerals import CN_NUM_CHARS

if TYPE_CHECKING:
    from .schemas import ChunkAnswer

MIN_QUOTE = 4  # shorter quotes ("的问题") match almost anywhere and prove nothing
_SPACE = re.compile(r"\s+")
_NON_SPACE = re.compile(r"\S")
_NUMBER = re.compile(rf"^(?:约|近|超|逾|共|达)?(?P<n>\d+(?:\.\d+)?|[{CN_NUM_CHARS}]+)\s*(?P<unit>[^\d\s/]*)$")


def compact(text: str) -> str:
    return _SPACE.sub("", normalise(text).text)


def parse_number(text: str) -> tuple[float, str | None] | None:
    """'38家' → (38.0, '家'); '57.2亿元' → (57.2, '亿元'); '二十三个' → (23.0, '个'); anything else → None."""
    from ..numerals import to_number

    m = _NUMBER.match(text.strip())
    if not m:
        return None
    value = to_number(m.group("n"))
    if value is None:
        return None
    return value, (m.group("unit") or None)


@dataclass
class _Compact:
    text: str
    pos: list[int]  # view offset of each compact character


@dataclass
class Grounder:
    """Finds quotes inside the view spans of one chunk, preferring the span of the item they belong to."""

    view: NormView
    spans: list[tuple[int, int]]
    item_spans: dict[str, tuple[int, int]]
    _index: dict[tuple[int, int], _Compact] = field(default_factory=dict, repr=False)

    def _compact(self, span: tuple[int, int]) -> _Compact:
        if span not in self._index:
            start, end = span
            pos = [m.start() for m in _NON_SPACE.finditer(self.view.text, start, end)]
            self._index[span] = _Compact("".join(self.view.text[i] for i in pos), pos)
        return self._index[span]

    def locate(self, quote: str, item_id: str | None = None) -> tuple[int, int] | None:
        """View span of the quote, or None when it is not in the chunk (or too short to mean anything)."""
        needle = compact(quote)
        if len(needle) < MIN_QUOTE:
            return None
        order = ([self.item_spans[item_id]] if item_id in self.item_spans else []) + self.spans
        for span in order:
            index = self._compact(span)
            at = index.text.find(needle)
            if at >= 0:
                return index.pos[at], index.pos[at + len(needle) - 1] + 1
        return None

    def evidence(self, quote: str, item_id: str, fallback: Evidence) -> Evidence:
        """Verified evidence cut from the original, or the model's quote marked unverified at `fallback`'s span."""
        span = self.locate(quote, item_id)
        if span is None:
            return Evidence(start=fallback.start, end=fallback.end, quote=quote, verified=False)
        return cut(self.view, *span)

    def number_in(self, number: str, quote_span: tuple[int, int]) -> tuple[int, int] | None:
        """View span of `number` (as written) inside an already located quote."""
        needle = compact(number)
        index = self._compact(quote_span)
        at = index.text.find(needle) if needle else -1
        if at < 0:
            return None
        return index.pos[at], index.pos[at + len(needle) - 1] + 1


@dataclass
class Grounding:
    """What the validator of one chunk's answer needs; shared with the call through a context variable."""

    grounder: Grounder
    expected: dict[str, str]  # id → label, in prompt order
    reasks: int
    attempt: int = 0  # incremented by the client before each call to the model

    @property
    def strict(self) -> bool:
        # The last allowed attempt is lenient: what still fails to ground is kept, marked unverified.
        return self.attempt <= self.reasks

    def problems(self, answer: ChunkAnswer) -> list[str]:
        """Every reason to re-ask, written for the model to act on."""
        out: list[str] = []
        seen: set[str] = set()
        for entry in answer.items:
            if entry.id not in self.expected:
                out.append(f"id {entry.id!r} is not in the list; answer only for: {', '.join(self.expected)}")
                continue
            if entry.id in seen:
                out.append(f"id {entry.id} appears twice; give one entry per id")
            seen.add(entry.id)
            out.extend(self._quote_problems(entry.id, "quote", entry.quote))
            for i, measure in enumerate(entry.measures):
                out.extend(self._quote_problems(entry.id, f"measures[{i}].quote", measure.quote))
            for i, figure in enumerate(entry.figures):
                where = f"figures[{i}]"
                span = self.grounder.locate(figure.quote, entry.id)
                if span is None:
                    out.extend(self._quote_problems(entry.id, f"{where}.quote", figure.quote))
                elif parse_number(figure.number) is None:
                    out.append(
                        f"{entry.id} {where}.number {figure.number!r} is not a number with its unit, e.g. 38家"
                    )
                elif self.grounder.number_in(figure.number, span) is None:
                    out.append(f"{entry.id} {where}.number {figure.number!r} does not appear in its quote")
        left_out = [f"{i} ({label})" for i, label in self.expected.items() if i not in seen]
        if left_out:
            out.append(f"items left out: {'; '.join(left_out)}. Give exactly one entry for every id.")
        return out

    def _quote_problems(self, item_id: str, where: str, quote: str) -> list[str]:
        if len(compact(quote)) < MIN_QUOTE:
            return [f"{item_id} {where} is too short; copy at least a clause from the report text"]
        if self.grounder.locate(quote, item_id) is None:
            return [
                f"{item_id} {where} {quote!r} is not copied exactly from the report text; copy the words "
                "character for character from between the fences, with no ellipsis or paraphrase"
            ]
        return []


ACTIVE: ContextVar[Grounding | None] = ContextVar("summarise_llm_grounding", default=None)
