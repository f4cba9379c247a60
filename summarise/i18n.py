"""The interface language: Chinese by default, English on request (--lang en, SUMMARISE_LANG).

The language is a context variable set once per run (the launcher, a command, the pipeline), so a
library caller can summarise in English in one thread while another uses Chinese. Every text a user
reads comes from `say(key, **params)`, which looks the key up in the one catalogue, messages.py.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Literal

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")
DEFAULT: Lang = "zh"

_current: ContextVar[Lang] = ContextVar("summarise_lang", default=DEFAULT)


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


def current() -> Lang:
    return _current.get()


def set_lang(lang: Lang) -> None:
    _current.set(lang)


@contextmanager
def use_lang(lang: Lang) -> Iterator[None]:
    token = _current.set(lang)
    try:
        yield
    finally:
        _current.reset(token)


def say(key: str, /, **params: object) -> str:
    """The message `key` in the current language, with its {placeholders} filled in."""
    from .messages import CATALOGUE

    zh, en = CATALOGUE[key]
    template = en if _current.get() == "en" else zh
    return template.format(**params) if params else template


def both(key: str) -> tuple[str, str]:
    """The Chinese and English templates of `key` (for text that must be matched in either)."""
    from .messages import CATALOGUE

    return CATALOGUE[key]
