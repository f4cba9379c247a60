"""Diffs of constructed pairs whose answer is known by construction.

Each pair is a seed and a copy of its text with chosen edits: problems removed, added, reworded, an
outstanding item marked done, a figure changed, the notice re-dated. Which problems are edited is chosen
by program from the seed's own summary, so the expectations follow from the edits, not from knowing
the seed; a seed that lacks what an edit needs is skipped for that test, and
`test_every_edit_has_a_seed_to_work_on` makes sure no edit is skipped on every seed.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
from rapidfuzz import fuzz

from summarise.api import summarise_document
from summarise.diff import DiffResult, diff_summaries
from summarise.diff.figures import label_key
from summarise.diff.models import MeasureState, OutstandingState, ProblemState
from summarise.diff.problems import Unit, units
from summarise.ingest import from_bytes
from summarise.models import Figure, ReportSummary, Status

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


@functools.cache
def summarise_text(text: str) -> ReportSummary:
    return summarise_document(from_bytes(text.encode("utf-8"), name="<test>"))


def seed_text(seed: Path) -> str:
    return seed.read_text(encoding="utf-8")


def diff_texts(old: str, new: str) -> DiffResult:
    return diff_summaries(summarise_text(old), summarise_text(new))


# ---- edits ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Edit:
    start: int
    end: int
    replacement: str


def apply(text: str, edits: list[Edit]) -> str:
    ordered = sorted(edits, key=lambda e: e.start, reverse=True)
    for later, earlier in zip(ordered, ordered[1:], strict=False):
        assert earlier.end <= later.start, "test bug: overlapping edits"
    for e in ordered:
        text = text[: e.start] + e.replacement + text[e.end :]
    return text


def parent(u: Unit) -> str:
    return u.ref.path.rsplit(".", 1)[0]


def label(u: Unit) -> str:
    """The problem as its heading names it: 关于“X”… → X, or the task heading itself."""
    return u.ref.named_problem or u.ref.title


def blocks(summary: ReportSummary) -> list[tuple[Unit, int]]:
    """Problems with the end of their text block (where the next problem of the same parent starts).

    Only problems with at least two siblings: removing one of two sub-problems would leave an item
    with a single (2), which is a different edit from "remove a problem".
    """
    us = units(summary)
    family = {parent(u): sum(parent(v) == parent(u) for v in us) for u in us}
    return [
        (u, nxt.ref.evidence.start)
        for u, nxt in zip(us, us[1:], strict=False)
        if parent(u) == parent(nxt) and family[parent(u)] >= 3 and label(u) in u.ref.evidence.quote
    ]


# Wording a later notice might use for the same problem; applied only where it fits.
_SYNONYMS = [
    ("不到位", "不够到位"), ("不够", "仍不"), ("不足", "有短板"), ("不强", "偏弱"), ("不严格", "宽松软"),
    ("不规范", "欠规范"), ("不充分", "不够充分"), ("存在", "仍有"), ("落实", "贯彻"), ("执行", "落实"),
    ("有差距", "差距较大"), ("滞后", "迟缓"), ("力度", "力量"), ("薄弱", "较弱"), ("不高", "偏低"),
    ("加强", "强化"), ("全面", "进一步"), ("深入", "持续"), ("推进", "推动"), ("严格", "从严"), ("扎实", "切实"),
]  # fmt: skip


def reword(name: str) -> str | None:
    """The name said differently (two substitutions), or None when too few apply."""
    out, done = name, 0
    for a, b in _SYNONYMS:
        if a in out and done < 2:
            out = out.replace(a, b, 1)
            done += 1
    return out if done == 2 and fuzz.ratio(name, out) < 85 else None


_FRESH = [
    "建立园区污水管网巡查台账,每月开展一次专项排查。",
    "完成雨污分流改造工程招标,明确施工进度节点。",
    "对管网运维单位实行季度考核,考核结果与运维费用挂钩。",
    "邀请第三方机构对管网运行情况开展评估。",
    "将管网建设纳入年度重点督查事项。",
    "组织开展管网应急演练。",
]
NEW_NAME = "园区污水管网雨污分流改造推进迟缓"
_MARKER = re.compile(r"^(?:[一二三四五六七八九十]+是|[(（]\d+[)）]|\d+[.、．])?")


def fresh_block(text: str, template: Unit, block_end: int, name: str | None = NEW_NAME) -> str:
    """A copy of a problem's text block with every measure rewritten with fresh content, renamed unless
    `name` is None."""
    start = template.ref.evidence.start
    block = text[start:block_end]
    for k, m in sorted(enumerate(template.measures), key=lambda km: km[1].evidence.start, reverse=True):
        s, e = m.evidence.start - start, m.evidence.end - start
        marker = _MARKER.match(block[s:e])
        block = block[:s] + (marker.group(0) if marker else "") + _FRESH[k % len(_FRESH)] + block[e:]
    if name is None:
        return block
    head = template.ref.evidence.end - start
    return block[:head].replace(label(template), name, 1) + block[head:]


def figure_to_change(
    summary: ReportSummary, avoid: set[str], repeated: bool = False
) -> tuple[int, int, str, str, str] | None:
    """A figure to edit: (start, end, number, new number, comparable label).

    By default its comparable label occurs once in the report. With `repeated`, the comparable label
    occurs several times but the label as written only once (现共有高新技术企业 66家 … 高新技术企业 66家).
    """
    seen: dict[tuple[int, int], tuple[Unit, Figure, str]] = {}
    for u in units(summary):
        for f in u.figures:
            key = label_key(f.label)
            if key is not None:
                seen.setdefault((f.evidence.start, f.evidence.end), (u, f, key))
    by_key = Counter((key, f.unit) for _, f, key in seen.values())
    by_raw = Counter((f.label.strip(), f.unit) for _, f, _ in seen.values())
    text = summary.source.text
    for u, f, key in seen.values():
        wanted = (
            by_key[(key, f.unit)] >= 2 and by_raw[(f.label.strip(), f.unit)] == 1
            if repeated
            else by_key[(key, f.unit)] == 1
        )
        if (
            wanted
            and u.ref.path not in avoid
            and f.value.is_integer()
            and f.value >= 10
            and f.unit
            and text[f.evidence.end - len(f.text) : f.evidence.end] == f.text
        ):
            number = f.text[: -len(f.unit)]
            start = f.evidence.end - len(f.text)
            return start, start + len(number), number, str(int(f.value) * 2 + 7), key
    return None


# ---- the pairs -----------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_a_seed_against_itself_is_all_recurring_and_unchanged(seed: Path) -> None:
    summary = summarise_text(seed_text(seed))
    result = diff_summaries(summary, summary)
    n = len(units(summary))
    assert result.totals.recurring == n and result.totals.new == 0 and result.totals.dropped == 0
    for p in result.problems:
        assert p.old == p.new and p.score == pytest.approx(1.0)
        assert all(m.state == MeasureState.kept and m.old == m.new for m in p.measures)
        assert p.reported_done_before == (p.old is not None and p.old.status == Status.done)
    assert all(o.new is not None and o.new.kind == "outstanding" for o in result.outstanding)
    assert [o.state for o in result.outstanding] == [
        OutstandingState.closed if o.status == Status.done else OutstandingState.open
        for o in summary.outstanding
    ]
    assert all(f.change == 0 for f in result.figures)
    assert all(c.change in (0, None) for c in result.counts)
    assert all(m.same for m in result.meta) and result.same_unit is True
    assert {w.code for w in result.warnings} <= {"same_input", "figures_ambiguous"}


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_a_seed_against_an_edited_copy_finds_exactly_the_edits(seed: Path) -> None:
    text = seed_text(seed)
    old = summarise_text(text)
    candidates = blocks(old)
    if len(candidates) < 6:
        pytest.skip("too few problems to edit")
    # Spread the edits over the report. One problem is replaced by a new one in its place (same number,
    # same area: only the wording tells them apart), another is removed, a third is reworded.
    picks = [candidates[i * (len(candidates) - 1) // 4] for i in range(5)]
    replaced = picks[1]
    # Not a first sub-problem: an item whose list then starts at (2) is a different edit (and the rules
    # engine reads it differently).
    removed = next(b for b in picks[3:] + picks[2::-1] if not b[0].ref.path.endswith(".1") and b != replaced)
    dropped_paths = {replaced[0].ref.path, removed[0].ref.path}
    edits = [
        Edit(replaced[0].ref.evidence.start, replaced[1], fresh_block(text, *replaced)),
        Edit(removed[0].ref.evidence.start, removed[1], ""),
    ]
    # Rewording needs a name the synonym table fits; without one the other edits are still checked.
    rewordable = [u for u, e in candidates if reword(label(u)) and (u, e) not in (replaced, removed)]
    reworded = rewordable[len(rewordable) // 2] if rewordable else None
    new_name = None
    if reworded:
        name = label(reworded)
        new_name = reword(name)
        assert new_name
        ev = reworded.ref.evidence
        edits.append(Edit(ev.start, ev.end, ev.quote.replace(name, new_name, 1)))
    fig = figure_to_change(old, avoid=dropped_paths | ({reworded.ref.path} if reworded else set()))
    if fig:
        edits.append(Edit(fig[0], fig[1], fig[3]))
    new = summarise_text(apply(text, edits))

    # The construction did what it meant to (the engine read the edited copy as intended).
    new_names = [label(u) for u in units(new)]
    assert len(units(new)) == len(units(old)) - 2 + 1
    assert NEW_NAME in new_names and (new_name is None or new_name in new_names)

    result = diff_summaries(old, new)
    by_state = {s: [p for p in result.problems if p.state == s] for s in ProblemState}
    assert [p.new.named_problem or p.new.title for p in by_state[ProblemState.new] if p.new] == [NEW_NAME]
    assert {p.old.path for p in by_state[ProblemState.dropped] if p.old} == dropped_paths
    assert len(by_state[ProblemState.recurring]) == len(units(old)) - 2
    for p in by_state[ProblemState.recurring]:
        assert p.old and p.new
        if reworded and p.old.path == reworded.ref.path:
            assert (p.new.named_problem or p.new.title) == new_name and p.score is not None and p.score < 1
        else:
            # Every untouched problem is paired with itself: same name, same measures.
            assert p.new.named_problem == p.old.named_problem and p.new.title == p.old.title
            assert all(m.state == MeasureState.kept for m in p.measures)
    if fig:
        changed = [(f.label, f.old.text, f.new.value) for f in result.figures if f.change != 0]
        assert len(changed) == 1 and changed[0][0] == fig[4]
        assert changed[0][1].startswith(fig[2]) and changed[0][2] == float(fig[3])


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_a_problem_raised_again_with_new_measures_recurs_and_shows_its_measures_changed(seed: Path) -> None:
    text = seed_text(seed)
    old = summarise_text(text)
    candidates = [(u, e) for u, e in blocks(old) if u.measures]
    if not candidates:
        pytest.skip("no problem with measures to rewrite")
    unit, end = candidates[len(candidates) // 2]
    new = summarise_text(
        apply(text, [Edit(unit.ref.evidence.start, end, fresh_block(text, unit, end, name=None))])
    )

    result = diff_summaries(old, new)
    assert result.totals.new == 0 and result.totals.dropped == 0
    pair = next(p for p in result.problems if p.old and p.old.path == unit.ref.path)
    assert pair.state == ProblemState.recurring and pair.new and pair.new.path == unit.ref.path
    # The name alone carries a recurring problem; the measures show what was done about it this time.
    assert pair.parts and pair.parts.name == pytest.approx(1.0)
    new_unit = next(u for u in units(new) if u.ref.path == unit.ref.path)
    states = Counter(m.state for m in pair.measures)
    assert states[MeasureState.kept] == 0
    assert states[MeasureState.dropped] == len(unit.measures) and states[MeasureState.new] == len(
        new_unit.measures
    )


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_a_figure_whose_label_repeats_is_paired_by_its_own_wording(seed: Path) -> None:
    text = seed_text(seed)
    old = summarise_text(text)
    fig = figure_to_change(old, avoid=set(), repeated=True)
    if fig is None:
        pytest.skip("no repeated figure label written two ways")
    new = summarise_text(apply(text, [Edit(fig[0], fig[1], fig[3])]))
    changed = [f for f in diff_summaries(old, new).figures if f.change != 0]
    assert [(f.label, f.new.value) for f in changed] == [(fig[4], float(fig[3]))]
    assert changed[0].old.text.startswith(fig[2]) and changed[0].old.evidence.start <= fig[0]


def _outstanding_seed() -> Path:
    seed = next(
        (
            s
            for s in SEEDS
            if sum(o.deadline is not None for o in summarise_text(seed_text(s)).outstanding) >= 2
        ),
        None,
    )
    assert seed is not None, "no seed lists two outstanding items with deadlines"
    return seed


def test_an_outstanding_item_marked_done_is_closed_and_passed_deadlines_are_overdue() -> None:
    seed = _outstanding_seed()
    text = seed_text(seed)
    old = summarise_text(text)
    items = [o for o in old.outstanding if o.deadline and o.deadline_evidence]
    done = items[len(items) // 2]
    assert done.deadline_evidence
    # Re-date NEW to the day after the latest deadline: every deadline has passed by then.
    latest = max(o.deadline for o in items if o.deadline)
    y, m, d = (int(x) for x in latest.split("-"))
    as_of = f"{y + 1}-01-15"
    date_ev = old.meta.evidence.get("published_date")
    assert date_ev and old.meta.published_date
    edits = [
        Edit(done.deadline_evidence.start, done.deadline_evidence.start, "整改状态:已完成。"),
        Edit(date_ev.start, date_ev.end, f"{y + 1}年1月15日"),
    ]
    new = summarise_text(apply(text, edits))
    assert new.meta.published_date == as_of
    assert [o.status == Status.done for o in new.outstanding] == [
        o.item == done.item for o in old.outstanding
    ]

    result = diff_summaries(old, new)
    assert [o.item for o in result.outstanding] == [o.item for o in old.outstanding]
    for o in result.outstanding:
        if o.item == done.item:
            assert o.state == OutstandingState.closed and o.overdue is False
        else:
            assert o.state == OutstandingState.open
            assert o.overdue is (o.deadline is not None and o.deadline < as_of)
    assert result.totals.closed == 1
    assert result.totals.overdue == sum(1 for o in items if o.item != done.item)
    assert not any(w.code == "dates_reversed" for w in result.warnings)
    dates = {m.field: m for m in result.meta}
    assert dates["published_date"].new == as_of and not dates["published_date"].same


def test_outstanding_items_absent_from_new_are_not_mentioned_and_overdue_needs_a_date() -> None:
    seed = _outstanding_seed()
    old = summarise_text(seed_text(seed))
    other = next(s for s in SEEDS if s != seed and not summarise_text(seed_text(s)).outstanding)
    new = summarise_text(seed_text(other))
    result = diff_summaries(old, new)
    assert {o.state for o in result.outstanding} == {OutstandingState.not_mentioned}
    as_of = new.meta.published_date or new.meta.page_date
    assert as_of
    assert [o.overdue for o in result.outstanding] == [
        o.deadline < as_of if o.deadline else None for o in old.outstanding
    ]

    undated = new.model_copy(
        update={"meta": new.meta.model_copy(update={"published_date": None, "page_date": None})}
    )
    result = diff_summaries(old, undated)
    assert all(o.overdue is None for o in result.outstanding)
    assert "new_date_unknown" in {w.code for w in result.warnings}


def test_an_outstanding_item_is_followed_into_new_measures_when_new_lists_none() -> None:
    seed = _outstanding_seed()
    text = seed_text(seed)
    old = summarise_text(text)
    first, last = old.outstanding[0], old.outstanding[-1]
    block_start = text.rfind("\n", 0, first.evidence.start) + 1
    block_end = text.find("\n", (last.deadline_evidence or last.evidence).end)
    host = next(m for u in units(old) for m in u.measures if m.evidence.quote.endswith("。"))
    sentence = f"。{first.item}问题已全部整改到位"
    new = summarise_text(
        apply(
            text,
            [Edit(block_start, block_end, ""), Edit(host.evidence.end - 1, host.evidence.end - 1, sentence)],
        )
    )
    assert new.outstanding == []
    mentioned = next(m for u in units(new) for m in u.measures if first.item in m.evidence.quote)

    result = diff_summaries(old, new)
    found = result.outstanding[0]
    assert found.item == first.item and found.new is not None
    assert found.new.kind == "measure" and first.item in found.new.evidence.quote
    assert found.state == (
        OutstandingState.closed if mentioned.status == Status.done else OutstandingState.open
    )


@pytest.mark.parametrize(
    ("a", "b"),
    [(a, b) for a in SEEDS for b in SEEDS if a != b],
    ids=lambda p: p.name[:3],
)
def test_unrelated_seeds_match_little_and_warn_that_the_units_differ(a: Path, b: Path) -> None:
    old, new = summarise_text(seed_text(a)), summarise_text(seed_text(b))
    result = diff_summaries(old, new)
    assert result.same_unit is False
    assert "unit_mismatch" in {w.code for w in result.warnings}
    # Notices of one genre and one round share stock tasks (强化政治理论学习); a few pairs are fair,
    # most problems are not.
    assert result.totals.recurring <= 0.3 * min(len(units(old)), len(units(new)))
    assert result.totals.new + result.totals.recurring == len(units(new))
    assert result.totals.dropped + result.totals.recurring == len(units(old))


def test_swapped_arguments_and_mixed_engines_are_warned_about() -> None:
    seed = SEEDS[0]
    summary = summarise_text(seed_text(seed))
    published = summary.meta.published_date
    assert published
    earlier = summary.model_copy(
        update={
            "meta": summary.meta.model_copy(
                update={"published_date": f"{int(published[:4]) - 3}{published[4:]}"}
            ),
            "engine": summary.engine.model_copy(update={"name": "llm"}),
        }
    )
    codes = {w.code for w in diff_summaries(summary, earlier).warnings}
    assert {"dates_reversed", "engine_mismatch"} <= codes
    assert "dates_reversed" not in {w.code for w in diff_summaries(earlier, summary).warnings}


def test_every_edit_has_a_seed_to_work_on() -> None:
    """The per-seed tests above skip a seed that lacks what their edit needs; none may skip on all."""
    summaries = [summarise_text(seed_text(s)) for s in SEEDS]
    assert any(len(blocks(s)) >= 6 for s in summaries), "no seed has problems enough to edit"
    assert any(u.measures for s in summaries for u, _ in blocks(s)), "no problem has measures"
    assert any(figure_to_change(s, avoid=set(), repeated=True) for s in summaries), (
        "no seed repeats a figure label written two ways"
    )
