"""The HTML view as a string: self-contained, escaped, every item linked to its evidence or marked unverified."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import SEEDS
from typer.testing import CliRunner

from summarise.api import summarise_document
from summarise.cli import app
from summarise.ingest import from_bytes
from summarise.models import Evidence, ReportSummary
from summarise.render.html import render

SEED = next(s for s in SEEDS if s.name.startswith("001"))

# Markup a hostile (or merely careless) report might carry; none of it may become markup in the view.
PAYLOADS = [
    "<script>window.__pwned = 1; alert(1)</script>",
    '<img src=x onerror="window.__pwned = 2">',
    '"><svg onload=alert(3)>',
    "</div></section><iframe src=https://example.com>",
]


def hostile_text() -> str:
    """Seed 000 with markup in the title, an item heading, a measure and the contact line."""
    lines = SEEDS[0].read_text(encoding="utf-8").split("\n")
    out = [f"关于{PAYLOADS[0]}整改进展情况的通报"]
    items = 0
    for line in lines:
        if re.match(r"\d+\.", line.strip()) and items < 3:
            line = line.rstrip() + PAYLOADS[items + 1]
            items += 1
        elif line.startswith("一是") or "联系方式" in line:
            line = line.replace("。", PAYLOADS[1] + "。", 1)
        out.append(line)
    return "\n".join(out)


def summary_of(text: str, name: str = "report.txt") -> ReportSummary:
    return summarise_document(from_bytes(text.encode("utf-8"), name=name, path=name))


class Tags(HTMLParser):
    """Every start tag with its attributes, as a browser's tokenizer would see them."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def tags(page: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = Tags()
    parser.feed(page)
    return parser.tags


@pytest.fixture(scope="module")
def seed_page() -> tuple[ReportSummary, str]:
    summary = summary_of(SEED.read_text(encoding="utf-8"), SEED.name)
    return summary, render(summary)


def test_page_is_self_contained(seed_page: tuple[ReportSummary, str]) -> None:
    _, page = seed_page
    found = tags(page)
    assert not [t for t, a in found if t in {"link", "img", "iframe", "object", "embed"}]
    assert not [a for _, a in found if a.get("src")]
    assert [t for t, _ in found].count("script") == 1
    assert not re.search(r"(?:href|src)=\"(?:https?:)?//", page)
    csp = next(
        a["content"] for t, a in found if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"
    )
    assert csp and "default-src 'none'" in csp and "unsafe-inline" not in csp


def test_every_problem_is_listed_and_linked(seed_page: tuple[ReportSummary, str]) -> None:
    summary, page = seed_page
    found = tags(page)
    problems = [a for t, a in found if t == "li" and "problem" in (a.get("class") or "").split()]
    assert len(problems) == summary.problem_count() == 29
    anchors = {a["id"] for t, a in found if t == "span" and a.get("id", "").startswith("o")}
    links = [a for t, a in found if t == "a" and "ev" in (a.get("class") or "").split()]
    assert links
    for link in links:
        # Each evidence link points at a source segment that exists and starts where the quote starts.
        assert link["href"] == f"#o{link['data-s']}"
        assert f"o{link['data-s']}" in anchors


def test_source_segments_rebuild_the_source(seed_page: tuple[ReportSummary, str]) -> None:
    import html

    summary, page = seed_page
    src = page.split('<div id="src">', 1)[1].split("</div>\n</section>", 1)[0]
    assert html.unescape(re.sub(r"<[^>]+>", "", src)) == summary.source.text


def test_status_badges_and_counts(seed_page: tuple[ReportSummary, str]) -> None:
    summary, page = seed_page
    assert page.count('class="badge s-done"') >= summary.found_counts["done"]
    assert '<li data-count="problems"><b>29</b>' in page
    assert "通报自述" in page
    assert "完成时限" in page  # outstanding items with their deadlines
    assert "问责处理" in page


def test_hostile_report_is_shown_as_text() -> None:
    summary = summary_of(hostile_text())
    assert "<script>" in (summary.meta.title or "")  # the payload really reaches the summary
    page = render(summary)
    found = tags(page)
    assert [t for t, _ in found].count("script") == 1
    assert not [t for t, _ in found if t in {"img", "svg", "iframe"}]
    assert not [a for _, a in found if any(k.startswith("on") for k in a)]
    assert "&lt;script&gt;window.__pwned = 1; alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=&quot;window.__pwned = 2&quot;&gt;" in page


def test_unverified_evidence_is_shown_as_such(seed_page: tuple[ReportSummary, str]) -> None:
    summary = seed_page[0].model_copy(deep=True)
    item = summary.areas[0].items[0]
    item.evidence = Evidence(
        start=0, end=4, quote='不在原文中的引文"><img src=x onerror=alert(1)>', verified=False
    )
    page = render(summary)
    found = tags(page)
    unverified = [a for t, a in found if t == "a" and "unv" in (a.get("class") or "").split()]
    assert len(unverified) == 1
    assert unverified[0]["data-quote"] == item.evidence.quote
    assert "1 条引文未核验" in page
    assert len([a for t, a in found if t == "li" and "problem" in (a.get("class") or "").split()]) == 29
    assert not [t for t, _ in found if t == "img"]


def test_cli_writes_the_html_view(tmp_path: Path) -> None:
    out = tmp_path / "out.html"
    result = CliRunner().invoke(app, ["report", str(SEED), "--format", "html", "-o", str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert '<html lang="zh-CN">' in page
    assert "Noto Sans CJK SC" in page and "Noto Serif CJK SC" in page


def test_a_text_that_is_not_a_notice_still_renders() -> None:
    summary = summary_of("这是一段与巡察无关的文字。\n第二行 & <b>不是标签</b>\n")
    page = render(summary)
    assert "未识别出问题清单" in page
    assert "&lt;b&gt;不是标签&lt;/b&gt;" in page
    assert "not_a_report" in page
