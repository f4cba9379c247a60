"""Compare summaries with hand-annotated gold: precision and recall per field, micro-averaged over seeds."""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz

from .api import summarise_path
from .errors import UsageError
from .i18n import say
from .models import ReportSummary
from .normalise import normalise
from .render import META_FIELDS as ALL_META_FIELDS
from .settings import Settings

# The checkout this module runs from (tests/gold and seeds/ live there); absent in an installed wheel.
CHECKOUT = Path(__file__).resolve().parent.parent

# The meta fields the gold annotates (tests/gold/README.md): all but the round and the page's date.
META_FIELDS = tuple(name for name in ALL_META_FIELDS if name not in ("inspection_round", "page_date"))
_PUNCT = re.compile(r"[\s,.;:!?、。\"'“”‘’()《》【】\[\]-]")
MATCH = 85.0


def _norm(text: str | None) -> str:
    return _PUNCT.sub("", normalise(text or "").text)


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def add(self, other: Score) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn


@dataclass
class SeedScores:
    seed: str
    fields: dict[str, Score] = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)


def match_texts(
    gold: list[str], found: list[str], threshold: float = MATCH
) -> tuple[Score, list[tuple[str, str]]]:
    """One-to-one greedy matching by similarity of normalised text; returns the score and gold/found misses."""
    pairs = sorted(
        ((fuzz.ratio(_norm(g), _norm(f)), i, j) for i, g in enumerate(gold) for j, f in enumerate(found)),
        reverse=True,
    )
    used_g: set[int] = set()
    used_f: set[int] = set()
    for score, i, j in pairs:
        if score < threshold:
            break
        if i in used_g or j in used_f:
            continue
        used_g.add(i)
        used_f.add(j)
    misses = [("missed", g) for i, g in enumerate(gold) if i not in used_g]
    misses += [("extra", f) for j, f in enumerate(found) if j not in used_f]
    return Score(tp=len(used_g), fp=len(found) - len(used_f), fn=len(gold) - len(used_g)), misses


def _exact(gold: object, found: object) -> Score:
    if gold is None and found is None:
        return Score()
    if gold is None:
        return Score(fp=1)
    if found is None:
        return Score(fn=1)
    same = _norm(str(gold)) == _norm(str(found))
    return Score(tp=1) if same else Score(fp=1, fn=1)


def score_summary(gold: dict, summary: ReportSummary, seed: str) -> SeedScores:
    out = SeedScores(seed=seed)
    meta = summary.meta
    for name in META_FIELDS:
        out.fields[f"meta.{name}"] = _exact(gold.get("meta", {}).get(name), getattr(meta, name))
        if out.fields[f"meta.{name}"].fn or out.fields[f"meta.{name}"].fp:
            out.misses.append(
                f"meta.{name}: gold={gold.get('meta', {}).get(name)!r} found={getattr(meta, name)!r}"
            )

    def record(name: str, gold_list: list[str], found_list: list[str]) -> None:
        score, misses = match_texts(gold_list, found_list)
        out.fields[name] = score
        out.misses += [f"{name} {say('cli.eval.' + kind)}: {text}" for kind, text in misses]

    g_areas = gold.get("areas", [])
    record("areas", [a["title"] or "" for a in g_areas], [a.title or "" for a in summary.areas])
    g_items = [i for a in g_areas for i in a["items"]]
    f_items = [i for a in summary.areas for i in a.items]
    record("items", [i["title"] for i in g_items], [i.title for i in f_items])
    g_named = [i["named_problem"] for i in g_items if i.get("named_problem")]
    g_named += [p for i in g_items for p in i.get("problems", [])]
    f_named = [i.named_problem for i in f_items if i.named_problem]
    f_named += [p.named_problem for i in f_items for p in i.problems if p.named_problem]
    record("named_problems", g_named, f_named)
    g_count = sum(max(1, len(i.get("problems", []))) for i in g_items)
    out.fields["problem_count"] = _exact(g_count, summary.problem_count() if f_items or g_count else None)

    g_out = gold.get("outstanding", [])
    record("outstanding", [o["item"] for o in g_out], [o.item for o in summary.outstanding])
    record(
        "outstanding_deadline",
        [f"{o['item']}@{o.get('deadline')}" for o in g_out],
        [f"{o.item}@{o.deadline}" for o in summary.outstanding],
    )
    g_disc = gold.get("discipline") or {}
    gold_counts = [f"{k}={v}" for k, v in (g_disc.get("counts") or {}).items()]
    if g_disc.get("people") is not None:
        gold_counts.append(f"people={g_disc['people']}")
    found_counts = [f"{k}={v}" for k, v in summary.discipline.counts.items()]
    if summary.discipline.people is not None:
        found_counts.append(f"people={summary.discipline.people}")
    score = Score(
        tp=len(set(gold_counts) & set(found_counts)),
        fp=len(set(found_counts) - set(gold_counts)),
        fn=len(set(gold_counts) - set(found_counts)),
    )
    out.fields["discipline"] = score
    out.misses += [f"discipline {say('cli.eval.missed')}: {c}" for c in set(gold_counts) - set(found_counts)]
    out.misses += [f"discipline {say('cli.eval.extra')}: {c}" for c in set(found_counts) - set(gold_counts)]
    record("next_steps", gold.get("next_steps", []), [t.title or t.text for t in summary.next_steps])
    g_stated = {k: v for k, v in (gold.get("stated_counts") or {}).items() if isinstance(v, int | float)}
    f_stated = {k: v.value for k, v in summary.stated_counts.items() if k in g_stated}
    out.fields["stated_counts"] = Score(
        tp=sum(1 for k, v in g_stated.items() if f_stated.get(k) == v),
        fn=sum(1 for k, v in g_stated.items() if f_stated.get(k) != v),
        fp=sum(1 for k in summary.stated_counts if k in ("areas", "items", "problems") and k not in g_stated),
    )
    return out


def default_gold_dir() -> Path:
    """tests/gold under the current folder, else the checkout's own (so `summarise eval` runs anywhere)."""
    here = Path("tests/gold")
    return here if here.is_dir() else CHECKOUT / "tests" / "gold"


def seed_dirs(gold_dir: Path, seeds_dir: Path | None) -> list[Path]:
    """Where the reports a gold folder describes are looked for: --seeds alone when given, else a
    `seeds` folder beside the gold folder or one or two levels above it (tests/gold → seeds/), then
    the gold folder itself."""
    if seeds_dir is not None:
        return [Path(seeds_dir)]
    gold = Path(gold_dir).resolve()
    return [gold.parent / "seeds", gold.parent.parent / "seeds", gold]


def _find_seed(name: str, dirs: list[Path]) -> Path | None:
    return next((d / name for d in dirs if (d / name).is_file()), None)


def evaluate_dir(gold_dir: Path | None, seeds_dir: Path | None, settings: Settings) -> list[SeedScores]:
    gold_dir = default_gold_dir() if gold_dir is None else Path(gold_dir)
    gold_files = sorted(gold_dir.glob("*.json")) if gold_dir.is_dir() else []
    if not gold_files:
        raise UsageError(say("err.eval.no_gold", path=gold_dir))
    dirs = seed_dirs(gold_dir, seeds_dir)
    results = []
    for gold_file in gold_files:
        try:
            gold = json.loads(gold_file.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise UsageError(say("err.eval.bad_gold", path=gold_file, reason=exc)) from None
        if not isinstance(gold, dict):
            raise UsageError(say("err.eval.bad_gold", path=gold_file, reason=type(gold).__name__))
        name = str(gold.get("seed") or gold_file.stem + ".txt")
        seed = _find_seed(name, dirs)
        if seed is None:
            raise UsageError(say("err.eval.no_seed", gold=gold_file, seed=dirs[0] / name))
        results.append(score_summary(gold, summarise_path(seed, settings), seed.name))
    return results


def totals(results: list[SeedScores]) -> dict[str, Score]:
    total: dict[str, Score] = {}
    for result in results:
        for name, score in result.fields.items():
            total.setdefault(name, Score()).add(score)
    return total


def _cells(text: str, width: int, left: bool = False) -> str:
    """`text` padded to `width` terminal columns (a Chinese character takes two)."""
    used = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    pad = " " * max(0, width - used)
    return text + pad if left else pad + text


def render_scores(results: list[SeedScores], fmt: str = "text") -> str:
    total = totals(results)
    if fmt == "json":
        data = {
            "fields": {
                k: {"precision": v.precision, "recall": v.recall, "tp": v.tp, "fp": v.fp, "fn": v.fn}
                for k, v in total.items()
            },
            "seeds": {r.seed: r.misses for r in results},
        }
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    field, precision, recall = say("cli.eval.field"), say("cli.eval.precision"), say("cli.eval.recall")
    lines = [
        _cells(field, 26, left=True)
        + _cells(precision, 10)
        + _cells(recall, 9)
        + f"{'tp':>6}{'fp':>5}{'fn':>5}"
    ]
    for name, s in total.items():
        lines.append(f"{name:<26}{s.precision:>10.3f}{s.recall:>9.3f}{s.tp:>6}{s.fp:>5}{s.fn:>5}")
    for r in results:
        if r.misses:
            lines.append(f"\n{r.seed}:")
            lines += [f"  {m}" for m in r.misses]
    return "\n".join(lines) + "\n"
