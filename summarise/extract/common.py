"""What the three extractors share: the character classes they test and the final check."""

from __future__ import annotations

import re

from ..errors import InputError
from ..i18n import say

CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
WS = re.compile(r"[ \t\r\n\f\v\u00a0\u3000]+")


def finish(lines: list[str], name: str, what: str) -> str:
    """One paragraph a line; an input that yields nothing is an error, not an empty summary."""
    text = "\n".join(line for line in lines if line)
    if not text.strip():
        raise InputError(say("err.no_text", path=name, what=what))
    return text
