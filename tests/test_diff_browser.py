"""The diff page in a real browser (Debian's chromium, headless, via Playwright): a change is the first
thing a reader sees, without scrolling, and the page runs cleanly.

The copy drops the seed's last problem that has siblings, the one furthest down the report: if the
page still listed recurring problems first it would sit thousands of pixels below the fold.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from test_diff_changes import SEED_WITH_BLOCKS, _dropped_copy
from test_html_browser import ARGS, ARTIFACTS, CHROMIUM

from summarise import i18n
from summarise.diff import diff_summaries
from summarise.diff.html import to_html

VIEWPORT = {"width": 1440, "height": 900}

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


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_dropped_problem_is_in_the_first_viewport(browser: Any, tmp_path: Path, lang: i18n.Lang) -> None:
    old, new, dropped = _dropped_copy(SEED_WITH_BLOCKS)
    with i18n.use_lang(lang):
        result = diff_summaries(old, new)
        page_html = to_html(result)
    assert result.totals.dropped == 1 and result.totals.unchanged > 10
    path = tmp_path / "diff.html"
    path.write_text(page_html, encoding="utf-8")

    page = browser.new_page(viewport=VIEWPORT)
    console: list[str] = []
    requests: list[str] = []
    page.on(
        "console", lambda m: console.append(f"{m.type}: {m.text}") if m.type in ("error", "warning") else None
    )
    page.on("pageerror", lambda e: console.append(f"pageerror: {e}"))
    page.on("request", lambda r: requests.append(r.url))
    page.goto(path.as_uri())

    item = page.locator("li.problem.dropped")
    assert item.count() == 1
    assert dropped in item.inner_text()
    box = item.bounding_box()
    assert box is not None
    assert page.evaluate("window.scrollY") == 0
    assert box["y"] >= 0 and box["y"] + box["height"] <= VIEWPORT["height"], box

    # The unchanged recurring pairs are one line until it is opened.
    fold = page.locator("details.fold")
    rows = fold.locator(":scope > table > tbody > tr")
    assert not rows.first.is_visible()
    fold.locator(":scope > summary").click()
    assert rows.first.is_visible() and rows.count() == result.totals.unchanged + 1  # + the header row

    assert console == []
    assert requests == [path.as_uri()]
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"diff-dropped-{lang}.png"))
    page.close()
