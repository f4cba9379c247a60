"""index.sqlite's guarantees: a report's rows land together or not at all; Ctrl-C stops between files."""

from __future__ import annotations

import io
import os
import shutil
import signal
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from summarise.archive import BulkOptions, Tally, run_bulk, search
from summarise.archive.index import Index
from summarise.archive.progress import PlainReporter
from summarise.archive.rows import flatten
from summarise.errors import InputError
from summarise.ingest import read_path
from summarise.pipeline import Pipeline
from summarise.settings import Settings

SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))


def test_a_report_whose_rows_fail_midway_is_never_committed_without_its_children(tmp_path: Path) -> None:
    index = Index(tmp_path / "index.sqlite")
    run = index.begin_run(tmp_path, "rules", "k", None, 1)
    good = flatten(Pipeline().summarise(read_path(SEEDS[0])))
    index.save_report(good, path="a.txt", json_path="a.txt.json", engine_key="k", run_id=run, replace=None)
    index.commit()

    broken = flatten(Pipeline().summarise(read_path(SEEDS[1])))
    broken = replace(
        broken, figures=[*broken.figures, (10_000, "label", 1.0, "1个", "个", 0, 1)]
    )  # no such problem
    with pytest.raises(sqlite3.IntegrityError):
        index.save_report(
            broken, path="b.txt", json_path="b.txt.json", engine_key="k", run_id=run, replace=None
        )
    index.commit()

    counts = index.counts()
    assert counts["reports"] == 1
    assert counts["problems"] == len(good.problems)
    assert counts["measures"] == len(good.measures)
    assert counts["figures"] == len(good.figures)
    index.close()


def test_ctrl_c_in_process_stops_at_the_next_file_with_a_consistent_index(tmp_path: Path) -> None:
    archive = tmp_path / "in"
    archive.mkdir()
    for seed in SEEDS:
        shutil.copy(seed, archive / seed.name)
    out = tmp_path / "out"

    class CtrlCAfterTwo(PlainReporter):
        def update(self, tally: Tally) -> None:
            if tally.summarised == 2 and not getattr(self, "sent", False):
                self.sent = True
                os.kill(os.getpid(), signal.SIGINT)  # delivered to this (main) thread, as a Ctrl-C is

    previous = signal.getsignal(signal.SIGINT)
    with pytest.raises(KeyboardInterrupt):
        run_bulk(archive, out, Settings(), BulkOptions(workers=1), CtrlCAfterTwo(io.StringIO(), 3600))
    assert signal.getsignal(signal.SIGINT) is previous  # the run's handler is removed again

    db = sqlite3.connect(out / "index.sqlite")
    assert db.execute("SELECT status, summarised FROM runs").fetchall() == [("interrupted", 2)]
    reports = db.execute("SELECT count(*) FROM reports").fetchone()[0]
    with_problems = db.execute("SELECT count(DISTINCT report_id) FROM problems").fetchone()[0]
    assert reports == with_problems == 2
    db.close()


def test_a_file_that_is_not_an_index_is_set_aside_by_bulk_and_an_input_error_for_search(
    tmp_path: Path,
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    garbage = b"this is a spreadsheet, honestly\n" * 200
    (out / "index.sqlite").write_bytes(garbage)
    with pytest.raises(InputError, match="cannot search this index"):
        search(out / "index.sqlite", "公务用车")
    (tmp_path / "in").mkdir()
    stream = io.StringIO()
    run_bulk(tmp_path / "in", out, Settings(), BulkOptions(workers=1), PlainReporter(stream, 3600))
    assert "index.sqlite 已损坏，已改名为 index.sqlite.corrupt，" in stream.getvalue()
    assert (out / "index.sqlite.corrupt").read_bytes() == garbage
