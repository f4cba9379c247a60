"""Top-level sections classified by their wording, never by their number.

The wordings come from the genre, not from one notice: the sections of published rectification
notices (county, city and provincial 巡察, central and provincial 巡视; departments, towns, villages,
universities, hospitals, companies) are worded in a handful of families, listed below per kind.
Where the wording is ambiguous (坚持问题导向 / 把整改作为重大政治任务), the structure decides: the
problems section is the one that holds the areas and items, and a section after it that says how
rectification will go on (持续/巩固/深化…整改成果) is the next steps.
"""

from __future__ import annotations

import re
from enum import StrEnum

from .outline import Heading, Outline


class Kind(StrEnum):
    organisation = "organisation"
    problems = "problems"
    discipline = "discipline"
    outstanding = "outstanding"
    next_steps = "next_steps"
    contact = "contact"
    other = "other"


# 问题线索处置情况 / 巡察移交问题线索办理情况 / 追责问责情况 / 运用监督执纪“四种形态”处理情况.
_DISCIPLINE = re.compile(r"线索|问责|追责|处分|纪律处理|执纪|四种形态|处理情况$|责任追究|立案审查")
# 需要进一步整改的事项 / 尚未完成整改的问题 / 需长期坚持的整改事项 / 阶段性完成的事项.
_OUTSTANDING = re.compile(
    r"需要?进一步整改|尚未(?:完成|整改)|未完成(?:整改)?的|未整改到位|需(?:要)?(?:长期|持续)(?:整改|推进|坚持)|"
    r"正在(?:整改|推进)的|持续整改的?事项|长期坚持的|阶段性(?:完成|成效)的?事项|整改事项及措施"
)
# 下一步工作打算 / 下步工作安排 / 下一阶段工作重点 / 今后努力方向 / 后续工作计划.
_NEXT_STEPS = re.compile(
    r"下一步|下步|下一?阶段|工作打算|今后|后续工作|工作安排|工作重点|工作计划|努力方向|工作思路"
)
# 联系方式 / 监督电话 (a heading of its own, rare: the contact is usually the closing paragraph).
_CONTACT = re.compile(r"^(?:联系方式|联系电话|监督电话|监督渠道|意见反馈(?:渠道|方式))$")
# Unmistakably the problems: 巡察反馈问题整改落实情况 / 巡察整改任务落实情况 / 对反馈意见的整改情况 /
# 聚焦问题整改 / 具体整改情况.
_PROBLEMS = re.compile(
    r"反馈问题|发现问题|问题的?整改|整改问题|整改任务的?(?:落实|完成|推进)|反馈意见|意见的?整改|具体整改|问题清单"
)
# How the rectification was organised: 党委及主要负责人组织落实整改情况 / 履行巡察整改主体责任情况 /
# 整改工作开展情况 / 提高政治站位,强化组织领导 / 落实主体责任,把巡察整改作为重大政治任务抓紧抓好 /
# 坚决扛起巡视整改政治责任 / 统一思想认识,压实整改责任.
_ORGANISATION = re.compile(
    r"组织|主体责任|领导|站位|责任落实|整改工作开展|政治(?:任务|责任|担当|自觉)|高度重视|思想认识|统一思想|"
    r"扛起|扛牢|扛稳|扛实|压实|压紧|整改责任|责任担当|第一责任|以上率下|主要做法|整改工作(?:的)?(?:总体|基本)情况"
)
# Weaker signs of the problems section, used only when nothing above matched.
_PROBLEMS_WEAK = re.compile(r"问题|任务|整改(?:落实|完成|进展)?情况$|进展情况|整改成效")
# A section after the problems that says how rectification goes on: 持续巩固深化扩大巡视整改成果 /
# 深化成果运用,推动高质量发展 / 健全长效机制.
_CLOSING = re.compile(
    r"^(?:持续|继续|巩固|深化|扩大|拓展)|(?:巩固|深化|扩大|拓展|放大|转化|运用|用好)[^,;。]{0,12}(?:成果|成效)|"
    r"成果(?:运用|转化)|长效|常态|久久为功|持之以恒|一抓到底|高质量发展|^正视|存在的?(?:差距|不足)"
)
_RULES: list[tuple[Kind, re.Pattern[str]]] = [
    (Kind.discipline, _DISCIPLINE),
    (Kind.outstanding, _OUTSTANDING),
    (Kind.next_steps, _NEXT_STEPS),
    (Kind.contact, _CONTACT),
    (Kind.problems, _PROBLEMS),
    (Kind.organisation, _ORGANISATION),
    (Kind.problems, _PROBLEMS_WEAK),
]
_AREA_WORDS = re.compile(r"方面|领域")
# A top-level heading that ends as an area does (一、关于贯彻落实…有差距方面) is an area, not a section.
_AREA_ROOT = re.compile(r"方面(?:的?(?:问题|整改(?:落实)?情况))?[。.:]?$")


# Inline pinyin left by a copy (坚(jiān)持…政治责(zé)任) splits the words the rules look for.
_PINYIN = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}\)")


def classify(title: str) -> Kind:
    title = _PINYIN.sub("", title)
    for kind, pattern in _RULES:
        if pattern.search(title):
            return kind
    return Kind.other


def sections(outline: Outline) -> list[tuple[Kind, Heading]]:
    """(kind, heading) for each top-level heading; the problems section is the one holding areas."""
    out = [(classify(h.title), h) for h in outline.roots]
    # Top-level 方面 headings ((一)在“…主体责任落实不到位”方面) are the areas themselves, in a notice with
    # no problems section: none of them is a section of another kind, whatever its words.
    several = sum(1 for h in outline.roots if is_area_title(h.title)) >= 2
    areas = {
        i
        for i, h in enumerate(outline.roots)
        if _AREA_ROOT.search(h.title) or (several and is_area_title(h.title))
    }
    out = [(Kind.other if i in areas else k, h) for i, (k, h) in enumerate(out)]
    # A section whose children are 方面 headings (or headings with items of their own) holds the
    # problems, whatever its title says.
    has_problems = any(k is Kind.problems for k, _ in out)
    for i, (kind, heading) in enumerate(out):
        if (
            i not in areas
            and not has_problems
            and (
                (kind is Kind.other and _holds_areas(heading))
                # Worded as organisation (一、落实巡察整改责任的情况 / (一)组织领导方面): only real areas, with
                # items under them, make it the problems.
                or (kind is Kind.organisation and _holds_areas(heading, with_items=True))
            )
        ):
            out[i] = (Kind.problems, heading)
            has_problems = True
    # "组织落实整改情况" looks like both; the first problems-looking section after it wins.
    problems = [i for i, (k, _) in enumerate(out) if k is Kind.problems]
    if len(problems) > 1:
        best = max(problems, key=lambda i: _problem_weight(out[i][1]))
        for i in problems:
            if i != best:
                out[i] = (Kind.organisation if i < best else Kind.other, out[i][1])
        problems = [best]
    # After the problems, a section on how rectification goes on (持续巩固深化扩大巡视整改成果…) is the
    # next steps, though it never says 下一步.
    if problems:
        for i in range(problems[-1] + 1, len(out)):
            kind, heading = out[i]
            if kind in (Kind.other, Kind.organisation) and _CLOSING.search(heading.title):
                out[i] = (Kind.next_steps, heading)
    return out


def _holds_areas(heading: Heading, with_items: bool = False) -> bool:
    if with_items:
        return any(_AREA_WORDS.search(c.title) and c.children for c in heading.children)
    return any(_AREA_WORDS.search(c.title) for c in heading.children) or (
        sum(1 for c in heading.children if c.children) >= 2
    )


def _problem_weight(heading: Heading) -> int:
    return sum(1 for h in heading.walk()) + 10 * sum(
        1 for c in heading.children if _AREA_WORDS.search(c.title)
    )


def is_area_title(title: str) -> bool:
    return bool(_AREA_WORDS.search(title))
