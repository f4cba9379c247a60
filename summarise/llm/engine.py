"""The LLM engine: fills the skeleton's entries and finds what they miss; one call per chunk, grounded, cached.

Time bounds (docs/llm.md, "Time bounds"): each call waits at most the read timeout sized to max_tokens
(LLMConfig.read_timeout); a report stops calling at its deadline (SUMMARISE_REPORT_DEADLINE, counted
from its first call), its unanswered chunks falling back with `llm_deadline`; and the circuit breaker
(retry.Breaker, SUMMARISE_DOWN_AFTER) ends every call of the run once the endpoint looks down.
"""

from __future__ import annotations

import asyncio
import logging
import weakref
from collections.abc import Awaitable, Callable, Coroutine
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from typing import Any, TypeVar

from .. import __version__
from ..errors import ConfigError, EngineError
from ..fill import Fill
from ..i18n import say
from ..models import EngineInfo, ReportSummary, Warning
from ..settings import Settings
from ..skeleton import Skeleton
from . import prompts, retry
from .answers import Reader, grounder_for
from .cache import AnswerCache, cache_key
from .chunking import Chunk, halve, plan
from .config import LLMConfig
from .failures import MAX_SPLITS, EndpointDown, Failure, classify
from .grounding import Grounding
from .overview import apply as apply_overview
from .overview import check_for as overview_check
from .overview import failed as overview_failed
from .overview import messages_for as overview_messages
from .overview import opening
from .ratelimit import RateLimiter
from .retry import Breaker, RetryPolicy
from .schemas import ChunkAnswer, OverviewAnswer, compact_schema, overview_fingerprint, schema_fingerprint
from .usage import Usage, estimate_tokens, format_usage, load_prices, price_for

log = logging.getLogger("summarise.llm")
T = TypeVar("T")
A = TypeVar("A", ChunkAnswer, OverviewAnswer)
OUTPUT_TOKENS_PER_ENTRY = 200  # dry-run estimate: summary, quote, two or three measures, JSON keys
OUTPUT_TOKENS_PER_GAP = 600  # dry-run estimate for uncovered text the model searches for problems
FATAL = ("config", "account", "request")  # no other chunk can avoid these: the report stops, exit 2
NO_ANSWER = ("transient", "deadline", "down")  # when every chunk ended so, the report is an error


OVERVIEW_ROW = "overview"  # the estimate row of the overview call (llm/overview.py)
OVERVIEW_FACTS_TOKENS = 300  # the summary's facts in the overview prompt, estimated before they exist
OVERVIEW_TOKENS_OUT = 400  # 3–5 sentences with their quotes


@dataclass(frozen=True)
class ChunkEstimate:
    """One call a dry run would make: its chunk, cache key, and estimated tokens (0 when cached)."""

    chunk: str
    key: str
    cached: bool
    prompt_tokens: int
    completion_tokens: int


class _Fatal(Exception):
    """A failure that no other chunk can avoid (bad key, no credit, unknown model): stop the whole report."""

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
    depth: int = 0  # how often the chunk was halved to get here
    parts: list[_Outcome] = field(default_factory=list)  # the halves, when it was too long for the model

    def leaves(self) -> list[_Outcome]:
        return [leaf for part in self.parts for leaf in part.leaves()] if self.parts else [self]


class _Deadline:
    """A report's deadline: `seconds` from its first call; a chunk not answered by then falls back.

    It also says when the report has stopped (a fatal failure): a chunk that gets a slot then, in the
    moment before the task group cancels it, sends nothing."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.at: float | None = None  # loop time, set by the first call that gets a slot
        self.scopes: set[asyncio.Timeout] = set()
        self.stopped = False

    def start(self) -> None:
        if self.at is None:
            self.at = asyncio.get_running_loop().time() + self.seconds
            for scope in self.scopes:
                scope.reschedule(self.at)

    @property
    def passed(self) -> bool:
        return self.at is not None and asyncio.get_running_loop().time() >= self.at

    def failure(self) -> Failure:
        return Failure(
            "deadline",
            say("llm.fail.deadline", seconds=f"{self.seconds:g}"),
        )


def _deadline_text(config: LLMConfig) -> str:
    return say("llm.fail.overview_deadline", seconds=f"{config.report_deadline:g}")


def token_estimate() -> str:
    """How a dry run estimates tokens, in the run's language."""
    return say("llm.est.rule", per_entry=OUTPUT_TOKENS_PER_ENTRY, per_gap=OUTPUT_TOKENS_PER_GAP)


class _Runtime:
    """The model client and the limit on calls in flight, created inside the event loop that uses them."""

    def __init__(self, config: LLMConfig, policy: RetryPolicy, breaker: Breaker, rates: RateLimiter) -> None:
        self.config, self.policy, self.breaker, self.rates = config, policy, breaker, rates
        self.client: Any = None
        self.limiter: asyncio.Semaphore | None = None

    def get(self) -> tuple[Any, asyncio.Semaphore]:
        if self.client is None or self.limiter is None:
            from .client import ModelClient  # openai's client is built only when a call is needed

            self.client = ModelClient(self.config, self.policy, self.breaker, self.rates)
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
    """Fills a skeleton with one grounded model call per chunk (`fill`, or `afill` for many reports).

    The circuit breaker's state is public, for callers that run many reports: `breaker` (a
    retry.Breaker) opens after `down_after` transport failures in a row (SUMMARISE_DOWN_AFTER, default
    3) and stays open for this instance's life; `endpoint_down` is its reason, None while calls may
    still be sent. Once open, no call is sent: a report with nothing cached raises `EndpointDown` (an
    EngineError), so a bulk run can stop there and leave what is left for a later run; a report
    with some chunks answered or cached is returned with `llm_endpoint_down` for the others.
    """

    name = "llm"

    def __init__(self, settings: Settings, *, policy: RetryPolicy | None = None) -> None:
        self.config = LLMConfig.from_settings(settings)
        self.policy = policy or retry.DEFAULT_POLICY
        self.breaker = Breaker(self.config.down_after)
        # --rpm / --tpm and the provider's rate-limit headers: one budget for every call of this engine.
        self.rates = RateLimiter(self.config.rpm, self.config.tpm)
        self.cache = AnswerCache(self.config.cache_dir)
        self.prices = load_prices(self.config.prices)
        self.schema = schema_fingerprint()
        self.overview_schema = overview_fingerprint()
        # The client's connection pool and the semaphore belong to one event loop. The bulk runner
        # calls asummarise() for many reports in one loop, so they share one limit on calls in flight;
        # summarise() (sync, possibly from several threads) gets a private runtime per call.
        self._shared: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, _Runtime] = (
            weakref.WeakKeyDictionary()
        )

    # -- public API ---------------------------------------------------------------------------------

    @property
    def endpoint_down(self) -> str | None:
        """Why the endpoint is treated as down for the rest of the run, or None while it is not."""
        return self.breaker.reason

    def fill(self, skeleton: Skeleton) -> Fill:
        return self._private(lambda runtime: self._fill(skeleton, runtime))

    async def afill(self, skeleton: Skeleton) -> Fill:
        """For many reports in one event loop: all their calls share one `concurrency` limit."""
        return await self._fill(skeleton, self._loop_runtime())

    def close(self) -> None:
        return None  # fill() closes its own client; afill()'s are closed by aclose() in their loop

    async def aclose(self) -> None:
        """Close the connections afill() opened in this event loop."""
        runtime = self._shared.pop(asyncio.get_running_loop(), None)
        if runtime is not None:
            await runtime.close()

    async def _fill(self, skeleton: Skeleton, runtime: _Runtime) -> Fill:
        calls = self._calls(skeleton)
        if self.config.dry_run:
            return self._dry_run(calls, skeleton)
        usage = Usage()
        outcomes = await self._run_calls(calls, skeleton, usage, runtime)
        return self._read(skeleton, outcomes, usage)

    def overview(self, skeleton: Skeleton, summary: ReportSummary) -> ReportSummary:
        """The summary with the model's overview in place of the rules one, when enough of it grounds."""
        return self._private(lambda runtime: self._overview(skeleton, summary, runtime))

    async def aoverview(self, skeleton: Skeleton, summary: ReportSummary) -> ReportSummary:
        return await self._overview(skeleton, summary, self._loop_runtime())

    def _private(self, work: Callable[[_Runtime], Awaitable[T]]) -> T:
        """`work` in its own event loop, with a runtime (client, limit) opened and closed for it."""

        async def once() -> T:
            runtime = _Runtime(self.config, self.policy, self.breaker, self.rates)
            try:
                return await work(runtime)
            finally:
                await runtime.close()

        return _run(once())

    def _loop_runtime(self) -> _Runtime:
        """The runtime every report of the running event loop shares (bulk: one concurrency limit)."""
        loop = asyncio.get_running_loop()
        runtime = self._shared.get(loop)
        if runtime is None:
            runtime = self._shared[loop] = _Runtime(self.config, self.policy, self.breaker, self.rates)
        return runtime

    def estimate(self, skeleton: Skeleton, seen: set[str] | None = None) -> list[ChunkEstimate]:
        """What each of this report's calls would cost, calling nothing: one row per chunk, in order.

        A chunk whose answer is cached, or whose cache key is in `seen` (asked earlier in the same
        estimate, e.g. a repeated passage in an archive), is a cache hit with no tokens; `seen` gains
        the keys of the others."""
        seen = set() if seen is None else seen
        rows = []
        for call in self._calls(skeleton):
            hit = call.key in seen or self.cache.has(call.key)
            seen.add(call.key)
            tokens_in, tokens_out = (0, 0) if hit else self._tokens(call)
            rows.append(ChunkEstimate(call.chunk.id, call.key, hit, tokens_in, tokens_out))
        overview = self._overview_estimate(skeleton)
        if overview is not None:
            rows.append(overview)
        return rows

    def _overview_estimate(self, skeleton: Skeleton) -> ChunkEstimate | None:
        """The overview call: its prompt holds the summary's facts, unknown before the chunks are
        answered, so it is estimated (OVERVIEW_FACTS_TOKENS) and never counted as cached."""
        if not self.config.overview:
            return None
        schema = 0 if self.config.mode == "json" else estimate_tokens(OverviewAnswer.schema_text())
        prompt = prompts.load("overview_instructions").render() + opening(skeleton)
        tokens_in = schema + estimate_tokens(prompt) + OVERVIEW_FACTS_TOKENS
        return ChunkEstimate(OVERVIEW_ROW, OVERVIEW_ROW, False, tokens_in, OVERVIEW_TOKENS_OUT)

    # -- steps --------------------------------------------------------------------------------------

    async def _overview(self, skeleton: Skeleton, summary: ReportSummary, runtime: _Runtime) -> ReportSummary:
        # Nothing to write over: no overview, a dry run, an endpoint known down, or answers that
        # grounded nowhere (the model would be writing about a report it did not read).
        unusable = any(w.code == "llm_unusable" for w in summary.warnings)
        if not self.config.overview or self.config.dry_run or summary.overview is None or unusable:
            return summary
        messages = overview_messages(skeleton, summary)
        key = cache_key(
            messages=messages,
            schema=self.overview_schema,
            base_url=self.config.base_url,
            model=self.config.model,
            mode=self.config.mode,
            params=self.config.params,
        )
        check = overview_check(skeleton, summary, self.config.reasks)
        usage = Usage()
        answer = self._overview_from_cache(key, usage)
        if answer is None:
            if self.breaker.open:
                return summary
            client, limiter = runtime.get()
            try:
                async with asyncio.timeout(self.config.report_deadline), limiter:
                    usage.calls += 1
                    answer = await client.ask(messages, check, usage, OverviewAnswer)
            except TimeoutError:
                return self._with_usage(overview_failed(summary, _deadline_text(self.config)), usage)
            except Exception as exc:
                failure = classify(
                    exc, base_url=self.config.base_url, model=self.config.model, mode=self.config.mode
                )
                if failure is None:
                    raise
                return self._with_usage(overview_failed(summary, failure.message), usage)
            entry = {
                "answer": answer.model_dump(mode="json"),
                "model": usage.models[-1] if usage.models else None,
                "chunk": "overview",
                "requested_model": self.config.model,
            }
            await asyncio.to_thread(self.cache.put, key, entry)
        return self._with_usage(apply_overview(summary, check, answer), usage)

    def _overview_from_cache(self, key: str, usage: Usage) -> OverviewAnswer | None:
        cached = self._cached(key, OverviewAnswer)
        if cached is None:
            return None
        usage.cache_hits += 1
        usage.add_response(None, cached[1])
        return cached[0]

    def _with_usage(self, summary: ReportSummary, usage: Usage) -> ReportSummary:
        """The overview call's calls and tokens added to the report's usage."""
        info = dict(summary.engine.usage)
        for name, value in usage.as_dict(None, None).items():
            if isinstance(value, int) and isinstance(info.get(name, 0), int):
                info[name] = info.get(name, 0) + value
        answered = [m for m in usage.models if m not in (info.get("models_answered") or [])]
        info["models_answered"] = [*(info.get("models_answered") or []), *answered]
        price = price_for(self.prices, self.config.model, usage.models)
        if price is not None and info.get("cost") is not None:
            info["cost"] = info["cost"] + price.cost(usage)
        info["overview_call"] = True
        engine = summary.engine.model_copy(update={"usage": info})
        return summary.model_copy(update={"engine": engine})

    def _calls(self, skeleton: Skeleton) -> list[_Call]:
        chunks = plan(skeleton, budget=self.config.chunk_tokens, max_entries=self.config.max_chunk_items)
        unit = _unit_hint(skeleton)
        return [self._prepare(chunk, skeleton, unit) for chunk in chunks]

    def _tokens(self, call: _Call) -> tuple[int, int]:
        """Estimated prompt and completion tokens of one call (usage.estimate_tokens; docs/llm.md)."""
        # Every mode sends the answer schema (in the system prompt, as tool parameters or as
        # response_format), and providers bill it as input.
        schema = 0 if self.config.mode == "json" else estimate_tokens(compact_schema())
        tokens_in = schema + sum(estimate_tokens(m["content"]) for m in call.messages)
        chunk = call.chunk
        tokens_out = (
            len(chunk.entries) * OUTPUT_TOKENS_PER_ENTRY + len(chunk.uncovered) * OUTPUT_TOKENS_PER_GAP
        )
        return tokens_in, tokens_out

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

    def _dry_run(self, calls: list[_Call], skeleton: Skeleton) -> Fill:
        todo = [c for c in calls if not self.cache.has(c.key)]
        tokens = [self._tokens(c) for c in todo]
        overview = self._overview_estimate(skeleton)
        if overview is not None:
            tokens.append((overview.prompt_tokens, overview.completion_tokens))
        tokens_in = sum(t[0] for t in tokens)
        tokens_out = sum(t[1] for t in tokens)
        usage = {
            "estimated": True,
            "calls": len(tokens),
            "cache_hits": len(calls) - len(todo),
            "prompt_tokens": tokens_in,
            "completion_tokens": tokens_out,
            "total_tokens": tokens_in + tokens_out,
            "token_estimate": token_estimate(),
        }
        warning = Warning(
            code="llm_dry_run",
            message=say(
                "llm.warn.dry_run",
                calls=len(tokens),
                cached=len(calls) - len(todo),
                tokens_in=tokens_in,
                tokens_out=tokens_out,
                model=self.config.model,
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
        deadline = _Deadline(self.config.report_deadline)
        try:
            async with asyncio.TaskGroup() as group:
                for outcome in pending:
                    group.create_task(self._call(client, limiter, outcome, skeleton, usage, deadline, group))
        except* _Fatal as group_error:
            fatal = _first_fatal(group_error)
            raise ConfigError(fatal.failure.message) from None
        leaves = [leaf for outcome in outcomes for leaf in outcome.leaves()]
        failures = [o.failure for o in leaves if o.failure is not None]
        if failures and len(failures) == len(leaves) and all(f.kind in NO_ANSWER for f in failures):
            # Nothing got through: an endpoint that is down is an error, not a silent rules summary.
            if self.breaker.open:
                raise EndpointDown(
                    say("llm.none_succeeded_down", base_url=self.config.base_url, reason=self.breaker.reason)
                )
            first = next((f for f in failures if f.kind == "transient"), failures[0])
            raise EngineError(say("llm.none_succeeded", base_url=self.config.base_url, message=first.message))
        return outcomes

    def _from_cache(self, call: _Call) -> tuple[ChunkAnswer, str | None] | None:
        return self._cached(call.key, ChunkAnswer)

    def _cached(self, key: str, model: type[A]) -> tuple[A, str | None] | None:
        """A cached answer and the model that gave it; grounding is checked again when it is applied."""
        entry = self.cache.get(key)
        if entry is None:
            return None
        try:
            return model.model_validate(entry["answer"]), entry.get("model")
        except ValueError:
            return None  # written by an older schema: ask again

    async def _call(
        self,
        client: Any,
        limiter: asyncio.Semaphore,
        outcome: _Outcome,
        skeleton: Skeleton,
        usage: Usage,
        deadline: _Deadline,
        group: asyncio.TaskGroup,
    ) -> None:
        chunk = outcome.call.chunk
        grounding = Grounding(
            grounder=grounder_for(skeleton, chunk),
            expected={e.id: e.label for e in chunk.entries},
            reasks=self.config.reasks,
        )
        answer: ChunkAnswer | None = None
        failure: Failure | None = None
        scope = asyncio.timeout_at(deadline.at)
        try:
            async with scope:
                deadline.scopes.add(scope)
                async with limiter:
                    if deadline.stopped:
                        return
                    deadline.start()
                    if deadline.passed:
                        failure = deadline.failure()  # its turn came too late: not sent
                    else:
                        usage.calls += 1
                        try:
                            answer = await client.ask(outcome.call.messages, grounding, usage, ChunkAnswer)
                        except Exception as exc:
                            failure = classify(
                                exc,
                                base_url=self.config.base_url,
                                model=self.config.model,
                                mode=self.config.mode,
                            )
                            if failure is None:
                                raise  # a bug, not a failed call: never dress it up as a fallback
                            if failure.kind in FATAL:
                                deadline.stopped = True
                                raise _Fatal(failure) from exc
        except TimeoutError:
            if not scope.expired():
                raise
            failure = deadline.failure()
        finally:
            deadline.scopes.discard(scope)
        if failure is not None and failure.kind == "context":
            if self._split(outcome, skeleton, usage):
                for part in outcome.parts:
                    if part.answer is None:
                        group.create_task(self._call(client, limiter, part, skeleton, usage, deadline, group))
                return
            failure = replace(
                failure,
                message=say(
                    "llm.fail.too_long", message=failure.message, depth=outcome.depth, limit=MAX_SPLITS
                ),
            )
        if failure is not None or answer is None:
            failure = failure or deadline.failure()
            # The breaker's opening was said once, at warning level; each chunk it stops is not news.
            level = logging.INFO if failure.kind == "down" else logging.WARNING
            log.log(level, "%s", say("llm.log.fell_back", chunk=chunk.id, message=failure.message))
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

    def _split(self, outcome: _Outcome, skeleton: Skeleton, usage: Usage) -> bool:
        """Too long for the model's context: ask for each half instead, up to MAX_SPLITS halvings deep."""
        chunk = outcome.call.chunk
        halves = halve(chunk, skeleton.view) if outcome.depth < MAX_SPLITS else None
        if halves is None:
            return False
        unit = _unit_hint(skeleton)
        outcome.parts = [
            _Outcome(self._prepare(half, skeleton, unit), depth=outcome.depth + 1) for half in halves
        ]
        for part in outcome.parts:
            cached = self._from_cache(part.call)
            if cached is not None:
                part.answer, answered_by = cached
                usage.cache_hits += 1
                usage.add_response(None, answered_by)
        first, second = (h.id for h in halves)
        log.info(
            "%s", say("llm.log.split", chunk=chunk.id, model=self.config.model, first=first, second=second)
        )
        return True

    def _read(self, skeleton: Skeleton, outcomes: list[_Outcome], usage: Usage) -> Fill:
        reader = Reader(skeleton)
        split = [o.call.chunk.id for top in outcomes for o in _walk(top) if o.parts]
        outcomes = [leaf for outcome in outcomes for leaf in outcome.leaves()]
        for outcome in outcomes:
            if outcome.answer is not None:
                reader.read(outcome.call.chunk, outcome.answer)
            elif outcome.failure is not None:
                reader.fallback(outcome.call.chunk, outcome.failure)
        price = price_for(self.prices, self.config.model, usage.models)
        info = usage.as_dict(price.cost(usage) if price else None, price.currency if price else None)
        info.update(mode=self.config.mode, requested_model=self.config.model, chunks=len(outcomes))
        if split:
            info["split_chunks"] = split  # too long for the model's context; their halves were asked
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


def _walk(outcome: _Outcome) -> list[_Outcome]:
    return [outcome] + [o for part in outcome.parts for o in _walk(part)]


def _first_fatal(group: BaseExceptionGroup[Any]) -> _Fatal:
    for error in group.exceptions:
        if isinstance(error, _Fatal):
            return error
        if isinstance(error, BaseExceptionGroup):
            return _first_fatal(error)
    raise AssertionError("no _Fatal in the group")


def _unit_hint(skeleton: Skeleton) -> str:
    """The notice's first line, for the model's orientation only; it is never quoted back."""
    lines = skeleton.outline.lines
    return lines[0].text[:60] if lines else "(未知)"
