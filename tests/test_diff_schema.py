"""schemas/diff.schema.json is the DiffResult model's own export; regenerate with `summarise diff-schema -o …`."""

from __future__ import annotations

import json
from pathlib import Path

from summarise.diff.models import diff_schema

SCHEMA = Path(__file__).resolve().parent.parent / "schemas" / "diff.schema.json"


def test_committed_diff_schema_matches_the_model() -> None:
    committed = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert committed == diff_schema(), "run: summarise diff-schema -o schemas/diff.schema.json"


def test_the_schema_keeps_the_names_other_tools_rely_on() -> None:
    schema = diff_schema()
    defs = schema["$defs"]
    assert {"old", "new", "problems", "outstanding", "figures", "warnings"} <= set(schema["properties"])
    assert {"state", "old", "new", "score"} <= set(defs["ProblemDiff"]["properties"])
    assert {"item", "deadline", "state", "overdue"} <= set(defs["OutstandingDiff"]["properties"])
    assert {"label", "old", "new"} <= set(defs["FigureDelta"]["properties"])
    assert set(defs["ProblemState"]["enum"]) == {"recurring", "new", "dropped"}
    assert set(defs["OutstandingState"]["enum"]) == {"closed", "open", "not_mentioned"}
