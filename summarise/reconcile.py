"""What the report says about itself against what was found: one place for every engine."""

from __future__ import annotations

from .models import StatedCount, Warning


def reconcile(stated_counts: dict[str, StatedCount], found: dict[str, int]) -> list[Warning]:
    """A warning for every stated count that disagrees with what was found."""
    warnings: list[Warning] = []
    stated_parts, found_parts, mismatched = [], [], []
    for key in ("areas", "items", "problems"):
        count = stated_counts.get(key)
        if count is None:
            continue
        stated_parts.append(f"{count.text} {key}")
        found_parts.append(f"{found[key]} {key}")
        if int(count.value) != found[key]:
            mismatched.append(key)
    if mismatched:
        warnings.append(
            Warning(
                code="count_mismatch",
                message=f"report states {', '.join(stated_parts)}; found {', '.join(found_parts)}",
                evidence=stated_counts[mismatched[0]].evidence,
            )
        )
    done = stated_counts.get("completed")
    if done is not None and found.get("problems") and int(done.value) > found["problems"]:
        warnings.append(
            Warning(
                code="count_mismatch",
                message=f"report states {done.text} completed, more than the {found['problems']} problems found",
                evidence=done.evidence,
            )
        )
    return warnings
