"""What the model is asked to return: one schema for every call, in the strict common subset of JSON Schema.

Every field is required and no extra keys are allowed (nullable instead of optional), so the same
models work in tools, JSON and json_schema (structured output) modes. Descriptions are short: they
are sent with every call.
"""

from __future__ import annotations

import copy
import hashlib
import json
from contextvars import ContextVar
from typing import Any, ClassVar, Literal, Protocol, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

# Bump when a model below changes shape; part of the cache key.
ANSWER_SCHEMA_VERSION = "2"

StatusWord = Literal["done", "in_progress", "long_term", "unknown"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class MeasureAnswer(_Strict):
    text: str = Field(description="整改措施,简短中文短语")
    status: StatusWord
    quote: str = Field(description="原文逐字摘录")


class FigureAnswer(_Strict):
    label: str = Field(description="统计对象,几个字")
    number: str = Field(description="数字及单位,照原文,如38家")
    quote: str = Field(description="含该数字的原文逐字摘录")


class EntryAnswer(_Strict):
    id: str = Field(description="所列编号")
    summary: str = Field(description="一句话概括")
    quote: str = Field(description="支持概括的原文逐字摘录")
    status: StatusWord
    status_quote: str = Field(description="表明状态的原文逐字摘录;unknown时为空")
    measures: list[MeasureAnswer]
    figures: list[FigureAnswer]


class FoundItem(_Strict):
    title: str = Field(description="问题,简短中文短语")
    quote: str = Field(description="陈述该问题的原文逐字摘录")
    summary: str
    status: StatusWord
    status_quote: str
    measures: list[MeasureAnswer]
    figures: list[FigureAnswer]


class FoundArea(_Strict):
    title: str | None = Field(description="方面标题,照原文;无则null")
    quote: str = Field(description="方面标题的原文摘录;无则为空")
    items: list[FoundItem]


class _CallAnswer(_Strict):
    # What the re-ask says before the list of problems, in the model's language.
    mismatch: ClassVar[str] = "回答与原文不符"

    @classmethod
    def model_json_schema(cls, *args: Any, **kwargs: Any) -> dict[str, Any]:
        # instructor asks for the schema on every call; it never changes, and building it costs ~10 ms.
        key = (cls.__name__, args, tuple(sorted(kwargs.items())))
        if key not in _SCHEMAS:
            _SCHEMAS[key] = super().model_json_schema(*args, **kwargs)
        return copy.deepcopy(_SCHEMAS[key])

    @classmethod
    def schema_text(cls) -> str:
        """The schema as sent: no indentation, no titles."""
        return json.dumps(_strip_titles(cls.model_json_schema()), ensure_ascii=False, separators=(",", ":"))

    @model_validator(mode="after")
    def _grounded(self) -> Self:
        # The check of the call in flight, set by the client in this task's context; instructor
        # sends the message of this error back to the model as a re-ask.
        check = ACTIVE.get()
        if check is not None and check.strict:
            problems = check.problems(self)
            if problems:
                raise ValueError(f"{self.mismatch}:\n- " + "\n- ".join(problems))
        return self


class ChunkAnswer(_CallAnswer):
    entries: list[EntryAnswer] = Field(description="每个所列编号一项,按顺序")
    found: list[FoundArea] = Field(description="所列条目未覆盖的问题;没有则为[]")


_SCHEMAS: dict[tuple[Any, ...], dict[str, Any]] = {}


class OverviewSentenceAnswer(_Strict):
    text: str = Field(description="一句概述")
    quotes: list[str] = Field(description="支持该句的原文逐字摘录,至少一段")


class OverviewAnswer(_CallAnswer):
    """The overview call's answer: a few sentences over the whole notice, each with its quotes."""

    mismatch: ClassVar[str] = "概述与原文不符"

    sentences: list[OverviewSentenceAnswer] = Field(description="3至5句,按顺序")


class AnswerCheck(Protocol):
    """The grounding check of one call; the client counts its attempts in `attempt`."""

    attempt: int

    @property
    def strict(self) -> bool: ...

    def problems(self, answer: Any) -> list[str]: ...


ACTIVE: ContextVar[AnswerCheck | None] = ContextVar("summarise_llm_answer_check", default=None)


def compact_schema() -> str:
    """The answer schema as sent in JSON mode: no indentation, no titles."""
    return ChunkAnswer.schema_text()


def _strip_titles(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: _strip_titles(v) for k, v in node.items() if k != "title" or not isinstance(v, str)}
    if isinstance(node, list):
        return [_strip_titles(v) for v in node]
    return node


def schema_fingerprint() -> str:
    """Hash of the JSON Schema the model sees; part of the cache key."""
    schema = json.dumps(ChunkAnswer.model_json_schema(), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(f"{ANSWER_SCHEMA_VERSION}\n{schema}".encode()).hexdigest()[:16]


def overview_fingerprint() -> str:
    """Hash of the overview call's JSON Schema; part of its cache key."""
    schema = json.dumps(OverviewAnswer.model_json_schema(), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(f"overview-{ANSWER_SCHEMA_VERSION}\n{schema}".encode()).hexdigest()[:16]
