"""Grounding: every quote the model returns must be found in the text it was given.

Quotes are matched on a folded view that forgives what real models do to punctuation: straight and
curly quotes and 「」『』 are one character, 、 ， and , are one, full and half width are one (the
ingest normalisation), and whitespace is ignored. The evidence itself is always cut from the original
text, so `source[start:end] == quote` holds by construction.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache

from ..evidence import cut
from ..models import Evidence
from ..normalise import NormView, normalise
from ..numerals import CN_NUM_CHARS, to_number
from .schemas import ChunkAnswer, FigureAnswer

MIN_QUOTE = 4  # shorter quotes ("的问题") match almost anywhere and prove nothing
# Status words are short by nature (已完成, 正在推进); they are looked for only near what they qualify.
MIN_STATUS_QUOTE = 2
STATUS_REACH = 600
Span = tuple[int, int]

_FOLD = str.maketrans(
    {
        **{c: '"' for c in '“”„‟"＂「」『』〝〞'},
        **{c: "'" for c in "‘’‚‛'＇"},
        **{c: "," for c in "、，,､"},
        **{c: "." for c in "。．.｡"},
        **{c: ";" for c in "；;"},
        **{c: ":" for c in "：:"},
        **{c: "-" for c in "—–－‐-"},
    }
)
_NUMBER = re.compile(rf"^(?:约|近|超|逾|共|达)?(?P<n>\d+(?:\.\d+)?|[{CN_NUM_CHARS}]+)\s*(?P<unit>[^\d\s/]*)$")


_TAG = re.compile(r"\[[AOUN]\d+(?:\.\d+)*\]")


@lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """The folded form of a piece of text: entry tags dropped, normalised, punctuation folded, no whitespace."""
    return "".join(normalise(_TAG.sub("", text)).text.translate(_FOLD).split())


def parse_number(text: str) -> tuple[float, str | None] | None:
    """'38家' → (38.0, '家'); '57.2亿元' → (57.2, '亿元'); '二十三个' → (23.0, '个'); anything else → None."""
    m = _NUMBER.match(text.strip())
    if not m:
        return None
    value = to_number(m.group("n"))
    if value is None:
        return None
    return value, (m.group("unit") or None)


@dataclass(frozen=True)
class _Folded:
    text: str  # the whole view, folded, whitespace removed
    pos: list[int]  # view offset of each folded character
    # The validator and the reader of an answer look up the same quotes: each is searched once.
    found: dict[tuple[str, int, int], Span | None] = field(default_factory=dict)

    def range(self, span: Span) -> tuple[int, int]:
        return bisect_left(self.pos, span[0]), bisect_left(self.pos, span[1])


_WS = re.compile(r"\s")
_NON_WS = re.compile(r"\S")


@lru_cache(maxsize=8)
def _fold_view(text: str) -> _Folded:
    """Folded once per report: every chunk, validation and re-read of it searches the same index."""
    return _Folded(_WS.sub("", text).translate(_FOLD), [m.start() for m in _NON_WS.finditer(text)])


@dataclass
class Grounder:
    """Finds quotes inside the view spans of one chunk, preferring the span of the entry they belong to."""

    view: NormView
    spans: list[Span]
    entry_spans: dict[str, Span] = field(default_factory=dict)

    def _find(self, needle: str, span: Span) -> Span | None:
        folded = _fold_view(self.view.text)
        lo, hi = folded.range(span)
        key = (needle, lo, hi)
        if key not in folded.found:
            at = folded.text.find(needle, lo, hi)
            folded.found[key] = None if at < 0 else (folded.pos[at], folded.pos[at + len(needle) - 1] + 1)
        return folded.found[key]

    def locate(self, quote: str, entry_id: str | None = None, within: Span | None = None) -> Span | None:
        """View span of the quote, or None when it is not in the chunk (or too short to mean anything).
        With `within`, a short quote (a status word) is looked for there only."""
        needle = fold(quote)
        if len(needle) < MIN_QUOTE:
            if within is None or len(needle) < MIN_STATUS_QUOTE:
                return None
            return self._find(needle, within)
        order = [within] if within else []
        if entry_id in self.entry_spans:
            order.append(self.entry_spans[entry_id])
        order += self.spans
        for span in order:
            found = self._find(needle, span)
            if found is not None:
                return found
        return None

    def near(self, entry_id: str | None, anchor: Span | None) -> Span | None:
        """Where a status word of this entry may stand: the entry's span, or the text after its quote."""
        if entry_id in self.entry_spans:
            return self.entry_spans[entry_id]
        if anchor is not None:
            return anchor[0], min(len(self.view.text), anchor[1] + STATUS_REACH)
        return None

    def evidence(
        self, quote: str, entry_id: str | None, fallback: Span, within: Span | None = None
    ) -> Evidence:
        """Verified evidence cut from the original, or the model's words marked unverified at `fallback`."""
        span = self.locate(quote, entry_id, within)
        if span is None:
            ostart, oend = self.view.to_original(*fallback)
            return Evidence(start=ostart, end=oend, quote=quote, verified=False)
        return cut(self.view, *span)

    def number_in(self, number: str, quote_span: Span) -> Span | None:
        """View span of `number` (as written) inside an already located quote."""
        needle = fold(number)
        return self._find(needle, quote_span) if needle else None


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
        for entry in answer.entries:
            if entry.id not in self.expected:
                out.append(f"编号 {entry.id!r} 不在所列条目中;只回答: {', '.join(self.expected)}")
                continue
            if entry.id in seen:
                out.append(f"编号 {entry.id} 出现两次;每个编号只回答一项")
            seen.add(entry.id)
            out.extend(self._quote(entry.id, "quote", entry.quote, required=False))
            # An empty status_quote is no claim; a status without one simply changes nothing.
            out.extend(self._status(entry.id, entry.status_quote, self.grounder.near(entry.id, None)))
            for i, m in enumerate(entry.measures):
                out.extend(self._quote(entry.id, f"measures[{i}].quote", m.quote, required=True))
            for i, f in enumerate(entry.figures):
                out.extend(self._figure(entry.id, f"figures[{i}]", f))
        for a, area in enumerate(answer.found):
            for i, item in enumerate(area.items):
                where = f"found[{a}].items[{i}]"
                out.extend(self._quote(where, "quote", item.quote, required=True))
                anchor = self.grounder.locate(item.quote)
                out.extend(self._status(where, item.status_quote, self.grounder.near(None, anchor)))
                for k, m in enumerate(item.measures):
                    out.extend(self._quote(where, f"measures[{k}].quote", m.quote, required=True))
                for k, f in enumerate(item.figures):
                    out.extend(self._figure(where, f"figures[{k}]", f))
        left_out = [f"{i} ({label})" for i, label in self.expected.items() if i not in seen]
        if left_out:
            out.append(f"漏答的编号: {'; '.join(left_out)}。每个所列编号都要回答一项。")
        return out

    def _quote(self, owner: str, where: str, quote: str, *, required: bool) -> list[str]:
        if not quote.strip() and not required:
            return []
        if len(fold(quote)) < MIN_QUOTE:
            return [f"{owner} {where} 太短;请从原文逐字摘录至少一个分句"]
        if self.grounder.locate(quote, owner) is None:
            return [f"{owner} {where} {quote!r} 不是原文的逐字摘录;请逐字复制标记之间的原文,不要省略或改写"]
        return []

    def _status(self, owner: str, quote: str, near: Span | None) -> list[str]:
        if not quote.strip() or near is None:
            return []
        if self.grounder.locate(quote, None, near) is None:
            return [f"{owner} status_quote {quote!r} 不在该条目的原文中;请逐字摘录表明状态的字词"]
        return []

    def _figure(self, owner: str, where: str, figure: FigureAnswer) -> list[str]:
        span = self.grounder.locate(figure.quote, owner)
        if span is None:
            return self._quote(owner, f"{where}.quote", figure.quote, required=True)
        if parse_number(figure.number) is None:
            return [f"{owner} {where}.number {figure.number!r} 不是带单位的数字,如38家"]
        if self.grounder.number_in(figure.number, span) is None:
            return [f"{owner} {where}.number {figure.number!r} 不在它的摘录中"]
        return []
