"""A normalised view of the source text that maps every character back to its original offset.

Parsing runs on the view (half-width punctuation, no zero-width characters, no stray spaces between
Chinese characters); evidence is always cut from the original text through `to_original`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

_FULLWIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_EXTRA = {
    0x3000: " ",
    0x00A0: " ",
    0x2002: " ",
    0x2003: " ",
    0x2009: " ",
    0xFE50: ",",
    0xFE52: ".",
    0xFF5F: "(",
    0xFF60: ")",
    0x2014: "—",
}
_TRANSLATE = {**{k: chr(v) for k, v in _FULLWIDTH.items()}, **_EXTRA}
_DROP = set("\u200b\u200c\u200d\u2060\ufeff\u00ad")
_CJK_CLASS = "[\u3400-\u9fff\uf900-\ufaff“”‘’《》、。]"
_DROP_CLASS = "[" + "".join(sorted(_DROP)) + "]"
# A zero-width character, or a run of spaces between Chinese characters. Both begin with one class of
# characters, the run's left neighbour checked after its first space: the scan skips to those
# characters instead of testing a lookbehind at every position.
_REMOVE = re.compile(
    "[" + "".join(sorted(_DROP)) + " \t]"
    "(?:(?<=" + _DROP_CLASS + ")|(?<=" + _CJK_CLASS + "[ \t])[ \t]*(?=" + _CJK_CLASS + "))"
)
_TABLE = str.maketrans(_TRANSLATE)


@cache
def _tables() -> tuple[str, dict[int, str]]:
    """The mapping of the Basic Multilingual Plane as one string indexed by code point, and the few
    characters above it as a dict. With the string, str.translate finds each character's replacement
    (itself, mostly) without the lookup miss a dict pays on every unmapped character. It is made as
    UTF-32 bytes decoded once: a join of 65,536 characters costs several times more."""
    mapped: dict[int, str] = {**_traditional_to_simplified(), **_TABLE}
    # Code point n as little-endian UTF-32 is the bytes (n % 256, n // 256, 0, 0): laid out by slices.
    units = bytearray(4 * 0x10000)
    units[0::4] = bytes(range(256)) * 256
    units[1::4] = b"".join(bytes([high]) * 256 for high in range(256))
    for cp, ch in mapped.items():
        if cp < 0x10000:
            units[4 * cp : 4 * cp + 4] = ord(ch).to_bytes(4, "little")
    # Surrogates are no characters to a codec: they are joined in as themselves.
    surrogates = "".join(map(chr, range(0xD800, 0xE000)))
    bmp = units[: 4 * 0xD800].decode("utf-32-le") + surrogates + units[4 * 0xE000 :].decode("utf-32-le")
    return bmp, {cp: ch for cp, ch in mapped.items() if cp >= 0x10000}


def _translate(text: str) -> str:
    bmp, astral = _tables()
    out = text.translate(bmp)  # characters past the string's end are left as they are
    # Only a text with characters beyond the BMP (two UTF-16 units each) can hold an astral mapping.
    if astral and len(text.encode("utf-16-le", "surrogatepass")) != 2 * len(text):
        out = out.translate(astral)
    return out


@cache
def _traditional_to_simplified() -> dict[int, str]:
    """OpenCC's character table (traditional → simplified), one character to one, so offsets hold."""
    try:
        data = resources.files("opencc").joinpath("dictionary/TSCharacters.txt").read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError):  # pragma: no cover - optional at run time
        return {}
    table: dict[int, str] = {}
    for line in data.splitlines():
        trad, _, simp = line.partition("\t")
        first = simp.split(" ")[0] if simp else ""
        if len(trad) == 1 and len(first) == 1 and trad != first:
            table[ord(trad)] = first
    return table


@dataclass(frozen=True)
class NormView:
    original: str
    text: str
    pos: tuple[int, ...] | None  # pos[i] = offset in `original` of text[i]; None when the view is 1:1

    def orig(self, i: int) -> int:
        return i if self.pos is None else self.pos[i]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a half-open span of the view to the smallest original span that covers it."""
        if end <= start:
            o = self.orig(start)
            return o, o
        return self.orig(start), self.orig(end - 1) + 1


def normalise(original: str) -> NormView:
    """Full-width ASCII to half-width and traditional to simplified characters (both 1:1), then drop zero-width characters and spaces between Chinese
    characters ("巡 察"), keeping a map from each remaining character to its original offset."""
    translated = _translate(original)
    removals = [m.span() for m in _REMOVE.finditer(translated)]
    if not removals:
        return NormView(original=original, text=translated, pos=None)
    pieces: list[str] = []
    pos: list[int] = []
    last = 0
    for start, end in removals:
        pieces.append(translated[last:start])
        pos.extend(range(last, start))
        last = end
    pieces.append(translated[last:])
    pos.extend(range(last, len(translated)))
    pos.append(len(original))
    return NormView(original=original, text="".join(pieces), pos=tuple(pos))


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
