"""Title, unit, inspector, kind, round, dates, issuer: from the title lines, the introduction and the signature.

Inspectors at every level (中央第十巡视组, 省委巡视九组, 旗委专项巡察组, 校党委第二巡察组 …) are read with
their place or body; several groups are all kept (`inspectors`), the first is `inspector`. The unit is
named as a reader would: 我局 / 局党组 is resolved from 向X反馈, the title, the signature or the 来源 line;
inline pinyin is dropped; a joint notice lists each unit; a town's villages are listed apart; a notice on a
whole round is flagged with its list and has no single unit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from ..dates import RANGE_SEP, DateMention, after, damaged_dates
from ..i18n import say
from ..models import Meta
from ..normalise import Line
from .context import Context

_INTRO = re.compile(r"根据|按照|依据|巡察|巡视")
_TITLE_HINT = re.compile(r"通报|报告|公告|公示|情况|公开")
_TITLE_PREFIX = re.compile(r"^(?:[【\[][^】\]]{1,12}[】\]]\s*)+")
# Inline pinyin that some copies carry after a character: 省卫(wèi)生健康委 → 省卫生健康委.
_PINYIN = re.compile(
    r"(?<=[\u4e00-\u9fff])\([a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹ][a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜńňǹ]*\)"
)
_N = r"一二三四五六七八九十〇零两\d"
_QUAL = (
    r"(?:上下联动|机动|专项|联动|交叉|提级|常规|延伸|政治|村级|对村(?:\(社区\))?|巡察“回头看”|“回头看”|回头看"
    r"|[\u4e00-\u9fff]{2,8}?领域)"
)
# The theme of a special inspection: 市委深化“最多跑一次”改革、优化营商环境专项巡察组.
_THEME = r"(?:(?!对|向|开展|进行|部署|安排|统一|要求)[\u4e00-\u9fff“”、]){2,30}?"
# An inspection group: its owner (中央, 省委, 市委, 旗委, 自治区党委, 校党委, 集团党委 …), a round, kinds,
# and the group: 第三巡察组, 巡视九组, 机动巡察一组, 第四、五巡察组, 第巡察组 (numeral lost, kept as is),
# …提级巡察“回头看”第一组. A place or body before the owner (兴宁市委, 集团党委) is added by `_inspectors`.
_GROUP = re.compile(
    r"(?P<owner>中央|(?:中共)?(?:自治区党委|(?:省|市|区|县|旗|州|盟|地)委|(?:镇|乡|街道)?党(?:委|组|工委)))"
    rf"(?P<mid>(?:第[{_N}]+(?:轮|批))*(?:{_QUAL})*)"
    rf"(?:第(?P<num>[{_N}]*(?:[、,和及与]第?[{_N}]+)*)(?:{_QUAL})*巡[察视]组"
    rf"|巡[察视](?P<num2>[{_N}]*)组"
    rf"|巡[察视](?:{_QUAL})*第(?P<num3>[{_N}]+)组"
    rf"|(?P<theme>{_THEME})专项巡[察视](?P<num4>[{_N}]*)组)"
)
# Words that may stand right before a group's name and are not part of it.
_LEAD_WORDS = re.compile(
    r"^(?:根据|按照|依据|经|由|和|与|及|同|并|派出|组建|成立|会同|配合|联合|于|在|对|是|为|其中|即|日前|近日|近期"
    r"|目前|今年|去年|本轮|此次|本次|该|原|今|现)+"
)
_UNIT_ENTERED = re.compile(
    r"进驻(?P<unit>[^,。;:]{2,80}?)(?:,[^,。;]{0,4}?)?(?:开展|进行)了?(?P<kind>[^,。;]{0,24}?)(?:巡察|巡视)"
)
_UNIT = re.compile(r"对(?P<unit>[^,。;:]{2,80}?)(?:开展|进行|实施)了?(?P<kind>[^,。;]{0,24}?)(?:巡察|巡视)")
# A list of units may run over commas: 对县自然资源局等3个部门党组,国庆乡党委及所辖6个党总支开展常规巡察.
_UNIT_LIST = re.compile(
    r"对(?P<unit>[^。;:]{2,160}?)(?:开展|进行|实施)了?(?P<kind>[^,。;]{0,24}?)(?:巡察|巡视)"
)
_FED_BACK_TO = re.compile(r"向(?P<unit>[^,。;:]{2,60}?)(?:集中|全面|分别|现场)?(?:反馈|通报)")
_KINDS = ("回头看", "联动", "专项", "机动", "常规", "提级", "交叉", "下沉", "对村")
# "Us" instead of a name: 我单位, 我局医保基金管理领域, 本院; or a bare 局党组 / 院党委 with no name.
_SELF = re.compile(
    r"^(?:我|本)(?:单位|局|院|校|委|厅|办|所|公司|集团|中心|镇|乡|街道|区|县|市|社|会|部|党组|党委|支部)"
    r"|^(?:局|院|委|厅|校|所|办|中心|公司|集团|学校|医院|镇|乡|街道|机关)?(?:党组|党委|党工委|党总支|党支部|领导班子)$"
    r"|被巡[察视]|^各|^有关"
)
# Where one unit of a list ends: an organisation word.
_ORGAN = (
    r"(?:党组|党委|党工委|党总支|党支部|党组织|委员会|机关|局|委|办|院|校|中专|公司|集团|中心|所|站|队|会|馆|场|处|部|厅"
    r"|镇|乡|街道|村|社区)"
)
_ENDS_ORGAN = re.compile(rf"{_ORGAN}(?:\([^)]*\))?$")
_ENDS_NAME = re.compile(rf"(?:{_ORGAN}|省|市|区|县|旗|州|盟)(?:\([^)]*\))?$")
# 区政务服务管理局等4家单位 → 区政务服务管理局; 张北县等22个县(市、区) → 张北县 (only where what is left
# ends with an organisation or a place).
_AGGREGATE = re.compile(
    rf"(?:等?[{_N}]+(?:家|个|所)[\u4e00-\u9fff]{{0,6}}?(?:单位|部门|党组织|党组|党委|县\(市、区\)|县|乡镇|镇)|等(?:单位|部门)?)$"
)
# A list item that is only a count: 8个区直部门党组织.
_COUNT_ONLY = re.compile(rf"^[{_N}]+(?:家|个|所)")
_OURS = re.compile(r"^(?:我|本)(?:省|市|区|县|旗)(?=.{2})")
_VILLAGE = re.compile(
    r"(?:村|社区|居委会|村委会)(?:\([^)]*\))?(?:党组织|党委|党总支|党支部|“两委”)?$|所辖村|下辖村"
)
_TOWN = re.compile(r"(?:镇|乡|街道)(?:党委|党工委|委员会)?$")
_VILLAGE_LEAD = re.compile(r"^(?:并|及|和|其|该(?:镇|乡|街道)|所辖|下辖)+")
_ROUND_CUE = re.compile(rf"[{_N}]+个巡[察视]组|各巡[察视]组|分别对")
# A field inspected rather than a unit: 对全市农业农村领域乡村振兴资金管理使用开展了专项巡察.
_SCOPE = re.compile(r"领域|资金|管理使用|专项工作|问题")
_SHORT_NAME = re.compile(r"[(]以下简称[^)]*[)]|[(]简称[^)]*[)]")
# 来源:某某县人民医院党委 发布时间:… (the space may have been folded away).
_SOURCE = re.compile(r"来源\s*[:]\s*(?P<org>[^\s:]{2,40}?)(?=\s|发布|时间|日期|作者|编辑|浏览|点击|字号|$)")
_START_ONLY = re.compile(r"\s*(?:起|开始)")
_PERIOD_SEP = re.compile(rf"\s*{RANGE_SEP}\s*")
_ROUND = re.compile(r"[\u4e00-\u9fff\d]{0,10}第[一二三四五六七八九十\d]+轮")
_FEEDBACK = re.compile(r"反馈")
_ISSUER = re.compile(
    r"(?:委员会|党委|党工委|党组|工委|纪委|机关|政府|办公室|公司|局|院|中心|支部|总支|管委会)$"
)
_PAGE_DATE = re.compile(r"(?:发布时间|发布日期|时间)\s*[:]\s*")
_TITLE_END = re.compile(r"(?:通报|报告|公告|公示|情况)$")
_SENTENCE_MARK = re.compile(r"[,。;]")
_SENTENCE = re.compile(r"[^。]+")
# Words before an owner that make it part of a sentence, not the place or body of a group's name.
_NOT_A_PREFIX = re.compile(r"[的了向在于由经对和与及]|部署|安排|统一|要求|工作")


def _title(ctx: Context, intro_start: int) -> tuple[str | None, tuple[int, int] | None]:
    """Title lines: the non-chrome lines before the introduction that read like a title."""
    candidates: list[Line] = []
    for line in ctx.outline.lines:
        if line.start >= intro_start:
            break
        if _INTRO.match(line.text) and len(line.text) > 60:
            break
        candidates.append(line)
    candidates = [c for c in candidates if len(c.text) <= 80][:3]
    if not candidates or not any(_TITLE_HINT.search(c.text) for c in candidates):
        return None, None
    start, end = candidates[0].start, candidates[-1].end
    text = "".join(c.text for c in candidates)
    prefix = _TITLE_PREFIX.match(text)
    if prefix:
        text = text[prefix.end() :]
        start = candidates[0].start + prefix.end() if prefix.end() <= len(candidates[0].text) else start
    return text or None, (start, end)


def _looks_like_title(text: str) -> bool:
    """关于…巡察整改进展情况的通报: a title mentions 巡察 too, but has no sentence punctuation."""
    return len(text) <= 80 and bool(_TITLE_END.search(text)) and not _SENTENCE_MARK.search(text)


def _intro_span(ctx: Context) -> tuple[int, int]:
    end = ctx.outline.preamble_end
    for line in ctx.outline.lines:
        if line.start >= end:
            break
        if _INTRO.search(line.text) and len(line.text) > 30 and not _looks_like_title(line.text):
            # Introductions can run over several lines; take everything up to the first heading.
            return line.start, end
    return 0, min(end, 1500) if end else min(len(ctx.text), 1500)


class _Clean:
    """text[start:end] with inline pinyin dropped; offsets into it map back to the text."""

    def __init__(self, text: str, start: int, end: int) -> None:
        kept: list[int] = []
        out: list[str] = []
        pos = start
        for m in _PINYIN.finditer(text, start, end):
            out.append(text[pos : m.start()])
            kept.extend(range(pos, m.start()))
            pos = m.end()
        out.append(text[pos:end])
        kept.extend(range(pos, end))
        self.text = "".join(out)
        self._at = kept
        self._end = end

    def span(self, s: int, e: int) -> tuple[int, int]:
        """Text offsets of self.text[s:e]."""
        a = self._at[s] if s < len(self._at) else self._end
        return a, (self._at[min(e, len(self._at)) - 1] + 1 if e > s and self._at else a)


def _cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


@dataclass
class _Group:
    name: str
    start: int  # offsets in the _Clean text it was found in
    end: int
    owner: str
    specific: bool  # has a numeral, a round or a kind: not a back-reference like 市委巡察组
    core: str = ""  # the name from its owner on: 兴宁市委机动巡察一组 → 市委机动巡察一组


def _groups(text: str) -> list[_Group]:
    """Every inspection group named in `text`, in order, with the place or body before its owner."""
    out: list[_Group] = []
    for m in _GROUP.finditer(text):
        owner = m.group("owner")
        limit = (
            0
            if owner in ("中央", "自治区党委")
            else (5 if owner.endswith("委") and "党" not in owner else 16)
        )
        run = m.start()
        while run > 0 and m.start() - run < limit and _cjk(text[run - 1]):
            run -= 1
        prefix = text[run : m.start()] if run == 0 or not _cjk(text[run - 1]) else ""
        lead = _LEAD_WORDS.match(prefix)
        prefix = prefix[lead.end() :] if lead else prefix
        if _NOT_A_PREFIX.search(prefix):
            prefix = ""
        begin = m.start() - len(prefix)
        specific = any(m.group(g) for g in ("mid", "num", "num2", "num3", "theme"))
        core = text[m.start() : m.end()].removeprefix("中共")
        out.append(_Group(text[begin : m.end()], begin, m.end(), owner.removeprefix("中共"), specific, core))
    return out


def _distinct(groups: list[_Group]) -> list[_Group]:
    """Repeats and back-references (市委巡察组 after 市委第一巡察组) dropped."""
    kept: list[_Group] = []
    for g in groups:
        if any(k.name == g.name or k.core == g.core for k in kept):
            continue
        if not g.specific and any(k.owner == g.owner for k in kept):
            continue
        kept.append(g)
    return kept


def _canonical(name: str) -> str:
    """A unit as a reader names it: 中共X委员会 → X党委, 中共X工作委员会 → X党工委, 中共X党组 → X党组."""
    name = _SHORT_NAME.sub("", name).strip()
    if not name.startswith("中共"):
        return name
    body = name[2:]
    for formal, short in (
        (r"工作委员会$", "党工委"),
        (r"总支部委员会$", "党总支"),
        (r"支部委员会$", "党支部"),
        (r"(?<=[省市区县旗州盟])委员会$", "委"),
        (r"委员会$", "党委"),
    ):
        if re.search(formal, body):
            return re.sub(formal, short, body)
    return body


def _split(text: str, base: int) -> list[tuple[str, int, int]]:
    """A list of units split at 、 (outside brackets) and at 和/及/与 after an organisation word."""
    parts: list[tuple[str, int, int]] = []
    depth, begin, i = 0, 0, 0
    while i < len(text):
        ch = text[i]
        if ch in "(“":
            depth += 1
        elif ch in ")”":
            depth -= 1
        joiner = next((w for w in ("以及", "及", "和", "与") if text.startswith(w, i)), None)
        if depth == 0 and (ch in "、," or (joiner and _ENDS_ORGAN.search(text[begin:i]))):
            parts.append((text[begin:i], base + begin, base + i))
            i += 1 if ch in "、," else len(joiner or "")
            begin = i
            continue
        i += 1
    parts.append((text[begin:], base + begin, base + len(text)))
    out = []
    for part, s, e in parts:
        ours = _OURS.match(part)
        if ours:
            part, s = part[ours.end() :], s + ours.end()
        agg = _AGGREGATE.search(part)
        if agg and _ENDS_NAME.search(part[: agg.start()]):
            part, e = part[: agg.start()], s + agg.start()
        if part.strip():
            out.append((part, s, e))
    return out


def _a_list(text: str) -> bool:
    """Comma-separated text that is a list of units: every piece ends with an organisation or a count."""
    pieces = text.split(",")
    return len(pieces) > 1 and all(
        _ENDS_NAME.search(p) or _AGGREGATE.search(p) or _COUNT_ONLY.match(p) for p in pieces
    )


def _village_name(text: str) -> str:
    return re.sub(r"(?:党组织|党委|党总支|党支部|“两委”)$", "", _VILLAGE_LEAD.sub("", text))


@dataclass
class _Units:
    unit: tuple[str, int, int] | None = None  # name, span in the _Clean text
    units: list[tuple[str, int, int]] = field(default_factory=list)
    villages: list[tuple[str, int, int]] = field(default_factory=list)
    round_level: bool = False
    needs_town: bool = False  # villages only: the town that issues the notice is the unit
    kind: str = ""


def _units(text: str, after: int) -> _Units:
    """The unit(s) of the opening's 对X开展巡察 clauses (or 进驻X开展巡察), in the sentence of the first."""
    first = _UNIT.search(text, after) or _UNIT_ENTERED.search(text, after) or _UNIT.search(text)
    listed = _UNIT_LIST.search(text, after)
    if listed and (first is None or listed.start() < first.start()) and _a_list(listed.group("unit")):
        first = listed
    if not first:
        fed = next((m for m in _FED_BACK_TO.finditer(text, after) if not _SELF.search(m.group("unit"))), None)
        return _Units(unit=(fed.group("unit"), *fed.span("unit"))) if fed else _Units()
    stop = text.find("。", first.end())
    stop = len(text) if stop < 0 else stop
    clauses = [first] + list(_UNIT.finditer(text, first.end(), stop))
    items = [p for c in clauses for p in _split(c.group("unit"), c.start("unit"))]
    found = _Units(kind=first.group("kind"))
    sentence_start = max(text.rfind("。", 0, first.start()), text.rfind("\n", 0, first.start())) + 1
    cue = (
        bool(_ROUND_CUE.search(text, sentence_start, first.end()))
        or any(_AGGREGATE.search(c.group("unit")) for c in clauses)
        or any(_COUNT_ONLY.match(p[0]) for p in items)
    )
    villages = [p for p in items if _VILLAGE.search(p[0])]
    towns = [p for p in items if p not in villages and _TOWN.search(p[0])]
    others = [p for p in items if p not in villages and p not in towns]
    if villages and not others and len(towns) <= 1 and not cue and len(items) > 1:
        found.villages = [(_village_name(v), s, e) for v, s, e in villages]
        if towns:
            found.unit = towns[0]
        else:
            found.needs_town = True
    elif len(items) == 1 and not _COUNT_ONLY.match(items[0][0]):
        found.unit = items[0]
    elif len(items) == 2 and not cue:
        found.unit = ("、".join(p[0] for p in items), items[0][1], items[1][2])
        found.units = items
    else:
        found.units = items
        found.round_level = True
    return found


def _named(
    ctx: Context, meta: Meta, intro: _Clean, title_span: tuple[int, int] | None, want_town: bool
) -> tuple[str, tuple[int, int], str] | None:
    """A name for the unit when the opening says only 我局 / 局党组: from 向X反馈, the title, the issuer or
    the 来源 line (in that order); with `want_town`, only a town's Party committee."""
    candidates: list[tuple[str, tuple[int, int], str]] = []
    for m in _FED_BACK_TO.finditer(intro.text):
        candidates.append((m.group("unit"), intro.span(*m.span("unit")), "fed_back"))
    if title_span:
        head = _Clean(ctx.text, *title_span)
        org = re.match(r"\s*(?P<org>[^\n]{2,60}?)\s*关于", head.text)
        if org:
            candidates.append((org.group("org"), head.span(*org.span("org")), "title"))
    if meta.issuer:
        at = ctx.text.rfind(meta.issuer)
        if at >= 0:
            candidates.append((meta.issuer, (at, at + len(meta.issuer)), "signature"))
    for line in ctx.outline.chrome:
        source = _SOURCE.search(line.text)
        if source:
            at_org = (line.start + source.start("org"), line.start + source.end("org"))
            candidates.append((source.group("org"), at_org, "source"))
    for raw, span, where in candidates:
        name = _canonical(_PINYIN.sub("", raw))
        if len(name) < 3 or _SELF.search(name) or not _ENDS_ORGAN.search(name):
            continue
        if want_town and not _TOWN.search(name):
            continue
        return name, span, where
    return None


def extract(ctx: Context) -> Meta:
    meta = Meta()
    evidence = meta.evidence
    intro_start, intro_end = _intro_span(ctx)
    title, title_span = _title(ctx, intro_start)
    if title and title_span:
        meta.title = _PINYIN.sub("", title)
        evidence["title"] = ctx.ev(*title_span)
    intro = _Clean(ctx.text, intro_start, intro_end)

    groups = _distinct(_groups(intro.text))
    in_title: list[tuple[_Group, _Clean]] = []
    if title_span:
        head = _Clean(ctx.text, *title_span)
        in_title = [(g, head) for g in _groups(head.text)]
    named = [(g, intro) for g in groups]
    for g, where in in_title:
        if not any(
            g.name == k.name or g.core == k.core or (not g.specific and g.owner == k.owner) for k, _ in named
        ):
            named.append((g, where))
    if named:
        first, where = named[0]
        meta.inspector = first.name
        evidence["inspector"] = ctx.ev(*where.span(first.start, first.end))
        if len(named) > 1:
            meta.inspectors = [g.name for g, _ in named]
    found = _units(intro.text, groups[0].end if groups else 0)
    if found.unit:
        meta.unit = _canonical(found.unit[0])
        evidence["unit"] = ctx.ev(*intro.span(found.unit[1], found.unit[2]))
    if found.units:
        meta.units = [_canonical(u) for u, _, _ in found.units]
        evidence["units"] = ctx.ev(*intro.span(found.units[0][1], found.units[-1][2]))
    if found.villages:
        meta.villages = [v for v, _, _ in found.villages]
        evidence["villages"] = ctx.ev(*intro.span(found.villages[0][1], found.villages[-1][2]))
    meta.round_level = found.round_level
    kind_text = found.kind + "".join(g.name for g, _ in named)
    meta.inspection_kind = next((k for k in _KINDS if k in kind_text), None)
    round_ = _ROUND.search(found.kind)
    if round_:
        meta.inspection_round = round_.group(0)

    _intro_dates(ctx, meta, intro_start, intro_end)
    _signature(ctx, meta)
    _page_date(ctx, meta)
    if meta.published_date and meta.feedback_date and meta.published_date < meta.feedback_date:
        ctx.warn(
            "date_order",
            say("rules.date_order", published=meta.published_date, feedback=meta.feedback_date),
        )
    _resolve_unit(ctx, meta, intro, title_span, found)
    if meta.round_level:
        listed = found.units or found.villages
        ctx.warn(
            "round_level",
            say("rules.round_level", n=len(meta.units)),
            intro.span(listed[0][1], listed[-1][2]),
        )
    elif meta.unit is None:
        ctx.warn("missing_unit", say("rules.missing_unit"))
    return meta


def _resolve_unit(
    ctx: Context, meta: Meta, intro: _Clean, title_span: tuple[int, int] | None, found: _Units
) -> None:
    """我局 / 局党组 (or villages alone) in the opening: the unit is named by the title, issuer or source."""
    if found.needs_town:
        town = _named(ctx, meta, intro, title_span, want_town=True)
        if town:
            meta.unit = town[0]
            meta.evidence["unit"] = ctx.ev(*town[1])
            ctx.warn("unit_resolved", say("rules.unit_is_town", where=say(f"rules.where.{town[2]}")))
        else:
            meta.units, meta.villages = meta.villages, []
            moved = meta.evidence.pop("villages", None)
            if moved:
                meta.evidence["units"] = moved
            meta.round_level = True
        return
    if meta.unit is None:
        return
    scope = bool(_SCOPE.search(meta.unit)) and not _ENDS_NAME.search(meta.unit)
    if not scope and not _SELF.search(meta.unit):
        return
    said = meta.unit
    resolved = _named(ctx, meta, intro, title_span, want_town=False)
    if resolved:
        meta.unit = resolved[0]
        meta.evidence["unit"] = ctx.ev(*resolved[1])
        ctx.warn(
            "unit_resolved", say("rules.unit_resolved", said=said, where=say(f"rules.where.{resolved[2]}"))
        )
    else:
        meta.unit = None
        meta.evidence.pop("unit", None)


def _field(name: str) -> str:
    """A date field as the interface names it (巡察开始日期 / inspection_start)."""
    return say(f"rules.field.{name}")


def _set_date(ctx: Context, meta: Meta, field: str, mention: DateMention) -> None:
    setattr(meta, field, mention.iso)
    meta.evidence[field] = ctx.ev(mention.start, mention.end)
    if mention.year_inferred:
        meta.dates_inferred.append(field)
    if mention.reconstructed:
        meta.dates_reconstructed.append(field)
        quote = ctx.text[mention.start : mention.end]
        ctx.warn(
            "date_reconstructed",
            say("rules.date_reconstructed", field=_field(field), quote=quote, iso=mention.iso),
            (mention.start, mention.end),
        )


def _unread(ctx: Context, field: str, mention: DateMention, what: str) -> None:
    """A date mention with no value: say why (damaged with no single reading, or vague)."""
    if mention.ambiguous:
        quote = ctx.text[mention.start : mention.end]
        ctx.warn(
            "date_ambiguous",
            say("rules.date_ambiguous", field=_field(field), quote=quote),
            (mention.start, mention.end),
        )
    else:
        ctx.warn("vague_date", what, (mention.start, mention.end))


def _dates_in(ctx: Context, start: int, end: int, year_from_context: bool = True) -> list[DateMention]:
    """The dates of a span, with those whose 年/月 were lost read where that is unambiguous."""
    known = ctx.dates_in(start, end)
    damaged = damaged_dates(ctx.text, known if year_from_context else [], start, end)
    return sorted(known + damaged, key=lambda d: d.start)


def _not_backwards(a: DateMention, b: DateMention) -> tuple[DateMention, DateMention]:
    """A period that a damaged reading makes run backwards: that reading is not taken (the one whose year
    came from context, or both if neither did). Nothing is moved to another year to make it fit."""
    if not (a.reconstructed or b.reconstructed) or not (a.iso and b.iso) or a.iso <= b.iso:
        return a, b
    doubtful = [d for d in (a, b) if d.reconstructed and d.year_inferred] or [
        d for d in (a, b) if d.reconstructed
    ]

    def unread(d: DateMention) -> DateMention:
        if not any(d is x for x in doubtful):
            return d
        return replace(
            d, year=None, month=0, day=None, ambiguous=True, reconstructed=False, year_inferred=False
        )

    return unread(a), unread(b)


def _intro_dates(ctx: Context, meta: Meta, start: int, end: int) -> None:
    dates = _dates_in(ctx, start, end)
    period: tuple[DateMention, DateMention] | None = None
    for a, b in zip(dates, dates[1:], strict=False):
        if _PERIOD_SEP.fullmatch(ctx.text[a.end : b.start]):
            period = (a, b)
            break
    if period:
        period = _not_backwards(*period)
    if period:
        for field, mention in zip(("inspection_start", "inspection_end"), period, strict=True):
            if mention.iso:
                _set_date(ctx, meta, field, mention)
            else:
                _unread(ctx, field, mention, say("rules.date_not_exact", field=_field(field)))
    else:
        since = next((d for d in dates if _START_ONLY.match(ctx.text, d.end)), None)
        if since and since.iso:
            _set_date(ctx, meta, "inspection_start", since)
            ctx.warn(
                "missing_date",
                say("rules.end_not_stated"),
                (since.start, since.end),
            )
        else:
            ctx.warn(
                "missing_date",
                say("rules.no_period"),
                (start, min(end, start + 120)),
            )

    feedback: DateMention | None = None
    for sentence in _SENTENCE.finditer(ctx.text, start, end):
        if _FEEDBACK.search(sentence.group(0)) and "巡" in sentence.group(0):
            s0, s1 = sentence.span()
            inside = [
                d for d in dates if s0 <= d.start and d.end <= s1 and (not period or d.start >= period[1].end)
            ]
            if inside:
                feedback = inside[0]
                break
    if feedback is None:
        ctx.warn("missing_date", say("rules.no_feedback_date"))
        return
    following = next((d for d in dates if d.start > feedback.end), None)
    if following and _PERIOD_SEP.fullmatch(ctx.text[feedback.end : following.start]):
        ctx.warn(
            "vague_date",
            say("rules.feedback_period"),
            (feedback.start, following.end),
        )
        return
    after(feedback, period[1] if period else None)
    if feedback.iso:
        _set_date(ctx, meta, "feedback_date", feedback)
    else:
        _unread(ctx, "feedback_date", feedback, say("rules.feedback_not_exact"))


def _signature(ctx: Context, meta: Meta) -> None:
    """The issuer and date at the end: the last line that is only a date, and the line above it."""
    tail = [ln for ln in ctx.outline.lines[-8:]]
    for i in range(len(tail) - 1, -1, -1):
        line = tail[i]
        dates = _dates_in(ctx, line.start, line.end, year_from_context=False)
        if not dates:
            continue
        d = dates[-1]
        rest = (ctx.text[line.start : d.start] + ctx.text[d.end : line.end]).strip()
        if len(rest) > 40:
            continue
        if d.iso:
            _set_date(ctx, meta, "published_date", d)
        elif d.ambiguous:
            _unread(ctx, "published_date", d, "")
        issuer_line = None
        if rest and _ISSUER.search(rest):
            issuer_line = (line.start, line.start + len(ctx.text[line.start : d.start].rstrip()))
        elif i > 0 and len(tail[i - 1].text) <= 40 and _ISSUER.search(tail[i - 1].text):
            issuer_line = (tail[i - 1].start, tail[i - 1].end)
        ctx.signature_start = line.start
        if issuer_line:
            meta.issuer = ctx.text[issuer_line[0] : issuer_line[1]].strip()
            meta.evidence["issuer"] = ctx.ev(*issuer_line)
            ctx.signature_start = min(ctx.signature_start, issuer_line[0])
        return
    ctx.warn("missing_date", say("rules.no_signature_date"))


def _page_date(ctx: Context, meta: Meta) -> None:
    for line in ctx.outline.chrome:
        m = _PAGE_DATE.search(line.text)
        if not m:
            continue
        for d in ctx.dates_in(line.start, line.end):
            if d.iso:
                meta.page_date = d.iso
                meta.evidence["page_date"] = ctx.ev(d.start, d.end)
                if meta.published_date is None:
                    meta.published_date = d.iso
                    meta.evidence["published_date"] = ctx.ev(d.start, d.end)
                    ctx.warn("published_from_page", say("rules.published_from_page"))
                return
