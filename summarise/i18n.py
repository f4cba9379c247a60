"""The interface language: Chinese by default, English on request (--lang en, SUMMARISE_LANG).

The language is a context variable set once per run (the launcher, a command, the pipeline), so a
library caller can summarise in English in one thread while another uses Chinese. Every text a user
reads comes from `say(key, **params)`, which looks the key up in the one catalogue, messages.py.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Literal

from .messages import CATALOGUE

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")
DEFAULT: Lang = "zh"

# The process's language (set once by the launcher or a command, seen by every thread), and a
# per-context override (use_lang) for a library caller or a test that needs another one for a while.
# A ContextVar alone would not do: threads a pool starts begin with its default, not the caller's.
_process: Lang = DEFAULT
_override: ContextVar[Lang | None] = ContextVar("summarise_lang", default=None)


def parse_lang(raw: object) -> Lang | None:
    """'zh', 'zh_CN.UTF-8', 'EN', 'en-GB' → zh or en; anything else → None."""
    text = str(raw).strip().lower().replace("-", "_")
    for lang in LANGS:
        if text == lang or text.startswith(lang + "_") or text.startswith(lang + "."):
            return lang
    return None


def env_lang() -> Lang:
    """SUMMARISE_LANG when it names a language we speak, else Chinese (LANG/LC_* are not read:
    a server's C locale must not turn an analyst's interface English)."""
    return parse_lang(os.environ.get("SUMMARISE_LANG", "")) or DEFAULT


def lang_from_argv(argv: Sequence[str]) -> Lang | None:
    """The language a command line asks for with --lang (anywhere before `--`), if it names one."""
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(argv):
            return parse_lang(argv[i + 1])
        if arg.startswith("--lang="):
            return parse_lang(arg.split("=", 1)[1])
    return None


def current() -> Lang:
    return _override.get() or _process


def set_lang(lang: Lang) -> None:
    """The language of the whole process, every thread included."""
    global _process
    _process = lang


@contextmanager
def use_lang(lang: Lang) -> Iterator[None]:
    """`lang` in this context (and the tasks and to_thread calls it starts) until the block ends."""
    token = _override.set(lang)
    try:
        yield
    finally:
        _override.reset(token)


def say(key: str, /, **params: object) -> str:
    """The message `key` in the current language, with its {placeholders} filled in."""
    zh, en = CATALOGUE[key]
    template = en if current() == "en" else zh
    return template.format(**params) if params else template


def both(key: str) -> tuple[str, str]:
    """The Chinese and English templates of `key` (for text that must be matched in either)."""
    return CATALOGUE[key]
