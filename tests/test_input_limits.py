"""Every input is bounded: bytes read (stdin and devices stop at the limit), what a PDF or DOCX may
inflate to, how deep HTML may nest. Each bound is one line and exit 2, in little time and memory;
nothing on disk changes. HTML nested past 200 elements keeps all its text."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import bombs
import pytest
from conftest import SEEDS
from disk import changes, snapshot
from measure import run_measured
from typer.testing import CliRunner

from summarise.cli import app
from summarise.extract.web import html_text

runner = CliRunner()
SEED = next(s for s in SEEDS if s.name.startswith("001"))
TOO_LARGE = "输入超过 {}；如需放宽，请加 --max-bytes（或设置 SUMMARISE_MAX_BYTES）"


def cli(*args: str, input: bytes | None = None, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), input=input, env=env)


def one_error_line(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("summarise：错误："), stderr
    assert "内部错误" not in stderr and "Traceback" not in stderr
    return lines[0].removeprefix("summarise：错误：")


@pytest.mark.skipif(not os.path.exists("/proc/self/status"), reason="needs /dev/zero and /proc")
@pytest.mark.parametrize("how", ["stdin", "path"])
def test_dev_zero_stops_at_the_limit_in_bounded_memory(
    how: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    args = ["report", "-"] if how == "stdin" else ["report", "/dev/zero"]
    code, err, seconds, peak_mb = run_measured(args, "/dev/zero" if how == "stdin" else None)
    # 20 MB read in 1 MB chunks, plus the interpreter: about 60 MB (it was 4.2 GB, then MemoryError).
    name = "<stdin>" if how == "stdin" else "/dev/zero"
    assert code == 2, err
    assert one_error_line(err) == f"{name}：" + TOO_LARGE.format("20 MB")
    assert peak_mb < 150 and seconds < 30, (peak_mb, seconds)
    assert list(tmp_path.iterdir()) == []


def test_a_file_over_the_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:  # sparse: 30 MB on paper, nothing on disk
        fh.truncate(30_000_000)
    before = snapshot(tmp_path)
    result = cli("report", str(big))
    assert result.exit_code == 2
    assert one_error_line(result.stderr) == f"{big}：" + TOO_LARGE.format("20 MB")
    assert changes(before, snapshot(tmp_path)) == set()


def test_max_bytes_flag_sets_the_limit(tmp_path: Path) -> None:
    copy = tmp_path / SEED.name
    copy.write_bytes(SEED.read_bytes())
    before = snapshot(tmp_path)
    small = cli("report", str(copy), "--max-bytes", "10k")
    assert small.exit_code == 2
    assert one_error_line(small.stderr) == f"{copy}：" + TOO_LARGE.format("10000 字节")
    assert cli("report", str(copy), "--max-bytes", "1MB", "-f", "json").exit_code == 0
    bad = cli("report", str(copy), "--max-bytes", "lots")
    assert bad.exit_code == 2
    assert one_error_line(bad.stderr) == "--max-bytes：'lots' 不是大小（例如 20000000、20MB 或 500k）"
    assert changes(before, snapshot(tmp_path)) == set()


def test_summarise_max_bytes_environment_variable_sets_the_limit() -> None:
    result = cli("report", "-", input=SEED.read_bytes(), env={"SUMMARISE_MAX_BYTES": "10000"})
    assert result.exit_code == 2
    assert one_error_line(result.stderr) == "<stdin>：" + TOO_LARGE.format("10000 字节")
    flag_wins = cli(
        "report", "-", "--max-bytes", "2M", input=SEED.read_bytes(), env={"SUMMARISE_MAX_BYTES": "10000"}
    )
    assert flag_wins.exit_code == 0, flag_wins.output


def test_diff_reads_stdin_within_the_limit_too() -> None:
    result = cli("diff", "-", str(SEED), "--max-bytes", "100", input=b"x" * 1000)
    assert result.exit_code == 2
    assert one_error_line(result.stderr) == "<stdin>：" + TOO_LARGE.format("100 字节")


def test_a_docx_part_that_inflates_past_its_bound_is_refused_before_inflating(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.docx"
    bomb.write_bytes(bombs.docx(40_000_000))  # a few hundred KB that inflate to 40 MB of XML
    before = snapshot(tmp_path)
    started = time.monotonic()
    result = cli("report", str(bomb))
    assert result.exit_code == 2
    assert one_error_line(result.stderr) == (
        f"{bomb}：word/document.xml 解压后为 40 MB，超过 .docx 单个部件允许的 16 MB，不予打开"
    )
    assert time.monotonic() - started < 5
    assert changes(before, snapshot(tmp_path)) == set()


def test_a_pdf_stream_that_inflates_past_its_bound_is_refused_before_pdfminer_reads_it(
    tmp_path: Path,
) -> None:
    bomb = tmp_path / "bomb.pdf"
    bomb.write_bytes(bombs.pdf(1, bomb=40_000_000, bomb_is_page=True))
    before = snapshot(tmp_path)
    started = time.monotonic()
    result = cli("report", str(bomb))
    assert result.exit_code == 2
    assert one_error_line(result.stderr) == f"{bomb}：PDF 中有一个数据流解压后超过 32 MB，不予打开"
    assert time.monotonic() - started < 5
    assert changes(before, snapshot(tmp_path)) == set()


def test_a_pdf_with_more_pages_than_a_notice_has_is_refused(tmp_path: Path) -> None:
    many = tmp_path / "many.pdf"
    many.write_bytes(bombs.pdf(501))
    before = snapshot(tmp_path)
    result = cli("report", str(many))
    assert result.exit_code == 2
    assert one_error_line(result.stderr) == f"{many}：PDF 有 501 页，超过一份通报可能有的 500 页"
    assert changes(before, snapshot(tmp_path)) == set()


def test_html_nested_deeper_than_the_bound_is_refused_quickly(tmp_path: Path) -> None:
    page = tmp_path / "deep.html"
    page.write_text(bombs.html_nested(100_000, "巡察整改情况通报。"), encoding="utf-8")
    before = snapshot(tmp_path)
    started = time.monotonic()
    result = cli("report", str(page))
    assert result.exit_code == 2
    assert one_error_line(result.stderr) == (
        f"{page}：HTML 元素嵌套 100000 层，超过 20000 层；请把网页文字另存为 .txt 后再摘要"
    )
    assert time.monotonic() - started < 5
    assert changes(before, snapshot(tmp_path)) == set()


def test_html_nested_past_200_elements_keeps_all_its_text(tmp_path: Path) -> None:
    # An editor that never closes <div><span> nests one level deeper per line: ~230 levels here.
    lines = [line for line in SEED.read_text(encoding="utf-8").split("\n") if line.strip()]
    deep, flat = bombs.html_deep(lines), bombs.html_deep(lines, unclosed=False)
    assert html_text(deep, "deep") == html_text(flat, "flat")
    page = tmp_path / "deep.html"
    page.write_text(deep, encoding="utf-8")
    flat_page = tmp_path / "flat.html"
    flat_page.write_text(flat, encoding="utf-8")
    result, expected = cli("report", str(page), "-f", "json"), cli("report", str(flat_page), "-f", "json")
    assert result.exit_code == 0, result.output
    got, want = json.loads(result.stdout), json.loads(expected.stdout)
    assert got["areas"] == want["areas"] and got["source"]["chars"] == want["source"]["chars"]


@pytest.mark.parametrize(
    "blank",
    ["\u3000\u3000\n\u3000", " \t\n\u3000 \u00a0\n", "\ufeff\u200b\u3000\n"],
    ids=["ideographic-spaces", "mixed-spaces", "invisible-characters"],
)
def test_whitespace_only_input_is_empty_input(blank: str, tmp_path: Path) -> None:
    path = tmp_path / "blank.txt"
    path.write_text(blank, encoding="utf-8")
    before = snapshot(tmp_path)
    result = cli("report", str(path))
    assert result.exit_code == 2
    assert one_error_line(result.stderr) == f"{path}：输入为空"
    gbk = cli("report", "-", input=blank.replace("\ufeff", "").encode("gb18030"))
    assert gbk.exit_code == 2 and one_error_line(gbk.stderr) == "<stdin>：输入为空"
    assert changes(before, snapshot(tmp_path)) == set()


def test_diff_of_deeply_nested_json_is_an_input_error(tmp_path: Path) -> None:
    nested = tmp_path / "nested.json"
    nested.write_text('{"source": ' + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")
    before = snapshot(tmp_path)
    result = cli("diff", str(nested), str(SEED))
    assert result.exit_code == 2
    assert one_error_line(result.stderr).startswith(f"{nested}")  # the diff's own message, in its words
    assert changes(before, snapshot(tmp_path)) == set()
