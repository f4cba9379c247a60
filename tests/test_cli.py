"""The command line: formats, output file, stdin, version, and one-line errors with exit code 2."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SEEDS
from typer.testing import CliRunner

from summarise import __version__
from summarise.cli import app
from summarise.models import ReportSummary

runner = CliRunner()
SEED = next(s for s in SEEDS if s.name.startswith("001"))


def run(*args: str, input: bytes | None = None):  # type: ignore[no-untyped-def]
    result = runner.invoke(app, list(args), input=input)
    return result


def test_json_output_is_the_schema() -> None:
    result = run("report", str(SEED), "--format", "json")
    assert result.exit_code == 0, result.output
    summary = ReportSummary.model_validate_json(result.stdout)
    assert summary.meta.unit == "鲤城高新技术产业开发区"
    data = json.loads(result.stdout)
    for key in (
        "schema_version",
        "source",
        "meta",
        "stated_counts",
        "organisation",
        "areas",
        "outstanding",
        "discipline",
        "next_steps",
        "contact",
        "warnings",
        "engine",
    ):
        assert key in data
    assert set(data["source"]) >= {"path", "sha256", "chars", "encoding"}
    assert set(data["discipline"]) >= {"people", "counts", "evidence"}
    item = data["areas"][0]["items"][0]
    assert set(item) >= {"title", "named_problem", "status", "evidence", "measures", "figures", "problems"}
    assert set(data["outstanding"][0]) >= {"item", "deadline", "status", "evidence"}


def test_text_view_shows_meta_areas_and_outstanding() -> None:
    result = run("report", str(SEED))
    assert result.exit_code == 0, result.output
    out = result.stdout
    for expected in (
        "市委联动巡察组",
        "2019-12-03",
        "落实从严治党战略部署方面",
        "合作建设项目未获收益",
        "2021-12-31",
        "提醒谈话 11",
    ):
        assert expected in out


def test_markdown_to_file(tmp_path: Path) -> None:
    target = tmp_path / "out" / "summary.md"
    result = run("report", str(SEED), "--format", "md", "--output", str(target))
    assert result.exit_code == 0, result.output
    md = target.read_text(encoding="utf-8")
    assert md.startswith("# 鲤城高新区党工委关于市委联动巡察整改进展情况的通报")
    assert "| 企业动建电费未收回" in md and "2021-12-31" in md


def test_stdin_is_read_with_dash() -> None:
    result = run("report", "-", "--format", "json", input=SEED.read_bytes())
    assert result.exit_code == 0, result.output
    summary = ReportSummary.model_validate_json(result.stdout)
    assert summary.source.path is None and summary.problem_count() == 29


def test_version() -> None:
    result = run("--version")
    assert result.exit_code == 0 and __version__ in result.stdout


def test_text_that_is_not_a_report_is_flagged_but_succeeds(tmp_path: Path) -> None:
    path = tmp_path / "recipe.txt"
    path.write_text(
        "红烧肉做法\n一、准备材料\n五花肉500克,冰糖30克。\n二、烹饪步骤\n1.焯水。\n2.炒糖色。\n",
        encoding="utf-8",
    )
    result = run("report", str(path), "--format", "json")
    assert result.exit_code == 0, result.output
    summary = ReportSummary.model_validate_json(result.stdout)
    assert "not_a_report" in [w.code for w in summary.warnings]


def _bad_inputs(tmp: Path) -> dict[str, Path]:
    (tmp / "empty.txt").write_bytes(b"")
    (tmp / "blank.txt").write_bytes(b"  \n\n ")
    (tmp / "binary.txt").write_bytes(bytes(range(256)) * 20)
    (tmp / "undecodable.txt").write_bytes(b"\x81\x30\xff\xfe\xfd" * 200 + b"\x80\x80\x80")
    (tmp / "adir").mkdir()
    return {
        "empty": tmp / "empty.txt",
        "blank": tmp / "blank.txt",
        "binary": tmp / "binary.txt",
        "undecodable": tmp / "undecodable.txt",
        "directory": tmp / "adir",
        "missing": tmp / "nope.txt",
    }


@pytest.mark.parametrize("kind", ["empty", "blank", "binary", "undecodable", "directory", "missing"])
def test_bad_input_exits_2_with_one_line_and_no_traceback(kind: str, tmp_path: Path) -> None:
    path = _bad_inputs(tmp_path)[kind]
    proc = subprocess.run(
        [sys.executable, "-m", "summarise", "report", str(path)], capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 2, proc.stderr
    assert proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("summarise：错误："), proc.stderr
    assert "Traceback" not in proc.stderr and str(path.name) in lines[0]


def test_bad_format_is_a_usage_error() -> None:
    result = run("report", str(SEED), "--format", "pdf")
    assert result.exit_code == 2
    assert result.stdout == ""
    line = result.stderr.strip()
    assert line.startswith("summarise：错误：") and "'pdf'" in line and "text" in line and "json" in line


def test_output_file_is_not_touched_when_input_is_bad(tmp_path: Path) -> None:
    target = tmp_path / "summary.json"
    target.write_text("previous", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    result = run("report", str(tmp_path / "empty.txt"), "--format", "json", "-o", str(target))
    assert result.exit_code == 2
    assert target.read_text(encoding="utf-8") == "previous"


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("SUMMARISE_CONCURRENCY", "four", "SUMMARISE_CONCURRENCY='four'：不是整数"),
        ("SUMMARISE_CONCURRENCY", "0", "不能小于 1"),
        ("SUMMARISE_MAX_TOKENS", "lots", "SUMMARISE_MAX_TOKENS='lots'：不是整数"),
        ("SUMMARISE_TIMEOUT", "soon", "SUMMARISE_TIMEOUT='soon'：不是数字"),
        ("SUMMARISE_NO_CACHE", "maybe", "SUMMARISE_NO_CACHE='maybe'"),
    ],
)
def test_a_bad_setting_in_the_environment_is_one_line_and_exit_2(
    name: str, value: str, message: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(name, value)
    result = runner.invoke(app, ["report", str(SEED)])
    assert result.exit_code == 2, result.output
    assert message in result.output and "Traceback" not in result.output
