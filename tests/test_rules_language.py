"""The rules engine's warnings speak the interface language: Chinese by default, English with lang=en.

Read on every notice in the repo (seeds, real-world openings, fixtures), so that each kind of warning
the engine writes is met in both languages; the codes stay the same English identifiers.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT, SEEDS
from language import chinese_share, english_sentences

from summarise.i18n import Lang
from summarise.models import Warning
from summarise.pipeline import Pipeline
from summarise.settings import Settings

TEXTS = [
    *SEEDS,
    *sorted((ROOT / "tests" / "realworld" / "notices").glob("*.txt")),
    *sorted((ROOT / "tests" / "fixtures").rglob("*.txt")),
]
# The codes the rules engine writes (summarise/rules/); assemble and reconcile write the others.
RULES_CODES = {
    "no_problems_section",
    "no_areas",
    "date_order",
    "round_level",
    "missing_unit",
    "unit_resolved",
    "date_reconstructed",
    "date_ambiguous",
    "vague_date",
    "missing_date",
    "published_from_page",
    "discipline_no_number",
    "discipline_mismatch",
}


def rules_warnings(lang: Lang) -> list[tuple[Path, Warning]]:
    pipeline = Pipeline(Settings(engine="rules", lang=lang))
    return [
        (path, w) for path in TEXTS for w in pipeline.summarise_path(path).warnings if w.code in RULES_CODES
    ]


@pytest.fixture(scope="module")
def chinese() -> list[tuple[Path, Warning]]:
    return rules_warnings("zh")


@pytest.fixture(scope="module")
def english() -> list[tuple[Path, Warning]]:
    return rules_warnings("en")


def test_the_notices_meet_most_kinds_of_rules_warning(chinese: list[tuple[Path, Warning]]) -> None:
    seen = {w.code for _, w in chinese}
    assert len(seen) >= 10, sorted(RULES_CODES - seen)


def test_by_default_every_rules_warning_is_chinese(chinese: list[tuple[Path, Warning]]) -> None:
    for path, w in chinese:
        assert english_sentences(w.message) == [], (path.name, w.code, w.message)
        assert chinese_share(w.message) > 0.6, (path.name, w.code, w.message)
        assert "," not in w.message and ";" not in w.message, (path.name, w.message)  # Chinese punctuation


def test_with_lang_en_every_rules_warning_is_english(
    chinese: list[tuple[Path, Warning]], english: list[tuple[Path, Warning]]
) -> None:
    assert [(p, w.code) for p, w in english] == [(p, w.code) for p, w in chinese]
    for path, w in english:
        assert english_sentences(w.message), (path.name, w.code, w.message)
        assert chinese_share(w.message) < 0.5, (path.name, w.code, w.message)


def test_a_date_read_back_names_its_field_and_quote_in_the_language(
    chinese: list[tuple[Path, Warning]], english: list[tuple[Path, Warning]]
) -> None:
    zh = [w.message for _, w in chinese if w.code == "date_reconstructed"]
    en = [w.message for _, w in english if w.code == "date_reconstructed"]
    assert zh and len(zh) == len(en)
    assert all("在转载中丢失了年/月/日" in m and "日期" in m for m in zh), zh
    assert all("lost 年/月/日 in copying" in m for m in en), en
