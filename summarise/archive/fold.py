"""Traditional characters folded to simplified, for search: 公務用車 and 公务用车 are the same words.

Both sides are folded, the text as it is indexed and the query, so either spelling finds both. The
table is the one the engine's normalised view uses (OpenCC's character table, from the
opencc-python-reimplemented data the project already depends on), one character to one: the same
mapping on both sides is all that matching needs, and `str.translate` costs microseconds where the
package's phrase converter, pure Python, costs half a millisecond per heading. What is shown is always
the report's own text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from ..normalise import _traditional_to_simplified


@cache
def _traditional() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Any character the table maps: (those in the BMP, those beyond it). `str.translate` looks up every
    character in Python objects (about 130 ns each), a character class is matched in C at a few ns, and
    most notices are simplified throughout: a text neither class matches is its own folding.

    Two classes, as the compiler packs a class of BMP characters into one bitmap but matches a class
    with any astral character one member at a time (fifty times slower); nor is re.escape used, which
    would unpack it the same way (the table holds CJK characters only, none special in a class)."""
    table = _traditional_to_simplified()
    bmp = "".join(sorted(chr(cp) for cp in table if 0x7F < cp < 0x10000))
    astral = "".join(sorted(chr(cp) for cp in table if cp >= 0x10000))
    return re.compile(f"[{bmp}]" if bmp else "(?!)"), re.compile(f"[{astral}]" if astral else "(?!)")


_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def fold(text: str) -> str:
    return fold_all((text,))[0]


def fold_all(texts: Sequence[str]) -> list[str]:
    table = _traditional_to_simplified()
    bmp, astral = _traditional()
    return [
        t.translate(table) if bmp.search(t) or (_ASTRAL.search(t) and astral.search(t)) else t for t in texts
    ]
