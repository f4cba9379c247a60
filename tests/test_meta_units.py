"""The unit as a reader would name it: 我局 resolved, pinyin dropped, joint notices, towns with villages,
round-level notices, long names whole.

The openings are written after the forms of real notices; names are made up.
"""

from __future__ import annotations

import pytest

from summarise.ingest import Document
from summarise.models import ReportSummary
from summarise.pipeline import summarise_document

BODY = "\n一、巡察反馈问题整改落实情况\n(一)关于党的建设方面\n1.关于“三会一课”不规范的问题。已整改。\n"


def summarise_str(text: str) -> ReportSummary:
    return summarise_document(Document(text=text, sha256="0" * 64, encoding="utf-8", format="txt"))


def codes(s: ReportSummary) -> list[str]:
    return [w.code for w in s.warnings]


@pytest.mark.parametrize(
    ("text", "unit", "quote"),
    [
        (  # the group fed back to the bureau by name
            "根据十六届旗委统一部署,2025年4月1日至4月10日,旗委专项巡察组对我局医保基金管理领域开展专项巡察,"
            "5月26日,旗委专项巡察组向中共某某旗医疗保障局党组反馈了巡察意见。" + BODY,
            "某某旗医疗保障局党组",
            "中共某某旗医疗保障局党组",
        ),
        (  # the title names it
            "中共某某市公安局某某分局委员会关于市委第五巡察组反馈意见集中整改进展情况的通报\n"
            "按照市委统一部署,2024年9月30日至12月15日,市委第五巡察组对我单位开展了巡察。" + BODY,
            "某某市公安局某某分局党委",
            "中共某某市公安局某某分局委员会",
        ),
        (  # only the signature names it
            "按照县委统一部署,2024年3月1日至4月30日,县委第二巡察组对局党组开展了巡察。"
            + BODY
            + "\n中共某某县林业局党组\n2024年10月8日\n",
            "某某县林业局党组",
            "中共某某县林业局党组",
        ),
        (  # only the page's 来源 line names it
            "关于巡察整改进展情况的通报\n来源:某某县人民医院党委 发布时间:2024-10-09 10:00\n"
            "按照县委统一部署,2024年3月1日至4月30日,县委第一巡察组对我院开展了巡察。" + BODY,
            "某某县人民医院党委",
            "某某县人民医院党委",
        ),
    ],
)
def test_we_us_and_a_bare_party_group_are_resolved_to_the_name(text: str, unit: str, quote: str) -> None:
    s = summarise_str(text)
    assert s.meta.unit == unit
    assert s.meta.evidence["unit"].quote == quote
    assert "unit_resolved" in codes(s) and "missing_unit" not in codes(s)


def test_we_with_no_name_anywhere_is_null_with_a_warning() -> None:
    s = summarise_str("按照县委统一部署,2024年3月1日至4月30日,县委第二巡察组对本单位开展了巡察。" + BODY)
    assert s.meta.unit is None and "missing_unit" in codes(s)


def test_inline_pinyin_is_dropped_from_the_names_and_kept_in_the_evidence() -> None:
    text = (
        "省卫(wèi)生健康委党组关于省委巡视整改进展情况的通报\n"
        "根据省委巡视工作统一部署,2022年8月22日至9月30日,省委第五巡视组对省卫(wèi)生健康委党组开展了专项巡视。"
        "2022年11月9日,省委第五巡视组向省卫(wèi)生健康委党组反馈了巡视意见。" + BODY
    )
    s = summarise_str(text)
    assert s.meta.unit == "省卫生健康委党组"
    assert s.meta.evidence["unit"].quote == "省卫(wèi)生健康委党组"
    assert s.meta.title == "省卫生健康委党组关于省委巡视整改进展情况的通报"
    assert (s.meta.inspector, s.meta.inspection_kind) == ("省委第五巡视组", "专项")
    assert (s.meta.inspection_start, s.meta.inspection_end, s.meta.feedback_date) == (
        "2022-08-22",
        "2022-09-30",
        "2022-11-09",
    )


def test_a_joint_notice_lists_each_unit() -> None:
    text = (
        "中共某某市发展和改革委员会党组 中共某某市粮食和物资储备局党组关于市委巡察整改进展情况的通报\n"
        "根据市委统一部署,2024年3月4日至5月10日,市委第二巡察组对市发展和改革委员会党组、市粮食和物资储备局党组开展了巡察。"
        + BODY
    )
    s = summarise_str(text)
    assert s.meta.units == ["市发展和改革委员会党组", "市粮食和物资储备局党组"]
    assert s.meta.unit == "市发展和改革委员会党组、市粮食和物资储备局党组"
    assert not s.meta.round_level


def test_two_party_groups_joined_by_he_are_two_units_a_name_with_he_inside_is_one() -> None:
    two = summarise_str(
        "根据市委统一部署,2024年3月4日至5月10日,市委第二巡察组对市民政局党组和市残疾人联合会党组开展了巡察。"
        + BODY
    )
    assert two.meta.units == ["市民政局党组", "市残疾人联合会党组"]
    one = summarise_str(
        "根据市委统一部署,2024年3月4日至5月10日,市委第二巡察组对市住房和城乡建设局党组开展了巡察。" + BODY
    )
    assert (one.meta.unit, one.meta.units) == ("市住房和城乡建设局党组", [])


@pytest.mark.parametrize(
    "clause",
    [
        "对某某镇党委进行了巡察,并对该镇河西村、黄竹村、长丰村党组织进行了延伸巡察",
        "对某某镇党委及所辖河西村、黄竹村、长丰村党支部开展了巡察",
    ],
)
def test_a_town_with_its_villages_the_town_is_the_unit_the_villages_are_apart(clause: str) -> None:
    s = summarise_str(f"按照县委统一部署,2024年3月1日至4月30日,县委第一巡察组{clause}。" + BODY)
    assert s.meta.unit == "某某镇党委"
    assert s.meta.villages == ["河西村", "黄竹村", "长丰村"]
    assert not s.meta.round_level and s.meta.units == []


def test_villages_alone_in_a_towns_notice_the_town_is_taken_from_the_title() -> None:
    text = (
        "中共某某镇委员会关于县委巡察整改进展情况的通报\n"
        "按照县委统一部署,2024年3月1日至4月30日,县委第三巡察组对河西村、黄竹村党组织开展了巡察。" + BODY
    )
    s = summarise_str(text)
    assert s.meta.unit == "某某镇党委"
    assert s.meta.villages == ["河西村", "黄竹村"]
    assert "unit_resolved" in codes(s)


def test_the_villages_of_a_town_said_as_one_are_the_unit() -> None:
    text = (
        "根据县委统一部署,2022年9月19日至11月30日,县委上下联动巡察组对某某镇所辖村(社区)党组织开展了巡察。"
        + BODY
    )
    s = summarise_str(text)
    assert s.meta.unit == "某某镇所辖村(社区)党组织" and s.meta.villages == []


@pytest.mark.parametrize(
    ("text", "units"),
    [
        (
            "根据区委统一安排部署,2021年11月8日至12月20日,区委组建4个巡察组对区民政局、区农业农村局、区科信局等3家单位"
            "开展常规巡察;对区发改局、区粮油储备购销公司2家单位开展涉粮问题专项巡察。",
            ["区民政局", "区农业农村局", "区科信局", "区发改局", "区粮油储备购销公司"],
        ),
        (
            "根据县委统一部署,2022年3月7日至4月29日,县委派出3个巡察组,对县自然资源局等3个部门党组,"
            "某某乡党委开展常规巡察。",
            ["县自然资源局", "某某乡党委"],
        ),
        (
            "根据区委统一部署,2022年11月11日至2023年1月20日,五届区委第二轮巡察对8个区直部门党组织开展常规巡察。",
            ["8个区直部门党组织"],
        ),
        (
            "根据市委统一部署,市委共组建4个巡察组,分别对市委组织部、市委统一战线工作部(台工办、市侨办)、"
            "市林场等12家单位开展常规巡察。",
            ["市委组织部", "市委统一战线工作部(台工办、市侨办)", "市林场"],
        ),
    ],
)
def test_a_round_level_notice_is_flagged_with_its_list_and_has_no_single_unit(
    text: str, units: list[str]
) -> None:
    s = summarise_str(text + BODY)
    assert s.meta.round_level
    assert s.meta.units == units
    assert s.meta.unit is None
    assert "round_level" in codes(s) and "missing_unit" not in codes(s)


@pytest.mark.parametrize(
    "unit",
    [
        "某某市公安局某某经济技术开发区分局党委",
        "某某市公安局交通警察支队高速公路管理大队党总支",
        "中国某某天然气股份有限公司某某石化分公司党委",
        "某某省交通投资(集团)有限责任公司党委",
    ],
)
def test_long_names_of_police_sub_bureaus_and_enterprises_are_kept_whole(unit: str) -> None:
    s = summarise_str(f"按照市委统一部署,2024年9月30日至12月15日,市委第五巡察组对{unit}开展了巡察。" + BODY)
    assert s.meta.unit == unit


def test_a_short_name_in_brackets_is_not_part_of_the_unit() -> None:
    text = (
        "按照市委统一部署,2024年9月30日至12月15日,市委第五巡察组对某某市公安局某某分局(以下简称“某某分局”)党委"
        "开展了巡察。" + BODY
    )
    assert summarise_str(text).meta.unit == "某某市公安局某某分局党委"


def test_feedback_alone_names_the_unit_when_the_opening_has_no_clause_for_it() -> None:
    s = summarise_str("根据区委统一安排,2021年8月2日,区委第三巡察组向区委办反馈巡察情况。" + BODY)
    assert (s.meta.unit, s.meta.inspector, s.meta.feedback_date) == ("区委办", "区委第三巡察组", "2021-08-02")


def test_a_field_inspected_rather_than_a_unit_is_resolved_to_the_unit_fed_back_to() -> None:
    text = (
        "根据市委统一部署,2022年8月22日至10月28日,市委第四巡察组对全市农业农村领域乡村振兴资金管理使用开展了专项巡察,"
        "2023年2月22日,市委第四巡察组向市农业农村局党组反馈了巡察意见。" + BODY
    )
    s = summarise_str(text)
    assert (s.meta.unit, s.meta.inspection_kind) == ("市农业农村局党组", "专项")
    assert "unit_resolved" in codes(s)
