"""The article of a government web page: title, 来源/发布时间 line, paragraphs; no site furniture.

Every line of the page is weighed (Chinese prose for, link lists and buttons against); the element
whose lines add up to the most prose is the article. No per-site rules.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from ..errors import InputError
from ..i18n import say
from .common import CJK, WS, finish

# rt/rp: ruby annotations; inline pinyin is not part of the text.
_DROP_TAGS = re.compile(
    r"script|style|noscript|template|iframe|object|embed|svg|canvas|select|option|button|input|textarea|"
    r"nav|aside|head|title|map|audio|video|rt|rp"
)
_BLOCK_TAGS = re.compile(
    r"address|article|blockquote|body|caption|center|dd|details|dialog|dir|div|dl|dt|fieldset|figcaption|"
    r"figure|footer|form|h[1-6]|header|hr|html|li|main|menu|ol|p|pre|section|summary|table|tbody|tfoot|"
    r"thead|tr|ul"
)
_CELL_TAGS = {"td", "th"}
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_ZH = "\u3400-\u9fff\uff00-\uffef\u3000-\u303f“”‘’"
# A source newline next to a Chinese character or punctuation mark is editor wrapping, not a space.
_CJK_JOIN = re.compile(rf"(?<=[{_ZH}])[ \t\r\f\v]*\n\s*|[ \t\r\f\v]*\n\s*(?=[{_ZH}])")

# Labels of the metadata bar above an article. 来源, 发布时间 and the like stay, compacted to their
# own line(s), because the page's date is a fact the summary reports (the outline already skips such
# lines as chrome); counters, buttons and editors go.
_META_LABELS = "|".join(
    [
        "信息来源|文章来源|来源|发布时间|发布日期|更新时间|发布机构|成文日期|作者|撰稿|供稿|摄影",
        "信息索引号|索引号|发文字号|文号|公开方式|公开范围|主题分类|体裁分类|组配分类|服务对象|分类",
        "主题词|文件名称|名称|标题|有效性|所属机构|责任编辑|编辑|校对|审核|审校",
        "浏览量|浏览次数|阅读量|阅读次数|阅读数|点击数|点击量|点击率|访问量",
        "字号|字体|分享到|分享|朗读|打印|关闭|日期|时间",
    ]
)
_META_KEEP = {"信息来源", "文章来源", "来源", "发布时间", "发布日期", "成文日期", "发布机构"}
_META_LABEL = re.compile(rf"【?\s*({_META_LABELS})\s*[:：]")
_META_START = re.compile(rf"^[【\[]?\s*(?:{_META_LABELS})\s*[:：]")
# A line made only of buttons and their separators: 【字号:大 中 小】 分享到: 打印 关闭.
_UI_ONLY = re.compile(
    r"^(?:分享到|分享|朗读|语音播报|播报|打印本页|打印此页|打印|关闭窗口|关闭本页|关闭|收藏本页|收藏|加入收藏|"
    r"返回顶部|返回|顶部|保存|纠错|我要纠错|字号|字体|大|中|小|默认|扫一扫|手机扫一扫|微信扫一扫|手机阅读|"
    r"微信|微博|QQ空间|QQ|复制链接|视力保护色|无障碍|无障碍浏览|长者模式|关怀版|适老化|登录|注册|简体|繁体|简|繁|"
    r"English|放大|缩小|重置|[【】\[\]()（）:：|/>»·•\-—_\s])+$"
)
# Lines that start like page furniture: breadcrumbs, previous/next links, counters, site footer.
_UI_START = re.compile(
    r"^[【\[]?\s*(?:当前位置|您的位置|您当前的位置|您现在的位置|所在位置|当前页|上一篇|下一篇|上一条|下一条|"
    r"相关链接|相关文章|相关新闻|相关阅读|相关信息|浏览量|浏览次数|阅读次数|阅读量|点击数|点击量|访问量|"
    r"版权所有|Copyright|©|主办单位|主办[:：]|承办单位|承办[:：]|技术支持|网站标识码|网站识别码|建议使用|"
    r"推荐使用|最佳分辨率|网站地图|联系我们|扫一扫|打印本页|关闭窗口)"
)
_UI_ANYWHERE = re.compile(r"ICP备|公网安备|网站标识码")


_CONTAINER_DEPTH = 200
# Building the tree costs time in proportion to the nesting depth per element (the HTML parsing
# algorithm searches the stack of open elements), so a page nested this deep is refused before parsing.
MAX_HTML_DEPTH = 20_000
# Elements a page may leave open that the parser closes by itself, and elements that have no content.
_SELF_CLOSING = frozenset(
    {
        *("p", "li", "dt", "dd", "tr", "td", "th", "tbody", "thead", "tfoot", "option", "optgroup"),
        *("rb", "rt", "rtc", "rp", "colgroup", "caption", "html", "head", "body", "frame", "keygen"),
        *("br", "img", "hr", "meta", "link", "input", "area", "base", "col", "embed", "source"),
        *("track", "wbr", "param"),
    }
)
_RAW_TEXT = {t: re.compile(rf"</{t}", re.I) for t in ("script", "style", "textarea", "title", "xmp")}
_TAG = re.compile(r"<(/?)([A-Za-z][\w:-]*)[^<>]*?(/?)>")


def nesting_depth(html: str) -> int:
    """How deep the page's elements nest, estimated from its tags in one linear pass.

    Comments and the raw text of <script>/<style> are skipped; a tag is looked at up to the next
    '<' only, so no stray '<' makes the scan quadratic.
    """
    depth = deepest = pos = 0
    while (lt := html.find("<", pos)) >= 0:
        if html.startswith("<!--", lt):
            end = html.find("-->", lt + 4)
            if end < 0:
                break
            pos = end + 3
            continue
        m = _TAG.match(html, lt)
        if m is None:
            pos = lt + 1
            continue
        pos = m.end()
        closing, name, empty = m.groups()
        tag = name.lower()
        if not closing and tag in _RAW_TEXT:
            close = _RAW_TEXT[tag].search(html, pos)
            if close is None:
                break
            pos = close.start()
        if empty or tag in _SELF_CLOSING:
            continue
        if closing:
            depth = max(0, depth - 1)
        else:
            depth += 1
            deepest = max(deepest, depth)
    return deepest


@dataclass
class _HtmlLine:
    text: str
    link_chars: int
    ancestors: tuple[int, ...]  # mem_ids of the elements around the line, outermost first
    block: str  # tag of the innermost block element


@dataclass
class _Walk:
    lines: list[_HtmlLine] = field(default_factory=list)
    buf: list[str] = field(default_factory=list)
    link_chars: int = 0
    stack: list[Any] = field(default_factory=list)  # open elements
    blocks: list[str] = field(default_factory=list)
    cells_in_row: int = 0

    def text(self, s: str, in_link: bool) -> None:
        self.buf.append(s)
        if in_link:
            self.link_chars += len(WS.sub("", s))

    def flush(self) -> None:
        raw = "".join(self.buf)
        self.buf = []
        text = WS.sub(" ", _CJK_JOIN.sub("", raw)).strip()
        if text:
            # Only the outer elements are candidate containers: an editor's page that never closes a
            # <div> nests one level deeper per line, and every line listing all of them is quadratic.
            ids = tuple(n.mem_id for n in self.stack[:_CONTAINER_DEPTH])
            self.lines.append(_HtmlLine(text, self.link_chars, ids, self.blocks[-1] if self.blocks else ""))
        self.link_chars = 0


def _hidden(node: Any) -> bool:
    attrs = node.attributes
    if "hidden" in attrs or attrs.get("aria-hidden") == "true":
        return True
    return bool(_HIDDEN_STYLE.search(attrs.get("style") or ""))


def _walk(root: Any, walk: _Walk) -> None:
    """Depth first through the tree, with a stack of its own: no nesting depth loses text or overflows.

    Each frame is (children still to visit, inside a link, inside <pre>, whether the element it
    belongs to is a block); the root's frame has None there, as it is on the stack already.
    """
    frames: list[tuple[Any, bool, bool, bool | None]] = [(root.iter(include_text=True), False, False, None)]
    while frames:
        children, in_link, pre, _ = frames[-1]
        child = next(children, None)
        if child is None:
            block = frames.pop()[3]
            if block:
                walk.flush()  # while the block is still on the stack: its line belongs to it
                walk.blocks.pop()
            if block is not None:
                walk.stack.pop()
            continue
        tag = child.tag
        if tag == "-text":
            s = child.text_content or ""
            if pre and "\n" in s:
                parts = s.split("\n")
                for part in parts[:-1]:
                    walk.text(part, in_link)
                    walk.flush()
                walk.text(parts[-1], in_link)
            else:
                walk.text(s, in_link)
            continue
        if tag.startswith("-") or _DROP_TAGS.fullmatch(tag) or _hidden(child):
            continue
        if tag == "br":
            walk.flush()
            continue
        block = bool(_BLOCK_TAGS.fullmatch(tag))
        if tag == "tr":
            walk.cells_in_row = 0
        if tag in _CELL_TAGS:
            # Cells of a data table share a line; a layout table's single cell is just a container.
            if walk.cells_in_row and "".join(walk.buf).strip():
                walk.text(" | ", False)
            walk.cells_in_row += 1
        if block:
            walk.flush()
            walk.blocks.append(tag)
        walk.stack.append(child)
        frames.append((child.iter(include_text=True), in_link or tag == "a", pre or tag == "pre", block))


def _meta_segments(line: str) -> str | None:
    """'来源:X 发布时间:Y 浏览量:Z 【字号:大 中 小】' → '来源:X 发布时间:Y' (None when nothing is kept)."""
    hits = list(_META_LABEL.finditer(line))
    kept = []
    for i, m in enumerate(hits):
        end = hits[i + 1].start() if i + 1 < len(hits) else len(line)
        value = line[m.end() : end].strip(" 【】[]|\u3000\u00a0")
        if m.group(1) in _META_KEEP and value:
            # A value that runs into buttons (2021-02-10 23:00 打印 关闭) loses them.
            value = re.split(r"\s+(?=(?:分享|朗读|打印|关闭|收藏|字号|【))", value)[0].strip()
            kept.append(line[m.start(1) : m.end()].lstrip("【") + value)
    return " ".join(kept) or None


def _is_meta_line(line: str) -> bool:
    return bool(_META_START.match(line)) or (len(line) < 200 and len(_META_LABEL.findall(line)) >= 2)


def _is_ui_line(line: str) -> bool:
    if _UI_ONLY.match(line):
        return True
    return len(line) < 150 and bool(_UI_START.match(line) or _UI_ANYWHERE.search(line))


def _weight(line: _HtmlLine) -> float:
    """How much a line looks like article prose: Chinese text that is not link text or page chrome."""
    if _is_ui_line(line.text):
        return -10.0
    if line.text.startswith("附件"):
        return 1.0  # an attachment link belongs to the article, though it is all link text
    if _is_meta_line(line.text):
        return 0.0  # the metadata bar may sit inside or outside the article's container
    cjk = len(CJK.findall(line.text))
    if _link_heavy(line):
        return -float(max(cjk, 3))
    return float(cjk)


def _link_heavy(line: _HtmlLine) -> bool:
    return line.link_chars * 2 >= len(WS.sub("", line.text)) > 0 and not line.text.startswith("附件")


def _is_prose(text: str) -> bool:
    """A sentence of the notice (a title has no sentence punctuation; a metadata line has labels)."""
    return (
        len(CJK.findall(text)) >= 15
        and bool(re.search(r"[，。；,;]", text))
        and not _is_meta_line(text)
        and not _is_ui_line(text)
    )


def _article(lines: list[_HtmlLine]) -> list[_HtmlLine]:
    """The lines of the article container: the element whose lines add up to the most prose.

    Page furniture (menus, link lists, footers) weighs negative, so an element that wraps the article
    together with furniture scores lower than the article's own container; among equal scores the
    outermost wins, so nothing of the article is cut off.
    """
    score: dict[int, float] = defaultdict(float)
    depth_of: dict[int, int] = {}
    for line in lines:
        w = _weight(line)
        for depth, mem in enumerate(line.ancestors):
            score[mem] += w
            depth_of.setdefault(mem, depth)
    best = max(score, key=lambda m: (score[m], -depth_of[m]))
    return [ln for ln in lines if best in ln.ancestors]


def _title_hint(tree: Any) -> str | None:
    for sel in ('meta[name="ArticleTitle"]', 'meta[name="articletitle"]', 'meta[property="og:title"]'):
        node = tree.css_first(sel)
        content = (node.attributes.get("content") or "").strip() if node else ""
        if content:
            return WS.sub(" ", content)
    node = tree.css_first("title")
    if node is None:
        return None
    # "通报标题_栏目_网站名" / "通报标题 - 网站名": the article title comes first.
    first = re.split(r"\s*(?:[_|｜]|--|—|(?<!\d)-(?!\d))\s*", WS.sub(" ", node.text()).strip())[0]
    return first if len(CJK.findall(first)) >= 6 else None


_TITLE_WORDS = re.compile(r"通报|报告|公告|公示|情况|整改|巡察|巡视")


def _titleish(line: _HtmlLine) -> bool:
    return (
        len(CJK.findall(line.text)) >= 6 and not re.search(r"[，。；]", line.text) and not _link_heavy(line)
    )


def _title_lines(before: list[_HtmlLine], head: list[_HtmlLine], hint: str | None) -> list[str]:
    """The title to put above the article, as the page shows it (possibly over two lines); [] for none.

    `before` are the page's lines above the article container, `head` the container's lines above its
    first sentence; `hint` is the title from <title> or ArticleTitle, which may be only the site's name.
    """
    window = [ln for ln in before[-20:] if not _is_ui_line(ln.text) and not _is_meta_line(ln.text)]
    key = WS.sub("", hint or "")
    for i in range(len(window) - 1, -1, -1):
        text = WS.sub("", window[i].text)
        if key and len(text) >= 4 and (key in text or text in key):
            start = i
            while start > 0 and len(prev := WS.sub("", window[start - 1].text)) >= 4 and prev in key:
                start -= 1
            return [ln.text for ln in window[start : i + 1]]
    if any(_titleish(ln) for ln in head if not _is_meta_line(ln.text)):
        return []  # the article shows its own title
    headings = [ln for ln in window if ln.block in {"h1", "h2", "h3"} and _titleish(ln)]
    if headings:
        return [headings[-1].text]
    # The line just above the 来源/发布时间 bar is the title on most CMS pages.
    metas = [i for i, ln in enumerate(before) if _is_meta_line(ln.text)]
    above = [ln for ln in before[: metas[0]] if not _is_ui_line(ln.text)] if metas else []
    if above and _titleish(above[-1]):
        return [above[-1].text]
    return [hint] if hint and _TITLE_WORDS.search(hint) else []


def html_text(html: str, name: str) -> str:
    """The article of a web page: its title, its 来源/发布时间 line, then its paragraphs."""
    from selectolax.lexbor import LexborHTMLParser

    depth = nesting_depth(html)
    if depth > MAX_HTML_DEPTH:
        raise InputError(say("err.html.deep", path=name, depth=depth, limit=MAX_HTML_DEPTH))
    tree = LexborHTMLParser(html)
    hint = _title_hint(tree)
    root = tree.body or tree.root
    if root is None:
        raise InputError(say("err.html.no_body", path=name))
    walk = _Walk(stack=[root])  # the body itself is a candidate container too
    _walk(root, walk)
    walk.flush()
    lines = walk.lines
    if not lines:
        raise InputError(say("err.html.no_text", path=name))

    body = _article(lines)
    before = lines[: lines.index(body[0])]
    # Labelled lines (来源：…, 时间：…) are page metadata only above the first and below the last
    # paragraph of prose; in between they are the notice's own text.
    prose = [i for i, ln in enumerate(body) if _is_prose(ln.text)] or [len(body)]
    top, bottom = prose[0], prose[-1]

    out: list[str] = []
    title = _title_lines(before, body[:top], hint)
    head = WS.sub("", "".join(ln.text for ln in body[: max(top, 3)] if not _is_meta_line(ln.text)))
    # The container may already start with the title (possibly over two lines): don't repeat it.
    if title and WS.sub("", "".join(title)) not in head:
        out += title
    if not any(_is_meta_line(ln.text) for ln in body[:top]):
        # The metadata block above the article, one line per line of the page (an open-government
        # table has several), so each line's own date stays next to its label.
        out += [m for ln in before[-15:] if _is_meta_line(ln.text) and (m := _meta_segments(ln.text))]
    for i, line in enumerate(body):
        text = line.text
        if (i < top or i > bottom) and _is_meta_line(text):
            kept = _meta_segments(text)
            if kept:
                out.append(kept)
            continue
        if (i < top or i > bottom) and _link_heavy(line):
            continue  # navigation or a related-links list around the article
        if _is_ui_line(text) or not re.search(r"[\w\u3400-\u9fff]", text):
            continue
        out.append(text)
    return finish(out, name, say("err.what.html"))
