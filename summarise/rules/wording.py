"""What the report's own words say: status of a measure, named problems, figures."""

from __future__ import annotations

import re

from ..models import Evidence, Figure, Status
from .context import Context

DEADLINE = re.compile(r"(?:完成|整改)(?:时限|期限|时间)\s*[:]?\s*|时限\s*[:]\s*")


def deadline_in(ctx: Context, start: int, end: int, what: str) -> tuple[str | None, Evidence] | None:
    """The first 完成时限:DATE in a span; a vague date is kept as None with a warning."""
    for m in DEADLINE.finditer(ctx.text, start, end):
        dates = [d for d in ctx.dates_in(m.end(), min(end, m.end() + 20)) if d.start == m.end()]
        if dates:
            d = dates[0]
            if d.iso is None:
                ctx.warn("vague_date", f"deadline of {what} is not exact", (d.start, d.end))
            return d.iso, ctx.ev(m.start(), d.end)
    return None


def combine(statuses: list[Status]) -> Status:
    """An item is in progress if any of its measures is, done if some are and none is in progress."""
    if Status.in_progress in statuses:
        return Status.in_progress
    if Status.done in statuses:
        return Status.done
    if Status.long_term in statuses:
        return Status.long_term
    return Status.unknown


_NAMED = [
    re.compile(r"^关于[“\"‘'](?P<x>.+)[”\"’']的?(?:问题)?(?:的)?(?:整改|落实|处理)?(?:情况|进展)?$"),
    re.compile(r"^关于(?P<x>.+?)的问题(?:的?整改(?:落实)?情况)?$"),
    re.compile(r"^针对(?P<x>.+)的问题$"),
    re.compile(r"^针对(?P<x>.+?)问题$"),
    re.compile(r"^(?:反馈)?问题\s*\d*\s*[:](?P<x>.+)$"),
    re.compile(r"^关于(?P<x>.+?)问题的?整改(?:落实)?情况$"),
]


# A heading that states a shortcoming (…不到位, …不规范, …滞后) names a problem even without 关于/针对.
_SHORTCOMING = re.compile(
    r"不到位|不深入|不规范|不严格|不严肃|不严谨|不够|不足|不力|不强|不高|不充分|不完善|不健全|不及时|不明显|不扎实|不精准|"
    r"不严|不实|滞后|薄弱|缺位|偏差|欠缺|有待|乏力|较差|混乱|流于形式|走过场|边改边犯|形同虚设|未按|未落实|未执行|未建立|"
    r"未完成|违规|超标|超编|虚报|挪用|截留|失职|失责|懈怠|淡化|弱化|虚化"
)
_TASK_START = re.compile(
    r"^(?:全面|持续|进一步|深入|扎实|切实|着力|加强|强化|推进|推动|提升|提高|健全|完善|规范|严格|坚持|坚决|落实好|抓好|做好|压实|扛牢|扛稳)"
)


def named_problem(title: str) -> str | None:
    """The problem as the report names it (关于“X”的整改情况 → X; 针对X的问题 → X; a heading that states a
    shortcoming → itself); None for a task heading such as 全面加强政治理论学习."""
    title = title.strip().rstrip("。.;")
    for pattern in _NAMED:
        m = pattern.match(title)
        if m and m.group("x").strip():
            return m.group("x").strip()
    if _SHORTCOMING.search(title) and not _TASK_START.match(title) and len(title) <= 60:
        return title
    return None


_UNITS = (
    "万元|亿元|元|万平方米|平方米|公顷|万亩|亩|公里|千米|米|吨|%|个百分点|人次|件次|户次|次|余人|余家|余次|余项|余个|余件|"
    "家|个|项|人|名|件|份|场|户|条|座|所|处|批|篇|期|栋|套|台|辆|天|小时|倍|宗|笔|轮|类|支|本|册|间|张|起|单"
)
_FIGURE = re.compile(rf"(?<![\d.])(?P<num>\d+(?:\.\d+)?)\s*(?P<unit>{_UNITS})")
_LABEL_STOP = re.compile(r"[,;。:、()《》!?\n]")
_LABEL_TRIM = re.compile(
    r"(?:共计|共|累计|合计|总计|新增|增至|达到|达|为|有|约|超|超过|近|逾|至|了|计|实现|完成|开展|下降|增长|提高|提升)+$"
)


def figures(ctx: Context, start: int, end: int) -> list[Figure]:
    """Numbers with units, each labelled by the words just before it (专精特新企业增至38家 → 专精特新企业)."""
    text = ctx.text
    out: list[Figure] = []
    prev_end = start
    prev_label: str | None = None
    for m in _FIGURE.finditer(text, start, end):
        if m.group("unit") in ("个", "项", "次") and text[m.end() : m.end() + 1] in ("月", "年"):
            continue  # 3个月, 2项年度… are durations, not counts
        if text[m.end() : m.end() + 1] in ("年", "月", "日"):
            continue
        # The label never reaches back past the previous figure or a clause boundary.
        stop = max(prev_end, m.start() - 20)
        for s in _LABEL_STOP.finditer(text, stop, m.start()):
            stop = s.end()
        raw_label = text[stop : m.start()]
        label = _LABEL_TRIM.sub("", raw_label).strip()
        if not label and raw_label.strip():
            label = raw_label.strip()
        elif not label and prev_label and text[prev_end : m.start()].strip() in ("、", "和", "及", ",", "与"):
            label = prev_label  # 产值分别达311亿元、56.7亿元: the second figure shares the first one's label
        elif not label and stop > prev_end:
            label = _clause_before(text, stop, max(start, prev_end)) or m.group("unit")
        elif not label:
            label = m.group("unit")
        out.append(
            Figure(
                label=label,
                value=float(m.group("num")),
                text=m.group(0),
                unit=m.group("unit"),
                evidence=ctx.ev(stop if raw_label.strip() else m.start(), m.end()),
            )
        )
        prev_end, prev_label = m.end(), label
    return out


def _clause_before(text: str, stop: int, floor: int) -> str:
    """For 高企(77家: the words before the bracket or comma that cut the label off."""
    end = stop - 1
    begin = end
    while begin > max(floor, end - 16) and not _LABEL_STOP.match(text, begin - 1):
        begin -= 1
    return _LABEL_TRIM.sub("", text[begin:end]).strip()
