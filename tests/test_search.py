"""`summarise search` over an index of the five seeds.

The expected reports come from reading the seeds, not from the tool: 公务用车 occurs in seed 000's
measures under 3.严格落实中央八项规定精神 (一是严控公务用车。全面落实公务用车编制管理要求…) and in
seed 003's item 3.规范公务用车管理; the shorter 公车 occurs in seed 001 (a measure: 针对机关干部作风、
公车管理、津补贴发放…开展监督检查8次) and seed 004 (31.关于“执行公车管理不到位”的整改情况).
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
from summarise.cli import app
from summarise.errors import InputError, UsageError
from summarise.models import ReportSummary
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
        ("公车", {"001", "004"}),  # 2 characters: too short for trigrams, matched with LIKE
        ("公车管理", {"001", "004"}),  # in a sub-problem's measure (001) and a named problem (004)
        ("公务用车 编制", {"000"}),  # both words in the same measure
        ("公务用车编制管理", {"000"}),
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
    assert sorted(hit.path[:3] for hit in hits) == ["000", "001", "003", "004"]
    for hit in hits:
        summary = ReportSummary.model_validate_json((index.parent / hit.json_path).read_bytes())
        nodes = [n for a in summary.areas for i in a.items for n in [i, *i.problems]]
        node = next(n for n in nodes if n.evidence.start == hit.span_start)
        assert (node.title, node.status.value) == (hit.problem, hit.status)
        assert hit.unit == summary.meta.unit
        assert hit.date == summary.meta.published_date


def test_a_match_in_a_measure_shows_that_measure(index: Path) -> None:
    (hit,) = search(index, "公务用车 编制").hits
    assert hit.problem == "严格落实中央八项规定精神"
    assert not hit.direct
    assert hit.measure is not None and "公务用车编制管理要求" in hit.measure


def test_hits_are_newest_first(index: Path) -> None:
    hits = search(index, "公车").hits
    # 004 is dated 2025-05-28 and 001 2021-02-09 (their 落款), while 001 sorts first by name.
    assert [(h.path[:3], h.date) for h in hits] == [("004", "2025-05-28"), ("001", "2021-02-09")]


def test_query_text_is_never_parsed_as_fts_syntax(index: Path) -> None:
    # Read as FTS5 syntax these would raise, or match 公务用车 as a phrase, a prefix or an OR; read as
    # text they are words that no seed contains.
    for query in ('"公务用车', "公务用车 OR", "NEAR(公务 用车)", "公务用车*", "a_b"):
        assert search(index, query).hits == [], query
    # % is the text 100%, not a LIKE wildcard: both hits are measures that say 100%.
    hits = search(index, "100%").hits
    assert sorted(h.path[:3] for h in hits) == ["002", "003"]
    assert all(h.measure and "100%" in h.measure for h in hits)
    with pytest.raises(UsageError):
        search(index, "   ")


def test_without_fts5_trigram_the_search_falls_back_to_like(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(index_module, "trigram_available", lambda: False)
    index = build_index(tmp_path / "out")
    assert seeds_of(search(index, "公务用车")) == {"000", "003"}
    assert seeds_of(search(index, "公务用车 编制")) == {"000"}


def test_a_missing_index_says_how_to_make_one(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="summarise bulk"):
        search(tmp_path / "index.sqlite", "公车")


# -- the command -----------------------------------------------------------------------------------


def invoke(*args: str):  # type: ignore[no-untyped-def]
    result = runner.invoke(app, ["search", *args])
    print(result.output)
    return result


def test_cli_text_lists_unit_date_problem_and_status(index: Path) -> None:
    result = invoke("公车", "--index", str(index))
    assert result.exit_code == 0
    assert "2025-05-28  眉山高新区党工委  004_309f593f3d4db6ca.txt" in result.stdout
    assert "关于“执行公车管理不到位”的整改情况" in result.stdout
    assert "鲤城高新技术产业开发区" in result.stdout
    assert "措施: " in result.stdout and "公车管理" in result.stdout
    assert result.stderr.strip() == "2 matching problems in 2 reports"


def test_cli_json_and_csv(index: Path) -> None:
    data = json.loads(invoke("公务用车", "-i", str(index), "-f", "json").stdout)
    assert data["total"] == 2 and {h["path"][:3] for h in data["hits"]} == {"000", "003"}
    rows = list(csv.DictReader(io.StringIO(invoke("公务用车", "-i", str(index), "-f", "csv").stdout)))
    assert {r["unit"] for r in rows} == {"高新区党工委", "深汕特别合作区党工委"}


def test_cli_limit_says_how_many_it_left_out(index: Path) -> None:
    result = invoke("公车", "-i", str(index), "-n", "1")
    assert result.stderr.strip() == "2 matching problems in 2 reports, showing 1"


def test_cli_no_match_exits_1_and_a_missing_index_exits_2(index: Path, tmp_path: Path) -> None:
    assert invoke("量子计算", "-i", str(index)).exit_code == 1
    missing = invoke("公车", "-i", str(tmp_path / "none.sqlite"))
    assert missing.exit_code == 2
    assert "no index here" in missing.stderr


def test_cli_index_from_the_environment(index: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SUMMARISE_INDEX", str(index))
    assert invoke("公务用车").exit_code == 0


def test_a_measure_listed_directly_under_an_area_is_found_under_that_area(index: Path) -> None:
    # Seed 003: (一)关于落实以往巡视巡察、审计发现问题整改方面 has no numbered items, only a paragraph.
    (hit,) = search(index, "逐一建立整改台账").hits
    assert (hit.path[:3], hit.level) == ("003", "area")
    assert hit.problem == "关于落实以往巡视巡察、审计发现问题整改方面"
    assert "方面] 关于落实以往巡视巡察" in invoke("逐一建立整改台账", "-i", str(index)).stdout
