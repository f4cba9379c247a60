"""Views of a DiffResult: plain text, Markdown, JSON and a self-contained HTML page.

Changes come first in every view: problems no longer raised, new ones, recurring ones that changed,
deadline changes. Recurring problems the same on both sides fold into one count (text and Markdown
list them with `show_all`, the HTML behind a <details>); outstanding items, figures, counts and the
metadata follow. Text and Markdown are plain strings (no colour codes) so they can be piped, saved
and compared. Every label is in the language in force (i18n).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial

from ..i18n import say
from ..models import Evidence
from ..render import Views, md_escape, strip_controls, to_json
from .html import to_html
from .models import DiffResult, ProblemDiff, ProblemRef, ProblemState
from .wording import (
    by_state,
    changed,
    changes_line,
    count_label,
    count_value,
    deadline_changes,
    deadline_line,
    field_label,
    figure_change,
    fold_line,
    heading,
    measures_line,
    outstanding_in_order,
    outstanding_note,
    outstanding_state,
    overdue_label,
    overview_parts,
    problem_label,
    score,
    side,
    status,
    unchanged,
)


def _ref(ev: Evidence) -> str:
    return f"[{ev.start}–{ev.end}]"


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# ---- text ----------------------------------------------------------------------------------------


def _text_one(ref: ProblemRef, old: bool) -> str:
    return f"{side(old)} {ref.path} {_short(problem_label(ref))} [{status(ref.status)}] {_ref(ref.evidence)}"


def _text_pair(p: ProblemDiff) -> list[str]:
    assert p.old and p.new
    flag = f"  ★ {say('diff.done_before')}" if p.reported_done_before else ""
    same = problem_label(p.old) == problem_label(p.new)
    new_label = say("diff.same_as_above") if same else _short(problem_label(p.new))
    out = [
        f"  [{score(p.score)}] {_text_one(p.old, True)}",
        f"         {side(False)} {p.new.path} {new_label} [{status(p.new.status)}] {_ref(p.new.evidence)}{flag}",
    ]
    if p.changes:
        out.append(f"         {changes_line(p)}")
    if p.measures:
        out.append(f"         {measures_line(p)}")
    return out


def to_text(result: DiffResult, show_all: bool = False) -> str:
    out: list[str] = [heading(result), ""]
    for old, meta, src in ((True, result.old, result.old_source), (False, result.new, result.new_source)):
        date = meta.published_date or meta.page_date or say("diff.date_unknown")
        out.append(f"{side(old)}  {date}  {meta.inspector or ''}  {src.path or '<stdin>'}".rstrip())
    out += ["", say("diff.overview")] + [f"  {part}" for part in overview_parts(result)] + [""]
    if result.warnings:
        out += [f"⚠ {w.message}〔{w.code}〕" for w in result.warnings] + [""]

    for state, mark in ((ProblemState.dropped, "−"), (ProblemState.new, "+")):
        group = by_state(result, state)
        out.append(f"{mark} {say(f'diff.h.{state.value}', n=len(group))}")
        out += [
            f"  {_text_one(ref, state == ProblemState.dropped)}" for p in group if (ref := p.old or p.new)
        ]
        out.append("")
    group = changed(result)
    out.append(f"~ {say('diff.h.changed', n=len(group))}")
    for p in group:
        out += _text_pair(p)
    out.append("")

    shifted = deadline_changes(result)
    if shifted:
        out.append(f"⏱ {say('diff.h.deadlines', n=len(shifted))}")
        for o in shifted:
            assert o.deadline_change
            out.append(f"  {o.item}  {deadline_line(o.deadline_change)}")
        out.append("")

    same = unchanged(result)
    if same:
        hint = "" if show_all else say("diff.sep") + say("diff.fold.hint")
        out.append(f"= {fold_line(result)}{hint}")
        if show_all:
            for p in same:
                out += _text_pair(p)
        out.append("")

    if result.outstanding:
        out.append(say("diff.h.outstanding", n=len(result.outstanding)))
        for o in outstanding_in_order(result):
            overdue = f" · {say('diff.overdue')}" if o.overdue else ""
            due = say("diff.due", date=o.deadline or "—")
            out.append(f"  {o.item}  {due}  {outstanding_state(o.state)}{overdue}")
            out.append(f"      {outstanding_note(o)}")
        out.append("")

    moved = [f for f in result.figures if f.change != 0]
    out.append(say("diff.h.figures", changed=len(moved), total=len(result.figures)))
    for f in moved:
        out.append(f"  {f.label}  {f.old.text} → {f.new.text}  {figure_change(f)}")

    if result.counts:
        out += ["", say("diff.h.counts")]
        for c in result.counts:
            out.append(f"  {count_label(c)}  {count_value(c.old)} → {count_value(c.new)}")

    out += ["", say("diff.h.meta")]
    for m in result.meta:
        if m.old or m.new:
            value = (m.old or "—") if m.same else f"{m.old or '—'} → {m.new or '—'}"
            out.append(f"  {field_label(m.field)}：{value}")
    # Report text goes to a terminal: control characters (an ESC sequence in a web copy) must not act.
    return strip_controls("\n".join(out)) + "\n"


# ---- Markdown ------------------------------------------------------------------------------------


def _md(text: str | None) -> str:
    """Cell text that cannot break a table row or become markup: HTML is entity-escaped (renderers that
    pass raw HTML through ignore backslashes), Markdown punctuation backslash-escaped."""
    return "—" if text is None else md_escape(text)


def _rows(header: Iterable[str], rows: Iterable[Iterable[str]]) -> list[str]:
    head = list(header)
    out = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    out += ["| " + " | ".join(row) + " |" for row in rows]
    return out + [""]


def _md_one(ref: ProblemRef) -> str:
    return f"{_md(ref.path)} {_md(problem_label(ref))} `{status(ref.status)}` <sub>{_ref(ref.evidence)}</sub>"


def _md_pairs(pairs: list[ProblemDiff]) -> list[str]:
    rows = []
    for p in pairs:
        assert p.old and p.new
        flag = f" ★{say('diff.done_before')}" if p.reported_done_before else ""
        what = _md(changes_line(p)) if p.changes else ""
        measures = _md(measures_line(p)) if p.measures else "—"
        rows.append(
            [
                score(p.score),
                _md_one(p.old),
                _md_one(p.new) + flag,
                "<br>".join(x for x in (what, measures) if x),
            ]
        )
    cols = ["diff.col.score", "diff.old", "diff.new", "diff.col.change"]
    return _rows([say(c) for c in cols], rows)


def to_markdown(result: DiffResult, show_all: bool = False) -> str:
    out = [f"# {_md(heading(result))}", "", f"**{say('diff.overview')}**", ""]
    out += [f"- {_md(part)}" for part in overview_parts(result)] + [""]
    if result.warnings:
        out += [f"## ⚠ {say('diff.h.warnings')}", ""]
        out += [f"- {_md(w.message)} `{w.code}`" for w in result.warnings] + [""]

    for state in (ProblemState.dropped, ProblemState.new):
        group = by_state(result, state)
        out += [f"## {say(f'diff.h.{state.value}', n=len(group))}", ""]
        out += [f"- {_md_one(ref)}" for p in group if (ref := p.old or p.new)]
        out.append("")
    group = changed(result)
    out += [f"## {say('diff.h.changed', n=len(group))}", ""]
    if group:
        out += _md_pairs(group)

    shifted = deadline_changes(result)
    if shifted:
        out += [f"## {say('diff.h.deadlines', n=len(shifted))}", ""]
        out += _rows(
            [say("diff.col.item"), say("diff.old"), say("diff.new"), say("diff.col.shift")],
            ([_md(o.item), o.deadline_change.old or "—", o.deadline_change.new or "—",
              _md(deadline_line(o.deadline_change))] for o in shifted if o.deadline_change),
        )  # fmt: skip

    same = unchanged(result)
    if same:
        out += [f"## {say('diff.h.unchanged', n=len(same))}", ""]
        hint = "" if show_all else say("diff.sep") + say("diff.fold.hint")
        out += [_md(fold_line(result) + hint), ""]
        if show_all:
            out += _md_pairs(same)

    if result.outstanding:
        out += [f"## {say('diff.h.outstanding', n=len(result.outstanding))}", ""]
        out += _rows(
            [say(c) for c in ("diff.col.item", "diff.col.deadline", "diff.col.state", "diff.col.overdue", "diff.col.in_new")],
            ([_md(o.item), o.deadline or "—", outstanding_state(o.state),
              f"**{overdue_label(o.overdue)}**" if o.overdue else overdue_label(o.overdue),
              _md(outstanding_note(o))] for o in outstanding_in_order(result)),
        )  # fmt: skip
    if result.figures:
        moved = sum(f.change != 0 for f in result.figures)
        out += [f"## {say('diff.h.figures', changed=moved, total=len(result.figures))}", ""]
        out += _rows(
            [say("diff.col.figure"), say("diff.old"), say("diff.new"), say("diff.col.change")],
            ([_md(f.label), _md(f.old.text), _md(f.new.text), _md(figure_change(f))] for f in result.figures),
        )
    if result.counts:
        out += [f"## {say('diff.h.counts')}", ""]
        out += _rows(
            [say("diff.col.count"), say("diff.old"), say("diff.new"), say("diff.col.change")],
            (
                [count_label(c), count_value(c.old), count_value(c.new), count_value(c.change)]
                for c in result.counts
            ),
        )
    out += [f"## {say('diff.h.meta')}", ""]
    out += _rows(
        [say("diff.col.field"), say("diff.old"), say("diff.new")],
        ([field_label(m.field), _md(m.old), _md(m.new) + ("" if m.same else " **≠**")] for m in result.meta
         if m.old or m.new),
    )  # fmt: skip
    footer = say(
        "diff.footer",
        threshold=f"{result.pairing_threshold:g}",
        old=result.old_source.sha256[:12],
        new=result.new_source.sha256[:12],
    )
    out.append(f"_{_md(footer)}_")
    return "\n".join(out) + "\n"


def diff_views(show_all: bool = False) -> Views[DiffResult]:
    """The views by format name; `show_all` lists unchanged recurring problems in text and Markdown."""
    views: dict[str, Callable[[DiffResult], str]] = {
        "text": partial(to_text, show_all=show_all),
        "md": partial(to_markdown, show_all=show_all),
        "json": to_json,
        "html": to_html,
    }
    return Views(views)


DIFF_VIEWS: Views[DiffResult] = diff_views()
