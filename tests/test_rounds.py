"""`summarise rounds OUT` on an archive of the five seeds and a later round of each (tests/rounds.py).

Each copy must be paired with its own sample and nothing else, the five samples must stay five units,
the stored diff must find exactly the edits the copy was made with, and a rerun must compute nothing.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import SEEDS
from language import english_sentences
from rounds import Edits, later_round
from typer.testing import CliRunner

from summarise.archive import BulkOptions, run_bulk
from summarise.archive.rounds import RoundsResult, update_rounds
from summarise.cli import app
from summarise.diff.models import DiffResult
from summarise.settings import Settings

runner = CliRunner()


@dataclass
class Archive:
    out: Path
    edits: dict[str, Edits]  # input file name of each copy → what was changed
    first: RoundsResult


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Archive:
    root = tmp_path_factory.mktemp("rounds")
    notices, out = root / "notices", root / "out"
    edits = {}
    for seed in SEEDS:
        text = seed.read_text(encoding="utf-8")
        later, record = later_round(text, seed.name)
        # The copy in another folder under another name: nothing but its content says whose it is.
        (notices / "2021").mkdir(parents=True, exist_ok=True)
        (notices / "2027").mkdir(parents=True, exist_ok=True)
        (notices / "2021" / seed.name).write_text(text, encoding="utf-8")
        (notices / "2027" / f"next_{seed.stem[:3]}.txt").write_text(later, encoding="utf-8")
        edits[f"2027/next_{seed.stem[:3]}.txt"] = record
    tally = run_bulk(notices, out, Settings(), BulkOptions(workers=1))
    assert tally.failed == 0
    return Archive(out, edits, update_rounds(out))


def _pairs(result: RoundsResult) -> dict[str, str]:
    return {d.new.path: d.old.path for u in result.units for d in u.diffs}


def test_each_copy_is_paired_with_its_own_sample_and_nothing_else(archive: Archive) -> None:
    result = archive.first
    assert len(result.units) == len(SEEDS)
    for unit in result.units:
        assert len(unit.notices) == 2
        assert len(unit.diffs) == 1
    expected = {
        copy: f"2021/{next(s.name for s in SEEDS if s.stem[:3] == copy[10:13])}" for copy in archive.edits
    }
    assert _pairs(result) == expected
    # The earlier round first: order comes from the dates, not the file names.
    for unit in result.units:
        assert unit.notices[0].path.startswith("2021/")


def test_the_five_samples_are_five_units(archive: Archive) -> None:
    with sqlite3.connect(archive.out / "index.sqlite") as conn:
        rows = conn.execute(
            "SELECT k.unit_key FROM unit_keys k JOIN reports r ON r.sha256 = k.sha256 WHERE r.path LIKE '2021/%'"
        ).fetchall()
    keys = [r[0] for r in rows]
    assert len(keys) == len(SEEDS) and None not in keys
    assert len(set(keys)) == len(SEEDS)


def _stored(archive: Archive, copy: str) -> DiffResult:
    pair = next(d for u in archive.first.units for d in u.diffs if d.new.path == copy)
    return DiffResult.model_validate_json((archive.out / pair.path).read_text(encoding="utf-8"))


@pytest.mark.parametrize("n", range(len(SEEDS)))
def test_the_stored_diff_finds_exactly_the_edits(archive: Archive, n: int) -> None:
    copy = sorted(archive.edits)[n]
    edits = archive.edits[copy]
    diff = _stored(archive, copy)
    dropped = [p.old.title for p in diff.problems if p.state == "dropped" and p.old]
    new = [p.new.title for p in diff.problems if p.state == "new" and p.new]
    assert sorted(dropped) == sorted(edits.dropped)
    assert len(new) == 1 and edits.added is not None and edits.added.rstrip("。") in new[0]
    moved = [(f.old.text, f.new.text) for f in diff.figures if f.change]
    assert edits.figure is not None
    assert moved == [edits.figure[1:]]
    postponed = [o for o in diff.outstanding if o.deadline_change and o.deadline_change.shift == "postponed"]
    changed = [o for o in diff.outstanding if o.deadline_change]
    if edits.postponed is None:  # the sample states no deadline: there is none to postpone
        assert changed == []
    else:
        assert len(changed) == len(postponed) == 1
        assert postponed[0].item == edits.postponed[0]
    # The names were written another way and the dates moved, and still nothing else is reported.
    assert edits.issuer is not None and edits.issuer[0] != edits.issuer[1]
    assert edits.dates_moved >= 2
    assert diff.totals.recurring == len([p for p in diff.problems if p.state == "recurring"]) > 0


def test_the_index_holds_what_each_diff_found(archive: Archive) -> None:
    with sqlite3.connect(archive.out / "index.sqlite") as conn:
        totals = conn.execute(
            "SELECT sum(dropped), sum(new), sum(figures_changed), sum(postponed) FROM diffs"
        ).fetchone()
        items = dict(
            conn.execute(
                "SELECT kind || ':' || state, count(*) FROM diff_items GROUP BY kind, state"
            ).fetchall()
        )
    with_deadline = sum(e.postponed is not None for e in archive.edits.values())
    assert totals == (2 * len(SEEDS), len(SEEDS), len(SEEDS), with_deadline)
    assert items["problem:dropped"] == 2 * len(SEEDS)
    assert items["problem:new"] == len(SEEDS)
    assert items["figure:changed"] == len(SEEDS)
    assert items.get("deadline:postponed", 0) == with_deadline


def test_a_rerun_computes_nothing(archive: Archive) -> None:
    files = sorted((archive.out / "diffs").iterdir())
    stamps = [f.stat().st_mtime_ns for f in files]
    again = update_rounds(archive.out)
    assert (again.computed, again.keys_computed, again.removed) == (0, 0, 0)
    assert again.reused == len(SEEDS)
    assert [f.stat().st_mtime_ns for f in sorted((archive.out / "diffs").iterdir())] == stamps
    assert _pairs(again) == _pairs(archive.first)


def test_a_changed_notice_recomputes_only_its_pair(tmp_path: Path, archive: Archive) -> None:
    # Work on a copy of the archive: the module's one stays as the other tests read it.
    notices, out = tmp_path / "notices", tmp_path / "out"
    shutil.copytree(archive.out.parent / "notices", notices)
    shutil.copytree(archive.out, out)
    edited = notices / "2027" / "next_000.txt"
    edited.write_text(edited.read_text(encoding="utf-8") + "\n附件：整改台账\n", encoding="utf-8")
    assert run_bulk(notices, out, Settings(), BulkOptions(workers=1)).failed == 0
    again = update_rounds(out)
    assert (again.computed, again.keys_computed, again.removed) == (1, 1, 1)
    assert again.reused == len(SEEDS) - 1
    assert len(list((out / "diffs").iterdir())) == len(SEEDS)


def test_an_unreadable_summary_is_counted_and_the_rest_go_on(tmp_path: Path, archive: Archive) -> None:
    out = tmp_path / "out"
    shutil.copytree(archive.out, out)
    next(out.rglob("next_001.txt.json")).write_bytes(b'{"schema_version": "1.0", "source": {')
    again = update_rounds(out)
    assert again.unkeyed == {"unreadable": 1}
    assert len(again.units) == len(SEEDS) - 1


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_command_speaks_the_language(archive: Archive, lang: str) -> None:
    result = runner.invoke(app, ["rounds", str(archive.out), "--lang", lang])
    assert result.exit_code == 0, result.output
    text = result.stdout
    if lang == "zh":
        assert english_sentences(text) == []
        assert "第 1 轮 → 第 2 轮" in text and "不再提及 2 个" in text
    else:
        assert "round 1 → round 2" in text and "2 dropped" in text
    assert text.count("diffs/") == len(SEEDS)


def test_the_json_lists_units_and_their_diffs(archive: Archive) -> None:
    result = runner.invoke(app, ["rounds", str(archive.out), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert len(data["units"]) == len(SEEDS)
    assert {len(u["notices"]) for u in data["units"]} == {2}
    assert all(
        d["dropped"] == 2 and d["new"] == 1 and d["figures_changed"] == 1
        for u in data["units"]
        for d in u["diffs"]
    )
    assert data["diffs"]["computed"] == 0


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["rounds", "{missing}"], "summarise bulk"),
        (["rounds", "{out}", "--format", "xml"], "xml"),
        (["rounds", "{out}", "--aliases", "{missing}/a.toml"], "a.toml"),
    ],
)
def test_bad_input_is_one_line_and_a_non_zero_exit(
    tmp_path: Path, archive: Archive, args: list[str], needle: str
) -> None:
    filled = [a.format(out=archive.out, missing=tmp_path / "missing") for a in args]
    result = runner.invoke(app, filled)
    assert result.exit_code == 2
    assert needle in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr
