"""The one way in, for the CLI, eval, diff, bulk and the library: parse once, fill, assemble, check.

    bytes → Document → skeleton (view, outline, entries) → rules fill (+ another engine's fill)
          → assemble (counts, reconciliation, field-level acceptance) → evidence check → ReportSummary

The rules engine always fills first: its values are the grounded base another engine may improve but
never erase.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from . import skeleton as skeleton_mod
from .assemble import assemble
from .engines import Engine, OverviewWriter, get_engine
from .errors import EngineError
from .evidence import check
from .fill import Fill
from .i18n import current, use_lang
from .ingest import Document, read_path
from .models import ReportSummary
from .overview import with_overview
from .rules import RulesEngine
from .settings import Settings
from .skeleton import Skeleton


class Pipeline:
    def __init__(self, settings: Settings | None = None, engine: Engine | None = None) -> None:
        self.settings = settings or Settings()
        self.rules = RulesEngine()
        chosen = engine if engine is not None else get_engine(self.settings)
        self.engine: Engine | None = None if isinstance(chosen, RulesEngine) else chosen

    @property
    def engine_name(self) -> str:
        return self.engine.name if self.engine is not None else self.rules.name

    def _base(self, doc: Document) -> tuple[Skeleton, Fill]:
        skeleton = skeleton_mod.build(doc)
        base = self.rules.fill(skeleton)
        if base.parts is not None:
            skeleton.stated = base.parts.stated
        return skeleton, base

    def summarise(self, doc: Document) -> ReportSummary:
        # Warnings are written in the run's language as they are made.
        with use_lang(self.settings.lang or current()):
            skeleton, base = self._base(doc)
            overlay = self.engine.fill(skeleton) if self.engine is not None else None
            summary = with_overview(assemble(skeleton, base, overlay))
            if isinstance(self.engine, OverviewWriter):
                summary = self.engine.overview(skeleton, summary)
            return _checked(summary)

    async def asummarise(self, doc: Document) -> ReportSummary:
        with use_lang(self.settings.lang or current()):
            # Parsing is CPU work: off the event loop, so that calls in flight for other reports go
            # on. to_thread copies the context, language included.
            skeleton, base = await asyncio.to_thread(self._base, doc)
            overlay = await self.engine.afill(skeleton) if self.engine is not None else None
            summary = with_overview(assemble(skeleton, base, overlay))
            if isinstance(self.engine, OverviewWriter):
                summary = await self.engine.aoverview(skeleton, summary)
            return _checked(summary)

    def summarise_path(self, path: str | Path) -> ReportSummary:
        return self.summarise(read_path(path, self.settings.encoding, self.settings.max_bytes))

    def close(self) -> None:
        if self.engine is not None:
            self.engine.close()

    async def aclose(self) -> None:
        if self.engine is not None:
            await self.engine.aclose()


def _checked(summary: ReportSummary) -> ReportSummary:
    """The one evidence check every summary passes through, whichever engine filled it."""
    broken = check(summary)
    if broken:
        # Evidence is built by construction; a broken span is a bug, never something to print.
        raise EngineError(f"internal error: {len(broken)} evidence quotes do not match the source")
    return summary


def summarise_document(doc: Document, settings: Settings | None = None) -> ReportSummary:
    pipeline = Pipeline(settings)
    try:
        return pipeline.summarise(doc)
    finally:
        pipeline.close()


def summarise_path(path: str | Path, settings: Settings | None = None) -> ReportSummary:
    settings = settings or Settings()
    return summarise_document(read_path(path, settings.encoding, settings.max_bytes), settings)
