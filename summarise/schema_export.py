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


def answer_schema_json() -> str:
    """The schema of the model's answer to one chunk, as the LLM engine's calls send it."""
    from .llm.schemas import ChunkAnswer

    schema = ChunkAnswer.model_json_schema()
    schema["$id"] = "https://summarise.local/schemas/llm-chunk-answer.schema.json"
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
