"""What the report says about itself against what was found: one place for every engine.

Only like is compared with like: stated areas, items and problems with the areas, items and problems
found; a count of problems done with the problems (tasks done with the tasks, measures done with the
measures), never one level with another.
"""

from __future__ import annotations

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
        levels.append(
            ("problems", "problems" if problems[0] == "problems" else "sub-item problems", problems[1])
        )
    stated_parts = [f"{count.text} {label}" for _, label, count in levels]
    found_parts = [f"{found[key]} {key}" for key, _, _ in levels]
    mismatched = [count for key, _, count in levels if int(count.value) != found[key]]
    if mismatched:
        warnings.append(
            Warning(
                code="count_mismatch",
                message=f"report states {', '.join(stated_parts)}; found {', '.join(found_parts)}",
                evidence=mismatched[0].evidence,
            )
        )

    # Problems done against the problems the report states, or else against those found.
    if problems is not None:
        total, whose = int(problems[1].value), "it states"
    else:
        total, whose = found.get("problems", 0), "found"
    warnings += _more_than_total(stated_counts, "", total, "problems", whose)
    for noun in ("tasks", "measures"):
        count = stated_counts.get(noun)
        if count is not None:
            warnings += _more_than_total(stated_counts, f"{noun}_", int(count.value), noun, "it states")
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
            what = f"{noun} {state.replace('_', ' ')}" if prefix else state.replace("_", " ")
            out.append(
                Warning(
                    code="count_mismatch",
                    message=f"report states {part.text} {what}, more than the {total} {noun} {whose}",
                    evidence=part.evidence,
                )
            )
    return out
