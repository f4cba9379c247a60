"""The content address of a summary: the input's SHA-256 plus a fingerprint of the engine configuration.

A summary is reused only when both match. The fingerprint holds what changes the output (engine, model,
endpoint, output mode, forced encoding, schema version), never the API key, which changes nothing in
the output and must never be written to disk.
"""

from __future__ import annotations

import hashlib
import json

from .. import SCHEMA_VERSION, __version__
from ..settings import Settings


def engine_config(settings: Settings) -> dict[str, str | None]:
    config: dict[str, str | None] = {
        "engine": settings.engine,
        "model": settings.model,
        "base_url": settings.base_url,
        "mode": settings.mode,
        "encoding": settings.encoding,
        "schema": SCHEMA_VERSION,
    }
    if settings.engine == "rules":
        # Rules reruns cost milliseconds, so a new release re-summarises the archive with its better
        # parser. LLM reruns cost money, so a release alone does not invalidate them (--force does).
        config["version"] = __version__
    return config


def engine_key(settings: Settings) -> str:
    blob = json.dumps(engine_config(settings), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]
