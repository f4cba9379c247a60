"""Reruns of `run_bulk` in-process: what is skipped, what is summarised again, and what follows a file.

Content addressing: a summary is reused when its content hash and engine configuration match;
an edited, renamed or copied file, a lost index or a deleted JSON are all put right by a rerun.
"""

from __future__ import annotations

import io
import shutil
import sqlite3
from pathlib import Path

import pytest

from summarise.archive import BulkOptions, Tally, run_bulk
from summarise.archive.progress import PlainReporter
from summarise.archive.store import load_summary
from summarise.errors import InputError, UsageError
from summarise.models import ReportSummary
from summarise.settings import Settings

SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    root = tmp_path / "in"
    (root / "a").mkdir(parents=True)
    for seed in SEEDS[:3]:
        shutil.copy(seed, root / "a" / seed.name)
    (root / "empty.txt").write_bytes(b"")
    return root


def bulk(in_dir: Path, out: Path, settings: Settings | None = None, **options: object) -> Tally:
    quiet = PlainReporter(io.StringIO(), interval=3600)
    opts = BulkOptions(**{"workers": 1, **options})  # type: ignore[arg-type]
    return run_bulk(in_dir, out, settings or Settings(cache_dir=out / "cache"), opts, quiet)


def rows(out: Path, sql: str) -> list[tuple]:
    db = sqlite3.connect(out / "index.sqlite")
    try:
        return db.execute(sql).fetchall()
    finally:
        db.close()


def count(out: Path, table: str) -> int:
    return rows(out, f"SELECT count(*) FROM {table}")[0][0]


def summaries(out: Path) -> dict[str, ReportSummary]:
    return {str(p.relative_to(out)): load_summary(p) for p in sorted(out.rglob("*.json"))}


def mtimes(out: Path) -> dict[str, int]:
    return {str(p.relative_to(out)): p.stat().st_mtime_ns for p in out.rglob("*.json")}


def table_counts(out: Path) -> dict[str, int]:
    tables = ("reports", "areas", "problems", "measures", "figures", "problems_fts", "measures_fts")
    return {t: count(out, t) for t in tables}


def test_first_run_summarises_each_report_and_records_the_bad_file(archive: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    tally = bulk(archive, out)
    assert (tally.summarised, tally.failed, tally.total) == (3, 1, 4)
    assert set(summaries(out)) == {f"a/{s.name}.json" for s in SEEDS[:3]}
    assert summaries(out)[f"a/{SEEDS[0].name}.json"].source.path == f"a/{SEEDS[0].name}"
    assert (out / "errors.jsonl").read_text("utf-8").count("\n") == 1


def test_second_run_skips_everything_and_rewrites_nothing(archive: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    bulk(archive, out)
    before, counts = mtimes(out), table_counts(out)
    tally = bulk(archive, out)
    assert (tally.summarised, tally.unchanged, tally.failed) == (0, 3, 1)
    assert mtimes(out) == before
    assert table_counts(out) == counts


def test_an_edited_file_is_summarised_again_and_its_old_rows_go(archive: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    bulk(archive, out)
    counts = table_counts(out)
    edited = archive / "a" / SEEDS[0].name
    edited.write_text(edited.read_text("utf-8") + "\n\n", "utf-8")

    tally = bulk(archive, out)
    assert (tally.summarised, tally.unchanged) == (1, 2)
    assert (
        summaries(out)[f"a/{SEEDS[0].name}.json"].source.sha256
        == rows(out, f"SELECT sha256 FROM files WHERE path = 'a/{SEEDS[0].name}'")[0][0]
    )
    assert table_counts(out) == counts  # replaced, not added to


def test_an_edited_file_with_an_untouched_copy_hands_its_summary_to_the_copy(
    archive: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    original = archive / "a" / SEEDS[0].name
    shutil.copy(original, archive / "z-copy.txt")
    bulk(archive, out)
    old_summary = summaries(out)[f"a/{SEEDS[0].name}.json"]
    original.write_text(original.read_text("utf-8") + "\n\n", "utf-8")

    tally = bulk(archive, out)
    assert tally.summarised == 1  # only the edited content; the copy's summary moved, not redone
    now = summaries(out)
    assert now["z-copy.txt.json"] == old_summary
    assert now[f"a/{SEEDS[0].name}.json"].source.sha256 != old_summary.source.sha256
    assert count(out, "reports") == 4
    assert dict(rows(out, "SELECT path, status FROM files"))["z-copy.txt"] == "summarised"


def test_a_renamed_file_keeps_its_summary_under_the_new_name(archive: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    bulk(archive, out)
    (archive / "a" / SEEDS[1].name).rename(archive / "renamed.txt")

    tally = bulk(archive, out)
    assert tally.summarised == 0
    assert "renamed.txt.json" in summaries(out)
    assert f"a/{SEEDS[1].name}.json" not in summaries(out)
    assert ("renamed.txt",) in rows(out, "SELECT path FROM reports")
    assert ("renamed.txt", "summarised") in rows(out, "SELECT path, status FROM files")
    assert count(out, "files") == 4  # the old name's row is gone


def test_a_removed_file_leaves_overview_and_errors_but_its_report_stays_searchable(
    archive: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    bulk(archive, out)
    (archive / "empty.txt").unlink()
    (archive / "a" / SEEDS[2].name).unlink()

    tally = bulk(archive, out)
    assert tally.failed == 0
    assert (out / "errors.jsonl").read_text("utf-8") == ""
    assert "empty.txt" not in (out / "overview.csv").read_text("utf-8-sig")
    assert count(out, "files") == 2
    assert count(out, "reports") == 3


def test_a_lost_index_is_rebuilt_from_the_json_files_without_summarising_again(
    archive: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    bulk(archive, out)
    counts, before = table_counts(out), mtimes(out)
    for name in ("index.sqlite", "index.sqlite-wal", "index.sqlite-shm"):
        (out / name).unlink(missing_ok=True)

    tally = bulk(archive, out)
    assert (tally.summarised, tally.recovered, tally.failed) == (0, 3, 1)
    assert mtimes(out) == before
    assert table_counts(out) == counts


def test_a_deleted_summary_is_made_again(archive: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    bulk(archive, out)
    counts = table_counts(out)
    (out / "a" / f"{SEEDS[0].name}.json").unlink()
    tally = bulk(archive, out)
    assert (tally.summarised, tally.unchanged) == (1, 2)
    assert (out / "a" / f"{SEEDS[0].name}.json").is_file()
    assert table_counts(out) == counts


def test_another_engine_configuration_summarises_again_in_place(archive: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    bulk(archive, out)
    ids, counts = rows(out, "SELECT id, sha256 FROM reports ORDER BY id"), table_counts(out)

    tally = bulk(archive, out, Settings(encoding="utf-8", cache_dir=tmp_path / "cache"))
    assert tally.summarised == 3
    assert rows(out, "SELECT id, sha256 FROM reports ORDER BY id") == ids
    assert table_counts(out) == counts
    assert len({k for (k,) in rows(out, "SELECT engine_key FROM reports")}) == 1


def test_force_summarises_each_distinct_content_once(archive: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    shutil.copy(archive / "a" / SEEDS[0].name, archive / "dup.txt")
    bulk(archive, out)
    tally = bulk(archive, out, force=True)
    assert (tally.summarised, tally.duplicates, tally.failed) == (3, 1, 1)


def test_a_known_bad_file_is_not_retried_unless_asked(
    archive: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    (archive / "notes.txt").write_text("会议纪要:明天交报表。\n", "utf-8")  # not a report
    bulk(archive, out)

    import summarise.archive.worker as worker

    calls: list[str] = []
    real = worker.from_bytes

    def counting(data: bytes, **kw: object) -> object:
        calls.append(str(kw["name"]))
        return real(data, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(worker, "from_bytes", counting)
    assert bulk(archive, out).failed == 2
    assert calls == []
    assert bulk(archive, out, retry_failed=True).failed == 2
    assert sorted(calls) == ["empty.txt", "notes.txt"]
    kinds = dict(rows(out, "SELECT path, error_kind FROM files WHERE status = 'failed'"))
    assert kinds == {"empty.txt": "input", "notes.txt": "not_a_report"}


def test_output_folder_inside_the_input_is_not_read_back(archive: Path) -> None:
    out = archive / "summaries"
    bulk(archive, out)
    assert bulk(archive, out, patterns=("*",)).total == 4  # even when every file is asked for


def test_glob_limits_the_walk(archive: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    tally = bulk(archive, out, patterns=(f"a/{SEEDS[0].stem}*",))
    assert (tally.total, tally.summarised) == (1, 1)


def test_a_second_run_on_the_same_output_is_refused_while_one_is_running(
    archive: Path, tmp_path: Path
) -> None:
    fcntl = pytest.importorskip("fcntl")
    out = tmp_path / "out"
    out.mkdir()
    with open(out / ".summarise-bulk.lock", "a+") as held:
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)
        with pytest.raises(UsageError, match="另一个 `summarise bulk` 正在写入"):
            bulk(archive, out)


def test_bad_folders_are_usage_errors(archive: Path, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="不是文件夹"):
        bulk(tmp_path / "missing", tmp_path / "out")
    with pytest.raises(UsageError, match="不能与输入文件夹"):
        bulk(archive, archive)
    with pytest.raises(UsageError, match="批量处理不支持试运行"):
        bulk(archive, tmp_path / "out", Settings(engine="llm", dry_run=True))
    assert not (tmp_path / "out").exists()


def test_an_interrupted_run_records_its_work_and_the_next_run_finishes(archive: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"

    class StopAfterTwo(PlainReporter):
        def update(self, tally: Tally) -> None:
            if tally.summarised == 2:
                raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_bulk(archive, out, Settings(), BulkOptions(workers=1), StopAfterTwo(io.StringIO(), 3600))
    assert rows(out, "SELECT status, summarised FROM runs") == [("interrupted", 2)]
    assert count(out, "reports") == 2
    assert (out / "overview.csv").read_text("utf-8-sig").count("\n") == 3  # header + 2 files

    tally = bulk(archive, out)
    assert (tally.summarised, tally.unchanged) == (1, 2)
