"""Spreadsheet cells that open safely in Excel and WPS: the one place every CSV and xlsx we write
takes its cell rules from.

Report text is untrusted: a cell that starts like a formula (= + - @, or \\t and \\r, which lead to
DDE) would be evaluated when the file is opened, so it is kept as text. CSVs start with a UTF-8 BOM,
without which Excel and WPS read UTF-8 as the local code page and show the Chinese garbled.
"""

from __future__ import annotations

from .render import strip_controls

BOM = "\ufeff"
# Excel's limit on a cell's text; longer text is cut, with … to say so.
CELL_LIMIT = 32_767
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def clean_text(text: str) -> str:
    """Report text as a cell holds it: no control characters, within Excel's length limit."""
    text = strip_controls(text)
    return text if len(text) <= CELL_LIMIT else text[: CELL_LIMIT - 1] + "…"


def is_formula_like(text: str) -> bool:
    return text.startswith(FORMULA_START)


def csv_cell(value: object) -> object:
    """A CSV cell shown as the text it is: a leading ' makes Excel and WPS read a formula-like cell
    as text (the OWASP advice against CSV injection); None is an empty cell."""
    if value is None:
        return ""
    if isinstance(value, str):
        text = clean_text(value)
        return "'" + text if is_formula_like(text) else text
    return value
