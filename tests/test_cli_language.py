"""The command line speaks Chinese by default and English on request: help, typer's own words, errors.

Help texts are built when the CLI is imported, after the launcher has read --lang / SUMMARISE_LANG, so
the help is checked through the real entry point in a subprocess; errors also in-process (CliRunner),
where the command's own --lang must hold.
"""

from __future__ import annotations

import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import typer.main
from conftest import SEEDS
from language import chinese_share, english_sentences
from typer.testing import CliRunner

from summarise.cli import app

runner = CliRunner()
COMMANDS = sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]
SEED = next(s for s in SEEDS if s.name.startswith("001"))


def launch(
    *args: str, env: dict[str, str] | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    full_env = {k: v for k, v in os.environ.items() if k != "SUMMARISE_LANG"}
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "summarise", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=full_env,
        cwd=cwd,
    )


def _helps(variant: str) -> dict[str, subprocess.CompletedProcess[str]]:
    """`--help` of the app and of every command, in one language variant, run side by side."""
    extra, env = {"zh": ([], None), "en": (["--lang", "en"], None), "env": ([], {"SUMMARISE_LANG": "en"})}[
        variant
    ]
    targets = ["", *COMMANDS]
    with ThreadPoolExecutor(max_workers=4) as pool:
        runs = pool.map(lambda cmd: launch(*([cmd] if cmd else []), "--help", *extra, env=env), targets)
        return dict(zip(targets, runs, strict=True))


@pytest.fixture(scope="module")
def help_zh() -> dict[str, subprocess.CompletedProcess[str]]:
    return _helps("zh")


@pytest.fixture(scope="module")
def help_en() -> dict[str, subprocess.CompletedProcess[str]]:
    return _helps("en")


@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_help_is_chinese_by_default(
    help_zh: dict[str, subprocess.CompletedProcess[str]], command: str
) -> None:
    proc = help_zh[command]
    assert proc.returncode == 0, proc.stderr
    assert english_sentences(proc.stdout) == [], proc.stdout
    for word in ("用法：", "选项：", "显示本帮助并退出。"):
        assert word in proc.stdout
    for word in ("Usage:", "Options", "Show this message"):
        assert word not in proc.stdout
    assert ("命令：" if command == "" else "[选项]") in proc.stdout


@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_help_is_english_with_lang_en(
    help_en: dict[str, subprocess.CompletedProcess[str]], command: str
) -> None:
    proc = help_en[command]
    assert proc.returncode == 0, proc.stderr
    for word in ("Usage:", "Options:", "Show this message and exit."):
        assert word in proc.stdout
    assert "用法" not in proc.stdout and "选项" not in proc.stdout
    assert chinese_share(proc.stdout) < 0.1, proc.stdout  # Chinese only in examples such as 公务用车


def test_summarise_lang_en_gives_english_help() -> None:
    for args in (["--help"], ["report", "--help"], ["bulk", "--help"]):
        proc = launch(*args, env={"SUMMARISE_LANG": "en"})
        assert (
            proc.returncode == 0 and "Usage:" in proc.stdout and "Show this message and exit." in proc.stdout
        )


# -- errors: the domain's and typer's own, in both languages ----------------------------------------


@pytest.mark.parametrize(
    ("args", "zh", "en"),
    [
        (["report", "nonexistent.txt"], "nonexistent.txt：文件不存在", "nonexistent.txt: no such file"),
        (["report"], "缺少参数 'FILE'。", "Missing argument 'FILE'."),
        (["report", str(SEED), "--nope"], "没有 --nope 这个选项。", "No such option: --nope."),
        (["report", str(SEED), "--concurrency", "x"], "'x' 不是整数。", "'x' is not a whole number."),
        (["report", str(SEED), "--concurrency", "0"], "不能小于 1。", "must be at least 1."),
        (["report", str(SEED), "--dry-run"], "请加 --engine llm", "add --engine llm"),
        (["repot", str(SEED)], "没有 'repot' 这个命令。是否要用 'report'？", "No such command 'repot'."),
        (["bulk", str(SEED)], "缺少选项 '--output' / '-o'。", "Missing option '--output' / '-o'."),
    ],
)
def test_errors_are_one_line_in_the_language_asked_for(args: list[str], zh: str, en: str) -> None:
    chinese = launch(*args)
    assert chinese.returncode == 2, chinese.stderr
    assert chinese.stdout == ""
    assert zh in chinese.stderr and "summarise：错误：" in chinese.stderr
    assert english_sentences(chinese.stderr) == [], chinese.stderr
    assert "Traceback" not in chinese.stderr
    for english in (launch(*args, "--lang", "en"), launch(*args, env={"SUMMARISE_LANG": "en"})):
        assert english.returncode == 2
        assert en in english.stderr and "summarise: error: " in english.stderr, english.stderr
        assert "错误" not in english.stderr


def test_in_process_callers_get_the_language_of_lang_too() -> None:
    english = runner.invoke(app, ["report", "missing.txt", "--lang", "en"])
    assert english.exit_code == 2
    assert english.stderr.strip() == "summarise: error: missing.txt: no such file"
    chinese = runner.invoke(app, ["report", "missing.txt"])
    assert chinese.stderr.strip() == "summarise：错误：missing.txt：文件不存在"
    usage = runner.invoke(app, ["report", "--lang", "en"])
    assert "Usage: " in usage.stderr and "Missing argument 'FILE'." in usage.stderr


def test_a_json_report_with_lang_en_has_english_warnings_and_a_note_in_english(tmp_path: Path) -> None:
    target = tmp_path / "s.json"
    result = runner.invoke(app, ["report", str(SEED), "-f", "json", "-o", str(target), "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert result.stderr.strip() == f"wrote {target}"
    result = runner.invoke(app, ["report", str(SEED), "-f", "json", "-o", str(target)])
    assert result.stderr.strip() == f"已写入 {target}"


@pytest.mark.parametrize("bad", ["fr", "", "中文"])
def test_a_bad_lang_is_one_chinese_line_and_exit_2(bad: str) -> None:
    proc = launch("report", str(SEED), "--lang", bad)
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("summarise：错误：--lang="), proc.stderr
    assert "zh" in lines[0] and "en" in lines[0]
    assert english_sentences(lines[0]) == []


def test_a_bad_summarise_lang_is_refused_the_same_way() -> None:
    proc = launch("report", str(SEED), env={"SUMMARISE_LANG": "klingon"})
    assert proc.returncode == 2
    assert proc.stderr.strip().startswith("summarise：错误：SUMMARISE_LANG=")


def test_input_errors_name_the_fix_in_both_languages(tmp_path: Path) -> None:
    doc = tmp_path / "old.doc"
    doc.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64)
    zh = runner.invoke(app, ["report", str(doc)])
    assert zh.exit_code == 2 and "请另存为 .docx 或 .txt" in zh.stderr
    en = runner.invoke(app, ["report", str(doc), "--lang", "en"])
    assert "save it as .docx or .txt" in en.stderr
    big = tmp_path / "big.txt"
    big.write_text("通报" * 2000, "utf-8")
    zh = runner.invoke(app, ["report", str(big), "--max-bytes", "1000"])
    assert zh.exit_code == 2 and "输入超过 1000 字节；如需放宽，请加 --max-bytes" in zh.stderr
    out_dir = tmp_path / "folder"
    out_dir.mkdir()
    zh = runner.invoke(app, ["report", str(SEED), "-f", "json", "-o", str(out_dir)])
    assert zh.exit_code == 2 and "是文件夹；-o 需要一个文件名" in zh.stderr


# -- start-up -------------------------------------------------------------------------------------


def test_version_is_answered_before_any_heavy_import() -> None:
    code = (
        "import sys\nfrom summarise.launch import main\nmain(['--version'])\n"
        "print(sorted(m for m in ('typer', 'pydantic', 'rich', 'summarise.cli') if m in sys.modules))"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    from summarise import __version__

    assert proc.stdout == f"summarise {__version__}\n[]\n"
    assert launch("--version").stdout == f"summarise {__version__}\n"


# -- eval from anywhere -----------------------------------------------------------------------------

ROOT = Path(__file__).resolve().parent.parent


def test_eval_runs_from_another_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["eval", "-f", "json"])
    assert result.exit_code == 0, result.output
    import json

    fields = json.loads(result.stdout)["fields"]
    assert fields["items"]["recall"] == 1.0 and fields["items"]["tp"] > 0


def test_eval_finds_the_seeds_beside_a_copied_gold_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    shutil.copytree(
        ROOT / "tests" / "gold", tmp_path / "work" / "gold", ignore=shutil.ignore_patterns("figures")
    )
    shutil.copytree(ROOT / "seeds", tmp_path / "work" / "seeds")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["eval", "--gold", "work/gold"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0].split()[:3] == ["字段", "精确率", "召回率"]


def test_eval_without_gold_says_how_to_fix_it(tmp_path: Path) -> None:
    empty = tmp_path / "nothing"
    empty.mkdir()
    zh = runner.invoke(app, ["eval", "--gold", str(empty)])
    assert zh.exit_code == 2
    assert "没有金标准 *.json 文件；请用 --gold 指向金标准文件夹" in zh.stderr
    en = runner.invoke(app, ["eval", "--gold", str(empty), "--lang", "en"])
    assert "no gold *.json files; point --gold at the gold folder" in en.stderr


def test_eval_with_gold_but_no_seeds_names_seeds(tmp_path: Path) -> None:
    import shutil

    gold = tmp_path / "gold"
    gold.mkdir()
    shutil.copy(next((ROOT / "tests" / "gold").glob("*.json")), gold)
    result = runner.invoke(app, ["eval", "--gold", str(gold)])
    assert result.exit_code == 2
    assert "不存在；请用 --seeds 指向通报所在的文件夹" in result.stderr
