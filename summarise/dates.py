"""Dates as these notices write them, resolved to ISO with the year inferred from context.

2024年4月12日至7月12日 → 2024-04-12, 2024-07-12; a later 9月13日 → 2024-09-13 (inferred). A vague
date (4月上旬, 9月底) or a month/day with no year anywhere before it is kept with value None so that the
caller can say why in a warning; nothing is invented.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .numerals import cn_to_int

_CN = "〇零○一二三四五六七八九十"
_Y = rf"(?P<y>(?:19|20)\d{{2}}|[{_CN}]{{4}})"
_M = r"(?P<m>1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
_D = r"(?P<d>3[01]|[12]\d|0?[1-9]|三十一?|二?十[一二三四五六七八九]?|[一二三四五六七八九])"
# 年 may be lost in web copies ("20244月12日"): accept a bare 4-digit year right before the month.
_CN_DATE = re.compile(
    rf"(?:{_Y}\s*(?:年\s*|(?=\d{{1,2}}月)))?{_M}\s*月\s*"
    rf"(?:{_D}\s*(?:[日号]|(?=\s*(?:至|到|起|—|-|,|、|。)))|(?P<vague>上旬|中旬|下旬|初|中|底|末))"
)
_ISO_DATE = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d{2})[-/.](?P<m>1[0-2]|0?[1-9])[-/.](?P<d>3[01]|[12]\d|0?[1-9])(?!\d)"
)
_RANGE_SEP = re.compile(r"^\s*(?:至|到|—|–|-|~|～)\s*$")


@dataclass
class DateMention:
    start: int  # offsets in the text the mention was found in
    end: int
    year: int | None
    month: int
    day: int | None
    year_inferred: bool = False

    @property
    def iso(self) -> str | None:
        if self.year is None or self.day is None:
            return None
        try:
            return date(self.year, self.month, self.day).isoformat()
        except ValueError:
            return None

    @property
    def vague(self) -> bool:
        return self.day is None


def _num(text: str | None) -> int | None:
    if text is None:
        return None
    return int(text) if text.isdigit() else cn_to_int(text)


def find_dates(text: str) -> list[DateMention]:
    """Every date in `text`, in order, with implied years filled from the dates before them."""
    found: list[DateMention] = []
    for m in _CN_DATE.finditer(text):
        month = _num(m.group("m"))
        if month is None or not 1 <= month <= 12:
            continue
        found.append(DateMention(m.start(), m.end(), _num(m.group("y")), month, _num(m.group("d"))))
    for m in _ISO_DATE.finditer(text):
        if any(d.start <= m.start() < d.end for d in found):
            continue
        found.append(DateMention(m.start(), m.end(), int(m.group("y")), int(m.group("m")), int(m.group("d"))))
    found.sort(key=lambda d: d.start)
    _infer_years(text, found)
    return found


def _infer_years(text: str, mentions: list[DateMention]) -> None:
    last: DateMention | None = None
    for mention in mentions:
        if mention.year is None and last is not None and last.year is not None:
            mention.year = last.year
            mention.year_inferred = True
            # The end of a range cannot precede its start: 2024年11月3日至1月4日 ends in 2025.
            between = text[last.end : mention.start]
            if _RANGE_SEP.match(between) and (mention.month, mention.day or 0) < (last.month, last.day or 0):
                mention.year += 1
        if mention.year is not None:
            last = mention


def after(mention: DateMention, floor: DateMention | None) -> DateMention:
    """A month/day whose inferred year puts it before `floor` (an event it must follow) moves a year on."""
    if (
        mention.year_inferred
        and floor is not None
        and floor.year is not None
        and mention.year is not None
        and (mention.year, mention.month, mention.day or 0) < (floor.year, floor.month, floor.day or 0)
    ):
        mention.year += 1
    return mention
