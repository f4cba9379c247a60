"""The views of a ReportSummary by format name: what `summarise report --format` chooses from."""

from __future__ import annotations

from ..models import ReportSummary
from . import Views, to_json
from .html import render as to_html
from .markdown import render as to_markdown
from .terminal import to_text

SUMMARY_VIEWS: Views[ReportSummary] = Views(
    {"text": to_text, "md": to_markdown, "json": to_json, "html": to_html}
)
