"""Search matches cut out of a text as (piece, matched) pairs, for the template to wrap in <mark>.

The cut is done on plain text and the template escapes every piece, so a match can never split or
create markup (highlighting after escaping would find "amp" inside &amp;)."""

from __future__ import annotations

SNIPPET = 60  # characters of context before the first match in a long measure


def pieces(text: str, terms: list[str]) -> list[tuple[str, bool]]:
    lowered = text.lower()
    covered = [False] * len(text)
    for term in {t.lower() for t in terms if t}:
        at = lowered.find(term)
        while at >= 0:
            for i in range(at, at + len(term)):
                covered[i] = True
            at = lowered.find(term, at + len(term))
    out: list[tuple[str, bool]] = []
    start = 0
    for i in range(1, len(text) + 1):
        if i == len(text) or covered[i] != covered[start]:
            out.append((text[start:i], covered[start]))
            start = i
    return out


def snippet(text: str, terms: list[str], width: int = SNIPPET) -> list[tuple[str, bool]]:
    """A window of a long text around its first match, with … where it was cut, as pieces."""
    text = " ".join(text.split())
    lowered = text.lower()
    at = min((i for i in (lowered.find(t.lower()) for t in terms if t) if i >= 0), default=0)
    start = max(0, at - width)
    end = min(len(text), at + width * 2)
    window = ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")
    return pieces(window, terms)
