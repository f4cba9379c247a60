"""`-o PATH` never damages what is at PATH or next to it.

A file is written atomically (a symlink's target in the target's own folder, the link kept); a FIFO,
a device or `-` is written as a stream; a directory or a socket is refused in one line with exit 2;
a full disk or a folder that takes no files is one line and exit 2, never an internal error.
"""

from __future__ import annotations

import os
import socket
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from conftest import SEEDS
from disk import changes, entry, snapshot
from typer.testing import CliRunner

from summarise.cli import app

runner = CliRunner()
SEED = next(s for s in SEEDS if s.name.startswith("001"))


def report_md(*extra: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["report", str(SEED), "--format", "md", *extra])


def one_error_line(result) -> str:  # type: ignore[no-untyped-def]
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("summarise：错误："), result.stderr
    assert "内部错误" not in result.stderr and "Traceback" not in result.stderr
    return lines[0]


def expected_md() -> str:
    return report_md().stdout


def test_a_symlink_is_followed_and_its_target_replaced_atomically_in_the_targets_folder(
    tmp_path: Path,
) -> None:
    real = tmp_path / "real"
    real.mkdir()
    target = real / "summary.md"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    link = tmp_path / "here.md"
    link.symlink_to(target)
    inode = target.stat().st_ino
    before = snapshot(tmp_path)

    result = report_md("-o", str(link))

    assert result.exit_code == 0, result.output
    assert result.stderr.strip() == f"已写入 {link}"
    assert link.is_symlink() and os.readlink(link) == str(target)  # the link is still the link
    assert target.read_text(encoding="utf-8") == expected_md()
    assert target.stat().st_ino != inode  # renamed into place, not rewritten in place
    assert stat.S_IMODE(target.stat().st_mode) == 0o640  # the replaced file's mode is kept
    assert changes(before, snapshot(tmp_path)) == {str(target)}  # no temp file left anywhere


def test_a_dangling_symlink_gets_its_target_created_and_stays_a_link(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    target = tmp_path / "real" / "new.md"
    link = tmp_path / "here.md"
    link.symlink_to(target)
    before = snapshot(tmp_path)

    result = report_md("-o", str(link))

    assert result.exit_code == 0, result.output
    assert link.is_symlink() and target.read_text(encoding="utf-8") == expected_md()
    assert changes(before, snapshot(tmp_path)) == {str(target)}


def test_a_fifo_is_written_as_a_stream_and_stays_a_fifo(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    before = snapshot(tmp_path)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()

    result = report_md("-o", str(fifo))
    reader.join(timeout=30)

    assert result.exit_code == 0, result.output
    assert got and got[0].decode("utf-8") == expected_md()
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert changes(before, snapshot(tmp_path)) == set()


def test_a_character_device_is_written_as_a_stream_and_left_in_place() -> None:
    before = entry("/dev/null")
    result = report_md("-o", "/dev/null")
    assert result.exit_code == 0, result.output
    assert result.stderr.strip() == "已写入 /dev/null"
    assert entry("/dev/null") == before


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")
def test_a_full_device_is_one_line_and_exit_2_and_the_device_stays() -> None:
    before = entry("/dev/full")
    result = report_md("-o", "/dev/full")
    assert result.exit_code == 2
    assert one_error_line(result) == "summarise：错误：/dev/full：无法写入（磁盘空间已满）"
    assert entry("/dev/full") == before


def test_dash_is_stdout_and_no_file_named_dash_appears(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    before = snapshot(tmp_path)
    result = report_md("-o", "-")
    assert result.exit_code == 0, result.output
    assert result.stdout == expected_md() and result.stderr == ""
    assert changes(before, snapshot(tmp_path)) == set()


def test_an_existing_directory_is_refused_in_one_line_and_left_alone(tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "keep.txt").write_text("mine", encoding="utf-8")
    before = snapshot(tmp_path)

    result = report_md("-o", str(folder))

    assert result.exit_code == 2
    assert one_error_line(result) == f"summarise：错误：{folder}：是文件夹；-o 需要一个文件名"
    assert changes(before, snapshot(tmp_path)) == set()


def test_a_symlink_to_a_directory_is_refused_like_the_directory(tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    link = tmp_path / "link"
    link.symlink_to(tmp_path / "out")
    before = snapshot(tmp_path)
    result = report_md("-o", str(link))
    assert result.exit_code == 2
    assert one_error_line(result) == f"summarise：错误：{link}：是文件夹；-o 需要一个文件名"
    assert changes(before, snapshot(tmp_path)) == set()


def test_a_socket_is_refused_and_not_replaced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # a short relative name: socket paths are limited to ~100 bytes
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.bind("s.sock")
    try:
        before = snapshot(tmp_path)
        result = report_md("-o", "s.sock")
        assert result.exit_code == 2
        assert one_error_line(result) == (
            "summarise：错误：s.sock：不是普通文件、命名管道或字符设备，不予替换"
        )
        assert changes(before, snapshot(tmp_path)) == set()
    finally:
        sock.close()


def test_a_symlink_loop_is_one_line_and_exit_2(tmp_path: Path) -> None:
    loop = tmp_path / "loop.md"
    loop.symlink_to(loop)
    before = snapshot(tmp_path)
    result = report_md("-o", str(loop))
    assert result.exit_code == 2
    assert one_error_line(result) == (f"summarise：错误：{loop}：无法写入（符号链接循环）")
    assert changes(before, snapshot(tmp_path)) == set()


def test_a_regular_file_is_replaced_keeping_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "summary.md"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o600)
    before = snapshot(tmp_path)
    result = report_md("-o", str(target))
    assert result.exit_code == 0, result.output
    assert target.read_text(encoding="utf-8") == expected_md()
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert changes(before, snapshot(tmp_path)) == {str(target)}


def test_a_folder_below_a_file_is_one_line_and_exit_2(tmp_path: Path) -> None:
    (tmp_path / "file.txt").write_text("mine", encoding="utf-8")
    before = snapshot(tmp_path)
    result = report_md("-o", str(tmp_path / "file.txt" / "summary.md"))
    assert result.exit_code == 2
    assert one_error_line(result).endswith("summary.md：无法写入（路径中有一段不是文件夹）")
    assert changes(before, snapshot(tmp_path)) == set()


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into any folder")
def test_a_folder_without_write_permission_is_one_line_and_exit_2(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        before = snapshot(tmp_path)
        result = report_md("-o", str(folder / "summary.md"))
        assert result.exit_code == 2
        assert one_error_line(result).endswith("summary.md：无法写入（没有权限）")
        assert changes(before, snapshot(tmp_path)) == set()
    finally:
        folder.chmod(0o755)


@pytest.mark.skipif(not os.path.isdir("/sys/kernel"), reason="no sysfs")
def test_a_folder_that_takes_no_files_even_for_root_is_one_line_and_exit_2() -> None:
    before = sorted(os.listdir("/sys/kernel"))
    result = report_md("-o", "/sys/kernel/summary.md")
    assert result.exit_code == 2
    line = one_error_line(result)
    assert line.startswith("summarise：错误：/sys/kernel/summary.md：无法写入（")
    assert sorted(os.listdir("/sys/kernel")) == before


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")
@pytest.mark.parametrize("fmt", ["json", "text"])
def test_stdout_on_a_full_disk_is_one_line_and_exit_2(fmt: str) -> None:
    with open("/dev/full", "w") as full:
        proc = subprocess.run(
            [sys.executable, "-m", "summarise", "report", str(SEED), "--format", fmt],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
        )
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.strip().splitlines() == ["summarise：错误：无法写入标准输出（磁盘空间已满）"]
