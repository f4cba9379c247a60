"""Input bytes → the text every evidence offset refers to.

Decoding never guesses silently: BOMs first, then strict UTF-8, then strict GB18030, then a detector;
text that still looks like mojibake is refused. Newlines are normalised to \\n, as Python's own text
mode reads files, so `open(path, encoding=source.encoding).read()` gives `source.text` for a text file.
Markdown (a .md file, or a .txt with clear markdown marks) is reduced to the text a reader sees.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from .errors import InputError, os_reason
from .i18n import say
from .settings import default_max_bytes, size_text

MARKDOWN_SUFFIXES = {".md", ".markdown", ".mdown", ".mkd"}
TEXT_SUFFIXES = {".txt", ".text", ""} | MARKDOWN_SUFFIXES
HTML_SUFFIXES = {".html", ".htm", ".shtml", ".xhtml"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | {".pdf", ".docx"}


@dataclass(frozen=True)
class Document:
    text: str
    sha256: str
    encoding: str | None
    format: str
    path: str | None = None


def read_path(path: str | Path, encoding: str | None = None, max_bytes: int | None = None) -> Document:
    """Read a file (or '-' for stdin) into a Document; every failure is an InputError.

    At most `max_bytes` are read (default: SUMMARISE_MAX_BYTES or 20 MB), in bounded chunks, so a pipe
    or a device such as /dev/zero stops at the limit instead of filling memory.
    """
    if str(path) == "-":
        data = read_capped(sys.stdin.buffer, "<stdin>", max_bytes)
        return from_bytes(data, name="<stdin>", encoding=encoding, path=None)
    p = Path(path)
    if not p.exists():
        raise InputError(say("err.no_such_file", path=p))
    if p.is_dir():
        raise InputError(say("err.is_dir", path=p))
    data = read_file(p, max_bytes)
    return from_bytes(data, name=str(p), encoding=encoding, path=str(p))


_CHUNK = 1 << 20


def read_file(
    path: Path, max_bytes: int | None = None, *, name: str | None = None, regular: bool = False
) -> bytes:
    """A file's bytes, at most `max_bytes` of them; `regular` refuses FIFOs, devices and sockets.

    With `regular` the file is opened without blocking, so a FIFO put where a file was is refused at
    once instead of waiting for a writer (a folder walk must never hang on one).
    """
    label = name or str(path)
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | (getattr(os, "O_NONBLOCK", 0) if regular else 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise InputError(say("err.cannot_read", path=label, reason=os_reason(exc))) from exc
    with os.fdopen(fd, "rb", buffering=0) as fh:
        try:
            st = os.fstat(fd)
            if regular and not stat.S_ISREG(st.st_mode):
                raise InputError(say("err.not_regular", path=label, kind=_file_kind(st.st_mode)))
            limit = max_bytes or default_max_bytes()
            if stat.S_ISREG(st.st_mode) and st.st_size > limit:
                raise too_large(label, limit)
            return read_capped(fh, label, limit)
        except OSError as exc:
            raise InputError(say("err.cannot_read", path=label, reason=os_reason(exc))) from exc


def read_capped(stream: BinaryIO, name: str, max_bytes: int | None = None) -> bytes:
    """Read a stream to its end in chunks; more than `max_bytes` is an InputError, read no further."""
    limit = max_bytes or default_max_bytes()
    chunks: list[bytes] = []
    total = 0
    while True:
        chunk = stream.read(min(_CHUNK, limit + 1 - total))
        if not chunk:
            return b"".join(chunks)
        total += len(chunk)
        if total > limit:
            raise too_large(name, limit)
        chunks.append(chunk)


def too_large(name: str, limit: int) -> InputError:
    return InputError(say("err.too_large", path=name, limit=size_text(limit)))


def _file_kind(mode: int) -> str:
    kinds = (
        (stat.S_ISFIFO, "fifo"),
        (stat.S_ISSOCK, "socket"),
        (stat.S_ISCHR, "chardev"),
        (stat.S_ISBLK, "blockdev"),
        (stat.S_ISDIR, "dir"),
    )
    return say("err.kind." + next((what for test, what in kinds if test(mode)), "other"))


def from_bytes(data: bytes, *, name: str, encoding: str | None = None, path: str | None = None) -> Document:
    if not data.strip():
        raise InputError(say("err.empty", path=name))
    sha = hashlib.sha256(data).hexdigest()
    kind = sniff_format(data, path)
    if kind == "pdf":
        from .extract import pdf_text

        return Document(pdf_text(data, name), sha, None, "pdf", path)
    if kind == "docx":
        from .extract import docx_text

        return Document(docx_text(data, name), sha, None, "docx", path)
    text, used = decode(data, name, encoding)
    if kind == "html" or (kind == "txt" and _looks_like_html(text)):
        from .extract import html_text

        return Document(html_text(text, name), sha, used, "html", path)
    if kind == "md" or _looks_like_markdown(text):
        from .extract import markdown_text

        return Document(markdown_text(text), sha, used, "md", path)
    return Document(text, sha, used, "txt", path)


def sniff_format(data: bytes, path: str | None) -> str:
    """txt, md, html, pdf or docx, from the bytes first and the file name second; other formats are refused."""
    label = path or "<stdin>"
    # Readers accept a PDF header anywhere in the first 1024 bytes (some generators prepend junk).
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data[:4] == b"PK\x03\x04":
        return _zip_kind(data, label, path)
    suffix = Path(path).suffix.lower() if path else ""
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" or suffix in {".doc", ".wps"}:
        raise InputError(say("err.legacy_doc", path=label))
    if data.lstrip()[:5] == b"{\\rtf":
        raise InputError(say("err.rtf", path=label))
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in MARKDOWN_SUFFIXES:
        return "md"
    return "txt"


def _zip_kind(data: bytes, label: str, path: str | None) -> str:
    import io
    import zipfile

    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except zipfile.BadZipFile:
        if (path or "").lower().endswith(".docx"):
            return "docx"  # let the DOCX reader say what is broken
        raise InputError(say("err.bad_zip", path=label)) from None
    if "word/document.xml" in names:
        return "docx"
    kinds = {
        "xl/workbook.xml": "excel",
        "ppt/presentation.xml": "powerpoint",
        "content.xml": "opendocument",
    }
    what = next((v for k, v in kinds.items() if k in names), "other")
    raise InputError(say("err.not_docx", path=label, what=say(f"err.zip.{what}")))


_HTML_START = re.compile(
    r"^(?:\ufeff)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", re.I | re.S
)
_HTML_TAG = re.compile(r"<(?:body|head|meta|title|div|p|table|article|section|span|h[1-6])\b[^>]*>", re.I)


def _looks_like_html(text: str) -> bool:
    """A page saved as .txt (or piped in): a doctype/<html> start, or markup from the first character on."""
    head = text[:4096]
    if _HTML_START.match(head):
        return True
    return head.lstrip().startswith("<") and len(_HTML_TAG.findall(head)) >= 2 and "</" in head


def _looks_like_markdown(text: str) -> bool:
    """A markdown copy saved as .txt (or piped in): front matter, comments, headings, links; see extract."""
    from .extract.markdown import looks_like_markdown

    return looks_like_markdown(text)


def _newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode(data: bytes, name: str, encoding: str | None = None) -> tuple[str, str]:
    """Bytes → (text, codec). Codec names are Python's, so the caller can re-read the file with them."""
    if encoding:
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError) as exc:
            raise InputError(say("err.decode_as", path=name, encoding=encoding, reason=exc)) from exc
        if _blank(text):
            raise InputError(say("err.empty", path=name))
        return _newlines(text), encoding
    if data.startswith(b"\xef\xbb\xbf"):
        return _checked(data, "utf-8-sig", name)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _checked(data, "utf-16", name)
    utf16 = _bomless_utf16(data)
    if utf16:
        return _checked(data, utf16, name)
    if b"\x00" in data:
        raise InputError(say("err.binary", path=name))
    for codec in ("utf-8", "gb18030"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if _blank(text):
            raise InputError(say("err.empty", path=name))
        if _plausible(text):
            return _newlines(text), codec
    from charset_normalizer import from_bytes as detect

    best = detect(data).best()
    if best is not None and best.encoding:
        text = str(best)
        if _plausible(text):
            return _newlines(text), best.encoding
    raise InputError(say("err.undecodable", path=name))


def _checked(data: bytes, codec: str, name: str) -> tuple[str, str]:
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        raise InputError(say("err.bad_bom", path=name, codec=codec, reason=exc.reason)) from exc
    if _blank(text):
        raise InputError(say("err.empty", path=name))
    return _newlines(text), codec


# Whitespace (the ideographic space U+3000 included) and the invisible format characters editors leave.
_BLANK = re.compile(r"[\s\u200b-\u200d\u2060\ufeff]*")


def _blank(text: str) -> bool:
    return bool(_BLANK.fullmatch(text))


def _bomless_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: NUL bytes, and a strict decode that reads as ordinary CJK/ASCII text."""
    if b"\x00" not in data[:4000] or len(data) % 2:
        return None
    best, best_score = None, 0.0
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            sample = data[:8000].decode(codec)
        except UnicodeDecodeError:
            continue
        ok = sum(1 for ch in sample if _common(ch))
        score = ok / max(1, len(sample))
        if score > best_score:
            best, best_score = codec, score
    return best if best_score > 0.95 else None


def _common(ch: str) -> bool:
    """ASCII, CJK ideographs and CJK/full-width punctuation: what a Chinese notice is made of."""
    o = ord(ch)
    return (
        o < 0x80
        or 0x4E00 <= o <= 0x9FFF
        or 0x3000 <= o <= 0x303F
        or 0xFF00 <= o <= 0xFFEF
        or 0x2010 <= o <= 0x206F
    )


_BAD_CHARS = re.compile("[\x00-\x08\x0b\x0e-\x1f\ue000-\uf8ff\ufffd]")


def _plausible(text: str) -> bool:
    """Reject decodes full of control characters or private-use code points (mojibake)."""
    if not text.strip():
        return False
    sample = text[:20000]
    return len(_BAD_CHARS.findall(sample)) <= max(2, len(sample) // 200)
