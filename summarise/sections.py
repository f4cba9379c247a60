"""Top-level sections classified by their wording, never by their number."""

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
    other = "other"


_RULES: list[tuple[Kind, re.Pattern[str]]] = [
    (Kind.discipline, re.compile(r"线索|问责|追责|处分|纪律处理|执纪|四种形态|处理情况$")),
    (
        Kind.outstanding,
        re.compile(
            r"需要?进一步整改|尚未(?:完成|整改)|未完成(?:整改)?的|未整改到位|需(?:要)?(?:长期|持续)(?:整改|推进)|正在整改的|持续整改的?事项|阶段性(?:完成|成效)的?事项|整改事项及措施"
        ),
    ),
    (Kind.next_steps, re.compile(r"下一步|工作打算|今后|后续工作|工作安排|工作重点|努力方向")),
    (Kind.problems, re.compile(r"问题|任务|反馈意见|意见的?整改|具体整改")),
    (Kind.organisation, re.compile(r"组织|主体责任|领导|站位|责任落实|整改工作开展")),
    (Kind.problems, re.compile(r"整改(?:落实|完成|进展)?情况$|整改成效")),
]
_AREA_WORDS = re.compile(r"方面|领域")


def classify(title: str) -> Kind:
    for kind, pattern in _RULES:
        if pattern.search(title):
            return kind
    return Kind.other


def sections(outline: Outline) -> list[tuple[Kind, Heading]]:
    """(kind, heading) for each top-level heading; the problems section is the one holding areas."""
    out = [(classify(h.title), h) for h in outline.roots]
    # A section whose children are 方面 headings holds the problems, whatever its title says.
    has_problems = any(k is Kind.problems for k, _ in out)
    for i, (kind, heading) in enumerate(out):
        holds_areas = any(_AREA_WORDS.search(c.title) for c in heading.children)
        if kind in (Kind.other, Kind.organisation) and holds_areas and not has_problems:
            out[i] = (Kind.problems, heading)
            has_problems = True
    # "组织落实整改情况" looks like both; the first problems-looking section after it wins.
    problems = [i for i, (k, _) in enumerate(out) if k is Kind.problems]
    if len(problems) > 1:
        best = max(problems, key=lambda i: _problem_weight(out[i][1]))
        for i in problems:
            if i != best:
                out[i] = (Kind.organisation if i < best else Kind.other, out[i][1])
    return out


def _problem_weight(heading: Heading) -> int:
    return sum(1 for h in heading.walk()) + 10 * sum(
        1 for c in heading.children if _AREA_WORDS.search(c.title)
    )


def is_area_title(title: str) -> bool:
    return bool(_AREA_WORDS.search(title))
