"""One retry policy, in one place.

Layering, decided once: the openai client is built with max_retries=0, instructor's own loop only
re-asks after validation errors (capped by `reasks`), and transport errors are retried here, by
tenacity, around each HTTP call. So one chunk makes at most (reasks + 1) × attempts requests, every
retry is logged and counted, a 429 on a re-ask does not restart the conversation, and tests can
inject the wait and the sleep instead of really waiting.
"""

from __future__ import annotations

import asyncio
import email.utils
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TypeVar

import openai
from tenacity import (
    AsyncRetrying,
    RetryCallState,
    retry_if_exception,
    stop_after_attempt,
    wait_exponential_jitter,
)
from tenacity.wait import wait_base

from .failures import is_transient

log = logging.getLogger("summarise.llm")
T = TypeVar("T")


def retry_after(exc: BaseException) -> float | None:
    """Seconds the server asked us to wait (retry-after-ms, Retry-After in seconds or as an HTTP date)."""
    if not isinstance(exc, openai.APIStatusError):
        return None
    headers = exc.response.headers
    ms = headers.get("retry-after-ms")
    if ms:
        try:
            return max(0.0, float(ms) / 1000)
        except ValueError:
            pass
    raw = headers.get("retry-after")
    if not raw:
        return None
    try:
        return max(0.0, float(raw))
    except ValueError:
        parsed = email.utils.parsedate_to_datetime(raw) if raw else None
        return max(0.0, parsed.timestamp() - time.time()) if parsed else None


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 4  # per HTTP call, the first try included
    wait: wait_base = field(default_factory=lambda: wait_exponential_jitter(initial=1, max=30, jitter=1))
    max_retry_after: float = 60.0  # a server asking for longer is treated as down for this run
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep

    def _wait(self, state: RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome else None
        asked = retry_after(exc) if exc is not None else None
        if asked is not None:
            return min(asked, self.max_retry_after)
        return float(self.wait(state))

    async def run(
        self, call: Callable[[], Awaitable[T]], *, on_retry: Callable[[BaseException, float], None]
    ) -> T:
        def before_sleep(state: RetryCallState) -> None:
            exc = state.outcome.exception() if state.outcome else None
            delay = state.next_action.sleep if state.next_action else 0.0
            if exc is not None:
                on_retry(exc, delay)
                log.warning(
                    "llm call failed (%s); retry %d of %d in %.2fs",
                    exc.__class__.__name__,
                    state.attempt_number,
                    self.attempts - 1,
                    delay,
                )

        retrying = AsyncRetrying(
            stop=stop_after_attempt(self.attempts),
            wait=self._wait,
            retry=retry_if_exception(is_transient),
            sleep=self.sleep,
            before_sleep=before_sleep,
            reraise=True,
        )
        return await retrying(call)


# The policy LLMEngine uses unless given one; tests replace it to keep waits tiny.
DEFAULT_POLICY = RetryPolicy()
