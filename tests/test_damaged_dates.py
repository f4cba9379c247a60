"""Dates whose 年/月 were lost in copying: read only when the context makes them unambiguous, flagged as
reconstructed; never invented.

2024717日 has one valid reading (7月17日, since 71月 is no month); 914日 takes its year from the date before
it; 2024112日 could be 1月12日 or 11月2日, so it stays empty, with a warning.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT

from summarise.api import summarise_path
from summarise.dates import DateMention, damaged_dates, find_dates
from summarise.ingest import Document
from summarise.models import ReportSummary
from summarise.pipeline import summarise_document

BODY = "\n一、巡察反馈问题整改落实情况\n(一)关于党的建设方面\n1.关于“三会一课”不规范的问题。已整改。\n"
FIXTURE = ROOT / "tests" / "fixtures" / "meta" / "damaged_copy.txt"


def summarise_str(text: str) -> ReportSummary:
    return summarise_document(Document(text=text, sha256="0" * 64, encoding="utf-8", format="txt"))


def read(text: str) -> list[tuple[str, str | None, bool]]:
    """(quote, value, ambiguous) of the damaged dates in `text`, with the intact ones as context."""
    return [(text[d.start : d.end], d.iso, d.ambiguous) for d in damaged_dates(text, find_dates(text))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024717日至830日", [("2024717日", "2024-07-17", False), ("830日", "2024-08-30", False)]),
        ("20241231日", [("20241231日", "2024-12-31", False)]),
        ("2024年717日", [("2024年717日", "2024-07-17", False)]),
        ("2024年3月1日开始,914日反馈", [("914日", "2024-09-14", False)]),
        ("2024229日", [("2024229日", "2024-02-29", False)]),
    ],
)
def test_a_run_with_one_valid_reading_and_a_year_is_read(
    text: str, expected: list[tuple[str, str | None, bool]]
) -> None:
    assert read(text) == expected
    assert all(d.reconstructed for d in damaged_dates(text, find_dates(text)))


@pytest.mark.parametrize(
    "text",
    [
        "2024112日",  # 1月12日 or 11月2日
        "于914日反馈",  # no year anywhere before it
    ],
)
def test_a_run_with_two_readings_or_no_year_is_ambiguous_and_has_no_value(text: str) -> None:
    found = damaged_dates(text, find_dates(text))
    assert len(found) == 1 and found[0].ambiguous and found[0].iso is None


@pytest.mark.parametrize(
    "text",
    [
        "2024年,历时120日",  # a duration: 时 is not where a date starts
        "2024年,开展1000日攻坚",  # no reading: 10月00日
        "2024年,编号12345日",  # a longer run of digits
        "2023229日",  # 2023 has no 2月29日, and 22月 is no month
        "2024年4月12日至7月12日",  # intact dates are not read again
    ],
)
def test_what_cannot_be_a_date_is_left_alone(text: str) -> None:
    assert damaged_dates(text, find_dates(text)) == []


def test_the_end_of_a_range_may_give_its_day_only() -> None:
    assert [d.iso for d in find_dates("2024年4月12日至30日")] == ["2024-04-12", "2024-04-30"]


def test_a_range_written_with_a_double_dash() -> None:
    assert [d.iso for d in find_dates("2018年11月26日——1月26日")] == ["2018-11-26", "2019-01-26"]


def test_a_range_end_that_lost_its_day_character_is_read_and_flagged() -> None:
    text = "2022年8月19日至2022年11月15市委第三巡察组"
    first, second = find_dates(text)
    assert (first.iso, first.reconstructed) == ("2022-08-19", False)
    assert (second.iso, second.reconstructed, text[second.start : second.end]) == (
        "2022-11-15",
        True,
        "2022年11月15",
    )


def test_a_lost_year_character_is_flagged_as_reconstructed() -> None:
    first, second = find_dates("20244月12日至7月12日")
    assert (first.iso, first.reconstructed) == ("2024-04-12", True)
    assert (second.iso, second.reconstructed) == ("2024-07-12", False)


def test_a_damaged_period_and_feedback_are_filled_flagged_and_quoted() -> None:
    text = (
        "根据市委统一部署,2024717日至830日,市委第一巡察组对某某区党工委开展了巡察。"
        "914日,市委巡察组向某某区党工委反馈了巡察意见。" + BODY
    )
    s = summarise_str(text)
    m = s.meta
    assert (m.inspection_start, m.inspection_end, m.feedback_date) == (
        "2024-07-17",
        "2024-08-30",
        "2024-09-14",
    )
    assert m.dates_reconstructed == ["inspection_start", "inspection_end", "feedback_date"]
    assert m.dates_inferred == ["inspection_end", "feedback_date"]
    flagged = [w.evidence.quote for w in s.warnings if w.code == "date_reconstructed" and w.evidence]
    assert flagged == ["2024717日", "830日", "914日"]


def test_an_ambiguous_damaged_date_is_left_empty_with_a_warning() -> None:
    text = "根据市委统一部署,2024112日至2024年3月30日,市委第一巡察组对某某区党工委开展了巡察。" + BODY
    s = summarise_str(text)
    assert (s.meta.inspection_start, s.meta.inspection_end) == (None, "2024-03-30")
    ambiguous = [w for w in s.warnings if w.code == "date_ambiguous"]
    assert len(ambiguous) == 1 and ambiguous[0].evidence and ambiguous[0].evidence.quote == "2024112日"


def test_a_reading_that_makes_the_period_run_backwards_is_not_taken() -> None:
    # 120日 can only be 1月20日; with the year of its start the period would run backwards. It is not moved
    # to the next year to make it fit: that would be a guess.
    text = "根据市委统一部署,20241215日至120日,市委第一巡察组对某某区党工委开展了巡察。" + BODY
    s = summarise_str(text)
    assert (s.meta.inspection_start, s.meta.inspection_end) == ("2024-12-15", None)
    assert "date_ambiguous" in {w.code for w in s.warnings}


def test_a_damaged_signature_date_is_read_without_a_year_from_context() -> None:
    text = "根据市委统一部署,2024年7月17日至8月30日,市委第一巡察组对某某区党工委开展了巡察。" + BODY
    dated = summarise_str(text + "\n中共某某区工作委员会\n20241130日\n")
    assert (dated.meta.published_date, dated.meta.dates_reconstructed) == ("2024-11-30", ["published_date"])
    undated = summarise_str(text + "\n中共某某区工作委员会\n1130日\n")
    assert undated.meta.published_date is None


def test_a_start_with_qi_and_no_end_fills_the_start_only() -> None:
    text = "按照市委统一部署,2021年3月10日起,市委第三巡察组对某某集团党委进行了为期三个月的巡察。" + BODY
    s = summarise_str(text)
    assert (s.meta.inspection_start, s.meta.inspection_end) == ("2021-03-10", None)
    assert "missing_date" in {w.code for w in s.warnings}


def test_feedback_given_as_a_period_is_not_one_date() -> None:
    text = (
        "根据市委统一部署,2022年10月10日至12月12日,市委第四巡察组对某某高新区党工委开展了巡察。"
        "2023年3月6日至3月24日,市委各巡察组分别向被巡察党组织反馈了巡察情况。" + BODY
    )
    s = summarise_str(text)
    assert s.meta.feedback_date is None and "vague_date" in {w.code for w in s.warnings}


def test_a_whole_damaged_copy_reads_its_meta_and_keeps_its_structure() -> None:
    s = summarise_path(FIXTURE)
    m = s.meta
    assert m.unit == "某某县医疗保障局党组"  # 我局 in the opening; named by the 向…反馈 clause
    assert m.title == "中共某某县医疗保障局党组关于县委巡察整改进展情况的通报"  # pinyin dropped
    assert (m.inspector, m.inspection_kind) == ("县委第二巡察组", "专项")
    assert (m.inspection_start, m.inspection_end, m.feedback_date, m.published_date) == (
        "2024-07-17",
        "2024-08-30",
        "2024-09-14",
        "2024-11-30",
    )
    assert m.dates_reconstructed == ["inspection_start", "inspection_end", "feedback_date", "published_date"]
    assert [i.named_problem for a in s.areas for i in a.items] == [
        "定点医药机构日常检查不到位",
        "违规使用医保基金追回不及时",
    ]
    assert [t.title or t.text for t in s.next_steps]


def test_the_seeds_have_no_reconstructed_or_ambiguous_dates() -> None:
    for path in sorted(Path(ROOT / "seeds").glob("*.txt")):
        s = summarise_path(path)
        assert s.meta.dates_reconstructed == [], path.name
        assert not {"date_reconstructed", "date_ambiguous"} & {w.code for w in s.warnings}, path.name


def test_mentions_are_plain_by_default() -> None:
    d = DateMention(0, 1, 2024, 1, 1)
    assert not d.reconstructed and not d.ambiguous
