"""LLM settings resolved once: endpoint, key, model, output mode and limits.

The CLI's Settings carry what every engine shares; the few knobs only this engine has (token limits,
chunk size, re-asks, price table) come from SUMMARISE_* variables here, so the CLI stays thin.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

from ..errors import ConfigError
from ..settings import Settings

MODES = ("tools", "json", "json_schema")


@dataclass(frozen=True)
class Profile:
    """What we know about an endpoint family: the output mode it supports best and a default model."""

    hosts: tuple[str, ...]
    mode: str
    model: str | None


# Many Chinese providers offer JSON mode only (no tools, no json_schema), so JSON is the default for
# anything not known to do better; OpenAI itself does function calling reliably.
PROFILES: tuple[Profile, ...] = (
    Profile(("api.openai.com",), "tools", "gpt-4o-mini"),
    Profile(("api.deepseek.com",), "json", "deepseek-chat"),
    Profile(("dashscope.aliyuncs.com", "dashscope-intl.aliyuncs.com"), "json", "qwen-plus"),
    Profile(("api.moonshot.cn", "api.moonshot.ai"), "json", "moonshot-v1-32k"),
    Profile(("open.bigmodel.cn",), "json", "glm-4-flash"),
)
DEFAULT_MODE = "json"


def profile_for(base_url: str) -> Profile | None:
    host = (urlparse(base_url).hostname or "").lower()
    for profile in PROFILES:
        if any(host == h or host.endswith("." + h) for h in profile.hosts):
            return profile
    return None


@dataclass(frozen=True)
class LLMConfig:
    base_url: str
    model: str
    mode: str
    api_key: str = field(repr=False)  # never printed, logged, cached or recorded
    concurrency: int = 4
    timeout: float = 60.0
    temperature: float = 0.0
    max_tokens: int = 8192
    chunk_tokens: int = 16000
    max_chunk_items: int = 64
    reasks: int = 1
    cache_dir: Path | None = None
    prices: Path | None = None
    dry_run: bool = False

    @property
    def params(self) -> dict[str, float | int]:
        """Sampling parameters sent with every call; part of the cache key."""
        return {"temperature": self.temperature, "max_tokens": self.max_tokens}

    @classmethod
    def from_settings(cls, settings: Settings) -> LLMConfig:
        """Resolve and check; a dry run needs no key and no endpoint because it calls nothing."""
        base_url = (settings.base_url or "").rstrip("/")
        profile = profile_for(base_url) if base_url else None
        if not settings.dry_run:
            if not base_url:
                raise ConfigError(
                    "the llm engine needs an OpenAI-compatible endpoint: set OPENAI_BASE_URL or pass --base-url "
                    "(e.g. https://api.openai.com/v1, https://api.deepseek.com/v1); --engine rules needs none"
                )
            if not settings.api_key:
                raise ConfigError(
                    f"the llm engine needs an API key for {base_url}: set OPENAI_API_KEY or SUMMARISE_API_KEY; "
                    "--engine rules needs none"
                )
        model = settings.model or (profile.model if profile else None)
        if not model:
            if not settings.dry_run:
                raise ConfigError(
                    f"no default model is known for {base_url}: pass --model or set SUMMARISE_MODEL"
                )
            model = "(no model set)"
        mode = (settings.mode or (profile.mode if profile else DEFAULT_MODE)).lower().replace("-", "_")
        if mode not in MODES:
            raise ConfigError(f"unknown --mode {settings.mode!r}; choose one of: {', '.join(MODES)}")
        if settings.concurrency < 1:
            raise ConfigError("--concurrency must be at least 1")
        return cls(
            base_url=base_url,
            model=model,
            mode=mode,
            api_key=settings.api_key or "",
            concurrency=settings.concurrency,
            timeout=settings.timeout,
            temperature=settings.temperature,
            max_tokens=settings.max_tokens,
            chunk_tokens=settings.chunk_tokens,
            max_chunk_items=settings.max_chunk_items,
            reasks=settings.reasks,
            cache_dir=None if settings.no_cache else settings.cache_dir / "llm",
            prices=settings.prices,
            dry_run=settings.dry_run,
        )
