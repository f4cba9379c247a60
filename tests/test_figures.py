"""Figures: precision before recall.

A figure is a value, a unit, a direction (增加/下降/同比增长…) and a label that is a complete phrase inside
its own clause. The hand annotations in tests/gold/figures/ list every figure a careful reader would take
from the problems section of a seed (tests/gold/figures/README.md); the rules engine must be right about
at least 95% of the figures it reports there, and the recall it reaches is printed.

Run `.venv/bin/python tests/test_figures.py` for the table of precision and recall per seed.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from summarise.api import summarise_path  # noqa: E402
from summarise.models import Figure, ReportSummary  # noqa: E402
from summarise.normalise import normalise  # noqa: E402
from summarise.rules.context import Context  # noqa: E402
from summarise.rules.wording import figures  # noqa: E402

FIGURE_GOLD = sorted((ROOT / "tests" / "gold" / "figures").glob("*.json"))
MIN_PRECISION = 0.95


def _norm(text: str) -> str:
    return normalise(text).text.replace(" ", "")


@dataclass
class FigureScore:
    seed: str
    found: int = 0
    gold: int = 0
    tp: int = 0
    wrong: list[str] = field(default_factory=list)  # found figures that are not right
    missed: list[str] = field(default_factory=list)  # gold figures not found right

    @property
    def precision(self) -> float:
        return self.tp / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 1.0


def all_figures(summary: ReportSummary) -> list[Figure]:
    return [
        f
        for area in summary.areas
        for item in area.items
        for f in [*item.figures, *(g for p in item.problems for g in p.figures)]
    ]


def label_ok(label: str, gold: dict) -> bool:
    """The label names what the annotator named (it holds the gold label, or is one of its accepted
    wordings), lies inside the gold text, and is not cut inside a number (020年以来…)."""
    label, text = _norm(label), _norm(gold["text"])
    if label in (_norm(a) for a in gold.get("accept", [])):
        return True
    at = text.find(label)
    if not label or at < 0 or _norm(gold["label"]) not in label:
        return False
    return not (at > 0 and text[at - 1].isdigit() and label[0].isdigit())


def _direction(f: Figure) -> str | None:
    return getattr(f, "direction", None)


def score_seed(gold_file: Path) -> FigureScore:
    gold = json.loads(gold_file.read_text(encoding="utf-8"))
    seed = ROOT / "seeds" / gold["seed"]
    summary = summarise_path(seed)
    source = summary.source.text
    spans = []
    for g in gold["figures"]:
        start = source.find(g["text"])
        assert start >= 0 and source.count(g["text"]) == 1, f"{gold_file.name}: {g['text']!r} is not unique"
        spans.append((start, start + len(g["text"])))
    out = FigureScore(seed=gold["seed"], gold=len(gold["figures"]))
    right: set[int] = set()
    for f in all_figures(summary):
        out.found += 1
        at = f.evidence.start + f.evidence.quote.rfind(f.text)  # where the number is
        hits = [
            i
            for i, (s, e) in enumerate(spans)
            if s <= at < e
            and gold["figures"][i]["value"] == f.value
            and gold["figures"][i]["unit"] == f.unit
            and i not in right
        ]
        hit = next((i for i in hits if label_ok(f.label, gold["figures"][i])), None)
        g = gold["figures"][hit] if hit is not None else None
        if g is not None and g.get("direction") == _direction(f):
            right.add(hit)  # type: ignore[arg-type]
            out.tp += 1
        else:
            why = "no such figure" if not hits else ("label" if g is None else "direction")
            out.wrong.append(f"{why}: {f.label!r} {f.text} direction={_direction(f)}")
    out.missed = [
        f"{g['label']} {g['value']:g}{g['unit']} ({g['text']})"
        for i, g in enumerate(gold["figures"])
        if i not in right
    ]
    return out


def table(scores: list[FigureScore]) -> str:
    rows = [f"{'seed':<28}{'found':>6}{'gold':>6}{'right':>6}{'precision':>10}{'recall':>8}"]
    for s in scores:
        rows.append(f"{s.seed:<28}{s.found:>6}{s.gold:>6}{s.tp:>6}{s.precision:>10.3f}{s.recall:>8.3f}")
    total = FigureScore(
        seed="all",
        found=sum(s.found for s in scores),
        gold=sum(s.gold for s in scores),
        tp=sum(s.tp for s in scores),
    )
    rows.append(
        f"{total.seed:<28}{total.found:>6}{total.gold:>6}{total.tp:>6}"
        f"{total.precision:>10.3f}{total.recall:>8.3f}"
    )
    return "\n".join(rows)


def figures_of(sentence: str) -> list[tuple[str, str, str | None]]:
    ctx = Context.of(sentence)
    return [(f.label, f.text, f.direction) for f in figures(ctx, 0, len(ctx.text))]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # The counted thing after the number wins over the verb before it.
        ("推动26家企业获11.3亿元授信。", [("企业", "26家", None), ("授信", "11.3亿元", None)]),
        ("创新设立43个党员示范岗。", [("党员示范岗", "43个", None)]),
        ("涉及3个单位和14个村(社区)党组织。", [("单位", "3个", None), ("村(社区)党组织", "14个", None)]),
        ("先后3次组织开展专题调研。", [("组织开展专题调研", "3次", None)]),
        # 超10亿元 qualifies the projects counted; it is no figure of its own.
        ("含4个超10亿元项目。", [("超10亿元项目", "4个", None)]),
        # A number with nothing after it takes the words before it, without the filler.
        ("在库目标企业超90家。", [("在库目标企业", "90家", None)]),
        ("2024年以来区党委会学习“第一议题”35次。", [("2024年以来区党委会学习“第一议题”", "35次", None)]),
        ("建立高企(77家)。", [("建立高企", "77家", None)]),
        # A list ending in 等 is counted as a whole: the label is what follows it.
        ("针对干部作风、公车管理、工会会费管理使用等开展监督检查8次。", [("开展监督检查", "8次", None)]),
    ],
)
def test_a_label_is_the_counted_thing_of_its_own_clause(
    sentence: str, expected: list[tuple[str, str, str | None]]
) -> None:
    assert figures_of(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("一般道路交通事故发生率同比下降41.2%。", [("一般道路交通事故发生率", "41.2%", "down")]),
        ("招商引资到位资金同比减少12%。", [("招商引资到位资金", "12%", "down")]),
        ("专精特新企业增至38家。", [("专精特新企业", "38家", "up")]),
        ("规上企业党组织覆盖率提升至59.73%。", [("规上企业党组织覆盖率", "59.73%", "up")]),
        ("专项资金使用率较上年提高5个百分点。", [("专项资金使用率", "5个百分点", "up")]),
        # A clause that only states the change takes its sentence's subject.
        (
            "地区生产总值74.60亿元,同比增长1.5%。",
            [("地区生产总值", "74.60亿元", None), ("地区生产总值", "1.5%", "up")],
        ),
        # 新增 heads the whole list.
        (
            "新增省级博士工作站1家、省级工程技术中心2家、市级重点实验室1家。",
            [
                ("新增省级博士工作站", "1家", "up"),
                ("省级工程技术中心", "2家", "up"),
                ("市级重点实验室", "1家", "up"),
            ],
        ),
        # The next number of a list shares the label and the direction.
        (
            "事故发生率分别同比下降41.2%、48%。",
            [("事故发生率", "41.2%", "down"), ("事故发生率", "48%", "down")],
        ),
        # With the counted thing after the number, only a change of count is a direction.
        ("巩固提升2个典型村。", [("典型村", "2个", None)]),
        ("城区大班额由巡察时的38个减少至9个。", [("城区大班额", "9个", "down")]),
    ],
)
def test_a_figure_keeps_the_direction_the_text_states(
    sentence: str, expected: list[tuple[str, str, str | None]]
) -> None:
    assert figures_of(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "梳理问题清单,共125条。",  # nothing but filler before it: no label, no figure (was 条 125条)
        "党组每季度1次专题研究整改工作。",  # a rate per period (was 每季度 1次)
        "2024年以来3次。",  # only a time before it
        "整改时间3个月。",  # a duration
        "推动深河门诊部增设24小时急诊。",  # a duration
        "第3次会议研究整改工作。",  # an ordinal
        "城区56人以上大班额已全部消除。",  # a threshold that qualifies what follows
        "印发《2024年度3项重点工作方案》。",  # inside a title
        "交办的229宗涉及住户出行难问题。",  # 交办的: a modifier with no head
        "全区各级党组织围绕学习贯彻上级决策部署和重要会议精神扎实开展各类主题学习研讨交流活动共120场次。",
    ],
)
def test_when_unsure_the_figure_is_dropped_rather_than_garbled(sentence: str) -> None:
    assert figures_of(sentence) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "2021年9月以来累计开展廉政教育专题培训活动共计30场。",  # was 1年9月以来…
        "2020年以来纪工委共组织班子成员集中学习12次。",  # was 020年以来…
        "2024年通过招聘会及人力资源产业园输送工人900余人。",  # was 24年通过…
    ],
)
def test_a_label_is_never_cut_inside_a_number(sentence: str) -> None:
    found = figures_of(sentence)
    assert len(found) == 1
    label = found[0][0]
    assert sentence.startswith(label) and label[:4].isdigit()


@pytest.mark.parametrize("seed", sorted((ROOT / "seeds").glob("*.txt")), ids=lambda p: p.name[:3])
def test_no_label_is_a_lone_character_a_function_word_or_a_broken_number(seed: Path) -> None:
    summary = summarise_path(seed)
    for f in all_figures(summary):
        assert len(f.label) >= 2 and f.label not in (
            "含",
            "超",
            "和",
            "及",
            "与",
            "对",
            "已",
            "等",
            "共",
            "同比",
        )
        at = summary.source.text.find(f.label, max(0, f.evidence.start - 1))
        assert not (at > 0 and f.label[0].isdigit() and summary.source.text[at - 1].isdigit()), f.label
        assert f.text in f.evidence.quote


@pytest.fixture(scope="module")
def scores() -> list[FigureScore]:
    return [score_seed(g) for g in FIGURE_GOLD]


def test_at_least_two_seeds_have_hand_annotated_figures() -> None:
    assert len(FIGURE_GOLD) >= 2
    for g in FIGURE_GOLD:
        data = json.loads(g.read_text(encoding="utf-8"))
        assert (ROOT / "seeds" / data["seed"]).exists() and data["figures"]


def test_figure_precision_on_the_annotated_seeds(scores: list[FigureScore], capsys) -> None:
    with capsys.disabled():
        print("\nfigures on the annotated seeds:\n" + table(scores))
    found, tp = sum(s.found for s in scores), sum(s.tp for s in scores)
    wrong = [w for s in scores for w in s.wrong]
    assert found and tp / found >= MIN_PRECISION, "\n".join(wrong)


if __name__ == "__main__":
    results = [score_seed(g) for g in FIGURE_GOLD]
    print(table(results))
    if "-v" in sys.argv:
        for s in results:
            print(f"\n{s.seed}")
            print("\n".join(f"  wrong  {w}" for w in s.wrong))
            print("\n".join(f"  missed {m}" for m in s.missed))
