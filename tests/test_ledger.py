"""The ledger (台账) of one report: `report -f xlsx` and `report -f csv`, opened as a user opens them.

The expected figures come from the summary itself (its problem count, its outstanding items, its
discipline counts), so the checks hold for any notice; seed 001 is the one the issue names (29
problems, four outstanding items, 12 people dealt with).
"""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from language import chinese_share, english_sentences
from typer.testing import CliRunner

from summarise import i18n
from summarise.api import summarise_path
from summarise.cli import app
from summarise.errors import UsageError
from summarise.ledger import LEDGER_FORMATS, check_ledger
from summarise.models import ReportSummary

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
SEED_001 = ROOT / "seeds" / "001_ab1517135964eae8.txt"
runner = CliRunner()


@pytest.fixture(scope="module")
def summary() -> ReportSummary:
    return summarise_path(SEED_001)


def invoke(*args: str):  # type: ignore[no-untyped-def]
    result = runner.invoke(app, list(args))
    print(result.output)
    return result


def sheet_rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    book = openpyxl.load_workbook(path, read_only=True)
    try:
        return {ws.title: list(ws.iter_rows(values_only=True)) for ws in book.worksheets}
    finally:
        book.close()


def test_xlsx_of_seed_001_has_a_row_per_problem_under_chinese_headers(
    tmp_path: Path, summary: ReportSummary
) -> None:
    out = tmp_path / "台账.xlsx"
    result = invoke("report", str(SEED_001), "-f", "xlsx", "-o", str(out))
    assert result.exit_code == 0
    sheets = sheet_rows(out)
    assert list(sheets) == ["问题台账", "整改未完成事项", "问责处理"]
    problems = sheets["问题台账"]
    assert summary.problem_count() == 29
    assert len(problems) - 1 == 29
    header = problems[0]
    assert header[:3] == ("方面", "事项", "问题")
    for sheet in sheets.values():
        assert all(chinese_share(str(h)) == 1.0 for h in sheet[0]), sheet[0]
    # Each row's offsets open on its problem's heading (after its number, (1) or 1.) in the source.
    text = summary.source.text
    start, end = header.index("原文起点"), header.index("原文终点")
    for row in problems[1:]:
        quoted = text[int(row[start]) : int(row[end])]  # type: ignore[arg-type]
        assert 0 <= quoted.find(str(row[2])) <= 6, (row[2], quoted[:40])
    statuses = {row[header.index("整改状态")] for row in problems[1:]}
    assert statuses <= {"已完成", "推进中", "长期", "未说明"} and len(statuses) > 1


def test_xlsx_outstanding_and_discipline_sheets_follow_the_summary(
    tmp_path: Path, summary: ReportSummary
) -> None:
    out = tmp_path / "l.xlsx"
    assert invoke("report", str(SEED_001), "-f", "xlsx", "-o", str(out)).exit_code == 0
    sheets = sheet_rows(out)
    outstanding = sheets["整改未完成事项"][1:]
    assert [(r[0], r[1]) for r in outstanding] == [(o.item, o.deadline) for o in summary.outstanding]
    assert len(outstanding) == 4
    discipline = dict(sheets["问责处理"][1:])
    assert {k: discipline[k] for k in summary.discipline.counts} == summary.discipline.counts
    assert discipline["合计（通报自述）"] == summary.discipline.people == 12


def test_english_headers_with_lang_en(tmp_path: Path) -> None:
    # Through the console entry point, as a user types it: the language is settled before the CLI loads.
    out = tmp_path / "ledger.xlsx"
    env = {**os.environ, "SUMMARISE_LANG": "en"}
    done = subprocess.run(
        [sys.executable, "-c", "from summarise.launch import main; main()", "report", str(SEED_001)]
        + ["-f", "xlsx", "-o", str(out)],
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    sheets = sheet_rows(out)
    assert list(sheets) == ["Problems", "Outstanding", "Discipline"]
    header = sheets["Problems"][0]
    assert header[:3] == ("Area", "Item", "Problem")
    for sheet in sheets.values():
        assert all(chinese_share(str(h)) == 0.0 for h in sheet[0]), sheet[0]
    assert len(sheets["Problems"]) - 1 == 29
    statuses = {row[header.index("Status")] for row in sheets["Problems"][1:]}
    assert all(chinese_share(str(s)) == 0.0 for s in statuses), statuses


def test_csv_starts_with_a_bom_and_parses_to_the_same_rows(tmp_path: Path, summary: ReportSummary) -> None:
    result = invoke("report", str(SEED_001), "-f", "csv")
    assert result.exit_code == 0
    raw = result.stdout_bytes
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert rows[0][:3] == ["方面", "事项", "问题"]
    assert len(rows) - 1 == summary.problem_count()
    # A measure list keeps its line breaks inside one quoted cell.
    assert any("\n" in cell for row in rows[1:] for cell in row)

    out = tmp_path / "problems.csv"
    assert invoke("report", str(SEED_001), "-f", "csv", "-o", str(out)).exit_code == 0
    assert out.read_bytes() == raw


@pytest.mark.parametrize(("table", "first"), [("outstanding", "事项"), ("discipline", "处理类型")])
def test_csv_table_picks_the_other_tables(table: str, first: str, summary: ReportSummary) -> None:
    result = invoke("report", str(SEED_001), "-f", "csv", "--table", table)
    assert result.exit_code == 0
    rows = list(csv.reader(io.StringIO(result.stdout_bytes.decode("utf-8-sig"), newline="")))
    assert rows[0][0] == first
    expected = len(summary.outstanding) if table == "outstanding" else len(summary.discipline.counts) + 1
    assert len(rows) - 1 == expected


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["-f", "csv", "--table", "people"], "--table"),
        (["-f", "md", "--table", "outstanding"], "--table"),
        (["-f", "xlsx", "--table", "outstanding"], "--table"),
    ],
)
def test_a_table_that_cannot_be_written_is_one_chinese_line_and_exit_2(args: list[str], needle: str) -> None:
    result = invoke("report", str(SEED_001), *args)
    assert result.exit_code == 2
    line = result.stderr.strip()
    assert len(line.splitlines()) == 1 and needle in line
    assert english_sentences(line) == [] and chinese_share(line) > 0


def test_xlsx_to_a_terminal_asks_for_o(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    with pytest.raises(UsageError) as raised:
        check_ledger("xlsx", None, None)
    assert "-o" in str(raised.value) and english_sentences(str(raised.value)) == []
    assert check_ledger("xlsx", None, Path("l.xlsx")) is True
    assert check_ledger("csv", None, None) is True  # text: fine on a terminal
    assert check_ledger("json", None, None) is False
    assert set(LEDGER_FORMATS) == {"xlsx", "csv"}


def test_xlsx_to_a_pipe_is_the_workbook(tmp_path: Path) -> None:
    result = invoke("report", str(SEED_001), "-f", "xlsx")
    assert result.exit_code == 0
    piped = tmp_path / "piped.xlsx"
    piped.write_bytes(result.stdout_bytes)
    assert len(sheet_rows(piped)["问题台账"]) == 30


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_every_seed_ledger_counts_its_problems(seed: Path, tmp_path: Path) -> None:
    out = tmp_path / "l.xlsx"
    assert invoke("report", str(seed), "-f", "xlsx", "-o", str(out)).exit_code == 0
    assert len(sheet_rows(out)["问题台账"]) - 1 == summarise_path(seed).problem_count()


def test_english_csv_under_the_english_language(summary: ReportSummary) -> None:
    from summarise.ledger import PROBLEMS, Entry
    from summarise.ledger_write import csv_bytes

    with i18n.use_lang("en"):
        raw = csv_bytes([Entry(summary)], PROBLEMS)
    header = next(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert header[:3] == ["Area", "Item", "Problem"]
