"""Text out of HTML, PDF, DOCX and markdown files: the notice itself, in reading order, one paragraph a line.

The text returned here becomes `source.text`, the string every evidence offset points into, so it
keeps the report's own characters (punctuation is normalised later, for parsing only). What is
removed is what a reader would not call part of the notice: site navigation and buttons, running
headers and page numbers, the line breaks a PDF puts inside paragraphs. Each reader is imported when
first used (and imports its library, selectolax, pdfplumber or python-docx, only when called), so a
plain-text report pays for none of them.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .markdown import markdown_text
    from .pdf import pdf_text
    from .web import html_text
    from .word import docx_text, number_label

_HOME = {
    "docx_text": "word",
    "html_text": "web",
    "markdown_text": "markdown",
    "number_label": "word",
    "pdf_text": "pdf",
}
__all__ = ["docx_text", "html_text", "markdown_text", "number_label", "pdf_text"]


def __getattr__(name: str) -> Any:
    if name not in _HOME:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f".{_HOME[name]}", __name__), name)
