"""Requests and tokens per minute, kept under the account's limits, before each HTTP call.

`--rpm` / `--tpm` (SUMMARISE_RPM / SUMMARISE_TPM) bound what a run sends in any 60 s window; a call
that would go over waits until enough of the window has passed. The provider's own word wins when it
gives one: `x-ratelimit-remaining-requests` or `x-ratelimit-remaining-tokens` at 0 holds every call
until the matching `x-ratelimit-reset-*` (OpenAI's "1s", "6m0s", "20ms" or plain seconds), and a 429
with `retry-after` / `retry-after-ms` holds every call, not only the one retried, that long.

One limiter per engine, shared by its calls from any event loop or thread (a threading lock guards
the window; waiting is asyncio's), so a bulk run's reports share one budget. Tokens are reserved at
the prompt's estimate and settled to what the provider reports it used.
"""

from __future__ import annotations

import asyncio
import logging
import re
import threading
import time
from collections import deque
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass

from ..i18n import say

log = logging.getLogger("summarise.llm")
WINDOW = 60.0
MAX_HOLD = 120.0  # a header asking for longer than this is not trusted beyond it
_DURATION = re.compile(
    r"(?:(\d+(?:\.\d+)?)h)?(?:(\d+(?:\.\d+)?)m(?!s))?(?:(\d+(?:\.\d+)?)s)?(?:(\d+(?:\.\d+)?)ms)?"
)


def parse_reset(raw: str | None) -> float | None:
    """Seconds in an x-ratelimit-reset-* header: "1s", "6m0s", "1h2m3.5s", "20ms" or "0.5"."""
    if not raw:
        return None
    text = raw.strip().lower()
    try:
        return max(0.0, float(text))
    except ValueError:
        pass
    m = _DURATION.fullmatch(text)
    if not m or not any(m.groups()):
        return None
    h, mins, s, ms = (float(g) if g else 0.0 for g in m.groups())
    return h * 3600 + mins * 60 + s + ms / 1000


def _int(raw: str | None) -> int | None:
    try:
        return int(float(raw)) if raw is not None and raw.strip() else None
    except ValueError:
        return None


@dataclass
class Reservation:
    at: float
    tokens: int


class RateLimiter:
    def __init__(
        self,
        rpm: int | None = None,
        tpm: int | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        window: float = WINDOW,
    ) -> None:
        self.rpm, self.tpm, self.window = rpm, tpm, window
        self.clock, self.sleep = clock, sleep
        self.sent: deque[Reservation] = deque()
        self.hold_until = 0.0  # the provider asked every call to wait until then (clock time)
        self.waited = 0.0  # seconds calls spent waiting here, summed
        self._lock = threading.Lock()

    def _delay(self, tokens: int, now: float) -> float:
        """0 and the call recorded, or how long to wait before asking again."""
        if self.hold_until > now:
            return self.hold_until - now
        while self.sent and self.sent[0].at <= now - self.window:
            self.sent.popleft()
        if self.rpm is not None and len(self.sent) >= self.rpm:
            return self.sent[0].at + self.window - now
        if self.tpm is not None and self.sent:
            used = sum(r.tokens for r in self.sent)
            if used + tokens > self.tpm:
                # Wait for the oldest calls to leave the window until this one fits (a call larger
                # than the whole budget goes alone, into an empty window).
                for r in self.sent:
                    used -= r.tokens
                    if used + tokens <= self.tpm:
                        return r.at + self.window - now
                return self.sent[-1].at + self.window - now
        return 0.0

    async def acquire(self, tokens: int) -> Reservation:
        """Wait until one more call of about `tokens` fits the limits, then count it."""
        while True:
            with self._lock:
                now = self.clock()
                delay = self._delay(tokens, now)
                if delay <= 0:
                    reservation = Reservation(now, tokens)
                    self.sent.append(reservation)
                    return reservation
            delay = max(delay, 0.001)
            self.waited += delay
            log.info("%s", say("llm.log.rate_wait", delay=delay))
            await self.sleep(delay)

    def settle(self, reservation: Reservation, tokens: int | None) -> None:
        """The provider said how many tokens the call used: count that instead of the estimate."""
        if tokens is not None:
            with self._lock:
                reservation.tokens = tokens

    def hold(self, seconds: float) -> None:
        """Every call waits `seconds` from now (capped at MAX_HOLD)."""
        with self._lock:
            self.hold_until = max(self.hold_until, self.clock() + min(seconds, MAX_HOLD))

    def observe(self, headers: Mapping[str, str], *, status: int | None = None) -> None:
        """Read the provider's rate-limit headers from an answer (any status)."""
        get = {k.lower(): v for k, v in headers.items()}.get
        for kind in ("requests", "tokens"):
            remaining = _int(get(f"x-ratelimit-remaining-{kind}"))
            if remaining is not None and remaining <= 0:
                reset = parse_reset(get(f"x-ratelimit-reset-{kind}"))
                self.hold(reset if reset is not None else 1.0)
        if status == 429:
            ms = parse_reset(get("retry-after-ms"))
            after = ms / 1000 if ms is not None else parse_reset(get("retry-after"))
            if after is not None:
                self.hold(after)
