"""The heading tree of a notice (一、 / (一) / 1. / (1) / ① …) with spans into the normalised view.

Levels are not tied to a numbering style: the first style met becomes level 0, a new style nests under
the open heading, and a style already open closes everything below it. A marker only counts as a
heading when its number continues its list (or starts one at 1), so a body line that happens to begin
"2." after "5." stays body text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field

from .normalise import Line, NormView, lines
from .numerals import CIRCLED, cn_to_int

_CN = "一二三四五六七八九十"
# Order matters: the first pattern that matches a line wins.
_MARKERS: list[tuple[str, re.Pattern[str]]] = [
    ("cn_part", re.compile(rf"^第(?P<n>[{_CN}]{{1,3}})(?:部分|章)\s*[、.:,]?\s*")),
    ("cn_dun", re.compile(rf"^(?P<n>[{_CN}]{{1,3}})\s*[、.,]\s*")),
    ("cn_paren", re.compile(rf"^[(〔\[【]\s*(?P<n>[{_CN}]{{1,3}})\s*[)〕\]】]\s*[、.]?\s*")),
    ("num_paren", re.compile(r"^[(〔\[]\s*(?P<n>\d{1,3})\s*[)〕\]]\s*[、.]?\s*")),
    ("circled", re.compile(rf"^(?P<n>[{CIRCLED}])\s*[、.]?\s*")),
    ("num_dash", re.compile(r"^\d{1,2}\s*-\s*(?P<n>\d{1,3})(?!\d)\s*[、.,:]?\s*")),
    ("problem_n", re.compile(r"^问题\s*(?P<n>\d{1,3})\s*[:.、]\s*")),
    ("num_half_paren", re.compile(r"^(?P<n>\d{1,3})\s*\)\s*")),
    # 1. 1、 1． — but not a decimal (1.5亿元) unless a year follows (1.2013年以来…).
    ("num_dot", re.compile(r"^(?P<n>\d{1,3})\s*(?:[、,]|\.(?!\d)|\.(?=\d{4}年))\s*")),
]
# The characters a heading's marker can begin with: any other line is body text, and the markers
# are not tried on it.
_MARKER_START = frozenset(_CN + CIRCLED + "第问(〔[【")
_TITLE_START = re.compile(r"[\u4e00-\u9fff“‘\"'《(A-Za-z0-9]")
_COMMA = re.compile(r"[,:]")
_TITLE_MAX = 80
# A heading ends at a full stop, or at a colon that introduces its 整改情况/措施 paragraph.
_TITLE_END = re.compile(r"[。;!?]|:(?=\s*(?:整改|落实|具体|措施|进展|完成))")


@dataclass
class Heading:
    style: str
    num: int
    level: int
    start: int  # view offset of the marker
    title_start: int
    title_end: int
    title: str
    end: int = -1  # end of the whole node (children included)
    children: list[Heading] = field(default_factory=list)
    parent: Heading | None = None

    @property
    def body_start(self) -> int:
        return self.title_end

    @property
    def own_end(self) -> int:
        """End of the text that belongs to this heading before its first child."""
        return self.children[0].start if self.children else self.end

    def walk(self) -> Iterator[Heading]:
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass
class Outline:
    view: NormView
    lines: list[Line]
    roots: list[Heading]
    chrome: list[Line]
    # Line ends in order (lines never overlap): `body` starts at the first line a span reaches, so a
    # notice of many items costs each item its own lines, not a walk over the whole text.
    _ends: list[int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._ends = [line.end for line in self.lines]

    @property
    def preamble_end(self) -> int:
        return self.roots[0].start if self.roots else len(self.view.text)

    def body(self, start: int, end: int) -> list[Line]:
        """Non-chrome lines (clipped) between two view offsets."""
        out = []
        text = self.view.text
        for i in range(bisect_right(self._ends, start), len(self.lines)):
            line = self.lines[i]
            if line.start >= end:
                break
            s, e = max(line.start, start), min(line.end, end)
            part = text[s:e]
            stripped = part.strip()
            if stripped:
                lead = len(part) - len(part.lstrip())
                trail = len(part) - len(part.rstrip())
                out.append(Line(s + lead, e - trail, stripped))
        return out


_CHROME_WORDS = (
    "来源|发布时间|发布日期|时间|作者|责任编辑|编辑|浏览量|浏览次数|阅读|阅读量|点击数|访问量|分享|分享到|朗读|字号|"
    "字体|打印|关闭|关闭窗口|打印本页|信息索引号|索引号|文件名称|发布机构|成文日期|公开方式|公开范围|主题分类|文号|"
    "无障碍|长者模式|适老化|登录|注册|扫一扫|手机扫一扫|微信扫一扫|收藏|返回顶部|上一篇|下一篇|相关链接|当前位置|"
    "您当前的位置|首页"
)
_CHROME = re.compile(r"^[【\[]?\s*(?:" + _CHROME_WORDS + r")\s*[:】\]]?")
_PAGE_CHROME = re.compile(
    r"^(?:[-—–\s]*\d{1,3}[-—–\s]*|第\s*\d+\s*页(?:\s*[,/]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+)$"
)


# The characters a chrome line can begin with besides spaces and digits: most lines are prose, and
# neither pattern is tried on them.
_CHROME_START = frozenset("【[-—–第" + "".join(w[0] for w in _CHROME_WORDS.split("|")))


def is_chrome(text: str) -> bool:
    first = text[:1]
    if first not in _CHROME_START and not first.isspace() and not first.isdecimal():
        return False
    if _PAGE_CHROME.match(text):
        return True
    m = _CHROME.match(text)
    # A long line that starts with 时间 or 来源 is prose, not a page's metadata block.
    return bool(m) and (len(text) < 80 or "发布时间" in text[:40] or "来源" in text[:3])


def _match_marker(text: str) -> tuple[str, int, int] | None:
    if text[0] not in _MARKER_START and not text[0].isdecimal():
        return None
    for style, pattern in _MARKERS:
        m = pattern.match(text)
        if not m:
            continue
        raw = m.group("n")
        num = CIRCLED.index(raw) + 1 if raw in CIRCLED else (int(raw) if raw.isdigit() else cn_to_int(raw))
        if num is None or num < 1:
            continue
        rest = text[m.end() :]
        if not rest or not _TITLE_START.match(rest):
            continue
        return style, num, m.end()
    return None


def _split_title(text: str) -> int:
    """Length of the heading title within `text` (the line after its marker); the rest runs on as body."""
    m = _TITLE_END.search(text)
    if m and m.start() <= _TITLE_MAX:
        return m.start()
    if len(text) <= _TITLE_MAX:
        return len(text.rstrip("。;:,"))
    m = _COMMA.search(text)
    if m and m.start() <= 40:
        return m.start()
    return _TITLE_MAX


def parse(view: NormView) -> Outline:
    all_lines = lines(view)
    content: list[Line] = []
    chrome: list[Line] = []
    for ln in all_lines:
        (chrome if is_chrome(ln.text) else content).append(ln)
    roots: list[Heading] = []
    stack: list[Heading] = []
    last_num: dict[str, int] = {}
    for line in content:
        hit = _match_marker(line.text)
        if hit is None:
            continue
        style, num, marker_len = hit
        idx = next((i for i, h in enumerate(stack) if h.style == style), None)
        if idx is not None:
            # A skipped number or two is a typo in the report; a smaller one is body text.
            if not stack[idx].num < num <= stack[idx].num + 3:
                continue
            del stack[idx:]
        elif num != 1 and num != last_num.get(style, 0) + 1:
            continue
        rest = line.text[marker_len:]
        title_len = _split_title(rest)
        title_start = line.start + marker_len
        heading = Heading(
            style=style,
            num=num,
            level=len(stack),
            start=line.start,
            title_start=title_start,
            title_end=title_start + title_len,
            title=rest[:title_len].strip(),
            parent=stack[-1] if stack else None,
        )
        (stack[-1].children if stack else roots).append(heading)
        stack.append(heading)
        last_num[style] = num
    _close(roots, len(view.text))
    return Outline(view=view, lines=content, roots=roots, chrome=chrome)


def _close(nodes: list[Heading], end: int) -> None:
    for i, node in enumerate(nodes):
        node.end = nodes[i + 1].start if i + 1 < len(nodes) else end
        _close(node.children, node.end)
