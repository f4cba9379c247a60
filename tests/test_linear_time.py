"""Parsing takes time in proportion to the input: a 20,000-character run of digits or of Chinese
numerals in the opening (where the stated counts are searched) costs a small multiple of the plain
notice, not its length squared (unanchored `\\d+…` patterns once took 38 s on 20k digits).

Times are compared as a ratio with the same notice without the run, best of three, so the test
holds on a slow machine as on a fast one."""

from __future__ import annotations

import time

import pytest
from conftest import SEEDS

from summarise.api import summarise_document
from summarise.ingest import from_bytes

SEED = next(s for s in SEEDS if s.name.startswith("001"))
RUN = 20_000
BOUND = 25  # the plain notice's time × this; quadratic behaviour is ×1000 and more


def seconds(text: str) -> float:
    doc = from_bytes(text.encode("utf-8"), name="timed.txt")
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        summarise_document(doc)
        best = min(best, time.perf_counter() - started)
    return best


def with_run(run: str) -> str:
    """The notice with `run` in its first paragraph, where every count pattern is tried on it."""
    lines = SEED.read_text(encoding="utf-8").split("\n")
    lines[3] = lines[3].replace("现将", f"共{run}个，现将", 1)
    assert run in "\n".join(lines)
    return "\n".join(lines)


@pytest.mark.parametrize(
    "run",
    ["7" * RUN, "三" * RUN, "7." * (RUN // 2), "十二" * (RUN // 2)],
    ids=["digits", "numerals", "decimal-dots", "tens"],
)
def test_a_20k_run_of_digits_or_numerals_costs_time_in_proportion_to_its_length(run: str) -> None:
    plain = seconds(SEED.read_text(encoding="utf-8"))
    slow = seconds(with_run(run))
    assert slow / plain < BOUND, f"{slow:.3f}s with the run vs {plain:.3f}s without"
