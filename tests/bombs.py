"""Hostile files built on the fly: PDFs with huge streams or many pages, DOCX zip bombs, deep HTML.

Each is small on disk and expensive to open, as an attacker (or a broken generator) would make it.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from xml.sax.saxutils import escape


def pdf(
    pages: int = 1, text: str = "Rectification notice", bomb: int = 0, bomb_is_page: bool = False
) -> bytes:
    """A valid PDF of `pages` pages showing `text` (ASCII); `bomb` > 0 adds a Flate stream that inflates
    to that many bytes (the first page's content when `bomb_is_page`, else an unused object)."""
    content = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")  # filled in below
    tree = add(b"")
    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    stream = add(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
    big = 0
    if bomb:
        packed = _deflate_zeros(bomb)
        big = add(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed) + packed + b"\nendstream")
    kids = []
    for i in range(pages):
        body = big if (bomb_is_page and i == 0) else stream
        kids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] /Contents %d 0 R "
                b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (tree, body, font)
            )
        )
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % tree
    objects[tree - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids),
        pages,
    )
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % n + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.write(b"".join(b"%010d 00000 n \n" % off for off in offsets))
    out.write(
        b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, catalog, xref)
    )
    return out.getvalue()


def _deflate_zeros(size: int) -> bytes:
    """`size` bytes of spaces, deflated in pieces so building a 1 GB bomb needs little memory."""
    packer = zlib.compressobj(9)
    piece = b" " * (1 << 20)
    parts = []
    left = size
    while left > 0:
        parts.append(packer.compress(piece[: min(left, len(piece))]))
        left -= len(piece)
    parts.append(packer.flush())
    return b"".join(parts)


def docx(document_xml_size: int = 0, paragraphs: tuple[str, ...] = ("巡察整改情况通报",)) -> bytes:
    """A minimal .docx; `document_xml_size` pads word/document.xml with empty paragraphs to that size."""
    body = "".join(f"<w:p><w:r><w:t>{escape(p)}</w:t></w:r></w:p>" for p in paragraphs)
    xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body>{body}</w:body></w:document>"
    ).encode()
    if document_xml_size > len(xml):
        pad = b"<w:p/>" * ((document_xml_size - len(xml)) // 6)
        xml = xml.replace(b"<w:body>", b"<w:body>" + pad, 1)
    types = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        "</Types>"
    )
    rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
        'Target="word/document.xml"/></Relationships>'
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", types)
        z.writestr("_rels/.rels", rels)
        z.writestr("word/document.xml", xml)
    return out.getvalue()


def html_deep(lines: list[str], unclosed: bool = True) -> str:
    """An editor-made page: each line opens a <div><span> that is never closed."""
    if unclosed:
        return "<html><body>" + "".join(f"<div><span>{line}\n" for line in lines) + "</body></html>"
    return "<html><body>" + "".join(f"<p>{line}</p>" for line in lines) + "</body></html>"


def html_nested(depth: int, text: str) -> str:
    return "<html><body>" + "<div>" * depth + text + "</div>" * depth + "</body></html>"
