"""Bulk summarisation of an archive: walk a folder, summarise each report once, index the results.

Typer-free: `summarise.cli_bulk` parses flags and calls `run_bulk` and `search`; tests and scripts
can call them directly.
"""

from __future__ import annotations

from .runner import BulkOptions, run_bulk
from .search import Hit, SearchResult, search
from .tally import Tally

__all__ = ["BulkOptions", "Hit", "SearchResult", "Tally", "run_bulk", "search"]
