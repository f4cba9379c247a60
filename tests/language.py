"""What "no English sentence" means for the tests of the Chinese interface (and the converse).

An English sentence is three or more English words in a row. Flags (--engine), environment
variables (SUMMARISE_LANG), warning codes (count_mismatch), paths, URLs, format names and model
names are not words of a sentence: they are what a user types, the same in both languages.
"""

from __future__ import annotations

import re

_NOT_WORDS = re.compile(
    r"`[^`\n]*`"  # commands quoted as code: `summarise report FILE --engine llm`
    r"|https?://\S+"  # URLs
    r"|--?[A-Za-z][\w-]*"  # flags
    r"|\b[A-Z][A-Z0-9_]{2,}\b"  # SUMMARISE_LANG, OPENAI_API_KEY, JSON, CSV
    r"|\b\w+_\w+\b"  # warning codes, field names
    r"|[\w./-]*[/\\][\w./-]*"  # paths
    r"|\b\w+\.\w+\b"  # file names, module names
)
_WORD = r"[A-Za-z][a-z]+(?:'[a-z]+)?"
_SENTENCE = re.compile(rf"{_WORD}(?:[ ,;:]+{_WORD}){{2,}}")
_CJK = re.compile(r"[\u3400-\u9fff]")


def english_sentences(text: str) -> list[str]:
    """The runs of three or more English words in `text`, outside what a user types."""
    return _SENTENCE.findall(_NOT_WORDS.sub(" ", text))


def chinese_share(text: str) -> float:
    """The share of letters that are Chinese characters (English views quote the report: never 0)."""
    letters = [ch for ch in text if ch.isalpha()]
    return sum(1 for ch in letters if _CJK.match(ch)) / len(letters) if letters else 0.0
