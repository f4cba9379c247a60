"""The rules engine on the real-world set (tests/realworld): metadata exact-match rates and stated counts.

    python bench/eval_realworld.py                 # table of rates, then every miss
    python bench/eval_realworld.py --format json   # the same as JSON

For each metadata field the rate is over the notices whose gold value is not null: a notice counts
only when the engine's value equals the gold one (units and inspectors compared after removing
whitespace, nothing else). "stated problems" is over the notices whose gold states a problem count
for the round: found and equal. These figures are a measured baseline, not a test; the annotation
conventions are in tests/realworld/README.md.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from summarise.models import ReportSummary  # noqa: E402
from summarise.pipeline import Pipeline  # noqa: E402
from summarise.settings import Settings  # noqa: E402

REALWORLD = ROOT / "tests" / "realworld"
META_FIELDS = ("unit", "inspector", "inspection_start", "inspection_end", "feedback_date")
TEXT_FIELDS = {"unit", "inspector"}
_SPACE = re.compile(r"\s+")


@dataclass
class Rate:
    hits: int = 0
    total: int = 0

    @property
    def rate(self) -> float:
        return self.hits / self.total if self.total else 1.0


@dataclass
class Result:
    rates: dict[str, Rate] = field(default_factory=dict)
    misses: list[tuple[str, str, object, object]] = field(default_factory=list)
    not_a_report: list[str] = field(default_factory=list)
    notices: int = 0

    def metadata(self) -> Rate:
        """All metadata fields pooled: every non-null gold value counts once."""
        pooled = Rate()
        for name in META_FIELDS:
            pooled.hits += self.rates[name].hits
            pooled.total += self.rates[name].total
        return pooled


def _same(name: str, gold: object, found: object) -> bool:
    if name in TEXT_FIELDS and isinstance(gold, str) and isinstance(found, str):
        return _SPACE.sub("", gold) == _SPACE.sub("", found)
    return gold == found


def found_problems(summary: ReportSummary) -> int | float | None:
    stated = summary.stated_counts.get("problems")
    return stated.value if stated is not None else None


def evaluate(root: Path = REALWORLD, pipeline: Pipeline | None = None) -> Result:
    pipeline = pipeline or Pipeline(Settings(engine="rules"))
    result = Result(rates={name: Rate() for name in (*META_FIELDS, "stated_problems")})
    for gold_file in sorted((root / "gold").glob("*.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        notice = root / "notices" / gold["notice"]
        summary = pipeline.summarise_path(notice)
        result.notices += 1
        for name in META_FIELDS:
            expected = gold["meta"][name]
            if expected is None:
                continue
            got = getattr(summary.meta, name)
            rate = result.rates[name]
            rate.total += 1
            if _same(name, expected, got):
                rate.hits += 1
            else:
                result.misses.append((notice.name, name, expected, got))
        stated = gold.get("stated_counts") or {}
        got = found_problems(summary)
        if stated.get("problems") is not None:
            rate = result.rates["stated_problems"]
            rate.total += 1
            if got == stated["problems"]:
                rate.hits += 1
            else:
                result.misses.append((notice.name, "stated_problems", stated["problems"], got))
        elif got is not None:
            # Not in the rate (it is over notices that state a count), but a count read where the
            # notice states none is a miss all the same.
            result.misses.append((notice.name, "stated_problems", None, got))
        if any(w.code == "not_a_report" for w in summary.warnings):
            result.not_a_report.append(notice.name)  # every file in the set is a notice
    return result


def render(result: Result, fmt: str = "text") -> str:
    if fmt == "json":
        data = {
            "notices": result.notices,
            "fields": {
                k: {"rate": r.rate, "hits": r.hits, "total": r.total} for k, r in result.rates.items()
            },
            "metadata_pooled": {"rate": result.metadata().rate, **vars(result.metadata())},
            "misses": [{"file": f, "field": n, "gold": g, "got": o} for f, n, g, o in result.misses],
            "not_a_report": result.not_a_report,
        }
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    lines = [
        f"real-world notices: {result.notices} (rules engine)",
        f"{'field':<20}{'exact':>8}{'hits':>7}{'of':>5}",
    ]
    for name, rate in result.rates.items():
        label = "stated problems" if name == "stated_problems" else name
        lines.append(f"{label:<20}{rate.rate:>8.3f}{rate.hits:>7}{rate.total:>5}")
    pooled = result.metadata()
    lines.append(f"{'metadata (pooled)':<20}{pooled.rate:>8.3f}{pooled.hits:>7}{pooled.total:>5}")
    if result.misses:
        lines.append("\nmisses (file, field, gold, got):")
        lines += [f"  {f}  {n}  gold={g!r}  got={o!r}" for f, n, g, o in result.misses]
    if result.not_a_report:
        lines.append("\nwarned not_a_report although every file here is a notice:")
        lines += [f"  {name}" for name in result.not_a_report]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--root", type=Path, default=REALWORLD, help="folder with notices/ and gold/")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    args = parser.parse_args(argv)
    sys.stdout.write(render(evaluate(args.root), args.format))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
