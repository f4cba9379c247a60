"""The engine seam: one Protocol, the rules engine built in, the LLM engine loaded only when asked for."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from .errors import UsageError
from .fill import Fill
from .i18n import say
from .models import ReportSummary
from .settings import Settings
from .skeleton import Skeleton

ENGINES = ("rules", "llm")


class Engine(Protocol):
    """Fills a skeleton. Engines read only the skeleton; they never build the summary themselves."""

    name: str

    def fill(self, skeleton: Skeleton) -> Fill: ...

    async def afill(self, skeleton: Skeleton) -> Fill:
        """For many reports in one event loop (bulk): their calls share one concurrency limit."""
        ...

    def close(self) -> None: ...

    async def aclose(self) -> None:
        """Close what afill opened in the running event loop."""
        ...


@runtime_checkable
class OverviewWriter(Protocol):
    """An engine that writes the overview itself, over the summary the pipeline assembled."""

    def overview(self, skeleton: Skeleton, summary: ReportSummary) -> ReportSummary: ...

    async def aoverview(self, skeleton: Skeleton, summary: ReportSummary) -> ReportSummary: ...


def get_engine(settings: Settings) -> Engine:
    if settings.engine == "rules":
        from .rules import RulesEngine

        return RulesEngine()
    if settings.engine == "llm":
        try:
            from .llm import LLMEngine  # openai/instructor are imported only on this path
        except ImportError as exc:  # pragma: no cover - depends on the install
            raise UsageError(say("err.engine.unavailable", error=exc)) from exc
        return LLMEngine(settings)
    raise UsageError(say("err.engine.unknown", engine=settings.engine, choices=", ".join(ENGINES)))
