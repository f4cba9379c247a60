"""The exit-code rule of a bulk rerun (docs/bulk.md, "Exit codes"), as a script relies on it.

0: nothing left for a rerun to do but repeat what an earlier run reported (every file summarised,
unchanged, a duplicate, or a failure a rerun cannot change that was recorded before); 1: this run
had a failure (new, or one a retry may fix) or left files pending.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import SEEDS
from typer.testing import CliRunner

from summarise.archive.tally import Tally
from summarise.cli import app
from summarise.cli_bulk import bulk_exit_code

runner = CliRunner()


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    root = tmp_path / "in"
    root.mkdir()
    shutil.copy(SEEDS[0], root / SEEDS[0].name)
    return root


def bulk(in_dir: Path, out_dir: Path, *extra: str) -> int:
    result = runner.invoke(app, ["bulk", str(in_dir), "-o", str(out_dir), "--workers", "1", *extra])
    print(result.output)
    return result.exit_code


def test_a_known_permanent_failure_is_reported_once_then_a_rerun_exits_0(
    archive: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    (archive / "blank.txt").write_text(" \n", "utf-8")
    assert bulk(archive, out) == 1  # new: reported, in errors.jsonl
    assert "blank.txt" in (out / "errors.jsonl").read_text("utf-8")
    assert bulk(archive, out) == 0  # the same failure again: nothing a rerun can change
    assert "blank.txt" in (out / "errors.jsonl").read_text("utf-8")  # still recorded
    assert bulk(archive, out, "--retry-failed") == 1  # asked to retry, and it fails again


def test_a_new_failure_on_a_rerun_exits_1_again(archive: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    (archive / "blank.txt").write_text(" \n", "utf-8")
    assert bulk(archive, out) == 1
    (archive / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    assert bulk(archive, out) == 1
    assert bulk(archive, out) == 0


def test_a_clean_archive_and_its_rerun_exit_0(archive: Path, tmp_path: Path) -> None:
    assert bulk(archive, tmp_path / "out") == 0
    assert bulk(archive, tmp_path / "out") == 0


def test_the_rule_on_tallies() -> None:
    assert bulk_exit_code(Tally(total=3, summarised=3)) == 0
    assert bulk_exit_code(Tally(total=3, unchanged=2, failed=1, known_failed=1)) == 0
    assert bulk_exit_code(Tally(total=3, unchanged=1, failed=2, known_failed=1)) == 1
    assert bulk_exit_code(Tally(total=3, unchanged=2, pending=1)) == 1
    assert bulk_exit_code(Tally(total=3, summarised=3, partial=1)) == 0
