"""The ledger of a bulk archive: `summarise ledger OUT` and `bulk --ledger`, over the five seeds.

Each report's rows are compared with that report's own stored summary (its problem count, its
outstanding items, its unit and date), so the check is the contract, not a number kept here.
"""

from __future__ import annotations

import csv
import io
import shutil
from collections import Counter
from pathlib import Path

import openpyxl
import pytest
from language import chinese_share, english_sentences
from typer.testing import CliRunner

from summarise.archive import BulkOptions, run_bulk
from summarise.archive.progress import PlainReporter
from summarise.archive.store import load_summary
from summarise.cli import app
from summarise.models import ReportSummary
from summarise.settings import Settings

SEEDS_DIR = Path(__file__).resolve().parent.parent / "seeds"
SEEDS = sorted(SEEDS_DIR.glob("*.txt"))
runner = CliRunner()


def invoke(*args: str):  # type: ignore[no-untyped-def]
    result = runner.invoke(app, list(args))
    print(result.output)
    return result


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("ledger-archive")
    run_bulk(
        SEEDS_DIR,
        out,
        Settings(cache_dir=out / "cache"),
        BulkOptions(workers=1),
        PlainReporter(io.StringIO(), interval=3600),
    )
    return out


def stored(out: Path) -> dict[str, ReportSummary]:
    return {seed.name: load_summary(out / f"{seed.name}.json") for seed in SEEDS}


def sheets_of(path: Path) -> dict[str, list[tuple[object, ...]]]:
    book = openpyxl.load_workbook(path, read_only=True)
    try:
        return {ws.title: list(ws.iter_rows(values_only=True)) for ws in book.worksheets}
    finally:
        book.close()


def test_the_archive_ledger_has_one_row_per_problem_of_every_report(archive: Path) -> None:
    result = invoke("ledger", str(archive))
    assert result.exit_code == 0
    assert english_sentences(result.stderr) == [] and "ledger.xlsx" in result.stderr
    sheets = sheets_of(archive / "ledger.xlsx")
    summaries = stored(archive)
    header, *rows = sheets["问题台账"]
    assert all(chinese_share(str(h)) == 1.0 for h in header)
    source = header.index("源文件")
    per_report = Counter(str(row[source]) for row in rows)
    assert per_report == {name: s.problem_count() for name, s in summaries.items()}
    assert sum(per_report.values()) == sum(s.problem_count() for s in summaries.values())
    # The report's columns come with every row: its unit and its date, as the summary has them.
    unit, date = header.index("被巡察单位"), header.index("落款日期")
    for row in rows:
        meta = summaries[str(row[source])].meta
        assert (row[unit], row[date]) == (meta.unit, meta.published_date)
    out_header, *outstanding = sheets["整改未完成事项"]
    out_source = out_header.index("源文件")
    assert Counter(str(r[out_source]) for r in outstanding) == {
        name: len(s.outstanding) for name, s in summaries.items() if s.outstanding
    }


def test_the_csv_ledger_is_three_files_with_a_bom_and_the_same_rows(archive: Path) -> None:
    result = invoke("ledger", str(archive), "-f", "csv")
    assert result.exit_code == 0
    names = ["ledger.csv", "ledger-outstanding.csv", "ledger-discipline.csv"]
    for name in names:
        assert (archive / name).read_bytes().startswith(b"\xef\xbb\xbf"), name
    with open(archive / "ledger.csv", encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert len(rows) - 1 == sum(s.problem_count() for s in stored(archive).values())
    with open(archive / "ledger-discipline.csv", encoding="utf-8-sig", newline="") as fh:
        discipline = list(csv.DictReader(fh))
    totals = [r for r in discipline if r["处理类型"] == "合计（通报自述）"]
    people = {n: s.discipline.people for n, s in stored(archive).items() if s.discipline.people is not None}
    assert {r["源文件"]: int(r["人数"]) for r in totals} == people


def test_o_names_the_one_file_and_table_picks_the_csv_table(archive: Path, tmp_path: Path) -> None:
    target = tmp_path / "未完成.csv"
    result = invoke("ledger", str(archive), "-f", "csv", "--table", "outstanding", "-o", str(target))
    assert result.exit_code == 0
    with open(target, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == sum(len(s.outstanding) for s in stored(archive).values())
    assert list(tmp_path.iterdir()) == [target]  # nothing else written beside it


def test_bulk_ledger_writes_the_workbook_at_the_end_of_the_run(tmp_path: Path) -> None:
    source = tmp_path / "in"
    source.mkdir()
    for seed in SEEDS[:2]:
        shutil.copy(seed, source / seed.name)
    out = tmp_path / "out"
    result = invoke("bulk", str(source), "-o", str(out), "--workers", "1", "--ledger")
    assert result.exit_code == 0
    rows = sheets_of(out / "ledger.xlsx")["问题台账"][1:]
    assert len(rows) == sum(load_summary(out / f"{s.name}.json").problem_count() for s in SEEDS[:2])


def test_a_damaged_summary_is_named_left_out_and_the_rest_written(archive: Path, tmp_path: Path) -> None:
    out = tmp_path / "copy"
    shutil.copytree(archive, out)
    damaged = out / f"{SEEDS[1].name}.json"
    damaged.write_bytes(damaged.read_bytes()[:100])
    result = invoke("ledger", str(out))
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 2 and SEEDS[1].name in lines[0] and "台账" in lines[0]
    assert english_sentences(lines[1]) == []
    rows = sheets_of(out / "ledger.xlsx")["问题台账"][1:]
    expected = sum(s.problem_count() for n, s in stored(archive).items() if n != SEEDS[1].name)
    assert len(rows) == expected


@pytest.mark.parametrize(
    "args",
    [
        ["-f", "pdf"],
        ["-f", "xlsx", "--table", "outstanding"],
        ["-o", "DIR"],
    ],
)
def test_bad_ledger_requests_are_one_line_and_exit_2(args: list[str], archive: Path, tmp_path: Path) -> None:
    args = [str(tmp_path) if a == "DIR" else a for a in args]
    result = invoke("ledger", str(archive), *args)
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert english_sentences(result.stderr) == []


def test_a_folder_without_an_index_is_exit_2(tmp_path: Path) -> None:
    result = invoke("ledger", str(tmp_path))
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1
