"""The diff puts changes first: dropped, new and changed problems, deadline changes; the recurring
problems that did not change fold into a count. A unit mismatch raises the pairing threshold.

Copies are built from a seed's own text and summary (which problem to drop, which deadline to move),
so the expectations follow from the edit, not from knowing the seed.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from test_diff_pairs import SEEDS, Edit, apply, blocks, seed_text, summarise_text
from typer.testing import CliRunner

from summarise.cli import app
from summarise.diff import DiffOptions, diff_summaries
from summarise.diff.models import DeadlineShift, ProblemChange, ProblemState
from summarise.diff.outstanding import deadline_change
from summarise.diff.problems import units
from summarise.models import OutstandingItem, ReportSummary, Status

runner = CliRunner()
_CN_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")


def _deadline_seed() -> tuple[Path, ReportSummary, OutstandingItem]:
    """A seed with an outstanding item whose deadline is written as a date in its own quote."""
    for seed in SEEDS:
        summary = summarise_text(seed_text(seed))
        for item in summary.outstanding:
            ev = item.deadline_evidence
            if item.deadline and ev and _CN_DATE.search(ev.quote):
                return seed, summary, item
    pytest.fail("no seed has an outstanding item with a written deadline")


def _moved_copy(tmp_path: Path, replacement: str | None = None) -> tuple[Path, Path, OutstandingItem, str]:
    """The seed and a copy whose chosen deadline is half a year later (or replaced by `replacement`)."""
    seed, _, item = _deadline_seed()
    assert item.deadline and item.deadline_evidence
    text = seed_text(seed)
    ev = item.deadline_evidence
    found = _CN_DATE.search(ev.quote)
    assert found
    y, m, d = (int(x) for x in found.groups())
    assert date(y, m, d).isoformat() == item.deadline  # the quote says what the summary read
    later = date(y + (m + 6 > 12), (m + 6 - 1) % 12 + 1, min(d, 28))
    written = f"{later.year}年{later.month}月{later.day}日" if replacement is None else replacement
    start = ev.start + found.start()
    copy = tmp_path / "later.txt"
    copy.write_text(apply(text, [Edit(start, ev.start + found.end(), written)]), encoding="utf-8")
    return seed, copy, item, later.isoformat()


def test_a_postponed_deadline_shows_both_dates_in_every_format(tmp_path: Path) -> None:
    seed, copy, item, later = _moved_copy(tmp_path)
    assert item.deadline
    data = json.loads(runner.invoke(app, ["diff", str(seed), str(copy), "-f", "json"]).stdout)
    moved = [o for o in data["outstanding"] if o["deadline_change"]]
    assert [o["item"] for o in moved] == [item.item]
    change = moved[0]["deadline_change"]
    days = (date.fromisoformat(later) - date.fromisoformat(item.deadline)).days
    assert change["shift"] == "postponed" and change["days"] == days > 0
    assert (change["old"], change["new"]) == (item.deadline, later)
    assert later.replace("-", "")[:4] in change["new_evidence"]["quote"]
    assert data["totals"]["postponed"] == 1 and data["totals"]["advanced"] == 0

    for fmt in ("text", "md", "html"):
        out = runner.invoke(app, ["diff", str(seed), str(copy), "-f", fmt]).stdout
        assert item.deadline in out and later in out, fmt
        # Both dates together, before the outstanding list: a change comes first.
        both = out.index(later)
        assert out.rfind(item.deadline, 0, both) > out.rfind(item.item, 0, both) >= 0, fmt
        assert "推迟" in out and both < out.index("尚需整改事项（"), fmt
    english = runner.invoke(app, ["diff", str(seed), str(copy), "--lang", "en"]).stdout
    assert f"postponed: {item.deadline} → {later} ({days} days)" in english


def test_a_deadline_struck_from_the_copy_is_removed(tmp_path: Path) -> None:
    seed, copy, item, _ = _moved_copy(tmp_path, replacement="")
    new = summarise_text(copy.read_text(encoding="utf-8"))
    result = diff_summaries(summarise_text(seed_text(seed)), new)
    changes = {o.item: o.deadline_change for o in result.outstanding if o.deadline_change}
    found = changes[item.item]
    assert found and found.shift == DeadlineShift.removed and (found.old, found.new) == (item.deadline, None)


def test_deadline_change_kinds() -> None:
    _, _, item = _deadline_seed()
    assert item.deadline
    earlier = f"{int(item.deadline[:4]) - 1}{item.deadline[4:]}"
    for new, shift, days in (
        (
            earlier,
            DeadlineShift.advanced,
            -(date.fromisoformat(item.deadline) - date.fromisoformat(earlier)).days,
        ),
        (None, DeadlineShift.removed, None),
    ):
        change = deadline_change(item, item.model_copy(update={"deadline": new}))
        assert change and change.shift == shift and change.days == days
    added = deadline_change(item.model_copy(update={"deadline": None}), item)
    assert added and added.shift == DeadlineShift.added and added.new == item.deadline
    assert deadline_change(item, item) is None
    # A month is not a day: ordered, but no count of days is made up.
    month = deadline_change(item, item.model_copy(update={"deadline": f"{int(item.deadline[:4]) + 1}-06"}))
    assert month and month.shift == DeadlineShift.postponed and month.days is None


# ---- changes first -------------------------------------------------------------------------------


def _dropped_copy(seed: Path) -> tuple[ReportSummary, ReportSummary, str]:
    """The seed and a copy without its last problem that has siblings (far down OLD's text)."""
    text = seed_text(seed)
    old = summarise_text(text)
    unit, end = blocks(old)[-1]
    new = summarise_text(apply(text, [Edit(unit.ref.evidence.start, end, "")]))
    assert len(units(new)) == len(units(old)) - 1
    return old, new, unit.ref.path


SEED_WITH_BLOCKS = next(s for s in SEEDS if len(blocks(summarise_text(seed_text(s)))) >= 3)


def test_changes_lead_the_problem_list_and_unchanged_pairs_are_folded() -> None:
    old, new, dropped = _dropped_copy(SEED_WITH_BLOCKS)
    # One status moved in NEW: that pair changed, the others did not.
    data = new.model_dump(mode="json")
    target = next(a for a in data["areas"] if a["items"])["items"][0]
    target = target["problems"][0] if target["problems"] else target
    target["status"] = "long_term" if target["status"] != "long_term" else "done"
    new = ReportSummary.model_validate(data)

    result = diff_summaries(old, new)
    states = [p.state for p in result.problems]
    assert states[0] == ProblemState.dropped and result.problems[0].old
    assert result.problems[0].old.path == dropped
    changed = [p for p in result.problems if p.changes]
    assert len(changed) == 1 and changed[0].changes == [ProblemChange.status]
    assert result.problems.index(changed[0]) == 1  # right after the dropped one
    assert all(not p.changes for p in result.problems[2:])
    t = result.totals
    assert (t.dropped, t.new, t.changed, t.unchanged) == (1, 0, 1, len(units(old)) - 2)
    assert t.recurring == t.changed + t.unchanged


def _view(old: ReportSummary, new: ReportSummary, tmp_path: Path, fmt: str, *flags: str) -> str:
    a, b = tmp_path / "old.json", tmp_path / "new.json"
    a.write_text(old.model_dump_json(), encoding="utf-8")
    b.write_text(new.model_dump_json(), encoding="utf-8")
    result = runner.invoke(app, ["diff", str(a), str(b), "-f", fmt, *flags])
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("fmt", ["text", "md"])
def test_text_and_markdown_fold_unchanged_pairs_into_a_count_and_all_lists_them(
    tmp_path: Path, fmt: str
) -> None:
    old, new, dropped = _dropped_copy(SEED_WITH_BLOCKS)
    ref = next(u.ref for u in units(old) if u.ref.path == dropped)
    unchanged = [u for u in units(old) if u.ref.path != dropped]
    folded = _view(old, new, tmp_path, fmt)
    assert folded.index(ref.named_problem or ref.title) < folded.index(f"未变的问题 {len(unchanged)} 个")
    assert "--all" in folded
    # An unchanged problem's path and name are not listed ...
    listed_rows = [
        u for u in unchanged if f"{u.ref.path} {u.ref.named_problem or u.ref.title}"[:30] in folded
    ]
    assert listed_rows == []
    full = _view(old, new, tmp_path, fmt, "--all")
    assert "--all" not in full
    shown = [u for u in unchanged if (u.ref.named_problem or u.ref.title)[:15] in full]
    assert len(shown) == len(unchanged)


def test_html_folds_unchanged_pairs_behind_details() -> None:
    from summarise.diff.html import to_html

    old, new, dropped = _dropped_copy(SEED_WITH_BLOCKS)
    page = to_html(diff_summaries(old, new))
    fold = page[page.index('<details class="fold">') :]
    assert (
        page.index('id="dropped"')
        < page.index('id="new"')
        < page.index('id="changed"')
        < page.index('id="unchanged"')
    )
    # Every unchanged pair is a row inside the fold, none outside it.
    rows = len(units(old)) - 1
    assert fold[: fold.index("</details></section>")].count("<tr><td>") == rows
    assert page[: page.index('<details class="fold">')].count('class="badge recurring"') == 0


# ---- a unit mismatch raises the pairing threshold ------------------------------------------------


def test_two_units_pair_only_near_identical_problems() -> None:
    summaries = [summarise_text(seed_text(s)) for s in SEEDS]
    below = 0
    for i, old in enumerate(summaries):
        for new in summaries[i + 1 :]:
            result = diff_summaries(old, new)
            assert result.same_unit is False and result.pairing_threshold == 0.75
            warning = next(w for w in result.warnings if w.code == "unit_mismatch")
            assert warning.params["threshold"] == 0.75 and "0.75" in warning.message
            assert all(p.score >= 0.75 for p in result.problems if p.score is not None)
            # Told they are one unit, the usual threshold applies, and looser pairs appear.
            forced = diff_summaries(old, new, DiffOptions(same_unit=True))
            assert forced.pairing_threshold == 0.5
            assert {w.code for w in forced.warnings}.isdisjoint({"unit_mismatch"})
            below += sum(p.score is not None and p.score < 0.75 for p in forced.problems)
    assert below > 0, "no pair of seeds would pair below the raised threshold: the test proves nothing"


def test_one_unit_keeps_the_threshold_asked_for() -> None:
    old, new, _ = _dropped_copy(SEED_WITH_BLOCKS)
    result = diff_summaries(old, new, DiffOptions(threshold=0.4))
    assert result.same_unit is True and result.pairing_threshold == 0.4
    assert diff_summaries(old, new, DiffOptions(threshold=0.9)).pairing_threshold == 0.9


def test_the_mismatch_threshold_can_be_set_from_the_command_line() -> None:
    a, b = SEEDS[0], SEEDS[1]
    out = runner.invoke(app, ["diff", str(a), str(b), "-f", "json", "--mismatch-threshold", "0.6"]).stdout
    data = json.loads(out)
    assert data["pairing_threshold"] == 0.6 and data["options"]["mismatch_threshold"] == 0.6
    assert all(p["score"] is None or p["score"] >= 0.6 for p in data["problems"])


def test_reported_done_before_counts_in_the_fold_line() -> None:
    seed = SEEDS[1]
    summary = summarise_text(seed_text(seed))
    result = diff_summaries(summary, summary)
    done = sum(u.ref.status == Status.done for u in units(summary))
    assert result.totals.unchanged == len(units(summary)) and result.totals.reported_done_before == done
