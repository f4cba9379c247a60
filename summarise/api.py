"""The library entry points: a path or a Document in, a checked ReportSummary out."""

from __future__ import annotations

from .pipeline import Pipeline, summarise_document, summarise_path

__all__ = ["Pipeline", "summarise_document", "summarise_path"]
