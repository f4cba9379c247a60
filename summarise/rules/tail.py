"""Organisation measures, discipline, outstanding items, next steps and contact."""

from __future__ import annotations

import re

from ..i18n import say
from ..models import Contact, Discipline, OutstandingItem, Status, TextItem
from ..numerals import to_number
from ..outline import Heading
from ..status_words import status_of
from .context import Context
from .problems import measures
from .wording import DEADLINE, deadline_in

_N = r"(?P<n>\d+|[一二三四五六七八九十两百零〇]+)"
# Longer names first so 党纪政务处分 is not read as 政务处分.
_TYPES = [
    "党纪政务处分",
    "党纪处分",
    "政务处分",
    "纪律处分",
    "组织处理",
    "诫勉谈话",
    "诫勉",
    "提醒谈话",
    "谈话提醒",
    "批评教育",
    "批评帮助",
    "责令检查",
    "责令作出书面检查",
    "书面检查",
    "通报批评",
    "约谈",
    "函询",
    "立案审查调查",
    "立案审查",
    "立案",
    "留置",
    "移送司法机关",
    "移送检察机关",
    "交由纪委调查",
    "第一种形态",
    "第二种形态",
    "第三种形态",
    "第四种形态",
    "问责",
    "追责",
    "免职",
    "调整岗位",
    "停职检查",
    "责令辞职",
    "降职",
]
_CANON = {
    "诫勉谈话": "诫勉",
    "谈话提醒": "提醒谈话",
    "立案审查": "立案",
    "立案审查调查": "立案",
    "责令作出书面检查": "责令检查",
}
_TYPE_RE = "|".join(map(re.escape, _TYPES))
_TYPE_THEN_N = re.compile(rf"(?P<t>{_TYPE_RE})(?:处理)?{_N}\s*(?:人次|人|名)")
_N_THEN_TYPE = re.compile(rf"{_N}\s*(?:人次|人|名)(?:被|受到|给予|予以|进行|作出)?(?P<t>{_TYPE_RE})")
_PEOPLE = re.compile(
    rf"(?:共|累计|先后)?(?:对)?{_N}\s*(?:名|人|人次)(?:相关|有关)?(?:责任人|责任人员|人员|干部|党员|党员干部|同志)?"
    r"(?:作出|进行|给予|予以)?(?:了)?(?:处理|问责|追责|组织处理|责任追究)"
)
_HANDLED_NO_NUMBER = re.compile(r"(?:依规依纪依法|严肃)(?:进行|作出)?处理|追责问责")
_LONG_TERM = re.compile(r"长期(?:坚持|整改)|持续(?:整改|推进)")
_OUTSTANDING_TITLE = re.compile(r"^关于(?P<x>.+?)(?:的)?(?:事项|问题)?$")
_CONTACT = re.compile(r"联系电话|联系方式|电子邮箱|邮箱|邮政信箱|通信地址|通讯地址|邮政地址|来信|来电|电话")
_WELCOME = re.compile(r"欢迎.{0,30}(?:监督|意见|建议)")
_PHONE = re.compile(r"(?<!\d)(?:0\d{2,3}[-—\s]?\d{7,8}|1[3-9]\d{9}|12388)(?!\d)")
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
_ADDRESS = re.compile(r"(?:通信地址|通讯地址|邮政地址|邮寄地址|地址|邮政信箱)\s*[:]\s*(?P<a>[^;。\n]+)")


def text_items(ctx: Context, heading: Heading) -> list[TextItem]:
    """Children headings with their first sentence; with none, the 一是… or sentence segments of the body."""
    if heading.children:
        out = []
        for child in heading.children:
            end = child.end
            body = ctx.text[child.title_end : end].strip(" \n。")
            first = re.match(r"[^。\n]*", body)
            out.append(
                TextItem(
                    title=child.title,
                    text=(first.group(0).strip() if first and first.group(0).strip() else child.title),
                    evidence=ctx.ev(child.start, _cap(ctx, child.start, end)),
                )
            )
        return out
    return [
        TextItem(title=None, text=m.text, evidence=m.evidence)
        for m in measures(ctx, heading.body_start, _section_body_end(ctx, heading))
    ]


def _cap(ctx: Context, start: int, end: int) -> int:
    """Evidence for a long passage stops at its first paragraph: enough to find and read it."""
    nl = ctx.text.find("\n", start)
    stop = end if nl == -1 or nl > end else nl
    while stop > start and ctx.text[stop - 1] in " \n":
        stop -= 1
    return stop


def _section_body_end(ctx: Context, heading: Heading) -> int:
    """The last section runs to the end of the text; stop it before the contact paragraph and signature."""
    end = heading.end
    if ctx.signature_start is not None and heading.body_start <= ctx.signature_start < end:
        end = ctx.signature_start
    for line in ctx.outline.body(heading.body_start, end):
        if _WELCOME.search(line.text) or (_CONTACT.search(line.text) and len(line.text) < 200):
            return line.start
    return end


def discipline(ctx: Context, spans: list[tuple[int, int]]) -> Discipline:
    result = Discipline()
    top_sum = 0
    seen_any = False
    people_span: tuple[int, int] | None = None
    for start, end in spans:
        text = ctx.text
        for m in _PEOPLE.finditer(text, start, end):
            value = to_number(m.group("n"))
            if value is not None and result.people is None:
                result.people = int(value)
                people_span = m.span()
                result.evidence.append(ctx.ev(m.start(), m.end()))
        claimed: list[tuple[int, int]] = []
        for pattern in (_TYPE_THEN_N, _N_THEN_TYPE):
            for m in pattern.finditer(text, start, end):
                if any(s <= m.start("t") < e for s, e in claimed):
                    continue
                value = to_number(m.group("n"))
                if value is None:
                    continue
                claimed.append((m.start(), m.end()))
                kind = _CANON.get(m.group("t"), m.group("t"))
                result.counts[kind] = result.counts.get(kind, 0) + int(value)
                result.evidence.append(ctx.ev(m.start(), m.end()))
                seen_any = True
                if not _in_parentheses(text, start, m.start()):
                    top_sum += int(value)
        vague = _HANDLED_NO_NUMBER.search(text, start, end)
        if not seen_any and vague:
            ctx.warn(
                "discipline_no_number",
                say("rules.discipline_no_number"),
                vague.span(),
            )
    if result.people is not None and seen_any and top_sum != result.people:
        parts = say("rules.list_sep").join(
            say("rules.discipline_part", kind=k, n=v) for k, v in result.counts.items()
        )
        ctx.warn(
            "discipline_mismatch",
            say("rules.discipline_mismatch", people=result.people, total=top_sum, parts=parts),
            people_span,
        )
    return result


def _in_parentheses(text: str, start: int, pos: int) -> bool:
    before = text[start:pos]
    return before.count("(") > before.count(")")


def outstanding(ctx: Context, heading: Heading) -> list[OutstandingItem]:
    parts: list[tuple[str, int, int, int]] = []  # (item text, title start, title end, end)
    if heading.children:
        for child in heading.children:
            m = _OUTSTANDING_TITLE.match(child.title)
            name = m.group("x") if m else child.title
            offset = child.title.find(name)
            parts.append(
                (name, child.title_start + offset, child.title_start + offset + len(name), child.end)
            )
    else:
        for line in ctx.outline.body(heading.body_start, _section_body_end(ctx, heading)):
            if DEADLINE.match(line.text) and parts:
                continue
            stop = re.search(r"[。;]", line.text)
            end = line.start + (stop.start() if stop else len(line.text))
            parts.append((ctx.text[line.start : end], line.start, end, line.end))
        # Deadline lines belong to the paragraph before them.
        parts = [
            (t, s, e, parts[i + 1][1] if i + 1 < len(parts) else _section_body_end(ctx, heading))
            for i, (t, s, e, _) in enumerate(parts)
        ]
    out = []
    for name, ts, te, end in parts:
        body = ctx.text[te:end]
        found = deadline_in(ctx, te, end, name)
        deadline, deadline_ev = found if found else (None, None)
        status = status_of(body)
        if status in (Status.unknown, Status.done) and deadline:
            # A matter listed as needing further work is open unless the text says it is finished.
            status = (
                Status.done if re.search(r"已(?:全部)?完成|已整改到位|已办结", body) else Status.in_progress
            )
        if _LONG_TERM.search(body) and not deadline:
            status = Status.long_term
        out.append(
            OutstandingItem(
                item=name,
                deadline=deadline,
                status=status,
                evidence=ctx.ev(ts, te),
                deadline_evidence=deadline_ev,
            )
        )
    return out


def contact(ctx: Context) -> Contact | None:
    lines = ctx.outline.lines
    start_idx = None
    for i in range(len(lines) - 1, max(-1, len(lines) - 12), -1):
        if _WELCOME.search(lines[i].text) or (_CONTACT.search(lines[i].text) and len(lines[i].text) < 300):
            start_idx = i
            if _WELCOME.search(lines[i].text):
                break
    if start_idx is None:
        return None
    block = [ln for ln in lines[start_idx:] if _WELCOME.search(ln.text) or _CONTACT.search(ln.text)]
    start, end = block[0].start, block[-1].end
    text = ctx.text[start:end]
    address = _ADDRESS.search(text)
    return Contact(
        phone=_PHONE.findall(text),
        email=_EMAIL.findall(text),
        address=address.group("a").strip() if address else None,
        text=text,
        evidence=ctx.ev(start, end),
    )
