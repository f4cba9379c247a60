"""A notice cut short is still a notice; `not_a_report` is kept for texts that are not notices.

Real pages in tests/fixtures/genre/ (short excerpts, page chrome trimmed):
- real_wucheng_culture_excerpt.txt: 中共金华市婺城区文化和旅游体育局党组关于巡察整改情况的通报,
  http://www.wuch.gov.cn/art/2023/5/4/art_1229182325_4090257.html, as a web excerpt cut mid-sentence
- real_city_culture_bureau_opening.txt: 市文化广电旅游局党委's notice,
  http://www.jxsjw.gov.cn/nhqf/nhqf2019/xsxc/bjxc/202601/t20260123_6601480.shtml, cut after a heading
- real_news_central_round.txt: news, http://news.jschina.com.cn/scroll/guonei/202204/t20220418_2981661.shtml
- real_news_feedback_meeting.txt: news of a feedback meeting,
  http://linfench.com/index.php?p=news_show&id=1855&lanmu=5&c_id=1
- real_news_rectification_check.txt: news of a rectification check, http://www.hgjwjw.gov.cn/xyq/xsxs/663.html
- real_inspection_entry_announcement.txt: an entry announcement (巡察公告), http://www.qfjh.gov.cn/html/wenzhang_788333.html
- real_template_sales_page.txt: a document-sales page, https://www.renrendoc.com/paper/507609595.html
The synthetic_*.txt notices there are written for these tests. The round-level opening and the whole
real-world set are tests/realworld/notices (their sources are in tests/realworld/gold): every one of
them is an opening, so every one is a notice cut short.
"""

from __future__ import annotations

import io
import shutil
import sqlite3
from pathlib import Path

import pytest
from conftest import ROOT, SEEDS

from summarise.api import summarise_path
from summarise.archive import BulkOptions, run_bulk
from summarise.archive.progress import PlainReporter
from summarise.models import ReportSummary
from summarise.settings import Settings

CUT = ROOT / "tests" / "fixtures" / "genre"
REALWORLD = sorted((ROOT / "tests" / "realworld" / "notices").glob("*.txt"))
NOT_NOTICES = [
    "real_news_central_round.txt",
    "real_news_feedback_meeting.txt",
    "real_news_rectification_check.txt",
    "real_inspection_entry_announcement.txt",
    "real_template_sales_page.txt",
    "synthetic_unrelated_notice.txt",
]


def codes(summary: ReportSummary) -> list[str]:
    return [w.code for w in summary.warnings]


def warning(summary: ReportSummary, code: str) -> str:
    return next(w.message for w in summary.warnings if w.code == code)


def test_a_real_web_excerpt_of_a_notice_is_a_truncated_notice() -> None:
    s = summarise_path(CUT / "real_wucheng_culture_excerpt.txt")
    assert "not_a_report" not in codes(s)
    assert "止于句子中间" in warning(s, "truncated")
    truncated = next(w for w in s.warnings if w.code == "truncated")
    assert truncated.evidence is not None and truncated.evidence.quote.endswith("结合婺城公共文化实际")
    assert s.stated_counts["problems"].value == 25 and s.stated_counts["completed"].value == 19
    assert s.meta.inspector == "区委第二巡察组"


def test_a_real_opening_cut_after_a_heading_is_a_truncated_notice() -> None:
    s = summarise_path(CUT / "real_city_culture_bureau_opening.txt")
    assert "止于一个标题之后" in warning(s, "truncated")
    assert "not_a_report" not in codes(s)
    assert {k: v.value for k, v in s.stated_counts.items()} == {"rules_made": 45, "money_recovered": 5.0227}


def test_a_real_round_opening_with_no_problems_section_is_a_notice() -> None:
    s = summarise_path(next(p for p in REALWORLD if "kunming_round_level" in p.name))
    assert "not_a_report" not in codes(s)
    assert "no_problems_section" in codes(s)
    # It ends its opening on a whole sentence, where a round-level notice may end: not called truncated.
    assert "truncated" not in codes(s)
    assert s.stated_counts["problems"].value == 697


def test_a_notice_cut_inside_an_item_is_truncated_and_its_counts_disagree() -> None:
    s = summarise_path(CUT / "synthetic_cut_mid_item.txt")
    assert "止于句子中间" in warning(s, "truncated")
    assert "not_a_report" not in codes(s)
    assert warning(s, "count_mismatch") == "通报自述 3 个方面、9 个问题，摘要识别出 2 个方面、3 个问题"


def test_a_notice_cut_at_the_heading_of_its_problems_has_no_problems_section() -> None:
    s = summarise_path(CUT / "synthetic_cut_after_heading.txt")
    assert "止于一个标题之后" in warning(s, "truncated")
    assert warning(s, "no_problems_section") == "问题整改部分为空：正文止于该部分标题"
    assert "not_a_report" not in codes(s)


def test_a_notice_that_stops_inside_its_problems_with_no_signature_is_truncated() -> None:
    s = summarise_path(CUT / "synthetic_cut_inside_problems.txt")
    assert "止于问题部分" in warning(s, "truncated")
    assert s.problem_count() == 3


def test_an_excerpt_that_ends_with_an_ellipsis_is_truncated() -> None:
    s = summarise_path(CUT / "synthetic_excerpt_ellipsis.txt")
    assert "节选" in warning(s, "truncated")
    assert "no_problems_section" in codes(s) and "not_a_report" not in codes(s)


def test_a_whole_notice_without_a_signature_is_not_truncated() -> None:
    s = summarise_path(CUT / "synthetic_complete_unsigned.txt")
    assert "truncated" not in codes(s) and "not_a_report" not in codes(s)


@pytest.mark.parametrize("seed", SEEDS, ids=[s.stem for s in SEEDS])
def test_the_seeds_are_neither_truncated_nor_not_reports(seed: Path) -> None:
    s = summarise_path(seed)
    assert not {"truncated", "not_a_report", "no_problems_section"} & set(codes(s))


@pytest.mark.parametrize("notice", REALWORLD, ids=[p.stem for p in REALWORLD])
def test_every_real_opening_is_a_notice(notice: Path) -> None:
    assert "not_a_report" not in codes(summarise_path(notice))


@pytest.mark.parametrize("name", NOT_NOTICES)
def test_texts_that_are_not_notices_are_not_a_report(name: str) -> None:
    s = summarise_path(CUT / name)
    assert "not_a_report" in codes(s)
    assert "truncated" not in codes(s)


def test_bulk_stores_a_cut_short_notice_and_files_what_is_not_a_notice(tmp_path: Path) -> None:
    root = tmp_path / "in"
    root.mkdir()
    shutil.copy(CUT / "real_wucheng_culture_excerpt.txt", root / "excerpt.txt")
    shutil.copy(CUT / "real_news_feedback_meeting.txt", root / "news.txt")
    shutil.copy(SEEDS[0], root / "whole.txt")
    out = tmp_path / "out"
    tally = run_bulk(
        root,
        out,
        Settings(cache_dir=out / "cache"),
        BulkOptions(workers=1),
        PlainReporter(io.StringIO(), interval=3600),
    )
    assert tally.failed == 1
    assert (out / "excerpt.txt.json").is_file() and not (out / "news.txt.json").exists()
    db = sqlite3.connect(out / "index.sqlite")
    try:
        files = dict(db.execute("SELECT path, coalesce(error_kind, status) FROM files").fetchall())
        cut_short = db.execute(
            "SELECT r.path FROM warnings w JOIN reports r ON r.id = w.report_id WHERE w.code = 'truncated'"
        ).fetchall()
    finally:
        db.close()
    assert files == {"excerpt.txt": "summarised", "news.txt": "not_a_report", "whole.txt": "summarised"}
    assert cut_short == [("excerpt.txt",)]
