"""Search results as text (grouped by report), JSON or CSV, for stdout."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict, fields

from ..models import Status
from ..render import STATUS_ZH, Views
from .search import Hit, SearchResult, parse_terms

SNIPPET = 36  # characters of context either side of the first matching term


def to_json(result: SearchResult) -> str:
    data = {
        "query": result.query,
        "total": result.total,
        "reports": result.reports,
        "hits": [asdict(h) for h in result.hits],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def to_csv(result: SearchResult) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf)
    names = [f.name for f in fields(Hit)]
    writer.writerow(names)
    for hit in result.hits:
        row = asdict(hit)
        writer.writerow(["" if row[n] is None else row[n] for n in names])
    return buf.getvalue()


def to_text(result: SearchResult) -> str:
    terms = parse_terms(result.query)
    lines: list[str] = []
    current = None
    for hit in result.hits:
        if hit.path != current:
            current = hit.path
            if lines:
                lines.append("")
            lines.append(f"{hit.date or '日期不详'}  {hit.unit or '单位不详'}  {hit.path}")
        label = _status(hit.status) if hit.level != "area" else "方面"
        heading = hit.problem if hit.level != "problem" or not hit.item else f"{hit.item} › {hit.problem}"
        lines.append(f"  [{label}] {heading}")
        if hit.measure and not hit.direct:
            more = f" (+{hit.measures - 1} more)" if hit.measures > 1 else ""
            lines.append(f"      措施: {snippet(hit.measure, terms)}{more}")
    return "\n".join(lines) + ("\n" if lines else "")


def summary_line(result: SearchResult) -> str:
    shown = f", showing {len(result.hits)}" if len(result.hits) < result.total else ""
    return f"{result.total} matching problems in {result.reports} reports{shown}"


def _status(value: str | None) -> str:
    try:
        return STATUS_ZH[Status(value or Status.unknown)]
    except ValueError:  # a status a newer engine added
        return value or STATUS_ZH[Status.unknown]


def snippet(text: str, terms: list[str]) -> str:
    """A window of `text` around the first term that occurs in it, with … where it was cut."""
    text = " ".join(text.split())
    lowered = text.lower()
    at = min((i for i in (lowered.find(t.lower()) for t in terms) if i >= 0), default=0)
    start = max(0, at - SNIPPET)
    end = min(len(text), at + SNIPPET * 2)
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")


SEARCH_VIEWS: Views[SearchResult] = Views({"text": to_text, "json": to_json, "csv": to_csv})
