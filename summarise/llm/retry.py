"""One retry policy, in one place.

Layering, decided once: the openai client is built with max_retries=0, instructor's own loop only
re-asks after validation errors (capped by `reasks`), and transport errors are retried here, by
tenacity, around each HTTP call. So one chunk makes at most (reasks + 1) × attempts requests, every
retry is logged and counted, a 429 on a re-ask does not restart the conversation, and tests can
inject the wait and the sleep instead of really waiting.

Around the retries sits the circuit breaker (`Breaker`), one per engine: after `down_after` transport
failures in a row it stops every further call of the run, so a dead endpoint costs a few timeouts,
not every chunk's full retry cycle.
"""

from __future__ import annotations

import asyncio
import email.utils
import logging
import threading
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
from tenacity.stop import stop_base
from tenacity.wait import wait_base

from ..i18n import say
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
        self,
        call: Callable[[], Awaitable[T]],
        *,
        on_retry: Callable[[BaseException, float], None],
        give_up: Callable[[], bool] = lambda: False,
    ) -> T:
        """`call`, retried on transient failures; `give_up` (the breaker is open) ends the retries early."""

        def before_sleep(state: RetryCallState) -> None:
            exc = state.outcome.exception() if state.outcome else None
            delay = state.next_action.sleep if state.next_action else 0.0
            if exc is not None:
                on_retry(exc, delay)
                log.warning(
                    "%s",
                    say(
                        "llm.log.retry",
                        error=exc.__class__.__name__,
                        attempt=state.attempt_number,
                        attempts=self.attempts - 1,
                        delay=delay,
                    ),
                )

        retrying = AsyncRetrying(
            stop=stop_after_attempt(self.attempts) | stop_when(give_up),
            wait=self._wait,
            retry=retry_if_exception(is_transient),
            sleep=self.sleep,
            before_sleep=before_sleep,
            reraise=True,
        )
        return await retrying(call)


class Breaker:
    """After `threshold` transport failures in a row (no HTTP answer between them) the endpoint is down
    for the rest of the run: no further call is sent, and `reason` says why once it is open.

    One per engine instance, shared by its calls from any thread or event loop. Any HTTP answer, an
    error status included, resets the count, and records that the endpoint has `answered`: after
    that, a refused connection or a DNS failure is a server going away (retried, counted here), not a
    wrong address (a configuration error at once). Once open it stays open for the engine's life."""

    def __init__(self, threshold: int = 3) -> None:
        self.threshold = threshold
        self.failures = 0
        self.answered = False
        self.reason: str | None = None
        self._lock = threading.Lock()

    @property
    def open(self) -> bool:
        return self.reason is not None

    def success(self) -> None:
        with self._lock:
            self.answered = True
            if self.reason is None:
                self.failures = 0

    def failure(self, why: str) -> bool:
        """Count one transport failure; True for the one that opens the breaker."""
        with self._lock:
            if self.reason is not None:
                return False
            self.failures += 1
            if self.failures < self.threshold:
                return False
            self.reason = say("llm.breaker", failures=self.failures, why=why)
            return True


class stop_when(stop_base):  # noqa: N801 - named like tenacity's own stop conditions
    """Stop retrying as soon as `condition()` holds."""

    def __init__(self, condition: Callable[[], bool]) -> None:
        self.condition = condition

    def __call__(self, retry_state: RetryCallState) -> bool:
        return self.condition()


# The policy LLMEngine uses unless given one; tests replace it to keep waits tiny.
DEFAULT_POLICY = RetryPolicy()
