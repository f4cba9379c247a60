"""The Batch API route for an archive: submit every uncached chunk as batch JSONL, collect into the cache.

`submit` walks the archive as a bulk run would, asks the engine for each distinct chunk's call (the
messages and answer-cache key `LLMEngine._prepare` computes), renders the exact body the real-time
call would send (instructor's per-mode shaping included, captured without sending), and writes
`{"custom_id": KEY, "method": "POST", "url": "/v1/chat/completions", "body": ...}` lines under
OUT/batch/, one model per file, split at the providers' limits. Each file is uploaded through the Files
API and a batch is created for it; OUT/batch/state.json records every step as it is done (atomic
writes), so a run killed after an upload or a creation resumes with the recorded ids and pays nothing
twice.

`collect` polls the batches, downloads their output (and error) files, parses each answer with the
answer schema and stores the valid ones in the answer cache under their custom_id. Nothing else: the
ordinary bulk run that follows finds them there (grounding is checked when an answer is applied, as
for any cached answer), and an answer that is missing or invalid is simply asked live.
"""

from __future__ import annotations

import asyncio
import json
import re
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from .. import skeleton as skeleton_mod
from ..errors import ConfigError, SummariseError, UsageError
from ..fileio import write_atomic
from ..i18n import say
from ..ingest import read_path
from ..settings import Settings
from .engine import LLMEngine
from .schemas import ChunkAnswer

MAX_LINES = 50_000  # OpenAI, DashScope, Zhipu and Moonshot: requests per batch input file
MAX_BYTES = 200 * 1024 * 1024  # and bytes per file
ENDPOINT = "/v1/chat/completions"
WINDOW = "24h"
STATE = "state.json"
TERMINAL = ("completed", "failed", "expired", "cancelled")


@dataclass(frozen=True)
class Request:
    key: str  # the answer-cache key, sent as custom_id
    chunk: str
    body: dict[str, Any]

    def line(self) -> str:
        payload = {"custom_id": self.key, "method": "POST", "url": ENDPOINT, "body": self.body}
        return json.dumps(payload, ensure_ascii=False, separators=(",", ":")) + "\n"


class _Captured(Exception):
    pass


def request_body(engine: LLMEngine, messages: list[dict[str, str]]) -> dict[str, Any]:
    """The body the real-time call sends for these messages, shaped by instructor for the mode, unsent."""
    import instructor

    from .client import MODES, _drop_instructor_schema

    seen: list[dict[str, Any]] = []

    async def create(**kwargs: Any) -> Any:
        _drop_instructor_schema(kwargs)
        seen.append(kwargs)
        raise _Captured

    patched: Any = instructor.patch(create=create, mode=MODES[engine.config.mode])

    async def once() -> None:
        try:
            await patched(
                response_model=ChunkAnswer,
                messages=[dict(m) for m in messages],
                model=engine.config.model,
                max_retries=0,
                **engine.config.params,
            )
        except Exception:  # instructor wraps the capture in its own retry error
            if not seen:
                raise

    asyncio.run(once())
    return json.loads(json.dumps(seen[0], ensure_ascii=False))


def archive_requests(
    in_dir: Path, settings: Settings, patterns: Iterable[str] = (), exclude: Iterable[Path] = ()
) -> Iterator[Request]:
    """Every distinct chunk of the archive not already in the answer cache, in walk order."""
    from ..archive.walk import iter_reports

    engine = LLMEngine(settings)
    texts: set[str] = set()
    keys: set[str] = set()
    for found in iter_reports(in_dir, patterns, exclude):
        if found.error is not None:
            continue  # the bulk run records it as failed; nothing to ask
        try:
            doc = read_path(found.path, settings.encoding, settings.max_bytes)
        except SummariseError:
            continue
        if doc.sha256 in texts:
            continue  # a copy: bulk summarises it once
        texts.add(doc.sha256)
        for call in engine._calls(skeleton_mod.build(doc)):
            if call.key in keys or engine.cache.has(call.key):
                continue
            keys.add(call.key)
            yield Request(call.key, call.chunk.id, request_body(engine, call.messages))


def write_files(
    requests: Iterable[Request], directory: Path, *, max_lines: int = MAX_LINES, max_bytes: int = MAX_BYTES
) -> list[dict[str, Any]]:
    """Batch JSONL files, one model per file, each within max_lines and max_bytes; their state records."""
    directory.mkdir(parents=True, exist_ok=True)
    by_model: dict[str, list[str]] = {}
    for request in requests:
        by_model.setdefault(str(request.body.get("model")), []).append(request.line())
    records: list[dict[str, Any]] = []
    for model, lines in by_model.items():
        part: list[str] = []
        size = 0
        for line in [*lines, None]:
            width = len(line.encode("utf-8")) if line is not None else 0
            if part and (line is None or len(part) >= max_lines or size + width > max_bytes):
                name = f"requests-{len(records) + 1:04d}.jsonl"
                write_atomic(directory / name, "".join(part))
                records.append({"path": name, "model": model, "lines": len(part), "bytes": size})
                part, size = [], 0
            if line is not None:
                part.append(line)
                size += width
    return records


# -- state ----------------------------------------------------------------------------------------


def batch_dir(out_dir: Path) -> Path:
    return out_dir / "batch"


def load_state(out_dir: Path) -> dict[str, Any] | None:
    path = batch_dir(out_dir) / STATE
    if not path.is_file():
        return None
    state: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return state


def save_state(out_dir: Path, state: dict[str, Any]) -> None:
    write_atomic(batch_dir(out_dir) / STATE, json.dumps(state, ensure_ascii=False, indent=2) + "\n")


def _client(settings: Settings) -> Any:
    import openai

    engine_config = LLMEngine(settings).config
    if not engine_config.api_key:
        raise ConfigError(say("llm.batch.no_key"))
    return openai.OpenAI(base_url=engine_config.base_url, api_key=engine_config.api_key, max_retries=2)


def _upload(client: Any, path: Path) -> str:
    with path.open("rb") as handle:
        return str(client.files.create(file=(path.name, handle), purpose="batch").id)


def _create(client: Any, file_id: str) -> str:
    batch = client.batches.create(input_file_id=file_id, endpoint=ENDPOINT, completion_window=WINDOW)
    return str(batch.id)


@dataclass
class Submitted:
    files: int
    lines: int
    uploaded: int  # uploads made by this command (0 on a resume that found them done)
    created: int
    resumed: bool


def submit(
    in_dir: Path,
    out_dir: Path,
    settings: Settings,
    patterns: Iterable[str] = (),
    *,
    max_lines: int = MAX_LINES,
) -> Submitted:
    """Write, upload and create the batches, or go on with the ones a killed submit left half done."""
    if not in_dir.is_dir():
        raise UsageError(say("llm.batch.not_folder", path=in_dir))
    settings = replace(settings, engine="llm")
    config = LLMEngine(settings).config
    state = load_state(out_dir)
    resumed = state is not None and not all(f.get("collected") for f in state["files"])
    if state is not None and resumed:
        for name in ("base_url", "model", "mode"):
            if state[name] != getattr(config, name):
                raise UsageError(
                    say(
                        "llm.batch.other_settings",
                        path=batch_dir(out_dir),
                        name=name,
                        old=state[name],
                        new=getattr(config, name),
                    )
                )
    else:
        patterns = tuple(patterns)
        requests = archive_requests(in_dir, settings, patterns, exclude=[out_dir])
        files = write_files(requests, batch_dir(out_dir), max_lines=max_lines)
        state = {
            "in_dir": str(in_dir.resolve()),
            "patterns": list(patterns),
            "base_url": config.base_url,
            "model": config.model,
            "mode": config.mode,
            "files": files,
        }
        save_state(out_dir, state)
    uploaded = created = 0
    if state["files"]:
        client = _client(settings)
        for record in state["files"]:
            if not record.get("file_id"):
                record["file_id"] = _upload(client, batch_dir(out_dir) / record["path"])
                uploaded += 1
                save_state(out_dir, state)
            if not record.get("batch_id"):
                record["batch_id"] = _create(client, record["file_id"])
                created += 1
                save_state(out_dir, state)
    lines = sum(int(f["lines"]) for f in state["files"])
    return Submitted(len(state["files"]), lines, uploaded, created, resumed)


# -- collect --------------------------------------------------------------------------------------

_FENCE = re.compile(r"\{.*\}", re.S)


def parse_answer(body: dict[str, Any]) -> ChunkAnswer | None:
    """The answer in one batch response body, by the answer schema; None when it is not a valid one."""
    try:
        choice = body["choices"][0]
        if choice.get("finish_reason") not in ("stop", "tool_calls", None):
            return None  # cut short, moderated: asked again live
        message = choice["message"]
        calls = message.get("tool_calls") or []
        text = calls[0]["function"]["arguments"] if calls else message.get("content")
        if not isinstance(text, str):
            return None
        try:
            return ChunkAnswer.model_validate_json(text)
        except ValueError:
            found = _FENCE.search(text)  # a JSON object in prose or a ```json fence
            return ChunkAnswer.model_validate_json(found.group(0)) if found else None
    except (KeyError, IndexError, TypeError, ValueError):
        return None


@dataclass
class Collected:
    batches: int
    pending: int  # batches not finished yet
    cached: int  # answers stored in the cache by this command
    invalid: int  # answers that did not parse: left to the live run
    errors: int  # request lines the provider answered with an error


def collect(out_dir: Path, settings: Settings, *, wait: bool = True, poll: float = 10.0) -> Collected:
    """Poll every recorded batch; download and cache the answers of the finished ones."""
    state = load_state(out_dir)
    if state is None:
        raise UsageError(say("llm.batch.none", path=batch_dir(out_dir)))
    settings = replace(
        settings, engine="llm", base_url=state["base_url"], model=state["model"], mode=state["mode"]
    )
    engine = LLMEngine(settings)
    client = _client(settings)
    result = Collected(len(state["files"]), 0, 0, 0, 0)
    for record in state["files"]:
        if record.get("collected") or not record.get("batch_id"):
            continue
        while True:
            batch = client.batches.retrieve(record["batch_id"])
            record["status"] = str(batch.status)
            if record["status"] in TERMINAL or not wait:
                break
            time.sleep(poll)
        if record["status"] not in TERMINAL:
            result.pending += 1
            save_state(out_dir, state)
            continue
        record["output_file_id"] = getattr(batch, "output_file_id", None)
        record["error_file_id"] = getattr(batch, "error_file_id", None)
        if record["output_file_id"]:
            text = client.files.content(record["output_file_id"]).text
            for raw in text.splitlines():
                if not raw.strip():
                    continue
                line = json.loads(raw)
                key = str(line.get("custom_id"))
                response = line.get("response") or {}
                if response.get("status_code") != 200:
                    result.errors += 1
                    continue
                answer = parse_answer(response.get("body") or {})
                if answer is None:
                    result.invalid += 1
                    continue
                if not engine.cache.has(key):  # a download killed half way: the rest is stored now
                    engine.cache.put(
                        key,
                        {
                            "answer": answer.model_dump(mode="json"),
                            "model": (response.get("body") or {}).get("model"),
                            "chunk": None,
                            "requested_model": state["model"],
                            "batch": record["batch_id"],
                        },
                    )
                    result.cached += 1
        if record["error_file_id"]:
            text = client.files.content(record["error_file_id"]).text
            result.errors += sum(1 for raw in text.splitlines() if raw.strip())
        record["collected"] = True
        save_state(out_dir, state)
    return result
