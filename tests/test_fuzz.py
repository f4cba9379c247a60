"""Fuzzing with hypothesis: random Unicode, soups of heading tokens and mutated seeds.

Whatever the input, the tool either refuses it as an input error (one line, exit 2 at the CLI) or
returns a summary whose every quote is verbatim at its offsets, and every view renders it. The
example budget is fixed and the examples derandomized, so the suite takes the same few seconds on
every run and a failure reproduces.
"""

from __future__ import annotations

import os

from conftest import SEEDS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summarise.api import summarise_document
from summarise.errors import InputError
from summarise.evidence import check
from summarise.ingest import from_bytes
from summarise.models import ReportSummary
from summarise.render.views import SUMMARY_VIEWS

# FUZZ_EXAMPLES=2000 for a long run by hand; the suite's budget stays small.
BUDGET = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "30")),
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
SEED_TEXTS = [s.read_text(encoding="utf-8") for s in SEEDS]

# What notices are made of: list markers, the genre's words, the endings headings and sentences have.
MARKERS = [
    "一、",
    "二、",
    "三、",
    "（一）",
    "（二）",
    "(三)",
    "1.",
    "2、",
    "3．",
    "①",
    "一是",
    "二是",
    "第一部分",
    "",
]
WORDS = [
    "关于",
    "落实",
    "主体责任",
    "党风廉政建设",
    "巡察反馈",
    "整改情况",
    "整改措施",
    "已完成整改",
    "已完成",
    "正在推进",
    "持续推进",
    "长期坚持",
    "4个方面",
    "12项问题",
    "39个具体问题",
    "6条意见建议",
    "制定制度12项",
    "挽回经济损失30万元",
    "不到位",
    "不够深入",
    "2021年3月31日前完成",
    "三十七",
    "完成率95%",
    "下一步",
    "联系电话：0595-22483550",
    "（责任单位：办公室）",
    "\u3000\u3000",
    "，",
    "、",
]
ENDINGS = ["方面", "方面存在的问题", "的问题", "。", "；", "：", "整改情况：", "问题。", ""]
LINE = st.tuples(
    st.sampled_from(MARKERS),
    st.lists(st.sampled_from(WORDS) | st.text(max_size=8), max_size=8),
    st.sampled_from(ENDINGS),
).map(lambda parts: parts[0] + "".join(parts[1]) + parts[2])
NOTICE = st.lists(LINE, max_size=80).map(
    lambda lines: "\n".join(["某某单位关于巡察整改进展情况的通报", *lines])
)


def summarise_or_refuse(text: str) -> ReportSummary | None:
    """The summary of `text`, or None when it is refused as input; any other exception fails."""
    try:
        doc = from_bytes(text.encode("utf-8"), name="fuzz.txt")
    except InputError:
        return None
    try:
        summary = summarise_document(doc)
    except InputError:
        return None
    assert summary.source.text == doc.text and summary.source.chars == len(doc.text)
    assert check(summary) == [], "a quote does not match the source at its offsets"
    for fmt in ("text", "md", "json", "html"):
        assert SUMMARY_VIEWS.render(summary, fmt)
    return summary


@BUDGET
@given(st.text(max_size=3000))
def test_random_unicode_is_summarised_or_refused_never_a_crash(text: str) -> None:
    summarise_or_refuse(text)


@BUDGET
@given(NOTICE)
def test_notices_made_of_heading_tokens_are_summarised_or_refused_never_a_crash(text: str) -> None:
    summarise_or_refuse(text)


_MUTATION = st.tuples(
    st.sampled_from(["delete", "duplicate", "insert", "swap", "digits"]),
    st.floats(0, 1),
    st.floats(0, 1),
    st.text(max_size=40),
)


@BUDGET
@given(st.sampled_from(range(len(SEED_TEXTS))), st.lists(_MUTATION, min_size=1, max_size=8))
def test_mutated_seeds_are_summarised_with_verbatim_quotes(
    seed: int, mutations: list[tuple[str, float, float, str]]
) -> None:
    lines = SEED_TEXTS[seed].split("\n")
    for op, a, b, noise in mutations:
        i, j = sorted((int(a * (len(lines) - 1)), int(b * (len(lines) - 1))))
        if op == "delete":
            del lines[i : j + 1]
        elif op == "duplicate":
            lines[i:i] = lines[i : j + 1]
        elif op == "insert":
            line = lines[i] if lines else ""
            k = int(b * len(line))
            lines[i : i + 1] = [line[:k] + noise + line[k:]]
        elif op == "swap" and lines:
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "digits" and lines:
            lines[i] = "".join("9" if ch.isdigit() else ch for ch in lines[i])
        if not lines:
            lines = [noise]
    summarise_or_refuse("\n".join(lines))
