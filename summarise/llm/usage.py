"""Tokens and cost, counted across every attempt (retries and re-asks included), per report.

Prices are optional: a TOML table given by SUMMARISE_PRICES, per million tokens, e.g.

    [models."deepseek-chat"]
    input = 0.27
    cached_input = 0.07
    output = 1.10
    currency = "USD"
    # batch_input / batch_output: Batch API rates, when not half the real-time ones

No prices ship with the tool because they change; without a table the cost is null, never a guess.
"""

from __future__ import annotations

import math
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from ..i18n import say

_CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")


def estimate_tokens(text: str) -> int:
    """A character-based estimate: one token per CJK character, one per four other characters.

    Tokenizers of the models in use (cl100k/o200k, DeepSeek, Qwen) give 0.6-1.3 tokens per Chinese
    character; one per character is the middle of that range and needs no tokenizer download.
    """
    cjk = len(_CJK.findall(text))
    return cjk + math.ceil((len(text) - cjk) / 4)


@dataclass
class Usage:
    calls: int = 0  # chunks sent to the model (cache misses)
    cache_hits: int = 0
    http_requests: int = 0
    retries: int = 0  # transport retries
    reasks: int = 0  # validation re-asks
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cached_tokens: int = 0
    models: list[str] = field(default_factory=list)  # what the provider says answered
    fallbacks: list[str] = field(default_factory=list)  # chunk ids answered by the rules engine

    def add_response(self, usage: Any, model: str | None) -> None:
        if model and model not in self.models:
            self.models.append(model)
        if usage is None:
            return
        self.prompt_tokens += int(getattr(usage, "prompt_tokens", 0) or 0)
        self.completion_tokens += int(getattr(usage, "completion_tokens", 0) or 0)
        details = getattr(usage, "prompt_tokens_details", None)
        cached = getattr(details, "cached_tokens", None) if details is not None else None
        # DeepSeek reports its context cache as prompt_cache_hit_tokens at the top level.
        cached = cached if cached is not None else getattr(usage, "prompt_cache_hit_tokens", None)
        self.cached_tokens += int(cached or 0)

    def as_dict(self, cost: float | None, currency: str | None) -> dict[str, Any]:
        return {
            "calls": self.calls,
            "cache_hits": self.cache_hits,
            "http_requests": self.http_requests,
            "retries": self.retries,
            "reasks": self.reasks,
            "prompt_tokens": self.prompt_tokens,
            "completion_tokens": self.completion_tokens,
            "cached_tokens": self.cached_tokens,
            "total_tokens": self.prompt_tokens + self.completion_tokens,
            "models_answered": list(self.models),
            "fallback_chunks": list(self.fallbacks),
            "cost": cost,
            "currency": currency,
        }


BATCH_SHARE = 0.5  # what the providers' Batch APIs (OpenAI, DashScope, Zhipu, Moonshot) charge


@dataclass(frozen=True)
class Price:
    input: float
    output: float
    cached_input: float | None = None
    currency: str = "USD"
    # Batch API rates; unset, they are BATCH_SHARE of the real-time ones.
    batch_input: float | None = None
    batch_output: float | None = None

    def batch(self) -> Price:
        """The same model's prices through a Batch API."""
        return Price(
            input=self.batch_input if self.batch_input is not None else self.input * BATCH_SHARE,
            output=self.batch_output if self.batch_output is not None else self.output * BATCH_SHARE,
            cached_input=None if self.cached_input is None else self.cached_input * BATCH_SHARE,
            currency=self.currency,
        )

    def cost(self, usage: Usage) -> float:
        cached = min(usage.cached_tokens, usage.prompt_tokens)
        cached_rate = self.cached_input if self.cached_input is not None else self.input
        total = (
            (usage.prompt_tokens - cached) * self.input
            + cached * cached_rate
            + usage.completion_tokens * self.output
        )
        return round(total / 1_000_000, 6)


def load_prices(path: Path | None) -> dict[str, Price]:
    if path is None:
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        return {name: Price(**row) for name, row in data.get("models", {}).items()}
    except (OSError, tomllib.TOMLDecodeError, TypeError) as exc:
        raise ConfigError(say("llm.cfg.prices", path=path, error=exc)) from exc


def price_for(prices: dict[str, Price], model: str, answered: list[str]) -> Price | None:
    for name in [*answered, model]:
        if name in prices:
            return prices[name]
    return None


def format_usage(usage: dict[str, Any]) -> str:
    """One line for stderr, e.g. `llm: 5 calls (0 cached), 12,345 tokens in + 2,345 out, 0 retries, cost 0.0041 USD`."""
    if usage.get("estimated"):
        return say(
            "llm.usage.dry_run",
            calls=usage.get("calls", 0),
            cached=usage.get("cache_hits", 0),
            tokens_in=usage.get("prompt_tokens", 0),
            tokens_out=usage.get("completion_tokens", 0),
        )
    cost = usage.get("cost")
    money = (
        say("llm.usage.money", cost=cost, currency=usage.get("currency") or "").rstrip()
        if cost is not None
        else ""
    )
    return say(
        "llm.usage.line",
        models=", ".join(usage.get("models_answered") or []) or say("llm.usage.no_model"),
        calls=usage.get("calls", 0),
        cached=usage.get("cache_hits", 0),
        http=usage.get("http_requests", 0),
        tokens_in=usage.get("prompt_tokens", 0),
        cached_tokens=usage.get("cached_tokens", 0),
        tokens_out=usage.get("completion_tokens", 0),
        retries=usage.get("retries", 0),
        reasks=usage.get("reasks", 0),
        money=money,
    )
