"""Stated counts: every level a notice counts, how far each got, and only like compared with like.

Sentences quoted from real pages (short excerpts; traditional characters are read through the view):
- 清华大学 / 武汉大学 measures done: 中国新闻网 "中管高校晒巡视整改清单", 2017-08-31, mirrored at
  http://music-haotian.com/xwzx/PoliticsNews/201708/t20170831_11837396.htm
- 三大方面的45项问题: http://m.zuzhaopin.cn/show/424.html (市委第一巡察组巡察襄阳市中心医院党委情况反馈会)
- 46项具体问题…28项完成阶段性整改…新建、修订制度18项: https://www.wentop.com/wen/51/101605.html
- 5大方面14个问题: https://www.xingning.gov.cn/jrxn/xzfc/content/post_1512754.html
- the openings in tests/fixtures/genre/real_wucheng_culture_excerpt.txt
  (http://www.wuch.gov.cn/art/2023/5/4/art_1229182325_4090257.html) and
  tests/realworld/notices/004_kunming_round_level_40_units.txt (http://jw.km.gov.cn/c/2023-01-29/4656419.shtml)
The chains 6个方面17大项问题69子项问题177项任务 and 4个方面12类问题和4条意见建议…39个具体问题…157项整改措施
are worded as central-inspection notices word them; tests/fixtures/synthetic_university_tasks.txt is a
whole notice written the same way.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import ROOT, SEEDS

from summarise.api import summarise_path
from summarise.archive.rows import flatten
from summarise.i18n import Lang, use_lang
from summarise.ingest import Document
from summarise.models import Evidence, StatedCount
from summarise.pipeline import summarise_document
from summarise.reconcile import reconcile, stated_problems
from summarise.rules import counts
from summarise.rules.context import Context

FIXTURES = ROOT / "tests" / "fixtures"


def read(text: str) -> dict[str, float]:
    ctx = Context.of(text)
    return {k: v.value for k, v in counts.stated(ctx, [(0, len(ctx.text))]).items()}


def count(value: float) -> StatedCount:
    return StatedCount(value=value, text=str(int(value)), evidence=Evidence(start=0, end=0, quote=""))


def mismatches(stated: dict[str, float], found: dict[str, int], lang: Lang = "en") -> list[str]:
    with use_lang(lang):
        return [w.message for w in reconcile({k: count(v) for k, v in stated.items()}, found)]


# -- reading the levels ----------------------------------------------------------------------------


def test_a_chain_of_levels_is_read_level_by_level() -> None:
    assert read("学校党委对照巡视反馈的6个方面17大项问题69子项问题,梳理形成177项任务。") == {
        "areas": 6,
        "items": 17,
        "sub_items": 69,
        "tasks": 177,
    }


def test_categories_suggestions_specific_problems_and_measures_are_kept_apart() -> None:
    text = "巡视反馈了4个方面12类问题和4条意见建议,细化为39个具体问题,制定157项整改措施。"
    assert read(text) == {"areas": 4, "items": 12, "suggestions": 4, "problems": 39, "measures": 157}


def test_the_seed_chain_of_areas_items_and_problems_is_unchanged() -> None:
    text = "根据反馈意见提出的4个方面15项29个问题,逐一对照,狠抓整改落实,具体如下:"
    assert read(text) == {"areas": 4, "items": 15, "problems": 29}


def test_a_refined_count_is_the_problems_and_the_count_it_refines_the_items() -> None:
    # tests/realworld/notices/031 (its source is in its gold file)
    text = "对照巡视反馈意见中指出的4个方面13个问题,进一步梳理细化为62个具体问题,制定221项整改措施。"
    assert read(text) == {"areas": 4, "items": 13, "problems": 62, "measures": 221}
    text = "巡视反馈了4个方面12类问题,细化为39个具体问题,制定157项整改措施。"
    assert read(text) == {"areas": 4, "items": 12, "problems": 39, "measures": 157}


def test_problems_of_every_kind_found_by_the_inspection() -> None:
    # tests/realworld/notices/005: the areas named in one quoted phrase, the count after 各类
    text = (
        "以巡察反馈“落实问题整改主体责任不严不实、贯彻落实上级重大决策部署不力、履行责任不到位,监管‘高举轻放’”"
        "等三个方面共发现反馈各类问题16个为导向,县医疗保障局先后召开会议4次。"
    )
    assert read(text) == {"areas": 3, "problems": 16}


def test_a_count_of_items_followed_by_problems_is_a_count_of_problems() -> None:
    assert read("反馈了3个方面12项问题。") == {"areas": 3, "problems": 12}
    assert read("巡察反馈3个方面12个突出问题。") == {"areas": 3, "problems": 12}


# -- how far each level got ------------------------------------------------------------------------


def test_tasks_completed_and_long_term_are_tasks_not_problems() -> None:
    text = "截至目前,177项整改任务,已完成174项,长期整改任务3项;制定整改措施543条。"
    assert read(text) == {"tasks": 177, "tasks_completed": 174, "tasks_long_term": 3, "measures": 543}


def test_a_completion_in_a_later_sentence_counts_the_noun_counted_before_it() -> None:
    text = "梳理形成整改任务177项。目前,已完成174项,其余3项需长期坚持。"
    assert read(text) == {"tasks": 177, "tasks_completed": 174, "tasks_long_term": 3}


def test_a_completion_counts_the_noun_with_its_classifier() -> None:
    # 10个 are problems (个), not the measures (条) counted between them.
    text = "巡察反馈3个方面12个问题,制定整改措施80条,已完成整改10个。"
    assert read(text) == {"areas": 3, "problems": 12, "measures": 80, "completed": 10}


def test_measures_done_and_in_progress_in_real_sentences() -> None:
    tsinghua = (
        "例如,清華大學介紹,該校形成了包括3大方面、10大重點任務的整改方案,並細化為包括31個專項、150條整改措施"
        "的整改清單。截至目前,128項整改措施已如期完成,其餘按計劃需要繼續整改和長期整改的22項正在全力推進。"
    )
    assert read(tsinghua) == {
        "areas": 3,
        "measures": 150,
        "measures_completed": 128,
        "measures_in_progress": 22,
    }
    wuhan = "武漢大學則制定了139項整改措施,截至8月20日,共計完成整改措施119項,其餘20項正按照計劃推進。"
    assert read(wuhan) == {"measures": 139, "measures_completed": 119, "measures_in_progress": 20}


def test_problems_done_in_stages_in_real_openings() -> None:
    wucheng = "截至目前,巡察反馈25个问题,已完成整改19个、正在整改6个,整改完成率76%。"
    assert read(wucheng) == {"problems": 25, "completed": 19, "in_progress": 6, "completion_rate": 76}
    kunming = (
        "截止目前,巡察反馈的697个问题,完成整改688个,基本完成取得阶段性成果并持续整改问题4个,未完成5个,"
        "总体完成率98.71%。"
    )
    assert read(kunming) == {
        "problems": 697,
        "completed": 688,
        "basically_completed": 4,
        "completion_rate": 98.71,
    }
    speech = "针对巡察指出的46项具体问题,目前已有28项完成阶段性整改。"
    assert read(speech) == {"problems": 46, "partially_completed": 28}


def test_rules_made_and_revised() -> None:
    assert read("新建制度44项、修订41项。") == {"rules_made": 44, "rules_revised": 41}
    assert read("修订完善制度41项。") == {"rules_revised": 41}
    assert read("制定修订制度12项。") == {"rules_made": 12}  # made and revised together
    assert read("制定及修改完善制度12项,追缴资金7.132万元。") == {"rules_made": 12, "money_recovered": 7.132}
    assert read("完善和新建制度589项。") == {"rules_made": 589}
    assert read("新建、修订制度18项。") == {"rules_made": 18}


# -- numerals, quotes, idioms ----------------------------------------------------------------------


def test_counts_in_chinese_numerals() -> None:
    hospital = (
        "原汁原味通報了醫院黨委在落實黨的全面領導、加強黨的建設、落實全面從嚴治黨職責三大方面的45項問題。"
    )
    assert read(hospital) == {"areas": 3, "problems": 45}
    assert read("巡察反馈了两个方面十一个问题,已完成整改九个。") == {
        "areas": 2,
        "problems": 11,
        "completed": 9,
    }


def test_counts_inside_a_quoted_phrase() -> None:
    assert read("巡察组聚焦“三个方面”反馈问题十一个,已完成整改九个。") == {
        "areas": 3,
        "problems": 11,
        "completed": 9,
    }
    assert read("反馈了“3个方面”的11个问题。") == {"areas": 3, "problems": 11}


def test_a_lone_yi_is_an_idiom_not_a_count() -> None:
    assert read("要一个问题一个问题地解决,另一方面要加强监督,推动各方面工作。") == {}


# -- the previous round ----------------------------------------------------------------------------


def test_previous_round_counts_are_not_this_rounds() -> None:
    text = "上一轮巡察反馈的30个问题已全部整改。本轮巡察反馈3个方面8个问题,已完成整改6个。"
    assert read(text) == {"areas": 3, "problems": 8, "completed": 6}


def test_previous_round_counts_are_left_out_clause_by_clause() -> None:
    text = "对上轮巡察反馈的12个问题开展回头看,本轮巡察共反馈问题25个,较上轮减少10个,已完成整改20个。"
    assert read(text) == {"problems": 25, "completed": 20}
    # the clauses that follow a previous-round clause speak of that round until this round is named again
    text = "上一轮巡视反馈的30个问题,已整改完成28个,本次巡视反馈问题9个。"
    assert read(text) == {"problems": 9}


# -- like with like ---------------------------------------------------------------------------------


def test_tasks_completed_are_never_compared_with_problems() -> None:
    found = {"areas": 6, "items": 17, "problems": 15}
    messages = mismatches({"tasks": 177, "tasks_completed": 174, "tasks_long_term": 3}, found)
    assert messages == []


def test_the_university_notice_states_what_it_found() -> None:
    s = summarise_path(FIXTURES / "synthetic_university_tasks.txt")
    stated = {k: v.value for k, v in s.stated_counts.items()}
    assert stated == {
        "areas": 2,
        "items": 3,
        "sub_items": 5,
        "tasks": 12,
        "measures": 40,
        "tasks_completed": 11,
        "tasks_long_term": 1,
        "rules_made": 6,
        "rules_revised": 4,
    }  # not the 30 problems of 上一轮
    assert (s.found_counts["areas"], s.found_counts["items"], s.found_counts["problems"]) == (2, 3, 5)
    assert [w for w in s.warnings if w.code == "count_mismatch"] == []  # 11 tasks done is not 11 problems


def test_sub_items_are_compared_with_the_problems_found() -> None:
    messages = mismatches(
        {"areas": 6, "items": 17, "sub_items": 69}, {"areas": 6, "items": 17, "problems": 60}
    )
    assert messages == [
        "report states 6 areas, 17 items, 69 sub-item problems; found 6 areas, 17 items, 60 problems"
    ]


def test_problems_done_are_compared_with_the_problems_stated_or_else_found() -> None:
    assert mismatches({"problems": 25, "completed": 19}, {"areas": 1, "items": 1, "problems": 1}) == [
        "report states 25 problems; found 1 problems"
    ]
    assert mismatches({"problems": 25, "completed": 30}, {"areas": 1, "items": 25, "problems": 25}) == [
        "report states 30 completed, more than the 25 problems it states"
    ]
    assert mismatches({"completed": 19}, {"areas": 1, "items": 3, "problems": 3}) == [
        "report states 19 completed, more than the 3 problems found"
    ]


def test_tasks_and_measures_done_are_compared_with_their_own_totals() -> None:
    found = {"areas": 1, "items": 1, "problems": 1}
    assert mismatches({"tasks": 177, "tasks_completed": 180}, found) == [
        "report states 180 tasks completed, more than the 177 tasks it states"
    ]
    assert mismatches({"measures": 139, "measures_in_progress": 140}, found) == [
        "report states 140 measures in progress, more than the 139 measures it states"
    ]


def test_count_warnings_are_chinese_by_default() -> None:
    found = {"areas": 6, "items": 17, "problems": 60}
    assert mismatches({"areas": 6, "items": 17, "sub_items": 69}, found, "zh") == [
        "通报自述 6 个方面、17 项、69 个子项问题，摘要识别出 6 个方面、17 项、60 个问题"
    ]
    assert mismatches({"problems": 25, "completed": 30}, {"areas": 1, "items": 25, "problems": 25}, "zh") == [
        "通报自述已完成 30 个问题，多于其所述的 25 个"
    ]
    assert mismatches({"tasks": 177, "tasks_completed": 180}, found, "zh") == [
        "通报自述任务已完成 180 项，多于其所述的 177 项任务"
    ]


def test_the_index_states_sub_item_problems_when_no_problems_are_counted() -> None:
    text = (FIXTURES / "synthetic_university_tasks.txt").read_text("utf-8")
    s = summarise_document(Document(text=text, sha256="0" * 64, encoding="utf-8", format="txt"))
    assert flatten(s).report["stated_problems"] == 5


# -- the real-world set and the seeds ----------------------------------------------------------------

REALWORLD = ROOT / "tests" / "realworld"
GOLDS = sorted((REALWORLD / "gold").glob("*.json"))


@pytest.mark.parametrize("gold_path", GOLDS, ids=[p.stem for p in GOLDS])
def test_the_real_openings_state_the_problems_their_gold_states(gold_path: Path) -> None:
    gold = json.loads(gold_path.read_text("utf-8"))
    s = summarise_path(REALWORLD / "notices" / gold["notice"])
    found = stated_problems(s.stated_counts)
    want = (gold["stated_counts"] or {}).get("problems")
    assert (found[1].value if found else None) == want


SEED_COUNTS = {
    "000_644608b945203e47": {},
    "001_ab1517135964eae8": {"areas": 4, "items": 15, "problems": 29},
    "002_918692c62dd8af6d": {},
    "003_5e2350e4989e1303": {},
    "004_309f593f3d4db6ca": {},
}


@pytest.mark.parametrize("seed", SEEDS, ids=[s.stem for s in SEEDS])
def test_the_seeds_stated_counts_are_what_their_text_states(seed: Path) -> None:
    s = summarise_path(seed)
    assert {k: v.value for k, v in s.stated_counts.items()} == SEED_COUNTS[seed.stem]
    assert [w for w in s.warnings if w.code == "count_mismatch"] == []
