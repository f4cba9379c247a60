"""How bulk stores a summary, and reading it back: compact JSON, the source text once under texts/,
the quotes cut from it again; one filesystem sync per committed batch, before the rows that name the
files; an index of version 1 upgraded in place."""

from __future__ import annotations

import io
import json
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import summarise.archive.index as index_module
from summarise.archive import BulkOptions, Tally, run_bulk, search
from summarise.archive.progress import PlainReporter
from summarise.archive.store import decode, encode, load_summary, text_rel
from summarise.diff.load import load_side
from summarise.errors import InputError
from summarise.evidence import check
from summarise.pipeline import summarise_path
from summarise.render.html import render
from summarise.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
V1 = ROOT / "tests" / "fixtures" / "bulk-v1" / "out"  # written by summarise with index version 1


def bulk(in_dir: Path, out: Path) -> Tally:
    quiet = PlainReporter(io.StringIO(), interval=3600)
    return run_bulk(in_dir, out, Settings(cache_dir=out / "cache"), BulkOptions(workers=1), quiet)


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("store")
    (root / "in" / "a").mkdir(parents=True)
    for seed in SEEDS:
        shutil.copy(seed, root / "in" / "a" / seed.name)
    bulk(root / "in", root / "out")
    return root / "in", root / "out"


def test_a_stored_summary_loads_back_as_the_pipeline_made_it(archive: tuple[Path, Path]) -> None:
    in_dir, out = archive
    for seed in SEEDS:
        stored = out / "a" / f"{seed.name}.json"
        data = stored.read_bytes()
        assert b"\n" not in data and "text" not in json.loads(data)["source"]  # compact, without the text
        loaded = load_summary(stored)
        made = summarise_path(in_dir / "a" / seed.name).model_copy(deep=True)
        assert loaded.model_dump(exclude={"source": {"path"}}) == made.model_dump(
            exclude={"source": {"path"}}
        )
        assert check(loaded) == []  # every quote is the text at its span
        html = render(loaded)
        assert loaded.source.text[:6] in html and "<script src=" not in html  # carries its source
    assert len(list((out / "texts").rglob("*.txt.gz"))) == len(SEEDS)


def test_summary_json_and_index_are_smaller_than_before(archive: tuple[Path, Path]) -> None:
    """Against the sources: the stored form (JSON + texts) and the index are each under twice them."""
    _, out = archive
    source = sum(s.stat().st_size for s in SEEDS)
    stored = sum(p.stat().st_size for p in out.rglob("*.json")) + sum(
        p.stat().st_size for p in (out / "texts").rglob("*.gz")
    )
    assert stored < 2 * source
    db = sqlite3.connect(out / "index.sqlite")
    columns = {row[1] for row in db.execute("PRAGMA table_info(measures)")}
    db.close()
    assert "quote" not in columns


def test_an_unverified_quote_is_kept_and_a_verified_one_comes_back(archive: tuple[Path, Path]) -> None:
    _, out = archive
    summary = load_summary(out / "a" / f"{SEEDS[0].name}.json")
    first = summary.areas[0].evidence
    assert first is not None
    odd = first.model_copy(update={"quote": "模型给出的引文", "verified": False})
    changed = summary.model_copy(update={"areas": [summary.areas[0].model_copy(update={"evidence": odd})]})
    data, _ = encode(changed)
    assert "模型给出的引文".encode() in data
    back = decode(data, summary.source.text, "x")
    assert back.areas[0].evidence == odd
    assert back.areas[0].items[0].evidence.quote == summary.areas[0].items[0].evidence.quote


def test_a_changed_or_missing_text_is_refused_with_one_line(
    archive: tuple[Path, Path], tmp_path: Path
) -> None:
    _, out = archive
    copy = tmp_path / "out"
    shutil.copytree(out, copy, ignore=shutil.ignore_patterns("*.sqlite*"))
    stored = copy / "a" / f"{SEEDS[0].name}.json"
    summary = load_summary(stored)
    text = copy / text_rel(json.loads(stored.read_bytes())["source"]["text_sha256"])
    import gzip

    text.write_bytes(gzip.compress(summary.source.text.replace("整改", "整頓", 1).encode()))
    with pytest.raises(InputError, match="texts"):
        load_summary(stored)
    text.unlink()
    with pytest.raises(InputError, match="texts/"):
        load_summary(stored)


def test_diff_reads_a_stored_summary(archive: tuple[Path, Path]) -> None:
    in_dir, out = archive
    stored = load_side(str(out / "a" / f"{SEEDS[1].name}.json"), Settings())
    assert stored == load_summary(out / "a" / f"{SEEDS[1].name}.json")
    assert stored.source.text.startswith((in_dir / "a" / SEEDS[1].name).read_text("utf-8")[:40])
    assert check(stored) == []


def test_files_are_synced_once_per_batch_before_its_rows_commit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    in_dir, out = tmp_path / "in", tmp_path / "out"
    in_dir.mkdir()
    for n in range(12):
        (in_dir / f"{n:02d}.txt").write_bytes(SEEDS[n % 5].read_bytes() + b"\n" + str(n).encode())
    seen: list[tuple[int, int]] = []

    def record(folder: Path) -> None:
        # What a reader sees at the moment of the sync: the batch's JSONs are on disk, its rows are not.
        db = sqlite3.connect(f"file:{folder / 'index.sqlite'}?mode=ro", uri=True)
        committed = db.execute("SELECT count(*) FROM reports").fetchone()[0]
        db.close()
        seen.append((committed, len(list(folder.glob("*.json")))))

    monkeypatch.setattr(index_module, "sync_folder", record)
    monkeypatch.setattr(index_module, "COMMIT_WRITES", 9)  # three reports a batch (file, report, fingerprint)
    bulk(in_dir, out)
    assert 4 <= len(seen) <= 6  # one per batch, not one per file
    assert all(on_disk > committed for committed, on_disk in seen)


KILL_AT_SECOND_BATCH = """
import io, os, signal, sys
from pathlib import Path
import summarise.archive.index as ix
from summarise.archive import BulkOptions, run_bulk
from summarise.archive.progress import PlainReporter
from summarise.settings import Settings

ix.COMMIT_WRITES = 9
synced = []
def sync_then_die(folder):
    synced.append(folder)
    if len(synced) == 2:  # synced, and killed before COMMIT: its JSONs are on disk, its rows are not
        os.kill(os.getpid(), signal.SIGKILL)
ix.sync_folder = sync_then_die
out = Path(sys.argv[2])
run_bulk(Path(sys.argv[1]), out, Settings(cache_dir=out / "cache"), BulkOptions(workers=1),
         PlainReporter(io.StringIO(), interval=3600))
"""


def test_a_kill_between_the_sync_and_the_commit_loses_nothing(tmp_path: Path) -> None:
    in_dir, out = tmp_path / "in", tmp_path / "out"
    in_dir.mkdir()
    for n in range(10):
        (in_dir / f"{n:02d}.txt").write_bytes(SEEDS[n % 5].read_bytes() + b"\n" + str(n).encode())
    killed = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(KILL_AT_SECOND_BATCH), str(in_dir), str(out)], cwd=ROOT
    )
    assert killed.returncode == -9
    db = sqlite3.connect(out / "index.sqlite")
    committed = db.execute("SELECT count(*) FROM reports").fetchone()[0]
    db.close()
    written = len(list(out.glob("*.json")))
    assert 0 < committed < written < 10  # the first batch is in the index; the second only on disk

    tally = bulk(in_dir, out)
    assert tally.recovered == written - committed  # indexed from their JSONs, not summarised again
    assert tally.summarised == 10 - written and tally.unchanged == committed
    for path in sorted(out.glob("*.json")):
        assert check(load_summary(path)) == []
    assert search(out / "index.sqlite", "公务用车").reports == 4  # seeds 000 and 003, twice each


def test_an_index_of_version_1_is_upgraded_in_place(tmp_path: Path) -> None:
    in_dir, out = tmp_path / "in", tmp_path / "out"
    in_dir.mkdir()
    shutil.copy(SEEDS[0], in_dir / SEEDS[0].name)
    shutil.copytree(V1, out)
    old = out / f"{SEEDS[0].name}.json"
    assert b'"text":' in old.read_bytes()  # a JSON of that version carries its text
    assert check(load_summary(old)) == []  # and still loads as it is

    bulk(in_dir, out)
    db = sqlite3.connect(out / "index.sqlite")
    try:
        assert db.execute("SELECT value FROM meta WHERE key = 'index_version'").fetchone()[0] == "2"
        assert "quote" not in {row[1] for row in db.execute("PRAGMA table_info(measures)")}
        assert db.execute("SELECT count(*) FROM runs").fetchone()[0] == 2  # its history is kept
    finally:
        db.close()
    assert {h.path for h in search(out / "index.sqlite", "公務用車").hits} == {SEEDS[0].name}


def test_an_index_of_an_unknown_version_is_refused_with_one_line(tmp_path: Path) -> None:
    out = tmp_path / "out"
    shutil.copytree(V1, out)
    db = sqlite3.connect(out / "index.sqlite")
    db.execute("UPDATE meta SET value = '99' WHERE key = 'index_version'")
    db.commit()
    db.close()
    with pytest.raises(InputError, match="99"):
        index_module.Index(out / "index.sqlite")
    with pytest.raises(InputError, match="99"):
        search(out / "index.sqlite", "公务用车")
