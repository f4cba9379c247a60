"""The failure taxonomy: what went wrong with a call, and what the engine does about it.

| kind        | examples                                        | what happens                                   |
|-------------|-------------------------------------------------|------------------------------------------------|
| transient   | 429, 5xx, 408/409, timeout, connection refused  | retried with backoff (Retry-After honoured)     |
| truncated   | finish_reason=length                            | not retried; chunk falls back to rules, warned |
| refused     | 400 DataInspectionFailed, content_filter,       | not retried; chunk falls back to rules, warned |
|             | finish_reason=sensitive, a structured refusal   |                                                |
| invalid     | malformed JSON, wrong shape, ungrounded quotes  | re-asked (capped); then kept unverified or     |
|             |                                                 | the chunk falls back to rules, warned          |
| config      | 401, 403, 404, 429 insufficient_quota           | the whole report fails with a one-line fix     |
| request     | any other 4xx (e.g. a mode the endpoint lacks)  | the whole report fails with a one-line fix     |
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Literal

import openai

Kind = Literal["transient", "truncated", "refused", "invalid", "config", "request"]

_MODERATION_MARKERS = (
    "datainspectionfailed",
    "data_inspection_failed",
    "inappropriate content",
    "content_filter",
    "content filter",
    "sensitive",
    "contentpolicy",
    "content_policy",
    "1301",  # Zhipu: 系统检测到输入或生成内容可能包含不安全或敏感内容
)


class CallFailed(Exception):
    """Raised inside a call for outcomes the HTTP layer reports as success (a 200 with a bad finish)."""

    kind: Kind = "invalid"

    def __init__(self, message: str, *, model: str | None = None) -> None:
        super().__init__(message)
        self.model = model


class Truncated(CallFailed):
    kind = "truncated"


class Refused(CallFailed):
    kind = "refused"


@dataclass(frozen=True)
class Failure:
    kind: Kind
    message: str
    status: int | None = None


def _status_body(exc: openai.APIStatusError) -> str:
    body = exc.body
    return (str(body) if body is not None else exc.message).lower()


def is_moderation(exc: openai.APIStatusError) -> bool:
    return exc.status_code == 400 and any(m in _status_body(exc) for m in _MODERATION_MARKERS)


def is_transient(exc: BaseException) -> bool:
    """What tenacity retries: the failures a second try can fix."""
    if isinstance(exc, openai.APITimeoutError | openai.APIConnectionError):
        return True
    if isinstance(exc, openai.RateLimitError):
        return "insufficient_quota" not in _status_body(exc)
    if isinstance(exc, openai.APIStatusError):
        return exc.status_code in (408, 409) or exc.status_code >= 500
    return False


def root_cause(exc: BaseException) -> BaseException:
    """instructor wraps whatever ended its loop; the first openai or CallFailed error in the chain decides."""
    seen: set[int] = set()
    node: BaseException | None = exc
    while node is not None and id(node) not in seen:
        seen.add(id(node))
        if isinstance(node, openai.OpenAIError | CallFailed):
            return node
        node = node.__cause__ or node.__context__
    return exc


def _short(text: str, limit: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _from_validation(exc: BaseException) -> bool:
    """instructor gave up re-asking (or pydantic/json refused the answer): the model's fault, not ours."""
    module = type(exc).__module__
    return module.startswith(("instructor", "pydantic")) or isinstance(exc, json.JSONDecodeError)


def classify(exc: BaseException, *, base_url: str, model: str) -> Failure | None:
    """What went wrong with a call, or None when it is not a call failure at all (a bug: let it raise)."""
    cause = root_cause(exc)
    if isinstance(cause, CallFailed):
        return Failure(cause.kind, str(cause))
    if isinstance(cause, openai.APITimeoutError):
        return Failure("transient", f"timed out waiting for {base_url}")
    if isinstance(cause, openai.APIConnectionError):
        detail = cause.__cause__ or cause.__context__
        return Failure("transient", f"cannot connect to {base_url} ({_short(str(detail or cause))})")
    if isinstance(cause, openai.APIStatusError):
        status = cause.status_code
        said = _short(cause.message)
        if is_moderation(cause):
            return Failure(
                "refused", f"the provider's content check refused the text (HTTP {status}: {said})", status
            )
        if status == 401:
            return Failure(
                "config", f"{base_url} rejected the API key (HTTP 401); check OPENAI_API_KEY", status
            )
        if status == 403:
            return Failure("config", f"{base_url} refused access to model {model} (HTTP 403: {said})", status)
        if status == 404:
            return Failure(
                "config",
                f"{base_url} has no model {model!r} or no /chat/completions (HTTP 404); "
                "check --model and that --base-url ends with /v1 (or the provider's compatible path)",
                status,
            )
        if isinstance(cause, openai.RateLimitError) and "insufficient_quota" in _status_body(cause):
            return Failure(
                "config", f"the account behind the API key has no quota left at {base_url}", status
            )
        if is_transient(cause):
            return Failure("transient", f"HTTP {status} from {base_url}: {said}", status)
        return Failure(
            "request",
            f"{base_url} refused the request (HTTP {status}: {said}); if it lacks this output mode, try --mode json",
            status,
        )
    if isinstance(cause, openai.OpenAIError):
        return Failure("invalid", _short(str(cause)))
    if _from_validation(exc):
        return Failure("invalid", f"the answer never matched the schema: {_short(str(exc), 400)}")
    return None
