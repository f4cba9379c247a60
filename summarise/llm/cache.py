"""Answers cached on disk, keyed by what determines them, so a second run makes no HTTP request.

The key hashes the rendered messages (the chunk text and the prompt templates with their versions are
in them), the answer schema, the endpoint, the model, the output mode and the sampling parameters. The
API key is never part of a key or an entry. Entries are written atomically; an unreadable entry is a
miss, never an error.
"""

from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path
from typing import Any

from ..fileio import write_atomic
from ..i18n import say

log = logging.getLogger("summarise.llm")
CACHE_FORMAT = 1


def cache_key(
    *,
    messages: list[dict[str, str]],
    schema: str,
    base_url: str,
    model: str,
    mode: str,
    params: dict[str, float | int],
) -> str:
    material = {
        "format": CACHE_FORMAT,
        "schema": schema,
        "base_url": base_url,
        "model": model,
        "mode": mode,
        "params": params,
        "messages": messages,
    }
    blob = json.dumps(material, sort_keys=True, ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(blob).hexdigest()


class AnswerCache:
    def __init__(self, directory: Path | None) -> None:
        self.directory = directory

    def _path(self, key: str) -> Path | None:
        return self.directory / key[:2] / f"{key}.json" if self.directory else None

    def has(self, key: str) -> bool:
        path = self._path(key)
        return bool(path and path.is_file())

    def get(self, key: str) -> dict[str, Any] | None:
        path = self._path(key)
        if path is None or not path.is_file():
            return None
        try:
            entry = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            log.warning("%s", say("llm.log.cache_unreadable", name=path.name, error=exc))
            return None
        return entry if isinstance(entry, dict) and "answer" in entry else None

    def put(self, key: str, entry: dict[str, Any]) -> None:
        path = self._path(key)
        if path is None:
            return
        try:
            write_atomic(path, json.dumps(entry, ensure_ascii=False, separators=(",", ":")))
        except OSError as exc:  # a full or read-only disk costs money on the next run, not this one
            log.warning("%s", say("llm.log.cache_unwritable", path=path, error=exc))
