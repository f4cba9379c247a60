"""Settings resolved once: CLI flags > SUMMARISE_* / OPENAI_* environment > defaults that need no network."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from .errors import ConfigError
from .i18n import Lang, parse_lang, say


def _env(*names: str) -> str | None:
    for name in names:
        value = os.environ.get(name)
        if value:
            return value
    return None


# The largest real notices are a few MB (a PDF with a scanned seal, a DOCX with photos); their text is
# well under 1 MB. 20 MB fits them many times over and keeps a run's memory to a few hundred MB.
DEFAULT_MAX_BYTES = 20_000_000
_SIZE = re.compile(r"(\d+(?:\.\d+)?)\s*(?:([kmg])(i?))?b?", re.I)
_POWER = {"k": 1, "m": 2, "g": 3}


def parse_size(value: str | int, what: str = "--max-bytes") -> int:
    """A byte count: 20000000, 20MB, 20M, 500k, 1GiB. 0 is refused (there is no "unlimited")."""
    if isinstance(value, int):
        size = value
    else:
        m = _SIZE.fullmatch(value.strip())
        if not m:
            raise ConfigError(say("err.set.size", origin=what, value=value))
        unit = (1024 if m.group(3) else 1000) ** _POWER[m.group(2).lower()] if m.group(2) else 1
        size = int(float(m.group(1)) * unit)
    if size <= 0:
        raise ConfigError(say("err.set.size_zero", origin=what))
    return size


def default_max_bytes() -> int:
    """SUMMARISE_MAX_BYTES, or the default: the input limit of a caller that passes none."""
    configured = _env("SUMMARISE_MAX_BYTES")
    return parse_size(configured, "SUMMARISE_MAX_BYTES") if configured else DEFAULT_MAX_BYTES


def size_text(size: int) -> str:
    """20000000 → '20 MB', 1500 → '1500 bytes': how messages name a limit."""
    if size >= 100_000:
        return say("err.size.mb", size=f"{size / 1_000_000:g}")
    return say("err.size.bytes", size=size)


def home() -> Path:
    """One directory for caches and state; tests point it at a temp folder."""
    configured = _env("SUMMARISE_HOME")
    if configured:
        return Path(configured)
    base = _env("XDG_CACHE_HOME")
    return (Path(base) if base else Path.home() / ".cache") / "summarise"


@dataclass(frozen=True)
class Settings:
    engine: str = "rules"
    # The interface language of messages, warnings, help and headers (--lang); None: the one in force
    # (i18n.current(), which the launcher sets from --lang or SUMMARISE_LANG).
    lang: Lang | None = None
    model: str | None = None
    base_url: str | None = None
    api_key: str | None = field(default=None, repr=False)  # never printed, logged or cached
    mode: str | None = None
    concurrency: int = 4
    rpm: int | None = None  # requests per minute at most (--rpm); None: only the provider's headers
    tpm: int | None = None  # tokens per minute at most (--tpm)
    timeout: float | None = None  # seconds to wait for one answer; None: sized to max_tokens (docs/llm.md)
    cache_dir: Path = field(default_factory=lambda: home() / "cache")
    dry_run: bool = False
    encoding: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES  # the largest input read, in bytes (--max-bytes)
    index: Path | None = None  # the index.sqlite `search` reads (--index, SUMMARISE_INDEX)

    # The LLM engine's tuning; see docs/llm.md.
    temperature: float = 0.0
    max_tokens: int = 8192
    chunk_tokens: int = 16000
    max_chunk_items: int = 64
    reasks: int = 1
    prices: Path | None = None
    no_cache: bool = False
    report_deadline: float = 600.0  # seconds from a report's first call; then its other chunks fall back
    down_after: int = 3  # transport failures in a row after which the endpoint is down for the run
    llm_overview: bool = True  # the LLM engine writes the overview (one more call a report); 0: the rules one

    @classmethod
    def resolve(cls, **flags: object) -> Settings:
        """Flags that are None fall back to the environment, then to the defaults above.

        Every setting is read here and nowhere else; a value that does not parse is a ConfigError
        naming the flag or variable it came from, never a traceback."""
        base = cls()
        values: dict[str, object] = {}
        for name, (names, parse) in _SOURCES.items():
            flag = flags.get(name)
            raw = flag if flag is not None else _env(*names)
            if raw is None:
                continue
            origin = f"--{name.replace('_', '-')}" if flag is not None else names[0]
            values[name] = parse(raw, origin)
        for name, flag in flags.items():
            if name not in _SOURCES and flag is not None:
                values[name] = flag
        return replace(base, **values)  # type: ignore[arg-type]


def _text(raw: object, origin: str) -> str:
    return str(raw)


def _whole(minimum: int) -> Callable[[object, str], int]:
    def parse(raw: object, origin: str) -> int:
        try:
            value = int(str(raw).strip())
        except ValueError:
            raise ConfigError(say("err.set.whole", origin=origin, value=raw)) from None
        if value < minimum:
            raise ConfigError(say("err.set.minimum", origin=origin, value=raw, minimum=minimum))
        return value

    return parse


def _number(raw: object, origin: str) -> float:
    try:
        value = float(str(raw).strip())
    except ValueError:
        raise ConfigError(say("err.set.number", origin=origin, value=raw)) from None
    if value < 0:
        raise ConfigError(say("err.set.negative", origin=origin, value=raw))
    return value


def _seconds(raw: object, origin: str) -> float:
    value = _number(raw, origin)
    if value == 0:
        raise ConfigError(say("err.set.seconds", origin=origin, value=raw))
    return value


def _path(raw: object, origin: str) -> Path:
    return Path(str(raw))


def _flag(raw: object, origin: str) -> bool:
    if isinstance(raw, bool):
        return raw
    text = str(raw).strip().lower()
    if text in ("1", "true", "yes", "on"):
        return True
    if text in ("0", "false", "no", "off", ""):
        return False
    raise ConfigError(say("err.set.flag", origin=origin, value=raw))


def _lang(raw: object, origin: str) -> Lang:
    lang = parse_lang(raw)
    if lang is None:
        raise ConfigError(say("lang.unknown", origin=origin, value=raw))
    return lang


def _size(raw: object, origin: str) -> int:
    return parse_size(raw if isinstance(raw, int) else str(raw), origin)


# setting → (environment variables, first wins; parser). Flags win over all of them.
_SOURCES: dict[str, tuple[tuple[str, ...], Callable[[object, str], object]]] = {
    "engine": (("SUMMARISE_ENGINE",), _text),
    "lang": (("SUMMARISE_LANG",), _lang),
    "model": (("SUMMARISE_MODEL",), _text),
    "base_url": (("SUMMARISE_BASE_URL", "OPENAI_BASE_URL"), _text),
    "api_key": (("SUMMARISE_API_KEY", "OPENAI_API_KEY"), _text),
    "mode": (("SUMMARISE_MODE",), _text),
    "concurrency": (("SUMMARISE_CONCURRENCY",), _whole(1)),
    "rpm": (("SUMMARISE_RPM",), _whole(1)),
    "tpm": (("SUMMARISE_TPM",), _whole(1)),
    "timeout": (("SUMMARISE_TIMEOUT",), _seconds),
    "cache_dir": (("SUMMARISE_CACHE_DIR",), _path),
    "max_bytes": (("SUMMARISE_MAX_BYTES",), _size),
    "index": (("SUMMARISE_INDEX",), _path),
    "temperature": (("SUMMARISE_TEMPERATURE",), _number),
    "max_tokens": (("SUMMARISE_MAX_TOKENS",), _whole(1)),
    "chunk_tokens": (("SUMMARISE_CHUNK_TOKENS",), _whole(100)),
    "max_chunk_items": (("SUMMARISE_MAX_CHUNK_ITEMS",), _whole(1)),
    "reasks": (("SUMMARISE_MAX_REASKS",), _whole(0)),
    "prices": (("SUMMARISE_PRICES",), _path),
    "no_cache": (("SUMMARISE_NO_CACHE",), _flag),
    "report_deadline": (("SUMMARISE_REPORT_DEADLINE",), _seconds),
    "down_after": (("SUMMARISE_DOWN_AFTER",), _whole(1)),
    "llm_overview": (("SUMMARISE_LLM_OVERVIEW",), _flag),
}
