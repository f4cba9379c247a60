"""The diff's primitives: Chinese similarity, the optimal assignment, labels of figures, unit names."""

from __future__ import annotations

import itertools
import random

import pytest

from summarise.diff.compare import unit_names
from summarise.diff.figures import label_key
from summarise.diff.match import Corpus, _hungarian, assign, cosine, coverage, grams, problem_name


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("关于“执行‘第一议题’制度不到位”的整改情况", "执行第一议题制度不到位"),
        ("针对落实新发展理念存在不足的问题", "落实新发展理念存在不足"),
        ("关于引领作用发挥不充分的问题", "引领作用发挥不充分"),
        ("关于风险防控意识不强问题的整改情况", "风险防控意识不强"),
        ("全面加强政治理论学习", "全面加强政治理论学习"),  # a task heading is its own name
        ("问题", "问题"),  # never strip a name to nothing
    ],
)
def test_problem_name_drops_the_wrapper_words(title: str, name: str) -> None:
    assert problem_name(title) == name


def test_grams_are_bigrams_per_run_with_digits_folded() -> None:
    assert grams("2020年,新增") == grams("2024年,新增")  # a year that changes between rounds is not news
    assert set(grams("落实不到位")) == {"落实", "实不", "不到", "到位"}
    assert set(grams("党,委")) == {"党", "委"}  # a lone character still counts


def test_rewording_stays_similar_and_boilerplate_does_not_make_problems_alike() -> None:
    names = [
        "落实新发展理念存在不足",
        "新发展理念贯彻仍有不足",
        "意识形态工作责任制落实不到位",
        "党风廉政建设主体责任落实不到位",
        "执行第一议题制度不到位",
        "安全生产责任落实不到位",
    ]
    corpus = Corpus(names)
    vec = corpus.vector
    reworded = cosine(vec(names[0]), vec(names[1]))
    boilerplate = cosine(vec(names[2]), vec(names[3]))
    # Names alone: a reworded name keeps about half its weight, shared boilerplate far less. The area and
    # the measures lift a real pair over the threshold (see test_diff_pairs).
    assert reworded > 0.4
    assert boilerplate < 0.3
    assert reworded > 2 * boilerplate
    assert cosine(vec(names[0]), vec(names[0])) == pytest.approx(1.0)


def test_coverage_asks_whether_a_short_item_is_said_in_a_long_text() -> None:
    corpus = Corpus(
        ["往来账款未结清", "企业动建电费未收回", "针对其他应收应付往来账款未结清问题,已核对账目并调账"]
    )
    item = corpus.vector("往来账款未结清")
    assert coverage(item, set(grams("针对其他应收应付往来账款未结清问题,已核对账目并调账"))) == pytest.approx(
        1.0
    )
    assert coverage(item, set(grams("1家企业拖欠电费已经缴清"))) < 0.2


def _brute_force(weights: list[list[float]]) -> float:
    n, m = len(weights), len(weights[0])
    if n <= m:
        return max(sum(weights[i][p[i]] for i in range(n)) for p in itertools.permutations(range(m), n))
    return max(sum(weights[p[j]][j] for j in range(m)) for p in itertools.permutations(range(n), m))


@pytest.mark.parametrize("seed", range(40))
def test_hungarian_is_optimal_against_brute_force(seed: int) -> None:
    rng = random.Random(seed)
    n, m = rng.randint(1, 5), rng.randint(1, 5)
    if n > m:
        n, m = m, n
    cost = [[rng.choice([rng.random(), 0.0, 1.0]) for _ in range(m)] for _ in range(n)]
    cols = _hungarian(cost)
    assert len(set(cols)) == n and all(0 <= c < m for c in cols)
    best = -_brute_force([[-c for c in row] for row in cost])
    assert sum(cost[i][c] for i, c in enumerate(cols)) == pytest.approx(best)


@pytest.mark.parametrize("seed", range(40))
def test_assign_maximises_total_margin_one_to_one(seed: int) -> None:
    rng = random.Random(1000 + seed)
    n, m, threshold = rng.randint(1, 6), rng.randint(1, 6), 0.5
    scores = {(i, j): rng.random() for i in range(n) for j in range(m) if rng.random() < 0.6}
    pairs = assign(scores, threshold)
    assert len({i for i, _, _ in pairs}) == len(pairs) == len({j for _, j, _ in pairs})
    assert all(s >= threshold and scores[(i, j)] == s for i, j, s in pairs)
    margins = [[max(0.0, scores.get((i, j), 0.0) - threshold) for j in range(m)] for i in range(n)]
    assert sum(s - threshold for _, _, s in pairs) == pytest.approx(_brute_force(margins), abs=1e-5)


def test_assign_keeps_one_clear_pair_over_two_mediocre_ones() -> None:
    # Raw scores would prefer A–Y + B–X (1.2) to A–X (0.9); margins over 0.5 prefer A–X (0.4 > 0.2).
    scores = {(0, 0): 0.9, (0, 1): 0.6, (1, 0): 0.6}
    assert assign(scores, 0.5) == [(0, 0, 0.9)]


def test_assign_threshold_is_inclusive_and_ties_follow_document_order() -> None:
    assert assign({(0, 0): 0.5}, 0.5) == [(0, 0, 0.5)]
    assert assign({(0, 0): 0.49}, 0.5) == []
    # Two identical problems on each side: the pairing keeps their order instead of crossing.
    scores = {(0, 0): 1.0, (0, 1): 1.0, (1, 0): 1.0, (1, 1): 1.0}
    assert [(i, j) for i, j, _ in assign(scores, 0.5)] == [(0, 0), (1, 1)]


@pytest.mark.parametrize(
    ("label", "key"),
    [
        ("现共有高新技术企业", "高新技术企业"),
        ("2020年现有高新技术企业", "高新技术企业"),
        ("2023至2024年累计引进超亿元项目", "引进超亿元项目"),
        ("截至目前规上工业企业", "规上工业企业"),
        ("占全市", None),  # a share of something named elsewhere
        ("同比", None),
        ("学习", None),  # two characters name nothing in particular
        ("新增", None),
        ("2024年", None),
    ],
)
def test_figure_labels_lose_years_and_filler_but_keep_what_is_counted(label: str, key: str | None) -> None:
    assert label_key(label) == key


def test_unit_names_fold_org_words_and_long_forms() -> None:
    from summarise.models import EngineInfo, Meta, ReportSummary, Source

    def summary(unit: str | None, issuer: str | None) -> ReportSummary:
        return ReportSummary(
            source=Source(sha256="0", chars=0, encoding="utf-8", text=""),
            meta=Meta(unit=unit, issuer=issuer),
            engine=EngineInfo(name="rules", version="test"),
        )

    assert unit_names(summary("鲤城高新区党工委", None)) == ["鲤城高新区"]
    assert unit_names(
        summary("鲤城高新技术产业开发区", "中共泉州市鲤城区委高新技术产业开发区工作委员会")
    ) == [
        "鲤城高新区",
        "泉州市鲤城区委高新区",
    ]
    assert unit_names(summary(None, None)) == []
