"""`summarise serve OUT`: a local, read-only web app over a bulk output folder.

Starlette routes, Jinja2 templates with autoescape on (report text is untrusted: every piece of it is
escaped by the template engine), inline SVG charts drawn here, and the tool's own HTML views of a
report and of a diff served inside a frame. Reports are addressed only by their sha256; a unit by its
key, looked up as a parameter. Nothing here writes: the index is opened read-only and the JSON
summaries are only read.
"""

from __future__ import annotations

import contextlib
import functools
import threading
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from http import HTTPStatus
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from .. import i18n
from ..diff import DiffResult
from ..diff.models import ProblemDiff, ProblemState
from ..errors import SummariseError
from ..models import ReportSummary
from . import charts, downloads, highlight
from .documents import Documents, anchor_for, current_diff_version, page_policy
from .facets import AREAS, LEVELS, STATUSES
from .queries import Archive, Filters, NotFound, ReportRow
from .security import SecurityHeaders, is_sha256

STATIC = Path(__file__).resolve().parent / "static"
LOOPBACK_HOSTS = ["127.0.0.1", "localhost", "[::1]", "::1"]


@dataclass(frozen=True)
class Step:
    """Two consecutive rounds of a unit and their diff."""

    old: ReportRow
    new: ReportRow
    diff: DiffResult


@dataclass(frozen=True)
class Recurrence:
    step: int  # which pair of rounds
    old: ReportRow
    new: ReportRow
    p: ProblemDiff


class Server:
    """The state of one served archive: its index, its documents, its language."""

    def __init__(self, out_dir: Path, lang: i18n.Lang) -> None:
        self.archive = Archive(out_dir)
        self.documents = Documents(out_dir)
        self.diff_version = current_diff_version()
        self.lang = lang
        self.env = Environment(
            loader=PackageLoader("summarise.serve", "templates"),
            autoescape=select_autoescape(default=True, default_for_string=True),
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.globals.update(t=i18n.say, pieces=highlight.pieces, snippet=highlight.snippet, url=_url)

    # -- helpers ---------------------------------------------------------------------------------

    def page(self, request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
        html = self.env.get_template(template).render(
            lang=self.lang, html_lang="zh-CN" if self.lang == "zh" else "en", path=request.url.path, **context
        )
        return HTMLResponse(html, status_code=status_code)

    def report_row(self, sha256: str) -> ReportRow:
        if not is_sha256(sha256):
            raise HTTPException(404, i18n.say("serve.err.bad_hash"))
        try:
            return self.archive.report(sha256)
        except NotFound:
            raise HTTPException(404, i18n.say("serve.err.no_report")) from None

    def summary_of(self, row: ReportRow) -> ReportSummary:
        try:
            return self.documents.summary(row.sha256, row.json_path)
        except SummariseError:
            raise HTTPException(410, i18n.say("serve.err.no_json", path=row.json_path)) from None

    def _diff(self, old: ReportRow, new: ReportRow) -> DiffResult:
        for row in (old, new):
            self.summary_of(row)
        stored = self.archive.stored_diff(old.sha256, new.sha256, self.diff_version)
        return self.documents.diff((old.sha256, old.json_path), (new.sha256, new.json_path), stored)

    # -- pages -----------------------------------------------------------------------------------

    def archive_page(self, request: Request) -> Response:
        o = self.archive.overview()
        years = [y["year"] or i18n.say("serve.unknown_year") for y in o.by_year]
        status_series = [(s, i18n.say(f"serve.status.{s}")) for s in STATUSES]
        rates = [
            i18n.say("serve.pct", pct=round(100 * y["statuses"].get("done", 0) / y["problems"]))
            if y["problems"]
            else "—"
            for y in o.by_year
        ]
        status_chart = charts.columns(
            i18n.say("serve.chart.statuses"),
            years,
            status_series,
            [y["statuses"] for y in o.by_year],
            note=rates,
        )
        reports_chart = charts.columns(
            i18n.say("serve.chart.reports"),
            years,
            [("n", i18n.say("serve.reports"))],
            [{"n": y["reports"]} for y in o.by_year],
        )
        area_chart = charts.columns(
            i18n.say("serve.chart.areas"),
            [y["year"] or i18n.say("serve.unknown_year") for y in o.area_years],
            [(a, i18n.say(f"serve.area.{a}")) for a in AREAS],
            [y["kinds"] for y in o.area_years],
        )
        level_chart = charts.bars(
            i18n.say("serve.chart.levels"), [(i18n.say(f"serve.level.{k}"), n) for k, n in o.by_level]
        )
        discipline_chart = charts.bars(i18n.say("serve.chart.discipline"), o.discipline)
        return self.page(
            request,
            "archive.html",
            o=o,
            charts=[reports_chart, status_chart, area_chart],
            side_charts=[level_chart, discipline_chart],
            areas=AREAS,
            stated={year: (rate, n) for year, rate, n in o.stated_rates},
        )

    def search_page(self, request: Request) -> Response:
        f = _filters(request)
        page = _int(request.query_params.get("page"), 1)
        result = self.archive.search(f, page) if f.any() else None
        return self.page(
            request,
            "search.html",
            f=f,
            result=result,
            years=self.archive.years(),
            levels=LEVELS,
            areas=AREAS,
            statuses=STATUSES,
            query_string=_filter_query(f),
            max_reports=downloads.MAX_REPORTS,
        )

    def report_page(self, request: Request) -> Response:
        row = self.report_row(request.path_params["sha"])
        self.summary_of(row)  # a missing or damaged JSON is said on this page, not inside the frame
        view = f"/report/{row.sha256}/view"
        start, end = request.query_params.get("s"), request.query_params.get("e")
        if start and end and start.isdigit() and end.isdigit():
            anchor = anchor_for(self._report_view(row), int(start), int(end))
            if anchor:
                view += f"#{anchor}"
        rounds = self.archive.unit_reports(row.unit_key) if row.unit_key else [row]
        here = next((i for i, o in enumerate(rounds) if o.sha256 == row.sha256), 0)
        return self.page(request, "report.html", r=row, view=view, rounds=rounds, here=here)

    def _report_view(self, row: ReportRow) -> str:
        from ..render.html import render

        return render(self.summary_of(row))

    def report_view(self, request: Request) -> Response:
        page = self._report_view(self.report_row(request.path_params["sha"]))
        return HTMLResponse(page, headers={"Content-Security-Policy": page_policy(page)})

    def unit_page(self, request: Request) -> Response:
        key = request.query_params.get("key", "")
        rounds = self.archive.unit_reports(key) if key else []
        if not rounds:
            raise HTTPException(404, i18n.say("serve.err.no_unit"))
        steps = [Step(old, new, self._diff(old, new)) for old, new in zip(rounds, rounds[1:], strict=False)]
        # 屡改屡犯 first: every problem raised again in a later round; those the earlier round had
        # reported rectified on top, then the latest rounds, the closest pairs first.
        recurring = [
            Recurrence(n, s.old, s.new, p)
            for n, s in enumerate(steps)
            for p in s.diff.problems
            if p.state == ProblemState.recurring and p.old and p.new
        ]
        recurring.sort(key=lambda x: (not x.p.reported_done_before, -x.step, -(x.p.score or 0)))
        return self.page(
            request,
            "unit.html",
            key=key,
            name=next((r.unit for r in rounds if r.unit), key),
            rounds=rounds,
            steps=steps,
            recurring=recurring,
            query_string=urlencode({"key": key}),
        )

    def units_page(self, request: Request) -> Response:
        like = request.query_params.get("q", "").strip()
        return self.page(request, "units.html", units=self.archive.units(like, limit=500), q=like)

    def compare_page(self, request: Request) -> Response:
        a, b = _pair(request)
        old, new = self.report_row(a), self.report_row(b)
        for row in (old, new):
            self.summary_of(row)
        return self.page(
            request, "compare.html", old=old, new=new, view=f"/compare/view?{urlencode({'a': a, 'b': b})}"
        )

    def compare_view(self, request: Request) -> Response:
        from ..diff.html import to_html

        a, b = _pair(request)
        page = to_html(self._diff(self.report_row(a), self.report_row(b)))
        return HTMLResponse(page, headers={"Content-Security-Policy": page_policy(page)})

    def download(self, request: Request) -> Response:
        what, fmt = request.path_params["what"], request.path_params["fmt"]
        if fmt not in downloads.FORMATS:
            raise HTTPException(404, i18n.say("serve.err.not_found"))
        if what == "search":
            f = _filters(request)
            if not f.any():
                raise HTTPException(404, i18n.say("serve.err.empty_search"))
            rows = [self.archive.report(sha) for sha in self.archive.search_reports(f, downloads.MAX_REPORTS)]
            name = i18n.say("serve.file.search", query=f.query.strip() or i18n.say("serve.file.filtered"))
        elif what == "unit":
            key = request.query_params.get("key", "")
            rows = self.archive.unit_reports(key) if key else []
            if not rows:
                raise HTTPException(404, i18n.say("serve.err.no_unit"))
            name = i18n.say("serve.file.unit", unit=rows[0].unit or key)
        else:
            raise HTTPException(404, i18n.say("serve.err.not_found"))
        body = downloads.ledger(((self.summary_of(r), r.path) for r in rows), fmt)
        return Response(
            body,
            media_type=downloads.FORMATS[fmt],
            headers={"Content-Disposition": downloads.disposition(f"{name}.{fmt}")},
        )

    async def error(self, request: Request, exc: Exception) -> Response:
        with i18n.use_lang(self.lang):
            if isinstance(exc, HTTPException):
                status = exc.status_code
                # Starlette's own detail is the English reason phrase: said again in the app's language.
                if exc.detail and exc.detail != HTTPStatus(status).phrase:
                    message = str(exc.detail)
                elif status == 404:
                    message = i18n.say("serve.err.not_found")
                else:
                    message = i18n.say("serve.err.http", status=status)
            else:
                status, message = 500, i18n.say("serve.err.internal")
            return self.page(request, "error.html", status_code=status, status=status, message=message)


def _url(path: str, **params: Any) -> str:
    query = urlencode({k: v for k, v in params.items() if v not in (None, "")})
    return f"{path}?{query}" if query else path


def _int(raw: str | None, default: int) -> int:
    return int(raw) if raw and raw.isdigit() and 0 < int(raw) < 100_000 else default


def _choice(raw: str | None, choices: tuple[str, ...]) -> str:
    return raw if raw in choices else ""


def _filters(request: Request) -> Filters:
    q = request.query_params
    year = q.get("year", "")
    return Filters(
        query=q.get("q", "")[:200],
        unit=q.get("unit", "").strip()[:100],
        year=year if year.isdigit() and len(year) == 4 else "",
        level=_choice(q.get("level"), LEVELS),
        status=_choice(q.get("status"), STATUSES),
        area=_choice(q.get("area"), AREAS),
    )


def _filter_query(f: Filters) -> str:
    pairs = {
        "q": f.query,
        "unit": f.unit,
        "year": f.year,
        "level": f.level,
        "status": f.status,
        "area": f.area,
    }
    return urlencode({k: v for k, v in pairs.items() if v})


def _pair(request: Request) -> tuple[str, str]:
    a, b = request.query_params.get("a", ""), request.query_params.get("b", "")
    picked = request.query_params.getlist("h")
    if not (a and b) and len(picked) == 2:
        a, b = picked
    if not (a and b):
        raise HTTPException(404, i18n.say("serve.err.pick_two"))
    return a, b


def _in_lang(server: Server, handler: Callable[[Request], Response]) -> Callable[[Request], Response]:
    """Run a handler in the app's language (handlers run in a thread pool, outside the launcher's)."""

    @functools.wraps(handler)
    def run(request: Request) -> Response:
        with i18n.use_lang(server.lang):
            return handler(request)

    return run


def _warm(server: Server) -> None:
    with contextlib.suppress(Exception):  # a request that needs them computes them and says what failed
        server.archive.warm()


def create_app(out_dir: Path, *, lang: i18n.Lang | None = None, hosts: list[str] | None = None) -> Starlette:
    """The app over `out_dir` (a bulk output folder with index.sqlite). Raises SummariseError-free
    sqlite3/OS errors for the CLI to report when the folder holds no readable index."""
    server = Server(out_dir, lang or i18n.current())
    pages = {
        "/": server.archive_page,
        "/search": server.search_page,
        "/units": server.units_page,
        "/unit": server.unit_page,
        "/report/{sha}": server.report_page,
        "/report/{sha}/view": server.report_view,
        "/compare": server.compare_page,
        "/compare/view": server.compare_view,
        "/download/{what}.{fmt}": server.download,
    }
    routes: list[Route | Mount] = [Route(p, _in_lang(server, h), methods=["GET"]) for p, h in pages.items()]
    routes.append(Mount("/static", StaticFiles(directory=STATIC), name="static"))
    allowed = list(dict.fromkeys([*(hosts or []), *LOOPBACK_HOSTS]))

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        # The archive page's totals and the short-word texts take seconds on a large archive: made
        # while the server starts listening, so the first visitor does not wait for them.
        threading.Thread(target=_warm, args=(server,), name="serve-warm", daemon=True).start()
        yield

    app = Starlette(
        lifespan=lifespan,
        routes=routes,
        middleware=[Middleware(SecurityHeaders), Middleware(TrustedHostMiddleware, allowed_hosts=allowed)],
        exception_handlers={HTTPException: server.error, Exception: server.error},
    )
    app.state.server = server
    return app
