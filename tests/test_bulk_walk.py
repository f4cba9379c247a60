"""`bulk` walks any tree: symlink loops, dangling links, FIFOs, sockets, unreadable folders and
oversized files are one error record each, the reports beside them are summarised, and the input
tree is left exactly as it was. An output folder that is a file or takes no files is exit 2."""

from __future__ import annotations

import json
import os
import shutil
import socket
from pathlib import Path

import pytest
from conftest import SEEDS
from disk import changes, snapshot
from language import chinese_share, english_sentences
from typer.testing import CliRunner

from summarise.archive.walk import iter_reports
from summarise.cli import app

runner = CliRunner()


def bulk(in_dir: Path, out_dir: Path, *extra: str):  # type: ignore[no-untyped-def]
    result = runner.invoke(app, ["bulk", str(in_dir), "-o", str(out_dir), "--workers", "1", *extra])
    print(result.output)
    return result


def errors_of(out_dir: Path) -> dict[str, dict[str, str]]:
    lines = (out_dir / "errors.jsonl").read_text("utf-8").splitlines()
    return {rec["path"]: rec for rec in map(json.loads, lines)}


@pytest.fixture
def hostile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    root = tmp_path / "in"
    (root / "sub").mkdir(parents=True)
    shutil.copy(SEEDS[0], root / "a.txt")
    shutil.copy(SEEDS[1], root / "sub" / "b.txt")
    (root / "loop.txt").symlink_to("loop.txt")
    (root / "ping.txt").symlink_to("pong.txt")
    (root / "pong.txt").symlink_to("ping.txt")
    (root / "dangling.txt").symlink_to("gone.txt")
    (root / "link-to-a.txt").symlink_to("a.txt")  # a link to a report is read like the report
    (root / "sub" / "up").symlink_to("..")  # a folder loop: linked folders are not followed
    os.mkfifo(root / "pipe.txt")
    with (root / "huge.txt").open("wb") as fh:
        fh.truncate(30_000_000)  # sparse: over the 20 MB limit, nothing on disk
    monkeypatch.chdir(root)  # socket paths are limited to ~100 bytes: bind a short relative one
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.bind("sock.txt")
    monkeypatch.chdir(tmp_path)
    yield root
    sock.close()


def test_every_unreadable_entry_is_one_error_record_and_the_run_goes_on(
    hostile: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    before = snapshot(hostile)

    result = bulk(hostile, out)

    assert result.exit_code == 1
    assert "internal error" not in result.output
    assert "共 10 个文件，新处理 2 个，未变 0 个，重复 1 个，失败 7 个" in result.stderr
    errors = errors_of(out)
    assert {path: rec["error"] for path, rec in errors.items()} == {
        "loop.txt": "loop.txt：符号链接循环，未跟随",
        "ping.txt": "ping.txt：符号链接循环，未跟随",
        "pong.txt": "pong.txt：符号链接循环，未跟随",
        "dangling.txt": "dangling.txt：符号链接指向的 gone.txt 不存在",
        "pipe.txt": "pipe.txt：命名管道（FIFO），不是普通文件，未读取",
        "sock.txt": "sock.txt：套接字，不是普通文件，未读取",
        "huge.txt": "huge.txt：输入超过 20 MB；如需放宽，请加 --max-bytes（或设置 SUMMARISE_MAX_BYTES）",
    }
    assert all(rec["kind"] == "input" for rec in errors.values())
    assert (out / "a.txt.json").is_file() and (out / "sub" / "b.txt.json").is_file()
    assert changes(before, snapshot(hostile)) == set()  # the input tree is exactly as it was


def test_the_error_records_and_the_closing_lines_are_english_with_lang_en(
    hostile: Path, tmp_path: Path
) -> None:
    chinese = bulk(hostile, tmp_path / "zh")
    assert english_sentences(chinese.stderr) == []
    assert all(english_sentences(rec["error"]) == [] for rec in errors_of(tmp_path / "zh").values())

    result = bulk(hostile, tmp_path / "en", "--lang", "en")
    assert result.exit_code == 1
    errors = {path: rec["error"] for path, rec in errors_of(tmp_path / "en").items()}
    assert errors["loop.txt"] == "loop.txt: a symlink loop; not followed"
    assert errors["dangling.txt"] == "dangling.txt: a symlink to gone.txt, which does not exist"
    assert errors["pipe.txt"] == "pipe.txt: a FIFO, not a regular file; not read"
    assert errors["sock.txt"] == "sock.txt: a socket, not a regular file; not read"
    assert f"bulk: 7 files could not be summarised: see {tmp_path / 'en' / 'errors.jsonl'}" in result.stderr
    assert chinese_share(result.stderr) == 0


_HOSTILE = {"loop.txt", "ping.txt", "pong.txt", "dangling.txt", "pipe.txt", "sock.txt", "huge.txt"}


def test_the_walk_lists_entries_it_cannot_read_with_the_reason(hostile: Path) -> None:
    found = {f.rel: f.error for f in iter_reports(hostile)}
    assert found["a.txt"] is None and found["sub/b.txt"] is None and found["link-to-a.txt"] is None
    assert {rel for rel, error in found.items() if error} == _HOSTILE - {"huge.txt"}
    assert not any(rel.startswith("sub/up") for rel in found)


def test_max_bytes_applies_to_every_file_of_a_bulk_run(tmp_path: Path) -> None:
    root = tmp_path / "in"
    root.mkdir()
    shutil.copy(SEEDS[0], root / "a.txt")
    result = bulk(root, tmp_path / "out", "--max-bytes", "1000")
    assert result.exit_code == 1
    assert errors_of(tmp_path / "out")["a.txt"]["error"] == (
        "a.txt：输入超过 1000 字节；如需放宽，请加 --max-bytes（或设置 SUMMARISE_MAX_BYTES）"
    )


@pytest.mark.skipif(os.geteuid() == 0, reason="root lists any folder")
def test_an_unreadable_folder_is_one_error_record(tmp_path: Path) -> None:
    root = tmp_path / "in"
    (root / "locked").mkdir(parents=True)
    shutil.copy(SEEDS[0], root / "a.txt")
    (root / "locked").chmod(0)
    try:
        result = bulk(root, tmp_path / "out")
        assert result.exit_code == 1
        assert errors_of(tmp_path / "out")["locked"]["error"] == (
            "locked：无法列出该文件夹内容（Permission denied），其中的文件未读取"
        )
    finally:
        (root / "locked").chmod(0o755)


def test_an_output_folder_that_is_a_file_is_one_line_and_exit_2(tmp_path: Path) -> None:
    root = tmp_path / "in"
    root.mkdir()
    shutil.copy(SEEDS[0], root / "a.txt")
    (tmp_path / "out").write_text("mine", "utf-8")
    before = snapshot(tmp_path)
    result = bulk(root, tmp_path / "out")
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        f"summarise：错误：{tmp_path / 'out'}：不是文件夹；-o 应指定存放摘要的文件夹"
    ]
    assert changes(before, snapshot(tmp_path)) == set()


@pytest.mark.skipif(not os.path.isdir("/sys/kernel"), reason="no sysfs")
def test_an_output_folder_that_takes_no_files_is_one_line_and_exit_2(tmp_path: Path) -> None:
    root = tmp_path / "in"
    root.mkdir()
    shutil.copy(SEEDS[0], root / "a.txt")
    before = snapshot(tmp_path)
    result = bulk(root, Path("/sys/kernel"))
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("summarise：错误：/sys/kernel：无法在此写入摘要（")
    assert changes(before, snapshot(tmp_path)) == set()
