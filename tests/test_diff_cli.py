"""`summarise diff`: inputs (report, summary JSON, stdin), formats, output file, one-line errors, safe HTML."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from language import english_sentences
from typer.testing import CliRunner

from summarise.api import summarise_path
from summarise.cli import app
from summarise.diff.models import DiffResult
from summarise.diff.problems import units
from summarise.models import ReportSummary, Status

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
# The seed with outstanding items (deadlines), so every section of the views has content.
SEED = next(s for s in SEEDS if summarise_path(s).outstanding)
OTHER = next(s for s in SEEDS if s != SEED)
runner = CliRunner()


def run(*args: str, input: bytes | None = None):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), input=input)


def summary_json(tmp_path: Path, seed: Path = SEED) -> Path:
    target = tmp_path / f"{seed.stem}.json"
    result = run("report", str(seed), "--format", "json", "--output", str(target))
    assert result.exit_code == 0, result.output
    return target


def test_json_output_has_the_names_the_issue_fixes() -> None:
    result = run("diff", str(SEED), str(OTHER), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)  # stdout holds only the JSON
    DiffResult.model_validate(data)
    assert {"old", "new", "problems", "outstanding", "figures", "warnings"} <= set(data)
    assert data["old"]["unit"] and data["new"]["unit"]
    assert all({"state", "old", "new", "score"} <= set(p) for p in data["problems"])
    assert {p["state"] for p in data["problems"]} <= {"recurring", "new", "dropped"}
    assert data["outstanding"] and all(
        {"item", "deadline", "state", "overdue"} <= set(o) for o in data["outstanding"]
    )
    assert all(o["state"] in {"closed", "open", "not_mentioned"} for o in data["outstanding"])
    assert all({"label", "old", "new"} <= set(f) for f in data["figures"])
    assert "unit_mismatch" in {w["code"] for w in data["warnings"]}


def test_a_summary_json_side_gives_the_same_diff_as_the_report(tmp_path: Path) -> None:
    from_reports = json.loads(run("diff", str(SEED), str(OTHER), "-f", "json").stdout)
    from_json = json.loads(run("diff", str(summary_json(tmp_path)), str(OTHER), "-f", "json").stdout)
    # Only the path differs: the JSON remembers the report it was made from.
    assert from_json["old_source"]["sha256"] == from_reports["old_source"]["sha256"]
    for key in ("problems", "outstanding", "figures", "counts", "warnings", "totals"):
        assert from_json[key] == from_reports[key]


def test_one_side_may_come_from_stdin_as_report_or_json(tmp_path: Path) -> None:
    for data in (SEED.read_bytes(), summary_json(tmp_path).read_bytes()):
        result = run("diff", "-", str(SEED), "-f", "json", input=data)
        assert result.exit_code == 0, result.output
        totals = json.loads(result.stdout)["totals"]
        assert totals["new"] == 0 and totals["dropped"] == 0 and totals["recurring"] > 0


# (arguments, bad.json's content, the message in Chinese, in English); None: another module's message.
BAD_INPUTS = [
    (["-", "-"], None, "只能有一个从标准输入", "only one of OLD and NEW"),
    (["{missing}", "{seed}"], None, None, None),
    (["{bad}", "{seed}"], "{not json", "不是有效的 JSON（第 1 行第 2 列有误）", "not valid JSON (error at line 1"),
    (["{bad}", "{seed}"], '{"hello": 1}', "是 JSON，但不是摘要", "not a summary"),
    (["{bad}", "{seed}"], '{"schema_version": "9.0", "source": {}, "meta": {}}', "格式版本为 9.0", "schema 9.0"),
    (["{bad}", "{seed}"], '{"schema_version": "1.0", "source": {}, "meta": {}}', "不是有效的摘要", "not a valid summary"),
    (["{seed}", "{seed}", "--format", "pdf"], None, None, None),
]  # fmt: skip


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize(("args", "content", "zh", "en"), BAD_INPUTS)
def test_bad_input_is_one_line_and_exit_code_2_in_the_language_asked_for(
    tmp_path: Path, args: list[str], content: str | None, zh: str | None, en: str | None, lang: str
) -> None:
    bad = tmp_path / "bad.json"
    if content is not None:
        bad.write_text(content, encoding="utf-8")
    paths = {"missing": str(tmp_path / "nope.txt"), "seed": str(SEED), "bad": str(bad)}
    result = run("diff", *[a.format(**paths) for a in args], "--lang", lang)
    assert result.exit_code == 2, result.output
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.output
    message = zh if lang == "zh" else en
    if message is None:
        return  # another module's message: its own tests say what it reads
    assert message in result.stderr
    if lang == "zh":
        assert english_sentences(result.stderr.split(" ", 1)[1]) == []


def test_threshold_out_of_range_is_refused_and_in_range_is_recorded() -> None:
    assert run("diff", str(SEED), str(SEED), "--threshold", "1.5").exit_code == 2
    result = run("diff", str(SEED), str(OTHER), "--threshold", "0.9", "-f", "json")
    assert json.loads(result.stdout)["options"]["threshold"] == 0.9


def test_text_view_leads_with_changes_and_folds_what_recurs_unchanged(tmp_path: Path) -> None:
    result = run("diff", str(SEED), str(SEED))
    assert result.exit_code == 0, result.output
    out = result.stdout
    summary = summarise_path(SEED)
    assert (
        out.index("不再提及的问题")
        < out.index("新出现的问题")
        < out.index("再次出现且有变化的问题")
        < out.index("两轮表述和整改状态均未变的问题")
        < out.index("尚需整改事项（")
    )
    assert all(o.item in out for o in summary.outstanding)
    # Against itself every problem recurs unchanged: one count line, the problems not listed ...
    assert f"未变的问题 {summary.problem_count()} 个" in out and "上轮已报整改完成" in out
    last = units(summary)[-1].ref
    name = last.named_problem or last.title
    assert name[:20] not in out
    # ... until --all lists each of them.
    listed = run("diff", str(SEED), str(SEED), "--all").stdout
    assert name[:20] in listed and listed.count("★ 上轮已报整改完成") == sum(
        u.ref.status == Status.done for u in units(summary)
    )


def test_output_file_is_written_and_stdout_stays_empty(tmp_path: Path) -> None:
    target = tmp_path / "out" / "diff.md"
    result = run("diff", str(SEED), str(OTHER), "-f", "md", "-o", str(target))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    md = target.read_text(encoding="utf-8")
    assert md.startswith("# 巡察整改对比") and "## 不再提及的问题" in md and "## 尚需整改事项" in md


def _hostile(tmp_path: Path) -> Path:
    """A summary JSON whose report text is hostile: markup and table breakers in names and the unit."""
    summary = summarise_path(SEED)
    data = summary.model_dump(mode="json")
    data["meta"]["unit"] = '<script>alert("unit")</script>&'
    item = data["areas"][0]["items"][0]
    target = item["problems"][0] if item["problems"] else item
    target["named_problem"] = "<img src=x onerror=alert(1)> a|b"
    data["outstanding"][0]["item"] = "</td><b>事项</b>"
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    ReportSummary.model_validate(data)
    return path


def test_html_is_self_contained_escaped_and_chinese(tmp_path: Path) -> None:
    result = run("diff", str(_hostile(tmp_path)), str(SEED), "-f", "html")
    assert result.exit_code == 0, result.output
    page = result.stdout
    assert (
        page.startswith("<!DOCTYPE html>")
        and '<html lang="zh-CN">' in page
        and '<meta charset="utf-8">' in page
    )
    assert "default-src 'none'" in page  # no script and no remote load, even if an escape were missed
    # Escaped text holds no '<', so these are the page's own tags: none may load or run anything.
    tags = re.findall(r"<[^>]*>", page)
    names = {re.match(r"</?\s*([a-zA-Z!]+)", t).group(1).lower() for t in tags}  # type: ignore[union-attr]
    assert not names & {"script", "img", "iframe", "link", "object", "embed", "b"}
    assert not [t for t in tags if re.search(r"\s(?:src|href|on\w+)\s*=", t)]
    style = page[page.index("<style>") : page.index("</style>")]
    assert "url(" not in style and "@import" not in style
    assert "&lt;script&gt;alert(&quot;unit&quot;)&lt;/script&gt;&amp;" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page and "&lt;/td&gt;&lt;b&gt;事项" in page
    assert "不再提及的问题" in page and "鲤城" in page  # Chinese as characters, not entities


def test_markdown_keeps_hostile_text_inside_its_cells(tmp_path: Path) -> None:
    result = run("diff", str(_hostile(tmp_path)), str(SEED), "-f", "md")
    assert result.exit_code == 0, result.output
    md = result.stdout
    assert "<img" not in md and "<script" not in md and "&lt;img src=x onerror=alert(1)&gt;" in md
    row = next(line for line in md.splitlines() if "onerror" in line and line.startswith("|"))
    assert len(re.findall(r"(?<!\\)\|", row)) == 5  # four cells: the escaped a\|b does not split one


def test_diff_schema_command_prints_the_committed_schema() -> None:
    result = run("diff-schema")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == json.loads(
        (ROOT / "schemas" / "diff.schema.json").read_text(encoding="utf-8")
    )


def test_text_view_drops_control_characters_from_report_text(tmp_path: Path) -> None:
    data = summarise_path(SEED).model_dump(mode="json")
    data["meta"]["unit"] = "鲤城\x1b[2J高新区\x07"
    path = tmp_path / "esc.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = run("diff", str(path), str(SEED))
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "鲤城高新区" in result.stdout  # the whole escape sequence goes, not only its ESC


def test_a_summary_json_whose_quotes_were_edited_is_diffed_with_a_warning(tmp_path: Path) -> None:
    data = summarise_path(SEED).model_dump(mode="json")
    data["outstanding"][0]["evidence"]["quote"] += "（改）"
    path = tmp_path / "edited.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    for lang, start in (("zh", "旧通报有 1 处引文与其源文本不符"), ("en", "OLD: 1 evidence")):
        result = run("diff", str(path), str(SEED), "-f", "json", "--lang", lang)
        assert result.exit_code == 0, result.output
        warnings = {w["code"]: w for w in json.loads(result.stdout)["warnings"]}
        assert warnings["evidence_mismatch"]["message"].startswith(start)
        assert warnings["evidence_mismatch"]["params"]["count"] == 1
