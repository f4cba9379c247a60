"""A self-contained HTML page of a DiffResult: one file, no scripts, no network, every report string escaped.

The reports are untrusted text, so everything that comes from them goes through `_e` (html.escape with
quotes), and a Content-Security-Policy forbids scripts and remote loads even if an escape were missed.
"""

from __future__ import annotations

from html import escape

from ..models import Evidence
from ..render import META_ZH, STATUS_ZH
from .models import (
    DiffResult,
    MeasureDiff,
    MeasureState,
    OutstandingState,
    ProblemDiff,
    ProblemRef,
    ProblemState,
)
from .wording import (
    OUTSTANDING_ZH,
    STATE_ZH,
    by_state,
    count_label,
    count_value,
    figure_change,
    heading,
    measures_line,
    outstanding_note,
    overview,
    problem_label,
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
"""


def _e(text: object) -> str:
    return escape("" if text is None else str(text), quote=True)


def _badge(text: str, cls: str = "") -> str:
    return f'<span class="badge {cls}">{_e(text)}</span>'


def _quote(ev: Evidence, side: str) -> str:
    verified = "" if ev.verified else "，未核验"
    return (
        f"<details><summary>{_e(side)}原文 [{ev.start}–{ev.end}]{_e(verified)}</summary>"
        f"<blockquote>{_e(ev.quote)}</blockquote></details>"
    )


def _problem_cell(ref: ProblemRef, side: str) -> str:
    return (
        f'<span class="ref">{_e(ref.path)}</span> {_e(problem_label(ref))} {_badge(STATUS_ZH[ref.status])}'
        f'<div class="muted">{_e(ref.area or "")}</div>{_quote(ref.evidence, side)}'
    )


def _measure(m: MeasureDiff) -> str:
    ref = m.new or m.old
    assert ref
    label = {MeasureState.kept: "保留", MeasureState.new: "新增", MeasureState.dropped: "不再提及"}[m.state]
    score = f" {m.score:.2f}" if m.score is not None else ""
    return f"<li>{_badge(label + score)} {_e(ref.text)} {_badge(STATUS_ZH[ref.status])}</li>"


def _recurring_row(p: ProblemDiff) -> str:
    assert p.old and p.new and p.score is not None
    flag = f"<br>{_badge('上轮已报整改完成', 'flag')}" if p.reported_done_before else ""
    parts = ""
    if p.parts:
        bits = [f"名称 {p.parts.name:.2f}"]
        if p.parts.body is not None:
            bits.append(f"措施 {p.parts.body:.2f}")
        if p.parts.context is not None:
            bits.append(f"方面 {p.parts.context:.2f}")
        parts = f'<div class="muted">{_e(" · ".join(bits))}</div>'
    measures = ""
    if p.measures:
        items = "".join(_measure(m) for m in p.measures)
        measures = (
            f'<details><summary>{_e(measures_line(p))}</summary><ul class="measures">{items}</ul></details>'
        )
    return (
        f"<tr><td>{_badge(f'{p.score:.2f}', 'recurring')}{flag}{parts}</td>"
        f"<td>{_problem_cell(p.old, '旧')}</td><td>{_problem_cell(p.new, '新')}{measures}</td></tr>"
    )


def to_html(result: DiffResult) -> str:
    body: list[str] = [f"<h1>{_e(heading(result))}</h1>", f'<p class="overview">{_e(overview(result))}</p>']
    for w in result.warnings:
        body.append(f'<p class="warn">⚠ <code>{_e(w.code)}</code> {_e(w.message)}</p>')

    rows = "".join(
        f"<tr><th>{_e(META_ZH.get(m.field, m.field))}</th><td>{_e(m.old or '—')}</td>"
        f'<td class="{"" if m.same else "changed"}">{_e(m.new or "—")}</td></tr>'
        for m in result.meta
        if m.old or m.new
    )
    body += ["<h2>基本信息</h2>", f"<table><tr><th>字段</th><th>旧</th><th>新</th></tr>{rows}</table>"]
    for label, src in (("旧", result.old_source), ("新", result.new_source)):
        body.append(
            f'<p class="muted">{_e(label)}：{_e(src.path or "<stdin>")} · sha256 {_e(src.sha256[:12])}… · {_e(src.engine)}</p>'
        )

    recurring = by_state(result, ProblemState.recurring)
    body.append(f"<h2>‼ 再次出现的问题（{len(recurring)}）</h2>")
    if recurring:
        body.append("<table><tr><th>相似度</th><th>旧</th><th>新</th></tr>")
        body += [_recurring_row(p) for p in recurring]
        body.append("</table>")
    for state in (ProblemState.new, ProblemState.dropped):
        group = by_state(result, state)
        side = "新" if state == ProblemState.new else "旧"
        body.append(f"<h2>{_e(STATE_ZH[state])}的问题（{len(group)}）</h2><ul>")
        for p in group:
            ref = p.new or p.old
            assert ref
            body.append(f"<li>{_problem_cell(ref, side)}</li>")
        body.append("</ul>")

    if result.outstanding:
        body.append("<h2>尚需整改事项（旧通报所列）</h2><table>")
        body.append("<tr><th>事项</th><th>完成时限</th><th>状态</th><th>新通报中</th></tr>")
        for o in result.outstanding:
            cls = {OutstandingState.closed: "closed", OutstandingState.open: "open"}.get(o.state, "")
            overdue = f" {_badge('逾期', 'overdue')}" if o.overdue else ""
            where = _quote(o.new.evidence, "新") if o.new else ""
            body.append(
                f"<tr><td>{_e(o.item)}{_quote(o.evidence, '旧')}</td><td>{_e(o.deadline or '—')}</td>"
                f"<td>{_badge(OUTSTANDING_ZH[o.state], cls)}{overdue}</td><td>{_e(outstanding_note(o))}{where}</td></tr>"
            )
        body.append("</table>")

    if result.figures:
        body.append("<h2>数据对比</h2><table><tr><th>数据</th><th>旧</th><th>新</th><th>变化</th></tr>")
        for f in result.figures:
            cls = "changed" if f.change else "muted"
            body.append(
                f'<tr class="{cls}"><td>{_e(f.label)}</td><td>{_e(f.old.text)}{_quote(f.old.evidence, "旧")}</td>'
                f"<td>{_e(f.new.text)}{_quote(f.new.evidence, '新')}</td><td>{_e(figure_change(f))}</td></tr>"
            )
        body.append("</table>")
    if result.counts:
        body.append("<h2>数字对比</h2><table><tr><th>项目</th><th>旧</th><th>新</th><th>变化</th></tr>")
        body += [
            f"<tr><td>{_e(count_label(c))}</td><td>{_e(count_value(c.old))}</td><td>{_e(count_value(c.new))}</td>"
            f"<td>{_e(count_value(c.change))}</td></tr>"
            for c in result.counts
        ]
        body.append("</table>")
    body.append(f'<p class="muted">阈值 {result.options.threshold:g}；偏移为各自源文本的字符位置。</p>')
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(heading(result))}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )
