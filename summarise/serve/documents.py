"""The documents the app shows whole: a report's HTML view and the diff of two reports.

Both are the tool's own views (render/html.py, diff/html.py), served as they are inside a frame of the
app's page, so the web app and `summarise report -f html` / `summarise diff -f html` never drift apart.
Each view declares its own Content-Security-Policy in a <meta> at the top of its <head>; the app sends
the same policy as a header (the browser enforces both), adding only that the page may be framed by
the app itself.
"""

from __future__ import annotations

import html
import re
import threading
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import Generic, TypeVar

from ..diff import DiffResult, diff_summaries
from ..errors import InputError
from ..models import ReportSummary

K = TypeVar("K")
V = TypeVar("V")

_META_CSP = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', re.IGNORECASE)
FALLBACK_CSP = "default-src 'none'"


class Lru(Generic[K, V]):
    """A small thread-safe least-recently-used cache (a summary is parsed once, a diff made once)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._data: OrderedDict[K, V] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: K, make: Callable[[], V]) -> V:
        with self._lock:
            if key in self._data:
                self._data.move_to_end(key)
                return self._data[key]
        value = make()
        with self._lock:
            self._data[key] = value
            while len(self._data) > self.size:
                self._data.popitem(last=False)
        return value


class Documents:
    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir.resolve()
        self._summaries: Lru[str, ReportSummary] = Lru(64)
        self._diffs: Lru[tuple[str, str], DiffResult] = Lru(256)

    def summary(self, sha256: str, json_path: str) -> ReportSummary:
        return self._summaries.get(sha256, lambda: self._load(json_path))

    def inside(self, rel: str) -> Path:
        """A path the index names, which must stay inside the folder (it never comes from the URL)."""
        path = (self.out_dir / rel).resolve()
        if not path.is_relative_to(self.out_dir) or not path.is_file():
            raise InputError(rel)
        return path

    def _load(self, json_path: str) -> ReportSummary:
        from ..archive.store import load_summary  # the archive's loader: it puts the source text back

        return load_summary(self.inside(json_path))

    def diff(self, old: tuple[str, str], new: tuple[str, str], stored: str | None = None) -> DiffResult:
        """`old`, `new`: (sha256, json_path); `stored`: the diff `summarise rounds` kept for the pair,
        read instead of computed (a diff costs about 0.1 s, a unit page must not)."""

        def make() -> DiffResult:
            if stored is not None:
                try:
                    return DiffResult.model_validate_json(self.inside(stored).read_bytes())
                except (InputError, OSError, ValueError):
                    pass  # gone or from another release: made again below, as a diff always can be
            return diff_summaries(self.summary(*old), self.summary(*new))

        return self._diffs.get((old[0], new[0]), make)


def current_diff_version() -> str | None:
    """The version stored diffs must carry to be read rather than made again (None: take any)."""
    try:
        from ..archive.rounds import diff_version
    except ImportError:  # pragma: no cover - an install without rounds
        return None
    return diff_version()


def page_policy(page: str) -> str:
    """The Content-Security-Policy a view declares for itself, for the response header.

    Only the <head> before any report text is read, so text in the report cannot add a policy; a
    view without one (or with one that does not forbid everything by default) gets the strictest.
    """
    head = page[: page.find("<title")] if "<title" in page else page[:2000]
    found = _META_CSP.search(head)
    policy = html.unescape(found.group(1)) if found else ""
    if not policy.replace(" ", "").startswith("default-src'none'"):
        policy = FALLBACK_CSP
    return policy.rstrip("; ") + "; frame-ancestors 'self'"


_EV_LINK = re.compile(r'<a class="ev[^"]*" id="(ev\d+)" href="#o\d+" data-s="(\d+)" data-e="(\d+)"')


def anchor_for(page: str, start: int, end: int) -> str | None:
    """The id of the view's link to the evidence span start–end, so a search hit opens on its item."""
    best: tuple[int, str] | None = None
    for m in _EV_LINK.finditer(page):
        s, e = int(m.group(2)), int(m.group(3))
        if s == start and e == end:
            return m.group(1)
        if s <= start and end <= e and (best is None or e - s < best[0]):
            best = (e - s, m.group(1))
    return best[1] if best else None
