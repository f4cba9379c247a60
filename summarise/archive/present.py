"""Search results as text (grouped by report), JSON or CSV, for stdout."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict, fields

from ..cells import BOM, csv_cell
from ..i18n import say
from ..models import Status
from ..render import Views, status_label
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
    """A table for Excel or WPS: headers and labels in the interface language, a BOM first, every
    cell safe to open (the JSON view keeps the field names and codes, for scripts)."""
    buf = io.StringIO()
    writer = csv.writer(buf)
    names = [f.name for f in fields(Hit)]
    writer.writerow([say(f"archive.search.col.{n}") for n in names])
    for hit in result.hits:
        row = asdict(hit)
        row["status"] = _status(hit.status)
        row["level"] = _level(hit.level)
        row["direct"] = say("archive.search.yes" if hit.direct else "archive.search.no")
        writer.writerow([csv_cell(row[n]) for n in names])
    return BOM + buf.getvalue()


def to_text(result: SearchResult) -> str:
    terms = parse_terms(result.query)
    lines: list[str] = []
    current = None
    for hit in result.hits:
        if hit.path != current:
            current = hit.path
            if lines:
                lines.append("")
            date = hit.date or say("archive.search.no_date")
            lines.append(f"{date}  {hit.unit or say('archive.search.no_unit')}  {hit.path}")
        label = _status(hit.status) if hit.level != "area" else say("archive.search.area")
        heading = hit.problem if hit.level != "problem" or not hit.item else f"{hit.item} › {hit.problem}"
        lines.append(f"  [{label}] {heading}")
        if hit.measure and not hit.direct:
            more = say("archive.search.more", n=hit.measures - 1) if hit.measures > 1 else ""
            lines.append(
                "      " + say("archive.search.measure", text=snippet(hit.measure, terms), more=more)
            )
    return "\n".join(lines) + ("\n" if lines else "")


def summary_line(result: SearchResult) -> str:
    shown = say("archive.search.shown", n=len(result.hits)) if len(result.hits) < result.total else ""
    return say("archive.search.summary", total=result.total, reports=result.reports, shown=shown)


def _status(value: str | None) -> str:
    try:
        return status_label(Status(value or Status.unknown))
    except ValueError:  # a status a newer engine added
        return value or status_label(Status.unknown)


def _level(value: str) -> str:
    key = f"archive.search.level.{value}"
    return say(key) if value in LEVELS else value


LEVELS = ("item", "problem", "area")


def snippet(text: str, terms: list[str]) -> str:
    """A window of `text` around the first term that occurs in it, with … where it was cut."""
    text = " ".join(text.split())
    lowered = text.lower()
    at = min((i for i in (lowered.find(t.lower()) for t in terms) if i >= 0), default=0)
    start = max(0, at - SNIPPET)
    end = min(len(text), at + SNIPPET * 2)
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")


SEARCH_VIEWS: Views[SearchResult] = Views({"text": to_text, "json": to_json, "csv": to_csv})
