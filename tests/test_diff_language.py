"""The diff speaks Chinese by default and English with --lang en, in every format: headings, labels,
tallies and warning messages. Warning codes stay English identifiers and the HTML keeps them out of
the text a reader sees."""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from language import english_sentences
from test_diff_changes import _moved_copy
from typer.testing import CliRunner

from summarise.cli import app
from summarise.messages import CATALOGUE

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
runner = CliRunner()
FORMATS = ["text", "md", "html", "json"]


def _visible(page: str) -> str:
    """What a reader of the page sees: no styles, no tags, entities decoded."""
    page = re.sub(r"<style>.*?</style>", " ", page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def _said(out: str, fmt: str) -> str:
    """The text the tool wrote itself in a view (for JSON: the warning messages)."""
    if fmt == "json":
        return "\n".join(w["message"] for w in json.loads(out)["warnings"])
    return _visible(out) if fmt == "html" else out


@pytest.fixture(scope="module")
def pairs(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[Path, Path]]:
    seed, copy, _, _ = _moved_copy(tmp_path_factory.mktemp("moved"))
    other = next(s for s in SEEDS if s != seed)
    # A deadline moved; two different units (every warning the mismatch brings); a notice against itself.
    return [(seed, copy), (seed, other), (seed, seed)]


def _diff(old: Path, new: Path, fmt: str, *flags: str) -> str:
    result = runner.invoke(app, ["diff", str(old), str(new), "-f", fmt, "--all", *flags])
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("fmt", FORMATS)
def test_default_views_hold_no_english_sentence(pairs: list[tuple[Path, Path]], fmt: str) -> None:
    for old, new in pairs:
        said = _said(_diff(old, new, fmt), fmt)
        assert english_sentences(said) == [], (old.name, new.name, fmt)
    assert "两份通报似为不同单位" in _said(_diff(*pairs[1], fmt), fmt)


def _chinese_phrases(*sources: str) -> set[str]:
    """Runs of 3+ Chinese characters of the diff's own Chinese texts that no source report contains."""
    out = set()
    for key, (zh, _) in CATALOGUE.items():
        if key.startswith(("diff.", "view.status.", "view.meta.")):
            for run in re.findall(r"[\u4e00-\u9fff]{3,}", re.sub(r"\{[^}]*\}", " ", zh)):
                if not any(run in s for s in sources):
                    out.add(run)
    return out


@pytest.mark.parametrize("fmt", FORMATS)
def test_english_views_say_nothing_in_chinese(pairs: list[tuple[Path, Path]], fmt: str) -> None:
    for old, new in pairs:
        said = _said(_diff(old, new, fmt, "--lang", "en"), fmt)
        phrases = _chinese_phrases(old.read_text(encoding="utf-8"), new.read_text(encoding="utf-8"))
        assert phrases, "no phrase to look for: the test proves nothing"
        assert [p for p in phrases if p in said] == [], (old.name, new.name, fmt)
    assert "look like different units" in _said(_diff(*pairs[1], fmt, "--lang", "en"), fmt)


def test_warning_codes_are_identifiers_not_text_in_the_html(pairs: list[tuple[Path, Path]]) -> None:
    for lang in ("zh", "en"):
        page = _diff(*pairs[1], "html", "--lang", lang)
        assert 'data-code="unit_mismatch"' in page
        assert "unit_mismatch" not in _visible(page)
        assert f'<html lang="{"zh-CN" if lang == "zh" else "en"}">' in page
    data = json.loads(_diff(*pairs[1], "json", "--lang", "en"))
    assert "unit_mismatch" in {w["code"] for w in data["warnings"]}
    zh = json.loads(_diff(*pairs[1], "json"))
    assert [w["code"] for w in zh["warnings"]] == [w["code"] for w in data["warnings"]]
    assert [w["params"] for w in zh["warnings"]] == [w["params"] for w in data["warnings"]]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_help_is_in_the_language_of_the_run(lang: str) -> None:
    # A real process: typer builds the help when the command modules are imported.
    out = subprocess.run(
        [sys.executable, "-m", "summarise", "diff", "--help", "--lang", lang],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "COLUMNS": "200"},
    ).stdout
    zh, en = CATALOGUE["diff.help.all"]
    if lang == "zh":
        assert zh[:12] in out and english_sentences(zh) == []
    else:
        assert en[:30] in out
