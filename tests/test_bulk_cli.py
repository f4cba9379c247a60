"""The `bulk` command's manners: exit codes, stderr-only progress, the walk's choices of files."""

from __future__ import annotations

import csv
import html
import io
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarise.archive.progress import PlainReporter, reporter_for
from summarise.archive.tally import Tally
from summarise.archive.walk import iter_reports
from summarise.cli import app

SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))
runner = CliRunner()


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    root = tmp_path / "in"
    root.mkdir()
    for seed in SEEDS[:2]:
        shutil.copy(seed, root / seed.name)
    return root


def invoke(*args: str):  # type: ignore[no-untyped-def]
    result = runner.invoke(app, list(args))
    print(result.output)  # shown by pytest when an assertion fails
    return result


def test_a_clean_archive_exits_0_with_progress_on_stderr_only(archive: Path, tmp_path: Path) -> None:
    result = invoke("bulk", str(archive), "-o", str(tmp_path / "out"), "--workers", "1")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "待检查 2 个文件" in result.stderr
    assert "共 2 个文件，新处理 2 个，未变 0 个，重复 0 个，失败 0 个" in result.stderr


def test_a_failed_file_makes_the_exit_code_1_and_the_tally_says_so(archive: Path, tmp_path: Path) -> None:
    (archive / "blank.txt").write_text("  \n", "utf-8")
    out = tmp_path / "out"
    result = invoke("bulk", str(archive), "-o", str(out), "--workers", "1")
    assert result.exit_code == 1
    assert "失败 1 个" in result.stderr
    assert "errors.jsonl" in result.stderr
    assert "blank.txt" in (out / "errors.jsonl").read_text("utf-8")


def test_a_missing_input_folder_is_exit_2_with_one_line(tmp_path: Path) -> None:
    result = invoke("bulk", str(tmp_path / "nope"), "-o", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert result.stderr.strip().startswith("summarise：错误：")
    assert "：不是文件夹（单个文件请用 `summarise report`）" in result.stderr


def test_an_unknown_engine_is_exit_2(archive: Path, tmp_path: Path) -> None:
    result = invoke("bulk", str(archive), "-o", str(tmp_path / "out"), "--engine", "magic")
    assert result.exit_code == 2
    assert "未知的引擎 'magic'" in result.stderr


def test_glob_option_is_repeatable(archive: Path, tmp_path: Path) -> None:
    page = "".join(f"<p>{html.escape(line)}</p>" for line in SEEDS[2].read_text("utf-8").splitlines())
    (archive / "page.html").write_text(f"<html><body>{page}</body></html>", "utf-8")
    out = tmp_path / "out"
    result = invoke(
        "bulk",
        str(archive),
        "-o",
        str(out),
        "--workers",
        "1",
        "--glob",
        f"{SEEDS[0].name}",
        "--glob",
        "*.html",
    )
    assert result.exit_code == 0
    assert "待检查 2 个文件" in result.stderr
    assert "共 2 个文件，新处理 2 个" in result.stderr
    # Each pattern picked its file and the other seed was left out.
    with (out / "overview.csv").open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [(r["path"], r["status"]) for r in rows] == [
        (SEEDS[0].name, "summarised"),
        ("page.html", "summarised"),
    ]
    assert all(int(r["problems"]) > 0 for r in rows)
    assert not (out / f"{SEEDS[1].name}.json").exists()


def test_the_walk_is_sorted_skips_hidden_and_other_suffixes_and_the_output(tmp_path: Path) -> None:
    root = tmp_path / "in"
    for rel in (
        "b.txt",
        "a/z.html",
        "a/y.PDF",
        "a/x.docx",
        "c.doc",
        "d.jpg",
        "README",
        ".hidden.txt",
        ".git/x.txt",
        "out/a.txt.json",
        "out/q.txt",
    ):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(b"x")
    found = [f.rel for f in iter_reports(root, exclude=[root / "out"])]
    assert found == ["a/x.docx", "a/y.PDF", "a/z.html", "b.txt", "c.doc"]
    assert [f.rel for f in iter_reports(root, ["*.txt"], [root / "out"])] == ["b.txt"]
    assert [f.rel for f in iter_reports(root, ["**/*.html"])] == ["a/z.html"]
    assert [f.rel for f in iter_reports(root, ["a/*"])] == ["a/x.docx", "a/y.PDF", "a/z.html"]
    assert [f.rel for f in iter_reports(root, ["README"])] == ["README"]


def test_plain_progress_prints_periodic_lines_and_a_final_tally() -> None:
    stream = io.StringIO()
    progress = PlainReporter(stream, interval=0)
    progress.start(10)
    progress.update(Tally(total=10, summarised=3, unchanged=1, failed=1))
    progress.finish(Tally(total=10, summarised=8, unchanged=1, failed=1, elapsed=65), "1 file failed")
    lines = stream.getvalue().splitlines()
    assert lines[0] == "批量处理：待检查 10 个文件"
    assert lines[1].startswith("批量处理：5/10（50%）：完成 3 个，跳过 1 个，失败 1 个；")
    assert "预计还需" in lines[1]
    assert lines[2] == "批量处理：共 10 个文件，新处理 8 个，未变 1 个，重复 0 个，失败 1 个；用时 1分05秒"
    assert lines[3] == "批量处理：1 file failed"


def test_a_terminal_gets_the_rich_bar_and_a_pipe_gets_plain_lines() -> None:
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    tty = Tty()
    bar = reporter_for(tty)
    assert type(bar).__name__ == "RichReporter"
    assert type(reporter_for(io.StringIO())).__name__ == "PlainReporter"
    bar.start(4)
    bar.update(Tally(total=4, summarised=2, duplicates=1))
    bar.finish(Tally(total=4, summarised=3, duplicates=1, elapsed=2), "")
    assert "新处理 3 个" in tty.getvalue()


def test_file_seconds_reaches_the_run_as_its_time_budget(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import summarise.archive as archive

    seen: list[object] = []

    def fake_run_bulk(in_dir: object, out_dir: object, settings: object, options: object) -> Tally:
        seen.append(options)
        return Tally()

    monkeypatch.setattr(archive, "run_bulk", fake_run_bulk)
    (tmp_path / "in").mkdir()
    result = CliRunner().invoke(
        app, ["bulk", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--file-seconds", "42"]
    )
    assert result.exit_code == 0, result.output
    assert [getattr(o, "file_seconds", None) for o in seen] == [42.0]
