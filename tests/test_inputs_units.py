"""Extraction rules one at a time: what a web page, a PDF or a Word file turns into, and clear refusals."""

from __future__ import annotations

import io
import zipfile

import pytest

from summarise.errors import InputError
from summarise.extract import docx_text, html_text, number_label, pdf_text
from summarise.ingest import from_bytes, sniff_format

# ───────────────────────────── HTML ─────────────────────────────

PROSE = "根据市委统一部署，市委第一巡察组对高新区党工委开展了巡察，现将巡察整改进展情况予以公布。"


def page(body: str, head: str = "") -> str:
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>"


def test_inline_markup_does_not_break_a_paragraph() -> None:
    text = html_text(
        page(f"<div><p>1、<strong>强化政治担当</strong>，<span>落实</span>整改任务。{PROSE}</p></div>"), "p"
    )
    assert text == f"1、强化政治担当，落实整改任务。{PROSE}"


def test_br_and_paragraphs_become_lines_and_indentation_goes() -> None:
    text = html_text(
        page(f"<div>&nbsp;&nbsp;{PROSE}<br>\u3000\u3000一、组织落实情况<br><p>{PROSE}</p></div>"), "p"
    )
    assert text.split("\n") == [PROSE, "一、组织落实情况", PROSE]


def test_source_newlines_next_to_chinese_are_not_spaces() -> None:
    text = html_text(page(f"<p>巡察整改\n  工作, 共召开\n13次会议; see the\nattached file。{PROSE}</p>"), "p")
    assert text.startswith("巡察整改工作, 共召开13次会议; see the attached file。")


def test_hidden_elements_scripts_and_ruby_pinyin_are_dropped() -> None:
    body = (
        f"<div><p>{PROSE}</p><p style='display: none'>隐藏的文字不属于正文内容。</p>"
        "<p><ruby>巡<rt>xún</rt></ruby><ruby>察<rp>(</rp><rt>chá</rt><rp>)</rp></ruby>整改</p>"
        "<script>document.write('脚本文字')</script><template><p>模板文字</p></template></div>"
    )
    text = html_text(page(body), "p")
    assert text.split("\n") == [PROSE, "巡察整改"]


def test_metadata_bar_keeps_source_and_date_only() -> None:
    info = "<div>来源：区委巡察办　发布时间：2024-10-12 09:30　浏览次数：<span>88</span>　【字号：大 中 小】　打印</div>"
    text = html_text(
        page(f"<h1>关于巡察整改进展情况的通报</h1>{info}<div>{f'<p>{PROSE}</p>' * 5}</div>"), "p"
    )
    assert text.split("\n")[:2] == [
        "关于巡察整改进展情况的通报",
        "来源：区委巡察办 发布时间：2024-10-12 09:30",
    ]


def test_open_government_metadata_table_keeps_dates_next_to_their_labels() -> None:
    table = (
        "<table class='xxgk'><tr><td>索引号：</td><td>11441600/2025-00123</td><td>分类：</td><td>其他</td></tr>"
        "<tr><td>发布机构：</td><td>河源市高新区工委</td><td>成文日期：</td><td>2025-07-01</td></tr>"
        "<tr><td>名称：</td><td>关于巡察整改进展情况的通报</td></tr>"
        "<tr><td>文号：</td><td></td><td>发布日期：</td><td>2025-07-02</td></tr></table>"
    )
    article = (
        "<div class='zw'><div class='TRS_Editor'><style>p { margin: 0 }</style>"
        f"{f'<p>{PROSE}</p>' * 4}<p>时间：2024年4月至6月</p>{f'<p>{PROSE}</p>' * 4}<p>中共某某区委</p></div>"
        "<div>附件：<a href='/f.docx'>整改台账.docx</a></div></div>"
    )
    head = "<title>关于巡察整改进展情况的通报-河源市高新区</title>"
    lines = html_text(page(f"<div><a>首页</a><a>信息公开</a></div>{table}{article}", head), "p").split("\n")
    assert lines[:3] == [
        "关于巡察整改进展情况的通报",
        "发布机构：河源市高新区工委 成文日期：2025-07-01",
        "发布日期：2025-07-02",
    ]
    assert "时间：2024年4月至6月" in lines  # mid-article, a labelled line is the notice's own text
    assert lines[-2:] == ["中共某某区委", "附件：整改台账.docx"]


@pytest.mark.parametrize(
    ("head", "body", "title"),
    [
        # <title> is only the site's name; the article shows its own heading.
        (
            "<title>某某区人民政府门户网站</title>",
            f"<div class='art'><h1>关于巡察整改进展情况的通报</h1><div>{f'<p>{PROSE}</p>' * 3}</div></div>",
            "关于巡察整改进展情况的通报",
        ),
        # No <title>; the title is a styled div just above the 来源 bar, outside the article container.
        (
            "",
            "<div class='t'>中共某某区委关于巡察整改进展情况的通报</div><div class='i'>来源：区委办</div>"
            f"<div id='zoom'>{f'<p>{PROSE}</p>' * 3}</div>",
            "中共某某区委关于巡察整改进展情况的通报",
        ),
        # The page shows no title at all; ArticleTitle metadata supplies it.
        (
            '<meta name="ArticleTitle" content="某某局党组关于巡察整改情况的通报">',
            f"<div>{f'<p>{PROSE}</p>' * 3}</div>",
            "某某局党组关于巡察整改情况的通报",
        ),
    ],
)
def test_title_is_taken_from_the_page_first(head: str, body: str, title: str) -> None:
    lines = html_text(page(body, head), "p").split("\n")
    assert lines[0] == title
    assert lines.count(title) == 1 and "某某区人民政府门户网站" not in lines


def test_article_is_found_among_link_lists_and_footer() -> None:
    links = "".join(f"<li><a href='/{i}'>关于做好第{i}批重点工作的通知公告</a></li>" for i in range(40))
    body = (
        f"<div class='menu'><ul>{links}</ul></div>"
        f"<div class='con'><div class='text'>{f'<p>{PROSE}</p>' * 3}<p>中共某某区委</p><p>2025年7月1日</p></div></div>"
        "<div class='foot'>版权所有：某某区人民政府 网站标识码：1234567890 联系我们</div>"
    )
    text = html_text(page(body, "<title>某某区巡察整改通报_某某区人民政府</title>"), "p")
    assert text.split("\n") == ["某某区巡察整改通报", PROSE, PROSE, PROSE, "中共某某区委", "2025年7月1日"]


def test_data_table_rows_stay_one_line_each() -> None:
    table = "<table><tr><th>序号</th><th>问题</th><th>整改状态</th></tr><tr><td>1</td><td>制度执行不严</td><td>已完成</td></tr></table>"
    text = html_text(page(f"<div><p>{PROSE}</p>{table}</div>"), "p")
    assert text.split("\n")[1:] == ["序号 | 问题 | 整改状态", "1 | 制度执行不严 | 已完成"]


def test_page_with_no_text_is_refused() -> None:
    with pytest.raises(InputError, match="中没有文字"):
        html_text(page("<div><script>var x = 1;</script><img src='a.png'></div>"), "empty.html")


def test_html_saved_as_txt_is_recognised() -> None:
    data = f"<div class='article'><p>{PROSE}</p><p>{PROSE}</p></div>".encode()
    doc = from_bytes(data, name="saved.txt", path="saved.txt")
    assert doc.format == "html"
    assert "<p>" not in doc.text


def test_a_text_report_quoting_markup_stays_text() -> None:
    data = f"{PROSE}\n一、关于“<script>alert(1)</script>”的整改情况\n".encode()
    doc = from_bytes(data, name="r.txt", path="r.txt")
    assert doc.format == "txt"
    assert "<script>alert(1)</script>" in doc.text


# ───────────────────────────── PDF ─────────────────────────────


def _canvas_pdf(draw, **kwargs) -> bytes:  # type: ignore[no-untyped-def]
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, **kwargs)
    draw(c)
    c.showPage()
    c.save()
    return buf.getvalue()


def test_scanned_pdf_says_it_needs_ocr() -> None:
    from PIL import Image
    from reportlab.lib.utils import ImageReader

    scan = Image.new("L", (200, 280), 255)
    data = _canvas_pdf(lambda c: c.drawImage(ImageReader(scan), 50, 50, 400, 560))
    with pytest.raises(InputError, match=r"没有文字层.*文字识别"):
        pdf_text(data, "scan.pdf")


def test_kangxi_radicals_from_a_pdf_are_folded_to_ideographs() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))

    def draw(c) -> None:  # type: ignore[no-untyped-def]
        c.setFont("STSong-Light", 12)
        c.drawString(72, 700, "党\u2f2f委召开专题会议研究部署巡察整改\u2f2f作，压实责任")

    assert pdf_text(_canvas_pdf(draw), "k.pdf") == "党工委召开专题会议研究部署巡察整改工作，压实责任"


def test_password_protected_pdf_is_refused_clearly() -> None:
    from reportlab.lib.pdfencrypt import StandardEncryption

    data = _canvas_pdf(
        lambda c: c.drawString(72, 700, "secret text " * 5), encrypt=StandardEncryption("user", "owner")
    )
    with pytest.raises(InputError, match="设有密码；请去掉密码后重试"):
        pdf_text(data, "locked.pdf")


def test_broken_pdf_is_an_input_error() -> None:
    with pytest.raises(InputError, match="不是可读取的 PDF"):
        from_bytes(b"%PDF-1.7\n garbage that is not a PDF body", name="bad.pdf")


def test_pdf_header_may_follow_junk_bytes() -> None:
    assert sniff_format(b"\r\n\x00junk%PDF-1.4\n", None) == "pdf"


# ───────────────────────────── DOCX ─────────────────────────────


@pytest.mark.parametrize(
    ("n", "fmt", "label"),
    [
        (1, "chineseCounting", "一"),
        (10, "chineseCounting", "十"),
        (11, "chineseCountingThousand", "十一"),
        (20, "chineseCounting", "二十"),
        (23, "chineseCounting", "二十三"),
        (105, "chineseCounting", "一百零五"),
        (12, "chineseLegalSimplified", "壹拾贰"),
        (3, "decimalEnclosedCircle", "③"),
        (2, "decimalEnclosedParen", "⑵"),
        (2, "ideographTraditional", "乙"),
        (4, "upperRoman", "IV"),
        (27, "lowerLetter", "aa"),
        (7, "decimalFullWidth", "７"),
        (7, "decimal", "7"),
        (3, "bullet", ""),
    ],
)
def test_word_number_formats(n: int, fmt: str, label: str) -> None:
    assert number_label(n, fmt) == label


def _docx(build) -> bytes:  # type: ignore[no-untyped-def]
    import docx

    document = docx.Document()
    build(document)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def _numbering(document, xml: str) -> None:  # type: ignore[no-untyped-def]
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls, qn

    numbering = document.part.numbering_part.element
    for child in parse_xml(f"<w:numbering {nsdecls('w')}>{xml}</w:numbering>"):
        if child.tag == qn("w:abstractNum") and numbering.find(qn("w:num")) is not None:
            numbering.find(qn("w:num")).addprevious(child)
        else:
            numbering.append(child)


_LEVELS = (
    '<w:abstractNum w:abstractNumId="50">'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>'
    '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>'
    "</w:abstractNum>"
    '<w:num w:numId="50"><w:abstractNumId w:val="50"/></w:num>'
)


def _numbered(document, text: str, level: int, num: int = 50) -> None:  # type: ignore[no-untyped-def]
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    p = document.add_paragraph(text)
    p._p.get_or_add_pPr().append(
        parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{num}"/></w:numPr>')
    )


def test_word_list_numbers_nest_and_restart() -> None:
    def build(d) -> None:  # type: ignore[no-untyped-def]
        _numbering(d, _LEVELS)
        _numbered(d, "组织落实情况", 0)
        _numbered(d, "提高政治站位", 1)
        _numbered(d, "强化组织领导", 1)
        _numbered(d, "问题整改情况", 0)
        _numbered(d, "关于党建方面", 1)
        _numbered(d, "关于“第一议题”的整改情况", 2)
        _numbered(d, "关于学习不深入的整改情况", 2)
        d.add_paragraph("正文段落不编号。")

    assert docx_text(_docx(build), "n.docx").split("\n") == [
        "一、组织落实情况",
        "（一）提高政治站位",
        "（二）强化组织领导",
        "二、问题整改情况",
        "（一）关于党建方面",
        "1.关于“第一议题”的整改情况",
        "2.关于学习不深入的整改情况",
        "正文段落不编号。",
    ]


def test_start_override_restarts_a_list() -> None:
    restart = '<w:num w:numId="51"><w:abstractNumId w:val="50"/><w:lvlOverride w:ilvl="2"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'

    def build(d) -> None:  # type: ignore[no-untyped-def]
        _numbering(d, _LEVELS + restart)
        _numbered(d, "甲", 2)
        _numbered(d, "乙", 2)
        _numbered(d, "丙", 2, num=51)

    assert docx_text(_docx(build), "r.docx").split("\n") == ["1.甲", "2.乙", "1.丙"]


def test_multi_level_labels_and_lvl_restart() -> None:
    levels = (
        '<w:abstractNum w:abstractNumId="60">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/></w:lvl>'
        '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimalEnclosedCircle"/>'
        '<w:lvlText w:val="%3"/><w:lvlRestart w:val="1"/><w:suff w:val="nothing"/></w:lvl>'
        "</w:abstractNum>"
        '<w:num w:numId="60"><w:abstractNumId w:val="60"/></w:num>'
    )

    def build(d) -> None:  # type: ignore[no-untyped-def]
        _numbering(d, levels)
        for text, level in [("甲", 0), ("乙", 1), ("丙", 2), ("丁", 1), ("戊", 2), ("己", 0), ("庚", 2)]:
            _numbered(d, text, level, num=60)

    # ③ keeps counting past a new 1.2 (it restarts only under a new level-1 item); 1.1 → 1 → 2.
    assert docx_text(_docx(build), "m.docx").split("\n") == [
        "1.甲",
        "1.1 乙",
        "①丙",
        "1.2 丁",
        "②戊",
        "2.己",
        "①庚",
    ]


def test_numbering_through_a_heading_style() -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    def build(d) -> None:  # type: ignore[no-untyped-def]
        _numbering(d, _LEVELS)
        style = d.styles["Heading 1"].element
        style.get_or_add_pPr().append(
            parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="50"/></w:numPr>')
        )
        d.add_heading("组织落实情况", level=1)
        d.add_paragraph("正文。")
        d.add_heading("问题整改情况", level=1)

    assert docx_text(_docx(build), "s.docx").split("\n") == ["一、组织落实情况", "正文。", "二、问题整改情况"]


def test_tables_tracked_changes_and_hidden_text() -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    def build(d) -> None:  # type: ignore[no-untyped-def]
        d.add_paragraph("整改台账如下。")
        grid = d.add_table(rows=2, cols=3)
        for r, row in enumerate([("序号", "问题", "状态"), ("1", "制度执行不严", "已完成")]):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
        layout = d.add_table(rows=1, cols=1)
        layout.cell(0, 0).text = "单元格里的第一段。"
        layout.cell(0, 0).add_paragraph("单元格里的第二段。")
        p = d.add_paragraph("共整改")
        p._p.append(
            parse_xml(f'<w:ins {nsdecls("w")} w:id="1" w:author="a"><w:r><w:t>29个</w:t></w:r></w:ins>')
        )
        p._p.append(
            parse_xml(
                f'<w:del {nsdecls("w")} w:id="2" w:author="a"><w:r><w:delText>27个</w:delText></w:r></w:del>'
            )
        )
        p.add_run("问题。")
        hidden = p.add_run("（隐藏批注）")
        hidden.font.hidden = True

    assert docx_text(_docx(build), "t.docx").split("\n") == [
        "整改台账如下。",
        "序号 | 问题 | 状态",
        "1 | 制度执行不严 | 已完成",
        "单元格里的第一段。",
        "单元格里的第二段。",
        "共整改29个问题。",
    ]


def test_empty_docx_is_refused() -> None:
    with pytest.raises(InputError, match="中没有文字"):
        docx_text(_docx(lambda d: d.add_paragraph("   ")), "empty.docx")


# ───────────────────────────── sniffing ─────────────────────────────


def _zip(*names: str) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name in names:
            z.writestr(name, "<x/>")
    return buf.getvalue()


@pytest.mark.parametrize(
    ("names", "message"),
    [
        (("[Content_Types].xml", "xl/workbook.xml"), "这是一个 Excel 工作簿，不是 Word .docx"),
        (("[Content_Types].xml", "ppt/presentation.xml"), "这是一个 PowerPoint 文件"),
        (("mimetype", "content.xml"), "这是一个 OpenDocument 文件"),
        (("a.txt",), "这是一个 ZIP 压缩包"),
    ],
)
def test_other_zip_formats_are_named_in_the_refusal(names: tuple[str, ...], message: str) -> None:
    with pytest.raises(InputError, match=message):
        from_bytes(_zip(*names), name="x.docx", path="x.docx")


def test_docx_is_recognised_without_its_suffix() -> None:
    data = _docx(lambda d: d.add_paragraph(PROSE))
    assert sniff_format(data, None) == "docx"
    assert from_bytes(data, name="<stdin>").text == PROSE


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "不支持旧版 Word"),
        ("{\\rtf1\\ansi 巡察}".encode(), "不支持 RTF 文件"),
    ],
)
def test_legacy_formats_are_refused_with_advice(data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message):
        from_bytes(data, name="old")
