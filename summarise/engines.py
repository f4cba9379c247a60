"""The engine seam: one Protocol, the rules engine built in, the LLM engine loaded only when asked for."""

from __future__ import annotations

from typing import Protocol

from .errors import UsageError
from .ingest import Document
from .models import ReportSummary
from .settings import Settings

ENGINES = ("rules", "llm")


class Engine(Protocol):
    name: str

    def summarise(self, doc: Document) -> ReportSummary: ...


def get_engine(settings: Settings) -> Engine:
    if settings.engine == "rules":
        from .rules import RulesEngine

        return RulesEngine()
    if settings.engine == "llm":
        try:
            from .llm import LLMEngine  # openai/instructor are imported only on this path
        except ImportError as exc:  # pragma: no cover - depends on the install
            raise UsageError(f"the llm engine is not available in this install ({exc})") from exc
        return LLMEngine(settings)
    raise UsageError(f"unknown engine {settings.engine!r}; choose one of: {', '.join(ENGINES)}")
