"""Traditional characters folded to simplified, for search: 公務用車 and 公务用车 are the same words.

Both sides are folded, the text as it is indexed and the query, so either spelling finds both. The
table is the one the engine's normalised view uses (OpenCC's character table, from the
opencc-python-reimplemented data the project already depends on), one character to one: the same
mapping on both sides is all that matching needs, and `str.translate` costs microseconds where the
package's phrase converter, pure Python, costs half a millisecond per heading. What is shown is always
the report's own text.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..normalise import _traditional_to_simplified


def fold(text: str) -> str:
    return text.translate(_traditional_to_simplified())


def fold_all(texts: Sequence[str]) -> list[str]:
    table = _traditional_to_simplified()
    return [t.translate(table) for t in texts]
