"""Every failure a call can meet, the engine's reaction to each, in one table (`TABLE`).

The retry policy asks `is_transient`, the engine asks `classify`; both read the same rows, first match
wins. Reactions (`Failure.kind`):

| kind      | what the engine does                                                                    |
|-----------|-----------------------------------------------------------------------------------------|
| transient | retried with backoff (Retry-After honoured); transport failures count for the breaker   |
| refused   | moderation: not retried; that chunk falls back to the rules engine (`llm_refused`)      |
| truncated | finish_reason=length: not retried; that chunk falls back (`llm_truncated`)              |
| invalid   | the answer never matched the schema: re-asked, then that chunk falls back (`llm_invalid`) |
| context   | the prompt is over the model's context: the chunk is split in two and each half asked, |
|           | up to MAX_SPLITS times; past that, it falls back (`llm_too_long`)                       |
| account   | no credit, quota or arrears: the report stops at once, exit 2, the provider's own words |
| config    | key, model, address (DNS, refused, malformed URL): the report stops at once, exit 2     |
| request   | a request shape the endpoint does not take: the report stops, exit 2, with a fitting hint |

Two more come from the engine itself, not from a provider: `deadline` (the report's deadline passed
before the chunk was answered, `llm_deadline`) and `down` (the circuit breaker is open, so the chunk
was not sent, `llm_endpoint_down`). docs/llm.md lists every row.
"""

from __future__ import annotations

import json
import socket
from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import urlparse

import openai

from .. import i18n
from ..errors import EngineError

Kind = Literal[
    "transient",
    "truncated",
    "refused",
    "invalid",
    "context",
    "account",
    "config",
    "request",
    "deadline",
    "down",
]
MAX_SPLITS = 3  # a chunk too long for the model's context is halved at most this often (8 pieces)


class CallFailed(Exception):
    """Raised inside a call for outcomes the HTTP layer reports as success (a 200 with a bad finish)."""

    kind: Kind = "invalid"
    row: str | None = None  # the TABLE row, when one matched

    def __init__(self, message: str, *, model: str | None = None, row: str | None = None) -> None:
        super().__init__(message)
        self.model = model
        self.row = row


class Truncated(CallFailed):
    kind = "truncated"


class Refused(CallFailed):
    kind = "refused"


class Unreachable(CallFailed):
    """The endpoint's address is wrong (no such host, nothing listening) and it never answered this run."""

    kind = "config"


class BreakerOpen(CallFailed):
    """Not sent: the endpoint is treated as down for the rest of the run."""

    kind = "down"


class EndpointDown(EngineError):
    """No chunk of the report got through because the endpoint is treated as down (the circuit breaker).

    Raised by the LLM engine instead of a plain EngineError so that a caller running many reports can
    stop sending them (and leave the rest to a later run) rather than fail each one in turn."""


@dataclass(frozen=True)
class Failure:
    kind: Kind
    message: str
    status: int | None = None
    row: str | None = None  # the TABLE row that matched


@dataclass(frozen=True)
class Signal:
    """What is known about one failed call, in the terms the table matches on."""

    status: int | None = None  # HTTP status; None when no HTTP answer came
    codes: tuple[str, ...] = ()  # the error's code and type, lower case
    text: str = ""  # the provider's message, lower case
    said: str = ""  # the provider's message as sent (shortened)
    transport: str | None = None  # no answer: "dns", "refused", "url", "timeout" or "connect"
    finish: str | None = None  # a 200 whose finish_reason (or refusal) says it failed


@dataclass(frozen=True)
class Known:
    """One row: a failure, how to tell it, the reaction, and the one line the user reads."""

    name: str
    who: str
    kind: Kind
    say: str  # a catalogue key; its text is formatted with base_url, host, model, mode, other_modes, status, said
    statuses: tuple[int, ...] = ()  # () with codes/words: any status; a row with neither matches by status
    codes: tuple[str, ...] = ()  # exact error code or type
    words: tuple[str, ...] = ()  # lower-case words of the message
    transport: tuple[str, ...] = ()
    finish: tuple[str, ...] = ()

    def matches(self, s: Signal) -> bool:
        if self.finish or self.transport:
            return (s.finish is not None and s.finish in self.finish) or (
                s.transport is not None and s.transport in self.transport
            )
        if s.status is None or (self.statuses and s.status not in self.statuses):
            return False
        if not (self.codes or self.words):
            return True
        return any(c in s.codes for c in self.codes) or any(w in s.text for w in self.words)


# Row messages are catalogue keys (messages.py, "llm.fail."), said in the run's language.
_REFUSED = "llm.fail.refused"
_ACCOUNT = "llm.fail.account"
_CONTEXT = "llm.fail.context"
_REQUEST = "llm.fail.request"

TABLE: tuple[Known, ...] = (
    # -- moderation: that chunk falls back --------------------------------------------------------
    Known("deepseek_risk", "DeepSeek", "refused", _REFUSED, (400,), words=("content exists risk",)),
    Known(
        "dashscope_inspection",
        "DashScope (Qwen)",
        "refused",
        _REFUSED,
        (400,),
        codes=("datainspectionfailed", "data_inspection_failed"),
        words=("inappropriate content",),
    ),
    Known("zhipu_unsafe", "Zhipu (GLM)", "refused", _REFUSED, codes=("1301",), words=("不安全或敏感内容",)),
    Known(
        "moonshot_high_risk", "Moonshot (Kimi)", "refused", _REFUSED, (400,), words=("considered high risk",)
    ),
    Known(
        "openai_content_filter",
        "OpenAI, Azure",
        "refused",
        _REFUSED,
        (400,),
        codes=("content_filter", "content_policy_violation"),
        words=("content management policy", "content_policy", "contentpolicy", "content filter"),
    ),
    Known(
        "finish_filtered",
        "Zhipu (sensitive), OpenAI and Azure (content_filter)",
        "refused",
        "llm.fail.filtered",
        finish=("sensitive", "content_filter"),
    ),
    Known("refusal", "OpenAI structured outputs", "refused", "llm.fail.refusal", finish=("refusal",)),
    Known(
        "finish_length",
        "any",
        "truncated",
        "llm.fail.length",
        finish=("length",),
    ),
    # -- the account cannot pay: stop at once, in the provider's words ------------------------------
    Known("zhipu_balance", "Zhipu (GLM)", "account", _ACCOUNT, codes=("1113",), words=("余额不足", "欠费")),
    Known(
        "zhipu_account",
        "Zhipu (GLM)",
        "account",
        _ACCOUNT,
        codes=("1110", "1111", "1112", "1121", "1304", "1308", "1309", "1310"),
    ),
    Known("dashscope_arrearage", "DashScope (Qwen)", "account", _ACCOUNT, codes=("arrearage",)),
    Known(
        "dashscope_free_tier",
        "DashScope (Qwen)",
        "account",
        _ACCOUNT,
        codes=("allocationquota.freetieronly",),
        words=("free tier of the model has been exhausted",),
    ),
    Known("deepseek_balance", "DeepSeek (402 Insufficient Balance), any 402", "account", _ACCOUNT, (402,)),
    Known(
        "openai_quota",
        "OpenAI",
        "account",
        _ACCOUNT,
        codes=("insufficient_quota",),
        words=("exceeded your current quota",),
    ),
    Known(
        "moonshot_quota",
        "Moonshot (Kimi)",
        "account",
        _ACCOUNT,
        codes=("exceeded_current_quota_error",),
        words=("is suspended", "insufficient balance", "insufficient_balance"),
    ),
    # -- the prompt is over the model's context: split the chunk ------------------------------------
    Known(
        "context_length",
        "OpenAI, DeepSeek, vLLM",
        "context",
        _CONTEXT,
        (400,),
        codes=("context_length_exceeded",),
        words=("maximum context length", "context length", "context_length"),
    ),
    Known(
        "dashscope_input_length",
        "DashScope (Qwen)",
        "context",
        _CONTEXT,
        (400,),
        words=("range of input length",),
    ),
    Known(
        "zhipu_prompt_long",
        "Zhipu (GLM)",
        "context",
        _CONTEXT,
        (400,),
        ("1261",),
        ("prompt 超长", "prompt超长"),
    ),
    Known(
        "moonshot_token_limit",
        "Moonshot (Kimi)",
        "context",
        _CONTEXT,
        (400,),
        words=("exceeded model token limit",),
    ),
    Known(
        "llamacpp_context",
        "llama.cpp",
        "context",
        _CONTEXT,
        (400,),
        codes=("exceed_context_size_error",),
        words=("exceeds the available context size",),
    ),
    Known("too_large", "any (413)", "context", _CONTEXT, (413,)),
    # -- a request the endpoint does not take: stop, with the fix that fits -------------------------
    Known(
        "unknown_model",
        "DashScope, Zhipu (1211), vLLM",
        "config",
        "llm.fail.unknown_model",
        (400, 422),
        codes=("model_not_found", "1211", "invalid_model"),
        words=("model not exist", "模型不存在", "model_not_found"),
    ),
    Known(
        "output_mode",
        "any",
        "request",
        "llm.fail.output_mode",
        (400, 422),
        words=("response_format", "json_schema", "json_object", "tool_choice", "tools", "function_call"),
    ),
    Known(
        "max_tokens",
        "DeepSeek, OpenAI",
        "request",
        "llm.fail.max_tokens",
        (400, 422),
        words=("max_tokens", "max_completion_tokens", "max_new_tokens"),
    ),
    Known(
        "temperature",
        "any",
        "request",
        "llm.fail.temperature",
        (400, 422),
        words=("temperature",),
    ),
    # -- key, access, path ---------------------------------------------------------------------------
    Known("key", "any", "config", "llm.fail.key", (401,)),
    Known("forbidden", "any", "config", "llm.fail.forbidden", (403,)),
    Known(
        "not_found",
        "any",
        "config",
        "llm.fail.not_found",
        (404,),
    ),
    # -- worth another try ------------------------------------------------------------------------
    Known("rate_limit", "any", "transient", "llm.fail.http", (429,)),
    Known(
        "server",
        "any (408, 409, 5xx)",
        "transient",
        "llm.fail.http",
        (408, 409, *range(500, 600)),
    ),
    Known(
        "request_other",
        "any other 4xx",
        "request",
        _REQUEST,
        tuple(range(400, 500)),
    ),
    # -- no HTTP answer at all ----------------------------------------------------------------------
    Known(
        "dns",
        "any",
        "config",
        "llm.fail.dns",
        transport=("dns",),
    ),
    Known(
        "refused_connection",
        "any",
        "config",
        "llm.fail.refused_connection",
        transport=("refused",),
    ),
    Known(
        "malformed_url",
        "any",
        "config",
        "llm.fail.malformed_url",
        transport=("url",),
    ),
    Known("timeout", "any", "transient", "llm.fail.timeout", transport=("timeout",)),
    Known("connection", "any", "transient", "llm.fail.connection", transport=("connect",)),
)
_OTHER_REQUEST = Known("request_unknown", "any", "request", _REQUEST)
# Until the endpoint has answered once in a run, these mean a wrong address: stop. Afterwards the
# address is known good, so they are a server going away, retried and counted by the breaker.
UNTIL_ANSWERED = ("dns", "refused_connection")


def _short(text: str, limit: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _said(exc: openai.APIStatusError) -> str:
    """The provider's own message: error.message (or detail, msg), not the SDK's 'Error code: …' wrapper."""
    body: Any = exc.body
    if isinstance(body, dict):
        for key in ("message", "detail", "msg", "error"):
            value = body.get(key)
            if isinstance(value, str) and value.strip():
                return value
            if isinstance(value, dict) and isinstance(value.get("message"), str):
                return str(value["message"])
    if isinstance(body, str) and body.strip():
        return body
    return exc.message


def _chain(exc: BaseException) -> list[BaseException]:
    out: list[BaseException] = []
    node: BaseException | None = exc
    while node is not None and node not in out:
        out.append(node)
        node = node.__cause__ or node.__context__
    return out


def _transport(exc: openai.APIConnectionError) -> tuple[str, str]:
    """What kind of "no answer" this was, and the lowest-level words for it."""
    if isinstance(exc, openai.APITimeoutError):
        return "timeout", ""
    chain = _chain(exc)[1:]
    detail = _short(str(chain[-1] if chain else exc) or type(chain[-1] if chain else exc).__name__)
    for node in chain:
        if isinstance(node, socket.gaierror):
            return "dns", _short(str(node))
        if isinstance(node, ConnectionRefusedError):
            return "refused", _short(str(node))
        if type(node).__name__ in ("UnsupportedProtocol", "InvalidURL"):
            return "url", _short(str(node))
    return "connect", detail


def signal_of(exc: BaseException) -> Signal | None:
    if isinstance(exc, openai.APIStatusError):
        body: Any = exc.body
        codes = []
        if isinstance(body, dict):
            codes = [str(body[k]).lower() for k in ("code", "type") if body.get(k) not in (None, "")]
        said = _said(exc)
        return Signal(status=exc.status_code, codes=tuple(codes), text=said.lower(), said=_short(said))
    if isinstance(exc, openai.APIConnectionError):
        transport, detail = _transport(exc)
        return Signal(transport=transport, said=detail)
    return None


def lookup(signal: Signal) -> Known | None:
    return next((row for row in TABLE if row.matches(signal)), None)


def is_transient(exc: BaseException) -> bool:
    """What tenacity retries: the failures a second try can fix."""
    signal = signal_of(exc)
    if signal is None:
        return False
    row = lookup(signal)
    # A wrong address is caught by the client before it gets here (Unreachable); what still arrives
    # as "dns" or "refused" comes after the endpoint answered once: a server going away, retried.
    return row is not None and (row.kind == "transient" or row.name in UNTIL_ANSWERED)


def is_transport(exc: BaseException) -> bool:
    """No HTTP answer at all (timeout, connection failed): what the circuit breaker counts."""
    return isinstance(exc, openai.APIConnectionError)


def root_cause(exc: BaseException) -> BaseException:
    """instructor wraps whatever ended its loop; the first openai or CallFailed error in the chain decides."""
    for node in _chain(exc):
        if isinstance(node, openai.OpenAIError | CallFailed):
            return node
    return exc


def _from_validation(exc: BaseException) -> bool:
    """instructor gave up re-asking (or pydantic/json refused the answer): the model's fault, not ours."""
    module = type(exc).__module__
    return module.startswith(("instructor", "pydantic")) or isinstance(exc, json.JSONDecodeError)


def _other_modes(mode: str) -> str:
    others = [m for m in ("json", "tools", "json_schema") if m != mode]
    return i18n.say("llm.or").join(f"--mode {m}" for m in others)


def describe(row: Known, signal: Signal, *, base_url: str, model: str, mode: str = "json") -> Failure:
    message = i18n.say(
        row.say,
        base_url=base_url,
        host=urlparse(base_url).hostname or base_url,
        model=model,
        mode=mode,
        other_modes=_other_modes(mode),
        status=signal.status,
        said=signal.said or signal.finish or "",
    )
    return Failure(row.kind, message, signal.status, row.name)


def classify(exc: BaseException, *, base_url: str, model: str, mode: str = "json") -> Failure | None:
    """What went wrong with a call, or None when it is not a call failure at all (a bug: let it raise)."""
    cause = root_cause(exc)
    if isinstance(cause, CallFailed):
        return Failure(cause.kind, str(cause), row=cause.row)
    signal = signal_of(cause)
    if signal is not None:
        row = lookup(signal)
        if row is not None:
            return describe(row, signal, base_url=base_url, model=model, mode=mode)
        return describe(_OTHER_REQUEST, signal, base_url=base_url, model=model, mode=mode)
    if isinstance(cause, openai.OpenAIError):
        return Failure("invalid", _short(str(cause)))
    if _from_validation(exc):
        return Failure("invalid", i18n.say("llm.fail.schema", detail=_short(str(exc), 400)))
    return None


def finish_failure(reason: str, *, base_url: str, model: str, detail: str = "") -> CallFailed | None:
    """A 200 whose finish_reason (or refusal) the table knows: the CallFailed to raise, or None."""
    signal = Signal(finish=reason, said=detail or reason)
    row = lookup(signal)
    if row is None:
        return None
    message = describe(row, signal, base_url=base_url, model=model).message
    kind = Truncated if row.kind == "truncated" else Refused
    return kind(message, model=model, row=row.name)
