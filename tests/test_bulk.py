"""`summarise bulk` end to end, as a real process: killed part-way (SIGKILL, SIGINT), then run again.

The archive is the seeds plus the variants real archives hold: GB18030 copies, full-width punctuation
copies, byte-identical duplicates under other names, nested folders, and files that are not reports.
"""

from __future__ import annotations

import csv
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from hashlib import sha256
from pathlib import Path

import pytest

from summarise.archive.store import load_summary

SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))
FULL_WIDTH = str.maketrans({",": "，", ":": "：", ";": "；", "(": "（", ")": "）", "?": "？", "!": "！"})
BAD = {
    "bad/empty.txt": (b"", "input"),
    "bad/scan.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8, "input"),
    "bad/old.doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512, "input"),
    "bad/notes.txt": (
        "购物清单:苹果、香蕉、牛奶。\n明天下午三点开会,记得带电脑。\n".encode(),
        "not_a_report",
    ),
}


def build_archive(root: Path, variants: int) -> dict[str, bytes]:
    """Write the archive; returns every file the walk should find (relative path → bytes)."""
    files: dict[str, bytes] = {}
    for seed in SEEDS:
        text = seed.read_text("utf-8")
        files[f"utf8/{seed.name}"] = text.encode("utf-8")
        files[f"gb18030/{seed.name}"] = text.encode("gb18030")
        files[f"fullwidth/{seed.name}"] = text.translate(FULL_WIDTH).encode("utf-8")
        # Distinct bytes, same report: enough work that the run can be stopped part-way.
        for k in range(1, variants + 1):
            files[f"variants/{seed.stem}-{k}.txt"] = (text + "\n" * k).encode("utf-8")
    files[f"nested/2021/a/copy of {SEEDS[0].name}"] = files[f"utf8/{SEEDS[0].name}"]
    files[f"nested/2021/{SEEDS[1].stem}.TXT"] = files[f"utf8/{SEEDS[1].name}"]
    files[f"utf8/again-{SEEDS[2].name}"] = files[f"utf8/{SEEDS[2].name}"]
    files[f"nested/gbk-copy-{SEEDS[3].name}"] = files[f"gb18030/{SEEDS[3].name}"]
    files.update({path: data for path, (data, _kind) in BAD.items()})
    for rel, data in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(data)
    # Not reports, never walked: another suffix, a hidden folder.
    (root / "utf8" / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    (root / ".git").mkdir()
    (root / ".git" / "notes.txt").write_text("巡察整改", "utf-8")
    return files


def good_groups(files: dict[str, bytes]) -> dict[str, list[str]]:
    """Content hash → the files with that content, for every file that is a report."""
    groups: dict[str, list[str]] = {}
    for rel, data in files.items():
        if rel not in BAD:
            groups.setdefault(sha256(data).hexdigest(), []).append(rel)
    return groups


def bulk_cmd(archive: Path, out: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "summarise", "bulk", str(archive), "-o", str(out), *extra]


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return dict(os.environ, SUMMARISE_HOME=str(tmp_path / "home"), SUMMARISE_ENGINE="rules")


def json_files(out: Path) -> list[Path]:
    return sorted(p for p in out.rglob("*.json") if p.is_file())


def indexed(out: Path) -> int:
    """Reports committed to the index so far, read as any other reader would, mid-run."""
    try:
        db = sqlite3.connect(f"file:{out / 'index.sqlite'}?mode=ro", uri=True)
        try:
            return int(db.execute("SELECT count(*) FROM reports").fetchone()[0])
        finally:
            db.close()
    except sqlite3.Error:
        return 0  # not created yet


def stop_part_way(
    proc: subprocess.Popen[bytes], out: Path, sig: int, *, committed: int = 0, written: int = 0
) -> None:
    """Send `sig` once the run has committed `committed` reports to the index and written `written`
    summaries: part-way, with finished work of both kinds (indexed, and written since the last commit)."""
    deadline = time.monotonic() + 120
    while indexed(out) < committed or len(json_files(out)) < written:
        assert proc.poll() is None, "the run finished before it could be stopped; make the archive bigger"
        assert time.monotonic() < deadline, "no summaries appeared"
        time.sleep(0.01)
    proc.send_signal(sig)
    proc.wait(timeout=60)


def wait_for_group_to_exit(pgid: int, timeout: float = 10.0) -> None:
    """The killed run's worker processes notice their parent is gone and exit (Linux /proc check)."""
    if not Path("/proc/self/stat").exists():  # pragma: no cover - not Linux
        time.sleep(1.5)
        return
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        alive = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue
            if int(fields[2]) == pgid and fields[0] != "Z":
                alive.append(stat.parent.name)
        if not alive:
            return
        time.sleep(0.05)
    raise AssertionError(f"worker processes of the killed run are still alive: {alive}")


def snapshot(out: Path) -> dict[str, tuple[int, int]]:
    return {str(p.relative_to(out)): (p.stat().st_ino, p.stat().st_mtime_ns) for p in json_files(out)}


def check_finished_archive(out: Path, files: dict[str, bytes]) -> None:
    groups = good_groups(files)
    summaries = json_files(out)

    # No partial files: no temp files left, every JSON is a whole, valid summary.
    assert not [p for p in out.rglob("*.tmp")], "temp files of interrupted writes were left behind"
    parsed = {str(p.relative_to(out)): load_summary(p) for p in summaries}

    # Every good report exactly once: one JSON per distinct content, at the mirror of one of its files.
    assert len(parsed) == len(groups)
    by_sha = {s.source.sha256: rel for rel, s in parsed.items()}
    assert set(by_sha) == set(groups)
    for sha, rels in groups.items():
        assert by_sha[sha].removesuffix(".json") in rels

    # The bad files, and only they, are in errors.jsonl with the reason.
    errors = [json.loads(line) for line in (out / "errors.jsonl").read_text("utf-8").splitlines()]
    assert {e["path"]: e["kind"] for e in errors} == {path: kind for path, (_d, kind) in BAD.items()}
    assert all(e["error"] for e in errors)

    db = sqlite3.connect(out / "index.sqlite")
    try:
        statuses = Counter(s for (s,) in db.execute("SELECT status FROM files"))
        duplicates = sum(len(rels) - 1 for rels in groups.values())
        assert statuses == {"summarised": len(groups), "duplicate": duplicates, "failed": len(BAD)}
        assert {p for (p,) in db.execute("SELECT path FROM files")} == set(files)

        # Index row counts equal the summaries'.
        expected = Counter()
        for s in parsed.values():
            expected["reports"] += 1
            expected["areas"] += len(s.areas)
            items = [i for a in s.areas for i in a.items]
            expected["problems"] += len(items) + sum(len(i.problems) for i in items)
            expected["measures"] += sum(len(a.measures) for a in s.areas) + sum(
                len(i.measures) + sum(len(p.measures) for p in i.problems) for i in items
            )
            expected["figures"] += sum(
                len(i.figures) + sum(len(p.figures) for p in i.problems) for i in items
            )
            expected["outstanding"] += len(s.outstanding)
            expected["warnings"] += len(s.warnings)
            expected["discipline"] += len(s.discipline.counts)
        for table, count in expected.items():
            assert db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == count, table
        for fts, table in (("problems_fts", "problems"), ("measures_fts", "measures")):
            assert db.execute(f"SELECT count(*) FROM {fts}").fetchone()[0] == expected[table]
        # Duplicates point at the summary of their content.
        for path, status, report_sha in db.execute(
            "SELECT f.path, f.status, r.sha256 FROM files f LEFT JOIN reports r ON r.id = f.report_id"
        ):
            if status != "failed":
                assert report_sha == sha256(files[path]).hexdigest()
    finally:
        db.close()

    with open(out / "overview.csv", encoding="utf-8-sig", newline="") as fh:
        overview = list(csv.DictReader(fh))
    assert sorted(r["path"] for r in overview) == sorted(files)
    assert Counter(r["status"] for r in overview)["failed"] == len(BAD)


def last_run(out: Path) -> dict[str, object]:
    db = sqlite3.connect(out / "index.sqlite")
    db.row_factory = sqlite3.Row
    try:
        return dict(db.execute("SELECT * FROM runs ORDER BY id DESC LIMIT 1").fetchone())
    finally:
        db.close()


def test_sigkill_part_way_then_rerun_summarises_every_report_exactly_once(
    tmp_path: Path, env: dict[str, str]
) -> None:
    archive, out = tmp_path / "archive", tmp_path / "out"
    files = build_archive(archive, variants=40)  # enough work that the kill lands well before the end
    distinct = len(good_groups(files))

    proc = subprocess.Popen(
        bulk_cmd(archive, out, "--workers", "2"),
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group, to check its workers die with it
    )
    stop_part_way(proc, out, signal.SIGKILL, committed=5)
    assert proc.returncode == -signal.SIGKILL
    wait_for_group_to_exit(proc.pid)
    before = snapshot(out)
    assert 0 < len(before) < distinct, "the kill should land part-way through the archive"

    rerun = subprocess.run(bulk_cmd(archive, out, "--workers", "2"), env=env, capture_output=True, text=True)
    # 1 if it met a bad file the killed run had not recorded yet, else 0 (docs/bulk.md, Exit codes).
    assert rerun.returncode in (0, 1), rerun.stderr
    assert f"失败 {len(BAD)} 个" in rerun.stderr
    check_finished_archive(out, files)

    # Nothing finished before the kill was summarised again: those files were never rewritten, and
    # the rerun summarised exactly the rest (summaries written but not yet indexed were recovered).
    after = snapshot(out)
    assert {rel: after[rel] for rel in before} == before
    run = last_run(out)
    assert run["status"] == "complete"
    assert run["summarised"] == distinct - len(before)
    assert run["summarised"] + run["recovered"] + run["unchanged"] == distinct
    assert run["unchanged"] >= 5  # committed before the kill

    # A third run has nothing to do, whatever the worker count (it is not part of the content address).
    third = subprocess.run(bulk_cmd(archive, out, "--workers", "1"), env=env, capture_output=True, text=True)
    assert third.returncode == 0, third.stderr  # its failures were recorded before: nothing to do
    assert "新处理 0 个" in third.stderr
    assert last_run(out)["unchanged"] == distinct
    assert snapshot(out) == after


def test_ctrl_c_stops_cleanly_and_a_rerun_finishes(tmp_path: Path, env: dict[str, str]) -> None:
    archive, out = tmp_path / "archive", tmp_path / "out"
    files = build_archive(archive, variants=12)

    proc = subprocess.Popen(
        bulk_cmd(archive, out, "--workers", "2"), env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    stop_part_way(proc, out, signal.SIGINT, written=5)
    stderr = proc.stderr.read().decode() if proc.stderr else ""
    assert proc.returncode == 130, stderr
    assert "summarise：已中断" in stderr
    assert last_run(out)["status"] == "interrupted"
    # The outputs describe what is done so far, and are whole files.
    assert (out / "overview.csv").read_text("utf-8-sig").startswith("path,status")
    assert not list(out.rglob("*.tmp"))

    rerun = subprocess.run(bulk_cmd(archive, out), env=env, capture_output=True, text=True)
    assert rerun.returncode in (0, 1), rerun.stderr  # 1 only if it met a bad file not yet recorded
    check_finished_archive(out, files)
    again = subprocess.run(bulk_cmd(archive, out), env=env, capture_output=True, text=True)
    assert again.returncode == 0, again.stderr
