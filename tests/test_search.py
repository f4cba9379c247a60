"""`summarise search` over an index of the five seeds.

Search covers headings, named problems and measure labels, not the whole wording of each measure.
The expected reports come from reading the seeds, not from the tool: 公务用车 occurs in seed 000's
measure label 一是严控公务用车 under 3.严格落实中央八项规定精神 and in seed 003's item
3.规范公务用车管理; the shorter 公车 occurs in seed 004's heading 31.关于“执行公车管理不到位”的整改情况
(seed 001 has it only inside a measure's wording: 针对机关干部作风、公车管理、津补贴发放…).
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import summarise.archive.index as index_module
from summarise.archive import BulkOptions, run_bulk, search
from summarise.archive.progress import PlainReporter
from summarise.archive.search import SearchResult
from summarise.archive.store import load_summary
from summarise.cli import app
from summarise.errors import InputError, UsageError
from summarise.settings import Settings

SEEDS_DIR = Path(__file__).resolve().parent.parent / "seeds"
runner = CliRunner()


def build_index(out: Path) -> Path:
    run_bulk(
        SEEDS_DIR,
        out,
        Settings(cache_dir=out / "cache"),
        BulkOptions(workers=1),
        PlainReporter(io.StringIO(), interval=3600),
    )
    return out / "index.sqlite"


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_index(tmp_path_factory.mktemp("seeds-index"))


def seeds_of(result: SearchResult) -> set[str]:
    return {hit.path[:3] for hit in result.hits}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("公务用车", {"000", "003"}),  # 4 characters: the trigram index
        ("公车", {"004"}),  # 2 characters: too short for trigrams, matched with LIKE
        ("公车管理", {"004"}),  # a named problem
        ("公务用车 严控", {"000"}),  # both words in the same measure label
        ("公务用车 编制", set()),  # 编制 is only in the measure's wording, which is not searched
        ("公務用車", {"000", "003"}),  # traditional characters find the simplified text
        ("公車", {"004"}),
        ("嚴控公務用車", {"000"}),
        ("量子计算", set()),
    ],
)
def test_search_finds_the_reports_that_mention_the_words(index: Path, query: str, expected: set[str]) -> None:
    result = search(index, query)
    assert seeds_of(result) == expected
    assert result.reports == len(expected)


def test_the_unit_filter_narrows_to_one_unit(index: Path) -> None:
    result = search(index, "公车", unit="眉山")
    assert seeds_of(result) == {"004"}
    assert {h.unit for h in result.hits} == {"眉山高新区党工委"}


def test_each_hit_is_the_problem_of_the_summary_it_names(index: Path) -> None:
    """Index and JSON agree: the problem at the hit's span has the hit's heading and status."""
    hits = search(index, "公车").hits + search(index, "公务用车").hits
    assert sorted(hit.path[:3] for hit in hits) == ["000", "003", "004"]
    for hit in hits:
        summary = load_summary(index.parent / hit.json_path)
        nodes = [n for a in summary.areas for i in a.items for n in [i, *i.problems]]
        node = next(n for n in nodes if n.evidence.start == hit.span_start)
        assert (node.title, node.status.value) == (hit.problem, hit.status)
        assert hit.unit == summary.meta.unit
        assert hit.date == summary.meta.published_date


def test_a_match_in_a_measure_shows_that_measure(index: Path) -> None:
    (hit,) = search(index, "严控公务用车").hits
    assert hit.problem == "严格落实中央八项规定精神"
    assert not hit.direct
    # Shown as the report words it (cut from the stored source text), not as its short label.
    assert hit.measure is not None and hit.measure.startswith("一是严控公务用车。")
    assert "公务用车编制管理要求" in hit.measure


def test_hits_are_newest_first(index: Path) -> None:
    hits = search(index, "公务用车").hits
    # 003 is dated 2025-09-18 and 000 2025-07-01 (their 落款), while 000 sorts first by name.
    assert [(h.path[:3], h.date) for h in hits] == [("003", "2025-09-18"), ("000", "2025-07-01")]


def test_query_text_is_never_parsed_as_fts_syntax(index: Path) -> None:
    # Read as FTS5 syntax these would raise, or match 公务用车 as a phrase, a prefix or an OR; read as
    # text they are words that no seed contains.
    for query in ('"公务用车', "公务用车 OR", "NEAR(公务 用车)", "公务用车*", "a_b"):
        assert search(index, query).hits == [], query
    # % and _ are text, not LIKE wildcards (which would match every row).
    assert search(index, "%").hits == [] and search(index, "_").hits == []
    with pytest.raises(UsageError):
        search(index, "   ")


def test_without_fts5_trigram_the_search_falls_back_to_like(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(index_module, "trigram_available", lambda: False)
    index = build_index(tmp_path / "out")
    assert seeds_of(search(index, "公务用车")) == {"000", "003"}
    assert seeds_of(search(index, "公務用車 严控")) == {"000"}
    assert seeds_of(search(index, "公車")) == {"004"}


def test_a_missing_index_says_how_to_make_one(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="summarise bulk"):
        search(tmp_path / "index.sqlite", "公车")


# -- the command -----------------------------------------------------------------------------------


def invoke(*args: str):  # type: ignore[no-untyped-def]
    result = runner.invoke(app, ["search", *args])
    print(result.output)
    return result


def test_cli_text_lists_unit_date_problem_and_status(index: Path) -> None:
    result = invoke("公务用车", "--index", str(index))
    assert result.exit_code == 0
    assert "2025-07-01  高新区党工委  000_644608b945203e47.txt" in result.stdout
    assert "规范公务用车管理" in result.stdout
    # The matching measure, shown as the report words it (cut from the stored source text).
    assert "一是严控公务用车。" in result.stdout


def test_cli_json_and_csv(index: Path) -> None:
    data = json.loads(invoke("公务用车", "-i", str(index), "-f", "json").stdout)
    assert data["total"] == 2 and {h["path"][:3] for h in data["hits"]} == {"000", "003"}
    raw = invoke("公务用车", "-i", str(index), "-f", "csv").stdout_bytes.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(raw)))
    assert {r["被巡察单位"] for r in rows} == {"高新区党工委", "深汕特别合作区党工委"}


def test_cli_limit_says_how_many_it_left_out(index: Path) -> None:
    data = json.loads(invoke("公务用车", "-i", str(index), "-n", "1", "-f", "json").stdout)
    assert (data["total"], len(data["hits"])) == (2, 1)


def test_cli_no_match_exits_1_and_a_missing_index_exits_2(index: Path, tmp_path: Path) -> None:
    assert invoke("量子计算", "-i", str(index)).exit_code == 1
    missing = invoke("公车", "-i", str(tmp_path / "none.sqlite"))
    assert missing.exit_code == 2
    assert "summarise bulk" in missing.stderr and "Traceback" not in missing.output


def test_cli_index_from_the_environment(index: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SUMMARISE_INDEX", str(index))
    assert invoke("公务用车").exit_code == 0


def test_a_measure_listed_directly_under_an_area_is_found_under_that_area(index: Path) -> None:
    # Seed 003: (一)关于落实以往巡视巡察、审计发现问题整改方面 has no numbered items, only a paragraph.
    (hit,) = search(index, "逐一建立整改台账").hits
    assert (hit.path[:3], hit.level) == ("003", "area")
    assert hit.problem == "关于落实以往巡视巡察、审计发现问题整改方面"
    assert "方面] 关于落实以往巡视巡察" in invoke("逐一建立整改台账", "-i", str(index)).stdout


def test_cli_json_prints_chinese_as_it_is(index: Path) -> None:
    out = invoke("公务用车", "-i", str(index), "-f", "json").stdout
    assert "\\u" not in out and "规范公务用车管理" in out
    assert json.loads(out)["hits"][0]["problem"] == "规范公务用车管理"


def test_cli_index_comes_from_settings_and_the_flag_wins(
    index: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SUMMARISE_INDEX", str(tmp_path / "elsewhere.sqlite"))
    assert Settings.resolve().index == tmp_path / "elsewhere.sqlite"
    assert invoke("公务用车").exit_code == 2  # the variable names an index that is not there
    assert invoke("公务用车", "-i", str(index)).exit_code == 0


def test_cli_without_an_index_says_how_to_name_one(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SUMMARISE_INDEX", raising=False)
    result = invoke("公务用车")
    assert result.exit_code == 2
    assert "SUMMARISE_INDEX" in result.stderr and "Traceback" not in result.output


def test_a_notice_in_traditional_characters_is_found_either_way(tmp_path: Path) -> None:
    from summarise.archive.fold import fold, fold_all

    assert fold("規範公務用車管理") == "规范公务用车管理"
    assert fold_all(["公務", "違規發放", "ABC", ""]) == ["公务", "违规发放", "ABC", ""]
    archive = tmp_path / "in"
    archive.mkdir()
    seed = (SEEDS_DIR / "003_5e2350e4989e1303.txt").read_text("utf-8")
    traditional = seed.replace("规范公务用车管理", "規範公務用車管理")
    assert traditional != seed
    (archive / "traditional.txt").write_text(traditional, "utf-8")
    index = build_index_of(archive, tmp_path / "out")
    for query in ("规范公务用车", "規範公務用車", "公務"):
        hits = search(index, query).hits
        assert [h.path for h in hits if h.level == "item"] == ["traditional.txt"], query


def build_index_of(archive: Path, out: Path) -> Path:
    run_bulk(
        archive,
        out,
        Settings(cache_dir=out / "cache"),
        BulkOptions(workers=1),
        PlainReporter(io.StringIO(), interval=3600),
    )
    return out / "index.sqlite"
