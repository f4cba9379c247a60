"""What the report's own words say: status of a measure, named problems, figures."""

from __future__ import annotations

import re
from typing import Literal

from ..i18n import say
from ..models import Evidence, Figure, Status
from .context import Context

Direction = Literal["up", "down"]
# 完成时限: / 整改期限 / 时限: — written to begin with one class of characters, each branch's first
# character checked by a lookbehind, so that a search skips to 完, 整 or 时.
DEADLINE = re.compile(
    r"[完整时](?:(?<=完)成(?:时限|期限|时间)\s*[:]?\s*|(?<=整)改(?:时限|期限|时间)\s*[:]?\s*|(?<=时)限\s*[:]\s*)"
)


def deadline_in(
    ctx: Context, start: int, end: int, what: str, *, warn: bool = True
) -> tuple[str | None, Evidence] | None:
    """The first 完成时限:DATE in a span; a vague date is kept as None with a warning (unless `warn` is
    False: the caller reads a span another reading has already warned about)."""
    for m in DEADLINE.finditer(ctx.text, start, end):
        dates = [d for d in ctx.dates_in(m.end(), min(end, m.end() + 20)) if d.start == m.end()]
        if dates:
            d = dates[0]
            if d.iso is None and warn:
                ctx.warn("vague_date", say("rules.deadline_not_exact", what=what), (d.start, d.end))
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
    "万元|亿元|元|万平方米|平方米|公顷|万亩|亩|公里|千米|米|吨|%|个百分点|人次|件次|户次|场次|次|余人|余家|余次|余项|余个|余件|"
    "家|个|项|人|名|件|份|场|户|条|座|所|处|批|篇|期|栋|套|台|辆|天|小时|倍|宗|笔|轮|类|支|本|册|间|张|起|单"
)
# A number not preceded by a digit or a point. The check follows the first digit, so that the pattern
# begins with a digit and the scan skips to digits instead of testing a lookbehind at every position.
_FIGURE = re.compile(rf"(?P<num>\d(?<![\d.]\d)\d*(?:\.\d+)?)\s*(?P<unit>{_UNITS})")
# A clause ends at punctuation; quotation marks do not end one (“第一议题”学习 is one phrase).
_STOP = ",;。:!?、()《》[]【】\n"
_DURATION = ("天", "小时")
# Words that move the quantity: 增长18% / 新增23家 / 提升至59.73% are up, 下降41.2% / 压减 are down.
_UP = re.compile(r"(?:增长|增加|增至|新增|提高|提升|上升|上涨|增幅|扩大)(?:了|到|至|为)?$")
_DOWN = re.compile(r"(?:下降|减少|降低|降至|减至|压减|压降|缩减|回落|下滑)(?:了|到|至|为)?$")
_NEW = re.compile(r"新增")
# Filler between the label and its number (专精特新企业增至38家 / 在库目标企业超90家 / 总数达165家).
_TRAIL = re.compile(
    r"(?:共计|共|累计|合计|总计|分别|均|各|已|达到|达|为|有|约|超过|超|近|逾|计|了|以上|同比|环比|"
    r"较上年|比上年|较去年|较\d{4}年(?:同期)?|比\d{4}年(?:同期)?)$"
)
_LEAD = re.compile(r"^(?:[一二三四五六七八九十]+是|首先|其次|再次|最后|其中|同时|并且|并|另外|此外|而且|还)")
# After a number with its unit, the counted thing (8个校企联合冠名班) runs until a predicate begins.
_AFTER_CUT = re.compile(
    r"已|均|全部|全面|正在|参与|参加|申报|开展|进行|实现|完成|成立|获得|获|到|用于|于|涉及|被|由|向|和|及|与|等|"
    r"扎实|相继|陆续|得到|纳入|列入|入库|入选|入围|通过|在|累计|共计|共|预计|计划|拟|将|以上|以下|左右|"
    r"增长|增加|增至|提高|提升|上升|下降|减少|降低|降至|减至"
)
# 56人以上大班额 / 亿元以上项目: a threshold that qualifies what follows, not a count.
_THRESHOLD = re.compile(r"(?:以上|以下)[\u4e00-\u9fff]")
_APPROX = re.compile(r"左右|以上|以下|上下|余|多")
# After a count of occasions (3次组织开展专题调研) what happened is a verb phrase: cut it only where it ends.
_EVENTS = ("次", "人次", "件次", "户次", "场次", "余次", "场", "轮", "期", "批")
_EVENT_CUT = re.compile(r"已|均|全部|并|和|及|与|等|累计|共计|共|预计|以上|以下|左右")
_AFTER_QUALIFIER = re.compile(r"超?\d+(?:\.\d+)?(?:亿元|万元|元|万平方米|平方米|万亩|亩|吨)(?:以上)?")
# A label is never only one of these: function words, fillers, empty verbs, or a place of the whole.
_NOT_A_LABEL = re.compile(
    r"^(?:含|包括|涉及|针对|推动|推进|促进|带动|共|达|有|为|超|约|近|等|及|和|与|对|向|给|从|在|先后|累计|共计|"
    r"合计|其中|目前|同时|已|均|分别|全区|全市|全县|全省|全镇|全乡|全校|全院|全局|全委|全年|当年|本年|今年)$"
)
# …nor only a time: 2024年 / 2020年以来 / 2025年一季度 / 截至目前.
_ONLY_TIME = re.compile(
    r"^(?:(?:截至|截止|自|从)?\d{4}(?:年)?(?:(?:至|到|-|和|、)\d{4}年?)*(?:年)?(?:底|末|初|以来|全年|度|上半年|下半年|"
    r"前三季度|[一二三四1-4]季度|\d{1,2}(?:-\d{1,2})?月(?:份|底|以来)?)?|截至目前|目前|今年以来|近年来|以来)+$"
)
# It ends as a phrase does: not on a preposition, conjunction or 的 (交办的 / 协助党工委对).
_OPEN_END = re.compile(r"(?:的|对|向|为|将|把|给|从|在|和|及|与|或|等|之)$")
_WORD_END = re.compile(
    r"(?:意向|方向|导向|取向|倾向|走向|面向|动向|去向|相对|绝对|核对|应对|面对|比对|行为|作为|认为|成为|存在|现在|所在|"
    r"实在|目的|总和|参与|供给|平等|同等|高等|中等|初等|服从|以及|涉及|普及|波及|提及|总之)$"
)
# With the counted thing after the number, only a change of count is a direction: 新增3家企业 is up,
# 巩固提升2个典型村 is not.
_COUNT_UP = re.compile(r"(?:新增|增加|净增|增设)$")
_COUNT_DOWN = re.compile(r"(?:减少|净减|压减|缩减)$")
_HAN = re.compile(r"[\u4e00-\u9fff]")
# Two Chinese characters somewhere: what `len(_HAN.findall(x)) >= 2` asks, without building the list.
_TWO_HAN = re.compile(r"[\u4e00-\u9fff][^\u4e00-\u9fff]*[\u4e00-\u9fff]")
_RANGE_BEFORE = re.compile(r"\d[-~～至到]$")
_YEAR = re.compile(r"\d{4}年")
_LABEL_MAX = 36
_AFTER_MAX = 20


def figures(ctx: Context, start: int, end: int) -> list[Figure]:
    """Numbers with units, each with what it counts and, when the text says so, its direction.

    The label is a complete phrase of the figure's own clause: the counted thing after the number when
    there is one (推动26家企业 → 企业), else the words before it (专精特新企业增至38家 → 专精特新企业, up).
    A number that continues a list shares its neighbour's label (分别同比下降41.2%、48%); a clause
    that only states a change (…74.60亿元,同比增长1.5%) takes its sentence's subject. Dates,
    durations, ordinals and rates per period are not figures, and a figure whose label would be cut
    short, a lone function word or only a time is dropped rather than garbled."""
    text = ctx.text
    out: list[Figure] = []
    claimed_end = start  # end of the last figure and its label: the next label never reaches back past it
    prev: Figure | None = None
    prev_start = prev_end = start  # view offsets of the last figure's evidence start and number end
    heads_list = False  # the last figure's 新增 governs a list that goes on after 、
    titles = _Balance(text, start, "《", "》")
    for m in _FIGURE.finditer(text, start, end):
        if m.start() < claimed_end or _not_a_figure(text, m, start) or titles.open_at(m.start()):
            continue
        clause_start = _clause_start(text, max(start, claimed_end), m.start())
        floor = max(start, claimed_end)
        found = _label(text, m, clause_start, floor, end, prev, prev_start, prev_end)
        if found is None:
            continue
        label, direction, ev_start, ev_end = found
        listed = prev is not None and prev_end == clause_start - 1 and text[prev_end] == "、"
        if direction is None and listed and heads_list:
            direction = "up"  # 新增省级博士工作站1家、省级工程技术中心2家…: 新增 heads the whole list
        heads_list = direction == "up" and (bool(_NEW.search(label)) or (listed and heads_list))
        figure = Figure(
            label=label,
            value=float(m.group("num")),
            text=m.group(0),
            unit=m.group("unit"),
            direction=direction,
            evidence=ctx.ev(ev_start, ev_end),
        )
        out.append(figure)
        prev, prev_start, prev_end = figure, ev_start, m.end()
        claimed_end = max(m.end(), ev_end)
    return out


def _not_a_figure(text: str, m: re.Match[str], floor: int) -> bool:
    after = text[m.end() : m.end() + 1]
    unit = m.group("unit")
    if after in ("年", "月", "日", "号", "时") or (unit in ("个", "项", "次") and after in ("月", "年")):
        return True  # 2024年…, 3个月: dates and durations
    if unit in _DURATION or text.startswith("工作日", m.end()) or _THRESHOLD.match(text, m.end()):
        return True
    before = text[max(floor, m.start() - 12) : m.start()]
    if before.endswith("第") or _RANGE_BEFORE.search(before):
        return True  # 第3次 / 3至5个: ordinals and ranges
    cut = len(before)
    while cut and before[cut - 1] not in _STOP:
        cut -= 1
    clause = before[cut:]
    return "每" in clause  # 每季度1次: a rate, not a count


class _Balance:
    """Whether a position lies inside a pair of brackets opened after `floor`, for positions asked in
    increasing order: each stretch of text is counted once, however many figures a long body holds."""

    def __init__(self, text: str, floor: int, opening: str, closing: str) -> None:
        self.text, self.pos, self.opening, self.closing = text, floor, opening, closing
        self.depth = 0

    def open_at(self, pos: int) -> bool:
        if pos > self.pos:
            part = self.text[self.pos : pos]
            self.depth += part.count(self.opening) - part.count(self.closing)
            self.pos = pos
        return self.depth > 0


def _clause_start(text: str, floor: int, pos: int) -> int:
    i = pos
    while i > floor and text[i - 1] not in _STOP:
        i -= 1
    return i


def _label(
    text: str,
    m: re.Match[str],
    clause_start: int,
    floor: int,
    end: int,
    prev: Figure | None,
    prev_start: int,
    prev_end: int,
) -> tuple[str, Direction | None, int, int] | None:
    """(label, direction, evidence start, evidence end), or None when no honest label is there."""
    raw_before = text[clause_start : m.start()]
    after = _after(text, m.end(), end, events=m.group("unit") in _EVENTS)
    if after:
        lead = raw_before.strip()
        count: Direction | None = (
            "up" if _COUNT_UP.search(lead) else "down" if _COUNT_DOWN.search(lead) else None
        )
        return after, count, m.start(), text.index(after, m.end()) + len(after)
    before, direction = _trim_before(raw_before)
    if direction is None and _NEW.search(before):
        direction = "up"
    sep = text[prev_end : m.start()].strip()
    if prev is not None and sep in ("", "、", "和", "及", "与"):
        # 分别达311亿元、56.7亿元 / 立案23件23人: the next number of the same list.
        return prev.label, prev.direction, prev_start, m.end()
    if not before and direction is not None and prev is not None and "。" not in text[prev_end : m.start()]:
        # 地区生产总值74.60亿元,同比增长1.5%: the change of the sentence's subject.
        return prev.label, direction, prev_start, m.end()
    if not before and m.start() > floor and text[m.start() - 1] == "(":
        # 建立高企(77家): the words before the bracket.
        before, _ = _trim_before(text[_clause_start(text, floor, m.start() - 1) : m.start() - 1])
        if _good(before):
            return before, direction, m.start() - 1 - len(before), m.end()
        return None
    if clause_start > 0 and text[clause_start - 1] == "、" and "等" in before:
        # 针对干部作风、公车管理、工会会费管理使用等开展监督检查8次: the count is the whole list's.
        before = before[before.rfind("等") + 1 :]
    if clause_start > 0 and text[clause_start - 1] == "、" and "分别" in raw_before:
        # 电子信息、水饮料及食品、机械与模具产业2024年产值分别达…: the label is the list's, after its year.
        year = _YEAR.search(before)
        before = before[year.start() :] if year else ""
    if not _good(before):
        return None
    at = clause_start + raw_before.find(before)
    return before, direction, at, m.end()


def _trim_before(raw: str) -> tuple[str, Direction | None]:
    """The words before a number without the filler that joins them to it, and the direction said."""
    label = raw.strip()
    direction: Direction | None = None
    while True:
        before = label
        if direction is None and (up := _UP.search(label)):
            direction, label = "up", label[: up.start()]
        elif direction is None and (down := _DOWN.search(label)):
            direction, label = "down", label[: down.start()]
        label = _TRAIL.sub("", label).strip()
        if label.endswith("的") and "占" in label:
            label = label[:-1]  # 占人才总数的20.43%
        if label == before:
            break
    label = _LEAD.sub("", label).strip()
    if direction is not None and "由" in label:
        label = label[: label.rfind("由")]  # 大班额由巡察时的38个减少至9个: the quantity, not its old value
    return _balanced(label), direction


def _after(text: str, pos: int, end: int, events: bool = False) -> str:
    """The counted thing right after a number and its unit (8个校企联合冠名班 → 校企联合冠名班)."""
    if approx := _APPROX.match(text, pos):
        pos = approx.end()  # 10次左右集体学习
    i = pos
    limit = min(end, pos + _AFTER_MAX + 12)
    while i < limit:
        ch = text[i]
        if (
            ch == "("
            and _TWO_HAN.search(text, pos, i) is None
            and (close := text.find(")", i, i + 8)) > 0
            and _HAN.match(text, close + 1)
        ):
            i = close + 1  # 14个村(社区)党组织
            continue
        if ch.isdigit():
            q = _AFTER_QUALIFIER.match(text, i - 1 if text[i - 1] == "超" else i)
            if q is None:
                break
            i = q.end()  # 4个超10亿元项目: the amount qualifies the thing counted
            continue
        if ch in _STOP or not (_HAN.match(ch) or ch in "“”‘’\"'"):
            break
        i += 1
    phrase = text[pos:i]
    cut = (_EVENT_CUT if events else _AFTER_CUT).search(phrase)
    if cut is not None:
        phrase = phrase[: cut.start()]
    phrase = _balanced(phrase.strip())
    if len(phrase) > _AFTER_MAX or not _good(phrase):
        return ""
    return phrase


def _balanced(label: str) -> str:
    """Drop a quotation mark left open at either end (实现自然村“100%通自来水” → 通自来水)."""
    for opening, closing in (("“", "”"), ("‘", "’")):
        if label.count(opening) != label.count(closing):
            label = label.strip(opening + closing)
    return label.strip()


def _good(label: str) -> bool:
    """A complete phrase: two characters at least, not only filler or a time, not open-ended."""
    if _TWO_HAN.search(label) is None or len(label) > _LABEL_MAX:
        return False
    open_end = _OPEN_END.search(label) and not _WORD_END.search(label)
    return not (_NOT_A_LABEL.match(label) or _ONLY_TIME.match(label) or open_end)
