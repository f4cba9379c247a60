"""One side of a diff: a report file (summarised now) or a summary JSON written by `summarise report -f json`."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from pydantic import ValidationError

from .. import SCHEMA_VERSION
from ..archive.store import expand
from ..errors import InputError
from ..evidence import iter_evidence
from ..i18n import say
from ..ingest import read_capped, read_file, read_path
from ..models import ReportSummary
from ..settings import Settings


def load_side(spec: str, settings: Settings) -> ReportSummary:
    """`spec` is a path or '-' (stdin); JSON is recognised by a .json suffix or a leading '{'."""
    if spec == "-":
        data = read_capped(sys.stdin.buffer, "<stdin>", settings.max_bytes)
        if _looks_like_json(data):
            return parse_summary(data, "<stdin>")
        from ..api import summarise_document
        from ..ingest import from_bytes

        return summarise_document(from_bytes(data, name="<stdin>", encoding=settings.encoding), settings)
    path = Path(spec)
    if path.is_file() and (path.suffix.lower() == ".json" or _looks_like_json(_head(path))):
        # A summary from a bulk output folder has its text under texts/: expand puts it back.
        return parse_summary(expand(read_file(path, settings.max_bytes), path), str(path))
    from ..api import summarise_document

    # Missing files, directories and undecodable bytes are reported by the ordinary report path.
    return summarise_document(read_path(path, settings.encoding, settings.max_bytes), settings)


def _head(path: Path) -> bytes:
    try:
        with path.open("rb") as fh:
            return fh.read(64)
    except OSError:
        return b""


def _looks_like_json(data: bytes) -> bool:
    return data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"{"


def parse_summary(data: bytes, name: str) -> ReportSummary:
    try:
        raw = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise InputError(say("diff.load.not_utf8", name=name)) from exc
    except json.JSONDecodeError as exc:
        # The position, not the parser's English sentence.
        raise InputError(say("diff.load.not_json", name=name, line=exc.lineno, column=exc.colno)) from exc
    except RecursionError:
        raise InputError(say("diff.load.too_deep", name=name)) from None
    if not isinstance(raw, dict) or "source" not in raw or "meta" not in raw:
        raise InputError(say("diff.load.not_summary", name=name))
    version = str(raw.get("schema_version", ""))
    if version.split(".")[0] != SCHEMA_VERSION.split(".")[0]:
        raise InputError(say("diff.load.schema", name=name, version=version or "?", expected=SCHEMA_VERSION))
    try:
        summary = ReportSummary.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        # pydantic's error type (missing, int_parsing) names the fault in both languages.
        raise InputError(say("diff.load.invalid", name=name, where=where, kind=first["type"])) from exc
    _check_spans(summary, name)
    return summary


def _check_spans(summary: ReportSummary, name: str) -> None:
    """Every evidence span lies inside the source text: a span past its end would quote nothing, and the
    views and the figures compare would cut text that is not there. (An edited quote inside the text is
    a warning of the diff, `evidence_mismatch`.)"""
    n = len(summary.source.text)
    outside = [ev for ev in iter_evidence(summary) if ev.end < ev.start or ev.end > n]
    if outside:
        first = outside[0]
        raise InputError(
            say(
                "diff.load.spans",
                name=name,
                count=len(outside),
                chars=n,
                start=first.start,
                end=first.end,
            )
        )
