"""The meta field list is said once (summarise.render.META_FIELDS, from the Meta model); what cannot be
derived from it at run time, the labels and the index's DDL, is checked against it here."""

from __future__ import annotations

import sqlite3

from summarise.archive.rows import REPORT_FIELDS
from summarise.archive.schema import TABLES
from summarise.models import Meta
from summarise.render import META_FIELDS, META_ZH


def test_meta_fields_are_the_models_value_fields() -> None:
    assert META_FIELDS[:2] == ("title", "unit")
    for name in META_FIELDS:
        assert Meta.model_fields[name].annotation == str | None, name
    assert set(Meta.model_fields) - set(META_FIELDS) == {
        "evidence",
        "dates_inferred",
        "dates_reconstructed",
        "inspectors",
        "units",
        "villages",
        "round_level",
    }


def test_every_meta_field_has_one_chinese_label() -> None:
    assert list(META_ZH) == list(META_FIELDS)
    assert len(set(META_ZH.values())) == len(META_ZH)


def test_the_reports_table_has_a_column_per_meta_field() -> None:
    conn = sqlite3.connect(":memory:")
    conn.executescript(TABLES)
    columns = [row[1] for row in conn.execute("PRAGMA table_info(reports)")]
    assert REPORT_FIELDS == META_FIELDS
    missing = [name for name in META_FIELDS if name not in columns]
    assert not missing, f"add these columns to `reports` in summarise/archive/schema.py: {missing}"
    # In the DDL the meta columns are written in the same order, one block, title first.
    start = columns.index("title")
    assert tuple(columns[start : start + len(META_FIELDS)]) == META_FIELDS
