"""`--dry-run`: what the LLM engine would send and what it would cost, for one report or an archive.

Nothing is called and no key is needed. The figures are the engine's own per-chunk estimate
(LLMEngine.estimate: the messages it would send, counted by usage.estimate_tokens) summed over the
chunks; a chunk already in the answer cache, or met earlier in the same archive, is a cache hit and
costs nothing. Cost comes from the price table (SUMMARISE_PRICES), at real-time and at Batch API
rates side by side; without a price for the model it is null, never a guess.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .. import skeleton as skeleton_mod
from ..errors import SummariseError
from ..i18n import say
from ..ingest import Document, read_path
from ..settings import Settings
from .engine import OVERVIEW_ROW, ChunkEstimate, LLMEngine, token_estimate
from .usage import Price, Usage, price_for

FORMATS = ("text", "json")


@dataclass
class Estimate:
    model: str
    mode: str
    price: Price | None
    files: int = 0  # files read
    texts: int = 0  # distinct texts among them (identical files are summarised once)
    unreadable: int = 0  # files that could not be read; a real run records them as failed
    chunks: int = 0
    calls: int = 0
    cache_hits: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    problems: list[str] = field(default_factory=list)  # "path: why" for the unreadable files

    def add(self, rows: Iterable[ChunkEstimate]) -> None:
        for row in rows:
            if row.chunk != OVERVIEW_ROW:  # the overview call is a call, not a chunk of the text
                self.chunks += 1
            if row.cached:
                self.cache_hits += 1
            else:
                self.calls += 1
                self.prompt_tokens += row.prompt_tokens
                self.completion_tokens += row.completion_tokens

    def cost(self, batch: bool = False) -> float | None:
        if self.price is None:
            return None
        price = self.price.batch() if batch else self.price
        return price.cost(Usage(prompt_tokens=self.prompt_tokens, completion_tokens=self.completion_tokens))

    def as_dict(self) -> dict[str, Any]:
        return {
            "estimated": True,
            "model": self.model,
            "mode": self.mode,
            "files": self.files,
            "distinct_texts": self.texts,
            "unreadable": self.unreadable,
            "chunks": self.chunks,
            "calls": self.calls,
            "cache_hits": self.cache_hits,
            "prompt_tokens": self.prompt_tokens,
            "completion_tokens": self.completion_tokens,
            "total_tokens": self.prompt_tokens + self.completion_tokens,
            "cost": {"real_time": self.cost(), "batch": self.cost(batch=True)},
            "currency": self.price.currency if self.price else None,
            "token_estimate": token_estimate(),
        }


def _engine(settings: Settings) -> LLMEngine:
    return LLMEngine(replace(settings, dry_run=True))


def _new(engine: LLMEngine) -> Estimate:
    config = engine.config
    return Estimate(model=config.model, mode=config.mode, price=price_for(engine.prices, config.model, []))


def chunk_rows(engine: LLMEngine, doc: Document, seen: set[str] | None = None) -> list[ChunkEstimate]:
    """The engine's estimate for one document, from the same skeleton the pipeline builds."""
    return engine.estimate(skeleton_mod.build(doc), seen)


def estimate_document(doc: Document, settings: Settings) -> Estimate:
    engine = _engine(settings)
    estimate = _new(engine)
    estimate.files = estimate.texts = 1
    estimate.add(chunk_rows(engine, doc))
    return estimate


def estimate_archive(
    in_dir: Path, settings: Settings, patterns: Iterable[str] = (), exclude: Iterable[Path] = ()
) -> Estimate:
    """The estimate over every report a bulk run would read; nothing is written anywhere."""
    from ..archive.walk import iter_reports

    engine = _engine(settings)
    estimate = _new(engine)
    texts: set[str] = set()
    seen: set[str] = set()
    for found in iter_reports(in_dir, patterns, exclude):
        if found.error is not None:
            estimate.unreadable += 1
            estimate.problems.append(f"{found.rel}: {found.error}")
            continue
        try:
            doc = read_path(found.path, settings.encoding, settings.max_bytes)
        except SummariseError as exc:
            estimate.unreadable += 1
            estimate.problems.append(f"{found.rel}: {exc}")
            continue
        estimate.files += 1
        if doc.sha256 in texts:
            continue  # a copy: bulk summarises it once
        texts.add(doc.sha256)
        estimate.add(chunk_rows(engine, doc, seen))
    estimate.texts = len(texts)
    return estimate


def render(estimate: Estimate, fmt: str, *, archive: bool) -> str:
    if fmt == "json":
        return json.dumps(estimate.as_dict(), ensure_ascii=False, indent=2) + "\n"
    rows: list[tuple[str, str]] = []
    if archive:
        rows += [
            (say("llm.est.files"), f"{estimate.files:,}"),
            (say("llm.est.texts"), f"{estimate.texts:,}"),
        ]
        if estimate.unreadable:
            rows.append((say("llm.est.unreadable"), f"{estimate.unreadable:,}"))
    rows += [
        (say("llm.est.chunks"), f"{estimate.chunks:,}"),
        (say("llm.est.calls"), f"{estimate.calls:,}"),
        (say("llm.est.cache_hits"), f"{estimate.cache_hits:,}"),
        (say("llm.est.prompt_tokens"), f"{estimate.prompt_tokens:,}"),
        (say("llm.est.completion_tokens"), f"{estimate.completion_tokens:,}"),
    ]
    cost = say("llm.est.cost")
    width = max(_width(name) for name, _ in [*rows, (cost + " (XXX)", "")])
    lines = [say("llm.est.title", model=estimate.model, mode=estimate.mode)]
    lines += [f"  {_pad(name, width)}  {value:>14}" for name, value in rows]
    real, batch = estimate.cost(), estimate.cost(batch=True)
    if real is None or batch is None or estimate.price is None:
        lines.append(f"  {_pad(cost, width)}  {say('llm.est.no_price', model=estimate.model)}")
    else:
        currency = estimate.price.currency
        lines.append(
            f"  {_pad('', width)}  {_pad(say('llm.est.real_time'), 14, right=True)}  "
            f"{_pad(say('llm.est.batch'), 14, right=True)}"
        )
        lines.append(f"  {_pad(f'{cost} ({currency})', width)}  {real:>14,.4f}  {batch:>14,.4f}")
    lines.append("  " + say("llm.est.how", how=token_estimate()))
    return "\n".join(lines) + "\n"


def _width(text: str) -> int:
    """Columns on a terminal: a Chinese character takes two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int, *, right: bool = False) -> str:
    gap = " " * max(0, width - _width(text))
    return gap + text if right else text + gap
