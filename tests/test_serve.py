"""`summarise serve`: every page through Starlette's TestClient over a real bulk output folder.

The archive is the seeds, a later round of seed 000 and a hostile notice (tests/serve_archive.py),
summarised by the real bulk runner into a real index.sqlite. What each page must show is read from
the index and the summaries themselves, never written down here.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode

import pytest
from language import chinese_share, english_sentences
from serve_archive import HOSTILE, LATER, PAYLOADS, build
from starlette.testclient import TestClient

from summarise.archive.store import load_summary
from summarise.serve.app import create_app
from summarise.serve.security import APP_CSP


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("serve"))


def client_for(out: Path, lang: str = "zh") -> TestClient:
    return TestClient(create_app(out, lang=lang), base_url="http://127.0.0.1")  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def client(out: Path) -> Iterator[TestClient]:
    with client_for(out) as c:
        yield c


def rows(out: Path, sql: str, *params: object) -> list[tuple]:
    with sqlite3.connect(out / "index.sqlite") as conn:
        return conn.execute(sql, params).fetchall()


def units(out: Path) -> int:
    """Distinct units: by their keys when `summarise rounds` made them."""
    try:
        return rows(out, "SELECT count(DISTINCT unit_key) FROM unit_keys")[0][0]
    except sqlite3.OperationalError:
        return rows(out, "SELECT count(DISTINCT unit) FROM reports")[0][0]


def sha_of(out: Path, path: str) -> str:
    return rows(out, "SELECT sha256 FROM reports WHERE path = ?", path)[0][0]


class Page(HTMLParser):
    """Start tags, and the text a reader sees (outside <style>/<script>)."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self._skip = 0
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag in ("style", "script"):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script"):
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.text.append(data)

    @property
    def visible(self) -> str:
        return " ".join(" ".join(self.text).split())


def section(html: str, ident: str) -> str:
    """The visible text of the element with this id (to the end of the page)."""
    at = html.rindex("<", 0, html.index(f'id="{ident}"'))
    return Page(html[at:]).visible


def seed_name(out: Path, prefix: str) -> str:
    return rows(out, "SELECT path FROM reports WHERE path LIKE ?", f"seeds/{prefix}%")[0][0].split("/")[1]


def unit_of(out: Path, sha: str) -> str:
    """The unit key the app groups a report under: `summarise rounds`'s, else the notice's own."""
    try:
        return rows(out, "SELECT unit_key FROM unit_keys WHERE sha256 = ?", sha)[0][0]
    except sqlite3.OperationalError:
        return rows(out, "SELECT unit FROM reports WHERE sha256 = ?", sha)[0][0]


def seed(out: Path, prefix: str) -> tuple[str, str]:
    """(sha256, unit key) of the seed whose file name starts with `prefix`."""
    sha = rows(out, "SELECT sha256 FROM reports WHERE path LIKE ?", f"seeds/{prefix}%")[0][0]
    return sha, unit_of(out, sha)


def report_links(html: str) -> set[str]:
    """The reports a page links to (by their report pages, not their items)."""
    return {
        attrs["href"].split("/")[2]
        for tag, attrs in Page(html).tags
        if tag == "a"
        and (attrs.get("href") or "").startswith("/report/")
        and "?" not in (attrs["href"] or "")
    }


def pages(out: Path) -> dict[str, str]:
    sha, unit = seed(out, "000")
    later = sha_of(out, LATER)
    return {
        "archive": "/",
        "search": "/search?q=公务用车",
        "units": "/units",
        "unit": f"/unit?key={unit}",
        "report": f"/report/{sha}",
        "compare": f"/compare?a={sha}&b={later}",
    }


# -- every page ------------------------------------------------------------------------------------


def test_every_page_answers_with_the_strict_headers(client: TestClient, out: Path) -> None:
    for name, url in pages(out).items():
        r = client.get(url)
        assert r.status_code == 200, (name, r.text[:300])
        assert r.headers["content-security-policy"] == APP_CSP
        assert r.headers["x-content-type-options"] == "nosniff"
        assert r.headers["referrer-policy"] == "no-referrer"
        page = Page(r.text)
        # No script of the app's own, and nothing loaded from anywhere but the app.
        assert not [t for t, _ in page.tags if t == "script"], name
        for tag, attrs in page.tags:
            for attr in ("src", "href", "action"):
                value = attrs.get(attr) or ""
                assert not value.startswith(("http:", "https:", "//")), (name, tag, value)


def test_the_pages_are_in_chinese_by_default_and_in_english_on_request(client: TestClient, out: Path) -> None:
    with client_for(out, "en") as english:
        for name, url in pages(out).items():
            zh = Page(client.get(url).text).visible
            en = Page(english.get(url).text).visible
            # Report text is Chinese in both; the interface around it follows the language.
            assert english_sentences(zh) == [], (name, english_sentences(zh)[:3])
            assert chinese_share(zh) > 0.75, name  # the hostile notice quotes markup
            assert english_sentences(en), name
            assert chinese_share(en) < chinese_share(zh), name


def test_the_archive_page_counts_what_the_index_holds(client: TestClient, out: Path) -> None:
    page = client.get("/").text
    reports, problems = rows(out, "SELECT count(*), sum(problems) FROM reports")[0]
    people = rows(out, "SELECT sum(people) FROM discipline")[0][0]
    totals = section(page[: page.index("</ul>", page.index('id="totals"'))], "totals").split()
    assert totals[0::2] == [str(reports), str(units(out)), str(problems), *totals[6::2]]
    assert totals[-2] == str(people)
    # Inline SVG charts, drawn on the server: one bar per year in the notices-per-year chart.
    years = {r[0] for r in rows(out, "SELECT substr(coalesce(published_date, page_date), 1, 4) FROM reports")}
    assert page.count("<svg") >= 4
    for year in years:
        assert f">{year}</text>" in page
    # Every discipline kind with its total.
    for kind, n in rows(out, "SELECT kind, sum(people) FROM discipline GROUP BY kind"):
        assert f"<td>{kind}</td><td>{n}</td>" in page


def test_search_finds_and_highlights_the_phrase(client: TestClient, out: Path) -> None:
    r = client.get("/search", params={"q": "公务用车"})
    page = r.text
    expected = {
        sha
        for (sha,) in rows(
            out,
            "SELECT DISTINCT r.sha256 FROM reports r JOIN problems p ON p.report_id = r.id"
            " LEFT JOIN measures m ON m.problem_id = p.id"
            " WHERE p.title LIKE '%公务用车%' OR p.named_problem LIKE '%公务用车%' OR m.text LIKE '%公务用车%'",
        )
    }
    assert expected
    assert report_links(page) == expected
    assert "<mark>公务用车</mark>" in page
    # Every hit links to its report with the span of the matching item, so it opens on it.
    assert "/report/" in page and "s=" in page and "e=" in page


def test_search_filters_narrow_the_hits(client: TestClient, out: Path) -> None:
    sha, unit = seed(out, "003")
    everywhere = report_links(client.get("/search", params={"q": "管理"}).text)
    narrowed = report_links(client.get("/search", params={"q": "管理", "unit": unit}).text)
    # The unit's two rounds, the seed and its later copy, and nothing else.
    assert narrowed == {sha, sha_of(out, "later/" + seed_name(out, "003"))} and narrowed < everywhere
    done = client.get("/search", params={"status": "done", "unit": unit}).text
    n_done = sum(
        rows(
            out,
            "SELECT count(*) FROM problems p JOIN reports r ON r.id = p.report_id"
            " WHERE r.sha256 = ? AND p.status = 'done'",
            s,
        )[0][0]
        for s in narrowed
    )
    assert f"共找到 {n_done} 个问题" in done
    year = rows(out, "SELECT substr(published_date, 1, 4) FROM reports WHERE path = ?", LATER)[0][0]
    by_year = client.get("/search", params={"q": "管理", "year": year}).text
    assert sha_of(out, LATER) in report_links(by_year)
    assert seed(out, "004")[0] not in report_links(by_year)  # published in 2021


def test_search_words_are_text_never_sql_or_fts_syntax(client: TestClient) -> None:
    for q in ['"', "公务用车 OR 1=1", "'; DROP TABLE reports; --", "NEAR(公务 用车)", "*", "%", "_"]:
        r = client.get("/search", params={"q": q})
        assert r.status_code == 200, q
    assert "共找到 0 个问题" in client.get("/search", params={"q": "公务用车 OR 1=1"}).text


def test_a_report_page_frames_the_report_view_and_lists_the_units_rounds(
    client: TestClient, out: Path
) -> None:
    first = seed(out, "000")[0]
    later = sha_of(out, LATER)
    page = client.get(f"/report/{first}").text
    frames = [a for t, a in Page(page).tags if t == "iframe"]
    assert [f["src"] for f in frames] == [f"/report/{first}/view"]
    assert f'href="/report/{later}"' in page  # the other round of the unit
    view = client.get(f"/report/{first}/view")
    assert view.status_code == 200
    # The view's own policy, sent as the header too: its hashed script and style, nothing else.
    policy = view.headers["content-security-policy"]
    assert policy.startswith("default-src 'none'") and "frame-ancestors 'self'" in policy
    assert "script-src 'sha256-" in policy and "unsafe-inline" not in policy
    summary = load_summary(out / rows(out, "SELECT json_path FROM reports WHERE sha256 = ?", first)[0][0])
    assert "".join(summary.source.text.split()) in "".join(Page(view.text).visible.split())


def test_a_search_hit_opens_its_report_on_the_item(client: TestClient, out: Path) -> None:
    sha, start, end, title = rows(
        out,
        "SELECT r.sha256, p.span_start, p.span_end, p.title FROM problems p JOIN reports r ON r.id = p.report_id"
        " WHERE r.path LIKE 'seeds/003%' AND p.title LIKE '%公务用车%'",
    )[0]
    page = client.get(f"/report/{sha}", params={"s": start, "e": end}).text
    src = next(a["src"] for t, a in Page(page).tags if t == "iframe")
    anchor = src.split("#")[1]
    view = client.get(f"/report/{sha}/view").text
    link = view[view.index(f'id="{anchor}"') :]
    assert f'data-s="{start}" data-e="{end}"' in link[:200]
    assert title in link[: link.index("</a>")]


def test_a_unit_page_puts_the_recurring_problems_first(client: TestClient, out: Path) -> None:
    unit = unit_of(out, sha_of(out, LATER))
    assert unit == seed(out, "000")[1]
    page = client.get("/unit", params={"key": unit}).text
    assert page.index('id="recurring"') < page.index('id="rounds"')
    recurring = page[page.index('id="recurring"') : page.index('id="rounds"')]
    # The items of the later round all come from the earlier one: each recurs.
    later_items = rows(
        out,
        "SELECT p.title FROM problems p JOIN reports r ON r.id = p.report_id WHERE r.path = ? AND p.level = 'item'",
        LATER,
    )
    assert later_items
    found = sum(title in recurring for (title,) in later_items)
    assert found >= len(later_items) * 0.8, (found, len(later_items))
    # Rounds in time order, with a link to the diff of the two.
    first, later = seed(out, "000")[0], sha_of(out, LATER)
    rounds = page[page.index('id="rounds"') :]
    assert rounds.index(f"/report/{first}") < rounds.index(f"/report/{later}")
    assert f"/compare?a={first}&amp;b={later}" in rounds


def test_two_reports_compared_through_the_diff_view(client: TestClient, out: Path) -> None:
    a, b = seed(out, "000")[0], sha_of(out, LATER)
    page = client.get("/compare", params={"a": a, "b": b}).text
    src = next(attrs["src"] for t, attrs in Page(page).tags if t == "iframe")
    view = client.get(src)
    assert view.status_code == 200
    assert view.headers["content-security-policy"].startswith("default-src 'none'")
    assert "<h1>" in view.text
    # Picked from the search page's ticks (two `h` values) it is the same comparison.
    assert client.get("/compare", params=[("h", a), ("h", b)]).text == page


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_ledger_of_a_search_and_of_a_unit_downloads(client: TestClient, out: Path, fmt: str) -> None:
    unit = unit_of(out, sha_of(out, LATER))
    paths = [
        rows(out, "SELECT path FROM reports WHERE sha256 = ?", sha)[0]
        for sha in (seed(out, "000")[0], sha_of(out, LATER))
    ]
    for url, params, reports in (
        (f"/download/unit.{fmt}", {"key": unit}, paths),
        (f"/download/search.{fmt}", {"q": "公务用车"}, None),
    ):
        r = client.get(url, params=params)
        assert r.status_code == 200, r.text[:200]
        assert "attachment" in r.headers["content-disposition"]
        if fmt == "csv":
            assert r.content.startswith("\ufeff".encode())
            table = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig"))))
            assert len(table) > 1
            if reports:
                sources = {row[5] for row in table[1:]}
                assert sources == {p for (p,) in reports}
        else:
            assert r.content[:2] == b"PK"  # an xlsx is a zip


# -- addresses and errors ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "/report/xyz",
        "/report/" + "A" * 64,  # upper case is not how the index spells a sha256
        "/report/" + "0" * 64,  # well formed, not in the archive
        "/report/" + "0" * 63 + "/view",
        "/report/..%2F..%2Fetc%2Fpasswd",
        "/unit?key=没有这个单位",
        "/compare?a=1&b=2",
        "/compare",
        "/download/unit.csv?key=没有这个单位",
        "/download/report.exe",
        "/no/such/page",
    ],
)
def test_bad_addresses_are_404_in_chinese(client: TestClient, url: str) -> None:
    r = client.get(url)
    assert r.status_code == 404
    message = section(r.text, "message").replace(section(r.text, "home"), "")
    assert chinese_share(message) > 0.8 and english_sentences(message) == [], message


def test_other_hosts_are_refused(out: Path) -> None:
    """A page on another site that rebinds its DNS name to 127.0.0.1 must not read the archive."""
    with TestClient(create_app(out), base_url="http://evil.example") as c:  # type: ignore[arg-type]
        assert c.get("/").status_code == 400


def test_only_get(client: TestClient, out: Path) -> None:
    assert client.post("/search", data={"q": "x"}).status_code == 405


# -- untrusted text ----------------------------------------------------------------------------------


def test_a_hostile_report_is_escaped_on_every_page(client: TestClient, out: Path) -> None:
    sha = sha_of(out, HOSTILE)
    unit = unit_of(out, sha)
    urls = [
        f"/report/{sha}",
        f"/report/{sha}/view",
        "/search?q=window.__pwned",
        "/search?q=onerror",
        f"/search?q={PAYLOADS[0][:20]}",
        "/",
        "/units",
        f"/unit?key={unit}",
        f"/compare?a={sha}&b={sha_of(out, LATER)}",
        f"/compare/view?a={sha}&b={sha_of(out, LATER)}",
    ]
    seen_payload = False
    for url in urls:
        r = client.get(url)
        assert r.status_code == 200, url
        tags = Page(r.text).tags
        for tag, attrs in tags:
            assert (
                tag not in ("img", "iframe", "svg")
                or tag == "iframe"
                and (attrs.get("src") or "").startswith("/")
                or tag == "svg"
                and "onload" not in attrs
            ), (url, tag, attrs)
            assert not any(k.startswith("on") for k in attrs), (url, tag, attrs)
        scripts = [t for t, _ in tags if t == "script"]
        assert len(scripts) <= 1, url  # the report view's own hashed script, nothing more
        seen_payload |= "&lt;script&gt;" in r.text or "&lt;img" in r.text
    assert seen_payload
    # A search for the payload's own words finds the hostile notice and shows it as text.
    r = client.get("/search", params={"q": "onerror"})
    assert sha in r.text and "&lt;img src=x <mark>onerror</mark>" in r.text


# -- read-only -----------------------------------------------------------------------------------------


def test_the_app_cannot_write_the_index(out: Path) -> None:
    app = create_app(out)
    conn = app.state.server.archive.conn()
    for sql in (
        "DELETE FROM reports",
        "CREATE TABLE x(y)",
        "UPDATE reports SET unit = 'x'",
        "PRAGMA user_version = 7",
    ):
        with pytest.raises(sqlite3.OperationalError, match="readonly|read-only|query_only|attempt to write"):
            conn.execute(sql)
    before = (out / "index.sqlite").read_bytes()
    with TestClient(app, base_url="http://127.0.0.1") as c:
        for url in pages(out).values():
            c.get(url)
    assert (out / "index.sqlite").read_bytes() == before


def test_an_archive_with_a_missing_summary_says_so(tmp_path: Path, out: Path) -> None:
    import shutil

    copy = tmp_path / "copy"
    shutil.copytree(out, copy)
    json_path = rows(copy, "SELECT json_path FROM reports WHERE path = ?", LATER)[0][0]
    (copy / json_path).unlink()
    with client_for(copy) as c:
        r = c.get(f"/report/{sha_of(copy, LATER)}")
    assert r.status_code == 410
    assert json_path in r.text and "summarise bulk" in r.text


def test_an_archive_without_rounds_groups_by_the_notices_unit_and_diffs_live(
    tmp_path: Path, out: Path
) -> None:
    """What `summarise bulk` alone leaves: no unit keys, rounds or stored diffs."""
    import shutil

    plain = tmp_path / "plain"
    shutil.copytree(out, plain)
    with sqlite3.connect(plain / "index.sqlite") as conn:
        for table in ("diff_items", "diffs", "rounds", "unit_keys"):
            conn.execute(f"DROP TABLE {table}")
    sha = seed(out, "000")[0]
    with client_for(plain) as c:
        report = c.get(f"/report/{sha}").text
        unit = rows(plain, "SELECT unit FROM reports WHERE sha256 = ?", sha)[0][0]
        assert "/unit?" + urlencode({"key": unit}) in report
        page = c.get("/unit", params={"key": unit})
        assert page.status_code == 200 and f"/report/{sha}" in page.text
        view = c.get("/compare/view", params={"a": sha, "b": sha_of(out, LATER)})
        assert view.status_code == 200 and "<h1>" in view.text


def test_a_short_word_is_scanned_newest_first_and_paged(
    client: TestClient, out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """整改 (two characters: no trigram) is in most headings: the scan stops once a page is full and
    says the count is a lower bound; the next page goes on where it stopped, still newest first."""
    import summarise.serve.queries as queries

    monkeypatch.setattr(queries, "SCAN_CHUNK", 1)
    archive = client.app.state.server.archive  # type: ignore[attr-defined]
    first = archive.search(queries.Filters(query="整改"), page=1)
    second = archive.search(queries.Filters(query="整改"), page=2)
    assert not first.exact and len(first.hits) == queries.PAGE_SIZE
    assert second.hits and {(h.sha256, h.span_start) for h in first.hits}.isdisjoint(
        {(h.sha256, h.span_start) for h in second.hits}
    )
    dates = [h.date or "" for h in first.hits + second.hits]
    assert dates == sorted(dates, reverse=True)
    for hit in first.hits:  # every one is a real match, in its heading or a measure
        assert "整改" in hit.problem + (hit.named_problem or "") + (hit.measure or "")
    # Without the cap the same words find the same first page.
    monkeypatch.setattr(queries, "SCAN_CHUNK", 10_000)
    whole = archive.search(queries.Filters(query="整改"), page=1)
    assert whole.exact and [h.span_start for h in whole.hits] == [h.span_start for h in first.hits]
    page = client.get("/search", params={"q": "整改"}).text
    assert "整改" in page and 'rel="next"' in page


@pytest.mark.parametrize(
    "filters",
    [{"query": "整改", "status": "done"}, {"query": "干部"}, {"status": "in_progress"}, {"query": "鑫鑫"}],
)
def test_a_scan_reads_only_the_reports_that_can_hold_the_words_and_finds_the_same(
    client: TestClient, monkeypatch: pytest.MonkeyPatch, filters: dict[str, str]
) -> None:
    """Short words and a status are looked up in the reports' texts held in memory first: the same
    hits, in the same order, from fewer reports read."""
    import summarise.serve.queries as queries
    from summarise.serve.narrow import ReportTexts

    monkeypatch.setattr(queries, "SCAN_CHUNK", 1)
    archive = client.app.state.server.archive  # type: ignore[attr-defined]
    archive.report_texts()  # as the server reads them when it starts
    read: list[int] = []
    rows = archive._rows

    def counted(sql: str, params: dict[str, object] | None = None) -> list[sqlite3.Row]:
        if params and "chunk" in params:
            read.extend(json.loads(str(params["chunk"])))
        return rows(sql, params)

    monkeypatch.setattr(archive, "_rows", counted)
    f = queries.Filters(**filters)
    narrowed = archive.search(f, page=1, size=3)
    narrowed_reads = list(read)
    read.clear()
    monkeypatch.setattr(ReportTexts, "keep", staticmethod(lambda texts, order, terms, status="": order))
    every = archive.search(f, page=1, size=3)
    assert [(h.sha256, h.span_start, h.status) for h in narrowed.hits] == [
        (h.sha256, h.span_start, h.status) for h in every.hits
    ]
    assert (narrowed.total, narrowed.exact) == (every.total, every.exact) or not every.exact
    assert len(narrowed_reads) <= len(read)  # the reports without a hit are skipped, not read
    if filters.get("query") == "鑫鑫":  # a word no report holds: nothing read at all
        assert not narrowed_reads and not narrowed.hits and narrowed.exact
    for hit in narrowed.hits:
        if "status" in filters:
            assert hit.status == filters["status"]
        if "query" in filters:
            assert filters["query"] in hit.problem + (hit.named_problem or "") + (hit.measure or "")


def test_the_archive_totals_count_each_leaf_problem_once_by_year_status_and_area_kind(
    client: TestClient, out: Path
) -> None:
    """The per-year charts, recounted here one problem at a time from the index's rows: a leaf
    problem (a sub-problem, or an item without any) by its report's year, its status and the kind
    of its 方面 heading (the first rule of facets.py whose words it holds)."""
    from collections import Counter

    from summarise.serve.facets import AREA_RULES
    from summarise.serve.queries import YEAR

    def kind(title: str | None) -> str:
        for rule in AREA_RULES:
            if any(w in (title or "") for w in rule.contains) or any(
                (title or "").endswith(w) for w in rule.ends
            ):
                return rule.key
        return "other"

    year_of = dict(rows(out, f"SELECT r.id, {YEAR} FROM reports r"))
    parents = {p for (p,) in rows(out, "SELECT parent_id FROM problems WHERE parent_id IS NOT NULL")}
    statuses: Counter[tuple[str, str]] = Counter()
    kinds: Counter[tuple[str, str]] = Counter()
    for pid, rid, level, status, title in rows(
        out,
        "SELECT p.id, p.report_id, p.level, p.status, a.title FROM problems p JOIN areas a ON a.id = p.area_id",
    ):
        if level == "problem" or pid not in parents:
            statuses[year_of[rid], status or "unknown"] += 1
            kinds[year_of[rid], kind(title)] += 1
    o = client.app.state.server.archive.overview()  # type: ignore[attr-defined]
    shown = Counter({(y["year"], st): n for y in o.by_year for st, n in y["statuses"].items()})
    assert statuses and shown == statuses
    assert Counter({(y["year"], k): n for y in o.area_years for k, n in y["kinds"].items()}) == kinds
    assert {y["year"]: y["reports"] for y in o.by_year} == dict(Counter(year_of.values()))
    assert all(y["problems"] == sum(y["statuses"].values()) for y in o.by_year)


def test_when_the_reports_changed_a_search_does_not_wait_for_their_texts(client: TestClient) -> None:
    """The texts are read in a thread: meanwhile a short word is searched as without them (the same
    hits), and once they are read the search uses them."""
    import time

    import summarise.serve.queries as queries

    archive = client.app.state.server.archive  # type: ignore[attr-defined]
    expected = archive.search(queries.Filters(query="整改", status="done"))
    archive._texts._stamp = None  # as after a bulk run changed the index
    during = archive.search(queries.Filters(query="整改", status="done"))
    assert [(h.sha256, h.span_start) for h in during.hits] == [
        (h.sha256, h.span_start) for h in expected.hits
    ]
    deadline = time.monotonic() + 30
    while archive._texts._stamp != archive.stamp() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert archive._texts._stamp == archive.stamp()  # read by the thread the search started
    after = archive.search(queries.Filters(query="整改", status="done"))
    assert [(h.sha256, h.span_start) for h in after.hits] == [(h.sha256, h.span_start) for h in expected.hits]
