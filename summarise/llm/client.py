"""The model call: openai's async client, instructor for the schema and re-asks, tenacity for transport.

Only this module imports openai's client and instructor's patch; everything else sees `ModelClient.ask`.
"""

from __future__ import annotations

import logging
from typing import Any, TypeVar

import instructor
import openai
from instructor import Mode

from ..i18n import say
from .config import LLMConfig
from .failures import UNTIL_ANSWERED, BreakerOpen, Unreachable, describe, finish_failure, lookup, signal_of
from .ratelimit import RateLimiter
from .retry import Breaker, RetryPolicy
from .schemas import ACTIVE, AnswerCheck, ChunkAnswer, OverviewAnswer
from .usage import Usage, estimate_tokens

AnswerT = TypeVar("AnswerT", ChunkAnswer, OverviewAnswer)

MODES: dict[str, Mode] = {"tools": Mode.TOOLS, "json": Mode.JSON, "json_schema": Mode.JSON_SCHEMA}

# instructor logs every exit from its re-ask loop at ERROR, including the transport errors and
# refusals this engine handles and reports itself; keep that off stderr unless a user configured it.
_instructor_log = logging.getLogger("instructor")
if _instructor_log.level == logging.NOTSET:
    _instructor_log.setLevel(logging.CRITICAL)


log = logging.getLogger("summarise.llm")


class ModelClient:
    def __init__(
        self,
        config: LLMConfig,
        policy: RetryPolicy,
        breaker: Breaker | None = None,
        rates: RateLimiter | None = None,
    ) -> None:
        self.config = config
        self.policy = policy
        self.breaker = breaker or Breaker(config.down_after)
        self.rates = rates or RateLimiter(config.rpm, config.tpm)
        # max_retries=0: transport retries belong to RetryPolicy alone (see retry.py). The read
        # timeout is sized to max_tokens unless SUMMARISE_TIMEOUT says otherwise (config.py).
        self._client = openai.AsyncOpenAI(
            base_url=config.base_url,
            api_key=config.api_key,
            max_retries=0,
            timeout=openai.Timeout(config.read_timeout, connect=config.connect_timeout),
        )

    async def close(self) -> None:
        await self._client.close()

    def _check_finish(self, response: Any) -> None:
        choice = response.choices[0] if getattr(response, "choices", None) else None
        if choice is None:
            return  # instructor reports an empty answer as a parse error and re-asks
        reason = str(choice.finish_reason)
        config = self.config
        detail = str(config.max_tokens) if reason == "length" else reason
        failed = finish_failure(reason, base_url=config.base_url, model=config.model, detail=detail)
        refusal = getattr(choice.message, "refusal", None)
        if failed is None and refusal:
            failed = finish_failure("refusal", base_url=config.base_url, model=config.model, detail=refusal)
        if failed is not None:
            failed.model = response.model
            raise failed

    def _no_answer(self, exc: openai.APIConnectionError) -> None:
        """A call that got no HTTP answer: a wrong address stops the report, anything else feeds the breaker."""
        signal = signal_of(exc)
        row = lookup(signal) if signal is not None else None
        if signal is None or row is None:
            return
        config = self.config
        failure = describe(row, signal, base_url=config.base_url, model=config.model, mode=config.mode)
        if row.name == "malformed_url" or (row.name in UNTIL_ANSWERED and not self.breaker.answered):
            raise Unreachable(failure.message, row=row.name) from exc
        if self.breaker.failure(failure.message):
            log.warning("%s", say("llm.log.down", base_url=config.base_url, reason=self.breaker.reason))
            raise BreakerOpen(self.down_message(), row=row.name) from exc

    def down_message(self) -> str:
        return say("llm.not_sent", base_url=self.config.base_url, reason=self.breaker.reason)

    async def ask(
        self,
        messages: list[dict[str, str]],
        grounding: AnswerCheck,
        usage: Usage,
        response_model: type[AnswerT],
    ) -> AnswerT:
        """One call (a chunk, or the overview): up to `reasks` re-asks, each HTTP call retried by the
        policy; tokens counted for all."""

        async def create(**kwargs: Any) -> Any:
            _drop_instructor_schema(kwargs)
            grounding.attempt += 1
            if grounding.attempt > 1:
                usage.reasks += 1

            async def once() -> Any:
                if self.breaker.open:
                    raise BreakerOpen(self.down_message())
                reservation = await self.rates.acquire(_prompt_tokens(kwargs))
                if self.breaker.open:  # it opened while this call waited for the rate limit
                    raise BreakerOpen(self.down_message())
                usage.http_requests += 1
                try:
                    raw = await self._client.chat.completions.with_raw_response.create(**kwargs)
                except openai.APIStatusError as exc:
                    self.breaker.success()  # an answer, if not the one wanted: the endpoint is up
                    self.rates.observe(exc.response.headers, status=exc.status_code)
                    raise
                except openai.APIConnectionError as exc:
                    self._no_answer(exc)
                    raise
                self.breaker.success()
                self.rates.observe(raw.headers, status=raw.status_code)
                response = raw.parse()
                used = getattr(getattr(response, "usage", None), "total_tokens", None)
                self.rates.settle(reservation, int(used) if used is not None else None)
                return response

            def count_retry(_exc: BaseException, _delay: float) -> None:
                usage.retries += 1

            breaker = self.breaker
            response = await self.policy.run(once, on_retry=count_retry, give_up=lambda: breaker.open)
            usage.add_response(getattr(response, "usage", None), getattr(response, "model", None))
            self._check_finish(response)
            return response

        patched: Any = instructor.patch(create=create, mode=MODES[self.config.mode])
        # The validator reads the grounding from this task's context; instructor's own `context`
        # argument is not used because it would run the report text through Jinja templating.
        token = ACTIVE.set(grounding)
        try:
            answer: AnswerT = await patched(
                response_model=response_model,
                messages=messages,
                model=self.config.model,
                max_retries=self.config.reasks,
                **self.config.params,
            )
        finally:
            ACTIVE.reset(token)
        return answer


def _prompt_tokens(kwargs: dict[str, Any]) -> int:
    """The estimate a call reserves against --tpm, settled later to what the provider reports."""
    messages = kwargs.get("messages") or []
    text = "".join(str(m.get("content") or "") for m in messages) + str(kwargs.get("tools") or "")
    return estimate_tokens(text)


_INSTRUCTOR_SCHEMA = "As a genius expert, your task is to understand the content"


def _drop_instructor_schema(kwargs: dict[str, Any]) -> None:
    """In JSON mode instructor appends the schema, pretty-printed, to the system message. Ours already
    carries it compactly (see prompts.system_message); the copy would double what every call pays."""
    messages = kwargs.get("messages") or []
    if not messages or messages[0].get("role") != "system":
        return
    content = messages[0].get("content")
    if isinstance(content, str) and _INSTRUCTOR_SCHEMA in content:
        cut = content.index(_INSTRUCTOR_SCHEMA)
        messages[0] = {**messages[0], "content": content[:cut].rstrip() + "\n"}
