"""LLM settings resolved once: endpoint, key, model, output mode and limits.

The CLI's Settings carry what every engine shares; the few knobs only this engine has (token limits,
chunk size, re-asks, price table) come from SUMMARISE_* variables here, so the CLI stays thin.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

from ..errors import ConfigError
from ..i18n import say
from ..settings import Settings

MODES = ("tools", "json", "json_schema")
# How long one call may take, when SUMMARISE_TIMEOUT does not say. Calls are not streamed, so nothing
# arrives until the whole answer is written: the read timeout must cover a model writing max_tokens at
# the slowest rate seen from hosted providers at busy hours (DeepSeek, Qwen and GLM run at 20-60
# tokens/s), after it has read the prompt (READ_FLOOR). 8192 max_tokens: 30 + 8192/20 = 440 s.
CONNECT_TIMEOUT = 10.0
READ_FLOOR = 30.0
SLOWEST_TOKENS_PER_SECOND = 20.0


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
    rpm: int | None = None
    tpm: int | None = None
    timeout: float | None = None  # SUMMARISE_TIMEOUT; None: sized to max_tokens (read_timeout)
    temperature: float = 0.0
    max_tokens: int = 8192
    chunk_tokens: int = 16000
    max_chunk_items: int = 64
    reasks: int = 1
    cache_dir: Path | None = None
    prices: Path | None = None
    dry_run: bool = False
    report_deadline: float = 600.0
    overview: bool = True  # one more call per report: the overview in the model's words (llm/overview.py)
    down_after: int = 3

    @property
    def read_timeout(self) -> float:
        """Seconds to wait for an answer: SUMMARISE_TIMEOUT, or long enough for max_tokens at the slowest rate."""
        if self.timeout is not None:
            return self.timeout
        return READ_FLOOR + self.max_tokens / SLOWEST_TOKENS_PER_SECOND

    @property
    def connect_timeout(self) -> float:
        return min(CONNECT_TIMEOUT, self.read_timeout)

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
            if base_url:
                check_base_url(base_url)
            if not base_url:
                raise ConfigError(say("llm.cfg.no_endpoint"))
            if not settings.api_key:
                raise ConfigError(say("llm.cfg.no_key", base_url=base_url))
        model = settings.model or (profile.model if profile else None)
        if not model:
            if not settings.dry_run:
                raise ConfigError(say("llm.cfg.no_model", base_url=base_url))
            model = say("llm.cfg.no_model_set")
        mode = (settings.mode or (profile.mode if profile else DEFAULT_MODE)).lower().replace("-", "_")
        if mode not in MODES:
            raise ConfigError(say("llm.cfg.mode", mode=settings.mode, choices=", ".join(MODES)))
        if settings.concurrency < 1:
            raise ConfigError(say("llm.cfg.concurrency"))
        return cls(
            base_url=base_url,
            model=model,
            mode=mode,
            api_key=settings.api_key or "",
            concurrency=settings.concurrency,
            rpm=settings.rpm,
            tpm=settings.tpm,
            timeout=settings.timeout,
            temperature=settings.temperature,
            max_tokens=settings.max_tokens,
            chunk_tokens=settings.chunk_tokens,
            max_chunk_items=settings.max_chunk_items,
            reasks=settings.reasks,
            cache_dir=None if settings.no_cache else settings.cache_dir / "llm",
            prices=settings.prices,
            dry_run=settings.dry_run,
            report_deadline=settings.report_deadline,
            overview=settings.llm_overview,
            down_after=settings.down_after,
        )


def check_base_url(base_url: str) -> None:
    """A malformed endpoint is a configuration error before any call, not 18 s of retries after one."""
    example = say("llm.cfg.url_example")
    parsed = urlparse(base_url)
    if parsed.scheme not in ("http", "https"):
        why = (
            say("llm.cfg.url_scheme", scheme=parsed.scheme)
            if "://" in base_url
            else say("llm.cfg.url_no_scheme")
        )
        raise ConfigError(say("llm.cfg.url_bad", base_url=base_url, why=why, example=example))
    try:
        parsed.port  # noqa: B018 - raises on a port that is not a number from 0 to 65535
    except ValueError:
        raise ConfigError(say("llm.cfg.url_port", base_url=base_url, example=example)) from None
    host = parsed.hostname or ""
    if not host or any(c.isspace() for c in base_url) or host.startswith(".") or ".." in host:
        raise ConfigError(say("llm.cfg.url_host", base_url=base_url, example=example))
