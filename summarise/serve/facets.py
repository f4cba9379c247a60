"""The ways the archive is cut that the index does not store: the level of an inspection and the kind
of 方面 (area) a problem is filed under.

Both are read from wording every notice uses. The level comes from who inspects (中央/省委 巡视组 vs
市委/县委 巡察组) and, for 村（社区）巡察, from the unit inspected. The area kinds are the four parts
巡视巡察 findings are reported under by the inspection regulations (党的路线方针政策和决策部署, 全面从严治党,
组织路线和干部队伍, 巡视巡察/审计整改); notices word their 方面 headings freely, so a heading is filed
under the first kind whose words it contains, and under `other` when none.

Each rule is (key, column, words); queries.py turns them into parameterised CASE expressions.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    key: str
    column: str  # a column of the row the CASE is evaluated on
    contains: tuple[str, ...]  # words the column holds (tested with instr: exact and fast)
    ends: tuple[str, ...] = ()  # or words it ends with


# Order matters: the first rule that matches decides. Village inspections are carried out by a county's
# 巡察组, so the unit is read before the inspector; 巡视 without 中央 is a provincial round.
LEVEL_RULES: tuple[Rule, ...] = (
    Rule("central", "inspector", ("中央",)),
    Rule("province", "inspector", ("省委", "自治区党委", "巡视")),
    Rule("village", "unit", ("村党", "村委", "社区党", "社区居委"), ends=("村", "社区")),
    Rule("city", "inspector", ("市委", "州委", "盟委")),
    Rule("county", "inspector", ("县委", "区委", "旗委")),
)
LEVELS: tuple[str, ...] = (*(r.key for r in LEVEL_RULES), "unknown")

# 整改 first: "落实以往巡视巡察、审计发现问题整改" also speaks of 问题; 组织 before 从严治党, since
# "基层党组织和党员队伍建设" is about the organisation even when it mentions discipline.
AREA_RULES: tuple[Rule, ...] = (
    Rule("rectification", "title", ("整改", "成果运用")),
    Rule("organisation", "title", ("组织", "党员", "干部", "党建", "班子")),
    Rule(
        "discipline",
        "title",
        ("从严治党", "作风", "腐败", "不正之风", "廉洁", "廉政", "纪律", "八项规定", "监督"),
    ),
    Rule("policy", "title", ("决策部署", "路线方针", "发展", "职责使命", "政治", "工作要求", "民生")),
)
# In the order the inspection regulations list them (the rules above are in the order they are tried).
AREAS: tuple[str, ...] = ("policy", "discipline", "organisation", "rectification", "other")

STATUSES: tuple[str, ...] = ("done", "in_progress", "long_term", "unknown")
