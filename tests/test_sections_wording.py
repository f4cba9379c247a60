"""Top-level sections are recognised by the genre's wordings, not by one notice's: organisation, problems,
discipline, outstanding, next steps and contact; where the wording is ambiguous the structure decides.
The notices here are written for the test, after the forms published notices take."""

from __future__ import annotations

import pytest

from summarise.ingest import Document
from summarise.models import ReportSummary
from summarise.normalise import normalise
from summarise.outline import parse
from summarise.pipeline import summarise_document
from summarise.sections import Kind, classify, sections


def summarise_str(text: str) -> ReportSummary:
    return summarise_document(Document(text=text, sha256="0" * 64, encoding="utf-8", format="txt"))


def kinds(text: str) -> list[str]:
    return [k.value for k, _ in sections(parse(normalise(text)))]


OPENING = (
    "中共某某县交通运输局党组关于县委巡察反馈意见整改进展情况的通报\n"
    "根据县委统一部署,2024年4月8日至5月30日,县委第三巡察组对县交通运输局党组开展了常规巡察,"
    "并于2024年7月5日反馈了巡察意见。现将整改进展情况予以公布。\n"
)
PROBLEMS = (
    "二、巡察反馈问题整改落实情况\n"
    "(一)关于贯彻落实上级决策部署方面\n"
    "1.关于农村公路养护不到位的问题\n"
    "完成县乡道路养护120公里,整治安全隐患路段9处。\n"
    "(二)关于全面从严治党方面\n"
    "1.关于公务用车管理不规范的问题\n"
    "修订公务用车管理办法,清退违规使用车辆2台。\n"
)


def notice(org_title: str, closing_title: str = "三、下一步工作打算") -> str:
    return (
        OPENING
        + f"一、{org_title}\n"
        + "(一)提高思想认识。局党组召开专题会议,传达学习县委巡察组反馈意见。\n"
        + "(二)加强组织领导。成立由党组书记任组长的整改工作领导小组。\n"
        + "(三)细化整改措施。制定整改方案,明确责任领导和完成时限。\n"
        + PROBLEMS
        + f"{closing_title}\n"
        + "一是持续巩固整改成果;二是健全长效机制。\n"
    )


# Organisation sections as notices word them: who led the rectification and how it was organised.
ORGANISATION = [
    "党工委及主要负责人组织落实整改情况",
    "党组(党委)及主要负责人组织整改落实情况",
    "党工委履行巡察整改主体责任情况",
    "整改工作开展情况",
    "整改工作组织开展情况",
    "局党组组织开展巡察整改工作情况",
    "提高政治站位,强化主体责任,推动巡察整改工作落实到位",
    "落实主体责任,把巡察整改作为重大政治任务抓紧抓好",
    "坚决扛起巡视整改政治责任,以高度政治自觉推动整改落实",
    "统一思想认识,压实整改责任",
    "高度重视,迅速部署整改工作",
    "整改工作的主要做法",
    "整改工作总体情况",
]


@pytest.mark.parametrize("title", ORGANISATION)
def test_organisation_wordings_are_organisation(title: str) -> None:
    assert kinds(notice(title)) == ["organisation", "problems", "next_steps"]


def test_an_organisation_section_that_speaks_of_a_major_political_task_adds_no_problems() -> None:
    s = summarise_str(notice("落实主体责任,把巡察整改作为重大政治任务抓紧抓好"))
    assert [a.title for a in s.areas] == ["关于贯彻落实上级决策部署方面", "关于全面从严治党方面"]
    assert [i.named_problem for a in s.areas for i in a.items] == ["农村公路养护不到位", "公务用车管理不规范"]
    assert [t.title for t in s.organisation] == ["提高思想认识", "加强组织领导", "细化整改措施"]


# The problems section: what was found and how each finding was rectified.
PROBLEM_SECTIONS = [
    "巡察反馈问题整改落实情况",
    "巡察反馈问题的整改情况",
    "巡察整改任务落实情况",
    "反馈问题整改情况",
    "对巡察反馈意见的整改落实情况",
    "巡察发现问题整改情况",
    "聚焦反馈问题,扎实推进巡视整改各项任务落实",
    "坚持问题导向,推动巡视反馈问题整改落实见效",
    "具体整改情况",
]


@pytest.mark.parametrize("title", PROBLEM_SECTIONS)
def test_problem_section_wordings_hold_the_problems(title: str) -> None:
    text = notice("整改工作开展情况").replace("二、巡察反馈问题整改落实情况", f"二、{title}")
    assert kinds(text) == ["organisation", "problems", "next_steps"]


def test_a_problems_section_worded_like_organisation_is_taken_by_its_areas() -> None:
    # No wording says "problems" here; the 方面 headings under it do.
    text = notice("整改工作开展情况").replace(
        "二、巡察反馈问题整改落实情况", "二、提高站位抓整改,真改实改见成效"
    )
    assert kinds(text) == ["organisation", "problems", "next_steps"]


# The closing section: how rectification will go on, with or without 下一步.
NEXT_STEPS = [
    "下一步工作打算",
    "下一步工作安排",
    "下一步整改工作重点",
    "下步工作计划",
    "下一阶段工作思路",
    "今后努力方向",
    "持续巩固深化扩大巡视整改成果,推动学校事业高质量发展",
    "巩固拓展整改成果,推动各项工作再上新台阶",
    "深化成果运用,健全长效机制",
    "持续深化整改,久久为功抓落实",
    "坚持标本兼治,推动整改常态长效",
]


@pytest.mark.parametrize("title", NEXT_STEPS)
def test_a_closing_section_on_how_rectification_goes_on_is_next_steps(title: str) -> None:
    text = notice("整改工作开展情况", closing_title=f"三、{title}")
    assert kinds(text) == ["organisation", "problems", "next_steps"]
    s = summarise_str(text)
    assert [t.text for t in s.next_steps] == ["持续巩固整改成果", "健全长效机制"]


def test_continuation_wording_before_the_problems_is_not_next_steps() -> None:
    # 巩固整改成果 as the notice's first section is how the work was organised, not what comes next.
    text = notice("强化组织领导,巩固整改成果")
    assert kinds(text)[0] == "organisation"


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("问题线索处置情况", Kind.discipline),
        ("巡察移交问题线索办理情况", Kind.discipline),
        ("问题线索处置和追责问责情况", Kind.discipline),
        ("运用监督执纪“四种形态”处理情况", Kind.discipline),
        ("需要进一步整改的事项", Kind.outstanding),
        ("尚未完成整改的问题及措施", Kind.outstanding),
        ("需长期坚持的整改事项", Kind.outstanding),
        ("阶段性完成的事项", Kind.outstanding),
        ("联系方式", Kind.contact),
    ],
)
def test_discipline_outstanding_and_contact_wordings(title: str, kind: Kind) -> None:
    assert classify(title) is kind


UNIVERSITY = """中共某某大学委员会关于巡视整改进展情况的通报
根据党中央统一部署,2024年3月至5月,中央第十巡视组对某某大学党委进行了常规巡视,并于2024年7月10日反馈了巡视意见。现将巡视整改进展情况予以公布。
一、坚决扛起巡视整改政治责任,以高度政治自觉推动整改落实
学校党委把巡视整改作为重大政治任务。一是加强组织领导,党委常委会先后12次专题研究整改工作。二是细化整改方案,建立整改台账。
二、聚焦反馈问题,扎实推进巡视整改各项任务落实
(一)深入学习贯彻习近平新时代中国特色社会主义思想
1.关于理论学习不够深入的问题
完善党委理论学习中心组学习制度,全年开展集体学习16次。
2.关于落实立德树人根本任务有差距的问题
修订本科人才培养方案,新开设思政选修课程23门。
(二)加强师德师风建设
学校党委修订师德失范行为处理办法,一是开展师德专题教育,覆盖全体教职工;二是建立师德档案,实行年度考核一票否决。
(三)落实全面从严治党责任
1.关于“两个责任”落实不到位的问题
党委与二级单位签订责任书42份,开展约谈提醒31人次。
(四)推进巡视整改和成果运用
学校党委把巡视整改与事业发展结合起来,建立健全长效机制,新制定制度44项、修订41项。
三、持续巩固深化扩大巡视整改成果,推动学校事业高质量发展
学校党委将坚持目标不变、标准不降、力度不减,一是持续抓好长期整改任务;二是健全长效机制。
欢迎广大干部群众对巡视整改落实情况进行监督。联系电话:010-12345678。
中共某某大学委员会
2025年1月15日
"""


def test_areas_without_numbered_items_keep_their_titles_and_measures() -> None:
    s = summarise_str(UNIVERSITY)
    assert [a.title for a in s.areas] == [
        "深入学习贯彻习近平新时代中国特色社会主义思想",
        "加强师德师风建设",
        "落实全面从严治党责任",
        "推进巡视整改和成果运用",
    ]
    assert [len(a.items) for a in s.areas] == [2, 0, 1, 0]
    prose = s.areas[1]
    assert [m.text for m in prose.measures] == [
        "学校党委修订师德失范行为处理办法",
        "开展师德专题教育,覆盖全体教职工",
        "建立师德档案,实行年度考核一票否决",
    ]
    assert s.areas[3].measures and s.areas[3].measures[0].text.startswith(
        "学校党委把巡视整改与事业发展结合起来"
    )
    assert [t.text for t in s.next_steps] == [
        "学校党委将坚持目标不变、标准不降、力度不减",
        "持续抓好长期整改任务",
        "健全长效机制",
    ]
    assert s.contact is not None and s.contact.phone == ["010-12345678"]


def test_a_list_of_items_with_one_subdivided_item_stays_items() -> None:
    # Only one heading of the list has children: it is an item with sub-problems, the rest are items too.
    text = (
        OPENING
        + "一、巡察反馈问题整改落实情况\n"
        + "(一)学习贯彻上级精神不深入\n组织专题学习6次。\n"
        + "(二)财务管理不规范\n(1)针对公务接待超标准的问题。追缴资金1.2万元。\n"
        + "(2)针对报销审核不严的问题。修订报销制度。\n"
        + "(三)项目推进滞后\n倒排工期,已完工2个。\n"
        + "二、下一步工作打算\n持续巩固整改成果。\n"
    )
    s = summarise_str(text)
    assert [a.title for a in s.areas].count(None) >= 1
    items = [i.title for a in s.areas for i in a.items]
    assert "学习贯彻上级精神不深入" in items and "项目推进滞后" in items


BUREAU = """中共某某区文化和旅游局党组关于巡察整改情况的通报
根据区委统一部署,2023年3月6日至4月20日,区委第一巡察组对区文化和旅游局党组进行了巡察。2023年6月2日,区委巡察组反馈了巡察意见。现将巡察整改情况予以公布。
局党组把巡察整改作为重大政治任务来抓,巡察反馈18个问题,已完成整改15个、正在整改3个。
(一)在“贯彻落实上级决策部署不够有力”方面
1.关于“学习贯彻上级重大决策部署不够到位”问题的整改
(1)关于“理论学习流于形式”的问题。整改情况:制定年度学习计划,开展集中学习12次。
(二)在“全面从严治党主体责任落实不到位”方面
1.关于“财务管理不规范”问题的整改
(1)关于“公务接待超标准”的问题。整改情况:追缴违规资金1.2万元,修订接待管理办法。
"""


def test_top_level_areas_are_areas_whatever_their_words() -> None:
    # (二)在“…主体责任落实不到位”方面 speaks of 主体责任 but is an area, not the organisation section.
    assert kinds(BUREAU) == ["other", "other"]
    s = summarise_str(BUREAU)
    assert [a.title for a in s.areas] == [
        "在“贯彻落实上级决策部署不够有力”方面",
        "在“全面从严治党主体责任落实不到位”方面",
    ]
    assert s.organisation == []


def test_organisation_subsections_worded_as_areas_are_no_areas() -> None:
    # 一、落实巡察整改责任的情况 / (一)组织领导方面: how the work was organised, in the opening of a notice.
    text = (
        OPENING
        + "一、落实巡察整改责任的情况\n"
        + "(一)组织领导方面。\n巡察反馈意见后,第一时间召开党组扩大会,成立整改工作领导小组。\n"
        + "(二)责任落实方面。\n明确领导班子承担巡察反馈问题整改工作主体责任。\n"
    )
    assert kinds(text) == ["organisation"]
    s = summarise_str(text)
    assert s.areas == []
    assert [t.title for t in s.organisation] == ["组织领导方面", "责任落实方面"]


def test_a_single_top_level_area_is_an_area() -> None:
    text = (
        OPENING
        + "一、关于贯彻落实党中央决策部署和省委、市委工作要求有差距方面\n"
        + "1.政治站位不高,“第一议题”制度落实不到位问题\n"
        + "(1)修订党组会议制度,明确将学习习近平总书记重要讲话精神作为第一议题。\n"
        + "2.标准要求不严,履职尽责有弱项问题\n"
        + "(1)强化政治引领,及时发布重要讲话精神。\n"
    )
    s = summarise_str(text)
    assert [a.title for a in s.areas] == ["关于贯彻落实党中央决策部署和省委、市委工作要求有差距方面"]
    assert [i.title for i in s.areas[0].items] == [
        "政治站位不高,“第一议题”制度落实不到位问题",
        "标准要求不严,履职尽责有弱项问题",
    ]


@pytest.mark.parametrize("title", ["整改进展情况及成效", "巡视整改进展情况"])
def test_progress_wording_holds_the_problems(title: str) -> None:
    text = (
        OPENING
        + "一、巡视整改组织领导情况\n党组深入学习贯彻习近平总书记关于巡视工作的重要论述。\n"
        + f"二、{title}\n"
        + "1.关于“政治引领有短板”问题的整改。\n一是组织专题学习;二是开展宣讲活动。\n"
    )
    assert kinds(text) == ["organisation", "problems"]
    s = summarise_str(text)
    assert [i.named_problem for a in s.areas for i in a.items] == ["政治引领有短板"]


def test_a_closing_section_on_remaining_gaps_is_next_steps() -> None:
    text = notice("整改工作开展情况", closing_title="三、正视工作差距")
    assert kinds(text) == ["organisation", "problems", "next_steps"]


def test_inline_pinyin_does_not_hide_the_wording() -> None:
    assert classify(
        "坚(jiān)持以习(xí)近平新时代中国特色社会主义思想为指引,切实抓紧抓实巡视整改政治责(zé)任"
    ) is (Kind.organisation)
