"""Whether a text is an inspection rectification notice, and whether it reaches its end.

A notice is known by its own formulas, which news about inspections, entry announcements (巡察公告),
speeches and other notices do not use: 现将…整改…情况予以公布 / 向社会公开, a title 关于…巡察/巡视…
整改…情况的通报, the closing 欢迎…对…整改…情况进行监督, or top-level headings such as 一、…组织落实整改
情况 and 二、…反馈问题整改落实情况. A text that names the inspection (巡察/巡视), speaks of 整改 and has
a problems structure is a notice too, unless it is press copy (本报讯, 新华社…电, 记者…). So a notice cut
short, with no problems section left, is still a notice; it is `truncated` when it ends as an excerpt
does (…, 阅读全文), stops mid-sentence or after a heading, or stops, with no signature or date, inside
its organisation or problems section (a notice always goes on after them).
"""

from __future__ import annotations

import re

from .normalise import Line
from .sections import Kind
from .skeleton import Skeleton

HEAD = 3000  # the genre's words must appear this early
_INSPECTION = re.compile(r"巡[察视]")
_FORMULAS = [
    re.compile(r"现将[^。\n]{0,40}整改[^。\n]{0,30}(?:予以|向社会|向党内|公布|公开|通报如下|报告如下)"),
    re.compile(r"整改[^。\n]{0,20}情况[^。\n]{0,10}(?:予以|向社会|向党内)(?:公布|公开|通报)"),
    re.compile(
        r"(?m)^[^。\n]{0,40}关于[^。\n]{0,60}巡[察视][^。\n]{0,30}整改[^。\n]{0,20}情况的?(?:通报|报告|公告|公示)\s*$"
    ),
    re.compile(r"欢迎[^。\n]{0,30}对[^。\n]{0,20}整改[^。\n]{0,20}进行监督"),
    re.compile(
        r"(?m)^\s*[一二三四五六七八九十]{1,2}、[^\n]{0,30}"
        r"(?:组织(?:落实|开展|推进)?整改|反馈(?:问题|意见)的?整改(?:落实|进展)?情况|整改(?:落实|进展)情况)"
    ),
]
# Inline pinyin after a character, as some mirrors print it: 现(xiàn)将.
_PINYIN = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü ]{1,12}\)")
_PRESS = re.compile(
    r"本报讯|新华社|中新社|中新网|央视网|央广网|通讯员|[((【]\s*记者|记者\s*[\u4e00-\u9fff]{2,3}\s*[))]?\s*(?:报道|摄|\d)|"
    r"\d{1,2}月\d{1,2}日电"
)
_EXCERPT_END = re.compile(
    r"(?:…|\.{3,}|未完待续|未完|阅读全文|展开全文|查看全文|全文阅读|继续阅读|点击查看|查看更多|更多内容)\W*$"
)
_SENTENCE_END = "。!?;”’」』)】》.…"
# A last line that is contact details (an e-mail address, a phone or postcode number) is a whole line.
_CONTACT_END = re.compile(r"(?:@[\w.-]+|\d{5,}|\d{3,4}-\d{5,8})\s*$")


def is_notice(skeleton: Skeleton, structured: bool) -> bool:
    """A rectification notice: its formulas, or the genre's words with a problems structure (`structured`:
    areas or outstanding items were found) in a text that is not press copy."""
    text = _PINYIN.sub("", skeleton.view.text)
    head = text[:HEAD]
    if _INSPECTION.search(head) and any(p.search(text) for p in _FORMULAS):
        return True
    return structured and bool(_INSPECTION.search(head)) and "整改" in text and not _PRESS.search(head)


def cut_short(skeleton: Skeleton) -> tuple[str, tuple[int, int]] | None:
    """Why a notice looks cut short (excerpt, after_heading, mid_sentence, in_problems or
    in_organisation), and the view span of its last line; None when it reaches its end."""
    lines = skeleton.outline.lines
    if not lines:
        return None
    last = lines[-1]
    span = (last.start, last.end)
    text = last.text.rstrip()
    if _EXCERPT_END.search(text):
        return "excerpt", span
    if any(_signature_line(skeleton, line) for line in lines[-3:]):
        return None  # a signature date closes it
    heading = next((h for root in skeleton.outline.roots for h in root.walk() if h.start == last.start), None)
    if heading is not None and heading.title_end >= last.end:
        return "after_heading", span
    if text[-1] not in _SENTENCE_END and not _CONTACT_END.search(text):
        return "mid_sentence", span
    where = _last_section(skeleton, last.start)
    if where is not None:
        return f"in_{where}", span
    return None


def _signature_line(skeleton: Skeleton, line: Line) -> bool:
    """A line that ends with a date and is no more than a date and an issuer, as a signature is."""
    text = skeleton.view.text
    for d in skeleton.dates:
        if line.start <= d.start and d.end <= line.end:
            before, after = text[line.start : d.start].strip(), text[d.end : line.end].strip()
            if len(before) <= 40 and len(after) <= 1:
                return True
    return False


def _last_section(skeleton: Skeleton, pos: int) -> str | None:
    """The section the text stops in, when a notice always goes on after it: the organisation section
    or the problems (the last area, when the areas sit outside any section)."""
    if skeleton.sections:
        kind, heading = skeleton.sections[-1]
        if heading.start <= pos and kind in (Kind.organisation, Kind.problems):
            return "problems" if kind is Kind.problems else "organisation"
        return None
    areas = skeleton.of("area")
    return "problems" if areas and areas[-1].span[0] <= pos else None
