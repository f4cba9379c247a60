"""`summarise serve` in a real browser: Debian's chromium, headless, driven by Playwright, against a
real uvicorn server on 127.0.0.1 over an archive of the seeds, a later round of seed 000 and a
hostile notice (tests/serve_archive.py).

Every request the pages make is intercepted: anything not for the app's own address is recorded and
refused, and the test fails if there is any. Console errors and script errors fail it too.
Screenshots go to tests/artifacts/ (git-ignored); the ones in docs/ are copies of them.
"""

from __future__ import annotations

import sqlite3
import threading
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from serve_archive import HOSTILE, LATER, build
from test_html_browser import ARGS, CHROMIUM

from summarise.archive.store import load_summary

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium"),
]


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("serve-browser"))


@pytest.fixture(scope="module")
def base(out: Path) -> Iterator[str]:
    import uvicorn

    from summarise.serve.app import create_app

    config = uvicorn.Config(create_app(out, lang="zh"), host="127.0.0.1", port=0, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    port = server.servers[0].sockets[0].getsockname()[1]
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield instance
        instance.close()


class Session:
    """A browser page on the app, recording what leaves 127.0.0.1, console errors and dialogs."""

    def __init__(self, browser: Any, base: str, tmp: Path) -> None:
        self.base = base
        self.outside: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.context = browser.new_context(viewport={"width": 1440, "height": 900}, accept_downloads=True)
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", self._dialog)

    def _route(self, route: Any) -> None:
        url = route.request.url
        if urlsplit(url).hostname == "127.0.0.1" or url.startswith(("data:", "about:")):
            route.continue_()
        else:
            self.outside.append(url)
            route.abort()

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def goto(self, path: str) -> None:
        self.page.goto(self.base + path)
        self.page.wait_for_load_state("networkidle")

    def shot(self, name: str, *, full: bool = True) -> None:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / f"serve-{name}.png"), full_page=full)

    def check_clean(self) -> None:
        assert self.outside == [], self.outside
        assert self.errors == [], self.errors
        assert self.dialogs == [], self.dialogs

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def session(browser: Any, base: str, tmp_path: Path) -> Iterator[Session]:
    s = Session(browser, base, tmp_path)
    yield s
    try:
        s.check_clean()
    finally:
        s.close()


def rows(out: Path, sql: str, *params: object) -> list[tuple]:
    with sqlite3.connect(out / "index.sqlite") as conn:
        return conn.execute(sql, params).fetchall()


def frame_highlight(page: Any) -> str:
    frame = page.frame_locator("iframe#view")
    return frame.locator("#src .hl").evaluate_all("(els) => els.map((e) => e.textContent).join('')")


def test_search_open_a_result_click_an_item_and_see_its_sentence(session: Session, out: Path) -> None:
    page = session.page
    session.goto("/search")
    page.fill("#search-form input[name=q]", "公务用车")
    page.click("#search-form button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert page.locator("ol.hits mark").first.inner_text() == "公务用车"
    session.shot("search")

    # The hit under 规范公务用车管理 (seed 003): it opens on its item, highlighted in the source.
    sha, json_path = rows(out, "SELECT sha256, json_path FROM reports WHERE path LIKE 'seeds/003%'")[0]
    page.locator(f'a.hit-link[href^="/report/{sha}"]', has_text="规范公务用车管理").click()
    page.wait_for_load_state("networkidle")
    assert page.url.startswith(f"{session.base}/report/{sha}")
    summary = load_summary(out / json_path)
    item = next(i for a in summary.areas for i in a.items if "规范公务用车管理" in i.title)
    frame = page.frame_locator("iframe#view")
    frame.locator("a.ev.active").wait_for()
    assert frame_highlight(page) == item.evidence.quote

    # Clicking another item moves the highlight to that item's sentence.
    other = next(i for a in summary.areas for i in a.items)  # the first on the page
    frame.locator("li.item > a.ev.title").first.click()
    assert frame_highlight(page) == other.evidence.quote
    assert other.evidence.quote in frame.locator("#src").inner_text()
    session.shot("report", full=False)


def test_a_unit_with_two_rounds_shows_the_recurring_problem_first(session: Session, out: Path) -> None:
    page = session.page
    later = rows(out, "SELECT sha256 FROM reports WHERE path = ?", LATER)[0][0]
    session.goto(f"/report/{later}")
    page.click("#unit-link")
    page.wait_for_load_state("networkidle")
    # The first section after the heading is the recurring problems, before the rounds themselves.
    sections = page.locator("main > section").evaluate_all("(els) => els.map((e) => e.id)")
    assert sections[:2] == ["recurring", "rounds"]
    first = page.locator("#recurring tbody tr").first
    earlier, later_cell = first.locator("td").nth(1).inner_text(), first.locator("td").nth(2).inner_text()
    # The pair is one problem raised in both rounds: seed 000's first item, worded alike in the copy.
    both = {
        t
        for (t,) in rows(
            out,
            "SELECT p.title FROM problems p JOIN reports r ON r.id = p.report_id WHERE r.path = ?"
            " INTERSECT SELECT p.title FROM problems p JOIN reports r ON r.id = p.report_id"
            " WHERE r.path LIKE 'seeds/000%'",
            LATER,
        )
    }
    assert any(t in earlier for t in both) and any(t in later_cell for t in both)
    assert page.locator("ol.timeline > li").count() == 2
    session.shot("unit")

    # The diff of the two rounds, from the unit page.
    page.click("a.diff-link")
    page.wait_for_load_state("networkidle")
    frame = page.frame_locator("iframe#view")
    assert frame.locator("h1").count() == 1 and frame.locator("table").count() >= 2
    session.shot("compare", full=False)


def test_download_the_ledger_of_a_unit_and_of_a_search(session: Session, out: Path, tmp_path: Path) -> None:
    page = session.page
    seed0 = rows(out, "SELECT sha256 FROM reports WHERE path LIKE 'seeds/000%'")[0][0]
    session.goto(f"/report/{seed0}")
    page.click("#unit-link")
    page.wait_for_load_state("networkidle")
    with page.expect_download() as info:
        page.click("#dl-xlsx")
    saved = tmp_path / info.value.suggested_filename
    info.value.save_as(saved)
    assert saved.suffix == ".xlsx"
    with zipfile.ZipFile(saved) as book:
        names = book.namelist()
        assert "xl/workbook.xml" in names
        # Inline or shared strings, whichever the writer chose: all the text of the workbook.
        strings = "".join(book.read(n).decode("utf-8") for n in names if n.endswith(".xml"))
    later_path = rows(out, "SELECT path FROM reports WHERE path = ?", LATER)[0][0]
    assert later_path in strings

    session.goto("/search?q=公务用车")
    with page.expect_download() as info:
        page.click("#dl-csv")
    data = Path(info.value.path()).read_bytes()
    assert data.startswith("\ufeff".encode()) and "公务用车".encode() in data


def test_a_hostile_notice_never_runs(session: Session, out: Path) -> None:
    page = session.page
    sha = rows(out, "SELECT sha256 FROM reports WHERE path = ?", HOSTILE)[0][0]
    for path in (f"/report/{sha}", "/search?q=onerror", "/search?q=window.__pwned", "/", "/units"):
        session.goto(path)
        assert page.evaluate("window.__pwned") is None, path
        for frame in page.frames:
            assert frame.evaluate("window.__pwned") is None, (path, frame.url)
    session.goto(f"/report/{sha}")
    frame = page.frame_locator("iframe#view")
    # The payloads are on the page as text, and the frame's own script still works.
    assert "<script>" in frame.locator("header.bar h1").inner_text()
    frame.locator("li.item > a.ev.title").first.click()
    assert frame_highlight(page)
    assert page.evaluate("window.__pwned") is None


def test_the_archive_page_and_a_bad_address(session: Session) -> None:
    page = session.page
    session.goto("/")
    assert page.locator("figure.chart svg").count() >= 4
    assert page.locator("#totals b").first.inner_text().isdigit()
    session.shot("archive")
    session.goto("/units")
    session.shot("units")
    page.goto(session.base + "/report/not-a-hash")
    assert "通报地址有误" in page.locator("#message").inner_text()
    # The 404 itself is what the console reports for a failed page load; nothing else may be.
    session.errors = [e for e in session.errors if "404" not in e]
