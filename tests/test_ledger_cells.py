"""Ledger cells are safe to open: report text that starts like a formula stays text, in csv and xlsx.

The notice is seed 001 with formula text written into it where a heading starts (an outstanding
item's and a sub-problem's), as a hostile web copy could carry it; the rules engine reads it as report
text, and the ledger must not hand it to Excel as a formula.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from summarise.cells import csv_cell
from summarise.cli import app

SEED_001 = Path(__file__).resolve().parent.parent / "seeds" / "001_ab1517135964eae8.txt"
OUTSTANDING_PAYLOAD = '=HYPERLINK("http://127.0.0.1/x","点击")'
PROBLEM_PAYLOAD = "@SUM(1+1)"
runner = CliRunner()


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    text = SEED_001.read_text("utf-8")
    item = "(一)关于合作建设项目未获收益事项"
    problem = "(1)针对落实习近平总书记重要指示不够到位的问题"
    assert item in text and problem in text
    text = text.replace(item, item.replace("关于", "关于" + OUTSTANDING_PAYLOAD), 1)
    text = text.replace(problem, problem.replace("针对", "针对" + PROBLEM_PAYLOAD), 1)
    path = tmp_path_factory.mktemp("hostile") / "notice.txt"
    path.write_text(text, "utf-8")
    return path


def csv_rows(*args: str) -> list[list[str]]:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return list(csv.reader(io.StringIO(result.stdout_bytes.decode("utf-8-sig"), newline="")))


def test_csv_cells_that_start_like_a_formula_are_quoted_as_text(hostile: Path) -> None:
    outstanding = csv_rows("report", str(hostile), "-f", "csv", "--table", "outstanding")
    assert outstanding[1][0].startswith("'" + OUTSTANDING_PAYLOAD)
    problems = csv_rows("report", str(hostile), "-f", "csv")
    named = problems[0].index("问题概括")
    assert problems[1][named].startswith("'" + PROBLEM_PAYLOAD)
    # Nothing else is touched: no other cell gained a quote.
    assert [c for row in problems[1:] for c in row if c.startswith("'")] == [problems[1][named]]


def test_xlsx_cells_that_start_like_a_formula_are_strings_with_a_quote_prefix(
    hostile: Path, tmp_path: Path
) -> None:
    out = tmp_path / "l.xlsx"
    result = runner.invoke(app, ["report", str(hostile), "-f", "xlsx", "-o", str(out)])
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(out)
    cell = book["整改未完成事项"].cell(2, 1)
    assert str(cell.value).startswith(OUTSTANDING_PAYLOAD)  # the text as written, not a ' added
    assert cell.data_type == "s" and cell.quotePrefix
    named = book["问题台账"].cell(2, 4)
    assert str(named.value).startswith(PROBLEM_PAYLOAD) and named.data_type == "s" and named.quotePrefix
    plain = book["问题台账"].cell(2, 2)
    assert plain.data_type == "s" and not plain.quotePrefix
    # No cell of any sheet is a formula.
    assert all(c.data_type != "f" for ws in book.worksheets for row in ws.iter_rows() for c in row)


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=1+1", "'=1+1"),
        ("+86 10 1234", "'+86 10 1234"),
        ("-2%", "'-2%"),
        ("@cmd", "'@cmd"),
        ("\tx", "'\tx"),
        ("整改=完成", "整改=完成"),
        ("a\x1b[31mred", "ared"),
        (None, ""),
        (12, 12),
        (-3, -3),  # a number is a number, not text to quote
    ],
)
def test_csv_cell_rules(value: object, cell: object) -> None:
    assert csv_cell(value) == cell
