"""Where a deadline stands on a given day: passed (逾期) or not.

A deadline is an ISO date (YYYY-MM-DD) the report states. It has passed on a day when it is
before that day: an item due on 2021-12-31 is not yet overdue on 2021-12-31 itself. A finished item
is never overdue. The summary keeps only what does not depend on the day it is read: whether the
deadline had passed on the notice's own date. Views judge against a date the reader gives
(`--as-of`, today by default).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from .models import OutstandingItem, Status


def parse_day(value: str | None) -> date | None:
    """An ISO date as a day; None for no date or one that is not exact (2021-12, 二〇二一年底)."""
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def overdue(deadline: str | None, status: Status, on: date | None) -> bool | None:
    """True when the deadline had passed on `on` and the item is not done; None when either date is
    not known, so "not overdue" is never said of an item whose deadline cannot be read."""
    due = parse_day(deadline)
    if due is None or on is None:
        return None
    if status is Status.done:
        return False
    return due < on


def at_publication(items: Sequence[OutstandingItem], published: str | None) -> list[OutstandingItem]:
    """The items with `overdue_at_publication` set against the notice's own date."""
    on = parse_day(published)
    return [
        item.model_copy(update={"overdue_at_publication": overdue(item.deadline, item.status, on)})
        for item in items
    ]


def earliest(items: Sequence[OutstandingItem]) -> OutstandingItem | None:
    """The item with the earliest exact deadline (the first of them in the text on a tie)."""
    dated = [(due, n, item) for n, item in enumerate(items) if (due := parse_day(item.deadline))]
    return min(dated, key=lambda t: (t[0], t[1]))[2] if dated else None
