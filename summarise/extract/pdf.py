"""The text layer of a PDF: pages in order, running headers/footers and page numbers removed, the
line breaks inside paragraphs undone from the lines' positions."""

from __future__ import annotations

import io
import re
import statistics
import unicodedata
from collections import Counter
from dataclasses import dataclass
from typing import Any

from ..errors import InputError
from ..i18n import say
from ..settings import size_text
from .common import CJK, WS

# Page numbers as printed: 3, - 3 -, —3—, 第3页, 第 3 页 共 10 页, 3/10, Page 3.
_PAGE_NO = re.compile(
    r"^(?:[-—–－\s]*\d{1,4}[-—–－\s]*|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4}|"
    r"(?:page|p\.)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?)$",
    re.I,
)
# A line that opens a heading or list item starts a paragraph even when it sits at the left margin.
_OPENS = re.compile(
    r"^(?:第[一二三四五六七八九十]{1,3}(?:部分|章)|[一二三四五六七八九十]{1,3}\s*[、.．]|"
    r"[（(〔]\s*[一二三四五六七八九十\d]{1,3}\s*[)）〕]|\d{1,3}\s*(?:[、．]|\.(?!\d))|[①-⑳]|"
    r"(?:[一二三四五六七八九十]+是|首先|其次|再次|最后)[,，:：])"
)
_WORD_CHAR = re.compile(r"[A-Za-z0-9@._%+\-/:#&=?~]")
_KANGXI = re.compile("[\u2f00-\u2fdf]")


# What a PDF may make us read. A notice runs to tens of pages whose streams inflate to a few MB; an
# unsubsetted CJK font is the largest honest stream (~20 MB). Past these bounds the file is refused
# before pdfminer inflates or interprets anything: one 1 GB stream would take minutes and gigabytes.
MAX_PAGES = 500  # pdfplumber reads a dense page in 0.1-0.2 s: 500 pages is about a minute
MAX_STREAM_BYTES = 32_000_000  # one stream, inflated
MAX_STREAMS_BYTES = 64_000_000  # every stream together, inflated (images, which are never decoded, aside)
_STREAM = re.compile(rb">>\s*stream(?:\r\n|\n|\r)")
_DIRECT_LENGTH = re.compile(rb"/Length\s+(\d+)(?![\d\s]*R)")
_IMAGE = re.compile(rb"/Subtype\s*/Image")
_CHUNK = 4 << 20


def check_streams(data: bytes, name: str) -> None:
    """Refuse a PDF whose Flate streams inflate past the bounds above, by inflating each in bounded
    pieces and counting (encrypted or oddly filtered streams cannot be measured and are let through)."""
    import zlib

    total = 0
    view = memoryview(data)
    for m in _STREAM.finditer(data):
        head = data[max(0, m.start() - 2048) : m.start()]
        head = head[head.rfind(b"obj") + 1 :]  # this object's dictionary
        if b"/Fl" not in head or _IMAGE.search(head):
            continue  # not Flate-compressed, or an image (text extraction never decodes those)
        start = m.end()
        length = _DIRECT_LENGTH.search(head)
        end = start + int(length.group(1)) if length else data.find(b"endstream", start)
        pending: bytes | memoryview = view[start : end if end > start else len(data)]
        inflater = zlib.decompressobj()
        size = 0
        try:
            while pending and not inflater.eof:
                size += len(inflater.decompress(pending, _CHUNK))
                pending = inflater.unconsumed_tail
                if size > MAX_STREAM_BYTES:
                    raise InputError(say("err.pdf.stream", path=name, limit=size_text(MAX_STREAM_BYTES)))
        except zlib.error:
            pass  # pdfminer copes with (or reports) a damaged stream
        total += size
        if total > MAX_STREAMS_BYTES:
            raise InputError(say("err.pdf.streams", path=name, limit=size_text(MAX_STREAMS_BYTES)))


@dataclass
class _PdfLine:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    page: int
    lead_word: float = 0.0  # width of a leading Latin/digit word, which a line break cannot split

    @property
    def size(self) -> float:
        return self.bottom - self.top


def _pdf_lines(data: bytes, name: str) -> tuple[list[list[_PdfLine]], list[float], int]:
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    pages: list[list[_PdfLine]] = []
    heights: list[float] = []
    images = 0
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            if len(pdf.pages) > MAX_PAGES:
                raise InputError(say("err.pdf.pages", path=name, pages=len(pdf.pages), limit=MAX_PAGES))
            for number, page in enumerate(pdf.pages):
                images += len(page.images)
                heights.append(float(page.height))
                rows = page.extract_text_lines(layout=False, strip=True, return_chars=True)
                pages.append(
                    [
                        _PdfLine(
                            r["text"], r["x0"], r["x1"], r["top"], r["bottom"], number, _lead_word(r["chars"])
                        )
                        for r in sorted(rows, key=lambda r: (round(r["top"]), r["x0"]))
                        if r["text"].strip()
                    ]
                )
                page.close()  # its parsed objects: kept, a long PDF's pages would add up to gigabytes
    except InputError:
        raise
    except Exception as exc:  # pdfminer raises many unrelated types for broken files
        # pdfplumber wraps pdfminer's errors: the real one is its first argument.
        inner = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc
        if isinstance(inner, PDFPasswordIncorrect):
            raise InputError(say("err.pdf.password", path=name)) from exc
        detail = f"{inner.__class__.__name__}: {inner}".rstrip(": ")
        raise InputError(say("err.pdf.unreadable", path=name, detail=detail)) from exc
    return pages, heights, images


def _lead_word(chars: list[dict[str, Any]]) -> float:
    end = None
    for ch in chars:
        if not _WORD_CHAR.match(ch["text"]):
            break
        end = ch["x1"]
    return float(end - chars[0]["x0"]) if end is not None else 0.0


def _furniture_key(text: str) -> str:
    return re.sub(r"\d+", "#", WS.sub("", text))


def _drop_furniture(pages: list[list[_PdfLine]], heights: list[float]) -> list[_PdfLine]:
    """Remove running headers/footers (the same line at a page edge on many pages) and page numbers."""
    edges: list[tuple[int, int]] = []  # (page, line index) of lines in a page's top or bottom band
    for p, lines in enumerate(pages):
        h = heights[p]
        for i, line in enumerate(lines):
            if (i < 2 and line.top < 0.15 * h) or (i >= len(lines) - 2 and line.bottom > 0.85 * h):
                edges.append((p, i))
    # On how many pages each edge line occurs, digits masked so "- 3 -" and "- 4 -" count as one.
    seen = Counter(key for _, key in {(p, _furniture_key(pages[p][i].text)) for p, i in edges})
    repeat = max(2, -(-len(pages) * 3 // 10))  # on at least 30% of the pages (and two)
    drop = {
        (p, i)
        for p, i in edges
        if _PAGE_NO.match(pages[p][i].text.strip())
        or (len(pages) > 1 and seen[_furniture_key(pages[p][i].text)] >= repeat)
    }
    return [line for p, lines in enumerate(pages) for i, line in enumerate(lines) if (p, i) not in drop]


@dataclass(frozen=True)
class _Block:
    """Where body text sits on the page: font size, left and right margin, line pitch."""

    size: float
    left: float
    right: float
    pitch: float

    @classmethod
    def of(cls, lines: list[_PdfLine]) -> _Block:
        typical = [ln for ln in lines if len(ln.text) >= 8] or lines
        pitches = [
            b.top - a.top
            for a, b in zip(lines, lines[1:], strict=False)
            if a.page == b.page and b.top > a.top
        ]
        size = statistics.median(ln.size for ln in typical) or 10.0
        return cls(
            size=size,
            left=min(ln.x0 for ln in typical),
            # Most full lines end at the right margin; a high percentile ignores the odd overlong line.
            right=sorted(ln.x1 for ln in typical)[int(0.9 * (len(typical) - 1))],
            pitch=statistics.median(pitches or [size * 1.5]),
        )

    def full(self, line: _PdfLine, next_word: float = 0.0) -> bool:
        """The line runs to the right margin, or stops short only because the next Latin word did not fit."""
        return line.x1 >= self.right - 1.8 * line.size or bool(
            next_word and line.x1 + next_word > self.right - line.size
        )

    def centred(self, line: _PdfLine) -> bool:
        return abs((line.x0 + line.x1) / 2 - (self.left + self.right) / 2) <= 0.5 * line.size


def _continues(block: _Block, prev: _PdfLine, line: _PdfLine) -> bool:
    """Whether `line` is the wrapped continuation of `prev` rather than a new paragraph."""
    if abs(line.size - prev.size) > 0.25 * prev.size:
        return False
    # A heading marker at the left margin opens a paragraph when the previous one has ended; after a
    # line cut mid-sentence ("举一反" / "三、标本兼治") it is only the wrapped rest of that sentence.
    if _OPENS.match(line.text) and re.search(r"[。；;：:！!？?]$", prev.text):
        return False
    if line.page == prev.page and line.top - prev.top > max(block.pitch * 1.3, prev.size * 2.0):
        return False  # a paragraph gap
    if not block.full(prev, line.lead_word):
        return False
    # Body text wraps back to the left margin; a centred title wraps to a centred last line.
    if line.x0 <= block.left + 0.8 * line.size:
        return True
    return block.centred(prev) and block.centred(line) and not block.full(line)


def _paragraphs(lines: list[_PdfLine]) -> list[str]:
    """Join the lines a PDF wrapped back into paragraphs.

    A line continues the previous one when the previous line runs to the right margin (or stops short
    only because this line's leading Latin word, an e-mail or a figure, did not fit), this one starts
    at the left margin (or both are centred), is not a heading marker, and follows without a gap.
    A first-line indent therefore starts a new paragraph, as does a short last line.
    """
    if not lines:
        return []
    block = _Block.of(lines)
    # Each paragraph is kept as its pieces and joined once, and only its last characters decide the
    # glue: growing one string per line would make a long paragraph cost its length squared.
    out: list[list[str]] = []
    tail = ""
    prev: _PdfLine | None = None
    for line in lines:
        text = line.text.strip()
        if prev is not None and out and _continues(block, prev, line):
            glue = _glue(tail, text)
            out[-1] += [glue, text]
            tail = (tail + glue + text)[-20:]
        else:
            out.append([text])
            tail = text[-20:]
        prev = line
    return ["".join(parts) for parts in out]


def _glue(before: str, after: str) -> str:
    """A space where a line break separated two Latin words (or followed Latin punctuation), else nothing."""
    if not re.match(r"[A-Za-z0-9]", after):
        return ""
    if re.search(r"[A-Za-z0-9]$", before):
        return " "
    latin_tail = re.search(r"[,.;:!?]$", before) and not CJK.search(before[-20:])
    return " " if latin_tail else ""


def pdf_text(data: bytes, name: str) -> str:
    """The text layer of a PDF, page after page, with headers, footers and page numbers removed."""
    check_streams(data, name)
    pages, heights, images = _pdf_lines(data, name)
    lines = _drop_furniture(pages, heights)
    raw = "".join(ln.text for ln in lines)
    chars = len(re.findall(r"\w", raw))
    if chars < 20:  # a stray page number or stamp is not a notice
        if images:
            raise InputError(say("err.pdf.scan", path=name, pages=len(pages)))
        raise InputError(say("err.pdf.little_text", path=name, chars=chars))
    if raw.count("(cid:") * 40 > len(raw):
        raise InputError(say("err.pdf.cid", path=name))
    text = "\n".join(_paragraphs(lines))
    # Some Chinese PDFs map ideographs to look-alike Kangxi radicals (⼯ for 工); fold them back.
    return _KANGXI.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)
