"""Settings resolved once: CLI flags > SUMMARISE_* / OPENAI_* environment > defaults that need no network."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path


def _env(*names: str) -> str | None:
    for name in names:
        value = os.environ.get(name)
        if value:
            return value
    return None


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
    model: str | None = None
    base_url: str | None = None
    api_key: str | None = field(default=None, repr=False)  # never printed, logged or cached
    mode: str | None = None
    concurrency: int = 4
    timeout: float = 60.0
    cache_dir: Path = field(default_factory=lambda: home() / "cache")
    dry_run: bool = False
    encoding: str | None = None

    @classmethod
    def resolve(cls, **flags: object) -> Settings:
        """Flags that are None fall back to the environment, then to the defaults above."""
        env = {
            "engine": _env("SUMMARISE_ENGINE"),
            "model": _env("SUMMARISE_MODEL"),
            "base_url": _env("SUMMARISE_BASE_URL", "OPENAI_BASE_URL"),
            "api_key": _env("SUMMARISE_API_KEY", "OPENAI_API_KEY"),
            "mode": _env("SUMMARISE_MODE"),
            "concurrency": _env("SUMMARISE_CONCURRENCY"),
            "timeout": _env("SUMMARISE_TIMEOUT"),
            "cache_dir": _env("SUMMARISE_CACHE_DIR"),
        }
        base = cls()
        values: dict[str, object] = {}
        for name in base.__dataclass_fields__:
            flag = flags.get(name)
            value = flag if flag is not None else env.get(name)
            if value is None:
                continue
            if name == "concurrency":
                value = int(value)  # type: ignore[call-overload]
            elif name == "timeout":
                value = float(value)  # type: ignore[arg-type]
            elif name == "cache_dir":
                value = Path(value)  # type: ignore[arg-type]
            values[name] = value
        return replace(base, **values)  # type: ignore[arg-type]
