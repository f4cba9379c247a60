"""A local OpenAI-compatible server for recording cassettes and trying the LLM path without a key.

It is a real HTTP server on 127.0.0.1 answering POST /v1/chat/completions from hand-written answer
files (tests/llm/answers/*.yaml, written from the report text), in tools, JSON or json_schema mode,
and it can inject faults: 429 with Retry-After, 500, a slow answer, malformed JSON, a non-verbatim
quote, finish_reason=length, a moderation refusal (400 DataInspectionFailed or finish_reason=sensitive),
and 401.

    python -m tests.llm.stub_server --port 8765 [--latency 0.3]
    OPENAI_BASE_URL=http://127.0.0.1:8765/v1 OPENAI_API_KEY=dummy SUMMARISE_MODEL=stub-model \\
        summarise report seeds/000_644608b945203e47.txt --engine llm
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import yaml

from summarise.llm.chunking import label

ROOT = Path(__file__).resolve().parents[2]
ANSWERS = Path(__file__).resolve().parent / "answers"
# Each listed entry's id is tagged into the excerpt where its title begins: "1.[A1.2]关于…".
_ENTRY = re.compile(r"\[(?P<id>[AOUN]\d+(?:\.\d+)*)\](?P<label>[^\n]*)")
_FENCED = re.compile(r"<<<REPORT\n(?P<text>.*?)\nREPORT>>>", re.S)
FAULTS = (
    "rate_limit",
    "server_error",
    "slow",
    "malformed",
    "misquote",
    "length",
    "moderation",
    "sensitive",
    "auth",
    "lazy",
    "punctuate",
)


@dataclass
class Fault:
    """Applied to the next `times` requests that list entry `when` (any request when None)."""

    kind: str
    when: str | None = None
    times: int = 1
    retry_after: str = "2"
    delay: float = 1.0

    def __post_init__(self) -> None:
        if self.kind not in FAULTS:
            raise ValueError(f"unknown fault {self.kind!r}; one of {FAULTS}")


@dataclass
class Seen:
    path: str
    ids: list[str]
    attempt: int
    authorized: bool
    fault: str | None


@dataclass
class AnswerBook:
    """Hand-written answers, one file per report, keyed by the entry label the prompt lists."""

    books: list[tuple[str, dict[str, Any]]] = field(default_factory=list)  # (report text, answer file)

    @classmethod
    def load(cls, directory: Path = ANSWERS) -> AnswerBook:
        book = cls()
        for path in sorted(directory.glob("*.yaml")):
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            source = (ROOT / data["source"]).read_text(encoding="utf-8")
            book.books.append((source, data))
        return book

    def book_for(self, report_excerpt: str) -> dict[str, Any]:
        probe = re.sub(r"\[[AOUN]\d+(?:\.\d+)*\]", "", report_excerpt.split("\n……\n")[0])[:80]
        for source, data in self.books:
            if probe in source:
                return data
        raise LookupError(f"no answer file has a report containing {probe[:30]!r}")


def _compact(text: str) -> str:
    return "".join(text.split())


def answer_chunk(listed: list[tuple[str, str]], excerpt: str, data: dict[str, Any]) -> dict[str, Any]:
    """Entries by their label; `found` holds the answer file's new problems whose quote is in the excerpt."""
    entries = data.get("entries") or {}
    answered = []
    for entry_id, after in listed:
        key = _key_for(after, entries)
        if key is not None:
            answered.append(answer_item(entry_id, key, entries))
        elif data.get("other_entries") == "empty":
            answered.append(_empty(entry_id))
        else:
            answer_item(entry_id, after[:40], entries)  # raises, naming the entry with no answer
    here = _compact(excerpt)
    found = []
    for area in data.get("found") or []:
        items = [_found_item(i) for i in area["items"] if _compact(i["quote"]) in here]
        if items:
            found.append({"title": area.get("area"), "quote": area.get("area_quote") or "", "items": items})
    return {"entries": answered, "found": found}


def _key_for(after: str, entries: dict[str, Any]) -> str | None:
    """The answer whose entry title the tagged text begins with (the longest, when several do)."""
    text = _compact(after)
    hits = [k for k in entries if text.startswith(_compact(k))]
    if not hits:
        hits = [k for k in entries if text.startswith(_compact(label(k)).rstrip("…"))]
    if not hits:
        # Outstanding items are keyed by the matter itself: 关于[X]事项, 关于“[X]”的问题.
        hits = [k for k in entries if 0 <= text.find(_compact(k)) <= 3]
    return max(hits, key=len) if hits else None


def _empty(entry_id: str) -> dict[str, Any]:
    return {
        "id": entry_id,
        "summary": "",
        "quote": "",
        "status": "unknown",
        "status_quote": "",
        "measures": [],
        "figures": [],
    }


def _found_item(a: dict[str, Any]) -> dict[str, Any]:
    return {
        "title": a["title"],
        "quote": a["quote"],
        "summary": a.get("summary") or a["title"],
        "status": a.get("status") or "unknown",
        "status_quote": a.get("status_quote") or "",
        "measures": [
            dict(zip(("text", "status", "quote"), _cells(m, 3), strict=True)) for m in a.get("measures") or []
        ],
        "figures": [
            dict(zip(("label", "number", "quote"), _cells(f, 3), strict=True)) for f in a.get("figures") or []
        ],
    }


_PUNCTUATION = str.maketrans(
    {"“": '"', "”": '"', "，": "、", "：": ":", "；": ";", "（": "(", "）": ")", "‘": "'", "’": "'"}
)


def _repunctuate(node: Any) -> Any:
    """What some models do to quotes: straight quotes, 、 for ，, half-width colons and brackets."""
    if isinstance(node, dict):
        return {
            k: (
                v.translate(_PUNCTUATION)
                if k in ("quote", "status_quote") and isinstance(v, str)
                else _repunctuate(v)
            )
            for k, v in node.items()
        }
    if isinstance(node, list):
        return [_repunctuate(v) for v in node]
    return node


def answer_item(entry_id: str, label: str, entries: dict[str, Any]) -> dict[str, Any]:
    if label not in entries:
        raise LookupError(f"no hand-written answer for {entry_id} {label!r}")
    a = entries[label]
    return {
        "id": entry_id,
        "summary": a["summary"],
        "status": a["status"],
        "quote": a["quote"],
        "status_quote": a.get("status_quote") or "",
        "measures": [
            dict(zip(("text", "status", "quote"), _cells(m, 3), strict=True)) for m in a.get("measures") or []
        ],
        "figures": [
            dict(zip(("label", "number", "quote"), _cells(f, 3), strict=True)) for f in a.get("figures") or []
        ],
    }


def _cells(row: str, n: int) -> list[str]:
    """'text | status | quote': one line per measure or figure keeps the answer files short to write."""
    cells = [c.strip() for c in str(row).split(" | ")]
    if len(cells) != n:
        raise LookupError(f"answer row {row!r} needs {n} cells separated by ' | '")
    return cells


def _tokens(text: str) -> int:
    cjk = len(re.findall(r"[\u3000-\u9fff\uff00-\uffef]", text))
    return cjk + (len(text) - cjk + 3) // 4


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128  # socketserver's 5 resets connections when many calls start at once


class StubServer:
    def __init__(self, port: int = 0, *, latency: float = 0.0, book: AnswerBook | None = None) -> None:
        self.book = book or AnswerBook.load()
        self.latency = latency
        self.faults: list[Fault] = []
        self.seen: list[Seen] = []
        self.in_flight = 0
        self.max_in_flight = 0  # the most requests answered at once: shows the client's concurrency limit
        self._lock = threading.Lock()
        self._httpd = _Server(("127.0.0.1", port), _handler_for(self))
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        return int(self._httpd.server_address[1])

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def start(self) -> StubServer:
        self._thread = threading.Thread(target=self._httpd.serve_forever, name="llm-stub", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def inject(self, *faults: Fault) -> None:
        with self._lock:
            self.faults = list(faults)

    def reset(self) -> None:
        with self._lock:
            self.faults = []
            self.seen = []
            self.max_in_flight = 0

    # -- answering ---------------------------------------------------------------------------------

    def _take_fault(self, ids: list[str]) -> Fault | None:
        with self._lock:
            for fault in self.faults:
                if fault.times > 0 and (fault.when is None or fault.when in ids):
                    fault.times -= 1
                    return fault
        return None

    def respond(
        self, path: str, headers: dict[str, str], body: dict[str, Any]
    ) -> tuple[int, dict[str, str], bytes]:
        with self._lock:
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
        start = time.monotonic()
        try:
            answer = self._respond(path, headers, body)
            # A provider's latency is the time to its answer: the stub's own work is part of it.
            time.sleep(max(0.0, self.latency - (time.monotonic() - start)))
            return answer
        finally:
            with self._lock:
                self.in_flight -= 1

    def _respond(
        self, path: str, headers: dict[str, str], body: dict[str, Any]
    ) -> tuple[int, dict[str, str], bytes]:
        messages = body.get("messages", [])
        prompt = next(
            (m["content"] for m in messages if m.get("role") == "user" and "<<<REPORT" in m["content"]), ""
        )
        fenced = _FENCED.search(prompt)
        listed = [(m["id"], m["label"]) for m in _ENTRY.finditer(fenced.group("text"))] if fenced else []
        ids = [i for i, _ in listed]
        attempt = 1 + sum(1 for m in messages if m.get("role") == "assistant")
        fault = self._take_fault(ids)
        with self._lock:
            self.seen.append(
                Seen(path, ids, attempt, "authorization" in headers, fault.kind if fault else None)
            )
        if fault and fault.kind == "rate_limit":
            return _error(
                429,
                "Rate limit reached for requests",
                "rate_limit_exceeded",
                {"Retry-After": fault.retry_after},
            )
        if fault and fault.kind == "server_error":
            return _error(500, "The server had an error while processing your request.", "server_error")
        if fault and fault.kind == "auth":
            return _error(401, "Incorrect API key provided.", "invalid_api_key")
        if fault and fault.kind == "moderation":
            # What DashScope (Qwen) answers when its content check rejects the input.
            return _error(400, "Input data may contain inappropriate content.", "data_inspection_failed")
        if fault and fault.kind == "slow":
            time.sleep(fault.delay)
        if not path.endswith("/chat/completions") or fenced is None:
            return _error(404, f"stub: nothing to answer at {path}", "not_found")
        try:
            data = self.book.book_for(fenced.group("text"))
            answer = answer_chunk(listed, fenced.group("text"), data)
        except LookupError as exc:
            return _error(500, f"stub: {exc}", "stub_missing_answer")
        finish = "stop"
        if fault and fault.kind == "lazy":
            # Every entry "done" with nothing to show for it; nothing found.
            answer = {
                "entries": [{**_empty(i), "summary": "已完成整改", "status": "done"} for i, _ in listed],
                "found": [],
            }
        if fault and fault.kind == "punctuate":
            answer = _repunctuate(answer)
        if fault and fault.kind == "misquote":
            victim = next(i for i in answer["entries"] if fault.when in (None, i["id"]))
            target = victim["measures"][0] if victim["measures"] else victim
            target["quote"] = "据悉" + target["quote"][::-1]  # reversed: certainly not in the report
        text = json.dumps(answer, ensure_ascii=False)
        if fault and fault.kind == "malformed":
            text = text[: len(text) // 2]  # a JSON document that stops in the middle
        if fault and fault.kind == "length":
            text, finish = text[: len(text) // 3], "length"
        if fault and fault.kind == "sensitive":
            text, finish = "", "sensitive"
        return 200, {}, _completion(body, text, finish, messages)


def _error(
    status: int, message: str, code: str, headers: dict[str, str] | None = None
) -> tuple[int, dict[str, str], bytes]:
    payload = {"error": {"message": message, "type": code, "param": None, "code": code}}
    return status, headers or {}, json.dumps(payload).encode()


def _completion(body: dict[str, Any], text: str, finish: str, messages: list[dict[str, Any]]) -> bytes:
    model = str(body.get("model", "stub-model"))
    tools = body.get("tools")
    message: dict[str, Any] = {"role": "assistant", "content": text}
    if tools:
        name = tools[0]["function"]["name"]
        call = {"id": "call_stub", "type": "function", "function": {"name": name, "arguments": text}}
        message = {"role": "assistant", "content": None, "tool_calls": [call]}
    prompt_tokens = sum(_tokens(str(m.get("content") or "")) for m in messages)
    system = next((str(m.get("content")) for m in messages if m.get("role") == "system"), "")
    digest = hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()[:12]
    completion = {
        "id": f"chatcmpl-stub-{digest}",
        "object": "chat.completion",
        "created": 1_700_000_000,
        "model": f"{model}-20250101",  # the name the provider answers with, as real ones do
        "choices": [{"index": 0, "message": message, "finish_reason": finish, "logprobs": None}],
        "usage": {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": _tokens(text),
            "total_tokens": prompt_tokens + _tokens(text),
            # Pretend the provider caches the shared system prompt, as prefix caches do.
            "prompt_tokens_details": {"cached_tokens": _tokens(system)},
        },
    }
    return json.dumps(completion, ensure_ascii=False).encode()


def _handler_for(server: StubServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        # Headers and body go out in two writes; with Nagle's algorithm the body waits for a delayed
        # ACK (about 40 ms on loopback), which no real provider adds to its latency.
        disable_nagle_algorithm = True

        def do_POST(self) -> None:  # noqa: N802 - http.server's naming
            length = int(self.headers.get("content-length") or 0)
            try:
                body = json.loads(self.rfile.read(length) or b"{}")
            except ValueError:
                body = {}
            headers = {k.lower(): v for k, v in self.headers.items()}
            try:
                status, extra, payload = server.respond(self.path, headers, body)
            except Exception as exc:  # a bug in an answer file must reach the test as an error, not a hang
                status, extra, payload = _error(500, f"stub: {exc.__class__.__name__}: {exc}", "stub_error")
            try:
                self.send_response(status)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(payload)))
                for name, value in extra.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(payload)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (timeout test); nothing to tell it

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - http.server's signature
            pass

    return Handler


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--latency", type=float, default=0.0, help="seconds added to every answer")
    args = parser.parse_args()
    server = StubServer(args.port, latency=args.latency).start()
    print(f"stub OpenAI-compatible server on {server.base_url} (Ctrl-C to stop)", flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        server.stop()


if __name__ == "__main__":
    main()
