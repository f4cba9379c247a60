"""Forms that real notices take beyond the seeds (DESIGN.md): each case's answer is known by construction."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT

from summarise.api import summarise_path
from summarise.dates import find_dates
from summarise.ingest import Document
from summarise.models import ReportSummary
from summarise.normalise import normalise
from summarise.outline import parse
from summarise.pipeline import summarise_document

SYNTHETIC = ROOT / "tests" / "fixtures" / "synthetic_provincial.txt"


def summarise_str(text: str) -> ReportSummary:
    return summarise_document(Document(text=text, sha256="0" * 64, encoding="utf-8", format="txt"))


@pytest.fixture(scope="module")
def provincial() -> ReportSummary:
    return summarise_path(SYNTHETIC)


def test_provincial_meta(provincial: ReportSummary) -> None:
    m = provincial.meta
    assert (
        m.title == "中共某某市卫生健康委员会党组关于省委巡视整改进展情况的报告"
    )  # 【巡察整改】 prefix dropped
    assert (m.inspector, m.unit, m.inspection_kind) == ("省委巡视九组", "市卫生健康委员会党组", "专项")
    # 2024年11月3日至1月10日: the range ends in the next year.
    assert (m.inspection_start, m.inspection_end, m.feedback_date) == (
        "2024-11-03",
        "2025-01-10",
        "2025-01-20",
    )
    assert m.published_date == "2025-03-01"  # 二〇二五年三月一日
    assert m.issuer == "中共某某市卫生健康委员会党组"


def test_previous_round_counts_are_not_this_rounds(provincial: ReportSummary) -> None:
    stated = {k: v.value for k, v in provincial.stated_counts.items()}
    assert stated["problems"] == 8  # not the 30 of 上一轮
    assert stated["completed"] == 6 and stated["in_progress"] == 2 and stated["completion_rate"] == 75
    assert stated["rules_made"] == 12 and stated["money_recovered"] == 35.5
    assert provincial.stated_counts["money_recovered"].unit == "万元"


def test_stated_counts_disagreeing_with_the_text_are_warned(provincial: ReportSummary) -> None:
    assert provincial.problem_count() == 5
    messages = [w.message for w in provincial.warnings if w.code == "count_mismatch"]
    assert any("8 个问题" in msg and "摘要识别出 3 个方面、5 个问题" in msg for msg in messages)


def test_problem_numbering_and_explicit_status_lines(provincial: ReportSummary) -> None:
    items = [i for a in provincial.areas for i in a.items]
    assert [i.named_problem for i in items] == [
        "公立医院改革推进缓慢",
        "医疗资源配置不均衡",
        "违规发放津补贴",
        "公务用车管理不规范",
        "选人用人程序不规范",
    ]
    assert [i.status for i in items] == ["done", "in_progress", "done", "done", "long_term"]
    assert provincial.areas[0].title == "贯彻落实党中央决策部署有差距方面"  # (一)反馈问题: prefix dropped
    assert [f.text for f in items[2].figures] == ["8.6万元"]


def test_unfinished_items_with_deadlines_become_outstanding(provincial: ReportSummary) -> None:
    assert [(o.item, o.deadline, o.status) for o in provincial.outstanding] == [
        ("医疗资源配置不均衡", "2025-12-31", "in_progress"),
        ("选人用人程序不规范", None, "long_term"),
    ]


def test_discipline_with_nested_breakdown_and_zero(provincial: ReportSummary) -> None:
    d = provincial.discipline
    assert d.people == 7
    assert d.counts == {
        "党纪政务处分": 2,
        "党纪处分": 1,
        "政务处分": 1,
        "诫勉": 1,
        "提醒谈话": 4,
        "批评教育": 0,
    }
    # 2 + 1 + 4 + 0 = 7: the parenthesised breakdown is not double-counted.
    assert not [w for w in provincial.warnings if w.code == "discipline_mismatch"]


def test_contact_and_next_steps(provincial: ReportSummary) -> None:
    assert provincial.contact is not None
    assert provincial.contact.phone == ["0591-87654321"] and provincial.contact.email == [
        "wjw@example.gov.cn"
    ]
    assert [t.title for t in provincial.next_steps] == ["持续巩固整改成果", "健全长效机制"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024年4月12日至7月12日", ["2024-04-12", "2024-07-12"]),
        ("2019年12月3日至2020年1月4日。并于7月6日反馈", ["2019-12-03", "2020-01-04", "2020-07-06"]),
        ("2024年11月3日至1月10日", ["2024-11-03", "2025-01-10"]),
        ("20244月12日至7月12日", ["2024-04-12", "2024-07-12"]),
        ("2021-02-10 23:00", ["2021-02-10"]),
        ("二〇二五年七月一日", ["2025-07-01"]),
        ("2023年4月上旬至6月中旬", [None, None]),
        ("9月13日反馈", [None]),
    ],
)
def test_dates(text: str, expected: list[str | None]) -> None:
    assert [d.iso for d in find_dates(text)] == expected


def test_vague_period_and_missing_feedback_date_are_null_with_warnings() -> None:
    text = (
        "关于巡察整改进展情况的通报\n根据区委统一部署,2023年4月上旬至6月中旬,区委第二巡察组对某街道党工委开展了巡察。"
        "8月下旬,区委巡察组反馈了巡察意见。\n一、整改工作组织情况\n成立领导小组。\n二、巡察反馈问题整改情况\n"
        "(一)关于党的建设方面\n1.关于“三会一课”不规范的问题。已整改。\n"
    )
    s = summarise_str(text)
    assert (s.meta.inspection_start, s.meta.inspection_end, s.meta.feedback_date) == (None, None, None)
    assert s.meta.inspector == "区委第二巡察组" and s.meta.unit == "某街道党工委"
    assert {w.code for w in s.warnings} >= {"vague_date"}
    assert s.areas[0].items[0].named_problem == "“三会一课”不规范"


def test_headings_without_top_level_sections_and_run_on_titles() -> None:
    text = (
        "根据市委部署,2024年3月1日至4月30日,市委第四轮第五巡察组对市某局党组开展了巡察。5月20日反馈了巡察意见。\n"
        "（一）关于政治建设方面\n１．学习贯彻不深入。已完成专题学习12次。\n２．关于“第一议题”落实不到位的问题。正在完善制度。\n"
        "（二）关于作风建设方面\n３．公务接待不规范。已制定接待管理办法。\n"
    )
    s = summarise_str(text)
    assert [a.title for a in s.areas] == ["关于政治建设方面", "关于作风建设方面"]
    assert [i.title for a in s.areas for i in a.items] == [
        "学习贯彻不深入",
        "关于“第一议题”落实不到位的问题",
        "公务接待不规范",
    ]
    assert s.meta.inspector == "市委第四轮第五巡察组"
    assert s.meta.feedback_date == "2024-05-20"
    assert [f.text for f in s.areas[0].items[0].figures] == ["12次"]


def test_body_lines_that_look_like_numbers_are_not_headings() -> None:
    view = normalise("一、总体情况\n1.第一项\n正文\n5.第五项不连续\n2.第二项\n1.5亿元资金已到位\n")
    outline = parse(view)
    titles = [h.title for r in outline.roots for h in r.walk()]
    assert titles == ["总体情况", "第一项", "第二项"]


def test_stray_spaces_and_fullwidth_map_back_to_original_offsets(tmp_path: Path) -> None:
    text = "市委第一巡 察组\u3000（一）关于\u200b作风方面"
    view = normalise(text)
    assert view.text == "市委第一巡察组 (一)关于作风方面"
    i = view.text.index("巡察组")
    start, end = view.to_original(i, i + 3)
    assert text[start:end] == "巡 察组"


def test_entered_unit_carried_over_ids_colon_titles_and_vague_deadline() -> None:
    text = (
        "关于巡察整改情况的通报\n根据县委巡察工作安排,县委第二巡察组于2023年3月6日至5月10日进驻县教育局开展了常规巡察,"
        "6月2日反馈了巡察意见。\n一、巡察反馈问题整改情况\n"
        "1-1、关于“学习不深入”问题:整改情况:已开展集中学习10次。\n"
        "1-2、关于“制度执行不严”问题:整改措施:正在修订制度。完成时限:2023年12月底。\n"
    )
    s = summarise_str(text)
    assert (s.meta.unit, s.meta.inspector, s.meta.inspection_kind) == ("县教育局", "县委第二巡察组", "常规")
    assert (s.meta.inspection_start, s.meta.inspection_end, s.meta.feedback_date) == (
        "2023-03-06",
        "2023-05-10",
        "2023-06-02",
    )
    items = [i for a in s.areas for i in a.items]
    assert [(i.named_problem, i.status) for i in items] == [
        ("学习不深入", "done"),
        ("制度执行不严", "in_progress"),
    ]
    assert [(o.item, o.deadline) for o in s.outstanding] == [("制度执行不严", None)]  # 12月底 is not a date
    assert "vague_date" in {w.code for w in s.warnings}


def test_day_without_ri_before_a_range_separator() -> None:
    assert [d.iso for d in find_dates("2024年4月12至7月12日,")] == ["2024-04-12", "2024-07-12"]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("专精特新企业增至38家,建立高企(77家)。", [("专精特新企业", "38家"), ("建立高企", "77家")]),
        (
            "产业2024年产值分别达311亿元、56.7亿元。",
            [("产业2024年产值", "311亿元"), ("产业2024年产值", "56.7亿元")],
        ),
        (
            "累计引进项目56个(含4个超10亿元项目)。",
            # 4个 counts the projects after it; 超10亿元 qualifies them and is no figure of its own.
            [("累计引进项目", "56个"), ("超10亿元项目", "4个")],
        ),
        ("整改时间3个月。", []),
    ],
)
def test_figures_are_labelled_by_the_words_before_them(
    sentence: str, expected: list[tuple[str, str]]
) -> None:
    from summarise.rules.context import Context
    from summarise.rules.wording import figures

    ctx = Context.of(sentence)
    assert [(f.label, f.text) for f in figures(ctx, 0, len(sentence))] == expected


def test_county_notice_with_problems_as_first_level_headings() -> None:
    s = summarise_path(ROOT / "tests" / "fixtures" / "synthetic_county.txt")
    # 4月上旬至5月下旬 is not a date: left empty, with a warning, never invented.
    assert (s.meta.inspection_start, s.meta.inspection_end, s.meta.feedback_date) == (
        None,
        None,
        "2023-07-14",
    )
    assert [w.code for w in s.warnings].count("vague_date") == 2
    # (一)… directly under the rectification section are problems, not areas; each states a shortcoming.
    assert len(s.areas) == 1 and s.areas[0].title is None
    assert [(i.named_problem, i.status) for i in s.areas[0].items] == [
        ("学习贯彻习近平新时代中国特色社会主义思想不深入", "done"),
        ("落实意识形态工作责任制不到位", "done"),
        ("公路养护资金管理不规范", "in_progress"),
    ]
    assert [(o.item, o.deadline) for o in s.outstanding] == [("公路养护资金管理不规范", "2023-12-31")]
    stated = {k: v.value for k, v in s.stated_counts.items()}
    assert stated == {"problems": 25, "completed": 19, "in_progress": 6, "completion_rate": 76, "clues": 3}
    assert s.discipline.counts == {"党纪处分": 2, "诫勉": 1}  # 二人 read as 2
    # The signature block is not a next step.
    assert [t.text for t in s.next_steps] == ["持续抓好未完成事项整改,建立长效机制"]
