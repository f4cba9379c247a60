"""`summarise diff OLD NEW`: what recurs, what is new, which outstanding items closed, which figures moved.

The core is typer-free: `diff_summaries(old, new)` takes two ReportSummary objects and returns a
DiffResult; `load_side` turns a path (report or summary JSON) into a ReportSummary.
"""

from __future__ import annotations

from .compare import diff_summaries
from .models import DiffOptions, DiffResult

__all__ = ["DiffOptions", "DiffResult", "diff_summaries"]
