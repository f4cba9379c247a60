"""A self-contained HTML page of a DiffResult: one file, no scripts, no network, every report string escaped.

The reports are untrusted text, so everything that comes from them goes through `_e` (html.escape with
quotes), and a Content-Security-Policy forbids scripts and remote loads even if an escape were missed.
"""

from __future__ import annotations

from html import escape

from ..i18n import current, say
from ..models import Evidence
from .models import DiffResult, MeasureDiff, OutstandingState, ProblemDiff, ProblemRef, ProblemState
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
    measure_state,
    measures_line,
    outstanding_in_order,
    outstanding_note,
    outstanding_state,
    overview_parts,
    problem_label,
    score,
    side,
    status,
    unchanged,
)

_CSS = """
:root { color-scheme: light; --fg:#1f2328; --muted:#656d76; --line:#d0d7de; --bg:#f6f8fa;
  --red:#b42318; --redbg:#fef3f2; --green:#067647; --greenbg:#ecfdf3; --amber:#b54708; --amberbg:#fffaeb; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 72rem; padding: 1.5rem; color: var(--fg); line-height: 1.7;
  font-family: "PingFang SC", "Hiragino Sans GB", "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei",
  "WenQuanYi Micro Hei", system-ui, sans-serif; }
h1 { font-size: 1.5rem; margin: 0 0 .5rem; } h2 { font-size: 1.2rem; margin: 2rem 0 .5rem;
  border-bottom: 1px solid var(--line); padding-bottom: .25rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0; font-size: .95rem; }
th, td { border: 1px solid var(--line); padding: .35rem .5rem; vertical-align: top; text-align: left; }
th { background: var(--bg); white-space: nowrap; }
.overview { background: var(--bg); padding: .75rem 1rem; border-radius: 6px; }
.warn { background: var(--amberbg); color: var(--amber); padding: .5rem 1rem; border-radius: 6px; }
.badge { display: inline-block; padding: 0 .4rem; border-radius: 4px; font-size: .85rem; white-space: nowrap;
  border: 1px solid var(--line); background: var(--bg); }
.recurring { color: var(--red); background: var(--redbg); border-color: var(--red); }
.flag { color: #fff; background: var(--red); border-color: var(--red); }
.closed { color: var(--green); background: var(--greenbg); border-color: var(--green); }
.open, .overdue { color: var(--amber); background: var(--amberbg); border-color: var(--amber); }
.ref, .muted { color: var(--muted); font-size: .85rem; }
details { margin: .25rem 0; } summary { cursor: pointer; color: var(--muted); font-size: .9rem; }
blockquote { margin: .25rem 0; padding: .25rem .75rem; border-left: 3px solid var(--line); background: var(--bg);
  white-space: pre-wrap; word-break: break-all; }
.changed { font-weight: 600; }
ul.measures { margin: .25rem 0; padding-left: 1.2rem; }
.sides { margin: 0; }
.dropped { color: var(--red); background: var(--redbg); border-color: var(--red); }
.new { color: var(--green); background: var(--greenbg); border-color: var(--green); }
details.fold > summary { color: var(--fg); font-size: 1rem; }
"""


def _e(text: object) -> str:
    return escape("" if text is None else str(text), quote=True)


def _badge(text: str, cls: str = "") -> str:
    return f'<span class="badge {cls}">{_e(text)}</span>'


def _th(*keys: str) -> str:
    return "<tr>" + "".join(f"<th>{_e(say(k))}</th>" for k in keys) + "</tr>"


def _quote(ev: Evidence, old: bool) -> str:
    verified = "" if ev.verified else say("diff.unverified")
    label = say("diff.quote", side=side(old), start=ev.start, end=ev.end) + verified
    return f"<details><summary>{_e(label)}</summary><blockquote>{_e(ev.quote)}</blockquote></details>"


def _problem_cell(ref: ProblemRef, old: bool) -> str:
    return (
        f'<span class="ref">{_e(ref.path)}</span> {_e(problem_label(ref))} {_badge(status(ref.status))}'
        f'<div class="muted">{_e(ref.area or "")}</div>{_quote(ref.evidence, old)}'
    )


def _measure(m: MeasureDiff) -> str:
    ref = m.new or m.old
    assert ref
    label = measure_state(m.state) + (f" {score(m.score)}" if m.score is not None else "")
    return f"<li>{_badge(label)} {_e(ref.text)} {_badge(status(ref.status))}</li>"


def _pair_row(p: ProblemDiff) -> str:
    assert p.old and p.new and p.score is not None
    flag = f"<br>{_badge(say('diff.done_before'), 'flag')}" if p.reported_done_before else ""
    parts = ""
    if p.parts:
        bits = [say("diff.parts.name", value=score(p.parts.name))]
        if p.parts.body is not None:
            bits.append(say("diff.parts.body", value=score(p.parts.body)))
        if p.parts.context is not None:
            bits.append(say("diff.parts.context", value=score(p.parts.context)))
        parts = f'<div class="muted">{_e(" · ".join(bits))}</div>'
    what = f'<div class="changed">{_e(changes_line(p))}</div>' if p.changes else ""
    measures = ""
    if p.measures:
        items = "".join(_measure(m) for m in p.measures)
        measures = (
            f'<details><summary>{_e(measures_line(p))}</summary><ul class="measures">{items}</ul></details>'
        )
    return (
        f"<tr><td>{_badge(score(p.score), 'recurring')}{flag}{parts}</td>"
        f"<td>{_problem_cell(p.old, True)}</td><td>{_problem_cell(p.new, False)}{what}{measures}</td></tr>"
    )


def _pairs_table(pairs: list[ProblemDiff]) -> str:
    rows = "".join(_pair_row(p) for p in pairs)
    return f"<table>{_th('diff.col.score', 'diff.old', 'diff.new')}{rows}</table>"


def _problems(result: DiffResult) -> list[str]:
    """Changes first: dropped, new, changed; the unchanged recurring ones folded behind one count."""
    body: list[str] = []
    for state, cls in ((ProblemState.dropped, "dropped"), (ProblemState.new, "new")):
        group = by_state(result, state)
        body.append(f'<section id="{cls}"><h2>{_e(say(f"diff.h.{state.value}", n=len(group)))}</h2>')
        if group:
            items = "".join(
                f'<li class="problem {cls}">{_problem_cell(ref, state == ProblemState.dropped)}</li>'
                for p in group
                if (ref := p.old or p.new)
            )
            body.append(f"<ul>{items}</ul>")
        body.append("</section>")
    group = changed(result)
    body.append(f'<section id="changed"><h2>{_e(say("diff.h.changed", n=len(group)))}</h2>')
    if group:
        body.append(_pairs_table(group))
    body.append("</section>")

    shifted = deadline_changes(result)
    if shifted:
        body.append(f'<section id="deadlines"><h2>{_e(say("diff.h.deadlines", n=len(shifted)))}</h2><table>')
        body.append(_th("diff.col.item", "diff.old", "diff.new", "diff.col.shift"))
        for o in shifted:
            c = o.deadline_change
            assert c
            new_quote = _quote(c.new_evidence, False) if c.new_evidence else ""
            old_quote = _quote(o.deadline_evidence, True) if o.deadline_evidence else ""
            body.append(
                f"<tr><td>{_e(o.item)}</td><td>{_e(c.old or '—')}{old_quote}</td>"
                f"<td>{_e(c.new or '—')}{new_quote}</td>"
                f"<td>{_badge(deadline_line(c), 'open')}</td></tr>"
            )
        body.append("</table></section>")

    same = unchanged(result)
    if same:
        body.append(f'<section id="unchanged"><h2>{_e(say("diff.h.unchanged", n=len(same)))}</h2>')
        body.append(
            f'<details class="fold"><summary>{_e(fold_line(result) + say("diff.fold.open"))}</summary>'
            f"{_pairs_table(same)}</details></section>"
        )
    return body


def to_html(result: DiffResult) -> str:
    body: list[str] = [f"<h1>{_e(heading(result))}</h1>"]
    for old, meta, src in ((True, result.old, result.old_source), (False, result.new, result.new_source)):
        date = meta.published_date or meta.page_date or say("diff.date_unknown")
        body.append(
            f'<p class="muted sides">{_e(side(old))}：{_e(date)} · {_e(meta.inspector or "")} · '
            f"{_e(src.path or '<stdin>')} · sha256 {_e(src.sha256[:12])}… · {_e(src.engine)}</p>"
        )
    body.append(f'<p class="overview">{"<br>".join(_e(part) for part in overview_parts(result))}</p>')
    # The code is for scripts (and the page's styles), not for the reader: it is an attribute.
    for w in result.warnings:
        body.append(f'<p class="warn" data-code="{_e(w.code)}">⚠ {_e(w.message)}</p>')
    body += _problems(result)

    if result.outstanding:
        body.append(f"<h2>{_e(say('diff.h.outstanding', n=len(result.outstanding)))}</h2><table>")
        body.append(_th("diff.col.item", "diff.col.deadline", "diff.col.state", "diff.col.in_new"))
        for o in outstanding_in_order(result):
            cls = {OutstandingState.closed: "closed", OutstandingState.open: "open"}.get(o.state, "")
            overdue = f" {_badge(say('diff.overdue'), 'overdue')}" if o.overdue else ""
            where = _quote(o.new.evidence, False) if o.new else ""
            body.append(
                f"<tr><td>{_e(o.item)}{_quote(o.evidence, True)}</td><td>{_e(o.deadline or '—')}</td>"
                f"<td>{_badge(outstanding_state(o.state), cls)}{overdue}</td>"
                f"<td>{_e(outstanding_note(o))}{where}</td></tr>"
            )
        body.append("</table>")

    if result.figures:
        moved = sum(f.change != 0 for f in result.figures)
        body.append(f"<h2>{_e(say('diff.h.figures', changed=moved, total=len(result.figures)))}</h2><table>")
        body.append(_th("diff.col.figure", "diff.old", "diff.new", "diff.col.change"))
        for f in result.figures:
            cls = "changed" if f.change else "muted"
            body.append(
                f'<tr class="{cls}"><td>{_e(f.label)}</td><td>{_e(f.old.text)}{_quote(f.old.evidence, True)}</td>'
                f"<td>{_e(f.new.text)}{_quote(f.new.evidence, False)}</td><td>{_e(figure_change(f))}</td></tr>"
            )
        body.append("</table>")
    if result.counts:
        body.append(f"<h2>{_e(say('diff.h.counts'))}</h2><table>")
        body.append(_th("diff.col.count", "diff.old", "diff.new", "diff.col.change"))
        body += [
            f"<tr><td>{_e(count_label(c))}</td><td>{_e(count_value(c.old))}</td><td>{_e(count_value(c.new))}</td>"
            f"<td>{_e(count_value(c.change))}</td></tr>"
            for c in result.counts
        ]
        body.append("</table>")
    rows = "".join(
        f"<tr><th>{_e(field_label(m.field))}</th><td>{_e(m.old or '—')}</td>"
        f'<td class="{"" if m.same else "changed"}">{_e(m.new or "—")}</td></tr>'
        for m in result.meta
        if m.old or m.new
    )
    body.append(
        f"<h2>{_e(say('diff.h.meta'))}</h2><table>{_th('diff.col.field', 'diff.old', 'diff.new')}{rows}</table>"
    )
    footer = say(
        "diff.footer",
        threshold=f"{result.pairing_threshold:g}",
        old=result.old_source.sha256[:12],
        new=result.new_source.sha256[:12],
    )
    body.append(f'<p class="muted">{_e(footer)}</p>')
    lang = "en" if current() == "en" else "zh-CN"
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(heading(result))}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )
