"""Counts the report states about itself: areas, items, problems, tasks and measures, and how far each got.

A notice counts at several levels (6个方面17大项问题69子项问题177项任务; 4个方面12类问题和4条意见建议…
39个具体问题…157项整改措施) and says how far each level has got (177项整改任务,已完成174项,长期整改任务
3项). Every completion keeps the noun it counts: one with no noun of its own (已完成174项) counts the
nearest noun counted before it in the paragraph with the same classifier (项/个/条), so tasks done are
never read as problems done. Counts of a previous round (上一轮巡察反馈的30个问题) are not this round's
and are left out, clause by clause, so the current round's count in the same sentence is kept.

Keys: areas, items (大项/类), sub_items (子项), problems, suggestions, tasks, measures; the problems'
completed / basically_completed / partially_completed / in_progress / long_term, and the same with a
`tasks_` or `measures_` prefix for tasks and measures; completion_rate, rules_made, rules_revised,
money_recovered, clues.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..models import StatedCount
from ..numerals import to_number
from .context import Context

# A number starts where a run of digits (or of numerals) starts, and takes the whole run: searched from
# every position inside a long run, an unanchored `\d+` would rescan the rest of the run each time.
_CN = "一二三四五六七八九十两百零〇"
_N = rf"(?P<n>(?<!\d)\d++(?:\.\d++)?|(?<![{_CN}])[{_CN}]++)"
_DIGITS = r"(?P<n>(?<!\d)\d++)"
_P = "(?:具体|突出|主要)?"  # what may stand between a count and 问题
# Each with the words a match cannot do without (any one of each group), tried on a sentence before the
# pattern is: most sentences with a number hold none of them, and a substring test costs far less than
# a regex scan.
_COUNTS: list[tuple[str, re.Pattern[str], tuple[tuple[str, ...], ...]]] = [
    ("areas", re.compile(rf"{_N}\s*(?:个|大)\s*方面"), (("方面",),)),
    ("areas", re.compile(rf"{_DIGITS}\s*方面"), (("方面",),)),
    (
        "items",
        re.compile(
            rf"方面[”\"’]?(?:的)?[、,]?\s*{_N}\s*(?:大项|项(?!{_P}问题)|类|个(?!{_P}问题))(?!具体|整改|措施|举措|任务|子项)"
        ),
        (("方面",),),
    ),
    ("items", re.compile(rf"{_N}\s*(?:大项|大类|类){_P}问题"), (("大项", "类"), ("问题",))),
    ("sub_items", re.compile(rf"{_N}\s*个?子项(?:问题)?"), (("子项",),)),
    ("problems", re.compile(rf"{_N}\s*(?:个|项|条){_P}问题"), (("问题",),)),
    (
        "problems",
        re.compile(
            rf"(?:反馈|指出|发现|提出|交办)(?:的)?(?:各类|各项|相关)?{_P}问题(?:共计?)?{_N}\s*(?:个|项|条)"
        ),
        (("问题",),),
    ),
    ("suggestions", re.compile(rf"{_N}\s*条(?:意见建议|整改意见|建议)"), (("条",), ("意见", "建议"))),
    ("tasks", re.compile(rf"{_N}\s*(?:个|项|条)(?:具体)?(?:的)?(?:整改)?任务"), (("任务",),)),
    ("tasks", re.compile(rf"(?:整改任务|任务清单)(?:共计?)?{_N}\s*(?:个|项|条)"), (("任务",),)),
    ("measures", re.compile(rf"{_N}\s*(?:项|条)(?:具体)?(?:的)?(?:整改)?(?:措施|举措)"), (("措施", "举措"),)),
    (
        "measures",
        re.compile(
            rf"(?:制定|明确|细化|提出|形成)(?:了)?(?:具体)?(?:的)?整改(?:措施|举措)(?:共计?)?{_N}\s*(?:项|条)"
        ),
        (("整改措施", "整改举措"),),
    ),
    ("completion_rate", re.compile(rf"(?:整改)?完成率(?:为|达到?)?\s*{_N}\s*%"), (("完成率",),)),
    ("rules_made", re.compile(rf"建章立制{_N}\s*(?:项|个|份|件|条)"), (("建章立制",),)),
    (
        "money_recovered",
        re.compile(
            rf"(?:挽回|追回|收回|退缴|清退|追缴)(?:经济损失|资金|违规资金|款项)?(?:共计?)?{_N}\s*(?P<u>万元|亿元|元)"
        ),
        (("元",), ("挽回", "追回", "收回", "退缴", "清退", "追缴")),
    ),
    ("clues", re.compile(rf"问题线索{_N}\s*(?:条|件)"), (("问题线索",),)),
]

# Rules made and revised: 制定修订制度12项 / 完善和新建制度589项 / 新建制度44项、修订41项.
_MAKE = "制定|出台|建立健全|建立|新建|新增|健全|印发|制发|完善"
_REVISE = "修订完善|修改完善|修订|修改"
_VERBS = re.compile(_REVISE + "|" + _MAKE)
_RULES = re.compile(
    rf"(?P<v>(?:{_REVISE}|{_MAKE})(?:(?:和|、|及|或|并)?(?:{_REVISE}|{_MAKE}))*)(?:了)?(?:各类|相关|各项)?"
    rf"(?:规章制度|制度机制|长效机制|制度)(?:共计?)?{_N}\s*(?:项|个|份|件|条)"
)
# 4个方面13个问题,进一步梳理细化为62个具体问题: the refined count is the problems, the first the items.
_REFINED = re.compile(rf"(?:细化|分解|梳理|细化分解|梳理细化)(?:为|成)(?:了)?{_N}\s*(?:个|项|条){_P}问题")
_RULES_REVISED_AFTER = re.compile(rf"[、,]\s*(?:其中)?(?:{_REVISE})(?:了)?(?:制度)?{_N}\s*(?:项|个|份|件|条)")

# How far a count has got. Each is read after its count (128项整改措施已如期完成) or before it
# (已完成整改19个, 长期整改任务3项); the first that claims a number keeps it.
# With the words each state cannot do without (any one of them), as for the counts.
_STATES: list[tuple[str, str, tuple[str, ...]]] = [
    ("basically_completed", r"基本完成(?:整改)?", ("基本完成",)),
    (
        "partially_completed",
        r"阶段性完成(?:整改)?|完成阶段性整改|取得阶段性(?:成效|成果|进展)",
        ("阶段性",),
    ),
    ("long_term", r"(?:需要?)?长期(?:坚持|整改|推进)(?:整改)?", ("长期",)),
    (
        "in_progress",
        r"正在(?:全力)?(?:整改|推进)|持续(?:整改|推进)中?|整改中|正按(?:照)?计划(?:有序)?推进",
        ("正在", "持续", "整改中", "正按"),
    ),
    (
        "completed",
        r"(?<!基本)(?<!阶段性)(?<!未)(?:已经?|均已|也已)?(?:全部|如期|按期)?"
        r"(?:完成(?:整改)?|整改完成|整改到位|整改销号|办结|销号)(?!率|时限|时间|期限)",
        ("完成", "到位", "销号", "办结"),
    ),
]
_NOUN = r"(?P<noun>(?:具体)?问题|(?:整改)?任务|(?:整改)?措施|举措)"
_CLS = r"(?P<c>[个项条件])"
_GAP = rf"[^,。;、,;:()\d{_CN}]{{0,16}}?"
# A state after its count is that count's predicate, so those are read first: in 长期整改的22项正在推进,
# the 22 are in progress.
_STATE_PATTERNS: list[tuple[str, re.Pattern[str], tuple[tuple[str, ...], ...]]] = [
    # after the count: 174项已完成 / 8项问题已完成整改 / 22项正在全力推进
    (
        state,
        re.compile(
            rf"{_N}\s*{_CLS}{_NOUN}?(?:已经?|均已|也已|目前已)?(?:如期|按期|全部)?(?:{words})"
            rf"(?!(?:的)?[^,。;、,;:()\d]{{0,6}}?\d)"
        ),
        tuple([needs]),
    )
    for state, words, needs in _STATES
] + [
    # before it: 已完成整改19个 / 完成整改措施119项 / 长期整改任务3项 / 已完成174项任务
    (
        state,
        re.compile(
            rf"(?:{words})(?:的)?(?P<gap>{_GAP}){_N}\s*{_CLS}(?P<after>(?:具体)?问题|(?:整改)?任务|措施)?"
        ),
        tuple([needs]),
    )
    for state, words, needs in _STATES
]
_NOUN_WORDS = re.compile(r"问题|任务|措施|举措")
_NOUN_OF = {"问": "problems", "任": "tasks", "措": "measures", "举": "measures"}
# The counts a completion can refer to, by the noun they count.
_COUNTED = {
    "problems": "problems",
    "items": "problems",
    "sub_items": "problems",
    "tasks": "tasks",
    "measures": "measures",
}

# Counts of the previous round quoted in this notice are not this round's.
_PREVIOUS = re.compile(r"上一?轮|前一?轮|上次|前次|以往|上届|往年")
# 较上轮减少10个: a comparison leaves out its own clause only.
_COMPARED = re.compile(r"(?:较|比|与|同|相比)(?:于)?(?:上一?轮|前一?轮|上次|前次|以往|上届|往年)")
# A clause that names this round (or an inspection group anew) ends the previous round's clauses.
_CURRENT = re.compile(
    r"本轮|本次|此次|这次|第[一二三四五六七八九十\d]{1,3}巡[察视]组|巡[察视][一二三四五六七八九十\d]{1,3}组"
)
_CLAUSE_END = re.compile(r"[,;,;:]")
# Every count and every state above ends in a number and its classifier or unit (…项, …个方面, …%,
# …万元): a line or sentence with none holds no count, and the patterns are not tried on it.
# (the number as _N reads it, its lookbehinds after the first character so that the scan skips to
# digits and numerals)
_CANDIDATE = re.compile(
    rf"(?:\d(?<!\d\d)\d*+(?:\.\d++)?|[{_CN}](?<![{_CN}][{_CN}])[{_CN}]*+)\s*[个大方项类子条%万亿元份件]"
)
_LINE = re.compile(r"[^\n]+")
_SENTENCE = re.compile(r"[^。]+")
_CLASSIFIER = re.compile(r"[个项条件]")


@dataclass(frozen=True)
class _Hit:
    key: str
    start: int
    end: int
    n_start: int
    n_end: int
    text: str
    unit: str | None = None
    noun: str | None = None  # for a state: the noun its own words name (问题/任务/措施), if any


def stated(ctx: Context, spans: list[tuple[int, int]]) -> dict[str, StatedCount]:
    out: dict[str, StatedCount] = {}
    for start, end in spans:
        for line in _LINE.finditer(ctx.text, start, end):
            if not _CANDIDATE.search(ctx.text, line.start(), line.end()):
                continue
            # (offset, noun, classifier) of the counts met so far in the paragraph
            mentions: list[tuple[int, str, str]] = []
            for sentence in _SENTENCE.finditer(ctx.text, line.start(), line.end()):
                s0, s1 = sentence.span()
                if not _CANDIDATE.search(ctx.text, s0, s1):
                    continue
                current = _current_ranges(ctx.text, s0, s1)
                if not current:
                    continue
                for hit in _sentence(ctx.text, s0, s1, current, mentions):
                    if hit.key in out:
                        continue
                    value = to_number(hit.text)
                    # 一个问题一个问题地解决, 一项任务: a lone 一 is an idiom, not a count.
                    if value is None or (value == 1 and not hit.text.isdigit()):
                        continue
                    unit = hit.unit or ("%" if hit.key == "completion_rate" else None)
                    out[hit.key] = StatedCount(
                        value=value, unit=unit, text=hit.text, evidence=ctx.ev(hit.start, hit.end)
                    )
    return out


def _current_ranges(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The clauses of a sentence that speak of this round: not those naming a previous round, nor those
    that follow one until a clause names this round again."""
    ranges: list[tuple[int, int]] = []
    previous = False
    pos = start
    while pos < end:
        m = _CLAUSE_END.search(text, pos, end)
        stop = m.end() if m else end
        clause = text[pos:stop]
        compared = bool(_COMPARED.search(clause))
        if compared:
            pass
        elif _PREVIOUS.search(clause):
            previous = True
        elif _CURRENT.search(clause):
            previous = False
        if not previous and not compared:
            if ranges and ranges[-1][1] == pos:
                ranges[-1] = (ranges[-1][0], stop)
            else:
                ranges.append((pos, stop))
        pos = stop
    return ranges


def _inside(ranges: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in ranges)


def _has(words: str, needs: tuple[tuple[str, ...], ...]) -> bool:
    # Plain loops: asked ~30 times a sentence, generator expressions cost more than the tests.
    for group in needs:
        for word in group:
            if word in words:
                break
        else:
            return False
    return True


def _classifier(text: str, start: int, end: int) -> str:
    m = _CLASSIFIER.search(text, start, end)
    return m.group(0) if m else ""


def _sentence(
    text: str,
    start: int,
    end: int,
    current: list[tuple[int, int]],
    mentions: list[tuple[int, str, str]],
) -> list[_Hit]:
    """Every count of one sentence, in text order; `mentions` carries the counted nouns on to the next."""
    claimed: set[int] = set()
    states: list[_Hit] = []
    words = text[start:end]
    for state, pattern, needs in _STATE_PATTERNS:
        if not _has(words, needs):
            continue
        for m in pattern.finditer(text, start, end):
            if m.start("n") in claimed or not _inside(current, m.start(), m.end()):
                continue
            claimed.add(m.start("n"))
            states.append(_state_hit(state, m))
    counts: list[_Hit] = []
    refined = (
        next((m for m in _REFINED.finditer(text, start, end) if _inside(current, m.start(), m.end())), None)
        if "问题" in words
        else None
    )
    if refined is not None:
        claimed.add(refined.start("n"))
        counts.append(_hit("problems", refined))
    for key, pattern, needs in _COUNTS:
        if not _has(words, needs):
            continue
        for m in pattern.finditer(text, start, end):
            if m.start("n") not in claimed and _inside(current, m.start(), m.end()):
                counts.append(_hit(key, m, m.groupdict().get("u")))
    for m in _RULES.finditer(text, start, end) if "制度" in words or "机制" in words else ():
        if not _inside(current, m.start(), m.end()):
            continue
        revised = all(v in _REVISE.split("|") for v in _VERBS.findall(m.group("v")))
        counts.append(_hit("rules_revised" if revised else "rules_made", m))
        after = _RULES_REVISED_AFTER.match(text, m.end(), end)
        if after and not revised:
            counts.append(_hit("rules_revised", after))

    if refined is not None:
        # what the sentence counted as problems before refining them are its items
        has_items = any(h.key == "items" for h in counts)
        counts = [
            _Hit("items", h.start, h.end, h.n_start, h.n_end, h.text)
            if h.key == "problems" and h.start < refined.start() and not has_items
            else h
            for h in counts
            if not (h.key == "problems" and h.start < refined.start() and has_items)
        ]
    for hit in counts:
        if hit.key in _COUNTED:
            mentions.append((hit.n_start, _COUNTED[hit.key], _classifier(text, hit.n_end, hit.end)))
    resolved: list[_Hit] = []
    for hit in sorted(states, key=lambda h: h.start):
        cls = _classifier(text, hit.n_end, hit.n_end + 3)
        noun = hit.noun or _noun_before(text, start, hit, cls, mentions)
        mentions.append((hit.n_start, noun, cls))
        key = hit.key if noun == "problems" else f"{noun}_{hit.key}"
        resolved.append(_Hit(key, hit.start, hit.end, hit.n_start, hit.n_end, hit.text))
    return sorted(resolved + counts, key=lambda h: h.start)


def _noun_before(text: str, start: int, hit: _Hit, cls: str, mentions: list[tuple[int, str, str]]) -> str:
    """What a state with no noun of its own counts: the nearest count before it in the paragraph with the
    same classifier, else the nearest count, else the last of 问题/任务/措施 in the sentence; else problems."""
    before = sorted(m for m in mentions if m[0] < hit.n_start)
    same = [m for m in before if m[2] == cls]
    if same or before:
        return (same or before)[-1][1]
    words = _NOUN_WORDS.findall(text, start, hit.start)
    return _NOUN_OF[words[-1][0]] if words else "problems"


def _hit(key: str, m: re.Match[str], unit: str | None = None) -> _Hit:
    return _Hit(key, m.start(), m.end(), m.start("n"), m.end("n"), m.group("n"), unit)


def _state_hit(state: str, m: re.Match[str]) -> _Hit:
    groups = m.groupdict()
    words = (groups.get("noun") or "") + (groups.get("gap") or "") + (groups.get("after") or "")
    named = _NOUN_WORDS.findall(words)
    noun = _NOUN_OF[named[-1][0]] if named else None
    return _Hit(state, m.start(), m.end(), m.start("n"), m.end("n"), m.group("n"), noun=noun)
