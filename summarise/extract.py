"""Text out of HTML, PDF and DOCX files (the article body, in reading order)."""

from __future__ import annotations

import io

from .errors import InputError


def html_text(html: str, name: str) -> str:
    from selectolax.parser import HTMLParser

    tree = HTMLParser(html)
    for node in tree.css("script, style, noscript, nav, header, footer, iframe, form"):
        node.decompose()
    body = tree.body or tree.root
    if body is None:
        raise InputError(f"{name}: HTML with no body text")
    text = body.text(separator="\n")
    lines = [line.strip() for line in text.split("\n")]
    out = "\n".join(line for line in lines if line)
    if not out.strip():
        raise InputError(f"{name}: HTML with no body text")
    return out


def pdf_text(data: bytes, name: str) -> str:
    import pdfplumber

    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = [page.extract_text() or "" for page in pdf.pages]
    except Exception as exc:  # pdfminer raises many unrelated types for broken files
        raise InputError(f"{name}: not a readable PDF ({exc.__class__.__name__})") from exc
    text = "\n".join(pages)
    if not text.strip():
        raise InputError(f"{name}: PDF has no text layer (a scan?); run OCR first")
    return text


def docx_text(data: bytes, name: str) -> str:
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises KeyError/BadZipFile/ValueError for broken files
        raise InputError(f"{name}: not a readable .docx ({exc.__class__.__name__})") from exc
    text = "\n".join(p.text for p in document.paragraphs)
    if not text.strip():
        raise InputError(f"{name}: .docx with no text")
    return text
