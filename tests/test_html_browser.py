"""The HTML view in a real browser: Debian's chromium, headless, driven by Playwright (never a download).

Opens the page from a file:// URL as a user would, asserts on the DOM, clicks items and checks the
evidence is highlighted and scrolled into view, and proves a hostile report runs no script and makes no
request. Screenshots go to tests/artifacts/ (git-ignored).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import SEEDS
from test_html import PAYLOADS, hostile_text, summary_of

from summarise.models import Evidence, ReportSummary
from summarise.render.html import render

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium"),
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield instance
        instance.close()


class Opened:
    """A page with the view loaded, plus what it did: requests, script errors, dialogs."""

    def __init__(self, browser: Any, summary: ReportSummary, path: Path) -> None:
        path.write_text(render(summary), encoding="utf-8")
        self.url = path.as_uri()
        self.summary = summary
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page = browser.new_page(viewport={"width": 1440, "height": 900})
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", self._dialog)
        self.page.goto(self.url)

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def highlighted(self) -> str:
        return self.page.evaluate(
            "Array.from(document.querySelectorAll('#src .hl')).map((s) => s.textContent).join('')"
        )

    def in_view(self, selector: str) -> bool:
        """Whether the first element matching `selector` lies inside the visible part of its scroll pane."""
        return self.page.evaluate(
            """(sel) => {
                const el = document.querySelector(sel);
                const pane = el.closest('.source, .summary').getBoundingClientRect();
                const box = el.getBoundingClientRect();
                return box.top >= pane.top && box.top < pane.bottom;
            }""",
            selector,
        )


def test_clicking_a_problem_highlights_its_evidence(browser: Any, tmp_path: Path) -> None:
    seed = next(s for s in SEEDS if s.name.startswith("001"))
    summary = summary_of(seed.read_text(encoding="utf-8"), seed.name)
    view = Opened(browser, summary, tmp_path / "report.html")
    page = view.page

    assert page.locator(".problem").count() == summary.problem_count() == 29
    assert page.locator("li.item").count() == summary.item_count()
    assert page.locator("[data-count=problems] b").inner_text() == "29"
    assert page.locator("#src").inner_text().strip() == summary.source.text.strip()

    # The last problem's evidence is far down the source: clicking it must scroll there.
    last = summary.areas[-1].items[-1]
    target = (last.problems[-1] if last.problems else last).evidence
    page.locator(".problem > a.ev").last.click()
    assert view.highlighted() == target.quote
    assert view.in_view("#src .hl")
    assert page.locator("a.ev.active").count() == 1

    # The first sub-problem, then one of its measures: the highlight moves, the old one is cleared.
    first = summary.areas[0].items[0].problems[0]
    page.locator(".problem > a.ev").first.click()
    assert view.highlighted() == first.evidence.quote
    assert view.in_view("#src .hl")
    page.locator(".problem ul.measures a.ev").first.click()
    assert view.highlighted() == first.measures[0].evidence.quote
    assert "原文第" in page.locator("#src-status").inner_text()

    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "report-001.png"))

    # Clicking highlighted source text leads back to the narrowest item that quotes it.
    page.locator(".problem > a.ev").nth(3).click()
    page.locator("#src .hl").first.click()
    assert view.in_view("a.ev.active")
    assert view.requests == [view.url]
    assert view.errors == []

    # An item's address opens the page with that item highlighted.
    item_id = page.locator(".problem > a.ev").nth(5).get_attribute("id")
    page.goto(f"{view.url}#{item_id}")
    page.reload()
    assert page.locator("a.ev.active").get_attribute("id") == item_id
    assert view.highlighted() and view.in_view("#src .hl")


def test_unverified_item_is_visible_and_says_why(browser: Any, tmp_path: Path) -> None:
    summary = summary_of(SEEDS[0].read_text(encoding="utf-8"), SEEDS[0].name)
    summary.areas[0].items[0].evidence = Evidence(start=0, end=3, quote="原文里没有的话", verified=False)
    view = Opened(browser, summary, tmp_path / "unverified.html")
    link = view.page.locator("a.ev.unv")
    assert link.count() == 1 and link.is_visible()
    assert "未核验" in link.inner_text()
    link.click()
    assert view.highlighted() == ""
    status = view.page.locator("#src-status")
    assert "未能在原文中核验" in status.inner_text() and "原文里没有的话" in status.inner_text()
    assert view.page.locator(".problem").count() == summary.problem_count()


def test_hostile_report_runs_no_script(browser: Any, tmp_path: Path) -> None:
    summary = summary_of(hostile_text())
    view = Opened(browser, summary, tmp_path / "hostile.html")
    page = view.page
    page.locator(".problem > a.ev").first.click()  # interaction must not trigger anything either
    page.mouse.move(700, 450)

    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert view.dialogs == []
    assert view.errors == []
    assert view.requests == [view.url]  # no image, no frame, nothing fetched
    assert page.locator("script").count() == 1
    assert page.locator("img, svg, iframe").count() == 0
    # The markup is there for the reader to see, as text.
    visible = page.locator("body").inner_text()
    for payload in PAYLOADS:
        assert payload in visible
    assert PAYLOADS[0] in page.locator("header h1").inner_text()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "hostile.png"))
