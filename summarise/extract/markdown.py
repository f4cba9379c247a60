"""The text a reader sees in a markdown copy of a notice: marks gone, lines as the plain text has them.

News mirrors and static sites republish notices as markdown: YAML/TOML front matter, `**一、…**`
bold headings, `#` headings, `<!--more-->` cut marks (often inside the first paragraph), links and
images, bullet markers, escapes. Each source line stays one line, so the result has the structure of
the plain text, and the result is `source.text`, the string evidence points into.

A line-based reducer rather than a CommonMark renderer, for three reasons the genre makes plain:
CommonMark's flanking rules leave `**一、提高站位。**全文` unparsed (a closing `**` after full-width
punctuation and before a Chinese character does not close), a renderer joins the lines of a
paragraph that the notice means as separate paragraphs, and a renderer would renumber `1. ` lists,
whose numbers are the notice's own numbering and must stay as written. Every pattern is bounded or
stops at the next opener, so time stays linear in the input.
"""

from __future__ import annotations

import html
import re

# Front matter: `---` … `---` (YAML, `...` may close it) or `+++` … `+++` (TOML), at the very top.
_FRONT = re.compile(r"\A[\ufeff\s]*?(---|\+\+\+)[ \t]*\n(.*?)\n(?:\1|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_FRONT_KEY = re.compile(r"^[ \t]*[A-Za-z_][\w-]*[ \t]*[:=]", re.M)
_FRONT_TITLE = re.compile(r"^[ \t]*title[ \t]*[:=][ \t]*(?P<v>.*?)[ \t]*$", re.M | re.I)

_FENCE = re.compile(r"^[ \t]{0,3}(```+|~~~+)")
_ATX = re.compile(r"^[ \t]{0,3}#{1,6}(?:[ \t]+|(?=[\u3400-\u9fff（(〔【]))(?P<t>.*?)(?:[ \t]+#+)?[ \t]*$")
_RULE = re.compile(r"^[ \t]{0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,}|=+)$")
_QUOTE = re.compile(r"^[ \t]{0,3}(?:>[ \t]?)+")
_BULLET = re.compile(r"^[ \t]*[-*+][ \t]+(?=\S)")
_REF_DEF = re.compile(
    r"^[ \t]{0,3}\[[^\[\]\n]{1,200}\]:[ \t]*\S+(?:[ \t]+(?:\"[^\"\n]*\"|'[^'\n]*'|\([^()\n]*\)))?[ \t]*$"
)
_TABLE_SEP = re.compile(r"^[ \t]*\|?[ \t]*:?-{2,}:?[ \t]*(?:\|[ \t]*:?-{2,}:?[ \t]*)*\|?[ \t]*$")

# Inline: each pattern stops at the next opener of its kind, so a run of unclosed marks is linear.
_IMAGE = re.compile(r"!\[([^\[\]\n]{0,500})\](?:\([^()\n]{0,2000}\)|\[[^\[\]\n]{0,200}\])")
_LINK = re.compile(r"\[([^\[\]\n]{1,500})\](?:\([^()\n]{0,2000}\)|\[[^\[\]\n]{0,200}\])")
_AUTOLINK = re.compile(r"<((?:https?|ftp)://[^<>\s]{1,2000}|[\w.+-]{1,64}@[\w-]{1,64}(?:\.[\w-]{1,64})+)>")
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]{0,20}(?:\s[^<>\n]{0,500})?/?>")
_BR = re.compile(r"<br\s*/?>", re.I)
_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_CODE = re.compile(r"(?<!`)(`{1,3})([^`\n]{1,2000}?)\1(?!`)")
_STRONG = (
    re.compile(r"\*\*(?=\S)([^*\n]{1,2000}?(?:\*(?!\*)[^*\n]{0,2000}?)*)(?<=\S)\*\*"),
    re.compile(r"(?<![A-Za-z0-9_])__(?=\S)([^_\n]{1,2000}?)(?<=\S)__(?![A-Za-z0-9_])"),
    re.compile(r"~~(?=\S)([^~\n]{1,2000}?)(?<=\S)~~"),
)
_EM = (
    re.compile(r"(?<![*\\])\*(?=[^\s*])([^*\n]{1,2000}?)(?<=[^\s*\\])\*(?!\*)"),
    re.compile(r"(?<![A-Za-z0-9_\\])_(?=[^\s_])([^_\n]{1,2000}?)(?<=[^\s_\\])_(?![A-Za-z0-9_])"),
)
_ESCAPE = re.compile(r"\\([!\"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~])")
_HARD_BREAK = re.compile(r"(?:\\|[ \t]{2,})$")

# A line of links alone whose texts are page furniture (a trailing [来源](…), [阅读原文](…)): the link
# target is what it says, and the label alone is not part of the notice, so the line goes.
_LINKS_ONLY = re.compile(r"^[ \t]*(?:!?\[([^\[\]\n]{0,40})\]\([^()\n]{0,2000}\)[ \t|·/]*)+$")
_LINK_TEXT = re.compile(r"!?\[([^\[\]\n]{0,40})\]\(")
_FURNITURE = re.compile(
    r"[【\[]?(?:来源|信息来源|文章来源|原文|原文链接|原文地址|阅读原文|查看原文|点击查看原文|链接|返回|返回顶部|返回首页|"
    r"首页|上一篇|下一篇|分享|打印|关闭|source|link|back|top)?[】\]]?[:：]?",
    re.I,
)

# Evidence of markdown in a .txt: any one of front matter or comments; or two heading lines; or
# two kinds of mark among headings, bold lines, links and images.
_MD_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+\S", re.M)
_MD_BOLD_LINE = re.compile(r"^[ \t]*\*\*[^*\n]{1,300}\*\*", re.M)
_MD_LINK = re.compile(r"!?\[[^\[\]\n]{0,500}\]\((?:https?://|/|\.{1,2}/|#|mailto:)[^()\s]{0,2000}\)")
_MD_COMMENT = re.compile(r"<!--[^\n<>]{0,200}-->")


def looks_like_markdown(text: str) -> bool:
    """Clear evidence only: a plain notice with an odd `*` or `[1]` is never taken for markdown."""
    if _front_matter(text) is not None:
        return True
    if _MD_COMMENT.search(text):
        return True
    headings = len(_MD_HEADING.findall(text))
    bold = len(_MD_BOLD_LINE.findall(text))
    links = 1 if _MD_LINK.search(text) else 0
    if headings + bold >= 2:
        return True
    return (headings > 0) + (bold > 0) + links >= 2


def markdown_text(text: str) -> str:
    """The notice as a reader of the rendered page sees it, one paragraph a line.

    The front matter's `title` becomes the first line when the body has no title line of its own
    (a page generator shows it as the page heading); a body title is always preferred.
    """
    front = _front_matter(text)
    title = None
    if front is not None:
        meta, text = front
        title = _title(meta)
    lines: list[str] = []
    in_fence = False
    for raw in _drop_comments(text).split("\n"):
        if _FENCE.match(raw):
            in_fence = not in_fence
            continue
        if in_fence:
            lines.append(raw.rstrip())
            continue
        lines.append(_line(raw))
    lines = _squeeze(lines)
    if title and not _has_title(lines, title):
        lines = [title, *lines]
    return "\n".join(lines)


def _front_matter(text: str) -> tuple[str, str] | None:
    m = _FRONT.match(text)
    if not m or not _FRONT_KEY.search(m.group(2)):
        return None
    return m.group(2), text[m.end() :]


def _title(meta: str) -> str | None:
    m = _FRONT_TITLE.search(meta)
    if not m:
        return None
    value = m.group("v")
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        value = value[1:-1]
        if m.group("v")[0] == '"':
            value = value.replace('\\"', '"').replace("\\\\", "\\")
        else:
            value = value.replace("''", "'")
    value = _inline(value).strip()
    return value or None


def _drop_comments(text: str) -> str:
    """`<!--…-->` anywhere, across lines too; a comment alone on its line leaves no line behind."""
    out: list[str] = []
    pos, last = 0, "\n"
    while True:
        start = text.find("<!--", pos)
        end = text.find("-->", start + 4) if start >= 0 else -1
        if end < 0:
            break  # none left, or an unclosed one: the rest is text, as a renderer shows it
        before = text[pos:start].rstrip(" \t")
        spaced = len(before) < start - pos
        after = end + 3
        while after < len(text) and text[after] in " \t":
            after += 1
        spaced = spaced or after > end + 3
        prev = before[-1:] or last
        nxt = text[after : after + 1]
        if prev == "\n" and nxt in ("\n", ""):
            after += 1  # the comment filled its line
        elif spaced and _word(prev) and _word(nxt):
            before += " "  # between two Latin words a space stays; between Chinese ones it goes
        out.append(before)
        last = before[-1:] or last
        pos = after
    out.append(text[pos:])
    return "".join(out)


def _word(ch: str) -> bool:
    return bool(ch) and ch.isascii() and ch.isalnum()


def _line(raw: str) -> str:
    if _RULE.match(raw) or _REF_DEF.match(raw) or _TABLE_SEP.match(raw) or _furniture_links(raw):
        return ""
    line = _QUOTE.sub("", raw)
    heading = _ATX.match(line)
    line = heading.group("t") if heading else _BULLET.sub("", line)
    if line.lstrip().startswith("|") and line.rstrip().endswith("|"):
        line = " ".join(cell.strip() for cell in line.strip().strip("|").split("|"))
    line = _HARD_BREAK.sub("", line.rstrip("\n"))
    return _inline(line).rstrip()


def _furniture_links(line: str) -> bool:
    if "](" not in line or not _LINKS_ONLY.match(line):
        return False
    return all(_FURNITURE.fullmatch(m.group(1).strip()) for m in _LINK_TEXT.finditer(line))


def _inline(line: str) -> str:
    line = _CODE.sub(lambda m: m.group(2).strip() or m.group(2), line)
    line = _IMAGE.sub(lambda m: m.group(1), line)
    line = _AUTOLINK.sub(lambda m: m.group(1), line)
    line = _LINK.sub(lambda m: m.group(1), line)
    for pattern in (*_STRONG, *_EM):
        line = pattern.sub(lambda m: m.group(1), line)
    line = _BR.sub(" ", line)
    line = _HTML_TAG.sub("", line)
    line = _ESCAPE.sub(lambda m: m.group(1), line)
    return _ENTITY.sub(lambda m: html.unescape(m.group(0)), line)


def _squeeze(lines: list[str]) -> list[str]:
    """One paragraph a line, as the other extractors give it: the blank lines between them go."""
    return [line for line in lines if line.strip()]


_TITLE_LINE = re.compile(r"(?:通报|报告|公告|公示|通知)$|^关于.{2,}情况$")
_NUMBERED = re.compile(r"^[\s\u3000]*(?:[一二三四五六七八九十]{1,3}[、.]|[(（〔【\[]|\d)")
_SPACE = re.compile(r"[\s\u3000]+")


def _has_title(lines: list[str], title: str) -> bool:
    """The body opens with its own title: the front matter's, or a line before the introduction that
    reads like one (关于…的通报, not a numbered heading)."""
    head: list[str] = []
    for line in lines[:40]:
        if len(line.strip()) > 80 or (len(line.strip()) > 30 and "。" in line):
            break  # the introduction: a title comes before it or not at all
        head.append(line.strip())
    want = _SPACE.sub("", title)
    if want and want in _SPACE.sub("", "".join(lines[:40])):
        return True
    return any(_TITLE_LINE.search(line) and not _NUMBERED.match(line) for line in head)
