"""Deadlines: 逾期 as of a date the reader gives (today by default); the JSON keeps only what is fixed,
whether the deadline had passed on the notice's own date."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest
from conftest import SEEDS
from typer.testing import CliRunner

from summarise.cli import app
from summarise.deadlines import at_publication, earliest, overdue
from summarise.models import Evidence, OutstandingItem, Status

SEED_001 = next(s for s in SEEDS if s.name.startswith("001_"))
runner = CliRunner()


ITEMS = ("合作建设项目未获收益", "工程项目竣工验收结算", "企业动建电费未收回", "往来账款未结清")


def _rows(out: str) -> list[str]:
    """The rows of seed 001's outstanding items (text lines, Markdown rows, HTML <tr>s) with a deadline."""
    rows = re.split(r"\n|<tr>", out)
    return [r for r in rows if any(i in r for i in ITEMS) and re.search(r"2021-\d\d-\d\d", r)]


def item(deadline: str | None, status: Status = Status.in_progress) -> OutstandingItem:
    return OutstandingItem(
        item="x", deadline=deadline, status=status, evidence=Evidence(start=0, end=0, quote="")
    )


def test_a_deadline_passes_the_day_after_it_and_never_for_a_finished_item() -> None:
    assert overdue("2021-12-31", Status.in_progress, date(2021, 12, 31)) is False
    assert overdue("2021-12-31", Status.in_progress, date(2022, 1, 1)) is True
    assert overdue("2021-12-31", Status.long_term, date(2022, 1, 1)) is True
    assert overdue("2021-12-31", Status.done, date(2030, 1, 1)) is False
    assert overdue(None, Status.in_progress, date(2030, 1, 1)) is None
    assert overdue("2021-12", Status.in_progress, date(2030, 1, 1)) is None  # not an exact day
    assert overdue("2021-12-31", Status.in_progress, None) is None


def test_overdue_at_publication_is_judged_on_the_notices_own_date() -> None:
    items = [item("2021-03-31"), item("2020-12-31"), item("2020-12-31", Status.done), item(None)]
    assert [o.overdue_at_publication for o in at_publication(items, "2021-02-09")] == [
        False,
        True,
        False,
        None,
    ]
    assert [o.overdue_at_publication for o in at_publication(items, None)] == [None] * 4
    assert earliest(items) is items[1]


def test_seed_001_today_marks_its_2021_deadlines_overdue() -> None:
    result = runner.invoke(app, ["report", str(SEED_001)])
    assert result.exit_code == 0, result.output
    rows = _rows(result.output)
    assert len(rows) == 4 and all("逾期" in row for row in rows), rows
    assert f"逾期按 {date.today().isoformat()} 判断" in result.output


def test_seed_001_as_of_the_start_of_2021_marks_none() -> None:
    result = runner.invoke(app, ["report", str(SEED_001), "--as-of", "2021-01-01"])
    assert result.exit_code == 0, result.output
    rows = _rows(result.output)
    assert len(rows) == 4 and not any("逾期" in row for row in rows), rows
    assert "逾期按 2021-01-01 判断" in result.output


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_the_other_views_mark_overdue_items_as_of_the_date_too(fmt: str) -> None:
    # As of mid-2021 the three due on 2021-03-31 have passed; the one due on 2021-12-31 has not.
    out = runner.invoke(app, ["report", str(SEED_001), "-f", fmt, "--as-of", "2021-06-01"]).output
    rows = _rows(out)
    assert len(rows) == 4
    assert [("2021-03-31" in r, "逾期" in r) for r in rows].count((True, True)) == 3
    assert [("2021-12-31" in r, "逾期" in r) for r in rows].count((True, False)) == 1
    assert "逾期按 2021-06-01 判断" in out


def test_the_json_keeps_the_deadline_and_whether_it_had_passed_when_published() -> None:
    result = runner.invoke(app, ["report", str(SEED_001), "-f", "json", "--as-of", "2030-01-01"])
    data = json.loads(result.stdout)
    assert tuple(o["item"] for o in data["outstanding"]) == ITEMS
    assert [(o["deadline"], o["overdue_at_publication"]) for o in data["outstanding"]] == [
        ("2021-03-31", False),
        ("2021-03-31", False),
        ("2021-12-31", False),
        ("2021-03-31", False),
    ]
    same = runner.invoke(app, ["report", str(SEED_001), "-f", "json", "--as-of", "2021-01-01"]).stdout
    assert same == result.stdout  # nothing in the JSON depends on the day it is read


@pytest.mark.parametrize(("lang", "words"), [("zh", "不是日期"), ("en", "is not a date")])
def test_a_bad_as_of_is_one_line_in_the_language_and_exit_2(
    lang: str, words: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SUMMARISE_LANG", lang)
    result = runner.invoke(app, ["report", str(SEED_001), "--as-of", "2021-13-01"])
    assert result.exit_code == 2
    assert words in result.output and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1
