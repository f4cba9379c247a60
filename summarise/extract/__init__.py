"""Text out of HTML, PDF, DOCX and markdown files: the notice itself, in reading order, one paragraph a line.

The text returned here becomes `source.text`, the string every evidence offset points into, so it
keeps the report's own characters (punctuation is normalised later, for parsing only). What is
removed is what a reader would not call part of the notice: site navigation and buttons, running
headers and page numbers, the line breaks a PDF puts inside paragraphs. Each reader imports its
library (selectolax, pdfplumber, python-docx) only when called.
"""

from .markdown import markdown_text
from .pdf import pdf_text
from .web import html_text
from .word import docx_text, number_label

__all__ = ["docx_text", "html_text", "markdown_text", "number_label", "pdf_text"]
