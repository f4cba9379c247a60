"""A markdown copy of a notice (a .md file, or a .txt that carries markdown marks) is read as the text a
reader sees: front matter, emphasis, comments, links, images and list markers go, the notice's own
numbering stays, and the summary has exactly the plain notice's structure, with every quote verbatim
in the extracted text."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from conftest import SEEDS, gold_for
from variants import MARKDOWN_VARIANTS

from summarise.api import summarise_document, summarise_path
from summarise.evaluate import score_summary
from summarise.evidence import check
from summarise.extract.markdown import looks_like_markdown, markdown_text
from summarise.ingest import Document, from_bytes

# What differs between two files of one notice: where things are, not what they are.
_PLACES = {"evidence", "summary_evidence", "source", "coverage"}


def structure(value: Any) -> Any:
    """A summary without its offsets and source: areas, items, problems, counts, meta, warnings."""
    if isinstance(value, dict):
        if {"start", "end"} <= set(value):
            return "<span>"
        return {k: structure(v) for k, v in value.items() if k not in _PLACES}
    if isinstance(value, list):
        return [structure(v) for v in value]
    return value


CASES = [(seed, name, suffix) for seed in SEEDS for name in MARKDOWN_VARIANTS for suffix in (".md", ".txt")]


@pytest.mark.parametrize(
    ("seed", "variant", "suffix"), CASES, ids=[f"{s.stem[:3]}-{v}{x}" for s, v, x in CASES]
)
def test_a_markdown_copy_gives_exactly_the_plain_notices_structure(
    seed: Path, variant: str, suffix: str, tmp_path: Path
) -> None:
    copy = MARKDOWN_VARIANTS[variant](seed.read_text(encoding="utf-8"))
    assert "<!--more-->" in copy and "**" in copy and copy.startswith("---\n")
    path = tmp_path / f"{seed.stem}{suffix}"
    path.write_text(copy, encoding="utf-8")

    summary = summarise_path(path)
    plain = summarise_path(seed)

    assert summary.source.format == "md"
    assert structure(summary.model_dump(mode="json")) == structure(plain.model_dump(mode="json"))
    assert score_summary(gold_for(seed), summary, path.name).misses == []
    # Evidence points into the extracted text, and that text carries no markdown marks.
    assert check(summary) == []
    for mark in ("**", "<!--", "](", "title:", "## "):
        assert mark not in summary.source.text


REALWORLD = sorted((Path(__file__).parent / "realworld" / "notices").glob("*.txt"))
# The real notices' openings carry page chrome above the title, so their copies keep the title in the
# body (a generated front matter title would be that chrome).
IN_BODY = ("markdown", "markdown_list")


@pytest.mark.parametrize("notice", REALWORLD, ids=[n.stem[:3] for n in REALWORLD])
def test_markdown_copies_of_real_notices_give_their_structure(notice: Path, tmp_path: Path) -> None:
    plain = structure(summarise_path(notice).model_dump(mode="json"))
    for variant in IN_BODY:
        path = tmp_path / f"{variant}.md"
        path.write_text(MARKDOWN_VARIANTS[variant](notice.read_text(encoding="utf-8")), encoding="utf-8")
        summary = summarise_path(path)
        assert structure(summary.model_dump(mode="json")) == plain, variant
        assert check(summary) == []


def test_a_trailing_source_link_is_page_furniture_but_a_titled_link_is_text() -> None:
    text = "正文。\n[来源](https://example.org/a.html)\n[阅读原文](https://x.org) | [返回](/)\n[关于整改的通报](https://x.org/b)\n"
    assert markdown_text(text).split("\n") == ["正文。", "关于整改的通报"]


def test_the_front_matter_title_is_the_title_when_the_body_has_none() -> None:
    text = '---\ntitle: "中共某某区委关于巡察整改进展情况的通报"\ndate: 2025-01-02\n---\n\n根据区委统一部署,现将整改情况予以公布。\n'
    assert markdown_text(text).split("\n")[0] == "中共某某区委关于巡察整改进展情况的通报"


def test_the_bodys_own_title_is_preferred_to_the_front_matters() -> None:
    text = (
        "---\ntitle: 巡察整改通报 - 某某新闻网\n---\n\n# 中共某某区委\n# 关于巡察整改进展情况的通报\n\n"
        "根据区委统一部署,现将整改情况予以公布。\n"
    )
    assert markdown_text(text).split("\n")[:2] == ["中共某某区委", "关于巡察整改进展情况的通报"]
    assert "新闻网" not in markdown_text(text)


def test_a_comment_inside_a_paragraph_goes_and_the_paragraph_stays_whole() -> None:
    text = "根据区委统一部署, <!--more--> 现将整改情况予以公布。\n<!-- 编者按 -->\n一、整改情况\nsee <!-- x --> this\n"
    assert markdown_text(text) == "根据区委统一部署,现将整改情况予以公布。\n一、整改情况\nsee this"


def test_a_comment_across_lines_goes_and_an_unclosed_one_is_text() -> None:
    assert markdown_text("甲\n<!--\n多行\n注释\n-->\n乙") == "甲\n乙"
    assert markdown_text("甲<!--未闭合\n乙") == "甲<!--未闭合\n乙"


def test_bold_after_full_width_punctuation_is_removed() -> None:
    # CommonMark's flanking rules would leave these marks in: a closing ** after 。 before 巡.
    text = "**(一)提高政治站位。**巡察反馈会后,**党委**召开会议。__强调__与~~删除~~、*斜体*"
    assert markdown_text(text) == "(一)提高政治站位。巡察反馈会后,党委召开会议。强调与删除、斜体"


def test_headings_links_images_code_and_entities_are_reduced_to_their_text() -> None:
    text = (
        '## 一、整改情况 ##\n#二、下一步工作\n详见[整改方案](https://example.org/a.html "方案")。'
        "![](https://example.org/a.png)![图1 会议现场](b.jpg)\n<https://example.org/x>\n`代码`&nbsp;A&amp;B\n"
        "[来源][1]\n[1]: https://example.org/notice.html\n"
    )
    assert markdown_text(text).split("\n") == [
        "一、整改情况",
        "二、下一步工作",
        "详见整改方案。图1 会议现场",
        "https://example.org/x",
        "代码\u00a0A&B",
        "来源",
    ]


def test_bullets_go_but_the_notices_own_numbering_stays() -> None:
    text = "- (1)针对问题。\n* 一是加强学习。\n+ 二是强化服务。\n1. 关于学习不深入的问题\n2.关于引领作用\n1\\. 转义的编号\n  - 嵌套\n"
    assert markdown_text(text).split("\n") == [
        "(1)针对问题。",
        "一是加强学习。",
        "二是强化服务。",
        "1. 关于学习不深入的问题",
        "2.关于引领作用",
        "1. 转义的编号",
        "嵌套",
    ]


def test_chinese_angle_brackets_and_lone_marks_are_kept() -> None:
    text = "制定《关于落实<市委联动巡察组巡察的反馈意见>的整改方案》,5*3 与 a_b_c 与 [2020]12号"
    assert markdown_text(text) == text


def test_rules_tables_blockquotes_and_toml_front_matter() -> None:
    text = '+++\ntitle = "关于巡察整改进展情况的通报"\n+++\n> 引用段落\n\n---\n| 问题 | 状态 |\n|---|:---:|\n| 甲 | 已完成 |\n'
    assert markdown_text(text).split("\n") == [
        "关于巡察整改进展情况的通报",
        "引用段落",
        "问题 状态",
        "甲 已完成",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "---\ntitle: 通报\n---\n正文",
        "正文<!--more-->正文",
        "**一、整改情况**\n正文\n**二、下一步**\n",
        "# 一、整改情况\n正文\n# 二、下一步\n",
        "**一、整改情况**\n正文 [来源](https://example.org/a.html)\n",
    ],
)
def test_a_txt_with_clear_markdown_marks_is_markdown(text: str) -> None:
    assert looks_like_markdown(text)
    assert from_bytes(text.encode(), name="copy.txt", path="copy.txt").format == "md"


@pytest.mark.parametrize(
    "text",
    [
        "一、整改情况\n1.关于问题。5*3=15,见[1]。\n---\n",
        "**一、整改情况**\n正文\n",
        "正文见 [来源](https://example.org/a.html)\n",
        "# 仅一行像标题\n正文\n",
        "<!--未闭合的注释\n正文\n",
    ],
)
def test_a_txt_without_clear_evidence_is_plain_text(text: str) -> None:
    assert not looks_like_markdown(text)
    doc = from_bytes(text.encode(), name="plain.txt", path="plain.txt")
    assert (doc.format, doc.text) == ("txt", text)


@pytest.mark.parametrize("seed", SEEDS, ids=[s.stem[:3] for s in SEEDS])
def test_a_plain_notice_is_untouched(seed: Path) -> None:
    data = seed.read_bytes()
    doc = from_bytes(data, name=seed.name, path=str(seed))
    assert doc.format == "txt"
    assert doc.text == data.decode("utf-8")
    unread = Document(data.decode("utf-8"), doc.sha256, doc.encoding, "txt", str(seed))
    assert summarise_document(doc).model_dump_json() == summarise_document(unread).model_dump_json()


@pytest.mark.parametrize(
    "run",
    ["[" * 20_000, "**a" * 7_000, "<!--" * 5_000, "*" * 20_000, "![" * 10_000, "_a" * 10_000, "`" * 20_000],
)
def test_runs_of_unclosed_marks_cost_linear_time(run: str) -> None:
    started = time.perf_counter()
    markdown_text(f"---\ntitle: t\n---\n正文{run}正文\n")
    assert time.perf_counter() - started < 1.0
