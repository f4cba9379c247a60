"""The views of a ReportSummary by format name: what `summarise report --format` chooses from."""

from __future__ import annotations

from ..models import ReportSummary
from . import ViewOptions, Views, to_json
from .html import render as to_html
from .markdown import render as to_markdown


def _json(summary: ReportSummary, options: ViewOptions) -> str:
    # The JSON holds only what does not depend on the reader: no as-of date, no cut texts.
    return to_json(summary)


def to_text(summary: ReportSummary, options: ViewOptions) -> str:
    # rich is imported for the text view only: JSON, Markdown and HTML start without it.
    from .terminal import to_text as text_view

    return text_view(summary, options)


SUMMARY_VIEWS: Views[ReportSummary] = Views.with_options(
    {"text": to_text, "md": to_markdown, "json": _json, "html": to_html}
)
