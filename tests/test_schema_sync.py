"""schemas/report-summary.schema.json is the model's own export; regenerate with `summarise schema -o …`."""

from __future__ import annotations

import json

from conftest import ROOT

from summarise.schema_export import summary_schema


def test_committed_schema_matches_the_model() -> None:
    committed = json.loads((ROOT / "schemas" / "report-summary.schema.json").read_text(encoding="utf-8"))
    assert committed == summary_schema(), "run: summarise schema -o schemas/report-summary.schema.json"


def test_committed_answer_schema_matches_the_models_answer_model() -> None:
    from summarise.schema_export import answer_schema_json

    committed = (ROOT / "schemas" / "llm-chunk-answer.schema.json").read_text(encoding="utf-8")
    assert committed == answer_schema_json(), (
        "regenerate schemas/llm-chunk-answer.schema.json from answer_schema_json()"
    )
