"""What the model is asked to return, in the strict common subset of JSON Schema.

Every field is required and no extra keys are allowed (nullable instead of optional), so the same
models work in tools, JSON and json_schema (structured output) modes. Field descriptions are part of
the prompt: instructor sends them with the schema.
"""

from __future__ import annotations

import hashlib
import json
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from .grounding import ACTIVE

# Bump when a model below changes shape; part of the cache key.
ANSWER_SCHEMA_VERSION = "1"

StatusWord = Literal["done", "in_progress", "long_term", "unknown"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class MeasureAnswer(_Strict):
    text: str = Field(description="The measure as a short Chinese phrase (at most about 20 characters).")
    status: StatusWord = Field(description="done / in_progress / long_term / unknown, as the text says.")
    quote: str = Field(description="A passage copied exactly from the report text that states this measure.")


class FigureAnswer(_Strict):
    label: str = Field(description="What is counted or measured, in a few Chinese words.")
    number: str = Field(
        description="The number exactly as written in the text, with its unit, e.g. 38家 or 57.2亿元."
    )
    quote: str = Field(description="A passage copied exactly from the report text that contains the number.")


class ItemAnswer(_Strict):
    id: str = Field(description="The item id exactly as listed, e.g. A1.2.")
    summary: str = Field(description="The problem or task in one short Chinese sentence.")
    status: StatusWord = Field(description="done / in_progress / long_term / unknown, as the text says.")
    quote: str = Field(description="A passage copied exactly from the item's text that supports the summary.")
    measures: list[MeasureAnswer] = Field(
        description="The rectification measures; empty when there are none."
    )
    figures: list[FigureAnswer] = Field(description="Numbers the item reports; empty when there are none.")


class ChunkAnswer(_Strict):
    """One entry per listed item id, in the listed order."""

    items: list[ItemAnswer]

    @model_validator(mode="after")
    def _grounded(self) -> ChunkAnswer:
        # The grounding of the call in flight, set by the client in this task's context; instructor
        # sends the message of this error back to the model as a re-ask.
        grounding = ACTIVE.get()
        if grounding is not None and grounding.strict:
            problems = grounding.problems(self)
            if problems:
                raise ValueError("the answer does not match the report:\n- " + "\n- ".join(problems))
        return self


def schema_fingerprint() -> str:
    """Hash of the JSON Schema the model sees; part of the cache key."""
    schema = json.dumps(ChunkAnswer.model_json_schema(), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(f"{ANSWER_SCHEMA_VERSION}\n{schema}".encode()).hexdigest()[:16]
