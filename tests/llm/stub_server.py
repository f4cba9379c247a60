"""A local OpenAI-compatible server for recording cassettes and trying the LLM path without a key.

It is a real HTTP server on 127.0.0.1 answering POST /v1/chat/completions from hand-written answer
files (tests/llm/answers/*.yaml, written from the report text), in tools, JSON or json_schema mode,
and it can inject faults: 429 with Retry-After, 500, a slow answer, malformed JSON, a non-verbatim
quote, finish_reason=length, a moderation refusal (400 DataInspectionFailed or finish_reason=sensitive),
and 401; the providers' own failures, with the status and body each one sends (PROVIDER_ERRORS:
DeepSeek's moderation, balance and max_tokens errors, DashScope's arrears, Zhipu's unsafe-content
and balance codes, OpenAI's quota and request-shape errors); a context limit (`context_length`:
every request whose prompt is over `context` tokens is refused, in OpenAI's words); and an endpoint
that accepts the connection, reads the request and never answers (`hang`) or closes it (`drop`).

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
FAULTS: tuple[str, ...] = (
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
    "context_length",
    "hang",
    "drop",
    "refusal",
)
# What each provider answers, status and body, as its documentation and its users' reports show it.
PROVIDER_ERRORS: dict[str, tuple[int, dict[str, Any] | str]] = {
    # DeepSeek (api.deepseek.com): its content check on the input, an empty balance, a max_tokens limit.
    "deepseek_risk": (
        400,
        {
            "error": {
                "message": "Content Exists Risk",
                "type": "invalid_request_error",
                "param": None,
                "code": "invalid_request_error",
            }
        },
    ),
    "deepseek_balance": (
        402,
        {
            "error": {
                "message": "Insufficient Balance",
                "type": "unknown_error",
                "param": None,
                "code": "invalid_request_error",
            }
        },
    ),
    "deepseek_max_tokens": (
        400,
        {
            "error": {
                "message": "Invalid max_tokens value, the valid range of max_tokens is [1, 8192]",
                "type": "invalid_request_error",
                "param": None,
                "code": "invalid_request_error",
            }
        },
    ),
    # DashScope (Qwen) in OpenAI-compatible mode: an account in arrears.
    "arrearage": (
        400,
        {
            "error": {
                "code": "Arrearage",
                "param": None,
                "message": "Access denied, please make sure your account is in good standing.",
                "type": "Arrearage",
            },
            "request_id": "5c1e4b2a-7f3d-9a61-b0c8-2d4e6f8a0b1c",
        },
    ),
    # Zhipu (GLM): out of credit (HTTP 429, code 1113), and its content check on the input (1301).
    "zhipu_balance": (
        429,
        {
            "error": {"code": "1113", "message": "余额不足或无可用资源包,请充值。"},
            "request_id": "20250101120000a1b2c3d4e5f6a7b8c9",
        },
    ),
    "zhipu_unsafe": (
        400,
        {
            "error": {
                "code": "1301",
                "message": "系统检测到输入或生成内容可能包含不安全或敏感内容，请您避免输入易产生敏感内容的提示语，"
                "感谢您的配合。",
            },
            "request_id": "20250101120000f6e5d4c3b2a1908172",
        },
    ),
    # OpenAI: no quota left, and a request shape the model does not take (here the output mode).
    "openai_quota": (
        429,
        {
            "error": {
                "message": "You exceeded your current quota, please check your plan and billing details. For "
                "more information on this error, read the docs: "
                "https://platform.openai.com/docs/guides/error-codes/api-errors.",
                "type": "insufficient_quota",
                "param": None,
                "code": "insufficient_quota",
            }
        },
    ),
    "openai_response_format": (
        400,
        {
            "error": {
                "message": "Invalid parameter: 'response_format' of type 'json_object' is not supported with "
                "this model.",
                "type": "invalid_request_error",
                "param": "response_format",
                "code": None,
            }
        },
    ),
    "openai_context": (
        400,
        {
            "error": {
                "message": "This model's maximum context length is 128000 tokens. However, your messages resulted "
                "in 131072 tokens. Please reduce the length of the messages.",
                "type": "invalid_request_error",
                "param": "messages",
                "code": "context_length_exceeded",
            }
        },
    ),
    "openai_temperature": (
        400,
        {
            "error": {
                "message": "Unsupported value: 'temperature' does not support 0.0 with this model. Only the "
                "default (1) value is supported.",
                "type": "invalid_request_error",
                "param": "temperature",
                "code": "unsupported_value",
            }
        },
    ),
    "openai_no_access": (
        403,
        {
            "error": {
                "message": "Project `proj_stub` does not have access to model `stub-model`",
                "type": "invalid_request_error",
                "param": None,
                "code": "model_not_found",
            }
        },
    ),
    "openai_no_model": (
        404,
        {
            "error": {
                "message": "The model `stub-model` does not exist or you do not have access to it.",
                "type": "invalid_request_error",
                "param": None,
                "code": "model_not_found",
            }
        },
    ),
    # Azure OpenAI's content filter on the prompt.
    "azure_content_filter": (
        400,
        {
            "error": {
                "message": "The response was filtered due to the prompt triggering Azure OpenAI's content "
                "management policy. Please modify your prompt and retry.",
                "type": None,
                "param": "prompt",
                "code": "content_filter",
                "status": 400,
            }
        },
    ),
    "deepseek_format": (
        400,
        {
            "error": {
                "message": "Failed to deserialize the JSON body into the target type: messages[1]: missing field "
                "`content` at line 1 column 1102",
                "type": "invalid_request_error",
                "param": None,
                "code": "invalid_request_error",
            }
        },
    ),
    "dashscope_free_tier": (
        403,
        {
            "error": {
                "code": "AllocationQuota.FreeTierOnly",
                "param": None,
                "message": "The free tier of the model has been exhausted. If you wish to continue access the "
                'model on a paid basis, please disable the "use free tier only" mode in the management console.',
                "type": "AllocationQuota.FreeTierOnly",
            },
            "request_id": "9d2c4e1f-3a5b-9c7d-8e0f-1a2b3c4d5e6f",
        },
    ),
    "dashscope_input_length": (
        400,
        {
            "error": {
                "code": "invalid_parameter_error",
                "param": None,
                "message": "<400> InternalError.Algo.InvalidParameter: Range of input length should be [1, 129024]",
                "type": "invalid_request_error",
            },
            "request_id": "0f1e2d3c-4b5a-9687-a5b4-c3d2e1f0a9b8",
        },
    ),
    "zhipu_locked": (
        429,
        {
            "error": {"code": "1112", "message": "您的账户已被锁定,请联系客服解锁"},
            "request_id": "20250101120000c3b2a1f0e9d8c7b6a5",
        },
    ),
    "zhipu_prompt_long": (
        400,
        {
            "error": {"code": "1261", "message": "Prompt 超长"},
            "request_id": "20250101120000d4c3b2a1f0e9d8c7b6",
        },
    ),
    "zhipu_no_model": (
        400,
        {
            "error": {"code": "1211", "message": "模型不存在,请检查模型代码。"},
            "request_id": "20250101120000e5d4c3b2a1f0e9d8c7",
        },
    ),
    # Moonshot (Kimi): its content check, a suspended account, its token limit.
    "moonshot_high_risk": (
        400,
        {
            "error": {
                "message": "The request was rejected because it was considered high risk",
                "type": "content_filter",
            }
        },
    ),
    "moonshot_suspended": (
        429,
        {
            "error": {
                "message": "Your account org-stub<ak-stub> is suspended, please check your plan and billing details",
                "type": "exceeded_current_quota_error",
            }
        },
    ),
    "moonshot_token_limit": (
        400,
        {
            "error": {
                "message": "Invalid request: Your request exceeded model token limit: 8192",
                "type": "invalid_request_error",
            }
        },
    ),
    # llama.cpp's server, and a proxy in front of any server that limits the body size.
    "llamacpp_context": (
        400,
        {
            "error": {
                "code": 400,
                "message": "the request exceeds the available context size, try increasing it",
                "type": "exceed_context_size_error",
                "n_prompt_tokens": 5210,
                "n_ctx": 4096,
            }
        },
    ),
    "proxy_too_large": (
        413,
        "<html>\r\n<head><title>413 Request Entity Too Large</title></head>\r\n<body>\r\n<center><h1>413 "
        "Request Entity Too Large</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n",
    ),
}
FAULTS += tuple(PROVIDER_ERRORS)


class _NoAnswer(Exception):
    """The handler closes the connection without a word (a `hang` released when the stub stops)."""


@dataclass
class Fault:
    """Applied to the next `times` requests that list entry `when` (any request when None; the
    overview call when "overview")."""

    kind: str
    when: str | None = None
    times: int = 1
    retry_after: str = "2"
    delay: float = 1.0
    context: int = 0  # context_length: the largest prompt it accepts, in the stub's estimated tokens

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
        # A provider's request limit: at most `rate_limit` requests per `rate_window` seconds, said in
        # OpenAI's x-ratelimit-* headers on every answer, a 429 with retry-after beyond it.
        self.rate_limit: int | None = None
        self.rate_window = 60.0
        self.arrivals: list[float] = []  # monotonic times of the requests it answered within the limit
        self.refused = 0  # requests refused with 429 for going over rate_limit
        self._lock = threading.Lock()
        self._stopping = threading.Event()  # releases the requests a `hang` fault holds
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
        self._stopping.set()
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

    def _take_fault(self, ids: list[str], prompt_tokens: int) -> Fault | None:
        with self._lock:
            for fault in self.faults:
                if fault.kind == "context_length" and prompt_tokens <= fault.context:
                    continue  # a context limit refuses only what is over it
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
            limited = self._rate_headers(start)
            if limited is not None and "retry-after-ms" in limited:
                return _error(429, "Rate limit reached for requests", "rate_limit_exceeded", limited)
            answer = self._respond(path, headers, body)
            if limited is not None:
                answer = (answer[0], {**answer[1], **limited}, answer[2])
            # A provider's latency is the time to its answer: the stub's own work is part of it.
            time.sleep(max(0.0, self.latency - (time.monotonic() - start)))
            return answer
        finally:
            with self._lock:
                self.in_flight -= 1

    def _rate_headers(self, now: float) -> dict[str, str] | None:
        if self.rate_limit is None:
            return None
        with self._lock:
            recent = [t for t in self.arrivals if t > now - self.rate_window]
            if len(recent) >= self.rate_limit:
                self.refused += 1
                wait = recent[0] + self.rate_window - now
                return {"retry-after-ms": str(int(wait * 1000) + 1), "x-ratelimit-remaining-requests": "0"}
            self.arrivals.append(now)
            recent.append(now)
            reset = recent[0] + self.rate_window - now
            return {
                "x-ratelimit-limit-requests": str(self.rate_limit),
                "x-ratelimit-remaining-requests": str(self.rate_limit - len(recent)),
                "x-ratelimit-reset-requests": f"{int(reset * 1000) + 1}ms",
            }

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
        if OVERVIEW_MARK in prompt:
            ids = ["overview"]  # what a Fault(when="overview") targets, and what `seen` records
        attempt = 1 + sum(1 for m in messages if m.get("role") == "assistant")
        prompt_tokens = sum(_tokens(str(m.get("content") or "")) for m in messages)
        fault = self._take_fault(ids, prompt_tokens)
        with self._lock:
            self.seen.append(
                Seen(path, ids, attempt, "authorization" in headers, fault.kind if fault else None)
            )
        if fault and fault.kind == "hang":
            # Connected, the request read, and no answer ever: a wedged server or proxy.
            self._stopping.wait()
            raise _NoAnswer
        if fault and fault.kind == "drop":
            raise _NoAnswer  # the connection closed with no answer: a restart, a proxy dropping it
        if fault and fault.kind in PROVIDER_ERRORS:
            status, payload = PROVIDER_ERRORS[fault.kind]
            if isinstance(payload, str):  # a proxy's HTML page
                return status, {"content-type": "text/html"}, payload.encode()
            return status, {}, json.dumps(payload, ensure_ascii=False).encode()
        if fault and fault.kind == "context_length":
            # OpenAI's words; vLLM and DeepSeek use the same.
            return _error(
                400,
                f"This model's maximum context length is {fault.context} tokens. However, your messages "
                f"resulted in {prompt_tokens} tokens. Please reduce the length of the messages.",
                "context_length_exceeded",
                param="messages",
                kind="invalid_request_error",
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
        if OVERVIEW_MARK in prompt:
            overview = answer_overview(prompt, fenced.group("text"))
            if fault and fault.kind == "misquote":
                for sentence in overview["sentences"]:
                    sentence["quotes"] = ["据悉" + q[::-1] for q in sentence["quotes"]]
            if fault and fault.kind == "lazy":  # a number no fact and no quote holds
                for sentence in overview["sentences"]:
                    sentence["text"] += "，共涉及987人。"
            return (
                200,
                {},
                _completion(body, json.dumps(overview, ensure_ascii=False), "stop", messages, None),
            )
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
        refusal = "I'm sorry, I can't help with that request." if fault and fault.kind == "refusal" else None
        return 200, {}, _completion(body, text, finish, messages, refusal)


OVERVIEW_MARK = "已知事实："


def answer_overview(prompt: str, opening: str) -> dict[str, Any]:
    """The overview call's answer: each fact the prompt lists as a sentence, quoting a line of the
    opening (a clause of it, verbatim), as a model following the instructions would."""
    facts = prompt.split(OVERVIEW_MARK, 1)[1].split("<<<REPORT", 1)[0]
    lines = [line[2:].strip() for line in facts.splitlines() if line.startswith("- ")]
    clauses = [
        re.split(r"[，。；]", line.strip())[0] for line in opening.splitlines() if len(line.strip()) >= 6
    ]
    clauses = [c for c in clauses if len(c) >= 6] or [opening.strip()[:20]]
    sentences = [
        {"text": f"据通报，{line.rstrip('。')}。", "quotes": [clauses[i % len(clauses)]]}
        for i, line in enumerate(lines[:5])
    ]
    return {"sentences": sentences}


def _error(
    status: int,
    message: str,
    code: str,
    headers: dict[str, str] | None = None,
    *,
    param: str | None = None,
    kind: str | None = None,
) -> tuple[int, dict[str, str], bytes]:
    payload = {"error": {"message": message, "type": kind or code, "param": param, "code": code}}
    return status, headers or {}, json.dumps(payload).encode()


def _completion(
    body: dict[str, Any], text: str, finish: str, messages: list[dict[str, Any]], refusal: str | None = None
) -> bytes:
    model = str(body.get("model", "stub-model"))
    tools = body.get("tools")
    message: dict[str, Any] = {"role": "assistant", "content": text}
    if refusal:  # OpenAI's structured-output refusal: no content, the refusal in its own field
        text = ""
        message = {"role": "assistant", "content": None, "refusal": refusal}
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
            except _NoAnswer:
                self.close_connection = True
                return
            except Exception as exc:  # a bug in an answer file must reach the test as an error, not a hang
                status, extra, payload = _error(500, f"stub: {exc.__class__.__name__}: {exc}", "stub_error")
            try:
                self.send_response(status)
                self.send_header("content-type", extra.pop("content-type", "application/json"))
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
