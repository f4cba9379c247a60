"""Inspectors at every level: named as the opening writes them, with kinds and rounds, several groups kept.

The openings are written after the forms of real notices (central, provincial, city, district, county and
banner committees, schools and enterprises); names are made up.
"""

from __future__ import annotations

import pytest

from summarise.ingest import Document
from summarise.models import ReportSummary
from summarise.pipeline import summarise_document

BODY = "\n一、巡察反馈问题整改落实情况\n(一)关于党的建设方面\n1.关于“三会一课”不规范的问题。已整改。\n"


def summarise_str(text: str) -> ReportSummary:
    return summarise_document(Document(text=text, sha256="0" * 64, encoding="utf-8", format="txt"))


def opening(group: str, unit: str = "某某局党组", verb: str = "开展了巡察") -> str:
    return (
        f"根据统一部署,2024年3月4日至5月10日,{group}对{unit}{verb}。2024年6月18日,{group}向{unit}反馈了意见。"
        "现将整改进展情况予以公布。" + BODY
    )


@pytest.mark.parametrize(
    ("group", "kind"),
    [
        ("中央第十巡视组", None),
        ("中央巡视组", None),
        ("省委第五巡视组", None),
        ("省委巡视九组", None),
        ("自治区党委第三巡视组", None),
        ("市委第一巡察组", None),
        ("区委第二巡察组", None),
        ("县委第三巡察组", None),
        ("旗委第一巡察组", None),
        ("州委第二巡察组", None),
        ("市委机动巡察组", "机动"),
        ("县委机动巡察一组", "机动"),
        ("旗委专项巡察组", "专项"),
        ("市委第五专项巡察组", "专项"),
        ("县委上下联动巡察组", "联动"),
        ("市委提级巡察组", "提级"),
        ("县委对村巡察组", "对村"),
        ("市委医疗卫生领域第六专项巡察组", "专项"),
        ("市委深化“放管服”改革、优化营商环境专项巡察组", "专项"),
        ("市委第三轮对村(社区)提级巡察“回头看”第一组", "回头看"),
        ("校党委第二巡察组", None),
        ("学校党委第一巡察组", None),
        ("集团党委第三巡察组", None),
        ("集团公司党委第一巡察组", None),
    ],
)
def test_inspectors_at_every_level_are_named_as_written(group: str, kind: str | None) -> None:
    s = summarise_str(opening(group))
    assert s.meta.inspector == group
    assert s.meta.evidence["inspector"].quote == group
    assert s.meta.inspection_kind == kind
    assert s.meta.inspectors == []  # one group, said twice
    assert s.meta.unit == "某某局党组"


@pytest.mark.parametrize(
    ("before", "group"),
    [
        ("", "兴宁市委机动巡察一组"),
        ("日前,", "苏州市委第二巡察组"),
        ("", "中共简阳市委第一巡察组"),
        ("", "衡阳县县委第一巡察组"),
        ("由", "市委第四巡察组"),
        ("经", "省委第二巡视组"),
    ],
)
def test_a_place_before_the_committee_is_part_of_the_name_a_leading_word_is_not(
    before: str, group: str
) -> None:
    text = f"根据统一部署,2024年3月4日至5月10日,{before}{group}对某某镇党委开展了巡察。" + BODY
    s = summarise_str(text)
    assert s.meta.inspector == group


def test_several_groups_are_all_kept_and_the_first_is_the_inspector() -> None:
    text = (
        "根据统一部署,市委第四、五巡察组于2022年10月10日至12月12日,配合省委巡视组对某某高新区党工委开展了联动巡察。"
        "2023年3月6日,市委第四巡察组向某某高新区党工委反馈了巡察意见。" + BODY
    )
    s = summarise_str(text)
    assert s.meta.inspector == "市委第四、五巡察组"
    assert s.meta.inspectors == ["市委第四、五巡察组", "省委巡视组", "市委第四巡察组"]
    assert s.meta.inspection_kind == "联动"


def test_a_group_named_again_without_its_numeral_is_the_same_group() -> None:
    text = (
        "根据市委统一部署,2024年4月12日至7月12日,市委第一巡察组对某某区党工委开展了巡察。"
        "9月13日,市委巡察组向某某区党工委反馈了巡察意见。" + BODY
    )
    s = summarise_str(text)
    assert (s.meta.inspector, s.meta.inspectors) == ("市委第一巡察组", [])


def test_a_numeral_lost_in_copying_is_kept_as_written_never_invented() -> None:
    text = "根据市委统一部署,2024年4月12日至7月12日,市委第巡察组对某某区党工委开展了巡察。" + BODY
    s = summarise_str(text)
    assert s.meta.inspector == "市委第巡察组"


@pytest.mark.parametrize(
    "text",
    [
        "根据市委巡察工作领导小组统一部署,2024年4月12日至7月12日,对某某区党工委开展了巡察。",
        "根据区委统一安排部署,2021年11月8日至12月20日,区委组建4个巡察组对区民政局开展常规巡察。",
        "按照市委统一部署,2024年4月12日至7月12日,市委巡察办对某某区党工委开展了巡察。",
    ],
)
def test_a_leading_group_an_office_or_a_count_of_groups_is_not_an_inspector(text: str) -> None:
    assert summarise_str(text + BODY).meta.inspector is None


def test_the_title_names_the_inspector_when_the_opening_does_not() -> None:
    text = (
        "中共某县水利局党组关于县委第三巡察组巡察反馈意见整改进展情况的通报\n"
        "根据县委巡察工作统一部署,2024年3月11日至5月10日,巡察组对县水利局党组开展了常规巡察。" + BODY
    )
    s = summarise_str(text)
    assert s.meta.inspector == "县委第三巡察组"
    assert s.meta.evidence["inspector"].quote == "县委第三巡察组"


def test_a_group_with_inline_pinyin_is_read_without_it() -> None:
    text = "根据统一部署,2024年3月4日至5月10日,省委第五巡(xún)视组对省卫生健康委党组开展了巡视。" + BODY
    s = summarise_str(text)
    assert s.meta.inspector == "省委第五巡视组"
    assert s.meta.evidence["inspector"].quote == "省委第五巡(xún)视组"
