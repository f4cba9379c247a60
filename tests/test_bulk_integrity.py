"""A rerun of `bulk` trusts nothing on disk it did not check: a truncated or changed summary JSON is
made again, a damaged index.sqlite is set aside and rebuilt from the JSONs, and a summary that
cannot be written is recorded as a write failure. Each says so; the input folder never changes."""

from __future__ import annotations

import io
import json
import shutil
import sqlite3
import time
from pathlib import Path

import pytest
from disk import changes, snapshot
from typer.testing import CliRunner

from summarise.archive.store import load_bytes, load_summary

SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))
runner = CliRunner()
DAMAGED = "1 个摘要 JSON 已损坏（被截断或改动），已重新生成"
REBUILT = "index.sqlite 已损坏，已改名为 index.sqlite.corrupt，并根据各摘要 JSON 重建索引"


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    root = tmp_path / "in"
    root.mkdir()
    for seed in SEEDS[:3]:
        shutil.copy(seed, root / seed.name)
    return root


def bulk(archive: Path, out: Path):  # type: ignore[no-untyped-def]
    from summarise.cli import app

    result = runner.invoke(app, ["bulk", str(archive), "-o", str(out), "--workers", "1"])
    print(result.output)
    return result


def notes(stderr: str) -> list[str]:
    """The run's closing lines after the tally (the first line counts files, the second is the tally)."""
    assert "internal error" not in stderr and "Traceback" not in stderr
    lines = stderr.strip().splitlines()
    assert lines[0].startswith("批量处理：待检查 ") and lines[1].startswith("批量处理：共 "), lines
    return [line.removeprefix("批量处理：") for line in lines[2:]]


def last_run(out: Path) -> dict[str, int]:
    db = sqlite3.connect(out / "index.sqlite")
    try:
        row = db.execute(
            "SELECT summarised, recovered, unchanged, failed FROM runs ORDER BY id DESC LIMIT 1"
        ).fetchone()
    finally:
        db.close()
    return dict(zip(("summarised", "recovered", "unchanged", "failed"), row, strict=True))


# Files a rerun always rewrites: the index, its WAL, the overview, the error list.
RUN_FILES = {"index.sqlite", "index.sqlite-wal", "index.sqlite-shm", "overview.csv", "errors.jsonl"}


def run_files(out: Path, changed: set[str]) -> set[str]:
    return {p for p in changed if Path(p).name not in RUN_FILES}


@pytest.mark.parametrize("damage", ["truncated", "same size, one byte changed"])
def test_a_damaged_summary_json_is_made_again_on_the_next_run(
    damage: str, archive: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    assert bulk(archive, out).exit_code == 0
    target = out / (SEEDS[1].name + ".json")
    whole = target.read_bytes()
    if damage == "truncated":
        target.write_bytes(whole[: len(whole) // 2])
    else:
        at = whole.index(b'"title"')
        target.write_bytes(whole[:at] + b'"TITLE"' + whole[at + 7 :])
    before = snapshot(tmp_path)
    result = bulk(archive, out)
    assert result.exit_code == 0
    assert notes(result.stderr) == [DAMAGED]
    assert run_files(out, changes(before, snapshot(tmp_path))) == {str(target)}
    again = load_summary(target)
    assert again.source.sha256 == load_bytes(whole, target).source.sha256
    assert last_run(out) == {"summarised": 1, "recovered": 0, "unchanged": 2, "failed": 0}
    # Made whole, it is trusted again: a third run changes no summary and says nothing.
    before = snapshot(tmp_path)
    third = bulk(archive, out)
    assert third.exit_code == 0 and notes(third.stderr) == []
    assert run_files(out, changes(before, snapshot(tmp_path))) == set()


def test_a_summary_json_without_a_recorded_fingerprint_is_checked_by_parsing(
    archive: Path, tmp_path: Path
) -> None:
    # An index from before fingerprints were recorded: the JSONs are parsed once, then fingerprinted.
    out = tmp_path / "out"
    assert bulk(archive, out).exit_code == 0
    db = sqlite3.connect(out / "index.sqlite")
    db.execute("DELETE FROM json_files")
    db.commit()
    db.close()
    target = out / (SEEDS[0].name + ".json")
    target.write_bytes(target.read_bytes()[:100])
    before = snapshot(tmp_path)
    result = bulk(archive, out)
    assert result.exit_code == 0
    assert notes(result.stderr) == [DAMAGED]
    assert run_files(out, changes(before, snapshot(tmp_path))) == {str(target)}
    db = sqlite3.connect(out / "index.sqlite")
    assert db.execute("SELECT count(*) FROM json_files").fetchone()[0] == 3
    db.close()


def test_a_corrupt_index_is_rebuilt_from_the_jsons_and_the_run_says_so(archive: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert bulk(archive, out).exit_code == 0
    jsons = {p.name: p.read_bytes() for p in out.glob("*.json")}
    garbage = b"this is not a database\n" * 200
    (out / "index.sqlite").write_bytes(garbage)
    before = snapshot(archive)
    result = bulk(archive, out)
    assert result.exit_code == 0
    assert notes(result.stderr) == [REBUILT]
    assert (out / "index.sqlite.corrupt").read_bytes() == garbage  # kept, never deleted
    # Every summary came back from its JSON, which was neither rewritten nor lost.
    assert last_run(out) == {"summarised": 0, "recovered": 3, "unchanged": 0, "failed": 0}
    assert {p.name: p.read_bytes() for p in out.glob("*.json")} == jsons
    assert changes(before, snapshot(archive)) == set()
    again = bulk(archive, out)
    assert again.exit_code == 0 and notes(again.stderr) == []
    assert last_run(out)["unchanged"] == 3


def test_a_summary_that_cannot_be_written_is_recorded_as_a_write_failure(
    archive: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    blocked = out / (SEEDS[2].name + ".json")
    blocked.mkdir(parents=True)  # a folder where the summary would go: the rename onto it fails
    before = snapshot(archive)
    result = bulk(archive, out)
    assert result.exit_code == 1
    assert notes(result.stderr) == [f"1 个文件未能生成摘要，详见 {out / 'errors.jsonl'}"]
    [error] = [json.loads(line) for line in (out / "errors.jsonl").read_text("utf-8").splitlines()]
    assert error["kind"] == "write"
    assert error["error"].startswith(f"{SEEDS[2].name}：无法写入摘要文件 {SEEDS[2].name}.json（")
    assert blocked.is_dir() and list(blocked.iterdir()) == []
    assert [p.name for p in out.iterdir() if p.name.endswith(".tmp")] == []
    assert changes(before, snapshot(archive)) == set()


def test_a_file_over_its_time_budget_is_recorded_as_a_timeout_and_the_run_goes_on(
    archive: Path, tmp_path: Path
) -> None:
    from summarise.archive import BulkOptions, run_bulk
    from summarise.archive.progress import PlainReporter
    from summarise.settings import Settings

    # A notice with 40,000 numbered problems (4.7 MB): seconds of work, where each seed takes a fraction
    # of one. (10,000 once took seconds too; the engine now does them in under the budget.)
    items = (
        f"{i}.关于落实第{i}项整改任务不到位的问题。整改情况：已完成，建立长效机制{i}项。"
        for i in range(1, 40_001)
    )
    opening = SEEDS[0].read_text(encoding="utf-8")[:3000]
    (archive / "slow.txt").write_text(opening + "\n" + "\n".join(items), encoding="utf-8")
    out = tmp_path / "out"
    before = snapshot(archive)
    stream = io.StringIO()
    started = time.monotonic()
    tally = run_bulk(
        archive, out, Settings(), BulkOptions(workers=2, file_seconds=1.5), PlainReporter(stream, 3600)
    )
    assert time.monotonic() - started < 60
    assert (tally.summarised, tally.failed) == (3, 1), stream.getvalue()
    [error] = [json.loads(line) for line in (out / "errors.jsonl").read_text("utf-8").splitlines()]
    assert error["kind"] == "timeout"
    assert error["error"] == "slow.txt：处理超过单个文件的时限 1.5 秒，已停止，其余文件照常处理"
    assert f"1 个文件未能生成摘要，详见 {out / 'errors.jsonl'}" in stream.getvalue()
    assert sorted(p.name for p in out.glob("*.json")) == sorted(s.name + ".json" for s in SEEDS[:3])
    assert [p.name for p in out.iterdir() if p.name.endswith(".tmp")] == []
    assert changes(before, snapshot(archive)) == set()
