"""Server time of `summarise serve` on a large archive: search, a unit page, a report, the archive page.

Builds (or reuses, under --dir) an archive of N reports through the real index writer and the real
summary store: the seeds are summarised once, then each is replicated with a distinct content hash
and a distinct unit (the unit's name numbered), two rounds per unit, the second a year later. The
source texts are stored once (texts/), as bulk stores them; the index rows are written by
`archive.index.Index.save_report` in bulk's batches, so the index has the layout and the full-text
tables a `summarise bulk` run leaves. With --rounds, `summarise rounds` then runs over it (unit keys,
rounds and a stored diff per unit).

Each figure is the time the app takes to answer a request in process (Starlette's TestClient: routing,
SQL, templates, the response; no network), over `--repeat` requests, as median and 95th percentile.
A unit page is timed cold (its diff not made yet: made, or read from the stored diffs) and warm. What
the server computes as it starts (the texts short words are looked up in, the archive page's totals)
is timed once computed afresh, as after the index changed.

    python bench/bench_serve.py                       # 10,000 reports in a temp folder
    python bench/bench_serve.py --reports 10000 --dir /tmp/serve10k   # build once, reuse after
    python bench/bench_serve.py --dir /tmp/serve10k --rounds
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from summarise.api import summarise_document  # noqa: E402
from summarise.archive.index import Index  # noqa: E402
from summarise.archive.rows import flatten  # noqa: E402
from summarise.archive.runner import json_path_for  # noqa: E402
from summarise.archive.store import encode, write_quick, write_text  # noqa: E402
from summarise.ingest import read_path  # noqa: E402
from summarise.models import ReportSummary  # noqa: E402
from summarise.settings import Settings  # noqa: E402

SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
QUERIES = {
    "search 公务用车 (trigram)": {"q": "公务用车"},
    "search 整改 (2 chars: scan)": {"q": "整改"},
    "search 形式主义 + year": {"q": "形式主义", "year": "2025"},
    "search 干部 + status done": {"q": "干部", "status": "done"},
    "search 鑫鑫 (2 chars, in no report)": {"q": "鑫鑫"},
    "search filters only (area, level)": {"area": "discipline", "level": "city"},
}


def shifted(date: str | None, years: int) -> str | None:
    if not date or len(date) < 4 or not date[:4].isdigit():
        return date
    return f"{int(date[:4]) + years:04d}{date[4:]}"


def variant(summary: ReportSummary, n: int, unit_no: int, later: bool) -> ReportSummary:
    """The seed as unit number `unit_no` wrote it: its name numbered, a hash of its own, and for the
    second round every date a year on."""
    copy = summary.model_copy(deep=True)
    meta = copy.meta
    base = meta.unit or "某单位党委"
    meta.unit = f"第{unit_no}{base}"
    if meta.issuer:
        meta.issuer = f"第{unit_no}{meta.issuer}"
    if later:
        for name in ("inspection_start", "inspection_end", "feedback_date", "published_date", "page_date"):
            setattr(meta, name, shifted(getattr(meta, name), 1))
    copy.source.sha256 = hashlib.sha256(f"bench-serve {n}".encode()).hexdigest()
    copy.source.path = f"bench/{unit_no:05d}-{2 if later else 1}.txt"
    return copy


def build(out: Path, count: int) -> None:
    settings = Settings()
    seeds = [summarise_document(read_path(s, None, settings.max_bytes), settings) for s in SEEDS]
    out.mkdir(parents=True, exist_ok=True)
    index = Index(out / "index.sqlite")
    run = index.begin_run(ROOT / "seeds", "rules", "bench-serve", None, 1)
    started = time.perf_counter()
    for n in range(count):
        unit_no, later = n // 2, bool(n % 2)
        summary = variant(seeds[unit_no % len(seeds)], n, unit_no, later)
        rel = summary.source.path or f"bench/{n}.txt"
        json_rel = json_path_for(rel)
        data, text_sha = encode(summary)
        write_text(out, summary.source.text, text_sha)
        (out / json_rel).parent.mkdir(parents=True, exist_ok=True)
        write_quick(out / json_rel, data)
        rid = index.save_report(
            flatten(summary), path=rel, json_path=json_rel, engine_key="bench-serve", run_id=run, replace=None
        )
        index.mark_file(
            rel,
            sha256=summary.source.sha256,
            size=len(summary.source.text),
            status="summarised",
            engine_key="bench-serve",
            run_id=run,
            report_id=rid,
        )
        index.maybe_commit()
        if n and n % 2000 == 0:
            print(f"  built {n} reports in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    index.finish_run(run, "complete", {"files": count, "summarised": count})
    index.close()
    print(f"  built {count} reports in {time.perf_counter() - started:.0f} s", file=sys.stderr)


def timed(get: Callable[[], object], repeat: int) -> list[tuple[float, float]]:
    """(wall ms, CPU ms) of each call. CPU time is the server's own work whatever else the machine
    runs (the app answers a request on one thread and waits on nothing but SQLite and the disk cache)."""
    times = []
    for _ in range(repeat):
        w, c = time.perf_counter(), time.process_time()
        get()
        times.append(((time.perf_counter() - w) * 1000, (time.process_time() - c) * 1000))
    return times


def line(label: str, samples: list[tuple[float, float]]) -> str:
    def stats(ms: list[float]) -> str:
        ms = sorted(ms)
        p95 = ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))]
        return f"{statistics.median(ms):.1f} | {p95:.1f}"

    wall, cpu = [w for w, _ in samples], [c for _, c in samples]
    return f"| {label} | {len(samples)} | {stats(cpu)} | {stats(wall)} |"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--reports", type=int, default=10_000)
    parser.add_argument("--dir", type=Path, help="build here, or reuse the archive already here")
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--rounds", action="store_true", help="run `summarise rounds` over the archive first")
    args = parser.parse_args()

    from starlette.testclient import TestClient

    from summarise.serve.app import create_app

    temp = None
    out = args.dir
    if out is None:
        temp = tempfile.TemporaryDirectory(prefix="bench-serve-")
        out = Path(temp.name)
    if not (out / "index.sqlite").is_file():
        print(f"building {args.reports} reports in {out}", file=sys.stderr)
        build(out, args.reports)
    if args.rounds:
        from summarise.archive.rounds import update_rounds

        t = time.perf_counter()
        update_rounds(out)
        print(f"  summarise rounds: {time.perf_counter() - t:.0f} s", file=sys.stderr)

    client = TestClient(create_app(out, lang="zh"), base_url="http://127.0.0.1")
    archive = client.app.state.server.archive  # type: ignore[attr-defined]
    conn = archive.conn()
    reports = int(conn.execute("SELECT count(*) FROM reports").fetchone()[0])
    problems = int(conn.execute("SELECT count(*) FROM problems").fetchone()[0])
    measures = int(conn.execute("SELECT count(*) FROM measures").fetchone()[0])
    units = archive.units(limit=100_000)
    multi = [u["key"] for u in units if u["reports"] > 1]
    rng = random.Random(7)
    print(
        f"archive: {reports} reports, {problems} problems, {measures} measures, {len(units)} units "
        f"({len(multi)} with two rounds); stored diffs: {'yes' if archive.layout().diffs else 'no'}"
    )
    print(f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} cores")
    print("| request | n | CPU median ms | CPU p95 ms | wall median ms | wall p95 ms |")
    print("|---|---:|---:|---:|---:|---:|")

    def ok(url: str, params: dict[str, str] | None = None) -> None:
        r = client.get(url, params=params)
        assert r.status_code == 200, (url, params, r.status_code)

    def texts_cold() -> None:
        archive._texts._stamp = None  # as on the first short-word search after the index changed
        archive.report_texts()

    # Made in a thread when the server starts (and again after the reports change), not in a request.
    print(line("short-word texts, read (server start)", timed(texts_cold, 2)))
    for label, params in QUERIES.items():
        ok("/search", params)  # the first request opens the thread's connection
        print(line(label, timed(lambda p=params: ok("/search", p), args.repeat)))
    picks = rng.sample(multi, min(args.repeat, len(multi)))
    cold = [timed(lambda k=key: ok("/unit", {"key": k}), 1)[0] for key in picks]  # first visit
    print(line("unit page, cold (its diff made or read)", cold))
    print(line("unit page, warm", [timed(lambda k=key: ok("/unit", {"key": k}), 1)[0] for key in picks]))
    shas = [
        r[0] for r in conn.execute("SELECT sha256 FROM reports ORDER BY random() LIMIT ?", (args.repeat,))
    ]
    print(line("report page", [timed(lambda s=sha: ok(f"/report/{s}"), 1)[0] for sha in shas]))
    print(
        line(
            "report view (the HTML view)",
            [timed(lambda s=sha: ok(f"/report/{s}/view"), 1)[0] for sha in shas],
        )
    )

    def archive_cold() -> None:
        archive._overview = None  # as on the first visit after the index changed
        ok("/")

    print(line("archive page, cold", timed(archive_cold, 3)))
    print(line("archive page, warm", timed(lambda: ok("/"), args.repeat)))
    if temp is not None:
        temp.cleanup()


if __name__ == "__main__":
    main()
