"""Surface rewrites of a report that must not change its summary: punctuation, numbering, layout, chrome."""

from __future__ import annotations

import re

_FW = {",": "，", ":": "：", ";": "；", "(": "（", ")": "）", "!": "！", "?": "？"}


def fullwidth(text: str) -> str:
    """Half-width punctuation to full-width (as many government sites publish), 1. to 1．"""
    text = re.sub(r"(?m)^(\s*)(\d{1,3})\.", lambda m: f"{m.group(1)}{m.group(2)}．", text)
    return "".join(_FW.get(ch, ch) for ch in text)


def halfwidth_numbering(text: str) -> str:
    """1. → 1、 and (1) → （1） and (一) → （一）."""
    text = re.sub(r"(?m)^(\s*)(\d{1,3})[.．]", r"\g<1>\g<2>、", text)
    text = re.sub(r"(?m)^(\s*)[(（](\d{1,3})[)）]", r"\g<1>（\g<2>）", text)
    return re.sub(r"(?m)^(\s*)[(（]([一二三四五六七八九十]{1,3})[)）]", r"\g<1>（\g<2>）", text)


def indented(text: str) -> str:
    """Every paragraph indented with two ideographic spaces and separated by a blank line."""
    return "\n\n".join("\u3000\u3000" + line.strip() if line.strip() else "" for line in text.split("\n"))


def web_chrome(text: str) -> str:
    """Page chrome around the article, as a copy-paste from a government site leaves it."""
    head = "首页 > 党务公开 > 巡察整改\n字号：大 中 小\n发布时间：2025-07-02 09:30  来源：本网  浏览量：1024\n分享到：\n朗读\n"
    tail = "\n【打印本页】【关闭窗口】\n责任编辑：张三\n上一篇：关于开展安全生产检查的通知\n扫一扫在手机打开当前页\n"
    return head + text + tail


def stray_spaces(text: str) -> str:
    """A space inserted inside words every so often, as PDF copy-paste leaves it."""
    out = []
    for i, ch in enumerate(text):
        out.append(ch)
        if (
            i % 37 == 5
            and "\u4e00" <= ch <= "\u9fff"
            and i + 1 < len(text)
            and "\u4e00" <= text[i + 1] <= "\u9fff"
        ):
            out.append(" ")
    return "".join(out)


def crlf(text: str) -> str:
    return text.replace("\n", "\r\n")


TEXT_VARIANTS = {
    "fullwidth": fullwidth,
    "numbering": halfwidth_numbering,
    "indented": indented,
    "web_chrome": web_chrome,
    "stray_spaces": stray_spaces,
    "crlf": crlf,
    "all": lambda t: web_chrome(indented(fullwidth(halfwidth_numbering(t)))),
}
ENCODINGS = ("utf-8", "utf-8-sig", "gb18030", "utf-16", "utf-16-le")


def shifted_numbering(text: str) -> str:
    """Another house style: (1) sub-points become ①, 1. items become (1), 一、 becomes 一."""
    circled = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
    text = re.sub(r"(?m)^(\s*)[(（](\d{1,2})[)）]", lambda m: m.group(1) + circled[int(m.group(2)) - 1], text)
    text = re.sub(r"(?m)^(\s*)(\d{1,3})[.．、](?!\d)", r"\g<1>(\g<2>)", text)
    return re.sub(r"(?m)^(\s*)([一二三四五六七八九十]{1,3})、", r"\g<1>\g<2>.", text)


TEXT_VARIANTS["shifted_numbering"] = shifted_numbering


def traditional(text: str) -> str:
    """The notice in traditional characters (as reposted on Hong Kong/Taiwan sites)."""
    from opencc import OpenCC

    return str(OpenCC("s2t").convert(text))


TEXT_VARIANTS["traditional"] = traditional


def one_line_title(text: str) -> str:
    """A title split over two lines (中共…委员会 / 关于…的通报) written as one."""
    head, sep, rest = text.partition("\n关于")
    return head + "关于" + rest if sep and len(head) < 60 else text


TEXT_VARIANTS["one_line_title"] = one_line_title


# Markdown copies, as news mirrors and static sites republish a notice. Their text is reduced on
# input, so `source.text` is not the file's text: they are tested in test_markdown_input.py, apart
# from TEXT_VARIANTS (whose test reads the file back as the source).
_CN_HEAD = re.compile(r"^[一二三四五六七八九十]{1,3}、")
_CN_SUB = re.compile(r"^[(（][一二三四五六七八九十]{1,3}[)）]")
_LEAD_IN = re.compile(r"^([^。]{1,60}。)(.+)$")
_NUM_SUB = re.compile(r"^[(（]\d{1,3}[)）]")


def markdown_copy(
    text: str, *, title_in_body: bool = True, bullets: bool = False, spaced_numbers: bool = False
) -> str:
    """Front matter (title, date, source), `# ` title lines (or the title in the front matter only),
    `**一、…**` bold headings, `## (一)…` headings or a bold lead-in, a `<!--more-->` comment inside the
    first paragraph, blank lines between paragraphs, a trailing 来源 link; optionally `- (1)…` bullets
    and `1. ` numbering with a space (a markdown ordered list whose numbers are the notice's own)."""
    lines = [line.strip() for line in text.split("\n")]
    start = 0
    while start < len(lines) and len(lines[start]) <= 60 and not lines[start].startswith("根据"):
        start += 1
    head = [line for line in lines[:start] if line]
    chrome = [line for line in head if re.match(r"^(?:来源|发布时间)", line)]
    title = [line for line in head if line not in chrome]
    front = ["---"] + ([f'title: "{"".join(title)}"'] if title else [])
    front += ["date: 2025-01-02", "source: https://example.org/notice.html", "tags: [巡察, 整改]", "---", ""]
    body = ([f"# {line}" for line in title] if title_in_body else []) + chrome
    first = True
    for line in lines[start:]:
        if not line:
            continue
        if first and len(line) > 30:
            cut = re.search(r"[,，]", line)
            at = cut.end() if cut else len(line)
            line, first = line[:at] + "<!--more-->" + line[at:], False
        elif _CN_HEAD.match(line):
            line = f"**{line}**"
        elif _CN_SUB.match(line):
            lead = _LEAD_IN.match(line)
            line = f"**{lead.group(1)}**{lead.group(2)}" if lead else f"## {line}"
        elif bullets and _NUM_SUB.match(line):
            line = f"- {line}"
        elif spaced_numbers:
            line = re.sub(r"^(\d{1,3})[.．、](?!\d)", r"\1. ", line)
        body += [line, ""]
    return "\n".join([*front, *body, "[来源](https://example.org/notice.html)", ""])


MARKDOWN_VARIANTS = {
    "markdown": markdown_copy,
    "markdown_front_title": lambda t: markdown_copy(t, title_in_body=False, bullets=True),
    "markdown_list": lambda t: markdown_copy(t, bullets=True, spaced_numbers=True),
}
