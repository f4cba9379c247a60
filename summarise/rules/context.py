"""What every rules-engine step shares: the view, the outline, the dates and the warnings so far."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

from ..dates import DateMention, find_dates
from ..evidence import cut
from ..models import Evidence, OutstandingItem, Warning
from ..normalise import NormView, normalise
from ..outline import Outline, parse
from ..skeleton import Skeleton


@dataclass
class Context:
    view: NormView
    outline: Outline
    dates: list[DateMention]
    warnings: list[Warning] = field(default_factory=list)
    open_items: list[OutstandingItem] = field(default_factory=list)
    signature_start: int | None = None  # where the issuer/date block at the end begins
    # The dates' starts, in order (find_dates sorts them): a span's dates are found by bisection, not by
    # a walk over every date of the notice for each item.
    _starts: list[int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._starts = [d.start for d in self.dates]

    @classmethod
    def of(cls, text: str) -> Context:
        view = normalise(text)
        return cls(view=view, outline=parse(view), dates=find_dates(view.text))

    @classmethod
    def of_skeleton(cls, skeleton: Skeleton) -> Context:
        return cls(view=skeleton.view, outline=skeleton.outline, dates=skeleton.dates)

    @property
    def text(self) -> str:
        return self.view.text

    def ev(self, start: int, end: int) -> Evidence:
        return cut(self.view, start, end)

    def warn(self, code: str, message: str, span: tuple[int, int] | None = None) -> None:
        self.warnings.append(Warning(code=code, message=message, evidence=self.ev(*span) if span else None))

    def dates_in(self, start: int, end: int) -> list[DateMention]:
        out = []
        for i in range(bisect_left(self._starts, start), len(self.dates)):
            d = self.dates[i]
            if d.start > end:
                break
            if d.end <= end:
                out.append(d)
        return out
