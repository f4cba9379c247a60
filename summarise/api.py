"""The library entry points: a path or a Document in, a checked ReportSummary out."""

from __future__ import annotations

from pathlib import Path

from .engines import get_engine
from .errors import EngineError
from .evidence import check
from .ingest import Document, read_path
from .models import ReportSummary
from .settings import Settings


def summarise_document(doc: Document, settings: Settings | None = None) -> ReportSummary:
    settings = settings or Settings()
    summary = get_engine(settings).summarise(doc)
    broken = check(summary)
    if broken:
        # Evidence is built by construction; a broken span is a bug, never something to print.
        raise EngineError(f"internal error: {len(broken)} evidence quotes do not match the source")
    return summary


def summarise_path(path: str | Path, settings: Settings | None = None) -> ReportSummary:
    settings = settings or Settings()
    return summarise_document(read_path(path, encoding=settings.encoding), settings)
