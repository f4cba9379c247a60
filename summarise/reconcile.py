"""What the report says about itself against what was found: one place for every engine.

Only like is compared with like: stated areas, items and problems with the areas, items and problems
found; a count of problems done with the problems (tasks done with the tasks, measures done with the
measures), never one level with another.
"""

from __future__ import annotations

from .i18n import say
from .models import StatedCount, Warning

# How far a count got, as counts.py keys them (`tasks_completed`, `measures_in_progress`, …).
STATES = ("completed", "basically_completed", "partially_completed", "in_progress", "long_term")


def stated_problems(stated_counts: dict[str, StatedCount]) -> tuple[str, StatedCount] | None:
    """The stated count that compares with the problems found: 问题, else 子项问题 (the finest level a
    notice counts when it counts 大项 and 子项)."""
    for key in ("problems", "sub_items"):
        if key in stated_counts:
            return key, stated_counts[key]
    return None


def reconcile(stated_counts: dict[str, StatedCount], found: dict[str, int]) -> list[Warning]:
    """A warning for every stated count that disagrees with what was found."""
    warnings: list[Warning] = []
    levels: list[tuple[str, str, StatedCount]] = [
        (key, key, stated_counts[key]) for key in ("areas", "items") if key in stated_counts
    ]
    problems = stated_problems(stated_counts)
    if problems is not None:
        levels.append(("problems", problems[0], problems[1]))
    sep = say("warn.sep")
    stated_parts = sep.join(say(f"warn.level.{level}", n=count.text) for _, level, count in levels)
    found_parts = sep.join(say(f"warn.level.{key}", n=found[key]) for key, _, _ in levels)
    mismatched = [count for key, _, count in levels if int(count.value) != found[key]]
    if mismatched:
        warnings.append(
            Warning(
                code="count_mismatch",
                message=say("warn.count_mismatch", stated=stated_parts, found=found_parts),
                evidence=mismatched[0].evidence,
            )
        )

    # Problems done against the problems the report states, or else against those found.
    if problems is not None:
        total, whose = int(problems[1].value), "stated"
    else:
        total, whose = found.get("problems", 0), "found"
    warnings += _more_than_total(stated_counts, "", total, "problems", whose)
    for noun in ("tasks", "measures"):
        count = stated_counts.get(noun)
        if count is not None:
            warnings += _more_than_total(stated_counts, f"{noun}_", int(count.value), noun, "stated")
    return warnings


def _more_than_total(
    stated_counts: dict[str, StatedCount], prefix: str, total: int, noun: str, whose: str
) -> list[Warning]:
    if not total:
        return []
    out = []
    for state in STATES:
        part = stated_counts.get(prefix + state)
        if part is not None and int(part.value) > total:
            message = say(
                f"warn.more_than.{noun}",
                state=say(f"warn.state.{state}"),
                part=part.text,
                total=total,
                whose=say(f"warn.whose.{whose}"),
            )
            out.append(Warning(code="count_mismatch", message=message, evidence=part.evidence))
    return out
