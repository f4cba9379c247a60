"""One self-contained HTML page: the summary beside the source text, each item linked to its evidence.

Everything that comes from the report is escaped, and a Content-Security-Policy that allows only this
page's own style and script (by hash) means a report that slips markup past the escaping still cannot
run anything or load anything: the page works offline and never touches the network.

The source is cut into segments at every evidence boundary in Python, so highlighting needs no offset
arithmetic in JavaScript (whose strings count UTF-16 units, not the characters Python counts).
"""

from __future__ import annotations

import base64
import hashlib
from datetime import date
from html import escape

from .. import __version__
from ..deadlines import overdue
from ..i18n import current, say
from ..models import Evidence, Figure, Measure, ReportSummary, Status, TextItem
from . import (
    ViewOptions,
    display_title,
    figure_text,
    found_label,
    measure_deadline,
    meta_labels,
    meta_lists,
    stated_label,
    status_label,
    statuses,
)

_FOUND = ("areas", "items", "problems", "measures", "done", "in_progress", "outstanding")
_STATUS_CLASS = {
    Status.done: "done",
    Status.in_progress: "prog",
    Status.long_term: "long",
    Status.unknown: "unk",
}

# Debian's fonts-noto-cjk installs "Noto Sans/Serif CJK SC"; the rest cover macOS, Windows and others.
_SANS = (
    '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", "Hiragino Sans GB", '
    '"Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif'
)
_SERIF = '"Noto Serif CJK SC", "Noto Serif SC", "Source Han Serif SC", "Songti SC", "SimSun", serif'

_CSS = f"""
:root {{ color-scheme: light dark; --fg: #1f2328; --muted: #59636e; --bg: #fff; --panel: #f6f8fa;
  --line: #d1d9e0; --accent: #0969da; --hl: #ffd33d; --cov: #ddf4ff; --active: #fff8c5;
  --done: #1a7f37; --prog: #9a6700; --long: #0550ae; --unk: #6e7781; --warn: #bc4c00; }}
@media (prefers-color-scheme: dark) {{
  :root {{ --fg: #e6edf3; --muted: #9198a1; --bg: #0d1117; --panel: #151b23; --line: #3d444d;
    --accent: #4493f8; --hl: #9e6a03; --cov: #16233a; --active: #3b2e00; --done: #3fb950; --prog: #d29922;
    --long: #58a6ff; --unk: #9198a1; --warn: #f0883e; }}
}}
* {{ box-sizing: border-box; }}
html {{ font-family: {_SANS}; font-size: 15px; line-height: 1.6; color: var(--fg); background: var(--bg); }}
body {{ margin: 0; height: 100vh; display: flex; flex-direction: column; }}
header.bar {{ padding: .5rem 1rem; border-bottom: 1px solid var(--line); background: var(--panel);
  display: flex; gap: 1rem; align-items: baseline; flex-wrap: wrap; }}
header.bar h1 {{ font-size: 1.15rem; margin: 0; }}
header.bar .legend {{ margin-left: auto; color: var(--muted); font-size: .85rem; }}
.layout {{ flex: 1; min-height: 0; display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); }}
.summary, .source {{ overflow: auto; min-height: 0; }}
.summary {{ padding: 0 1rem 3rem; border-right: 1px solid var(--line); }}
.summary h2 {{ font-size: 1.05rem; margin: 1.4rem 0 .5rem; padding-bottom: .2rem; border-bottom: 1px solid var(--line); }}
.source-head {{ position: sticky; top: 0; background: var(--panel); border-bottom: 1px solid var(--line);
  padding: .45rem 1rem; font-size: .85rem; color: var(--muted); display: flex; gap: 1rem; z-index: 1; }}
#src-status.warn {{ color: var(--warn); font-weight: 600; }}
#src {{ font-family: {_SERIF}; white-space: pre-wrap; overflow-wrap: anywhere; line-height: 1.95;
  padding: 1rem 1.25rem 50vh; margin: 0; font-size: 1rem; }}
#src .c {{ background: var(--cov); border-radius: 2px; cursor: pointer; }}
#src .hl {{ background: var(--hl); outline: 2px solid var(--hl); animation: flash 1.2s ease-out 1; }}
@keyframes flash {{ from {{ outline-width: 5px; }} to {{ outline-width: 2px; }} }}
dl.meta {{ display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: .75rem 0; }}
dl.meta dt {{ color: var(--muted); }}
dl.meta dd {{ margin: 0; }}
.note {{ color: var(--muted); font-size: .85rem; }}
.stats {{ display: flex; flex-wrap: wrap; gap: .5rem; margin: .5rem 0; padding: 0; list-style: none; }}
.stats li {{ border: 1px solid var(--line); border-radius: 6px; padding: .25rem .7rem; text-align: center; min-width: 4.5rem; }}
.stats b {{ display: block; font-size: 1.3rem; }}
.stats span {{ color: var(--muted); font-size: .8rem; }}
.stated {{ font-size: .9rem; }}
a.ev {{ color: inherit; text-decoration: none; border-bottom: 1px dotted var(--accent); cursor: pointer; }}
a.ev:hover, a.ev:focus-visible {{ color: var(--accent); outline: none; }}
a.ev.active {{ background: var(--active); box-shadow: 0 0 0 2px var(--hl); border-radius: 2px; }}
a.ev.unv {{ border-bottom: 1px dashed var(--warn); }}
.badge {{ display: inline-block; font-size: .75rem; line-height: 1.35; padding: 0 .4rem; margin: 0 .25rem;
  border-radius: 1rem; border: 1px solid currentColor; white-space: nowrap; vertical-align: .08em; }}
.s-done {{ color: var(--done); }} .s-prog {{ color: var(--prog); }} .s-long {{ color: var(--long); }}
.s-unk {{ color: var(--unk); }} .s-unv {{ color: var(--warn); font-weight: 600; }}
.s-late {{ color: var(--warn); font-weight: 600; }}
p.overview {{ font-size: 1rem; margin: .75rem 0; }}
details.area {{ margin: .6rem 0; }}
details.area > summary {{ font-weight: 600; cursor: pointer; }}
details.area > summary .count {{ color: var(--muted); font-weight: normal; font-size: .85rem; }}
ol.items {{ padding-left: 1.6rem; margin: .3rem 0; }}
li.item {{ margin: .55rem 0; }}
li.item > .title {{ font-weight: 600; }}
ol.problems {{ padding-left: 1.4rem; margin: .25rem 0; list-style: lower-roman; }}
li.subproblem {{ margin: .3rem 0; }}
.named {{ color: var(--muted); font-size: .9rem; }}
ul.measures {{ list-style: none; padding-left: .2rem; margin: .2rem 0; font-size: .9rem; }}
ul.measures li {{ margin: .2rem 0; display: flex; align-items: baseline; gap: .25rem; }}
ul.measures li::before {{ content: "–"; color: var(--muted); flex: none; }}
ul.measures .badge {{ flex: none; margin: 0; }}
ul.measures .text {{ display: -webkit-box; -webkit-line-clamp: 3; -webkit-box-orient: vertical; overflow: hidden; }}
ul.measures li:hover .text, ul.measures a.active .text, .full ul.measures .text {{ -webkit-line-clamp: unset; }}
.figures {{ display: flex; flex-wrap: wrap; gap: .3rem; margin: .2rem 0; font-size: .82rem; }}
.figures a {{ border: 1px solid var(--line); border-radius: 4px; padding: 0 .35rem; }}
table {{ border-collapse: collapse; width: 100%; font-size: .9rem; }}
th, td {{ border: 1px solid var(--line); padding: .25rem .45rem; text-align: left; vertical-align: top; }}
th {{ background: var(--panel); font-weight: 600; }}
ul.warnings {{ list-style: none; padding: 0; }}
ul.warnings li {{ color: var(--warn); margin: .2rem 0; }}
ul.warnings code {{ font-size: .8rem; color: var(--muted); }}
footer.engine {{ margin-top: 2rem; color: var(--muted); font-size: .8rem; overflow-wrap: anywhere; }}
@media (max-width: 900px) {{
  body {{ height: auto; }}
  .layout {{ display: block; }}
  .summary {{ border-right: 0; }}
  .source {{ position: sticky; bottom: 0; max-height: 45vh; border-top: 2px solid var(--line); background: var(--bg); }}
}}
@media print {{
  body {{ height: auto; }} .layout {{ display: block; }} .summary, .source {{ overflow: visible; }}
  #src {{ padding-bottom: 1rem; }} #src .c {{ background: none; }}
}}
"""

_JS = """
(() => {
  "use strict";
  const segs = Array.from(document.querySelectorAll("#src span[data-o]"));
  const offs = segs.map((s) => Number(s.dataset.o));
  const links = Array.from(document.querySelectorAll("a.ev"));
  const status = document.getElementById("src-status");
  let lit = [];
  let active = null;

  function clear() {
    lit.forEach((s) => s.classList.remove("hl"));
    lit = [];
    if (active) active.classList.remove("active");
  }

  function reveal(el) {
    const d = el.closest("details");
    if (d && !d.open) d.open = true;
  }

  function show(link) {
    clear();
    active = link;
    link.classList.add("active");
    reveal(link);
    if (link.dataset.unverified) {
      status.textContent = status.dataset.unverified + (link.dataset.quote || "");
      status.className = "warn";
      return;
    }
    const s = Number(link.dataset.s);
    const e = Number(link.dataset.e);
    let lo = 0;
    let hi = offs.length;
    while (lo < hi) {
      const m = (lo + hi) >> 1;
      if (offs[m] < s) lo = m + 1; else hi = m;
    }
    for (let i = lo; i < segs.length && offs[i] < e; i++) {
      segs[i].classList.add("hl");
      lit.push(segs[i]);
    }
    if (lit.length) lit[0].scrollIntoView({ block: "center" });
    status.textContent = status.dataset.at.replace("{start}", s).replace("{end}", e);
    status.className = "";
  }

  // A covered stretch of the source leads back to the narrowest item quoting it.
  function fromSource(seg) {
    const o = Number(seg.dataset.o);
    let best = null;
    for (const l of links) {
      if (l.dataset.unverified) continue;
      const s = Number(l.dataset.s);
      const e = Number(l.dataset.e);
      if (s <= o && o < e && (!best || e - s < best[1])) best = [l, e - s];
    }
    if (!best) return;
    reveal(best[0]);
    best[0].scrollIntoView({ block: "center" });
    show(best[0]);
  }

  document.addEventListener("click", (ev) => {
    const link = ev.target.closest("a.ev");
    if (link) {
      ev.preventDefault();
      show(link);
      history.replaceState(null, "", "#" + link.id);
      return;
    }
    const seg = ev.target.closest("#src span.c");
    if (seg) fromSource(seg);
  });

  if (location.hash) {
    const target = document.getElementById(location.hash.slice(1));
    if (target && target.matches("a.ev")) {
      target.scrollIntoView({ block: "center" });
      show(target);
    }
  }
})();
"""


def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


_CSP = (
    f"default-src 'none'; style-src '{_sha256(_CSS)}'; script-src '{_sha256(_JS)}'; "
    "img-src 'none'; base-uri 'none'; form-action 'none'"
)


def _e(text: object) -> str:
    return escape(str(text), quote=True)


class _Page:
    """Collects the evidence spans the summary links to while the summary is written."""

    def __init__(self, source_len: int) -> None:
        self.source_len = source_len
        self.spans: list[tuple[int, int]] = []
        self.count = 0
        self.unverified = 0

    def link(self, ev: Evidence | None, inner: str, cls: str = "") -> str:
        """`inner` is HTML already escaped by the caller."""
        if ev is None:
            return f'<span class="{cls}">{inner}</span>' if cls else inner
        self.count += 1
        ident = f"ev{self.count}"
        if ev.verified and 0 <= ev.start < ev.end <= self.source_len:
            self.spans.append((ev.start, ev.end))
            return (
                f'<a class="ev {cls}" id="{ident}" href="#o{ev.start}" data-s="{ev.start}" data-e="{ev.end}">'
                f"{inner}</a>"
            )
        # Shown, never hidden: the reader must see that this item could not be checked against the text.
        self.unverified += 1
        quote = ev.quote if len(ev.quote) <= 300 else ev.quote[:300] + "…"
        return (
            f'<a class="ev unv {cls}" id="{ident}" href="#{ident}" data-unverified="1" data-quote="{_e(quote)}" '
            f'title="{_e(say("view.unverified_quote", quote=quote))}">{inner}'
            f'<span class="badge s-unv">{_e(say("view.unverified"))}</span></a>'
        )


def _badge(status: Status) -> str:
    return f'<span class="badge s-{_STATUS_CLASS[status]}">{_e(status_label(status))}</span>'


def _measures(page: _Page, measures: list[Measure], as_of: date | None = None) -> str:
    if not measures:
        return ""
    rows = []
    for m in measures:
        text = '<span class="text">' + _e(m.text) + "</span>"
        # Most measures state no status of their own; a badge on each would only be noise.
        badge = _badge(m.status) if m.status is not Status.unknown else ""
        due = _e(measure_deadline(m, as_of))
        late = ' class="overdue"' if overdue(m.deadline, m.status, as_of) else ""
        rows.append(f"<li{late}>{badge}{page.link(m.evidence, text, 'measure')}{due}</li>")
    return f'<ul class="measures">{"".join(rows)}</ul>'


def _figures(page: _Page, figures: list[Figure]) -> str:
    if not figures:
        return ""
    chips = [
        page.link(f.evidence, f"{_e(f.label)} <b>{_e(figure_text('', f.text, f.direction).strip())}</b>")
        for f in figures
    ]
    return f'<div class="figures">{"".join(chips)}</div>'


def _named(title: str, named: str | None) -> str:
    if not named or named in title:
        return ""
    return f'<div class="named">{_e(say("view.problem", text=named))}</div>'


def _areas(page: _Page, summary: ReportSummary, as_of: date | None = None) -> list[str]:
    out = [f'<section id="areas"><h2>{_e(say("view.h.areas"))}</h2>']
    if not summary.areas:
        out.append(f'<p class="note">{_e(say("view.no_areas"))}</p>')
    for n, area in enumerate(summary.areas, 1):
        title = page.link(area.evidence, _e(area.title or say("view.untitled_area")))
        count = f'<span class="count">{_e(say("view.area_items", n=len(area.items)))}</span>'
        out.append(f'<details class="area" open><summary>{n}. {title} {count}</summary><ol class="items">')
        for item in area.items:
            # An item with no sub-problems is itself one problem; otherwise each sub-problem is one.
            cls = "item" if item.problems else "item problem"
            out.append(
                f'<li class="{cls}">{_badge(item.status)}{page.link(item.evidence, _e(item.title), "title")}'
            )
            out.append(_named(item.title, item.named_problem))
            out.append(_figures(page, item.figures))
            if item.problems:
                out.append('<ol class="problems">')
                for p in item.problems:
                    label = _e(p.named_problem or p.title)
                    out.append(
                        f'<li class="subproblem problem">{_badge(p.status)}{page.link(p.evidence, label)}'
                    )
                    out.append(_figures(page, p.figures))
                    out.append(_measures(page, p.measures, as_of) + "</li>")
                out.append("</ol>")
            out.append(_measures(page, item.measures, as_of) + "</li>")
        out.append("</ol>")
        out.append(_measures(page, area.measures, as_of))
        out.append("</details>")
    out.append("</section>")
    return out


def _text_items(page: _Page, ident: str, heading: str, items: list[TextItem]) -> list[str]:
    if not items:
        return []
    rows = [f"<li>{page.link(t.evidence, _e(t.title or t.text))}</li>" for t in items]
    return [f'<section id="{ident}"><h2>{heading}</h2><ol>{"".join(rows)}</ol></section>']


def _meta(page: _Page, summary: ReportSummary) -> list[str]:
    m = summary.meta
    rows = []
    for key, label in meta_labels():
        value = getattr(m, key)
        if not value or key == "title":  # the title is the page's heading
            continue
        note = f'<span class="note">{_e(say("view.meta.inferred"))}</span>' if key in m.dates_inferred else ""
        rows.append(f"<dt>{_e(label)}</dt><dd>{page.link(m.evidence.get(key), _e(value))}{note}</dd>")
    for label, values in meta_lists(m):
        rows.append(f"<dt>{_e(label)}</dt><dd>{_e(say('view.sep').join(values))}</dd>")
    return [f'<dl class="meta">{"".join(rows)}</dl>'] if rows else []


def _counts(page: _Page, summary: ReportSummary) -> list[str]:
    found = summary.found_counts
    cards = [
        f'<li data-count="{key}"><b>{int(found.get(key, 0))}</b><span>{_e(found_label(key))}</span></li>'
        for key in _FOUND
    ]
    out = [f'<section id="counts"><h2>{_e(say("view.h.counts"))}</h2><ul class="stats">{"".join(cards)}</ul>']
    if summary.stated_counts:
        parts = []
        for key, c in summary.stated_counts.items():
            parts.append(f"{_e(stated_label(key))} {page.link(c.evidence, _e(c.text + (c.unit or '')))}")
        said = _e(say("view.list_sep")).join(parts)
        out.append(
            f'<p class="stated" data-stated="1">{_e(say("view.counts.stated_label") + say("view.colon"))}{said}</p>'
        )
    out.append("</section>")
    return out


def _warnings(page: _Page, summary: ReportSummary) -> list[str]:
    if not summary.warnings:
        return []
    # The code is for scripts and for a reader who reports a problem: a data attribute and a tooltip.
    rows = [
        f'<li data-code="{_e(w.code)}" title="{_e(say("view.html.warning_code", code=w.code))}">'
        f"⚠ {page.link(w.evidence, _e(w.message))}</li>"
        for w in summary.warnings
    ]
    heading = _e(say("view.h.warnings"))
    return [f'<section id="warnings"><h2>{heading}</h2><ul class="warnings">{"".join(rows)}</ul></section>']


def _outstanding(page: _Page, summary: ReportSummary, options: ViewOptions) -> list[str]:
    if not summary.outstanding:
        return []
    rows = []
    for o in summary.outstanding:
        deadline = page.link(o.deadline_evidence, _e(o.deadline)) if o.deadline else "—"
        late = overdue(o.deadline, o.status, options.as_of)
        mark = f'<span class="badge s-late overdue">{_e(say("view.overdue"))}</span>' if late else ""
        rows.append(
            f"<tr><td>{page.link(o.evidence, _e(o.item))}</td><td>{deadline}</td><td>{_badge(o.status)}{mark}</td></tr>"
        )
    head = "".join(
        f"<th>{_e(say(k))}</th>" for k in ("view.col.item", "view.col.deadline", "view.col.status")
    )
    as_of = f'<p class="note" id="as-of">{_e(say("view.as_of", date=options.as_of.isoformat()))}</p>'
    return [
        f'<section id="outstanding"><h2>{_e(say("view.h.outstanding"))}</h2>{as_of}'
        f"<table><tr>{head}</tr>{''.join(rows)}</table></section>"
    ]


def _discipline(page: _Page, summary: ReportSummary) -> list[str]:
    d = summary.discipline
    if d.people is None and not d.counts and not d.evidence:
        return []
    out = [f'<section id="discipline"><h2>{_e(say("view.h.discipline"))}</h2>']
    if d.people is not None:
        out.append(f"<p>{_e(say('view.people_total', n=int(d.people)))}</p>")
    if d.counts:
        rows = "".join(f"<tr><td>{_e(k)}</td><td>{int(v)}</td></tr>" for k, v in d.counts.items())
        head = f"<tr><th>{_e(say('view.col.kind'))}</th><th>{_e(say('view.col.people'))}</th></tr>"
        out.append(f"<table>{head}{rows}</table>")
    if d.evidence:
        refs = " ".join(page.link(ev, f"[{i}]") for i, ev in enumerate(d.evidence, 1))
        out.append(f'<p class="note">{say("view.sources", refs=refs)}</p>')
    out.append("</section>")
    return out


def _contact(page: _Page, summary: ReportSummary) -> list[str]:
    c = summary.contact
    if c is None:
        return []
    phone, email, address = (_e(say(k)) for k in ("view.phone", "view.email", "view.address"))
    rows = [f"<dt>{phone}</dt><dd>{_e(p)}</dd>" for p in c.phone] + [
        f"<dt>{email}</dt><dd>{_e(e)}</dd>" for e in c.email
    ]
    if c.address:
        rows.append(f"<dt>{address}</dt><dd>{_e(c.address)}</dd>")
    body = f'<dl class="meta">{"".join(rows)}</dl>' if rows else f"<p>{_e(c.text)}</p>"
    heading = page.link(c.evidence, _e(say("view.h.contact")))
    return [f'<section id="contact"><h2>{heading}</h2>{body}</section>']


def _source(text: str, spans: list[tuple[int, int]]) -> str:
    """The source cut at every evidence boundary; covered stretches become addressable spans."""
    bounds = sorted({0, len(text), *(s for s, _ in spans), *(e for _, e in spans)})
    index = {b: i for i, b in enumerate(bounds)}
    delta = [0] * len(bounds)
    for s, e in spans:
        delta[index[s]] += 1
        delta[index[e]] -= 1
    out = []
    depth = 0
    for i in range(len(bounds) - 1):
        depth += delta[i]
        a, b = bounds[i], bounds[i + 1]
        piece = _e(text[a:b])
        out.append(f'<span class="c" id="o{a}" data-o="{a}">{piece}</span>' if depth > 0 else piece)
    return "".join(out)


def _overview(page: _Page, summary: ReportSummary) -> list[str]:
    """The overview first, each sentence leading to where its facts are stated, then the statuses."""
    if summary.overview is not None:
        sentences = [
            page.link(s.evidence[0] if s.evidence else None, _e(s.text), "sentence")
            for s in summary.overview.sentences
        ]
        joiner = " " if current() == "en" else ""  # Chinese sentences follow on with no space
        text = joiner.join(sentences) if sentences else _e(summary.overview.text)
    else:
        text = ""
    cards = [
        f'<li data-status="{s.value}"><b>{n}</b><span class="s-{_STATUS_CLASS[s]}">{_e(status_label(s))}</span></li>'
        for s, n in statuses(summary)
    ]
    heading, tally = _e(say("view.h.overview")), _e(say("view.h.statuses"))
    return [
        f'<section id="overview"><h2>{heading}</h2><p class="overview">{text}</p>'
        f'<h2>{tally}</h2><ul class="stats" id="statuses">{"".join(cards)}</ul></section>'
    ]


def render(summary: ReportSummary, options: ViewOptions | None = None) -> str:
    options = options or ViewOptions()
    source = summary.source
    page = _Page(len(source.text))
    m = summary.meta
    title = display_title(summary)
    body: list[str] = _overview(page, summary)
    body.append('<section id="meta">')
    body += _meta(page, summary)
    body.append("</section>")
    body += _counts(page, summary)
    body += _warnings(page, summary)
    body += _text_items(page, "organisation", _e(say("view.h.organisation")), summary.organisation)
    body += _areas(page, summary, options.as_of)
    body += _outstanding(page, summary, options)
    body += _discipline(page, summary)
    body += _text_items(page, "next-steps", _e(say("view.h.next_steps")), summary.next_steps)
    body += _contact(page, summary)
    engine = summary.engine
    footer = say(
        "view.html.footer",
        engine=f"{engine.name} {engine.version}",
        model=say("view.html.model", model=engine.model) if engine.model else "",
        schema=summary.schema_version,
        path=source.path or say("view.stdin"),
        format=source.format,
        chars=source.chars,
        sha=source.sha256,
        version=__version__,
    )
    body.append(f'<footer class="engine">{_e(footer)}</footer>')
    heading = page.link(m.evidence.get("title"), _e(title)) if m.title else _e(title)
    unverified = (
        f'<span class="badge s-unv" id="unverified-count">{_e(say("view.unverified_count", n=page.unverified))}</span>'
        if page.unverified
        else ""
    )
    source_html = _source(source.text, page.spans)
    lang = "en" if current() == "en" else "zh-CN"
    badges = "".join(_badge(s) for s in Status)
    body_class = ' class="full"' if options.full else ""
    return f"""<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{_CSP}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="summarise {_e(__version__)}">
<title>{_e(say("view.title.page", title=title))}</title>
<style>{_CSS}</style>
</head>
<body{body_class}>
<header class="bar"><h1>{heading}</h1>{unverified}
<span class="legend">{_e(say("view.html.legend"))} · {badges}</span></header>
<main class="layout">
<section class="summary" id="summary" aria-label="{_e(say("view.html.summary"))}">
{"".join(body)}
</section>
<section class="source" aria-label="{_e(say("view.html.source"))}">
<div class="source-head"><span>{_e(say("view.html.source_head", format=source.format, chars=source.chars))}</span>\
<span id="src-status" role="status" data-unverified="{_e(say("view.html.cannot_locate"))}" \
data-at="{_e(say("view.html.at", start="{start}", end="{end}"))}"></span></div>
<div id="src">{source_html}</div>
</section>
</main>
<script>{_JS}</script>
</body>
</html>
"""
