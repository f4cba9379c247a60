"""Title, unit, inspector, kind, round, dates, issuer: from the title lines, the introduction and the signature."""

from __future__ import annotations

import re

from ..dates import DateMention, after
from ..models import Meta
from ..normalise import Line
from .context import Context

_INTRO = re.compile(r"根据|按照|依据|巡察|巡视")
_TITLE_HINT = re.compile(r"通报|报告|公告|公示|情况|公开")
_TITLE_PREFIX = re.compile(r"^(?:[【\[][^】\]]{1,12}[】\]]\s*)+")
_INSPECTOR = re.compile(
    r"(?P<insp>(?:(?:中共)?[\u4e00-\u9fff]{0,12}?(?:省|市|区|县|旗|州|盟|校|院|局|委|党委|党组))"
    r"[\u4e00-\u9fff\d]{0,14}?巡[察视][\u4e00-\u9fff\d]{0,6}?组)"
)
_UNIT_ENTERED = re.compile(
    r"进驻(?P<unit>[^,。;:]{2,60}?)(?:开展|进行)了?(?P<kind>[^,。;]{0,24}?)(?:巡察|巡视)"
)
_UNIT = re.compile(
    r"对(?P<unit>[^,。;:]{2,60}?)(?:党组织)?(?:开展|进行|实施)了?(?P<kind>[^,。;]{0,24}?)(?:巡察|巡视)"
)
_KINDS = ("回头看", "联动", "专项", "机动", "常规", "提级", "交叉", "下沉")
_ROUND = re.compile(r"[\u4e00-\u9fff\d]{0,10}第[一二三四五六七八九十\d]+轮")
_FEEDBACK = re.compile(r"反馈")
_ISSUER = re.compile(
    r"(?:委员会|党委|党工委|党组|工委|纪委|机关|政府|办公室|公司|局|院|中心|支部|总支|管委会)$"
)
_PAGE_DATE = re.compile(r"(?:发布时间|发布日期|时间)\s*[:]\s*")


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
    return (
        len(text) <= 80
        and bool(re.search(r"(?:通报|报告|公告|公示|情况)$", text))
        and not re.search(r"[,。;]", text)
    )


def _intro_span(ctx: Context) -> tuple[int, int]:
    end = ctx.outline.preamble_end
    for line in ctx.outline.lines:
        if line.start >= end:
            break
        if _INTRO.search(line.text) and len(line.text) > 30 and not _looks_like_title(line.text):
            # Introductions can run over several lines; take everything up to the first heading.
            return line.start, end
    return 0, min(end, 1500) if end else min(len(ctx.text), 1500)


def extract(ctx: Context) -> Meta:
    meta = Meta()
    evidence = meta.evidence
    intro_start, intro_end = _intro_span(ctx)
    title, title_span = _title(ctx, intro_start)
    if title and title_span:
        meta.title = title
        evidence["title"] = ctx.ev(*title_span)
    intro = ctx.text[intro_start:intro_end]

    insp = _INSPECTOR.search(intro)
    after_insp = insp.end() if insp else 0
    unit = _UNIT.search(intro, after_insp) or _UNIT_ENTERED.search(intro, after_insp) or _UNIT.search(intro)
    if insp:
        name = re.sub(r"^.*?(?:日|月|,)", "", insp.group("insp")) or insp.group("insp")
        s = intro_start + insp.start("insp") + insp.group("insp").rfind(name)
        meta.inspector = name
        evidence["inspector"] = ctx.ev(s, s + len(name))
    if unit:
        meta.unit = unit.group("unit").strip()
        evidence["unit"] = ctx.ev(intro_start + unit.start("unit"), intro_start + unit.end("unit"))
    kind_text = (unit.group("kind") if unit else "") + (meta.inspector or "")
    meta.inspection_kind = next((k for k in _KINDS if k in kind_text), None)
    round_ = _ROUND.search(unit.group("kind")) if unit else None
    if round_:
        meta.inspection_round = round_.group(0)

    _intro_dates(ctx, meta, intro_start, intro_end)
    _signature(ctx, meta)
    _page_date(ctx, meta)
    if meta.published_date and meta.feedback_date and meta.published_date < meta.feedback_date:
        ctx.warn(
            "date_order",
            f"the notice is dated {meta.published_date}, before the feedback date {meta.feedback_date}; check both",
        )
    if meta.unit is None:
        ctx.warn("missing_unit", "the inspected unit is not named in the introduction (…对X开展了巡察)")
    return meta


def _set_date(ctx: Context, meta: Meta, field: str, mention: DateMention) -> None:
    setattr(meta, field, mention.iso)
    meta.evidence[field] = ctx.ev(mention.start, mention.end)
    if mention.year_inferred:
        meta.dates_inferred.append(field)


def _intro_dates(ctx: Context, meta: Meta, start: int, end: int) -> None:
    dates = ctx.dates_in(start, end)
    period: tuple[DateMention, DateMention] | None = None
    for a, b in zip(dates, dates[1:], strict=False):
        if re.fullmatch(r"\s*(?:至|到|—|–|-|~)\s*", ctx.text[a.end : b.start]):
            period = (a, b)
            break
    if period:
        for field, mention in zip(("inspection_start", "inspection_end"), period, strict=True):
            if mention.iso:
                _set_date(ctx, meta, field, mention)
            else:
                ctx.warn(
                    "vague_date", f"{field}: the report gives no exact date", (mention.start, mention.end)
                )
    else:
        ctx.warn(
            "missing_date", "inspection period not found in the introduction", (start, min(end, start + 120))
        )

    feedback: DateMention | None = None
    for sentence in re.finditer(r"[^。]+", ctx.text[start:end]):
        if _FEEDBACK.search(sentence.group(0)) and "巡" in sentence.group(0):
            s0 = start + sentence.start()
            inside = [
                d for d in ctx.dates_in(s0, start + sentence.end()) if not period or d.start >= period[1].end
            ]
            if inside:
                feedback = inside[0]
                break
    if feedback is None:
        ctx.warn("missing_date", "feedback date (反馈) not stated in the introduction")
        return
    after(feedback, period[1] if period else None)
    if feedback.iso:
        _set_date(ctx, meta, "feedback_date", feedback)
    else:
        ctx.warn("vague_date", "feedback date is not exact; left empty", (feedback.start, feedback.end))


def _signature(ctx: Context, meta: Meta) -> None:
    """The issuer and date at the end: the last line that is only a date, and the line above it."""
    tail = [ln for ln in ctx.outline.lines[-8:]]
    for i in range(len(tail) - 1, -1, -1):
        line = tail[i]
        dates = ctx.dates_in(line.start, line.end)
        if not dates:
            continue
        d = dates[-1]
        rest = (ctx.text[line.start : d.start] + ctx.text[d.end : line.end]).strip()
        if len(rest) > 40:
            continue
        if d.iso:
            _set_date(ctx, meta, "published_date", d)
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
    ctx.warn("missing_date", "no signature date at the end of the notice")


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
                    ctx.warn(
                        "published_from_page", "no signature date; published_date is the web page's 发布时间"
                    )
                return
