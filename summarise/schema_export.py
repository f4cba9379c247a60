"""JSON Schema export of the summary model (schemas/ holds the committed copy; a test keeps it in sync)."""

from __future__ import annotations

import json

from .models import ReportSummary


def summary_schema() -> dict:
    schema = ReportSummary.model_json_schema()
    schema["$id"] = "https://summarise.local/schemas/report-summary.schema.json"
    return schema


def summary_schema_json() -> str:
    return json.dumps(summary_schema(), ensure_ascii=False, indent=2) + "\n"
