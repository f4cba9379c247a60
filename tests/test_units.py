"""Unit keys: the same organisation written other ways gets one key; distinct organisations never share one."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from conftest import ROOT, SEEDS
from rounds import summarise_text

from summarise.archive.units import read_aliases, unit_key
from summarise.errors import InputError
from summarise.models import Meta, ReportSummary

REALWORLD = sorted((ROOT / "tests" / "realworld" / "notices").glob("*.txt"))


@cache
def _base() -> ReportSummary:
    return summarise_text(SEEDS[0].read_text(encoding="utf-8"), SEEDS[0].name)


def notice(
    unit: str | None = None, issuer: str | None = None, title: str | None = None, opening: str = ""
) -> ReportSummary:
    """A summary whose names and opening are these (the rest of a real one, which keys ignore)."""
    base = _base()
    source = base.source.model_copy(update={"text": opening, "chars": len(opening)})
    return base.model_copy(update={"meta": Meta(unit=unit, issuer=issuer, title=title), "source": source})


def key(**names: str) -> str | None:
    return unit_key(notice(**names)).key


# Each row: two notices of one organisation, named the ways real notices name it.
SAME = [
    ({"unit": "高新区党工委", "issuer": "中共河源市高新区工作委员会"}, {"unit": "河源高新区党工委"}),
    (
        {"unit": "市卫健委党委", "issuer": "中共宿迁市卫生健康委员会委员会"},
        {"unit": "宿迁市卫生健康委员会党委"},
    ),
    (
        {"unit": "市住房城乡建设局党组", "opening": "来源:广州市住房和城乡建设局\n根据市委统一部署"},
        {"unit": "广州市住建局党组"},
    ),
    (
        {"unit": "市发改委党组", "title": "中共东营市发展和改革委员会党组关于巡察整改进展情况的通报"},
        {"unit": "东营市发展改革委党组"},
    ),
    (
        {"unit": "鲤城高新技术产业开发区", "issuer": "中共泉州市鲤城区委高新技术产业开发区工作委员会"},
        {"issuer": "泉州市鲤城区委高新区党工委"},
    ),
    (
        {"unit": "市科协党组", "opening": "根据东营市委统一部署,市委第二巡察组对市科协党组开展了巡察。"},
        {"unit": "东营市科学技术协会党组"},
    ),
    ({"unit": "最高人民检察院党组"}, {"unit": "中共最高人民检察院党组"}),
    ({"unit": "共青团南县委员会"}, {"unit": "南县共青团委员会"}),
    ({"issuer": "中共湖北省司法厅委员会"}, {"unit": "湖北省司法厅党委"}),
]

# Each row: two distinct organisations whose names look alike.
DIFFERENT = [
    ({"unit": "河源市高新区党工委"}, {"unit": "眉山高新区党工委"}),  # another city
    ({"unit": "宿迁市卫健委党委"}, {"unit": "宿迁市宿城区卫健委党委"}),  # the city's and a district's
    ({"unit": "东营市公安局党委"}, {"unit": "东营市公安局机关党委"}),  # the bureau and its organ
    ({"unit": "湖北省高级人民法院党组"}, {"unit": "湖北省武汉市中级人民法院党组"}),
    ({"unit": "金华市农业农村局党委"}, {"unit": "金华市自然资源局党委"}),
    ({"unit": "鼓楼区司法局党组", "opening": "根据南京市委统一部署"}, {"unit": "福州市鼓楼区司法局党组"}),
]


@pytest.mark.parametrize(("a", "b"), SAME)
def test_one_organisation_named_two_ways_gets_one_key(a: dict[str, str], b: dict[str, str]) -> None:
    ka, kb = key(**a), key(**b)
    assert ka is not None
    assert ka == kb


@pytest.mark.parametrize(("a", "b"), DIFFERENT)
def test_distinct_organisations_never_share_a_key(a: dict[str, str], b: dict[str, str]) -> None:
    ka, kb = key(**a), key(**b)
    assert ka is None or ka != kb


def test_a_level_without_a_place_gets_no_key() -> None:
    # 市卫健委 of which city? Grouping it with another city's would mix two units' rounds.
    k = unit_key(
        notice(unit="市卫健委党委", opening="根据市委统一部署,市委第六巡察组对市卫健委党委进行了巡察。")
    )
    assert k.key is None
    assert k.reason == "place_unknown"
    assert k.body == "卫生健康委员会"


def test_the_key_says_where_it_came_from() -> None:
    opening = "发布时间:2025-05-28\n根据宿迁市委统一部署,市委第六巡察组对市卫健委党委进行了巡察。"
    k = unit_key(notice(unit="市卫健委党委", opening=opening))
    assert k.key == "江苏省宿迁市/卫生健康委员会"
    assert k.unit_from is not None and k.unit_from.field == "unit"
    assert k.place_from is not None and k.place_from.field == "inspector"
    assert k.place_from.start is not None and k.place_from.end is not None
    assert opening[k.place_from.start : k.place_from.end] == k.place_from.text == "宿迁市委"
    assert "abbr:卫健委→卫生健康委员会" in k.rules and "strip:党委" in k.rules


def test_an_inspector_of_another_level_gives_no_place() -> None:
    # A city committee's inspection of a district bureau (提级巡察) says nothing of which district.
    k = unit_key(
        notice(
            unit="区司法局党组", opening="根据株洲市委统一部署,市委第一提级巡察组对区司法局党组开展了巡察。"
        )
    )
    assert k.key is None


def test_round_level_notices_get_no_key() -> None:
    summary = notice(unit=None)
    summary = summary.model_copy(update={"meta": Meta(round_level=True, units=["区民政局", "区农业农村局"])})
    assert unit_key(summary).reason == "round_level"


@pytest.mark.parametrize("suffix", [".toml", ".csv"])
def test_an_alias_file_names_what_rules_cannot_know(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"aliases{suffix}"
    if suffix == ".toml":
        path.write_text('[aliases]\n"市卫健委党委" = "宿迁市卫生健康委员会"\n', encoding="utf-8")
    else:
        path.write_text("别名,标准名\n市卫健委,宿迁市卫生健康委员会\n", encoding="utf-8")
    aliases = read_aliases(path)
    k = unit_key(notice(unit="市卫健委党委"), aliases)
    assert k.key == "江苏省宿迁市/卫生健康委员会"
    assert any(r.startswith("alias:") for r in k.rules)
    # Only the name it lists: another unit is keyed as before.
    assert unit_key(notice(unit="市科协党组"), aliases).key is None


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("bad.toml", '"市卫健委" = \n'),
        ("shape.toml", "[aliases]\n市卫健委 = 3\n"),
        ("row.csv", "市卫健委\n"),
    ],
)
def test_a_broken_alias_file_is_one_clear_error(tmp_path: Path, name: str, text: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=name):
        read_aliases(path)


def test_a_missing_alias_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        read_aliases(tmp_path / "none.toml")


def test_the_five_seeds_are_five_units() -> None:
    keys = [unit_key(summarise_text(p.read_text(encoding="utf-8"), p.name)).key for p in SEEDS]
    assert None not in keys
    assert len(set(keys)) == len(SEEDS)


def test_real_notices_of_different_organisations_never_share_a_key() -> None:
    # 014 is 013 again (a traditional-character mirror); every other notice is its own organisation.
    by_key: dict[str, list[str]] = {}
    for path in REALWORLD:
        k = unit_key(summarise_text(path.read_text(encoding="utf-8"), path.name)).key
        if k is not None:
            by_key.setdefault(k, []).append(path.name[:3])
    shared = {k: v for k, v in by_key.items() if len(v) > 1}
    assert shared == {"中央/最高人民检察院": ["013", "014"]}
    # And most of them are keyed: the place is found in the names, the title or the opening.
    assert sum(len(v) for v in by_key.values()) >= len(REALWORLD) * 2 // 3
