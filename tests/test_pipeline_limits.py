"""The library's path entry points read within the byte limit their settings give, not only the
environment's: `Pipeline.summarise_path`, `summarise_path` and `eval`, which goes through them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import SEEDS
from disk import changes, snapshot
from typer.testing import CliRunner

from summarise.api import Pipeline, summarise_path
from summarise.cli import app
from summarise.errors import InputError
from summarise.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
SEED = next(s for s in SEEDS if s.name.startswith("001"))
TOO_LARGE = "输入超过 {}；如需放宽，请加 --max-bytes（或设置 SUMMARISE_MAX_BYTES）"


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    path = tmp_path / SEED.name
    path.write_bytes(SEED.read_bytes())
    return path


@pytest.mark.parametrize("entry", ["Pipeline.summarise_path", "summarise_path"])
def test_summarise_path_refuses_a_file_over_the_settings_limit(
    entry: str, copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SUMMARISE_MAX_BYTES", raising=False)
    settings = Settings(max_bytes=10_000)
    before = snapshot(copy.parent)
    with pytest.raises(InputError) as caught:
        if entry == "summarise_path":
            summarise_path(copy, settings)
        else:
            Pipeline(settings).summarise_path(copy)
    assert str(caught.value) == f"{copy}：" + TOO_LARGE.format("10000 字节")
    assert changes(before, snapshot(copy.parent)) == set()


@pytest.mark.parametrize("entry", ["Pipeline.summarise_path", "summarise_path"])
def test_summarise_path_settings_limit_wins_over_the_environment(
    entry: str, copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SUMMARISE_MAX_BYTES", "10000")
    settings = Settings(max_bytes=2_000_000)
    before = snapshot(copy.parent)
    if entry == "summarise_path":
        summary = summarise_path(copy, settings)
    else:
        summary = Pipeline(settings).summarise_path(copy)
    assert summary.problem_count() > 0
    assert changes(before, snapshot(copy.parent)) == set()


def test_eval_reads_seeds_within_the_limit(tmp_path: Path) -> None:
    gold_dir, seeds_dir = tmp_path / "gold", tmp_path / "seeds"
    gold_dir.mkdir()
    seeds_dir.mkdir()
    gold = next(g for g in sorted((ROOT / "tests" / "gold").glob("*.json")) if g.stem == SEED.stem)
    shutil.copy(gold, gold_dir / gold.name)
    shutil.copy(SEED, seeds_dir / json.loads(gold.read_text(encoding="utf-8")).get("seed", SEED.name))
    before = snapshot(tmp_path)
    result = CliRunner().invoke(
        app,
        ["eval", "--gold", str(gold_dir), "--seeds", str(seeds_dir)],
        env={"SUMMARISE_MAX_BYTES": "10000"},
    )
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert lines == [f"summarise：错误：{seeds_dir / SEED.name}：" + TOO_LARGE.format("10000 字节")]
    assert changes(before, snapshot(tmp_path)) == set()
