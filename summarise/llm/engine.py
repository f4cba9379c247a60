"""The LLM engine: fills the skeleton's entries and finds what they miss; one call per chunk, grounded, cached."""

from __future__ import annotations

import asyncio
import logging
import weakref
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, TypeVar

from .. import __version__
from ..errors import ConfigError, EngineError
from ..fill import Fill
from ..models import EngineInfo, Warning
from ..settings import Settings
from ..skeleton import Skeleton
from . import prompts, retry
from .answers import Reader, grounder_for
from .cache import AnswerCache, cache_key
from .chunking import Chunk, plan
from .config import LLMConfig
from .failures import Failure, classify
from .grounding import Grounding
from .retry import RetryPolicy
from .schemas import ChunkAnswer, compact_schema, schema_fingerprint
from .usage import Usage, estimate_tokens, format_usage, load_prices, price_for

log = logging.getLogger("summarise.llm")
T = TypeVar("T")
OUTPUT_TOKENS_PER_ENTRY = 200  # dry-run estimate: summary, quote, two or three measures, JSON keys
OUTPUT_TOKENS_PER_GAP = 600  # dry-run estimate for uncovered text the model searches for problems


class _Fatal(Exception):
    """A failure that no other chunk can avoid (bad key, unknown model): stop the whole report."""

    def __init__(self, failure: Failure) -> None:
        super().__init__(failure.message)
        self.failure = failure


@dataclass
class _Call:
    chunk: Chunk
    messages: list[dict[str, str]]
    key: str


@dataclass
class _Outcome:
    call: _Call
    answer: ChunkAnswer | None = None
    failure: Failure | None = None


class _Runtime:
    """The model client and the limit on calls in flight, created inside the event loop that uses them."""

    def __init__(self, config: LLMConfig, policy: RetryPolicy) -> None:
        self.config, self.policy = config, policy
        self.client: Any = None
        self.limiter: asyncio.Semaphore | None = None

    def get(self) -> tuple[Any, asyncio.Semaphore]:
        if self.client is None or self.limiter is None:
            from .client import ModelClient  # openai's client is built only when a call is needed

            self.client = ModelClient(self.config, self.policy)
            self.limiter = asyncio.Semaphore(self.config.concurrency)
        return self.client, self.limiter

    async def close(self) -> None:
        if self.client is not None:
            client, self.client = self.client, None
            await client.close()


def render_entries(chunk: Chunk) -> str:
    """How many: each id is tagged into the excerpt where its entry's title begins."""
    return f"{len(chunk.entries)}项，编号已标在摘录中" if chunk.entries else "(无)"


def messages_for(chunk: Chunk, skeleton: Skeleton, unit: str) -> list[dict[str, str]]:
    user = prompts.user_message(
        unit=unit, section=chunk.section, entries=render_entries(chunk), report=chunk.text(skeleton.view)
    )
    return [{"role": "system", "content": prompts.system_message()}, {"role": "user", "content": user}]


def _run(coro: Coroutine[Any, Any, T]) -> T:
    """asyncio.run, or in a worker thread when the caller already runs an event loop (notebooks)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        running = False  # the usual case; asyncio.run outside this handler keeps tracebacks unchained
    else:
        running = True
    if not running:
        return asyncio.run(coro)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coro).result()


class LLMEngine:
    name = "llm"

    def __init__(self, settings: Settings, *, policy: RetryPolicy | None = None) -> None:
        self.config = LLMConfig.from_settings(settings)
        self.policy = policy or retry.DEFAULT_POLICY
        self.cache = AnswerCache(self.config.cache_dir)
        self.prices = load_prices(self.config.prices)
        self.schema = schema_fingerprint()
        # The client's connection pool and the semaphore belong to one event loop. The bulk runner
        # calls asummarise() for many reports in one loop, so they share one limit on calls in flight;
        # summarise() (sync, possibly from several threads) gets a private runtime per call.
        self._shared: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, _Runtime] = (
            weakref.WeakKeyDictionary()
        )

    # -- public API ---------------------------------------------------------------------------------

    def fill(self, skeleton: Skeleton) -> Fill:
        async def once() -> Fill:
            runtime = _Runtime(self.config, self.policy)
            try:
                return await self._fill(skeleton, runtime)
            finally:
                await runtime.close()

        return _run(once())

    async def afill(self, skeleton: Skeleton) -> Fill:
        """For many reports in one event loop: all their calls share one `concurrency` limit."""
        loop = asyncio.get_running_loop()
        runtime = self._shared.get(loop)
        if runtime is None:
            runtime = self._shared[loop] = _Runtime(self.config, self.policy)
        return await self._fill(skeleton, runtime)

    def close(self) -> None:
        return None  # fill() closes its own client; afill()'s are closed by aclose() in their loop

    async def aclose(self) -> None:
        """Close the connections afill() opened in this event loop."""
        runtime = self._shared.pop(asyncio.get_running_loop(), None)
        if runtime is not None:
            await runtime.close()

    async def _fill(self, skeleton: Skeleton, runtime: _Runtime) -> Fill:
        chunks = plan(skeleton, budget=self.config.chunk_tokens, max_entries=self.config.max_chunk_items)
        unit = _unit_hint(skeleton)
        calls = [self._prepare(chunk, skeleton, unit) for chunk in chunks]
        if self.config.dry_run:
            return self._dry_run(calls)
        usage = Usage()
        outcomes = await self._run_calls(calls, skeleton, usage, runtime)
        return self._read(skeleton, outcomes, usage)

    # -- steps --------------------------------------------------------------------------------------

    def _prepare(self, chunk: Chunk, skeleton: Skeleton, unit: str) -> _Call:
        messages = messages_for(chunk, skeleton, unit)
        key = cache_key(
            messages=messages,
            schema=self.schema,
            base_url=self.config.base_url,
            model=self.config.model,
            mode=self.config.mode,
            params=self.config.params,
        )
        return _Call(chunk, messages, key)

    def _dry_run(self, calls: list[_Call]) -> Fill:
        todo = [c for c in calls if not self.cache.has(c.key)]
        # Every mode sends the answer schema (in the system prompt, as tool parameters or as
        # response_format), and providers bill it as input.
        schema = 0 if self.config.mode == "json" else estimate_tokens(compact_schema())
        tokens_in = sum(schema + sum(estimate_tokens(m["content"]) for m in c.messages) for c in todo)
        tokens_out = sum(
            len(c.chunk.entries) * OUTPUT_TOKENS_PER_ENTRY + len(c.chunk.uncovered) * OUTPUT_TOKENS_PER_GAP
            for c in todo
        )
        usage = {
            "estimated": True,
            "calls": len(todo),
            "cache_hits": len(calls) - len(todo),
            "prompt_tokens": tokens_in,
            "completion_tokens": tokens_out,
            "total_tokens": tokens_in + tokens_out,
            "token_estimate": "1 per CJK character + 1 per 4 other characters, schema included; "
            f"{OUTPUT_TOKENS_PER_ENTRY} out per entry, {OUTPUT_TOKENS_PER_GAP} per uncovered stretch",
        }
        warning = Warning(
            code="llm_dry_run",
            message=(
                f"dry run: no model was called and this is the rules engine's summary; {len(todo)} calls "
                f"({len(calls) - len(todo)} cached) with about {tokens_in:,} tokens in and {tokens_out:,} out "
                f"would go to {self.config.model}"
            ),
        )
        log.info(format_usage(usage))
        return Fill(
            engine=EngineInfo(name="llm", version=__version__, model=self.config.model, usage=usage),
            warnings=[warning],
        )

    async def _run_calls(
        self, calls: list[_Call], skeleton: Skeleton, usage: Usage, runtime: _Runtime
    ) -> list[_Outcome]:
        outcomes = [_Outcome(call) for call in calls]
        pending = []
        for outcome in outcomes:
            cached = self._from_cache(outcome.call)
            if cached is not None:
                outcome.answer, answered_by = cached
                usage.cache_hits += 1
                usage.add_response(None, answered_by)
            else:
                pending.append(outcome)
        if not pending:
            return outcomes
        client, limiter = runtime.get()
        try:
            async with asyncio.TaskGroup() as group:
                for outcome in pending:
                    group.create_task(self._call(client, limiter, outcome, skeleton, usage))
        except* _Fatal as group_error:
            fatal = next(e for e in group_error.exceptions if isinstance(e, _Fatal))
            error = ConfigError if fatal.failure.kind == "config" else EngineError
            raise error(fatal.failure.message) from None
        failures = [o.failure for o in pending if o.failure is not None]
        if failures and len(failures) == len(outcomes) and all(f.kind == "transient" for f in failures):
            # Nothing got through: an endpoint that is down is an error, not a silent rules summary.
            raise EngineError(f"no call to {self.config.base_url} succeeded: {failures[0].message}")
        return outcomes

    def _from_cache(self, call: _Call) -> tuple[ChunkAnswer, str | None] | None:
        """A cached answer and the model that gave it; grounding is checked again when it is applied."""
        entry = self.cache.get(call.key)
        if entry is None:
            return None
        try:
            return ChunkAnswer.model_validate(entry["answer"]), entry.get("model")
        except ValueError:
            return None  # written by an older schema: ask again

    async def _call(
        self, client: Any, limiter: asyncio.Semaphore, outcome: _Outcome, skeleton: Skeleton, usage: Usage
    ) -> None:
        chunk = outcome.call.chunk
        grounding = Grounding(
            grounder=grounder_for(skeleton, chunk),
            expected={e.id: e.label for e in chunk.entries},
            reasks=self.config.reasks,
        )
        async with limiter:
            usage.calls += 1
            try:
                answer = await client.ask(outcome.call.messages, grounding, usage)
            except Exception as exc:
                failure = classify(exc, base_url=self.config.base_url, model=self.config.model)
                if failure is None:
                    raise  # a bug, not a failed call: never dress it up as a fallback
                if failure.kind in ("config", "request"):
                    raise _Fatal(failure) from exc
                log.warning("llm chunk %s fell back to the rules engine: %s", chunk.id, failure.message)
                outcome.failure = failure
                usage.fallbacks.append(chunk.id)
                return
        outcome.answer = answer
        # The write (and its fsync) off the event loop: calls in flight for other chunks go on meanwhile.
        await asyncio.to_thread(
            self.cache.put,
            outcome.call.key,
            {
                "answer": answer.model_dump(mode="json"),
                "model": usage.models[-1] if usage.models else None,
                "chunk": chunk.id,
                "requested_model": self.config.model,
            },
        )

    def _read(self, skeleton: Skeleton, outcomes: list[_Outcome], usage: Usage) -> Fill:
        reader = Reader(skeleton)
        for outcome in outcomes:
            if outcome.answer is not None:
                reader.read(outcome.call.chunk, outcome.answer)
            elif outcome.failure is not None:
                reader.fallback(outcome.call.chunk, outcome.failure)
        price = price_for(self.prices, self.config.model, usage.models)
        info = usage.as_dict(price.cost(usage) if price else None, price.currency if price else None)
        info.update(mode=self.config.mode, requested_model=self.config.model, chunks=len(outcomes))
        info["prompt_versions"] = prompts.versions()
        model = usage.models[0] if usage.models else self.config.model
        log.info(format_usage(info))
        return Fill(
            engine=EngineInfo(name="llm", version=__version__, model=model, usage=info),
            entries=reader.entries,
            found=reader.found,
            warnings=reader.warnings,
            unusable=reader.unusable,
        )


def _unit_hint(skeleton: Skeleton) -> str:
    """The notice's first line, for the model's orientation only; it is never quoted back."""
    lines = skeleton.outline.lines
    return lines[0].text[:60] if lines else "(未知)"
