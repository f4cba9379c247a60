"""Counts the report states about itself."""

from __future__ import annotations

import re

from ..models import StatedCount
from ..numerals import to_number
from .context import Context

# A number starts where a run of digits (or of numerals) starts, and takes the whole run: searched from
# every position inside a long run, an unanchored `\d+` would rescan the rest of the run each time.
_CN = "一二三四五六七八九十两百零〇"
_N = rf"(?P<n>(?<!\d)\d++(?:\.\d++)?|(?<![{_CN}])[{_CN}]++)"
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("areas", re.compile(rf"{_N}\s*(?:个|大)?方面")),
    ("items", re.compile(rf"方面(?:的)?\s*{_N}\s*(?:项|类|个(?!具体问题|问题))(?!整改措施|措施)")),
    ("problems", re.compile(rf"{_N}\s*(?:个|项|条)(?:具体)?问题")),
    ("problems", re.compile(rf"(?:反馈|指出)(?:的)?(?:具体)?问题(?:共)?{_N}\s*(?:个|项|条)")),
    ("suggestions", re.compile(rf"{_N}\s*条(?:意见建议|整改意见|建议)")),
    ("measures", re.compile(rf"{_N}\s*(?:项|条)(?:具体)?整改措施")),
    (
        "completed",
        re.compile(rf"(?:已(?:全部)?(?:完成|整改完成|整改到位)(?:整改)?|完成整改){_N}\s*(?:个|项|条)"),
    ),
    ("completed", re.compile(rf"{_N}\s*(?:个|项|条)(?:问题)?已(?:完成|整改到位|整改完成|办结)")),
    ("basically_completed", re.compile(rf"基本完成(?:整改)?{_N}\s*(?:个|项|条)")),
    ("partially_completed", re.compile(rf"阶段性完成(?:整改)?{_N}\s*(?:个|项|条)")),
    ("in_progress", re.compile(rf"(?:正在(?:整改|推进)|持续(?:整改|推进)中?|整改中){_N}\s*(?:个|项|条)")),
    ("in_progress", re.compile(rf"{_N}\s*(?:个|项|条)(?:问题)?正在(?:整改|推进)")),
    ("completion_rate", re.compile(rf"(?:整改)?完成率(?:为|达到?)?\s*{_N}\s*%")),
    (
        "rules_made",
        re.compile(
            rf"(?:制定|修订|出台|建立|完善)(?:和|、|或)?(?:修订|完善)?(?:各类|相关)?(?:制度|规章制度|长效机制)(?:共)?{_N}\s*(?:项|个|份|件|条)"
        ),
    ),
    ("rules_made", re.compile(rf"建章立制{_N}\s*(?:项|个|份|件|条)")),
    (
        "money_recovered",
        re.compile(
            rf"(?:挽回|追回|收回|退缴|清退|追缴)(?:经济损失|资金|违规资金|款项)?(?:共计?)?{_N}\s*(?P<u>万元|亿元|元)"
        ),
    ),
    ("clues", re.compile(rf"问题线索{_N}\s*(?:条|件)")),
]
# Counts of the previous round quoted in this notice are not this round's.
_PREVIOUS = re.compile(r"上一?轮|上次|前次|以往|上届|往年")


def stated(ctx: Context, spans: list[tuple[int, int]]) -> dict[str, StatedCount]:
    out: dict[str, StatedCount] = {}
    for start, end in spans:
        for sentence in re.finditer(r"[^。\n]+", ctx.text[start:end]):
            s0 = start + sentence.start()
            if _PREVIOUS.search(sentence.group(0)):
                continue
            for key, pattern in _PATTERNS:
                if key in out:
                    continue
                m = pattern.search(ctx.text, s0, start + sentence.end())
                if not m:
                    continue
                value = to_number(m.group("n"))
                if value is None:
                    continue
                unit = m.groupdict().get("u") or ("%" if key == "completion_rate" else None)
                out[key] = StatedCount(
                    value=value, unit=unit, text=m.group("n"), evidence=ctx.ev(m.start(), m.end())
                )
    return out
