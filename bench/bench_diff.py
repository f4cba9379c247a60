"""Timing of `diff_summaries` on summaries of 50 problems (well under a second) up to 1,000.

Run: python bench/bench_diff.py [--repeat N]

The summaries come from the seeds, not from synthetic strings, so the similarity work sees real
Chinese text: seed 004 (52 problems) cut to 50, against a copy whose wording was changed throughout
(the synonyms a later round might use), against itself, and against an unrelated seed. A last case
merges every seed into one summary (125 problems), and eight copies of it (1,000 problems, to be
diffed in under a second) show how the cost grows. Summarising the reports is not timed: it happens
once per report, whatever is diffed.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from summarise.api import summarise_document  # noqa: E402
from summarise.diff import diff_summaries  # noqa: E402
from summarise.diff.problems import units  # noqa: E402
from summarise.ingest import from_bytes  # noqa: E402
from summarise.models import ReportSummary  # noqa: E402

SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
# Rewording applied to every occurrence: most problem names change somewhere.
REWORDING = [("不到位", "不够到位"), ("不够", "仍不"), ("不足", "有短板"), ("不严", "失之于宽"), ("有差距", "差距较大"),
             ("滞后", "迟缓"), ("加强", "强化"), ("落实", "贯彻")]  # fmt: skip


def summarise_text(text: str) -> ReportSummary:
    return summarise_document(from_bytes(text.encode("utf-8"), name="<bench>"))


def cut(summary: ReportSummary, n: int) -> ReportSummary:
    """The first n problems (sub-problems, or items without any) and the areas that hold them."""
    areas, left = [], n
    for area in summary.areas:
        items = []
        for item in area.items:
            size = max(1, len(item.problems))
            if left < size:
                break
            items.append(item)
            left -= size
        if items:
            areas.append(area.model_copy(update={"items": items}))
        if left == 0:
            break
    return summary.model_copy(update={"areas": areas})


def merged(summaries: list[ReportSummary]) -> ReportSummary:
    return summaries[0].model_copy(update={"areas": [a for s in summaries for a in s.areas]})


def timed(old: ReportSummary, new: ReportSummary, repeat: int) -> tuple[list[float], dict[str, int]]:
    times = []
    totals: dict[str, int] = {}
    for _ in range(repeat):
        start = time.perf_counter()
        result = diff_summaries(old, new)
        times.append(time.perf_counter() - start)
        totals = result.totals.model_dump()
    return times, totals


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()

    texts = [s.read_text(encoding="utf-8") for s in SEEDS]
    base = max(texts, key=lambda t: len(units(summarise_text(t))))
    reworded = base
    for before, after in REWORDING:
        reworded = reworded.replace(before, after)
    old, new = cut(summarise_text(base), 50), cut(summarise_text(reworded), 50)
    other = summarise_text(next(t for t in texts if t != base))
    everything = [summarise_text(t) for t in texts]
    everything_reworded = []
    for text in texts:
        for before, after in REWORDING:
            text = text.replace(before, after)
        everything_reworded.append(summarise_text(text))

    cases = [
        ("50 vs 50, reworded copy", old, new),
        ("50 vs 50, itself", old, old),
        ("50 vs unrelated seed", old, other),
        ("all seeds merged, reworded", merged(everything), merged(everything_reworded)),
        # Archive scale: every seed eight times over, so each problem also has seven look-alikes.
        ("all seeds ×8, reworded", merged(everything * 8), merged(everything_reworded * 8)),
    ]
    print(f"python {sys.version.split()[0]}, {args.repeat} runs per case, times in milliseconds")
    print(f"{'case':30} {'problems':>10} {'median':>8} {'min':>8} {'max':>8}  totals")
    for name, a, b in cases:
        times, totals = timed(a, b, args.repeat)
        ms = [t * 1000 for t in times]
        sizes = f"{len(units(a))}×{len(units(b))}"
        keep = {k: totals[k] for k in ("recurring", "new", "dropped", "figures_changed")}
        print(f"{name:30} {sizes:>10} {statistics.median(ms):8.1f} {min(ms):8.1f} {max(ms):8.1f}  {keep}")
        if len(units(a)) >= 1000:
            verdict = "under" if statistics.median(ms) < 1000 else "OVER"
            print(f"  {sizes} problems: median {statistics.median(ms) / 1000:.2f} s, {verdict} the 1 s bar")


if __name__ == "__main__":
    main()
