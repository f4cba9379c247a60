"""A normalised view of the source text that maps every character back to its original offset.

Parsing runs on the view (half-width punctuation, no zero-width characters, no stray spaces between
Chinese characters); evidence is always cut from the original text through `to_original`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_FULLWIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_EXTRA = {0x3000: " ", 0x00A0: " ", 0x2002: " ", 0x2003: " ", 0x2009: " ", 0xFE50: ",", 0xFE52: ".",
          0xFF5F: "(", 0xFF60: ")", 0x2014: "—"}
_TRANSLATE = {**{k: chr(v) for k, v in _FULLWIDTH.items()}, **_EXTRA}
_DROP = set("\u200b\u200c\u200d\u2060\ufeff\u00ad")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff“”‘’《》、。]")


@dataclass(frozen=True)
class NormView:
    original: str
    text: str
    pos: tuple[int, ...]  # pos[i] = offset in `original` of text[i]; pos[len(text)] = len(original)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a half-open span of the view to the smallest original span that covers it."""
        if end <= start:
            o = self.pos[start]
            return o, o
        return self.pos[start], self.pos[end - 1] + 1


def _is_cjk(ch: str) -> bool:
    return bool(_CJK.match(ch))


def normalise(original: str) -> NormView:
    chars: list[str] = []
    pos: list[int] = []
    n = len(original)
    i = 0
    while i < n:
        ch = original[i]
        if ch in _DROP:
            i += 1
            continue
        ch = _TRANSLATE.get(ord(ch), ch)
        if ch in " \t" and chars and _is_cjk(chars[-1]):
            # A run of spaces between two Chinese characters is noise ("巡 察"); keep spaces elsewhere.
            j = i
            while j < n and _TRANSLATE.get(ord(original[j]), original[j]) in " \t":
                j += 1
            if j < n and _is_cjk(original[j]):
                i = j
                continue
        chars.append(ch)
        pos.append(i)
        i += 1
    pos.append(n)
    return NormView(original=original, text="".join(chars), pos=tuple(pos))


@dataclass(frozen=True)
class Line:
    start: int  # view offsets, leading/trailing whitespace excluded
    end: int
    text: str


def lines(view: NormView) -> list[Line]:
    out: list[Line] = []
    offset = 0
    for raw in view.text.split("\n"):
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            out.append(Line(offset + lead, offset + lead + len(stripped), stripped))
        offset += len(raw) + 1
    return out
