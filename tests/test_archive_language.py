"""bulk's progress and tally, and search's views, speak the interface language: Chinese by default
(no English sentence), English with the language set to en."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest
from language import chinese_share, english_sentences
from typer.testing import CliRunner

from summarise import i18n
from summarise.archive import BulkOptions, run_bulk
from summarise.archive.progress import PlainReporter
from summarise.archive.tally import Tally
from summarise.cli import app
from summarise.settings import Settings

SEEDS_DIR = Path(__file__).resolve().parent.parent / "seeds"
SEEDS = sorted(SEEDS_DIR.glob("*.txt"))
runner = CliRunner()


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("language-index")
    run_bulk(
        SEEDS_DIR,
        out,
        Settings(cache_dir=out / "cache"),
        BulkOptions(workers=1),
        PlainReporter(io.StringIO()),
    )
    return out / "index.sqlite"


def bulk_stderr(tmp_path: Path, lang: i18n.Lang) -> str:
    source = tmp_path / "in"
    source.mkdir()
    for seed in SEEDS[:2]:
        shutil.copy(seed, source / seed.name)
    (source / "blank.txt").write_text(" \n", "utf-8")  # one failure, so the tally has all its parts
    with i18n.use_lang(lang):
        result = runner.invoke(app, ["bulk", str(source), "-o", str(tmp_path / "out"), "--workers", "1"])
    print(result.output)
    assert result.exit_code == 1
    return result.stderr


def tally_lines(lang: i18n.Lang) -> list[str]:
    stream = io.StringIO()
    with i18n.use_lang(lang):
        progress = PlainReporter(stream, interval=0)
        progress.start(12)
        progress.update(Tally(total=12, summarised=3, unchanged=1, failed=1))
        everything = Tally(
            total=12, summarised=6, recovered=1, unchanged=1, duplicates=1, failed=1, partial=2, pending=1
        )
        everything.elapsed = 3725
        progress.finish(everything, "")
    return stream.getvalue().splitlines()


def test_bulk_speaks_chinese_by_default(tmp_path: Path) -> None:
    stderr = bulk_stderr(tmp_path, "zh")
    lines = stderr.strip().splitlines()
    assert lines[0] == "批量处理：待检查 3 个文件"
    assert lines[1].startswith("批量处理：共 3 个文件，新处理 2 个，未变 0 个，重复 0 个，失败 1 个；用时 ")
    assert english_sentences("\n".join(lines[:2])) == []


def test_bulk_speaks_english_with_lang_en(tmp_path: Path) -> None:
    lines = bulk_stderr(tmp_path, "en").strip().splitlines()
    assert lines[0] == "bulk: 3 files to check"
    assert lines[1].startswith("bulk: 3 files, 2 summarised, 0 unchanged, 0 duplicates, 1 failed in ")
    assert chinese_share("\n".join(lines[:2])) == 0.0


def test_every_part_of_the_tally_and_progress_in_both_languages() -> None:
    zh = tally_lines("zh")
    assert all(english_sentences(line) == [] for line in zh), zh
    assert zh[1].startswith("批量处理：5/12（42%）：完成 3 个，跳过 1 个，失败 1 个；每秒 ")
    assert zh[2] == (
        "批量处理：共 11 个文件，新处理 6 个（其中 2 个部分完成），从中断的运行中恢复 1 个，未变 1 个，"
        "重复 1 个，失败 1 个，待处理 1 个；用时 1小时02分05秒"
    )
    en = tally_lines("en")
    assert all(chinese_share(line) == 0.0 for line in en), en
    assert en[2] == (
        "bulk: 11 files, 6 summarised (2 partial), 1 recovered from an interrupted run, 1 unchanged,"
        " 1 duplicates, 1 failed, 1 pending in 1h02m05s"
    )


def search(index: Path, lang: i18n.Lang, *args: str):  # type: ignore[no-untyped-def]
    with i18n.use_lang(lang):
        result = runner.invoke(app, ["search", "公务用车", "-i", str(index), *args])
    print(result.output)
    assert result.exit_code == 0
    return result


def test_search_views_speak_chinese_by_default(index: Path) -> None:
    text = search(index, "zh")
    assert english_sentences(text.stdout) == [] and "措施：" in text.stdout
    assert text.stderr.strip() == "2 份通报中有 2 个问题匹配"
    assert search(index, "zh", "-n", "1").stderr.strip() == "2 份通报中有 2 个问题匹配，显示前 1 个"
    raw = search(index, "zh", "-f", "csv").stdout_bytes
    assert raw.startswith(b"\xef\xbb\xbf")
    header, *rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert all(chinese_share(h) == 1.0 for h in header), header
    assert len(rows) == 2
    status = header.index("整改状态")
    assert {r[status] for r in rows} <= {"已完成", "推进中", "长期", "未说明"}


def test_search_views_speak_english_with_lang_en(index: Path) -> None:
    text = search(index, "en")
    assert "measure: " in text.stdout and "措施" not in text.stdout
    assert text.stderr.strip() == "2 matching problems in 2 reports"
    raw = search(index, "en", "-f", "csv").stdout_bytes
    header = next(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert header[:3] == ["Source file", "Summary file", "Unit"]
    assert all(chinese_share(h) == 0.0 for h in header)
