"""The same notice as a web page, a PDF and a Word file gives the same summary as its text file.

Each seed is turned into a realistic copy inside the test (a government web page with navigation and
share buttons, an A4 PDF with a running header and page numbers, a .docx whose headings are Word list
numbering) with real libraries, then read back through `summarise`.
"""

from __future__ import annotations

import html
import io
import re
from pathlib import Path

import pytest
from conftest import SEEDS

from summarise.api import summarise_document
from summarise.ingest import from_bytes
from summarise.models import ReportSummary

# ───────────────────────────── builders ─────────────────────────────


def seed_lines(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()]


def split_head(lines: list[str]) -> tuple[list[str], str | None, list[str], str | None]:
    """(title lines, 来源 line, body lines, 责任编辑 line) of a seed, as a web page would place them."""
    intro = next(i for i, line in enumerate(lines) if len(line) > 60)
    head = lines[:intro]
    meta = next((line for line in head if line.startswith("来源")), None)
    title = [line for line in head if line != meta]
    body = lines[intro:]
    editor = body.pop() if body and body[-1].startswith("【责任编辑") else None
    return title, meta, body, editor


# Page furniture that must not reach the text (none of it occurs in the seeds).
CHROME = [
    "机构概况",
    "当前位置",
    "浏览量",
    "1024",
    "字号",
    "分享到",
    "朗读",
    "打印本页",
    "关闭窗口",
    "上一篇",
    "关于开展安全生产大检查的通知",
    "版权所有",
    "ICP备",
    "网站标识码",
    "不是正文",
    "责任编辑",
]


def gov_page(text: str) -> bytes:
    """A CMS article page: header links, breadcrumbs, a side list, the article, tools and a footer."""
    title, meta, body, editor = split_head(seed_lines(text))
    e = html.escape
    paras = "\n".join(f'<p style="text-indent:2em">&nbsp;&nbsp;{e(line)}</p>' for line in body)
    page_title = "".join(title) or "巡察整改进展情况"
    return f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{e(page_title)}_通知公告_某某区人民政府</title>
<script>var tpl = "<p>不是正文</p>";</script><style>.x {{ color: red }}</style></head>
<body>
<div class="top"><a href="/">首页</a> <a href="/zwgk">政务公开</a> <a>无障碍</a> <a>长者模式</a> <a>登录</a></div>
<nav><ul><li><a href="/">网站首页</a></li><li><a href="/a">机构概况</a></li></ul></nav>
<div class="main">
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt; 通知公告</div>
<div class="side"><ul><li><a href="/1">关于开展安全生产大检查的通知</a></li>
<li><a href="/2">2024年区政府工作报告全文发布</a></li><li><a href="/3">区委召开常委会议研究部署重点工作</a></li></ul></div>
<div class="article">
<h1 class="title">{"<br>".join(e(t) for t in title)}</h1>
<div class="info"><span>{e(meta or "来源：区委巡察办　发布时间：2025-07-02 09:30")}</span> <span>浏览量：<em>1024</em></span>
<span>【字号：<a>大</a> <a>中</a> <a>小</a>】</span></div>
<div class="tools"><a>分享到：</a><a>微信</a><a>微博</a> <a>朗读</a></div>
<div class="TRS_Editor" id="zoom">
{paras}
</div>
<p class="editor">{e(editor or "【责任编辑：张三】")}</p>
<div class="bottom-tools"><a href="javascript:window.print()">【打印本页】</a> <a>【关闭窗口】</a></div>
<div class="pn"><p>上一篇：<a href="/p">关于2023年度部门决算公开的说明</a></p></div>
</div></div>
<footer><p>主办：某某区人民政府办公室　承办：区大数据中心</p>
<p>网站标识码：3505020001　闽ICP备12345678号</p><p>版权所有 © 2021</p></footer>
</body></html>""".encode()


def table_page(text: str) -> bytes:
    """An older site: layout tables, <br> paragraphs, no <title>, GBK bytes, hard-wrapped source lines."""
    title, meta, body, _ = split_head(seed_lines(text))
    e = html.escape

    def wrapped(line: str) -> str:
        # Editors hard-wrap the HTML source next to Chinese characters (never inside a Latin word or a
        # number); such a newline is not a space.
        cuts = [i for i in range(70, len(line), 70) if re.match(r"[\u4e00-\u9fff]", line[i - 1])]
        return "\n".join(e(line[a:b]) for a, b in zip([0, *cuts], [*cuts, len(line)], strict=True))

    paras = "<br>\n".join("&nbsp;&nbsp;&nbsp;&nbsp;" + wrapped(line) for line in body)
    return f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head>
<body><table width="1000"><tr><td><a href="/">首页</a> | <a href="/a">机构概况</a> | <a href="/b">政务公开</a></td></tr>
<tr><td><table><tr><td class="bt"><b>{"".join(e(t) for t in title) or "巡察整改进展情况的通报"}</b></td></tr>
<tr><td>{e(meta or "来源：区委巡察办")}　点击数：1024　【打印本页】【关闭窗口】</td></tr>
<tr><td class="zw">{paras}</td></tr></table></td></tr>
<tr><td>版权所有：某某县人民政府　网站标识码：3505020001</td></tr></table></body></html>""".encode("gb18030")


def notice_pdf(text: str, *, indent: bool = True, size: float = 12, justify: bool = False) -> bytes:
    """A4 pages of 12pt Song under a centred 18pt title, with a running header and '- n -' page numbers.

    reportlab's built-in Adobe CID font STSong-Light needs no font file; wrapping is CJK-aware.
    """
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    style = ParagraphStyle(
        "body",
        fontName="STSong-Light",
        fontSize=size,
        leading=size * 1.7,
        firstLineIndent=2 * size if indent else 0,
        spaceBefore=0 if indent else size,
        alignment=4 if justify else 0,
        wordWrap="CJK",
    )

    def furniture(canvas, doc) -> None:  # type: ignore[no-untyped-def]
        canvas.saveState()
        canvas.setFont("STSong-Light", 9)
        canvas.drawCentredString(A4[0] / 2, A4[1] - 40, "巡察整改进展情况通报（公开版）")
        canvas.drawCentredString(A4[0] / 2, 30, f"- {doc.page} -")
        canvas.restoreState()

    heading = ParagraphStyle("title", parent=style, fontSize=18, leading=28, alignment=1, firstLineIndent=0)
    lines = seed_lines(text)
    intro = next(i for i, line in enumerate(lines) if len(line) > 60)
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4, leftMargin=72, rightMargin=72, topMargin=72, bottomMargin=72)
    story = [Paragraph(html.escape(line), heading if i < intro else style) for i, line in enumerate(lines)]
    doc.build(story, onFirstPage=furniture, onLaterPages=furniture)
    return buf.getvalue()


_CN = "一二三四五六七八九十"
# Heading styles a notice uses, as Word list levels: (level, pattern, w:numFmt).
_LIST_LEVELS = [
    (0, re.compile(r"^(?P<pre>)(?P<n>[一二三四五六七八九十])(?P<post>、)"), "chineseCounting"),
    (1, re.compile(r"^(?P<pre>[(（])(?P<n>[一二三四五六七八九十])(?P<post>[)）])"), "chineseCounting"),
    (2, re.compile(r"^(?P<pre>)(?P<n>\d{1,2})(?P<post>[.、．](?!\d))"), "decimal"),
    (3, re.compile(r"^(?P<pre>[(（])(?P<n>\d{1,2})(?P<post>[)）])"), "decimal"),
]


def notice_docx(text: str) -> tuple[bytes, int]:
    """A .docx whose headings carry no typed number: Word list numbering draws 一、（一）1.（1）.

    A heading becomes a list paragraph when Word's counter would draw the number the seed shows;
    each punctuation variant (1、 vs 1.) is its own numbering instance over one shared list, as Word
    makes it when an author restyles a level. Returns the file and how many paragraphs are numbered.
    """
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls, qn

    def lvl(level: int, fmt: str, pre: str, post: str) -> str:
        return (
            f'<w:lvl w:ilvl="{level}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{pre}%{level + 1}{post}"/><w:suff w:val="nothing"/></w:lvl>'
        )

    lines = seed_lines(text)
    first: dict[int, tuple[str, str]] = {}
    for line in lines:
        for level, pattern, _ in _LIST_LEVELS:
            m = pattern.match(line)
            if m:
                first.setdefault(level, (m["pre"], m["post"]))
                break
    document = docx.Document()
    numbering = document.part.numbering_part.element
    levels = "".join(lvl(level, fmt, *first.get(level, ("", "."))) for level, _, fmt in _LIST_LEVELS)
    abstract = parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="77">{levels}</w:abstractNum>')
    existing = numbering.find(qn("w:num"))
    if existing is not None:
        existing.addprevious(abstract)  # abstractNum elements precede num elements in numbering.xml
    else:
        numbering.append(abstract)
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="77"><w:abstractNumId w:val="77"/></w:num>'))
    variants: dict[tuple[int, str, str], int] = {}

    def num_id(level: int, fmt: str, pre: str, post: str) -> int:
        if first.get(level) == (pre, post):
            return 77
        if (level, pre, post) not in variants:
            variants[(level, pre, post)] = 78 + len(variants)
            numbering.append(
                parse_xml(
                    f'<w:num {nsdecls("w")} w:numId="{variants[(level, pre, post)]}"><w:abstractNumId w:val="77"/>'
                    f'<w:lvlOverride w:ilvl="{level}">{lvl(level, fmt, pre, post)}</w:lvlOverride></w:num>'
                )
            )
        return variants[(level, pre, post)]

    counters: dict[int, int] = {}
    numbered = 0
    title = True
    for line in lines:
        paragraph = document.add_paragraph()
        body = line
        for level, pattern, fmt in _LIST_LEVELS:
            m = pattern.match(line)
            if not m:
                continue
            n = int(m["n"]) if fmt == "decimal" else _CN.index(m["n"]) + 1
            if n == counters.get(level, 0) + 1:
                counters[level] = n
                for deeper in [k for k in counters if k > level]:
                    del counters[deeper]
                numpr = parse_xml(
                    f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/>'
                    f'<w:numId w:val="{num_id(level, fmt, m["pre"], m["post"])}"/></w:numPr>'
                )
                paragraph._p.get_or_add_pPr().append(numpr)
                body = line[m.end() :]
                numbered += 1
            break
        run = paragraph.add_run(body)
        if title and len(line) < 60:
            run.bold = True
        else:
            title = False
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue(), numbered


# ───────────────────────────── checks ─────────────────────────────

_SUMMARIES: dict[Path, ReportSummary] = {}


def from_text(seed: Path) -> ReportSummary:
    if seed not in _SUMMARIES:
        _SUMMARIES[seed] = summarise_document(from_bytes(seed.read_bytes(), name=seed.name, path=str(seed)))
    return _SUMMARIES[seed]


def assert_same_summary(seed: Path, copy: ReportSummary) -> None:
    """Counts, stated counts, outstanding items and discipline as from the text file; every quote checks."""
    ref = from_text(seed)
    assert copy.found_counts == ref.found_counts
    assert {k: v.value for k, v in copy.stated_counts.items()} == {
        k: v.value for k, v in ref.stated_counts.items()
    }
    assert [o.deadline for o in copy.outstanding] == [o.deadline for o in ref.outstanding]
    assert copy.discipline.counts == ref.discipline.counts
    assert copy.discipline.people == ref.discipline.people
    assert [a.title for a in copy.areas] == [a.title for a in ref.areas]
    for key in ("unit", "inspector", "inspection_start", "feedback_date", "published_date", "issuer"):
        assert getattr(copy.meta, key) == getattr(ref.meta, key), key
    text = copy.source.text
    for area in copy.areas:
        for item in area.items:
            assert text[item.evidence.start : item.evidence.end] == item.evidence.quote


def squeeze(lines: list[str]) -> list[str]:
    return [re.sub(r"\s+", "", line) for line in lines]


@pytest.mark.parametrize("seed", SEEDS, ids=lambda s: s.stem[:3])
def test_government_web_page_gives_same_summary(seed: Path) -> None:
    doc = from_bytes(gov_page(seed.read_text(encoding="utf-8")), name="page.html", path="page.html")
    assert doc.format == "html"
    for word in CHROME:
        assert word not in doc.text, word
    _, meta, body, _ = split_head(seed_lines(seed.read_text(encoding="utf-8")))
    lines = doc.text.split("\n")
    # Title first, then the 来源/发布时间 line (kept: it carries the page date), then the paragraphs.
    assert lines[-len(body) :] == body
    assert lines[-len(body) - 1].startswith("来源")
    summary = summarise_document(doc)
    assert_same_summary(seed, summary)
    assert summary.meta.title == from_text(seed).meta.title or from_text(seed).meta.title is None


@pytest.mark.parametrize("seed", SEEDS[:2], ids=lambda s: s.stem[:3])
def test_table_layout_gbk_page_gives_same_summary(seed: Path) -> None:
    doc = from_bytes(table_page(seed.read_text(encoding="utf-8")), name="old.htm", path="old.htm")
    assert doc.encoding == "gb18030"
    _, _, body, _ = split_head(seed_lines(seed.read_text(encoding="utf-8")))
    assert doc.text.split("\n")[-len(body) :] == body
    for word in ("首页", "机构概况", "点击数", "打印本页", "版权所有"):
        assert word not in doc.text
    assert_same_summary(seed, summarise_document(doc))


def test_page_date_survives_chrome_removal() -> None:
    seed = next(s for s in SEEDS if s.name.startswith("001"))
    summary = summarise_document(from_bytes(gov_page(seed.read_text(encoding="utf-8")), name="p.html"))
    assert summary.meta.page_date == "2021-02-10"
    assert (
        "来源:中共泉州市鲤城区委高新技术产业开发区工作委员会 发布时间:2021-02-10 23:00" in summary.source.text
    )


@pytest.mark.parametrize("seed", SEEDS, ids=lambda s: s.stem[:3])
def test_pdf_gives_same_summary(seed: Path) -> None:
    text = seed.read_text(encoding="utf-8")
    doc = from_bytes(notice_pdf(text), name="notice.pdf", path="notice.pdf")
    assert doc.format == "pdf"
    # Broken lines re-joined into the seed's paragraphs; running header and page numbers gone.
    assert doc.text.split("\n") == seed_lines(text)
    assert "公开版" not in doc.text
    assert not re.search(r"^- \d+ -$", doc.text, re.M)
    assert_same_summary(seed, summarise_document(doc))


@pytest.mark.parametrize("seed", SEEDS[1:3], ids=lambda s: s.stem[:3])
def test_pdf_in_official_layout_gives_same_summary(seed: Path) -> None:
    """16pt (三号) justified lines, as in a 党政机关公文; a space at a line end is lost, nothing else."""
    text = seed.read_text(encoding="utf-8")
    doc = from_bytes(notice_pdf(text, size=16, justify=True), name="gw.pdf")
    assert squeeze(doc.text.split("\n")) == squeeze(seed_lines(text))
    assert_same_summary(seed, summarise_document(doc))


def test_pdf_without_indents_splits_paragraphs_on_spacing() -> None:
    seed = SEEDS[0]
    text = seed.read_text(encoding="utf-8")
    doc = from_bytes(notice_pdf(text, indent=False), name="flat.pdf")
    assert doc.text.split("\n") == seed_lines(text)


@pytest.mark.parametrize("seed", SEEDS, ids=lambda s: s.stem[:3])
def test_docx_with_word_list_numbering_gives_same_summary(seed: Path) -> None:
    text = seed.read_text(encoding="utf-8")
    data, numbered = notice_docx(text)
    assert numbered >= 20  # the headings really are Word-generated numbers, not typed text
    doc = from_bytes(data, name="notice.docx", path="notice.docx")
    assert doc.format == "docx"
    assert squeeze(doc.text.split("\n")) == squeeze(seed_lines(text))
    assert_same_summary(seed, summarise_document(doc))
