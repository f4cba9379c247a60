"""Prompt templates: versioned TOML files rendered with named variables.

A template declares the variables it uses; a placeholder that is not declared, a declared variable the
text never uses, and a missing or unexpected value at render time are all errors that name the variable.
Templates use `${name}` placeholders (string.Template) so JSON braces in the prompt need no escaping.
The report text is always passed through `fence()`, which marks it as data.
"""

from __future__ import annotations

import os
import string
import tomllib
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..errors import ConfigError
from ..i18n import say

FENCE_OPEN = "<<<REPORT"
FENCE_CLOSE = "REPORT>>>"


class PromptError(ConfigError):
    """A prompt template is malformed, or was rendered with the wrong variables."""


class PromptTemplate(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    version: int = Field(ge=1, description="Bump on every change; it is part of the cache key.")
    description: str
    variables: tuple[str, ...]
    text: str

    def check(self) -> PromptTemplate:
        template = string.Template(self.text)
        if not template.is_valid():
            raise PromptError(say("llm.prompt.placeholder", name=self.name))
        used = set(template.get_identifiers())
        declared = set(self.variables)
        if used - declared:
            raise PromptError(
                say("llm.prompt.undeclared", name=self.name, names=", ".join(sorted(used - declared)))
            )
        if declared - used:
            raise PromptError(
                say("llm.prompt.unused", name=self.name, names=", ".join(sorted(declared - used)))
            )
        return self

    def render(self, **values: str) -> str:
        missing = [v for v in self.variables if v not in values]
        if missing:
            raise PromptError(
                say("llm.prompt.missing", name=self.name, version=self.version, names=", ".join(missing))
            )
        extra = sorted(set(values) - set(self.variables))
        if extra:
            raise PromptError(
                say("llm.prompt.unexpected", name=self.name, version=self.version, names=", ".join(extra))
            )
        return string.Template(self.text).substitute(values).strip() + "\n"


def prompts_dir() -> Traversable:
    """SUMMARISE_PROMPTS_DIR, else the copy inside the installed wheel, else the repository's prompts/."""
    override = os.environ.get("SUMMARISE_PROMPTS_DIR")
    if override:
        return Path(override)
    packaged = resources.files("summarise") / "_data" / "prompts"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "prompts"


@cache
def _load(directory: str, name: str) -> PromptTemplate:
    base = prompts_dir()
    source = base / f"{name}.toml"
    if not source.is_file():
        raise PromptError(say("llm.prompt.not_found", name=name, directory=directory))
    try:
        data = tomllib.loads(source.read_text(encoding="utf-8"))
        template = PromptTemplate.model_validate(data)
    except (tomllib.TOMLDecodeError, ValidationError) as exc:
        raise PromptError(say("llm.prompt.malformed", name=name, error=exc)) from exc
    if template.name != name:
        raise PromptError(say("llm.prompt.misnamed", name=name, other=template.name))
    return template.check()


def load(name: str) -> PromptTemplate:
    return _load(str(prompts_dir()), name)


def fence(text: str) -> str:
    """The report text between fence lines; fence markers inside the text are broken so it cannot close early."""
    safe = text.replace(FENCE_CLOSE, "REPORT> > >").replace(FENCE_OPEN, "< < <REPORT")
    return f"{FENCE_OPEN}\n{safe.strip()}\n{FENCE_CLOSE}"


def system_message() -> str:
    """The fixed text of every call, sent first so providers' prefix caches apply. It spells the answer's
    shape compactly; tools and json_schema modes also send the JSON Schema, as the API requires."""
    return load("instructions").render()


def user_message(*, unit: str, section: str, entries: str, report: str) -> str:
    return load("chunk").render(unit=unit, section=section, entries=entries or "(无)", report=fence(report))


def versions() -> dict[str, int]:
    return {
        name: load(name).version for name in ("instructions", "chunk", "overview_instructions", "overview")
    }
