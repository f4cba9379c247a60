"""The overview in the model's words: a few sentences over the whole notice, each grounded in it.

The model gets the summary's own facts (the rules overview, the area headings, what is outstanding)
and the notice's opening, and writes 3–5 sentences, each with verbatim quotes from the report. A
sentence is kept only when one of its quotes is found in the report and every number in it is a
number of the facts or of its quotes; the rest are dropped. With fewer than two left, the rules
overview stays (`llm_overview_ungrounded`): a model's overview never replaces a checkable one with
words nothing supports.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..i18n import current, say
from ..models import Evidence, Overview, OverviewSentence, ReportSummary, Warning
from ..numerals import NUMBER, to_number
from ..skeleton import Skeleton
from .grounding import Grounder
from .prompts import fence, load
from .schemas import OverviewAnswer

OPENING_CHARS = 1500  # the introduction: who inspected whom, when, and what the notice is about
MAX_AREAS = 12
MAX_OUTSTANDING = 8
MIN_SENTENCES = 2
_NUMBER = re.compile(NUMBER)


def opening(skeleton: Skeleton) -> str:
    """The notice up to its first area (its introduction), at most OPENING_CHARS characters."""
    text = skeleton.view.text
    first = min((e.span[0] for e in skeleton.entries if e.kind == "area"), default=len(text))
    return text[: min(first, OPENING_CHARS)] if first > 200 else text[:OPENING_CHARS]


def facts(summary: ReportSummary) -> str:
    """What the summary found, as lines the model may take numbers from."""
    lines = [s.text for s in summary.overview.sentences] if summary.overview else []
    areas = [a.title for a in summary.areas if a.title][:MAX_AREAS]
    if areas:
        lines.append(say("llm.overview.areas", areas="；".join(areas)))
    for item in summary.outstanding[:MAX_OUTSTANDING]:
        lines.append(say("llm.overview.outstanding", item=item.item[:80], deadline=item.deadline or "—"))
    return "\n".join(f"- {line}" for line in lines) or "-"


def messages_for(skeleton: Skeleton, summary: ReportSummary) -> list[dict[str, str]]:
    language = "中文" if current() == "zh" else "English"
    user = load("overview").render(language=language, facts=facts(summary), report=fence(opening(skeleton)))
    return [
        {"role": "system", "content": load("overview_instructions").render()},
        {"role": "user", "content": user},
    ]


def _numbers(text: str) -> set[float]:
    out: set[float] = set()
    for m in _NUMBER.finditer(text):
        value = to_number(m.group(0))
        if value is not None:
            out.add(value)
    return out


@dataclass
class OverviewCheck:
    """The re-ask check of an overview answer (schemas.ACTIVE), and the grounding of what is kept."""

    grounder: Grounder
    allowed: set[float]  # the numbers of the facts
    reasks: int
    attempt: int = 0

    @property
    def strict(self) -> bool:
        return self.attempt <= self.reasks

    def evidence(self, quotes: list[str]) -> list[Evidence]:
        whole = (0, len(self.grounder.view.text))
        found: list[Evidence] = []
        for quote in quotes:
            span = self.grounder.locate(quote, None, None)
            if span is not None:
                ev = self.grounder.evidence(quote, None, whole)
                if ev.verified and all(ev.start != e.start for e in found):
                    found.append(ev)
        return found

    def _problem(self, i: int, text: str, quotes: list[str]) -> str | None:
        evidence = self.evidence(quotes)
        if not evidence:
            return f"第{i + 1}句没有能在原文中找到的摘录;请从摘录逐字复制至少一个分句"
        stray = _numbers(text) - self.allowed - {n for e in evidence for n in _numbers(e.quote)}
        if stray:
            shown = "、".join(f"{n:g}" for n in sorted(stray))
            return f"第{i + 1}句的数字{shown}不在已知事实或该句的摘录中;数字只能取自已知事实或原文"
        return None

    def problems(self, answer: object) -> list[str]:
        if not isinstance(answer, OverviewAnswer):
            return []
        out = [self._problem(i, s.text, s.quotes) for i, s in enumerate(answer.sentences)]
        return [p for p in out if p]

    def sentences(self, answer: OverviewAnswer) -> tuple[list[OverviewSentence], int]:
        """The grounded sentences, and how many were dropped."""
        kept: list[OverviewSentence] = []
        for i, s in enumerate(answer.sentences):
            text = " ".join(s.text.split())
            if text and self._problem(i, text, s.quotes) is None:
                kept.append(OverviewSentence(text=text, evidence=self.evidence(s.quotes)))
        return kept, len(answer.sentences) - len(kept)


def check_for(skeleton: Skeleton, summary: ReportSummary, reasks: int) -> OverviewCheck:
    grounder = Grounder(view=skeleton.view, spans=[(0, len(skeleton.view.text))])
    return OverviewCheck(grounder=grounder, allowed=_numbers(facts(summary)), reasks=reasks)


def apply(summary: ReportSummary, check: OverviewCheck, answer: OverviewAnswer) -> ReportSummary:
    """The summary with the model's sentences in place of the rules', when enough of them ground."""
    kept, dropped = check.sentences(answer)
    warnings = list(summary.warnings)
    if len(kept) < MIN_SENTENCES:
        warnings.append(
            Warning(code="llm_overview_ungrounded", message=say("llm.overview.ungrounded", kept=len(kept)))
        )
        return summary.model_copy(update={"warnings": warnings})
    if dropped:
        warnings.append(Warning(code="llm_overview_dropped", message=say("llm.overview.dropped", n=dropped)))
    base = summary.overview
    joiner = " " if current() == "en" else ""
    overview = Overview(
        text=joiner.join(s.text for s in kept),
        sentences=kept,
        statuses=base.statuses if base else {},
        by="llm",
    )
    return summary.model_copy(update={"overview": overview, "warnings": warnings})


def failed(summary: ReportSummary, message: str) -> ReportSummary:
    warning = Warning(code="llm_overview_failed", message=say("llm.overview.failed", message=message))
    return summary.model_copy(update={"warnings": [*summary.warnings, warning]})
