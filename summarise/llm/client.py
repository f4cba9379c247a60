"""The model call: openai's async client, instructor for the schema and re-asks, tenacity for transport.

Only this module imports openai's client and instructor's patch; everything else sees `ModelClient.ask`.
"""

from __future__ import annotations

import logging
from typing import Any

import instructor
import openai
from instructor import Mode

from .config import LLMConfig
from .failures import Refused, Truncated
from .grounding import Grounding
from .retry import RetryPolicy
from .schemas import ACTIVE, ChunkAnswer
from .usage import Usage

MODES: dict[str, Mode] = {"tools": Mode.TOOLS, "json": Mode.JSON, "json_schema": Mode.JSON_SCHEMA}
_REFUSAL_FINISH = ("content_filter", "sensitive")  # OpenAI / Azure, and Moonshot/Zhipu-style providers

# instructor logs every exit from its re-ask loop at ERROR, including the transport errors and
# refusals this engine handles and reports itself; keep that off stderr unless a user configured it.
_instructor_log = logging.getLogger("instructor")
if _instructor_log.level == logging.NOTSET:
    _instructor_log.setLevel(logging.CRITICAL)


class ModelClient:
    def __init__(self, config: LLMConfig, policy: RetryPolicy) -> None:
        self.config = config
        self.policy = policy
        # max_retries=0: transport retries belong to RetryPolicy alone (see retry.py).
        self._client = openai.AsyncOpenAI(
            base_url=config.base_url,
            api_key=config.api_key,
            max_retries=0,
            timeout=config.timeout,
        )

    async def close(self) -> None:
        await self._client.close()

    def _check_finish(self, response: Any) -> None:
        choice = response.choices[0] if getattr(response, "choices", None) else None
        if choice is None:
            return  # instructor reports an empty answer as a parse error and re-asks
        reason = choice.finish_reason
        if reason == "length":
            raise Truncated(
                f"the model's answer was cut off at max_tokens={self.config.max_tokens} (finish_reason=length); "
                "raise SUMMARISE_MAX_TOKENS or lower SUMMARISE_MAX_CHUNK_ITEMS",
                model=response.model,
            )
        if reason in _REFUSAL_FINISH:
            raise Refused(f"the provider's content filter stopped the answer (finish_reason={reason})")
        refusal = getattr(choice.message, "refusal", None)
        if refusal:
            raise Refused(f"the model refused: {refusal}")

    async def ask(self, messages: list[dict[str, str]], grounding: Grounding, usage: Usage) -> ChunkAnswer:
        """One chunk: up to `reasks` re-asks, each HTTP call retried by the policy; tokens counted for all."""

        async def create(**kwargs: Any) -> Any:
            _drop_instructor_schema(kwargs)
            grounding.attempt += 1
            if grounding.attempt > 1:
                usage.reasks += 1

            async def once() -> Any:
                usage.http_requests += 1
                return await self._client.chat.completions.create(**kwargs)

            def count_retry(_exc: BaseException, _delay: float) -> None:
                usage.retries += 1

            response = await self.policy.run(once, on_retry=count_retry)
            usage.add_response(getattr(response, "usage", None), getattr(response, "model", None))
            self._check_finish(response)
            return response

        patched: Any = instructor.patch(create=create, mode=MODES[self.config.mode])
        # The validator reads the grounding from this task's context; instructor's own `context`
        # argument is not used because it would run the report text through Jinja templating.
        token = ACTIVE.set(grounding)
        try:
            answer: ChunkAnswer = await patched(
                response_model=ChunkAnswer,
                messages=messages,
                model=self.config.model,
                max_retries=self.config.reasks,
                **self.config.params,
            )
        finally:
            ACTIVE.reset(token)
        return answer


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
