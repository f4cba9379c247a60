"""Dates as these notices write them, resolved to ISO with the year inferred from context.

2024年4月12日至7月12日 → 2024-04-12, 2024-07-12; a later 9月13日 → 2024-09-13 (inferred). A vague
date (4月上旬, 9月底) or a month/day with no year anywhere before it is kept with value None so that the
caller can say why in a warning; nothing is invented.

A range's end may give the day only (2024年4月12日至30日 → 2024-04-30). Copies that lost 年 or 月
(2024717日至830日, 914日) are read by `damaged_dates` only where exactly one reading is a valid date
with a year in view; those mentions are `reconstructed`, the others `ambiguous` with no value.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
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
RANGE_SEP = r"(?:至|到|—{1,2}|–|-{1,2}|~|～)"
_RANGE_SEP = re.compile(rf"^\s*{RANGE_SEP}\s*$")
# The end of a range written with its day only: 4月12日至30日.
_DAY_ONLY = re.compile(rf"\s*{RANGE_SEP}\s*{_D}\s*[日号]")
# The end of a range that lost its 日 before the next word: 2022年8月19日至2022年11月15市委第三巡察组….
_END_NO_DAY = re.compile(rf"\s*{RANGE_SEP}\s*(?:{_Y}\s*年\s*)?{_M}\s*月\s*{_D}(?=[\u4e00-\u9fff])(?![日号])")


@dataclass
class DateMention:
    start: int  # offsets in the text the mention was found in
    end: int
    year: int | None
    month: int
    day: int | None
    year_inferred: bool = False
    reconstructed: bool = False  # 年/月 lost in copying and read back (see damaged_dates)
    ambiguous: bool = False  # a damaged date with no single reading: no value

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


# What may stand between the start of a Chinese date and its 月: a year, 年, a month, spaces.
_BEFORE_MONTH = set("0123456789" + _CN + "年")
_STARTS = set("0123456789" + _CN)
_DAY_MARK = re.compile(r"\s*[日号]")


def _cn_date_matches(text: str) -> Iterator[re.Match[str]]:
    """The matches of _CN_DATE.finditer(text), found from their anchors: every match holds a 月, and
    only digits, numerals, 年 and spaces stand between its start and that 月. So the pattern is tried
    only at the few positions before each 月 where a year or month may begin, not at every position."""
    pos = 0  # where finditer would go on from: the end of the last match, or past what was tried
    at = text.find("月")
    while at != -1:
        first = at
        while first > pos and (
            text[first - 1] in _BEFORE_MONTH or text[first - 1].isspace() or text[first - 1].isdecimal()
        ):
            first -= 1
        matched = None
        for start in range(first, at):
            ch = text[start]
            if ch in _STARTS or ch.isdecimal():
                matched = _CN_DATE.match(text, start)
                if matched is not None:
                    break
        if matched is not None:
            yield matched
            pos = matched.end()
            at = text.find("月", max(pos, at + 1))
        else:
            pos = max(pos, at)
            at = text.find("月", at + 1)


_ISO_SEP = re.compile(r"[-/.]")


def _iso_matches(text: str) -> Iterator[re.Match[str]]:
    """The matches of _ISO_DATE.finditer(text): each starts four characters before a separator, so
    the pattern is tried there only."""
    pos = 0
    for sep in _ISO_SEP.finditer(text, 4):
        start = sep.start() - 4
        if start < pos:
            continue
        m = _ISO_DATE.match(text, start)
        if m is not None:
            yield m
            pos = m.end()


def find_dates(text: str) -> list[DateMention]:
    """Every date in `text`, in order, with implied years filled from the dates before them."""
    found: list[DateMention] = []
    for m in _cn_date_matches(text):
        month = _num(m.group("m"))
        if month is None or not 1 <= month <= 12:
            continue
        lost_year = m.group("y") is not None and "年" not in text[m.end("y") : m.start("m")]
        lost_day = m.group("d") is not None and not _DAY_MARK.match(text[m.end("d") : m.end()])
        found.append(
            DateMention(
                m.start(),
                m.end(),
                _num(m.group("y")),
                month,
                _num(m.group("d")),
                reconstructed=lost_year or lost_day,
            )
        )
        end = _END_NO_DAY.match(text, m.end()) if m.group("d") else None
        end_month = _num(end.group("m")) if end else None
        if end and end_month and 1 <= end_month <= 12:
            year = _num(end.group("y"))
            start = end.start("y") if end.group("y") else end.start("m")
            found.append(
                DateMention(start, end.end(), year, end_month, _num(end.group("d")), reconstructed=True)
            )
        day_only = _DAY_ONLY.match(text, m.end()) if m.group("d") else None
        if day_only:
            found.append(
                DateMention(day_only.start("d"), day_only.end(), None, month, _num(day_only.group("d")))
            )
    for m in _iso_matches(text):
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


# 年/月 lost in copying: 2024717日, 2024年717日, 914日 (the digits of month and day run together).
_DAMAGED = re.compile(r"(?:(?P<y>(?:19|20)\d{2})年?)?(?P<md>\d{3,4})日")
# What may stand before a damaged date: a boundary, or a word that introduces a date (于, 至, 自 …).
_BEFORE_DATE = set(" \t\n,.;:!?，。；：！？、()（）“”\"'于在至到从自即—–-~～年")


def _readings(md: str, year: int | None) -> list[tuple[int, int]]:
    """The (month, day) pairs a run of 3 or 4 digits can be read as."""
    splits = [(md[:1], md[1:]), (md[:2], md[2:])] if len(md) == 3 else [(md[:2], md[2:])]
    out = []
    for m_text, d_text in splits:
        month, day = int(m_text), int(d_text)
        if d_text == "0" or not 1 <= month <= 12 or day < 1:
            continue
        if day <= calendar.monthrange(year or 2000, month)[1]:
            out.append((month, day))
    return out


def damaged_dates(
    text: str, known: list[DateMention], start: int = 0, end: int | None = None
) -> list[DateMention]:
    """Dates in text[start:end] whose 年/月 were lost in copying, read only when that is unambiguous.

    A run like 717 is read as 7月17日 when it has exactly one valid reading and a year: its own (2024717日)
    or that of the last date before it (`known`, or a damaged date read before it). Such a mention is
    `reconstructed`. A run with two readings (2024112日: 1月12日 or 11月2日) or with no year in view is
    returned `ambiguous`, with no value. A run that cannot be a date (历时120日 is never looked at: 时 is
    not a boundary; 1000日 has no reading) is left alone.
    """
    end = len(text) if end is None else end
    found: list[DateMention] = []
    for m in _DAMAGED.finditer(text, start, end):
        if m.start() > 0 and text[m.start() - 1] not in _BEFORE_DATE and not text[m.start() - 1].isspace():
            continue
        if m.start() > 0 and text[m.start() - 1].isdigit():
            continue
        if any(d.start < m.end() and m.start() < d.end for d in known):
            continue
        year = int(m.group("y")) if m.group("y") else None
        inferred = False
        if year is None:
            before = [d for d in known + found if d.end <= m.start() and d.year is not None]
            if before:
                year = max(before, key=lambda d: d.end).year
                inferred = True
        readings = _readings(m.group("md"), year)
        if not readings:
            continue
        if year is None or len(readings) > 1:
            found.append(DateMention(m.start(), m.end(), None, 0, None, ambiguous=True))
            continue
        month, day = readings[0]
        found.append(
            DateMention(m.start(), m.end(), year, month, day, year_inferred=inferred, reconstructed=True)
        )
    return found
